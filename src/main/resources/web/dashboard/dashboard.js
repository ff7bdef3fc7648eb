// The dashboard's only script: CSRF header for htmx, the narrow-screen menu, copy buttons, inline errors.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  // A request that could not reach the server: say so where the answer would have gone.
  document.addEventListener('htmx:sendError', function (event) {
    var target = event.detail.target;
    if (!target) return;
    var alert = document.createElement('p');
    alert.className = 'alert';
    alert.setAttribute('role', 'alert');
    alert.textContent = 'The server could not be reached. Check your connection and try again.';
    target.replaceChildren(alert);
  });

  function setMenu(button, open) {
    var nav = document.getElementById(button.getAttribute('aria-controls'));
    if (!nav) return;
    nav.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
  }

  document.addEventListener('click', function (event) {
    var menu = event.target.closest('[data-menu]');
    if (menu) {
      setMenu(menu, menu.getAttribute('aria-expanded') !== 'true');
      return;
    }
    var copy = event.target.closest('[data-copy]');
    if (copy) {
      var source = document.getElementById(copy.getAttribute('data-copy'));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        copy.textContent = 'Copied';
      });
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var menu = document.querySelector('[data-menu][aria-expanded="true"]');
    if (menu) {
      setMenu(menu, false);
      menu.focus();
    }
  });
})();
