// Script of /chat/index.html (no inline script: the pages' Content-Security-Policy forbids it).
function roomLink(room, label) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = '/chat/room.html?room=' + encodeURIComponent(room);
  a.textContent = label;
  li.appendChild(a);
  return li;
}
(async () => {
  const me = await chatApi('GET', 'accounts/me');
  document.getElementById('me').textContent = 'logged in as ' + me.username;
  for (const room of await chatApi('GET', 'chat/rooms')) {
    document.getElementById('rooms').appendChild(roomLink(room.name, '#' + room.name));
  }
  for (const c of await chatApi('GET', 'chat/private')) {
    document.getElementById('conversations').appendChild(roomLink(c.room, c.with));
  }
})();
document.getElementById('start').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const c = await chatApi('POST', 'chat/private/' + encodeURIComponent(document.getElementById('with').value.trim()));
    location.href = '/chat/room.html?room=' + encodeURIComponent(c.room);
  } catch (err) {
    const el = document.getElementById('error'); el.textContent = err.message; el.hidden = false;
  }
});
document.getElementById('logout').addEventListener('click', async (e) => {
  e.preventDefault();
  await fetch('/api/accounts/logout', {method: 'POST', credentials: 'same-origin'});
  location.href = '/accounts/login.html';
});
