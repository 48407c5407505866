/* Draw every Plotly figure on the page from its JSON block (see _macros.html `chart`). */
(function () {
  "use strict";

  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || typeof Plotly === "undefined") { return null; }
    var figure = JSON.parse(source.textContent);
    var config = {
      responsive: true,
      displaylogo: false,
      locale: document.documentElement.lang || "en",
      topojsonURL: el.dataset.topojsonUrl,
      modeBarButtonsToRemove: ["sendDataToCloud"]
    };
    return Plotly.newPlot(el, figure.data || [], figure.layout || {}, config).then(function () {
      el.dataset.drawn = "true";
      el.dispatchEvent(new CustomEvent("roadmap:drawn", { bubbles: true }));
      return el;
    });
  }

  window.RoadmapCharts = { draw: draw };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-plotly").forEach(draw);
  });
})();
