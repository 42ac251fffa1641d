// Script of /realtime/dashboard/ (no inline script: the pages' Content-Security-Policy forbids it).
(function () {
  const symbols = (new URLSearchParams(location.search).get('symbols') || 'AAPL,GOOGL,MSFT,AMZN,TSLA').split(',');
  let selected = symbols[0];
  const series = {};
  const tbody = document.querySelector('#prices tbody');
  symbols.forEach(symbol => {
    series[symbol] = [[], []];
    const row = document.createElement('tr');
    row.id = 'row-' + symbol;
    row.dataset.symbol = symbol;
    // Cells built as elements with text: the symbols come from the URL and are never parsed as HTML.
    ['symbol', 'price', 'change', 'change-percent', 'high', 'low', 'volume'].forEach(name => {
      const cell = document.createElement('td');
      cell.className = name;
      cell.textContent = name === 'symbol' ? symbol : (name === 'price' ? '–' : '');
      row.appendChild(cell);
    });
    row.onclick = () => select(symbol);
    tbody.appendChild(row);
  });
  const chart = new uPlot({ width: 800, height: 300, series: [{}, { label: 'price', stroke: '#1f6feb' }] },
    series[selected], document.getElementById('chart'));

  function select(symbol) {
    selected = symbol;
    document.getElementById('chart-title').textContent = symbol;
    document.querySelectorAll('#prices tr').forEach(r => r.classList.toggle('selected', r.dataset.symbol === symbol));
    chart.setData(series[symbol]);
  }

  function show(data) {
    const row = document.getElementById('row-' + data.symbol);
    if (!row) return;
    const cell = name => row.querySelector('.' + name);
    cell('price').textContent = data.price.toFixed(2);
    cell('change').textContent = data.change.toFixed(2);
    cell('change-percent').textContent = data.change_percent.toFixed(2) + '%';
    cell('high').textContent = data.high.toFixed(2);
    cell('low').textContent = data.low.toFixed(2);
    cell('volume').textContent = data.volume;
    row.className = (data.change >= 0 ? 'up' : 'down') + (data.symbol === selected ? ' selected' : '');
    const s = series[data.symbol];
    s[0].push(Date.now() / 1000);
    s[1].push(data.price);
    if (s[0].length > 500) { s[0].shift(); s[1].shift(); }
    if (data.symbol === selected) chart.setData(s);
  }

  function connect() {
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/realtime/');
    const send = (type, data) => socket.send(JSON.stringify({ type, data, timestamp: new Date().toISOString() }));
    socket.onopen = () => {
      document.getElementById('state').textContent = 'connected';
      symbols.forEach(symbol => send('subscribe_asset', { symbol }));
    };
    socket.onmessage = event => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection') document.getElementById('connection-id').textContent = message.data.connection_id;
      if (message.type === 'asset_update') show(message.data);
    };
    socket.onclose = () => {
      document.getElementById('state').textContent = 'reconnecting';
      setTimeout(connect, 2000);
    };
  }
  select(selected);
  connect();
})();
