// The supervisor's year-on-year chart on the reports index; the figures come from a json_script block.
(function () {
  "use strict";
  var source = document.getElementById("yoy-data"), target = document.getElementById("yoy-chart");
  if (!source || !target || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var series = [{name: "新收申请", type: "line", data: data.new}];
  Object.keys(data.groups).forEach(function (k) { series.push({name: k, type: "bar", stack: "结果", data: data.groups[k]}); });
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  window.echarts.init(target).setOption({
    animation: !still,
    tooltip: {trigger: "axis"}, legend: {}, xAxis: {type: "category", data: data.years},
    yAxis: {type: "value", minInterval: 1}, series: series
  });
})();
