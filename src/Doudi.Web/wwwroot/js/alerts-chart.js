// 预警处置 chart: the alerts of the user's region by rule, stacked as overdue, open and closed, each part labelled with
// its count. SVG renderer, so the labels are text in the page (readable by screen readers and by the browser test).
(function () {
  var el = document.getElementById('alerts-chart');
  var source = document.getElementById('alerts-chart-data');
  if (!el || !source || typeof echarts === 'undefined') return;
  var rows = JSON.parse(source.textContent);
  el.style.height = Math.max(240, 60 + rows.length * 36) + 'px';
  var chart = echarts.init(el, null, { renderer: 'svg' });
  var part = function (name, key, color) {
    return {
      name: name, type: 'bar', stack: 'alerts', itemStyle: { color: color },
      label: { show: true, formatter: function (p) { return p.value > 0 ? p.value : ''; } },
      data: rows.map(function (r) { return r[key]; })
    };
  };
  chart.setOption({
    animation: false,
    title: { text: '预警数量（按规则）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 34 },
    grid: { top: 72, left: 20, right: 30, bottom: 10, containLabel: true },
    xAxis: { type: 'value', name: '条', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.rule; }) },
    series: [part('已逾期', 'overdue', '#b71c1c'), part('未逾期', 'open', '#f0a202'), part('已处置', 'closed', '#7a9a7e')]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
