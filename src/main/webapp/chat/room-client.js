// The room protocol in a browser: shows messages once each, and after a dropped connection
// reconnects with ?after=<last id seen> so the server replays exactly what was missed. A `gap`
// frame (more missed than the server replays) is filled from the HTTP history, and older
// messages can be loaded on demand.
class RoomClient {
  constructor(room, handlers) {
    this.room = room;
    this.handlers = handlers;
    this.lastId = 0;
    this.oldestId = 0;
    this.seen = new Set();
    this.retry = 0;
    this.socket = null;
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const resume = this.lastId > 0 ? '?after=' + this.lastId : '';
    return scheme + location.host + '/ws/rooms/' + encodeURIComponent(this.room) + '/' + resume;
  }

  connect() {
    this.handlers.state('connecting');
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.onopen = () => { this.retry = 0; this.handlers.state('connected'); };
    socket.onmessage = (e) => this.receive(JSON.parse(e.data));
    socket.onclose = (e) => {
      if (e.code === 1008) {
        // Refused (not logged in, unknown room, not a member, session ended): retrying would not help.
        this.handlers.state('closed');
        this.handlers.error(e.reason || 'Access refused');
        return;
      }
      // Jittered exponential backoff: clients dropped together (a restart) do not return together.
      const delay = Math.min(10000, 500 * Math.pow(2, this.retry++)) * (0.5 + Math.random() / 2);
      this.handlers.state('reconnecting in ' + Math.max(1, Math.round(delay / 1000)) + ' s');
      setTimeout(() => this.connect(), delay);
    };
  }

  receive(frame) {
    switch (frame.event) {
      case 'message':
        if (frame.message.id > this.lastId) {
          this.lastId = frame.message.id;
        }
        this.deliver(frame.message);
        break;
      case 'online_count': this.handlers.onlineCount(frame.online_count); break;
      case 'error': this.handlers.error(frame.message); break;
      case 'gap': this.fillGap(frame.after, frame.next); break;
    }
  }

  // Every message reaches the page once, whichever way it came (socket, gap fill, load earlier).
  deliver(message) {
    if (this.seen.has(message.id)) {
      return;
    }
    this.seen.add(message.id);
    if (this.oldestId === 0 || message.id < this.oldestId) {
      this.oldestId = message.id;
    }
    this.handlers.message(message);
  }

  history(query) {
    return chatApi('GET', 'chat/rooms/' + encodeURIComponent(this.room) + '/messages?' + query);
  }

  // Pages forward through the skipped ids (after < id < next) until the range is complete.
  async fillGap(after, next) {
    this.handlers.state('filling gap');
    try {
      let from = after;
      for (;;) {
        const page = await this.history('after=' + from + '&before=' + next + '&limit=200');
        page.messages.forEach(m => this.deliver(m));
        if (!page.more || page.messages.length === 0) {
          break;
        }
        from = page.messages[page.messages.length - 1].id;
      }
      this.handlers.state(this.socket && this.socket.readyState === WebSocket.OPEN ? 'connected' : 'connecting');
    } catch (e) {
      this.handlers.error('Could not load skipped messages: ' + e.message);
    }
  }

  // Loads the page of messages before the oldest one shown; resolves to whether there are more.
  async loadEarlier(count) {
    const before = this.oldestId > 0 ? 'before=' + this.oldestId + '&' : '';
    const page = await this.history(before + 'limit=' + (count || 50));
    page.messages.forEach(m => this.deliver(m));
    return page.more;
  }

  send(body) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.handlers.error('Not connected yet');
      return false;
    }
    this.socket.send(JSON.stringify({body: body}));
    return true;
  }
}
