// Script of /accounts/login.html (no inline script: the pages' Content-Security-Policy forbids it).
document.getElementById('register-link').search = location.search;
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await pulseAccounts('login', document.getElementById('username').value, document.getElementById('password').value);
  if (!r.ok) { pulseShowError(r.body.message || r.body.error || ('Login failed (' + r.status + ')')); return; }
  // Forwarded here from a protected page (Jakarta Security login-to-continue): that page is this URL.
  if (location.pathname !== '/accounts/login.html') { location.reload(); return; }
  location.href = pulseNext();
});
