// Pulse's WebSocket client, used by every page that opens a socket (the header's badges in
// /assets/layout.js, chat rooms, ticks, markets). Loaded before layout.js on every page.
//
// PulseSocket.open(path, handlers) keeps one socket open: `path` is a string or a function called
// before each attempt (so a resume point such as ?after=<last id> is current). Frames arrive as
// parsed JSON (handlers.frame); the state goes to handlers.state: 'connecting', 'connected',
// 'reconnecting', 'refused'. Closes:
// - 1008 (policy: not logged in, not allowed, session ended) is final: handlers.refused(reason),
//   no retry, unless handlers.retryRefused(reason) says otherwise;
// - 1012 (Service Restart: the instance is being restarted or deployed) retries soon, after a
//   random 0.25..1.5 s, so a whole page of clients does not come back at the same moment;
// - anything else (network, 1006, 1011, a refused handshake) retries with exponential backoff
//   with jitter: 1 s, 2 s, 4 s ... at most 30 s, each between half and all of it.
// The handle: send(object) (false when not connected), isOpen(), close() (no retry), and for the
// console and tests: url() (the current socket's), drop(code, reason) (closes it as a network
// failure would: the client reconnects), suspend() (closes it and stays away) and resume().
//
// PulseSocket.room(room, handlers) is the chat room protocol on top (seed 003's /ws/rooms/{room}/):
// resume by last id (every message reaches handlers.message once, in whichever way it came: live,
// replayed, a gap filled over HTTP, or "load earlier"), the read position (markRead sends the
// newest id shown, only forward), typing (typing(true) on each keystroke sends at most one frame
// per TYPING_EVERY_MS; typing(false) ends it) and the room's presence and typing events.
(function () {
  'use strict';

  var TYPING_EVERY_MS = 2000;

  function url(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }

  function backoff(attempt) {
    return Math.min(30000, 1000 * Math.pow(2, Math.max(0, attempt - 1))) * (0.5 + Math.random() / 2);
  }

  function restartDelay() {
    return 250 + Math.random() * 1250;
  }

  // A page that is hidden for good or put in the back/forward cache closes its sockets itself
  // (1000: the only code below 3000 a page may send), so the server sees the user leave at once
  // (presence), and reopens them if the page is shown again from that cache.
  var live = [];
  window.addEventListener('pagehide', function () { live.forEach(function (h) { h.suspend(1000, 'page hidden'); }); });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) live.forEach(function (h) { h.resume(); });
  });

  function open(path, handlers) {
    var socket = null;
    var attempt = 0;
    var stopped = false;
    var suspended = false;
    function state(text) { if (handlers.state) handlers.state(text); }
    function connect() {
      if (stopped) return;
      state(attempt ? 'reconnecting' : 'connecting');
      socket = new WebSocket(url(typeof path === 'function' ? path() : path));
      socket.onopen = function () {
        attempt = 0;
        state('connected');
        if (handlers.open) handlers.open();
      };
      socket.onmessage = function (event) {
        var frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        if (handlers.frame) handlers.frame(frame);
      };
      socket.onclose = function (event) {
        if (handlers.closed) handlers.closed(event.code, event.reason);
        if (stopped || suspended) return;
        if (event.code === 1008 && !(handlers.retryRefused && handlers.retryRefused(event.reason))) {
          state('refused');
          if (handlers.refused) handlers.refused(event.reason || 'The server refused this connection.');
          return;
        }
        attempt++;
        state('reconnecting');
        setTimeout(connect, event.code === 1012 ? restartDelay() : backoff(attempt));
      };
    }
    connect();
    var handle = {
      send: function (object) {
        if (!socket || socket.readyState !== WebSocket.OPEN) return false;
        socket.send(typeof object === 'string' ? object : JSON.stringify(object));
        return true;
      },
      isOpen: function () { return !!socket && socket.readyState === WebSocket.OPEN; },
      close: function () { stopped = true; if (socket) socket.close(1000, 'bye'); },
      url: function () { return socket ? socket.url : null; },
      drop: function (code, reason) { if (socket) socket.close(code || 4000, reason || 'dropped'); },
      suspend: function (code, reason) { suspended = true; if (socket) socket.close(code || 4000, reason || 'suspended'); },
      resume: function () { if (suspended && !stopped) { suspended = false; connect(); } }
    };
    live.push(handle);
    return handle;
  }

  function history(room, query) {
    return fetch('/api/chat/rooms/' + encodeURIComponent(room) + '/messages?' + query, {credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) throw new Error('History not loaded (HTTP ' + response.status + ')');
        return response.json();
      });
  }

  // handlers: message(m), onlineCount(n), presence(user, present), typing(frame), error(text), state(text).
  function room(name, handlers) {
    var lastId = 0;
    var oldestId = 0;
    var seen = new Set();
    var readSent = 0;
    var typingSentAt = 0;
    var socket = null;

    function deliver(message) {
      if (seen.has(message.id)) return;
      seen.add(message.id);
      if (oldestId === 0 || message.id < oldestId) oldestId = message.id;
      handlers.message(message);
    }

    // Pages forward through the skipped ids (after < id < next) until the range is complete.
    function fillGap(after, next) {
      handlers.state('filling gap');
      var from = after;
      function page() {
        return history(name, 'after=' + from + '&before=' + next + '&limit=200').then(function (p) {
          p.messages.forEach(deliver);
          if (p.more && p.messages.length > 0) {
            from = p.messages[p.messages.length - 1].id;
            return page();
          }
          handlers.state(socket && socket.isOpen() ? 'connected' : 'connecting');
        });
      }
      page().catch(function (e) { handlers.error('Could not load skipped messages: ' + e.message); });
    }

    function receive(frame) {
      switch (frame.event) {
        case 'message':
          if (frame.message.id > lastId) lastId = frame.message.id;
          deliver(frame.message);
          break;
        case 'online_count': if (handlers.onlineCount) handlers.onlineCount(frame.online_count); break;
        case 'user_joined':
        case 'user_left': if (handlers.presence) handlers.presence(frame.user, frame.event === 'user_joined'); break;
        case 'typing': if (handlers.typing) handlers.typing(frame); break;
        case 'error': handlers.error(frame.message); break;
        case 'gap': fillGap(frame.after, frame.next); break;
      }
    }

    return {
      connect: function () {
        socket = open(function () {
          return '/ws/rooms/' + encodeURIComponent(name) + '/' + (lastId > 0 ? '?after=' + lastId : '');
        }, {
          frame: receive,
          state: handlers.state,
          open: function () { typingSentAt = 0; },
          refused: function (reason) { handlers.state('closed'); handlers.error(reason); }
        });
      },
      send: function (body) {
        if (!socket || !socket.send({body: body})) {
          handlers.error('Not connected yet');
          return false;
        }
        // The server ends the indicator with the post: the next keystroke is news again.
        typingSentAt = 0;
        return true;
      },
      markRead: function () {
        if (lastId > readSent && socket && socket.send({read: lastId})) readSent = lastId;
      },
      typing: function (active) {
        var now = Date.now();
        if (active && now - typingSentAt >= TYPING_EVERY_MS) {
          if (socket && socket.send({typing: true})) typingSentAt = now;
        } else if (!active && typingSentAt > 0) {
          typingSentAt = 0;
          if (socket) socket.send({typing: false});
        }
      },
      url: function () { return socket ? socket.url() : null; },
      drop: function (code, reason) { if (socket) socket.drop(code, reason); },
      suspend: function () { if (socket) socket.suspend(); },
      resume: function () { if (socket) socket.resume(); },
      // Loads the page of messages before the oldest one shown; resolves to whether there are more.
      loadEarlier: function (count) {
        var before = oldestId > 0 ? 'before=' + oldestId + '&' : '';
        return history(name, before + 'limit=' + (count || 50)).then(function (p) {
          p.messages.forEach(deliver);
          return p.more;
        });
      }
    };
  }

  window.PulseSocket = {open: open, room: room, url: url, backoff: backoff};
})();
