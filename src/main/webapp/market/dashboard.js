// Script of /realtime/dashboard/ (seed 001 on /ws/realtime/): a live price table, a chart of the
// selected symbol that opens with its stored history (GET /api/market/{symbol}/history) and then
// continues from the socket, as a line or as candles, and the logged-in user's portfolios with live
// values (subscribe_portfolio). Cells are built as text: symbols come from the URL and are never HTML.
(function () {
  'use strict';
  var C = window.PulseCharts;
  var KEEP_POINTS = 1000;
  var HISTORY_POINTS = 300;
  var MODE_KEY = 'pulse.chartMode';

  var $ = function (id) { return document.getElementById(id); };
  var symbols = (new URLSearchParams(location.search).get('symbols') || 'AAPL,GOOGL,MSFT,AMZN,TSLA').split(',')
    // The server upper-cases symbols; a repeated one would make two rows with one id.
    .map(function (s) { return s.trim().toUpperCase(); })
    .filter(function (s, i, all) { return s && all.indexOf(s) === i; });
  if (!symbols.length) symbols = ['AAPL', 'GOOGL', 'MSFT', 'AMZN', 'TSLA'];
  var selected = symbols[0];
  var series = {};   // symbol -> {prices: [[ms, price]], candles: [...], interval: ms, history: state, name, quote}
  var portfolios = {};  // id -> {row, data}
  var socket = null;
  var connectedOnce = false;
  var mode = 'line';
  try { mode = localStorage.getItem(MODE_KEY) === 'candles' ? 'candles' : 'line'; } catch (e) { /* default */ }

  var stateNode = $('state');
  var chartNode = $('chart');
  var chart = C.chart(chartNode);

  // ---- the price table
  var tbody = document.querySelector('#prices tbody');
  symbols.forEach(function (symbol) {
    series[symbol] = {prices: [], candles: [], interval: 60000, history: 'none', name: '', quote: null};
    var row = document.createElement('tr');
    row.id = 'row-' + symbol;
    row.dataset.symbol = symbol;
    row.tabIndex = 0;
    ['symbol', 'price', 'change', 'change-percent', 'high', 'low', 'volume'].forEach(function (name) {
      row.appendChild(C.el('td', name, name === 'symbol' ? symbol : (name === 'price' ? '–' : '')));
    });
    row.addEventListener('click', function () { select(symbol); });
    row.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(symbol); } });
    tbody.appendChild(row);
  });

  // ---- the chart
  var dirty = false;
  function redraw() {
    dirty = false;
    var s = series[selected];
    if (!s) return;
    var option = mode === 'candles'
      ? C.candleOption(s.candles, {name: selected, intervalMs: s.interval, minCandles: 20, width: chart.getWidth()})
      : C.lineOption(s.prices, {name: selected, minSpan: 2 * 60000, width: chart.getWidth()});
    chart.setOption(option, {notMerge: true});
    chartNode.dataset.mode = mode;
    chartNode.dataset.theme = Pulse.theme();
    chartNode.dataset.symbol = selected;
    chartNode.dataset.points = String(s.prices.length);
    chartNode.dataset.candles = String(s.candles.length);
    chartNode.dataset.history = s.history;
    info(s);
  }
  function changed() {
    if (!dirty) { dirty = true; requestAnimationFrame(redraw); }
  }
  Pulse.onThemeChange(function () { redraw(); });
  new ResizeObserver(changed).observe(chartNode);

  function info(s) {
    var text;
    if (s.history === 'loading') text = 'Loading history…';
    else if (s.history === 'missing') text = 'No stored history for this symbol; live prices only.';
    else if (s.history === 'failed') text = 'History unavailable right now; live prices only.';
    else {
      var first = s.prices.length ? s.prices[0][0] : null;
      text = s.prices.length + ' prices' + (first ? ' since ' + new Date(first).toLocaleString() : '') + ' · ' +
        s.candles.length + ' candles of ' + Math.round(s.interval / 1000) + ' s · live';
    }
    $('chart-info').textContent = text;
  }

  function setMode(next) {
    mode = next;
    try { localStorage.setItem(MODE_KEY, mode); } catch (e) { /* this page only */ }
    $('mode-line').setAttribute('aria-pressed', String(mode === 'line'));
    $('mode-candles').setAttribute('aria-pressed', String(mode === 'candles'));
    redraw();
  }
  $('mode-line').addEventListener('click', function () { setMode('line'); });
  $('mode-candles').addEventListener('click', function () { setMode('candles'); });

  function showQuote(symbol) {
    var s = series[symbol];
    var q = s && s.quote;
    if (symbol !== selected) return;
    $('chart-price').textContent = q ? C.money(q.price) : '–';
    var change = $('chart-change');
    change.textContent = q ? C.signed(q.change) + ' (' + C.signed(q.change_percent, '%') + ')' : '–';
    change.className = q ? (q.change > 0 ? 'up' : q.change < 0 ? 'down' : '') : '';
    $('chart-range').textContent = q ? C.money(q.high) + ' / ' + C.money(q.low) : '–';
  }

  function select(symbol) {
    selected = symbol;
    $('chart-title').textContent = symbol;
    $('chart-name').textContent = series[symbol].name;
    document.querySelectorAll('#prices tbody tr').forEach(function (r) {
      r.classList.toggle('selected', r.dataset.symbol === symbol);
      r.setAttribute('aria-selected', String(r.dataset.symbol === symbol));
    });
    showQuote(symbol);
    if (series[symbol].history !== 'loaded' && series[symbol].history !== 'loading') loadHistory(symbol);
    redraw();
  }

  // Stored history first; live points that arrived meanwhile are kept when newer than it.
  function loadHistory(symbol) {
    var s = series[symbol];
    s.history = 'loading';
    fetch('/api/market/' + encodeURIComponent(symbol) + '/history?points=' + HISTORY_POINTS,
      {headers: {'Accept': 'application/json'}})
      .then(function (r) {
        if (r.status === 404 || r.status === 400) return 'missing';
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (body) {
        if (body === 'missing') { s.history = 'missing'; return; }
        var live = s.prices;
        s.interval = (body.interval || 60) * 1000;
        s.name = body.name || '';
        s.prices = body.prices.map(function (p) { return [Date.parse(p.time), p.price]; });
        s.candles = body.candles.map(function (c) {
          return {time: Date.parse(c.time), open: c.open, high: c.high, low: c.low, close: c.close};
        });
        var last = s.prices.length ? s.prices[s.prices.length - 1][0] : -Infinity;
        live.forEach(function (p) {
          if (p[0] > last) {
            s.prices.push(p);
            C.foldCandle(s.candles, p[0], p[1], s.interval, KEEP_POINTS);
          }
        });
        s.history = 'loaded';
        if (symbol === selected) $('chart-name').textContent = s.name;
      })
      .catch(function () { s.history = 'failed'; })
      .then(function () { if (symbol === selected) redraw(); });
  }

  function fixed(value) { return typeof value === 'number' ? value.toFixed(2) : '–'; }

  function onAsset(data, timestamp) {
    var row = document.getElementById('row-' + data.symbol);
    var s = series[data.symbol];
    if (!row || !s) return;
    var cell = function (name) { return row.querySelector('.' + name); };
    var direction = data.change > 0 ? 'up' : data.change < 0 ? 'down' : '';
    cell('price').textContent = fixed(data.price);
    cell('change').textContent = fixed(data.change);
    cell('change-percent').textContent = fixed(data.change_percent) + '%';
    cell('high').textContent = fixed(data.high);
    cell('low').textContent = fixed(data.low);
    cell('volume').textContent = String(data.volume);
    row.classList.remove('refused');
    row.removeAttribute('title');
    ['price', 'change', 'change-percent'].forEach(function (name) { cell(name).className = name + (direction ? ' ' + direction : ''); });
    s.quote = data;
    var at = Date.parse(timestamp) || Date.now();
    var last = s.prices[s.prices.length - 1];
    if (!last || at >= last[0]) {
      s.prices.push([at, data.price]);
      if (s.prices.length > KEEP_POINTS) s.prices.shift();
      C.foldCandle(s.candles, at, data.price, s.interval, KEEP_POINTS);
    }
    if (data.symbol === selected) { showQuote(data.symbol); changed(); }
  }

  // ---- portfolios (logged-in users; owner only on the server too)
  var portfoliosNode = $('portfolios');

  function message(text, linkText, href) {
    portfoliosNode.textContent = '';
    var p = C.el('p', 'empty', text);
    if (linkText) {
      p.appendChild(document.createTextNode(' '));
      var a = C.el('a', null, linkText);
      a.href = href;
      p.appendChild(a);
    }
    portfoliosNode.appendChild(p);
  }

  function showPortfolio(entry, data) {
    entry.note.textContent = '';
    entry.cells.value.textContent = C.money(data.total_value);
    var change = C.signed(data.daily_change) + ' (' + C.signed(data.daily_change_percent, '%') + ')';
    entry.cells.change.textContent = change;
    entry.cells.change.className = 'change ' + (data.daily_change > 0 ? 'up' : data.daily_change < 0 ? 'down' : '');
  }

  function renderPortfolios(list) {
    portfoliosNode.textContent = '';
    portfolios = {};
    var choice = $('holding-portfolio');
    var chosen = choice.value;
    choice.textContent = '';
    list.forEach(function (p) {
      var option = C.el('option', null, p.name);
      option.value = String(p.id);
      choice.appendChild(option);
    });
    if (chosen && list.some(function (p) { return String(p.id) === chosen; })) choice.value = chosen;
    $('holding-form').hidden = !list.length;
    if (!list.length) {
      message('You have no portfolios yet: create one below, add holdings, and its value follows the prices here, live.');
      return;
    }
    var wrap = C.el('div', 'table-wrap');
    var table = C.el('table');
    table.id = 'portfolio-table';
    var head = C.el('tr');
    ['Portfolio', 'Value', 'Today'].forEach(function (h) { head.appendChild(C.el('th', null, h)); });
    table.appendChild(C.el('thead')).appendChild(head);
    var body = table.appendChild(C.el('tbody'));
    list.forEach(function (p) {
      var row = C.el('tr');
      row.id = 'portfolio-' + p.id;
      var name = C.el('td', 'name');
      name.appendChild(C.el('div', null, p.name));
      name.appendChild(C.el('div', 'muted', (p.positions || []).map(function (h) { return h.quantity + ' ' + h.symbol; }).join(' · ') || 'no holdings'));
      var entry = {cells: {value: C.el('td', 'value num'), change: C.el('td', 'change')}, note: C.el('div', 'muted note')};
      name.appendChild(entry.note);
      row.appendChild(name);
      row.appendChild(entry.cells.value);
      row.appendChild(entry.cells.change);
      body.appendChild(row);
      portfolios[p.id] = entry;
      showPortfolio(entry, p);
    });
    wrap.appendChild(table);
    portfoliosNode.appendChild(wrap);
    subscribePortfolios();
  }

  function subscribePortfolios() {
    Object.keys(portfolios).forEach(function (id) {
      subscribe('subscribe_portfolio', {portfolio_id: Number(id)}, function (reason) {
        if (portfolios[id]) portfolios[id].note.textContent = 'not live: ' + reason;
        noteRefusal(reason);
      });
    });
  }

  function loadPortfolios() {
    return fetch('/api/portfolios', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (body) { renderPortfolios(body.portfolios || []); })
      .catch(function () { message('Your portfolios cannot be loaded right now.'); });
  }

  // The portfolio API (same origin, session cookie); its error messages are shown as text.
  function post(path, body) {
    return fetch(path, {method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (answer) {
          if (!r.ok) throw new Error(answer.message || 'The server answered ' + r.status);
          return answer;
        });
      });
  }

  function portfolioError(text) {
    $('portfolio-error').textContent = text || '';
    $('portfolio-error').hidden = !text;
  }

  $('portfolio-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var name = $('portfolio-name').value.trim();
    if (!name) return;
    post('/api/portfolios', {name: name})
      .then(function (created) {
        $('portfolio-name').value = '';
        portfolioError('');
        $('holding-portfolio').value = String(created.id);
        return loadPortfolios().then(function () { $('holding-portfolio').value = String(created.id); });
      })
      .catch(function (e) { portfolioError(e.message); });
  });

  $('holding-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = $('holding-portfolio').value;
    var quantity = Number($('holding-quantity').value);
    if (!id || !isFinite(quantity)) return;
    post('/api/portfolios/' + encodeURIComponent(id) + '/positions', {symbol: $('holding-symbol').value, quantity: quantity})
      .then(function () { $('holding-quantity').value = ''; portfolioError(''); return loadPortfolios(); })
      .catch(function (e) { portfolioError(e.message); });
  });

  Pulse.me.then(function (user) {
    if (!user) {
      message('Log in to see your portfolios with live values.', 'Log in',
        '/accounts/login.html?next=' + encodeURIComponent(location.pathname + location.search));
      return;
    }
    $('portfolio-form').hidden = false;
    fetch('/api/market', {headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : {assets: []}; })
      .then(function (body) {
        (body.assets || []).forEach(function (asset) {
          var option = C.el('option', null, asset.symbol);
          option.value = asset.symbol;
          option.title = asset.name;
          $('holding-symbol').appendChild(option);
        });
      })
      .catch(function () { /* the form stays without symbols */ });
    loadPortfolios();
  });

  // ---- the socket
  // Subscriptions awaiting their answer, in order: the server answers each subscribe, in order, with
  // subscription_confirmed or an error (which does not name the subscription it refuses).
  var pending = [];
  var REFUSALS = ['subscription_limit', 'unknown_symbol', 'not_authorized', 'missing_field', 'invalid_message'];

  function subscribe(type, data, refused) {
    pending.push(refused);
    send(type, data);
  }

  function refusedAsset(symbol) {
    return function (reason) {
      var row = document.getElementById('row-' + symbol);
      if (!row) return;
      row.classList.add('refused');
      row.title = reason;
      row.querySelector('.price').textContent = 'not live';
      noteRefusal(reason);
    };
  }

  function noteRefusal(reason) {
    var note = $('subscription-note');
    note.textContent = 'Not everything is live: ' + reason + '.';
    note.hidden = false;
  }

  function send(type, data) {
    if (socket) {
      socket.send({type: type, data: data, timestamp: new Date().toISOString()});
    }
  }

  function connect() {
    socket = PulseSocket.open('/ws/realtime/', {
      state: function (text) { if (text !== 'refused') Pulse.showSocketState(stateNode, text); },
      open: function () {
        pending = [];
        $('subscription-note').hidden = true;
        symbols.forEach(function (symbol) { subscribe('subscribe_asset', {symbol: symbol}, refusedAsset(symbol)); });
        subscribePortfolios();
        if (connectedOnce) {
          // Back after a break: what was stored meanwhile comes from the history.
          symbols.forEach(function (symbol) { series[symbol].history = 'none'; });
          loadHistory(selected);
        }
        connectedOnce = true;
      },
      frame: function (message) {
        if (message.type === 'connection') {
          $('connection-id').textContent = 'connection ' + String(message.data.connection_id).slice(0, 8);
          $('connection-id').title = message.data.connection_id;
        }
        else if (message.type === 'asset_update') onAsset(message.data, message.timestamp);
        else if (message.type === 'subscription_confirmed') pending.shift();
        else if (message.type === 'error' && REFUSALS.indexOf(message.data.code) >= 0 && pending.length) {
          pending.shift()(message.data.message);
        }
        else if (message.type === 'portfolio_update' && portfolios[message.data.portfolio_id]) {
          showPortfolio(portfolios[message.data.portfolio_id], message.data);
        }
      },
      // A logged-out session ends the socket 1008 "Session ended": the page goes on as a visitor's.
      retryRefused: function (reason) { return reason === 'Session ended'; },
      refused: function (reason) {
        Pulse.showSocketState(stateNode, 'refused');
        $('connection-id').textContent = reason;
      }
    });
  }


  setMode(mode);
  select(selected);
  connect();
})();
