// Script of /index.html (no inline script: the pages' Content-Security-Policy forbids it).
let socket;
const log = (text) => {
  const line = document.createElement('div');
  line.textContent = new Date().toISOString().substring(11, 23) + ' ' + text;
  document.getElementById('log').prepend(line);
};
document.getElementById('connect').onclick = () => {
  if (socket) socket.close();
  const path = document.getElementById('path').value;
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path);
  socket.onopen = () => log('open ' + path);
  socket.onmessage = (e) => log('<- ' + e.data);
  socket.onclose = (e) => log('closed ' + e.code + ' ' + e.reason);
};
document.getElementById('send').onclick = () => {
  const text = document.getElementById('frame').value;
  socket.send(text);
  log('-> ' + text);
};
