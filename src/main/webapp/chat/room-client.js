// The room protocol in a browser: shows messages once each, and after a dropped connection
// reconnects with ?after=<last id seen> so the server replays exactly what was missed.
class RoomClient {
  constructor(room, handlers) {
    this.room = room;
    this.handlers = handlers;
    this.lastId = 0;
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
        // Refused (not logged in, unknown room, not a member): retrying would not help.
        this.handlers.state('closed');
        this.handlers.error(e.reason || 'Access refused');
        return;
      }
      const delay = Math.min(10000, 500 * Math.pow(2, this.retry++));
      this.handlers.state('reconnecting in ' + Math.round(delay / 1000) + ' s');
      setTimeout(() => this.connect(), delay);
    };
  }

  receive(frame) {
    switch (frame.event) {
      case 'message':
        if (frame.message.id > this.lastId) {
          this.lastId = frame.message.id;
          this.handlers.message(frame.message);
        }
        break;
      case 'online_count': this.handlers.onlineCount(frame.online_count); break;
      case 'error': this.handlers.error(frame.message); break;
      case 'gap': this.handlers.gap(frame); break;
    }
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
