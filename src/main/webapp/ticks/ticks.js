// Script of /ticks/ (seed 000 on /ws/tick/): pick a symbol, start and stop the stream, a live tick
// chart and candlestick chart updated in place, the bot's trade results with running totals.
// Frames (docs/market.md): connected, subscribed, tick_update, candle_update, trade_results_started,
// trade_update, stopped, error. Nothing from the server is parsed as HTML.
(function () {
  'use strict';
  var C = window.PulseCharts;
  var KEEP_TICKS = 120;
  var KEEP_CANDLES = 60;
  var KEEP_TRADES = 100;

  var $ = function (id) { return document.getElementById(id); };
  var select = $('symbol');
  var stateNode = $('tick-state');
  var errorNode = $('tick-error');
  var tbody = document.querySelector('#trades tbody');

  var clientId = 'web-' + Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(4)),
    function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  var socket = null;
  var running = false;        // the user asked for the stream
  var streaming = false;      // the server confirmed it
  var symbol = new URLSearchParams(location.search).get('symbol') || select.value;
  var ticks = [];             // [[epoch ms, price]]
  var candles = [];           // [{time, open, high, low, close}]
  var candleInterval = 60000;
  var tickCount = 0;
  var totals = {trades: 0, won: 0, lost: 0, cents: 0};

  var tickChart = C.chart($('tick-chart'));
  var candleChart = C.chart($('candle-chart'));

  function state(word) { Pulse.showSocketState(stateNode, word); }

  function showError(message) {
    errorNode.textContent = message || '';
    errorNode.hidden = !message;
  }

  // ---- charts: data changes mark them dirty, one redraw per animation frame
  var dirty = false;
  function redraw() {
    dirty = false;
    // At least 20 ticks wide at the stream's own pace (1 s by default), so the first ticks are not squeezed
    // into one edge nor a single tick stretched over years.
    var pace = ticks.length > 1 ? (ticks[ticks.length - 1][0] - ticks[0][0]) / (ticks.length - 1) : 1000;
    tickChart.setOption(C.lineOption(ticks, {name: symbol, minSpan: Math.max(1000, 20 * pace), width: tickChart.getWidth()}));
    candleChart.setOption(C.candleOption(candles, {name: symbol, intervalMs: candleInterval, minCandles: 12,
      width: candleChart.getWidth()}));
    $('candle-seconds').textContent = String(Math.round(candleInterval / 1000));
    $('tick-chart').dataset.theme = $('candle-chart').dataset.theme = Pulse.theme();
  }
  function changed() {
    if (!dirty) { dirty = true; requestAnimationFrame(redraw); }
  }
  Pulse.onThemeChange(function () { redraw(); });
  new ResizeObserver(changed).observe($('candle-chart'));

  function resetStream() {
    ticks = [];
    candles = [];
    tickCount = 0;
    $('last-price').textContent = '–';
    $('last-price').className = '';
    $('tick-count').textContent = '0';
    $('candle-ohlc').textContent = '–';
    $('candle-count').textContent = '0';
    changed();
  }

  // ---- frames
  function onTick(frame) {
    if (frame.symbol !== symbol) return;
    var previous = ticks.length ? ticks[ticks.length - 1][1] : null;
    ticks.push([frame.epoch, frame.price]);
    if (ticks.length > KEEP_TICKS) ticks.shift();
    tickCount++;
    var last = $('last-price');
    last.textContent = C.money(frame.price);
    last.className = previous === null || frame.price === previous ? '' : frame.price > previous ? 'up' : 'down';
    $('tick-count').textContent = String(tickCount);
    changed();
  }

  function onCandle(frame) {
    if (frame.symbol !== symbol || !frame.candle) return;
    var c = frame.candle;
    candleInterval = (c.interval || 60) * 1000;
    var bar = {time: c.epoch * 1000, open: c.open, high: c.high, low: c.low, close: c.close};
    var last = candles[candles.length - 1];
    if (last && last.time === bar.time) candles[candles.length - 1] = bar;
    else if (!last || bar.time > last.time) {
      candles.push(bar);
      if (candles.length > KEEP_CANDLES) candles.shift();
    }
    $('candle-ohlc').textContent = [c.open, c.high, c.low, c.close].map(C.money).join(' / ');
    $('candle-count').textContent = String(candles.length);
    changed();
  }

  function tag(text, className) { return C.el('span', 'tag ' + className, text); }

  function onTrade(data) {
    if (!data) return;
    var won = data.status === 'Won';
    totals.trades++;
    if (won) totals.won++; else totals.lost++;
    totals.cents += Math.round(Number(data.profit) * 100);
    $('trade-total').textContent = String(totals.trades);
    $('trade-won').textContent = String(totals.won);
    $('trade-won').className = totals.won ? 'up' : '';
    $('trade-lost').textContent = String(totals.lost);
    $('trade-lost').className = totals.lost ? 'down' : '';
    var profit = $('trade-profit');
    profit.textContent = C.signed(totals.cents / 100);
    profit.className = totals.cents > 0 ? 'up' : totals.cents < 0 ? 'down' : '';

    var row = document.createElement('tr');
    row.className = 'fresh ' + (won ? 'won' : 'lost');
    var cells = [
      C.el('td', 'time', C.clock(Date.now(), true)),
      C.el('td', 'contract'),
      C.el('td', 'symbol', data.symbol),
      C.el('td', 'prices', C.money(data.entry_price) + ' → ' + C.money(data.exit_price)),
      C.el('td', 'status'),
      C.el('td', 'profit ' + (won ? 'up' : 'down'), C.signed(Number(data.profit)))
    ];
    cells[1].appendChild(tag(data.contract, data.contract === 'CALL' ? 'up' : 'down'));
    cells[4].appendChild(tag(data.status, won ? 'up' : 'down'));
    cells.forEach(function (cell) { row.appendChild(cell); });
    tbody.insertBefore(row, tbody.firstChild);
    while (tbody.children.length > KEEP_TRADES) tbody.removeChild(tbody.lastChild);
    $('trades-empty').hidden = true;
  }

  function onFrame(frame) {
    switch (frame.event) {
      case 'connected':
        $('client-id').textContent = 'client ' + frame.client_id;
        break;
      case 'subscribed':
        if (frame.symbol === symbol && running) { streaming = true; state('streaming'); }
        break;
      case 'tick_update': onTick(frame); break;
      case 'candle_update': onCandle(frame); break;
      case 'trade_update': onTrade(frame.data); break;
      case 'stopped':
        if (!running) { streaming = false; state('stopped'); }
        break;
      case 'error':
        showError(frame.message);
        break;
      default:
        break;
    }
  }

  // ---- socket
  function send(frame) {
    if (socket) socket.send(frame);
  }

  function startStream() {
    showError('');
    send({event: 'subscribe_ticks', symbol: symbol});
    send({event: 'show_trade_results'});
  }

  function connect() {
    socket = PulseSocket.open('/ws/tick/?client_id=' + encodeURIComponent(clientId), {
      state: function (text) {
        if (text !== 'connected' && text !== 'refused') state(text);
      },
      open: function () {
        state('connected');
        if (running) startStream();
      },
      frame: onFrame,
      closed: function () { streaming = false; },
      refused: function (reason) {
        // Refused: retrying cannot help, and neither control can do anything any more.
        running = false;
        buttons();
        $('start').disabled = true;
        state('refused');
        showError(reason);
      }
    });
  }


  function buttons() {
    $('start').disabled = running;
    $('stop').disabled = !running;
  }

  $('start').addEventListener('click', function () {
    running = true;
    buttons();
    startStream();
  });

  $('stop').addEventListener('click', function () {
    running = false;
    buttons();
    send({event: 'stop_all'});
  });

  select.addEventListener('change', function () {
    if (select.value === symbol) return;
    symbol = select.value;
    resetStream();
    if (running) {
      streaming = false;
      send({event: 'stop_all'});
      startStream();
    }
  });

  $('clear-trades').addEventListener('click', function () {
    totals = {trades: 0, won: 0, lost: 0, cents: 0};
    tbody.textContent = '';
    ['trade-total', 'trade-won', 'trade-lost'].forEach(function (id) { $(id).textContent = '0'; $(id).className = ''; });
    $('trade-profit').textContent = '0.00';
    $('trade-profit').className = '';
    $('trades-empty').hidden = false;
  });

  // The catalog for the picker; the default symbol stays if the list cannot be had.
  fetch('/api/market', {headers: {'Accept': 'application/json'}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) {
      if (!body || !body.assets) return;
      select.textContent = '';
      body.assets.forEach(function (asset) {
        var option = C.el('option', null, asset.symbol + ' · ' + asset.name);
        option.value = asset.symbol;
        select.appendChild(option);
      });
      if (!body.assets.some(function (a) { return a.symbol === symbol; })) symbol = 'SYMBOL_XYZ';
      select.value = symbol;
    })
    .catch(function () { /* keep the default */ });

  buttons();
  redraw();
  connect();
})();
