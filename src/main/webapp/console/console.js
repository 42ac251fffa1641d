// Script of the socket console (/console/): a raw view of any socket, for developers.
let socket = null;
const state = document.getElementById('state');
const send = document.getElementById('send');
const disconnect = document.getElementById('disconnect');

function log(text) {
  const line = document.createElement('div');
  line.textContent = new Date().toISOString().substring(11, 23) + ' ' + text;
  document.getElementById('log').prepend(line);
}

function opened(isOpen) {
  send.disabled = !isOpen;
  disconnect.disabled = !isOpen;
}

document.getElementById('connect').addEventListener('click', () => {
  if (socket) socket.close();
  const path = document.getElementById('path').value;
  const current = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path);
  socket = current;
  Pulse.showSocketState(state, 'connecting');
  current.onopen = () => { log('open ' + path); Pulse.showSocketState(state, 'connected'); opened(true); };
  current.onmessage = (e) => log('<- ' + e.data);
  current.onclose = (e) => {
    log('closed ' + e.code + (e.reason ? ' ' + e.reason : ''));
    if (socket === current) { Pulse.showSocketState(state, 'closed'); opened(false); socket = null; }
  };
});
disconnect.addEventListener('click', () => { if (socket) socket.close(1000); });
send.addEventListener('click', () => {
  if (!socket || socket.readyState !== WebSocket.OPEN) { log('not connected: press Connect first'); return; }
  const text = document.getElementById('frame').value;
  socket.send(text);
  log('-> ' + text);
});
