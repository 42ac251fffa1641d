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

// Where to go after logging in: ?next= only when the browser's own URL parser resolves it to this
// origin (so "/\\evil.example", "/%09/evil.example" or "//evil.example" never leave the site); else "/".
// Without a ?next= the chat is where a fresh login goes.
function pulseNext() {
  const next = new URLSearchParams(location.search).get('next');
  if (next === null || next === '') return '/chat/';
  let url;
  try { url = new URL(next, location.origin); } catch (e) { return '/'; }
  // The absolute URL, not its path: a path such as "//evil.example" would be read as another host.
  return url.origin === location.origin ? url.href : '/';
}

function pulseShowError(text) {
  const el = document.getElementById('error');
  el.textContent = text;
  el.hidden = !text;
}
