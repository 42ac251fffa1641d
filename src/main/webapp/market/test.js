// Script of /realtime/test/ (no inline script: the pages' Content-Security-Policy forbids it).
(function () {
  let socket = null;
  const log = text => {
    const el = document.getElementById('log');
    el.textContent += new Date().toISOString() + ' ' + text + '\n';
    el.scrollTop = el.scrollHeight;
  };
  // The pill keeps the socket's own words (connecting, open, closed), coloured like the other pages'.
  const state = text => {
    const el = document.getElementById('state');
    el.textContent = text;
    el.className = 'pill ' + (text === 'open' ? 'live' : 'off');
  };
  const send = (type, data) => {
    if (!socket || socket.readyState !== WebSocket.OPEN) { log('not connected'); return; }
    const frame = JSON.stringify({ type, data, timestamp: new Date().toISOString() });
    log('> ' + frame);
    socket.send(frame);
  };
  document.getElementById('connect').onclick = () => {
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/realtime/');
    state('connecting');
    socket.onopen = () => state('open');
    socket.onmessage = event => log('< ' + event.data);
    socket.onclose = event => { state('closed'); log('closed ' + event.code + ' ' + event.reason); };
  };
  document.getElementById('disconnect').onclick = () => socket && socket.close();
  document.getElementById('ping').onclick = () => send('ping', {});
  const symbol = () => document.getElementById('symbol').value.trim();
  document.getElementById('subscribe').onclick = () => send('subscribe_asset', { symbol: symbol() });
  document.getElementById('unsubscribe').onclick = () => send('unsubscribe_asset', { symbol: symbol() });
})();
