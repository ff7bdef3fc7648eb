// Charts and confirmations of the Overview, Contacts and Data pages. Data comes from data-* attributes.
(function () {
  'use strict';

  var COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#94a3b8'];

  function drawChart(element) {
    var data = JSON.parse(element.getAttribute('data-chart'));
    var series = [{ label: 'Day (UTC)', value: function (u, ts) { return ts == null ? '' : new Date(ts * 1000).toISOString().slice(0, 10); } }];
    var columns = [data.days];
    data.series.forEach(function (line, i) {
      series.push({
        label: line.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        value: function (u, v) { return v == null ? '' : v.toLocaleString('en-US'); }
      });
      columns.push(line.values);
    });
    var width = Math.max(280, element.clientWidth);
    var options = {
      width: width,
      height: 260,
      series: series,
      scales: { x: { time: true } },
      axes: [
        { label: 'Day (UTC)', values: function (u, ticks) { return ticks.map(function (t) { return new Date(t * 1000).toISOString().slice(5, 10); }); } },
        { label: 'Events', size: 60, values: function (u, ticks) { return ticks.map(function (t) { return t.toLocaleString('en-US'); }); } }
      ],
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
    };
    var plot = new uPlot(options, columns, element);
    element.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () {
      plot.setSize({ width: Math.max(280, element.clientWidth), height: 260 });
    });
  }

  function start() {
    if (typeof uPlot !== 'undefined') document.querySelectorAll('[data-chart]').forEach(drawChart);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  // A form with data-confirm asks before it is sent; the question names what goes.
  document.addEventListener('submit', function (event) {
    var form = event.target.closest('form[data-confirm]');
    if (form && !window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
})();
