// Script of the start page: greets a logged-in user, offers registration to a visitor.
Pulse.me.then(function (user) {
  if (user) {
    document.getElementById('greeting').textContent = 'Welcome back, ' + user.username + '.';
  } else {
    document.getElementById('get-started').hidden = false;
  }
});
