/* Cueflow embed script: page views, events, in-app messages. No dependencies. Docs: docs/embed.md */
(function (window, document) {
  'use strict';
  var stub = window.Cueflow;
  if (stub && stub.loaded) return;

  var KNOWN_FIELDS = ['email', 'name', 'phone', 'avatarUrl', 'role', 'plan', 'signedUpAt'];
  var EVENT_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
  var PROPERTY_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
  var SAFE_URL = /^(https?:\/\/|\/(?!\/))/i;
  var MAX_EVENTS = 100,
    MAX_INTERACTIONS = 50,
    BATCH = 20,
    BATCH_BYTES = 28000;
  var EVENT_ATTEMPTS = 6,
    INTERACTION_ATTEMPTS = 3,
    MAX_BACKOFF_MS = 30000,
    CLICK_WAIT_MS = 1000;
  var CSS = [
    ':host{all:initial}',
    '.bar,.backdrop{all:initial;position:fixed;z-index:2147483000;font:14px/1.45 system-ui,sans-serif}',
    '.bar{left:0;right:0;display:flex;align-items:center;gap:12px;padding:10px 16px;background:#1e1b4b;color:#fff}',
    '.top{top:0}',
    '.bottom{bottom:0}',
    '.text{flex:1}',
    '.title{font-weight:600;margin:0 8px 0 0}',
    '.body,.text{white-space:pre-wrap}',
    '.backdrop{inset:0;display:flex;align-items:center;justify-content:center;background:rgba(15,23,42,.55)}',
    '.dialog{position:relative;width:calc(100% - 80px);max-width:400px;padding:28px 24px 20px;border-radius:12px;background:#fff;color:#0f172a}',
    '.dialog .title{margin:0 32px 8px 0;font-size:19px}',
    '.dialog .body{margin:0 0 20px;color:#334155}',
    '.actions{display:flex;gap:8px;justify-content:flex-end}',
    'button{font:inherit;cursor:pointer;border-radius:7px;padding:7px 14px;border:1px solid transparent}',
    '.primary{background:#6366f1;color:#fff}',
    '.secondary{background:none;color:inherit;border-color:currentColor}',
    '.close{background:none;color:inherit;font-size:20px;line-height:1;padding:2px 8px}',
    '.dialog .close{position:absolute;top:10px;right:10px}',
    'button:focus-visible{outline:3px solid #a5b4fc}',
  ].join('');

  var script = document.currentScript || document.querySelector('script[data-key][src*="embed.js"]');
  // The dashboard's live preview loads this file with data-preview: the renderer only, nothing tracked.
  if (script && script.hasAttribute('data-preview')) {
    window.CueflowPreview = { css: CSS, build: build };
    return;
  }
  var key = script && script.getAttribute('data-key');
  var base = script && (script.getAttribute('data-api') || new URL(script.src, location.href).origin);
  // data-banner-layout="push": banners make room (the page moves) instead of covering its top or bottom.
  var PUSH = !!script && script.getAttribute('data-banner-layout') === 'push';
  var state = null; // the user's session: null before init() and after shutdown()
  var early = []; // events tracked before init()

  function warn(message) {
    try {
      console.warn('[Cueflow] ' + message);
    } catch (ignored) {
      /* never break the page */
    }
  }

  function guarded(name, fn) {
    return function () {
      try {
        return fn.apply(null, arguments);
      } catch (e) {
        warn(name + ': ' + (e && e.message));
      }
    };
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function own(object, fn) {
    for (var name in object) if (Object.prototype.hasOwnProperty.call(object, name)) fn(name, object[name]);
  }

  function flat(value) {
    return typeof value === 'string'
      ? value.length <= 1000
      : typeof value === 'boolean' || (typeof value === 'number' && isFinite(value));
  }

  function userId(value) {
    if (typeof value === 'number' && isFinite(value)) value = String(value);
    return typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : null;
  }

  /** Known contact fields as given; any other key becomes a custom attribute (null removes it). */
  function contactFields(data) {
    var out = {},
      custom = {},
      any = false;
    function addCustom(name, value) {
      if (!PROPERTY_KEY.test(name) || (value !== null && !flat(value)))
        return warn('attribute "' + name + '" skipped: not a flat value');
      custom[name] = value;
      any = true;
    }
    own(data, function (name, value) {
      if (name === 'id' || name === 'userHash' || value === undefined) return;
      if (name === 'customAttributes' && isObject(value)) return own(value, addCustom);
      if (KNOWN_FIELDS.indexOf(name) < 0) return addCustom(name, value);
      if (value instanceof Date) value = value.toISOString();
      if (value !== null && typeof value !== 'string')
        return warn('"' + name + '" skipped: it must be a string');
      out[name] = value;
    });
    if (any) out.customAttributes = custom;
    return out;
  }

  function merge(into, from) {
    own(from, function (name, value) {
      if (name === 'customAttributes' && into.customAttributes)
        own(value, function (k, v) {
          into.customAttributes[k] = v;
        });
      else into[name] = value;
    });
    return into;
  }

  function newId() {
    var bytes = crypto.getRandomValues(new Uint8Array(12)),
      id = 'cf_' + Date.now().toString(36) + '_';
    for (var i = 0; i < bytes.length; i++) id += (bytes[i] % 36).toString(36);
    return id;
  }

  function identity(s, more) {
    return merge(s.hash ? { userId: s.id, userHash: s.hash } : { userId: s.id }, more);
  }

  function request(method, path, body) {
    var options = { method: method, credentials: 'omit', headers: { Authorization: 'Bearer ' + key } };
    if (method === 'GET') {
      var query = [];
      own(body, function (name, value) {
        if (value) query.push(name + '=' + encodeURIComponent(value));
      });
      path += '?' + query.join('&');
    } else {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(base + path, options).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (json) {
            return { status: response.status, body: json };
          });
      },
      function () {
        return { status: 0, body: null };
      },
    );
  }

  function retryable(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  function reason(reply) {
    var error = reply.body && reply.body.error;
    if (!error)
      return reply.status ? 'HTTP ' + reply.status : 'network error, or this origin is not allowed (CORS)';
    return (
      error.message +
      (error.details || [])
        .slice(1)
        .map(function (d) {
          return '; ' + d.field + ': ' + d.message;
        })
        .join('')
    );
  }

  // One request at a time, in order: identify, interactions, events, then the messages they may change.
  function pump(s) {
    if (s !== state || s.busy || s.timer) return;
    var task = s.identify
      ? identifyTask
      : !s.identified
        ? null
        : s.interactions.length
          ? interactionTask
          : s.events.length
            ? eventsTask
            : s.needMessages
              ? messagesTask
              : null;
    if (!task) return;
    s.busy = true;
    task(s).then(function (retry) {
      if (s !== state) return;
      s.busy = false;
      s.attempts = retry ? s.attempts + 1 : 0;
      if (!retry) return pump(s);
      var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, s.attempts - 1)) * (0.5 + Math.random() / 2);
      s.timer = setTimeout(function () {
        s.timer = null;
        pump(s);
      }, delay);
    });
  }

  function identifyTask(s) {
    var sent = s.identify;
    return request('POST', '/api/v1/embed/identify', identity(s, sent)).then(function (reply) {
      if (s !== state) return false;
      if (retryable(reply.status)) {
        if (!s.attempts) warn('init() failed, retrying: ' + reason(reply));
        return true;
      }
      if (s.identify === sent) s.identify = null;
      if (reply.status === 200) {
        s.identified = s.needMessages = true;
      } else if (reply.status === 400 && Object.keys(sent).length) {
        warn('user attributes refused, identifying by id alone: ' + reason(reply));
        s.identify = s.identify || {};
      } else {
        warn('init() refused, nothing is recorded for this user: ' + reason(reply));
        stop();
      }
      return false;
    });
  }

  function interactionTask(s) {
    var item = s.interactions[0];
    return request('POST', '/api/v1/embed/interactions', identity(s, item.body)).then(function (reply) {
      if (s !== state) return false;
      if (retryable(reply.status) && ++item.attempts < INTERACTION_ATTEMPTS) return true;
      if (reply.status !== 201) warn('message ' + item.body.kind + ' not recorded: ' + reason(reply));
      s.interactions.shift();
      item.done();
      return false;
    });
  }

  function takeBatch(events, from) {
    var batch = [],
      bytes = 300;
    for (var i = from; i < events.length && batch.length < BATCH; i++) {
      var size = new Blob([JSON.stringify(events[i])]).size + 1;
      if (batch.length && bytes + size > BATCH_BYTES) break;
      batch.push(events[i]);
      bytes += size;
    }
    return batch;
  }

  function eventsTask(s) {
    var batch = (s.inFlight = takeBatch(s.events, 0));
    return request('POST', '/api/v1/embed/events', identity(s, { events: batch })).then(function (reply) {
      s.inFlight = null;
      if (s !== state) return false;
      var gone = reply.status === 404; // the contact was erased meanwhile: identify again, then resend
      if ((gone || retryable(reply.status)) && ++s.eventAttempts < EVENT_ATTEMPTS) {
        if (gone) s.identify = s.identify || {};
        s.identified = !gone;
        return true;
      }
      if (reply.status !== 200) warn(batch.length + ' event(s) dropped: ' + reason(reply));
      s.eventAttempts = 0;
      s.events = s.events.filter(function (event) {
        return batch.indexOf(event) < 0;
      });
      s.needMessages = true;
      return false;
    });
  }

  function messagesTask(s) {
    s.needMessages = false;
    var showing = shownIds(s).join(',');
    return request(
      'GET',
      '/api/v1/embed/messages',
      identity(s, { url: location.href, showing: showing }),
    ).then(function (reply) {
      if (s !== state) return false;
      if (reply.status === 200) render(s, reply.body.messages || []);
      else warn('messages not fetched: ' + reason(reply));
      return false;
    });
  }

  function enqueue(queue, eventKey, properties) {
    if (queue.length >= MAX_EVENTS) {
      queue.splice(state && state.inFlight ? state.inFlight.length : 0, 1);
      warn('too many unsent events: the oldest was dropped');
    }
    queue.push({ eventKey: eventKey, properties: properties, eventId: newId() });
  }

  /** sendBeacon (else fetch keepalive) delivers what is queued even if the page is going away. */
  function flushOnHide(s, leaving) {
    if (!s.identified) return;
    var pending = s.events.slice(leaving || !s.inFlight ? 0 : s.inFlight.length),
      sent = 0;
    var url = base + '/api/v1/embed/events?key=' + encodeURIComponent(key);
    while (sent < pending.length) {
      var batch = takeBatch(pending, sent),
        json = JSON.stringify(identity(s, { events: batch }));
      if (!(navigator.sendBeacon && navigator.sendBeacon(url, new Blob([json], { type: 'text/plain' })))) {
        try {
          fetch(url, {
            method: 'POST',
            body: json,
            keepalive: true,
            credentials: 'omit',
            headers: { 'Content-Type': 'text/plain' },
          }).catch(function () {
            /* the page is leaving */
          });
        } catch (e) {
          break;
        }
      }
      sent += batch.length;
    }
    // An in-flight batch may arrive twice: its eventIds make the second count as a duplicate.
    s.events.splice(s.events.length - pending.length, sent);
  }

  function shownIds(s) {
    return Object.keys(s.rendered).map(function (slot) {
      return s.rendered[slot].id;
    });
  }

  function slotOf(message) {
    if (message.type === 'modal') return 'modal';
    return message.content.position === 'bottom' ? 'banner-bottom' : 'banner-top';
  }

  /** Per slot: keeps the shown message if still listed, else shows the first listed. Then tells the page. */
  function render(s, messages) {
    if (!document.body) {
      return document.addEventListener('DOMContentLoaded', function () {
        if (s === state) render(s, messages);
      });
    }
    ['modal', 'banner-top', 'banner-bottom'].forEach(function (slot) {
      var listed = messages.filter(function (m) {
        return isObject(m.content) && slotOf(m) === slot && !s.closed[m.id];
      });
      var current = s.rendered[slot];
      if (
        current &&
        listed.some(function (m) {
          return m.id === current.id;
        })
      )
        return;
      remove(s, slot);
      if (listed.length) show(s, slot, listed[0]);
    });
    window.dispatchEvent(new CustomEvent('cueflow:messages', { detail: { shown: shownIds(s) } }));
  }

  function element(tag, className, text, attributes) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = String(text); // never innerHTML: message text is data
    own(attributes, function (name, value) {
      if (value != null) el.setAttribute(name, value);
    });
    return el;
  }

  /** The message's element, not yet in the page; onButton(name, url) runs on a click, name 'close' for the ×. */
  function build(message, slot, onButton) {
    var content = message.content,
      modal = slot === 'modal',
      titleId = 'cueflow-title-' + message.id;
    // A custom element: the page's rules for div and the like miss it.
    var host = element('cueflow-message', null, null, {
      'data-cueflow': slot,
      'data-cueflow-message': message.id,
    });
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    root.appendChild(element('style', null, CSS));
    var box = element(
      'div',
      modal ? 'dialog' : 'bar ' + (slot === 'banner-bottom' ? 'bottom' : 'top'),
      null,
      modal
        ? { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': content.title ? titleId : null }
        : { role: 'region', 'aria-label': content.title || 'Announcement' },
    );
    var text = modal ? box : box.appendChild(element('div', 'text'));
    if (content.title)
      text.appendChild(element(modal ? 'h2' : 'span', 'title', content.title, { id: titleId }));
    if (content.body) text.appendChild(element(modal ? 'p' : 'span', 'body', content.body));
    var actions = box.appendChild(element('div', 'actions'));
    [
      ['primary', content.primaryButton],
      ['secondary', content.secondaryButton],
    ].forEach(function (pair) {
      if (!isObject(pair[1]) || !pair[1].text) return;
      actions.appendChild(element('button', pair[0], pair[1].text, { type: 'button' })).addEventListener(
        'click',
        guarded('click', function () {
          onButton(pair[0], pair[1].url);
        }),
      );
    });
    if (content.dismissible !== false) {
      box
        .appendChild(element('button', 'close', '\u00d7', { type: 'button', 'aria-label': 'Close' }))
        .addEventListener(
          'click',
          guarded('close', function () {
            onButton('close');
          }),
        );
    }
    (modal ? root.appendChild(element('div', 'backdrop')) : root).appendChild(box);
    return { host: host, root: root, box: box };
  }

  function show(s, slot, message) {
    var modal = slot === 'modal';
    var built = build(message, slot, function (button, url) {
      if (button === 'close') dismiss(s, slot);
      else clicked(s, slot, message.id, button, url);
    });
    document.body.appendChild(built.host);
    s.rendered[slot] = {
      id: message.id,
      host: built.host,
      focus: modal && document.activeElement,
      room: !modal && PUSH ? makeRoom(slot === 'banner-top', built.box) : null,
    };
    if (modal) (built.root.querySelector('button') || built.box).focus();
    interact(s, message.id, 'view');
  }

  /**
   * Pads the page by the banner's height and moves the page's own fixed or sticky elements that sit
   * at the top (a header) below a top banner; the height is also in the CSS variable
   * --cueflow-top-banner-height (or -bottom-) for layouts that place things themselves.
   * Returns the function that puts everything back.
   */
  function makeRoom(atTop, box) {
    var height = box.getBoundingClientRect().height;
    var root = document.documentElement;
    var side = atTop ? 'paddingTop' : 'paddingBottom';
    var variable = atTop ? '--cueflow-top-banner-height' : '--cueflow-bottom-banner-height';
    var inlinePadding = root.style[side];
    var undo = [
      function () {
        root.style[side] = inlinePadding;
        root.style.removeProperty(variable);
      },
    ];
    root.style[side] = (parseFloat(getComputedStyle(root)[side]) || 0) + height + 'px';
    root.style.setProperty(variable, height + 'px');
    if (atTop) {
      Array.prototype.forEach.call(document.body.querySelectorAll('*'), function (el) {
        var style = el.tagName === 'CUEFLOW-MESSAGE' ? null : getComputedStyle(el);
        if (!style || (style.position !== 'fixed' && style.position !== 'sticky') || parseFloat(style.top) !== 0) return;
        var inlineTop = el.style.top;
        el.style.top = height + 'px';
        undo.push(function () {
          el.style.top = inlineTop;
        });
      });
    }
    return function () {
      undo.forEach(function (fn) {
        fn();
      });
    };
  }

  function remove(s, slot) {
    var shown = s.rendered[slot];
    if (!shown) return;
    delete s.rendered[slot];
    if (shown.room) shown.room();
    if (shown.host.parentNode) shown.host.parentNode.removeChild(shown.host);
    if (shown.focus && shown.focus.focus && document.contains(shown.focus)) shown.focus.focus();
  }

  function interact(s, messageId, kind, button) {
    return new Promise(function (resolve) {
      if (s.interactions.length >= MAX_INTERACTIONS) return resolve();
      s.interactions.push({
        body: { messageId: messageId, kind: kind, button: button },
        attempts: 0,
        done: resolve,
      });
      pump(s);
    });
  }

  function clicked(s, slot, messageId, button, url) {
    s.closed[messageId] = true;
    remove(s, slot);
    var recorded = interact(s, messageId, 'click', button);
    if (typeof url === 'string' && SAFE_URL.test(url)) {
      var go = function () {
        location.assign(url);
      };
      Promise.race([
        recorded,
        new Promise(function (r) {
          setTimeout(r, CLICK_WAIT_MS);
        }),
      ]).then(go, go);
    }
  }

  function dismiss(s, slot) {
    var shown = s.rendered[slot];
    if (!shown) return;
    s.closed[shown.id] = true;
    remove(s, slot);
    interact(s, shown.id, 'dismiss');
  }

  function pageViewed(s) {
    if (location.href === s.lastUrl) return;
    s.lastUrl = location.href;
    enqueue(s.events, 'page_viewed', {
      url: location.href.slice(0, 1000),
      path: location.pathname.slice(0, 1000),
    });
    s.needMessages = true;
    pump(s);
  }

  function listen(s, target, type, fn) {
    var handler = guarded(type, function (e) {
      if (s === state) fn(e);
    });
    target.addEventListener(type, handler, true);
    s.cleanup.push(function () {
      target.removeEventListener(type, handler, true);
    });
  }

  function patchHistory(s, name) {
    var original = history[name],
      active = true;
    var patched = function () {
      var result = original.apply(this, arguments);
      if (active) guarded('navigation', pageViewed)(s);
      return result;
    };
    history[name] = patched;
    s.cleanup.push(function () {
      active = false; // if another script wrapped ours since, ours stays in its chain, inert
      if (history[name] === patched) history[name] = original;
    });
  }

  function start(s) {
    patchHistory(s, 'pushState');
    patchHistory(s, 'replaceState');
    listen(s, window, 'popstate', function () {
      pageViewed(s);
    });
    listen(s, window, 'pagehide', function () {
      flushOnHide(s, true);
    });
    listen(s, document, 'visibilitychange', function () {
      if (document.visibilityState === 'hidden') flushOnHide(s, false);
    });
    listen(s, document, 'keydown', function (e) {
      if (e.key === 'Escape' && s.rendered.modal) dismiss(s, 'modal');
    });
  }

  function stop() {
    var s = state;
    state = null;
    if (!s) return;
    clearTimeout(s.timer);
    s.cleanup.forEach(function (fn) {
      fn();
    });
    Object.keys(s.rendered).forEach(function (slot) {
      remove(s, slot);
    });
    s.interactions.forEach(function (item) {
      item.done();
    });
  }

  var api = {
    loaded: true,

    init: guarded('init', function (user) {
      if (!key || !base) return warn('the script tag needs data-key="pk_..."; nothing is recorded');
      var id = isObject(user) && userId(user.id);
      if (!id) return warn('init(user) needs user.id: a string of 1 to 255 characters');
      if (user.userHash != null && typeof user.userHash !== 'string')
        return warn('init(user): userHash must be a string');
      if (state) {
        if (state.id === id) return api.update(user);
        return warn('already initialised for "' + state.id + '"; call shutdown() first');
      }
      var s = (state = {
        id: id,
        hash: user.userHash || null,
        identify: contactFields(user),
        identified: false,
        events: early,
        interactions: [],
        inFlight: null,
        busy: false,
        timer: null,
        attempts: 0,
        eventAttempts: 0,
        needMessages: false,
        rendered: {},
        closed: {},
        lastUrl: null,
        cleanup: [],
      });
      early = [];
      start(s);
      pageViewed(s);
    }),

    update: guarded('update', function (data) {
      if (!state) return warn('update() needs init() first');
      if (!isObject(data)) return warn('update(data) needs an object');
      if (data.id != null && userId(data.id) !== state.id) {
        return warn('update() cannot change the user id; call shutdown(), then init()');
      }
      state.identify = merge(merge({}, state.identify), contactFields(data)); // new object: the one in flight is cleared on landing
      state.needMessages = true;
      pump(state);
    }),

    track: guarded('track', function (eventKey, properties) {
      if (typeof eventKey !== 'string' || eventKey.length > 100 || !EVENT_KEY.test(eventKey)) {
        return warn('track(): "' + eventKey + '" is not a snake_case event key such as "purchase_completed"');
      }
      if (properties != null && !isObject(properties)) return warn('track(): properties must be an object');
      var kept = {},
        count = 0;
      own(properties, function (name, value) {
        if (!PROPERTY_KEY.test(name) || !flat(value) || ++count > 50)
          return warn('track(): property "' + name + '" skipped: not flat, or over 50');
        kept[name] = value;
      });
      enqueue(state ? state.events : early, eventKey, kept);
      if (state) pump(state);
    }),

    shutdown: guarded('shutdown', function () {
      early = [];
      if (state) flushOnHide(state, true);
      stop();
    }),
  };

  window.Cueflow = api;
  ((stub && stub.q) || []).forEach(function (call) {
    if (call && typeof api[call[0]] === 'function') api[call[0]].apply(null, call[1] || []);
  });
})(window, document);
