/* Dashboard: on a phone, give the charts the room their titles and tall maps would take.
   The section headings already name each chart, so the in-chart titles can go. */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 575.98px)");

  function fit(el) {
    if (!PHONE.matches || typeof Plotly === "undefined") { return; }
    var update = { "title.text": "", "margin.t": 24 };
    if (el.id === "chart-map") { update.height = 380; }
    if (el.id === "chart-gantt") { update["yaxis.tickfont.size"] = 9; }
    Plotly.relayout(el, update);
  }

  document.addEventListener("roadmap:drawn", function (event) {
    if (event.target.closest && event.target.closest("#dashboard")) { fit(event.target); }
  });
})();
