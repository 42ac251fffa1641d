// Script of /chat/index.html (no inline script: the pages' Content-Security-Policy forbids it).
function roomLink(room, label) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = '/chat/room.html?room=' + encodeURIComponent(room);
  a.textContent = label;
  li.appendChild(a);
  return li;
}
function showError(text) {
  const el = document.getElementById('error'); el.textContent = text; el.hidden = !text;
}
(async () => {
  for (const room of await chatApi('GET', 'chat/rooms')) {
    document.getElementById('rooms').appendChild(roomLink(room.name, '#' + room.name));
  }
  for (const c of await chatApi('GET', 'chat/private')) {
    document.getElementById('conversations').appendChild(roomLink(c.room, c.with));
  }
})().catch(e => showError(e.message));
document.getElementById('start').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const c = await chatApi('POST', 'chat/private/' + encodeURIComponent(document.getElementById('with').value.trim()));
    location.href = '/chat/room.html?room=' + encodeURIComponent(c.room);
  } catch (err) {
    showError(err.message);
  }
});
