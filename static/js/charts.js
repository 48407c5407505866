/* Draw every Plotly figure on the page from its JSON block (see _macros.html `chart`). */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var ARRAYS = { u1: Uint8Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array };

  // A typed-array spec of the server (charts/arrays.py) as a JavaScript typed array.
  function decode(spec) {
    var binary = atob(spec.bdata);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return new ARRAYS[spec.dtype](bytes.buffer);
  }

  /* Write the hover lines of a Gantt layer from the values it carries (charts/gantt.py):
     dates as days since 1970, percent, slip, owner and health as numbers. The server
     sends numbers rather than thousands of sentences; labels, owners and health names
     arrive escaped, dates are formatted here in the page's language. */
  function writeHover(trace) {
    var hover = trace.meta && trace.meta.hover;
    if (!hover) { return; }
    var format = new Intl.DateTimeFormat(document.documentElement.lang || "en",
      { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    var days = {};
    function day(number) {
      if (!(number in days)) { days[number] = format.format(new Date(number * DAY_MS)); }
      return days[number];
    }
    var columns = {};
    Object.keys(hover.columns).forEach(function (key) { columns[key] = decode(hover.columns[key]); });
    var labels = hover.labels;
    var text = new Array(columns.first.length);
    for (var i = 0; i < text.length; i++) {
      var lines = [labels.dates + ": " + day(columns.first[i]) + " – " + day(columns.last[i])];
      if (columns.planned_first) {
        lines.push(labels.baseline + ": " + day(columns.planned_first[i]) + " – " +
                   day(columns.planned_last[i]));
      }
      lines.push(labels.percent + ": " + columns.percent[i] + " %");
      var owner = hover.owners[columns.owner[i]];
      if (owner) { lines.push(labels.owner + ": " + owner); }
      if (columns.slip) {
        var slip = columns.slip[i];
        lines.push(labels.slip + ": " + (slip >= 0 ? "+" : "") + slip + " " + labels.days);
      }
      lines.push(labels.health + ": " + hover.healths[columns.health[i]]);
      text[i] = lines.join("<br>");
    }
    trace.text = text;
    delete trace.meta.hover;
  }

  function prepare(figure) {
    (figure.data || []).forEach(writeHover);
    return figure;
  }

  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || typeof Plotly === "undefined") { return null; }
    var figure = prepare(JSON.parse(source.textContent));
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

  window.RoadmapCharts = { draw: draw, prepare: prepare };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-plotly").forEach(draw);
  });
})();
