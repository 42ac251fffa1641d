// JSON calls for the chat pages; a missing login sends the browser to the login page and back.
async function chatApi(method, path) {
  const response = await fetch('/api/' + path, {method: method, credentials: 'same-origin'});
  if (response.status === 401) {
    location.href = '/accounts/login.html?next=' + encodeURIComponent(location.pathname + location.search);
    throw new Error('Not logged in');
  }
  let body = null;
  try { body = await response.json(); } catch (e) { /* no body */ }
  if (!response.ok) {
    throw new Error((body && (body.message || body.error)) || ('HTTP ' + response.status));
  }
  return body;
}
