// Script of /notifications/: the user's notifications, unseen first, mark one or all as seen.
// Live: every frame of the layout's /ws/notifications/ socket (a new notification, or seen on another
// tab) reloads the list from GET /api/notifications, so every open tab shows the same state.
const list = document.getElementById('notifications');
const markAll = document.getElementById('mark-all');
const error = document.getElementById('error');

function showError(text) { error.textContent = text; error.hidden = !text; }

async function api(method, path) {
  const response = await fetch('/api/' + path, {method: method, credentials: 'same-origin', headers: {'Accept': 'application/json'}});
  let body = null;
  try { body = await response.json(); } catch (e) { /* no body */ }
  if (!response.ok) throw new Error((body && (body.message || body.error)) || ('HTTP ' + response.status));
  return body;
}

function item(n) {
  const li = document.createElement('li');
  li.className = 'card notification' + (n.seen ? ' seen' : ' unseen');
  li.dataset.id = n.id;
  const text = document.createElement('p');
  text.className = 'message';
  text.textContent = n.message;
  const meta = document.createElement('div');
  meta.className = 'row muted';
  const when = document.createElement('span');
  when.textContent = new Date(n.created_at).toLocaleString() + (n.for_everyone ? ' · for everyone' : ' · for you');
  meta.appendChild(when);
  if (!n.seen) {
    const mark = document.createElement('button');
    mark.type = 'button';
    mark.className = 'secondary mark-seen';
    mark.textContent = 'Mark as seen';
    mark.addEventListener('click', () => {
      mark.disabled = true;
      api('POST', 'notifications/' + n.id + '/seen').then(load).catch(e => { mark.disabled = false; showError(e.message); });
    });
    meta.appendChild(mark);
  }
  li.append(text, meta);
  return li;
}

async function load() {
  try {
    const mine = await api('GET', 'notifications');
    // Unseen first, newest first within each.
    const sorted = mine.notifications.slice().sort((a, b) => (a.seen - b.seen) || (b.id - a.id));
    list.replaceChildren(...sorted.map(item));
    document.getElementById('empty').hidden = sorted.length > 0;
    document.getElementById('unseen-summary').textContent = mine.count === 0 ? 'All seen' : mine.count + ' unseen';
    markAll.disabled = mine.count === 0;
    showError('');
  } catch (e) {
    showError(e.message);
  }
}

markAll.addEventListener('click', () => {
  markAll.disabled = true;
  api('POST', 'notifications/seen').then(load).catch(e => { markAll.disabled = false; showError(e.message); });
});

Pulse.me.then(user => {
  if (!user) {
    document.getElementById('anonymous').hidden = false;
    return;
  }
  load();
  Pulse.onNotification(load);
});
