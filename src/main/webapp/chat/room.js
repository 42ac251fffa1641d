// Script of /chat/room.html (no inline script: the pages' Content-Security-Policy forbids it).
const room = new URLSearchParams(location.search).get('room') || 'public-chat';
const title = document.getElementById('room-name');
title.textContent = '#' + room;
const list = document.getElementById('messages');
const error = document.getElementById('error');
function showError(text) { error.textContent = text; error.hidden = !text; }

// Who is typing: each name until its frame expires, a false arrives, or their message does.
const typists = new Map();
function showTypists() {
  const names = Array.from(typists.keys());
  document.getElementById('typing').textContent = names.length === 0 ? ''
    : names.length === 1 ? names[0] + ' is typing…'
    : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1] + ' are typing…';
}
function stopTypist(user) {
  if (typists.has(user)) { clearTimeout(typists.get(user)); typists.delete(user); showTypists(); }
}
// Who is here: read over HTTP on each connection, then kept by user_joined / user_left. A count
// that disagrees (an instance died and its users expired) reads the list again, after a jittered
// pause so a room full of pages does not ask at once. The list read is a snapshot taken at some
// moment while it is in flight: the joins and leaves heard meanwhile are replayed over it, in
// order, so a reply that left before our own join cannot erase it.
const people = new Set();
let peopleTimer = null;
let heardDuringRead = null;
let countDuringRead = null;
function showPeople() {
  document.getElementById('people').textContent = people.size === 0 ? 'nobody' : Array.from(people).sort().join(', ');
}
function applyPresence(user, present) {
  if (present) people.add(user); else people.delete(user);
}
function readPeople(delay) {
  if (peopleTimer || heardDuringRead) return;
  peopleTimer = setTimeout(() => {
    peopleTimer = null;
    heardDuringRead = [];
    countDuringRead = null;
    chatApi('GET', 'chat/rooms/' + encodeURIComponent(room) + '/online')
      .then(online => {
        people.clear();
        online.users.forEach(u => people.add(u));
        heardDuringRead.forEach(([user, present]) => applyPresence(user, present));
        heardDuringRead = null;
        showPeople();
        // A count heard meanwhile that still disagrees is one the read may have missed.
        if (countDuringRead !== null && countDuringRead !== people.size) readPeople(500 + Math.random() * 2000);
      })
      .catch(() => { heardDuringRead = null; /* the next count change asks again */ });
  }, delay);
}
let me = null;
Pulse.me.then(user => { me = user && user.username; });

// The read position follows what the user can see: new messages while the tab is visible.
let readTimer = null;
function markReadSoon() {
  if (document.visibilityState !== 'visible' || readTimer) return;
  readTimer = setTimeout(() => { readTimer = null; client.markRead(); }, 300);
}
document.addEventListener('visibilitychange', markReadSoon);

const client = PulseSocket.room(room, {
  message(m) {
    const li = document.createElement('li');
    li.dataset.id = m.id;
    const author = document.createElement('span'); author.className = 'author'; author.textContent = m.author;
    const body = document.createElement('span'); body.className = 'body'; body.textContent = m.body;
    const time = document.createElement('span'); time.className = 'time'; time.textContent = new Date(m.created).toLocaleTimeString();
    li.append(author, body, time);
    // In id order, whether it is live, replayed, loaded earlier or filled into a gap.
    const later = Array.from(list.children).find(other => Number(other.dataset.id) > m.id);
    list.insertBefore(li, later || null);
    if (!later) { list.scrollTop = list.scrollHeight; }
    stopTypist(m.author);
    markReadSoon();
  },
  presence(user, present) {
    if (heardDuringRead) heardDuringRead.push([user, present]);
    applyPresence(user, present);
    showPeople();
  },
  typing(frame) {
    if (frame.user === me) return;
    stopTypist(frame.user);
    if (frame.typing) {
      typists.set(frame.user, setTimeout(() => stopTypist(frame.user), frame.expires_in_ms));
      showTypists();
    }
  },
  onlineCount(n) {
    if (heardDuringRead) countDuringRead = n;
    if (n !== people.size) readPeople(500 + Math.random() * 2000);
    document.getElementById('online-count').textContent = n;
    document.getElementById('online').className = 'pill ' + (n > 0 ? 'live' : 'off');
  },
  error(text) { showError(text); },
  state(text) {
    Pulse.showSocketState(document.getElementById('connection'), text);
    if (text === 'connected') { markReadSoon(); readPeople(0); }
  }
});

// A private room is titled by the other person; a room the page may not open says why and stops.
chatApi('GET', 'chat/rooms/' + encodeURIComponent(room))
  .then(async details => {
    if (details.private) {
      const conversation = (await chatApi('GET', 'chat/private')).find(c => c.room === room);
      if (conversation) title.textContent = conversation.with;
    }
    document.title = title.textContent + ' · Pulse';
    client.connect();
  })
  .catch(e => {
    Pulse.showSocketState(document.getElementById('connection'), 'refused');
    document.getElementById('send').hidden = true;
    document.getElementById('load-earlier').hidden = true;
    showError(e.message);
  });

const loadEarlier = document.getElementById('load-earlier');
loadEarlier.addEventListener('click', () => {
  loadEarlier.disabled = true;
  client.loadEarlier(50)
    .then(more => { if (more) { loadEarlier.disabled = false; } else { loadEarlier.hidden = true; } })
    .catch(e => { loadEarlier.disabled = false; showError(e.message); });
});

document.getElementById('body').addEventListener('input', (e) => client.typing(e.target.value.trim() !== ''));

document.getElementById('send').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('body');
  if (input.value.trim() && client.send(input.value)) { input.value = ''; showError(''); }
});
