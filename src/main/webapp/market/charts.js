// Shared helpers of the market pages (/realtime/dashboard/ and /ticks/): ECharts options in the
// page's theme colours (read from pulse.css variables, so light and dark follow Pulse.onThemeChange),
// sane time and price axes, small DOM builders (text only, never HTML) and reconnect backoff.
(function () {
  'use strict';

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function palette() {
    return {
      fg: css('--fg'), muted: css('--muted'), border: css('--border'), accent: css('--accent'),
      up: css('--up'), down: css('--down'), surface: css('--surface')
    };
  }

  // An element with a class and text; server data only ever goes through textContent.
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }

  // Exponential backoff with jitter: 1 s, 2 s, 4 s ... at most 30 s, each between half and all of it.
  function backoff(attempt) {
    return Math.min(30000, 1000 * Math.pow(2, Math.max(0, attempt - 1))) * (0.5 + Math.random() / 2);
  }

  function digits(value) {
    var v = Math.abs(value);
    return v >= 1000 ? 2 : v >= 1 ? 2 : 4;
  }

  function money(value) {
    if (typeof value !== 'number' || !isFinite(value)) return '–';
    return value.toLocaleString('en-US', {minimumFractionDigits: digits(value), maximumFractionDigits: digits(value)});
  }

  function signed(value, suffix) {
    if (typeof value !== 'number' || !isFinite(value)) return '–';
    return (value > 0 ? '+' : '') + value.toFixed(2) + (suffix || '');
  }

  function clock(ms, seconds) {
    var d = new Date(ms);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + (seconds ? ':' + pad(d.getSeconds()) : '');
  }

  // The x range: all the data, at least minSpan wide, the newest point at the right edge. Never the
  // library's default for a single point (a range of decades around it).
  function timeRange(first, last, minSpan) {
    if (first === undefined) {
      var now = Date.now();
      return [now - minSpan, now];
    }
    return [Math.min(first, last - minSpan), last];
  }

  function timeAxis(p, range, width) {
    return {
      type: 'time', min: range[0], max: range[1],
      splitNumber: width && width < 560 ? 3 : 6,
      axisLine: {lineStyle: {color: p.border}},
      axisTick: {show: false},
      axisLabel: {color: p.muted, hideOverlap: true},
      splitLine: {show: false}
    };
  }

  // A round step near range / count: 1, 2, 2.5 or 5 times a power of ten.
  function niceStep(range, count) {
    var raw = range / count;
    var magnitude = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var norm = raw / magnitude;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  }

  // Prices: around the data [lo, hi] with a little room, never from zero, bounds on round steps so
  // the grid lines and labels fall on round numbers.
  function priceAxis(p, lo, hi) {
    var axis = {
      type: 'value', position: 'right', scale: true,
      axisLine: {show: false},
      axisLabel: {color: p.muted, formatter: function (v) { return money(v); }},
      splitLine: {lineStyle: {color: p.border}}
    };
    if (lo === undefined || !isFinite(lo) || !isFinite(hi)) return axis;
    var pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.0004, 1e-6);
    var step = niceStep(hi - lo + 2 * pad, 4);
    axis.min = Math.floor((lo - pad) / step) * step;
    axis.max = Math.ceil((hi + pad) / step) * step;
    axis.interval = step;
    return axis;
  }

  function extent(values) {
    var lo = Infinity, hi = -Infinity;
    values.forEach(function (v) { if (v < lo) lo = v; if (v > hi) hi = v; });
    return values.length ? [lo, hi] : [undefined, undefined];
  }

  function base(p) {
    return {
      animation: false,
      backgroundColor: 'transparent',
      textStyle: {color: p.fg},
      grid: {left: 28, right: 64, top: 16, bottom: 28},
      tooltip: {
        trigger: 'axis', backgroundColor: p.surface, borderColor: p.border, textStyle: {color: p.fg},
        axisPointer: {type: 'line', lineStyle: {color: p.muted}}
      }
    };
  }

  // points: [[ms, price], ...] in time order.
  function lineOption(points, opts) {
    var p = palette();
    var o = base(p);
    var first = points.length ? points[0][0] : undefined;
    var last = points.length ? points[points.length - 1][0] : undefined;
    o.xAxis = timeAxis(p, timeRange(first, last, opts.minSpan), opts.width);
    var e = extent(points.map(function (pt) { return pt[1]; }));
    o.yAxis = priceAxis(p, e[0], e[1]);
    o.series = [{
      type: 'line', name: opts.name || 'price', data: points,
      showSymbol: points.length <= 20, symbolSize: 6,
      lineStyle: {color: p.accent, width: 2}, itemStyle: {color: p.accent},
      areaStyle: {color: p.accent, opacity: 0.08}
    }];
    return o;
  }

  // candles: [{time: ms (open), open, high, low, close}] in time order, intervalMs wide each.
  // Drawn on a time axis (the same as the line's), each bar centred on its interval.
  function candleOption(candles, opts) {
    var p = palette();
    var o = base(p);
    var interval = opts.intervalMs;
    var first = candles.length ? candles[0].time : undefined;
    var last = candles.length ? candles[candles.length - 1].time + interval : undefined;
    var range = timeRange(first, last, Math.max(opts.minSpan || 0, interval * (opts.minCandles || 20)));
    o.xAxis = timeAxis(p, range, opts.width);
    var lo = extent(candles.map(function (c) { return c.low; }))[0];
    var hi = extent(candles.map(function (c) { return c.high; }))[1];
    o.yAxis = priceAxis(p, lo, hi);
    var plotWidth = Math.max(100, (opts.width || 600) - o.grid.left - o.grid.right);
    var barWidth = Math.max(2, Math.min(18, 0.7 * plotWidth * interval / Math.max(1, range[1] - range[0])));
    o.tooltip.formatter = function (items) {
      var item = items && items[0];
      if (!item) return '';
      var v = item.value;
      return clock(v[0] - interval / 2, interval < 60000) + '  O ' + money(v[1]) + '  H ' + money(v[4]) +
        '  L ' + money(v[3]) + '  C ' + money(v[2]);
    };
    o.series = [{
      type: 'candlestick', name: opts.name || 'candles', barWidth: barWidth,
      encode: {x: 0, y: [1, 2, 3, 4]},
      data: candles.map(function (c) { return [c.time + interval / 2, c.open, c.close, c.low, c.high]; }),
      itemStyle: {color: p.up, color0: p.down, borderColor: p.up, borderColor0: p.down}
    }];
    return o;
  }

  // An ECharts instance that follows its element's size.
  function chart(node) {
    var c = echarts.init(node, null, {renderer: 'canvas'});
    if (window.ResizeObserver) new ResizeObserver(function () { c.resize(); }).observe(node);
    else window.addEventListener('resize', function () { c.resize(); });
    return c;
  }

  // The OHLC rule of the server (dev.pulse.market.Ohlc): a price folds into the bar of its interval,
  // or opens the next one.
  function foldCandle(candles, ms, price, intervalMs, keep) {
    var start = ms - (((ms % intervalMs) + intervalMs) % intervalMs);
    var lastBar = candles[candles.length - 1];
    if (lastBar && lastBar.time === start) {
      lastBar.high = Math.max(lastBar.high, price);
      lastBar.low = Math.min(lastBar.low, price);
      lastBar.close = price;
    } else if (!lastBar || start > lastBar.time) {
      candles.push({time: start, open: price, high: price, low: price, close: price});
      if (candles.length > keep) candles.shift();
    }
  }

  window.PulseCharts = {
    palette: palette, el: el, socketUrl: socketUrl, backoff: backoff, money: money, signed: signed,
    clock: clock, lineOption: lineOption, candleOption: candleOption, chart: chart, foldCandle: foldCandle
  };
})();
