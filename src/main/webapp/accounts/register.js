// Script of /accounts/register.html (no inline script: the pages' Content-Security-Policy forbids it).
document.getElementById('login-link').search = location.search;
document.getElementById('register').addEventListener('submit', async (e) => {
  e.preventDefault();
  const username = document.getElementById('username').value;
  const password = document.getElementById('password').value;
  const r = await pulseAccounts('register', username, password);
  if (!r.ok) { pulseShowError(r.body.message || r.body.error || ('Registration failed (' + r.status + ')')); return; }
  const login = await pulseAccounts('login', username, password);
  if (login.ok) { location.href = pulseNext(); } else { location.href = '/accounts/login.html' + location.search; }
});
