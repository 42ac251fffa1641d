// Shared by the login and registration pages: JSON calls to /api/accounts/*.
async function pulseAccounts(path, username, password) {
  const response = await fetch('/api/accounts/' + path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    credentials: 'same-origin',
    body: JSON.stringify({username: username, password: password})
  });
  let body = {};
  try { body = await response.json(); } catch (e) { /* empty body */ }
  return {ok: response.ok, status: response.status, body: body};
}

function pulseNext() {
  const next = new URLSearchParams(location.search).get('next');
  // Only same-site paths: never redirect to another host after login.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/chat/';
}

function pulseShowError(text) {
  const el = document.getElementById('error');
  el.textContent = text;
  el.hidden = !text;
}
