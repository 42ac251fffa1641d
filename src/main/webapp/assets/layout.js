// The layout every Pulse page shares, loaded from <head> by static and JSF pages alike:
// - the theme (light or dark), set before the body paints and remembered per browser (localStorage);
// - the site header: product name, navigation (Admin only for admins), the logged-in user (from
//   GET /api/accounts/session) with Log out, or Log in / Register, a theme toggle, and a menu
//   button below 640 px;
// - the live unseen-notifications badge, from one /ws/notifications/ socket per page (seed 004's
//   frame {"count": n, "current_notification": text|null}), kept open by /assets/pulse-socket.js;
// - the live unread-chat badge on Chat, from one /ws/room-list/ socket per page (rooms, unread
//   counts, read positions; the chat index page draws its lists from the same state).
// It only builds DOM nodes and sets textContent: nothing from the server is ever parsed as HTML.
// Pages use window.Pulse: me (a Promise of {username, admin} or null), onNotification(fn),
// onRoomList(fn) (fn(rooms, frame) on every change; rooms: name -> summary), onThemeChange(fn),
// theme(), showSocketState(el, state).
(function () {
  'use strict';
  var THEME_KEY = 'pulse.theme';
  var root = document.documentElement;

  function storedTheme() {
    try { return localStorage.getItem(THEME_KEY); } catch (e) { return null; }
  }
  var prefersDark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = storedTheme() || (prefersDark ? 'dark' : 'light');

  var themeListeners = [];
  var notificationListeners = [];
  var roomListListeners = [];
  var roomList = null;

  var me = fetch('/api/accounts/session', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (m) {
      return m && m.authenticated ? {username: m.username, admin: (m.roles || []).indexOf('admin') >= 0} : null;
    })
    .catch(function () { return null; });

  function setTheme(theme) {
    root.dataset.theme = theme;
    try { localStorage.setItem(THEME_KEY, theme); } catch (e) { /* private mode: this page only */ }
    themeListeners.forEach(function (fn) { fn(theme); });
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'class') node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  var SECTIONS = [
    ['Markets', '/realtime/dashboard/', 'nav-markets'],
    ['Ticks', '/ticks/', 'nav-ticks'],
    ['Chat', '/chat/', 'nav-chat'],
    ['Notifications', '/notifications/', 'nav-notifications']
  ];

  function current(path) {
    return location.pathname === path || (path !== '/' && location.pathname.indexOf(path) === 0);
  }

  function link(label, href, id) {
    var a = el('a', {href: href, id: id, text: label});
    if (current(href)) a.setAttribute('aria-current', 'page');
    return a;
  }

  function logOut() {
    fetch('/api/accounts/logout', {method: 'POST', credentials: 'same-origin'})
      .finally(function () { location.assign('/'); });
  }

  function buildHeader() {
    var header = document.getElementById('site-header');
    if (!header) {
      header = el('header', {id: 'site-header'});
      document.body.insertBefore(header, document.body.firstChild);
    }
    header.className = 'site-header';
    header.textContent = '';
    var brand = el('a', {href: '/', class: 'brand', id: 'brand'},
      [el('img', {src: '/favicon.svg', alt: ''}), el('span', {text: 'Pulse'})]);
    var nav = el('nav', {'aria-label': 'Main'});
    SECTIONS.forEach(function (s) { nav.appendChild(link(s[0], s[1], s[2])); });
    var badge = el('span', {class: 'badge', id: 'unseen-badge', 'aria-label': 'unseen notifications', hidden: ''});
    nav.querySelector('#nav-notifications').appendChild(badge);
    var chatBadge = el('span', {class: 'badge', id: 'chat-badge', 'aria-label': 'unread chat messages', hidden: ''});
    nav.querySelector('#nav-chat').appendChild(chatBadge);
    var account = el('div', {class: 'account', id: 'account'});
    var theme = el('button', {type: 'button', id: 'theme-toggle', title: 'Switch between light and dark'});
    function label() { theme.textContent = root.dataset.theme === 'dark' ? 'Light' : 'Dark'; }
    label();
    theme.addEventListener('click', function () {
      setTheme(root.dataset.theme === 'dark' ? 'light' : 'dark');
      label();
    });
    var menu = el('button', {type: 'button', class: 'menu', id: 'menu-toggle', 'aria-expanded': 'false'},
      [document.createTextNode('Menu')]);
    // On a phone the navigation is folded: the menu button carries the unseen count too.
    var menuBadge = el('span', {class: 'badge', id: 'menu-badge', 'aria-label': 'unseen notifications', hidden: ''});
    menu.appendChild(menuBadge);
    menu.addEventListener('click', function () {
      var open = header.classList.toggle('open');
      menu.setAttribute('aria-expanded', String(open));
    });
    var bar = el('div', {class: 'bar'}, [brand, menu, nav, account]);
    header.appendChild(bar);

    me.then(function (user) {
      if (user) {
        if (user.admin) nav.appendChild(link('Admin', '/admin/notifications.xhtml', 'nav-admin'));
        var out = el('button', {type: 'button', id: 'logout', text: 'Log out'});
        out.addEventListener('click', logOut);
        account.appendChild(el('span', {class: 'user', id: 'current-user', text: user.username}));
        account.appendChild(out);
        watchNotifications([badge, menuBadge]);
        watchRooms(user.username, chatBadge);
      } else {
        // Back here after logging in; on the accounts pages themselves, keep their own ?next=.
        var onAccounts = location.pathname.indexOf('/accounts/') === 0;
        var next = onAccounts ? location.search : '?next=' + encodeURIComponent(location.pathname + location.search);
        account.appendChild(link('Log in', '/accounts/login.html' + next, 'header-login'));
        account.appendChild(link('Register', '/accounts/register.html', 'header-register'));
      }
      account.appendChild(theme);
    });
  }

  // One socket per page for the badge; pages listen through Pulse.onNotification.
  function watchNotifications(badges) {
    PulseSocket.open('/ws/notifications/', {
      frame: function (frame) {
        if (typeof frame.count !== 'number') return;
        badges.forEach(function (badge) {
          badge.textContent = frame.count > 99 ? '99+' : String(frame.count);
          badge.hidden = frame.count === 0;
        });
        notificationListeners.forEach(function (fn) { fn(frame); });
      }
    });
  }

  // The room list (/ws/room-list/): a snapshot, then events that keep each room's counts. An
  // activity the snapshot already counted (id not above the room's last_message_id) is skipped;
  // a read event carries the server's count, which replaces ours.
  function watchRooms(username, badge) {
    function total() {
      return Object.keys(roomList || {}).reduce(function (sum, name) { return sum + roomList[name].unread_count; }, 0);
    }
    function apply(frame) {
      var room = frame.room && typeof frame.room === 'string' ? roomList[frame.room] : null;
      switch (frame.event) {
        case 'rooms':
          roomList = Object.create(null); // no prototype: a room named "constructor" is a room like any other
          frame.rooms.forEach(function (r) { roomList[r.name] = r; });
          return true;
        case 'room_created':
          if (!roomList[frame.room.name]) roomList[frame.room.name] = frame.room;
          return true;
        case 'activity':
          if (!room || frame.message_id <= room.last_message_id) return false;
          room.last_message_id = frame.message_id;
          if (frame.author !== username && frame.message_id > room.last_read_id) room.unread_count++;
          return true;
        case 'read':
          if (!room) return false;
          room.last_read_id = Math.max(room.last_read_id, frame.last_read_id);
          room.unread_count = frame.unread_count;
          return true;
        case 'online_count':
          if (!room) return false;
          room.online_count = frame.online_count;
          return true;
        case 'user_online':
        case 'user_offline':
          return true; // for pages that show who is online (Pulse.onRoomList)
      }
      return false;
    }
    PulseSocket.open('/ws/room-list/', {
      frame: function (frame) {
        if (frame.event !== 'rooms' && !roomList) return;
        if (!apply(frame)) return;
        var unread = total();
        badge.textContent = unread > 99 ? '99+' : String(unread);
        badge.hidden = unread === 0;
        roomListListeners.forEach(function (fn) { fn(roomList, frame); });
      }
    });
  }

  window.Pulse = {
    me: me,
    theme: function () { return root.dataset.theme; },
    onThemeChange: function (fn) { themeListeners.push(fn); },
    onNotification: function (fn) { notificationListeners.push(fn); },
    onRoomList: function (fn) {
      roomListListeners.push(fn);
      if (roomList) fn(roomList, {event: 'rooms'});
    },
    // A socket's state as the pages show it: a pill with a word, coloured by state.
    showSocketState: function (node, state) {
      node.textContent = state;
      node.className = 'pill ' + (state === 'live' || state === 'connected' || state === 'streaming' ? 'live'
        : state === 'refused' || state === 'error' ? 'bad' : 'off');
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', buildHeader);
  else buildHeader();
})();
