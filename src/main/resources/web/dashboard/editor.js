// The message editor: live preview (the embed script's own renderer), the targeting rule builder with
// its audience count and contact test, and the analytics chart. Loaded by the messages pages only.
(function () {
  'use strict';

  var LABELS = {
    has_done: 'has done', has_not_done: 'has not done', count_greater_than: 'done more than',
    count_less_than: 'done fewer than', count_equals: 'done exactly', first_done_within: 'first done within',
    last_done_within: 'last done within', equals: 'equals', not_equals: 'does not equal', is_set: 'is set',
    is_not_set: 'is not set', contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with',
    ends_with: 'ends with', greater_than: 'is greater than', less_than: 'is less than', between: 'is between',
    is_within: 'is within the last', is_before: 'is more than … ago'
  };
  var PARAMETER_LABELS = { value: 'times', withinDays: 'within days', days: 'days' };
  var AUDIENCE_DELAY_MS = 150;

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value == null || value === false) return;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function label(name) {
    return LABELS[name] || name.replace(/_/g, ' ');
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf(), 'HX-Request': 'true' }
    }).then(function (response) { return response.text(); });
  }

  // ---- preview ----

  function previewMessage(form, id) {
    function value(name) { var input = form.elements[name]; return input ? input.value : ''; }
    var content = {};
    if (value('content.title')) content.title = value('content.title');
    if (value('content.body')) content.body = value('content.body');
    ['primaryButton', 'secondaryButton'].forEach(function (button) {
      var text = value('content.' + button + '.text'), url = value('content.' + button + '.url');
      if (text || url) content[button] = { text: text, url: url };
    });
    if (value('type') === 'banner') content.position = value('content.position') || 'top';
    if (!form.elements['content.dismissible'].checked) content.dismissible = false;
    return { id: id, type: value('type'), content: content };
  }

  function slotOf(message) {
    if (message.type === 'modal') return 'modal';
    return message.content.position === 'bottom' ? 'banner-bottom' : 'banner-top';
  }

  function startPreview(form) {
    var screen = document.getElementById('preview-screen');
    if (!screen || !window.CueflowPreview) return;
    var id = screen.getAttribute('data-message-id');
    var sheet = null;
    if (window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(window.CueflowPreview.css);
    }
    function draw() {
      var message = previewMessage(form, id);
      var old = screen.querySelector('cueflow-message');
      if (old) old.remove();
      var built = window.CueflowPreview.build(message, slotOf(message), function () { /* not a real visit */ });
      // The dashboard's CSP blocks the <style> element the renderer puts in its shadow root; the same
      // stylesheet, adopted through the CSSOM, is allowed. The DOM stays the one a visitor gets.
      if (sheet && built.root.adoptedStyleSheets) built.root.adoptedStyleSheets = [sheet];
      screen.appendChild(built.host);
      document.querySelectorAll('[data-banner-only]').forEach(function (node) { node.hidden = message.type !== 'banner'; });
    }
    form.addEventListener('input', draw);
    form.addEventListener('change', draw);
    document.querySelectorAll('[data-preview-width]').forEach(function (button) {
      button.addEventListener('click', function () {
        var width = button.getAttribute('data-preview-width');
        document.getElementById('preview-frame').className = 'preview-frame ' + width;
        document.querySelectorAll('[data-preview-width]').forEach(function (other) {
          other.setAttribute('aria-pressed', String(other === button));
        });
      });
    });
    draw();
  }

  // ---- rule builder ----

  function Builder(root, hidden, data) {
    this.root = root;
    this.hidden = hidden;
    this.table = data.operators;
    this.events = data.events || [];
    this.attributes = data.attributes || [];
    this.targeting = data.targeting && typeof data.targeting === 'object' && Array.isArray(data.targeting.groups)
      ? data.targeting : { groups: [] };
    this.problems = data.problems || {};
    this.listeners = [];
  }

  Builder.prototype.changed = function (structural) {
    this.hidden.value = JSON.stringify(this.targeting);
    if (structural) this.render();
    this.listeners.forEach(function (fn) { fn(); });
  };

  Builder.prototype.eventOperator = function (name) {
    return this.table.event.filter(function (op) { return op.name === name; })[0];
  };

  Builder.prototype.valueOperator = function (name) {
    return this.table.value.filter(function (op) { return op.name === name; })[0];
  };

  Builder.prototype.fieldKind = function (field) {
    if (this.table.contactFields.text.indexOf(field) >= 0) return 'text';
    if (this.table.contactFields.date.indexOf(field) >= 0) return 'date';
    return 'custom';
  };

  Builder.prototype.propertiesOf = function (eventKey) {
    var found = this.events.filter(function (type) { return type.eventKey === eventKey; })[0];
    return found ? found.properties : {};
  };

  Builder.prototype.render = function () {
    var active = document.activeElement && this.root.contains(document.activeElement)
      ? document.activeElement.getAttribute('data-path') : null;
    var self = this, groups = this.targeting.groups;
    this.root.replaceChildren();
    this.root.appendChild(this.datalists());
    if (!groups.length) {
      this.root.appendChild(el('p', { class: 'help', id: 'everyone', text: 'No rules: everyone sees this message.' }));
    }
    groups.forEach(function (group, g) {
      if (g > 0) self.root.appendChild(el('p', { class: 'joiner', text: 'or' }));
      self.root.appendChild(self.group(group, g));
    });
    this.root.appendChild(el('button', { type: 'button', class: 'button', id: 'add-group', text: 'Add group' }));
    this.root.querySelector('#add-group').addEventListener('click', function () {
      groups.push({ rules: [self.newRule('event')] });
      self.changed(true);
      self.focus('targeting.groups[' + (groups.length - 1) + '].rules[0].eventKey');
    });
    this.showProblems(this.problems);
    if (active) this.focus(active);
  };

  Builder.prototype.focus = function (path) {
    var target = this.root.querySelector('[data-path="' + path.replace(/"/g, '') + '"]');
    if (target) target.focus();
  };

  Builder.prototype.datalists = function () {
    var lists = el('div', { hidden: true });
    lists.appendChild(el('datalist', { id: 'event-keys' }, this.events.map(function (type) {
      return el('option', { value: type.eventKey });
    })));
    var fields = this.table.contactFields.text.concat(this.table.contactFields.date)
      .concat(this.attributes.map(function (name) { return 'customAttributes.' + name; }));
    lists.appendChild(el('datalist', { id: 'contact-fields' }, fields.map(function (name) { return el('option', { value: name }); })));
    return lists;
  };

  Builder.prototype.newRule = function (type) {
    if (type === 'contact') return { type: 'contact', field: 'email', operator: 'is_set' };
    if (type === 'page') return { type: 'page', field: 'path', operator: 'starts_with', value: '/' };
    return { type: 'event', eventKey: '', operator: this.table.event[0].name };
  };

  Builder.prototype.group = function (group, g) {
    var self = this, path = 'targeting.groups[' + g + ']';
    var box = el('fieldset', { class: 'rule-group', 'data-path': path }, [el('legend', { text: 'Group ' + (g + 1) })]);
    (group.rules || []).forEach(function (rule, r) {
      if (r > 0) box.appendChild(el('p', { class: 'joiner and', text: 'and' }));
      box.appendChild(self.rule(group, rule, path + '.rules[' + r + ']', r));
    });
    box.appendChild(el('p', { class: 'field-error', 'data-error-for': path + '.rules', hidden: true }));
    var add = el('button', { type: 'button', class: 'button add-rule', text: 'Add rule' });
    add.addEventListener('click', function () {
      group.rules = group.rules || [];
      group.rules.push(self.newRule('event'));
      self.changed(true);
      self.focus(path + '.rules[' + (group.rules.length - 1) + '].eventKey');
    });
    var remove = el('button', { type: 'button', class: 'button link remove-group', text: 'Remove group' });
    remove.addEventListener('click', function () {
      self.targeting.groups.splice(g, 1);
      self.changed(true);
    });
    box.appendChild(el('div', { class: 'group-actions' }, [add, remove]));
    return box;
  };

  Builder.prototype.rule = function (group, rule, path, r) {
    var self = this;
    var row = el('div', { class: 'rule', 'data-path': path });
    var type = this.select(path + '.type', 'Rule type', ['event', 'contact', 'page'], rule.type, function (name) {
      return { event: 'Event', contact: 'Contact', page: 'Page' }[name] || name;
    });
    type.addEventListener('change', function () {
      group.rules[r] = self.newRule(type.value);
      self.changed(true);
    });
    row.appendChild(type);
    if (rule.type === 'event') this.eventRule(row, rule, path);
    else if (rule.type === 'contact') this.contactRule(row, rule, path);
    else if (rule.type === 'page') this.pageRule(row, rule, path);
    var remove = el('button', { type: 'button', class: 'button link remove-rule', 'aria-label': 'Remove rule', text: '×' });
    remove.addEventListener('click', function () {
      group.rules.splice(r, 1);
      if (!group.rules.length) self.targeting.groups.splice(self.targeting.groups.indexOf(group), 1);
      self.changed(true);
    });
    row.appendChild(remove);
    if (rule.type === 'event') this.whereConditions(row, rule, path);
    row.appendChild(el('p', { class: 'field-error rule-error', 'data-error-for': path, hidden: true }));
    return row;
  };

  Builder.prototype.select = function (path, title, names, current, labelOf) {
    var select = el('select', { 'data-path': path, 'aria-label': title });
    if (current != null && names.indexOf(current) < 0) names = [current].concat(names);
    names.forEach(function (name) {
      select.appendChild(el('option', { value: name, text: (labelOf || label)(name), selected: name === current }));
    });
    return select;
  };

  Builder.prototype.text = function (path, title, value, onInput, attributes) {
    var input = el('input', Object.assign({ type: 'text', 'data-path': path, 'aria-label': title, autocomplete: 'off' }, attributes || {}));
    input.value = value == null ? '' : String(value);
    input.addEventListener('input', function () { onInput(input.value); });
    return input;
  };

  /** A whole number as a number; other text as typed, so the API's message names the mistake. */
  function wholeNumber(text) {
    return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
  }

  Builder.prototype.eventRule = function (row, rule, path) {
    var self = this;
    row.appendChild(this.text(path + '.eventKey', 'Event key', rule.eventKey, function (value) {
      rule.eventKey = value;
      self.changed(false);
    }, { list: 'event-keys', placeholder: 'event_key', class: 'mono' }));
    var operator = this.select(path + '.operator', 'Operator', this.table.event.map(function (op) { return op.name; }), rule.operator);
    operator.addEventListener('change', function () {
      rule.operator = operator.value;
      var op = self.eventOperator(rule.operator), allowed = op ? op.required.concat(op.optional) : [];
      ['value', 'withinDays', 'days'].forEach(function (name) { if (allowed.indexOf(name) < 0) delete rule[name]; });
      self.changed(true);
    });
    row.appendChild(operator);
    var op = this.eventOperator(rule.operator);
    (op ? op.required.concat(op.optional) : []).forEach(function (name) {
      var optional = op.optional.indexOf(name) >= 0;
      row.appendChild(self.text(path + '.' + name, PARAMETER_LABELS[name] || name, rule[name], function (value) {
        if (value.trim() === '') delete rule[name];
        else rule[name] = wholeNumber(value);
        self.changed(false);
      }, { inputmode: 'numeric', class: 'short', placeholder: (PARAMETER_LABELS[name] || name) + (optional ? ' (optional)' : '') }));
    });
  };

  Builder.prototype.whereConditions = function (row, rule, path) {
    var self = this, list = el('div', { class: 'where' });
    (rule.where || []).forEach(function (condition, w) {
      var at = path + '.where[' + w + ']', line = el('div', { class: 'condition', 'data-path': at });
      line.appendChild(el('span', { class: 'muted', text: 'where' }));
      var listId = 'properties-' + at.replace(/[^a-z0-9]/gi, '-');
      var properties = self.propertiesOf(rule.eventKey);
      line.appendChild(el('datalist', { id: listId }, Object.keys(properties).map(function (name) {
        return el('option', { value: name, label: properties[name].join(', ') });
      })));
      line.appendChild(self.text(at + '.property', 'Property', condition.property, function (value) {
        condition.property = value;
        self.changed(false);
      }, { list: listId, placeholder: 'property', class: 'mono' }));
      self.comparison(line, condition, at, self.table.propertyOperators, false);
      var remove = el('button', { type: 'button', class: 'button link', 'aria-label': 'Remove condition', text: '×' });
      remove.addEventListener('click', function () {
        rule.where.splice(w, 1);
        if (!rule.where.length) delete rule.where;
        self.changed(true);
      });
      line.appendChild(remove);
      line.appendChild(el('p', { class: 'field-error', 'data-error-for': at, hidden: true }));
      list.appendChild(line);
    });
    var add = el('button', { type: 'button', class: 'button link add-where', text: '+ where' });
    add.addEventListener('click', function () {
      rule.where = rule.where || [];
      rule.where.push({ property: '', operator: 'equals', value: '' });
      self.changed(true);
      self.focus(path + '.where[' + (rule.where.length - 1) + '].property');
    });
    list.appendChild(add);
    row.appendChild(list);
  };

  Builder.prototype.contactRule = function (row, rule, path) {
    var self = this;
    var field = this.text(path + '.field', 'Contact field', rule.field, function (value) {
      var before = self.fieldKind(rule.field);
      rule.field = value;
      if (self.fieldKind(value) !== before) {
        var allowed = self.table.fieldOperators[self.fieldKind(value)];
        if (allowed.indexOf(rule.operator) < 0) self.setOperator(rule, allowed[0]);
        self.changed(true);
      } else {
        self.changed(false);
      }
    }, { list: 'contact-fields', class: 'mono' });
    row.appendChild(field);
    var kind = this.fieldKind(rule.field);
    this.comparison(row, rule, path, this.table.fieldOperators[kind], kind === 'text');
  };

  Builder.prototype.setOperator = function (holder, name) {
    holder.operator = name;
    var op = this.valueOperator(name);
    if (!op || op.input === 'none' || op.input === 'days') delete holder.value;
    if (!op || op.input !== 'days') delete holder.days;
    if (op && op.input === 'range' && !Array.isArray(holder.value)) holder.value = ['', ''];
    if (op && op.input === 'value' && Array.isArray(holder.value)) holder.value = '';
    if (op && op.input === 'value' && holder.value === undefined) holder.value = '';
  };

  /** Operator, then the value(s) or days it takes; typeless text fields compare with strings only. */
  Builder.prototype.comparison = function (row, holder, path, operators, textOnly) {
    var self = this;
    var operator = this.select(path + '.operator', 'Operator', operators.slice(), holder.operator);
    operator.addEventListener('change', function () {
      self.setOperator(holder, operator.value);
      self.changed(true);
    });
    row.appendChild(operator);
    var op = this.valueOperator(holder.operator);
    if (!op || op.input === 'none') return;
    if (op.input === 'days') {
      row.appendChild(this.text(path + '.days', 'Days', holder.days, function (value) {
        if (value.trim() === '') delete holder.days;
        else holder.days = wholeNumber(value);
        self.changed(false);
      }, { inputmode: 'numeric', class: 'short', placeholder: 'days' }));
      return;
    }
    var typed = !textOnly && !op.textOnly;
    var kinds = typed ? this.kindSelect(path, holder) : null;
    var kindOf = function () { return kinds ? kinds.value : 'text'; };
    if (op.input === 'range') {
      [0, 1].forEach(function (i) {
        var bounds = Array.isArray(holder.value) ? holder.value : ['', ''];
        row.appendChild(self.text(path + '.value[' + i + ']', i ? 'Upper bound' : 'Lower bound', bounds[i], function (value) {
          holder.value = Array.isArray(holder.value) ? holder.value : ['', ''];
          holder.value[i] = convert(value, kindOf());
          self.changed(false);
        }, { class: 'short', placeholder: i ? 'to' : 'from' }));
      });
    } else {
      row.appendChild(this.text(path + '.value', 'Value', holder.value, function (value) {
        holder.value = convert(value, kindOf());
        self.changed(false);
      }, { placeholder: 'value' }));
    }
    if (kinds) {
      kinds.addEventListener('change', function () {
        holder.value = Array.isArray(holder.value)
          ? holder.value.map(function (v) { return convert(String(v), kinds.value); })
          : convert(holder.value == null ? '' : String(holder.value), kinds.value);
        self.changed(false);
      });
      row.appendChild(kinds);
    }
  };

  /** Whether the value is text, a number or true/false: the JSON type a developer would write. */
  Builder.prototype.kindSelect = function (path, holder) {
    var sample = Array.isArray(holder.value) ? holder.value[0] : holder.value;
    var current = typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : 'text';
    return this.select(path + '.kind', 'Value type', ['text', 'number', 'boolean'], current, function (name) {
      return { text: 'as text', number: 'as number', boolean: 'as true/false' }[name];
    });
  };

  function convert(text, kind) {
    if (kind === 'number' && text.trim() !== '' && isFinite(Number(text))) return Number(text);
    if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  }

  Builder.prototype.pageRule = function (row, rule, path) {
    var self = this;
    var field = this.select(path + '.field', 'Page field', this.table.pageFields.slice(), rule.field, function (name) {
      return name === 'url' ? 'Page URL' : 'Page path';
    });
    field.addEventListener('change', function () { rule.field = field.value; self.changed(false); });
    row.appendChild(field);
    var operator = this.select(path + '.operator', 'Operator', this.table.pageOperators.slice(), rule.operator);
    operator.addEventListener('change', function () { rule.operator = operator.value; self.changed(false); });
    row.appendChild(operator);
    row.appendChild(this.text(path + '.value', 'Value', rule.value, function (value) {
      rule.value = value;
      self.changed(false);
    }, { placeholder: '/settings', class: 'mono' }));
  };

  /** Each problem at the row or input its path names: targeting.groups[1].rules[0].days → that rule's days. */
  Builder.prototype.showProblems = function (problems) {
    var root = this.root;
    root.querySelectorAll('[data-error-for]').forEach(function (node) { node.hidden = true; node.textContent = ''; });
    root.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
    Object.keys(problems).forEach(function (path) {
      var input = root.querySelector('[data-path="' + path + '"]');
      if (input && input.tagName !== 'DIV' && input.tagName !== 'FIELDSET') input.setAttribute('aria-invalid', 'true');
      var at = path, holder = null;
      while (at && !(holder = root.querySelector('[data-error-for="' + at + '"]'))) {
        at = at.replace(/(\.[A-Za-z]+|\[\d+\])$/, '');
        if (at === path) break;
      }
      if (!holder) holder = document.getElementById('targeting-error');
      if (!holder) return;
      holder.hidden = false;
      holder.textContent = (holder.textContent ? holder.textContent + ' ' : '') + problems[path];
    });
  };

  // ---- audience and contact test ----

  function startBuilder() {
    var root = document.getElementById('builder');
    if (!root) return;
    var builder = new Builder(root, document.getElementById('targeting'), JSON.parse(root.getAttribute('data-editor')));
    var audience = document.getElementById('audience'), timer = null, sent = 0;
    function refresh() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++sent;
        audience.classList.add('loading');
        post(root.getAttribute('data-audience-url'), { targeting: builder.hidden.value }).then(function (html) {
          if (mine !== sent) return; // an answer to an older version of the rules
          audience.classList.remove('loading');
          audience.innerHTML = html; // our server's partial, escaped by its templates
          var problems = {};
          audience.querySelectorAll('[data-problem]').forEach(function (item) {
            problems[item.getAttribute('data-problem')] = item.textContent;
          });
          builder.problems = problems;
          builder.showProblems(problems);
        }, function () {
          audience.classList.remove('loading');
          audience.textContent = 'The server could not be reached. Check your connection and try again.';
        });
      }, AUDIENCE_DELAY_MS);
    }
    builder.listeners.push(refresh);
    builder.hidden.value = JSON.stringify(builder.targeting);
    builder.render();
    refresh();
    var test = document.getElementById('test-contact'), input = document.getElementById('test-external-id');
    function runTest() {
      var verdicts = document.getElementById('verdicts');
      post(root.getAttribute('data-explain-url'), { targeting: builder.hidden.value, externalId: input.value }).then(function (html) {
        verdicts.innerHTML = html;
      });
    }
    test.addEventListener('click', runTest);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault(); // Enter tests the contact here rather than saving the message
        runTest();
      }
    });
  }

  // ---- analytics chart ----

  function startChart() {
    var box = document.getElementById('daily-chart');
    if (!box || !window.uPlot) return;
    var data = JSON.parse(box.getAttribute('data-chart'));
    var width = Math.max(280, box.clientWidth);
    new window.uPlot({
      width: width, height: 220, scales: { x: { time: true } },
      tzDate: function (seconds) { return window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'); },
      axes: [{}, { label: 'per day' }],
      series: [{ label: 'Day (UTC)', value: '{YYYY}-{MM}-{DD}' },
        { label: 'Views', stroke: '#6366f1', width: 2 },
        { label: 'Clicks', stroke: '#1e1b4b', width: 2, dash: [4, 3] }]
    }, data, box);
  }

  function start() {
    var form = document.getElementById('message-form');
    if (form) startPreview(form);
    startBuilder();
    startChart();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
