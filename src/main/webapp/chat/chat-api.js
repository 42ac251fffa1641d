// JSON calls for the chat pages; a missing login sends the browser to the login page and back.
async function chatApi(method, path, body) {
  const init = {method: method, credentials: 'same-origin'};
  if (body !== undefined) {
    init.headers = {'Content-Type': 'application/json'};
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/api/' + path, init);
  if (response.status === 401) {
    location.href = '/accounts/login.html?next=' + encodeURIComponent(location.pathname + location.search);
    throw new Error('Not logged in');
  }
  let reply = null;
  try { reply = await response.json(); } catch (e) { /* no body */ }
  if (!response.ok) {
    throw new Error((reply && (reply.message || reply.error)) || ('HTTP ' + response.status));
  }
  return reply;
}
