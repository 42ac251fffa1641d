// Script of /chat/index.html (no inline script: the pages' Content-Security-Policy forbids it).
// The lists come from the layout's live room list (Pulse.onRoomList: /ws/room-list/): new rooms,
// online counts and unread counts change in place. Until it arrives, the HTTP lists are shown.
function roomItem(room) {
  const li = document.createElement('li');
  li.dataset.room = room.name;
  const a = document.createElement('a');
  a.href = '/chat/room.html?room=' + encodeURIComponent(room.name);
  a.textContent = room.private ? room.with : '#' + room.name;
  li.appendChild(a);
  if (typeof room.online_count === 'number') {
    const online = document.createElement('span');
    online.className = 'muted online';
    online.textContent = room.online_count + ' online';
    li.appendChild(online);
  }
  if (room.unread_count > 0) {
    const unread = document.createElement('span');
    unread.className = 'badge unread';
    unread.setAttribute('aria-label', 'unread messages');
    unread.textContent = room.unread_count > 999 ? '999+' : String(room.unread_count);
    li.appendChild(unread);
  }
  return li;
}
function render(listId, rooms) {
  const list = document.getElementById(listId);
  list.replaceChildren(...rooms.map(roomItem));
}
function showError(id, text) {
  const el = document.getElementById(id); el.textContent = text; el.hidden = !text;
}
// Everyone with a Pulse page open: read once, then kept by user_online / user_offline.
const online = new Set();
function showOnline() {
  const list = document.getElementById('online-users');
  list.replaceChildren(...Array.from(online).sort().map(name => {
    const li = document.createElement('li');
    li.textContent = name;
    return li;
  }));
}
chatApi('GET', 'chat/online').then(o => { o.users.forEach(u => online.add(u)); showOnline(); }).catch(() => {});
let live = false;
Pulse.onRoomList((rooms, frame) => {
  if (frame.event === 'user_online' || frame.event === 'user_offline') {
    if (frame.event === 'user_online') online.add(frame.user); else online.delete(frame.user);
    showOnline();
    return;
  }
  live = true;
  const all = Object.values(rooms);
  // Rooms with something unread first, each group by name.
  const unreadFirst = key => (a, b) => (b.unread_count > 0) - (a.unread_count > 0) || key(a).localeCompare(key(b));
  render('rooms', all.filter(r => !r.private).sort(unreadFirst(r => r.name)));
  render('conversations', all.filter(r => r.private).sort(unreadFirst(r => r.with)));
});
(async () => {
  const rooms = await chatApi('GET', 'chat/rooms');
  const conversations = await chatApi('GET', 'chat/private');
  if (!live) {
    render('rooms', rooms);
    render('conversations', conversations.map(c => ({name: c.room, private: true, with: c.with, unread_count: 0})));
  }
})().catch(e => showError('error', e.message));
document.getElementById('start').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const c = await chatApi('POST', 'chat/private/' + encodeURIComponent(document.getElementById('with').value.trim()));
    location.href = '/chat/room.html?room=' + encodeURIComponent(c.room);
  } catch (err) {
    showError('error', err.message);
  }
});
document.getElementById('create').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const room = await chatApi('POST', 'chat/rooms', {name: document.getElementById('new-room').value.trim()});
    location.href = '/chat/room.html?room=' + encodeURIComponent(room.name);
  } catch (err) {
    showError('create-error', err.message);
  }
});
