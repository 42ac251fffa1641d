// Script of /chat/room.html (no inline script: the pages' Content-Security-Policy forbids it).
const room = new URLSearchParams(location.search).get('room') || 'public-chat';
const title = document.getElementById('room-name');
title.textContent = '#' + room;
const list = document.getElementById('messages');
const error = document.getElementById('error');
function showError(text) { error.textContent = text; error.hidden = !text; }

const client = new RoomClient(room, {
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
  },
  onlineCount(n) {
    document.getElementById('online-count').textContent = n;
    document.getElementById('online').className = 'pill ' + (n > 0 ? 'live' : 'off');
  },
  error(text) { showError(text); },
  state(text) { Pulse.showSocketState(document.getElementById('connection'), text); }
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

document.getElementById('send').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('body');
  if (input.value.trim() && client.send(input.value)) { input.value = ''; showError(''); }
});
