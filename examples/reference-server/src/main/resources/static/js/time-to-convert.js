// The attribution page's time-to-convert chart (docs/decisions/0069): Chart.js draws the counts the
// table beside it lists, read from the canvas's data attributes; no inline script, no request.
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('ttc-chart');
  if (!canvas || !window.Chart) {
    return;
  }
  var labels = canvas.dataset.labels.split(',');
  var counts = canvas.dataset.counts.split(',').map(Number);
  new window.Chart(canvas, {
    type: 'bar',
    data: {labels: labels, datasets: [{label: 'Won leads', data: counts, backgroundColor: '#2f5fb3'}]},
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {legend: {display: false}},
      scales: {y: {beginAtZero: true, ticks: {precision: 0}}}
    }
  });
  canvas.dataset.drawn = 'true';
});
