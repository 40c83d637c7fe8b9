// 政策模拟 chart: the monthly cost difference per program, one bar per county, each bar labelled with its value.
// SVG renderer, so the labels are text in the page (readable by screen readers and by the browser test).
(function () {
  var el = document.getElementById('simulation-chart');
  var source = document.getElementById('chart-data');
  if (!el || !source || typeof echarts === 'undefined') return;
  var data = JSON.parse(source.textContent);
  var signed = function (v) { return (v > 0 ? '+' : '') + Number(v).toFixed(2); };
  var chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    title: { text: '每月资金变化（元），按项目和县区', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: signed },
    legend: { top: 34 },
    grid: { top: 80, left: 20, right: 20, bottom: 20, containLabel: true },
    xAxis: { type: 'category', data: data.programs, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '元/月' },
    series: data.counties.map(function (c) {
      return { name: c.name, type: 'bar', data: c.values, label: { show: true, position: 'top', formatter: function (p) { return signed(p.value); } } };
    })
  });
  el.setAttribute('data-rendered', 'true');
  window.addEventListener('resize', function () { chart.resize(); });
})();
