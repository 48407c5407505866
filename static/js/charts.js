/* Draw every Plotly figure on the page from its JSON block (see _macros.html `chart`). */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var NO_FLOAT = -2147483648;  // charts/gantt.py NO_FLOAT: done or cancelled
  var ARRAYS = { u1: Uint8Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array };

  // A typed-array spec of the server (charts/arrays.py) as a JavaScript typed array.
  function decode(spec) {
    var binary = atob(spec.bdata);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return new ARRAYS[spec.dtype](bytes.buffer);
  }

  /* The table a Gantt figure carries in layout.meta.hover (charts/gantt.py _hover_rows):
     every row's title and values, and which row sits at each y position. */
  function hoverTable(carried) {
    var table = { carried: carried, columns: {}, rowAt: {} };
    ["y", "first", "last", "planned_first", "planned_last", "percent", "owner", "health"]
      .forEach(function (key) { table.columns[key] = decode(carried[key]); });
    // Figures cached before the float was drawn carry none.
    table.columns.float = carried.float ? decode(carried.float) : null;
    table.columns.id = carried.id ? decode(carried.id) : null;
    table.columns.y.forEach(function (y, row) { table.rowAt[y] = row; });
    var format = new Intl.DateTimeFormat(document.documentElement.lang || "en",
      { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    var days = {};
    table.day = function (number) {
      if (!(number in days)) { days[number] = format.format(new Date(number * DAY_MS)); }
      return days[number];
    };
    return table;
  }

  // The hover lines of one row: dates, baseline, percent, owner, slip, health, float.
  function hoverLines(table, row) {
    var c = table.columns, labels = table.carried.labels, day = table.day;
    var lines = [labels.dates + ": " + day(c.first[row]) + " – " + day(c.last[row])];
    var planned = c.planned_first[row] && c.planned_last[row];
    if (planned) {
      lines.push(labels.baseline + ": " + day(c.planned_first[row]) + " – " +
                 day(c.planned_last[row]));
    }
    lines.push(labels.percent + ": " + c.percent[row] + " %");
    var owner = table.carried.owners[c.owner[row]];
    if (owner) { lines.push(labels.owner + ": " + owner); }
    if (planned) {
      var slip = c.last[row] - c.planned_last[row];
      lines.push(labels.slip + ": " + (slip >= 0 ? "+" : "") + slip + " " + labels.days);
    }
    lines.push(labels.health + ": " + table.carried.healths[c.health[row]]);
    if (c.float && c.float[row] !== NO_FLOAT) {
      lines.push(labels.float + ": " + c.float[row] + " " + labels.days +
                 (c.float[row] <= 0 ? " (" + labels.critical + ")" : ""));
    }
    return lines.join("<br>");
  }

  /* Write the hover of the Gantt's milestone traces from the figure's table: the server
     sends numbers rather than thousands of sentences; titles, labels, owners and health
     names arrive escaped, dates are written here in the page's language. */
  function prepare(figure) {
    var carried = figure.layout && figure.layout.meta && figure.layout.meta.hover;
    if (!carried) { return figure; }
    var table = hoverTable(carried);
    (figure.data || []).forEach(function (trace) {
      if (!(trace.meta && trace.meta.hover)) { return; }
      var ys = decode(trace.y);
      var c = table.columns;
      trace.hovertext = new Array(ys.length);
      trace.text = new Array(ys.length);
      // Each point's milestone id and first and last day: what gantt.js moves.
      if (c.id) { trace.customdata = new Array(ys.length); }
      for (var i = 0; i < ys.length; i++) {
        var row = table.rowAt[ys[i]];
        trace.hovertext[i] = table.carried.titles[row];
        trace.text[i] = hoverLines(table, row);
        if (c.id) { trace.customdata[i] = [c.id[row], c.first[row], c.last[row]]; }
      }
    });
    delete figure.layout.meta.hover;
    return figure;
  }

  // The page language's locale (charts/locale.py): French months and decimal comma.
  function pageConfig(el) {
    try { return JSON.parse(el.dataset.config || "{}"); } catch (e) { return {}; }
  }

  /* Draw a chart with plotly.js in its box; the server's SVG first paint beside it, kept
     on top while plotly.js draws beneath, goes once the chart is drawn: no jump, no blank. */
  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || typeof Plotly === "undefined") { return null; }
    var figure = prepare(JSON.parse(source.textContent));
    var config = Object.assign({
      responsive: true,
      displaylogo: false,
      locale: document.documentElement.lang || "en",
      topojsonURL: el.dataset.topojsonUrl,
      modeBarButtonsToRemove: ["sendDataToCloud"]
    }, pageConfig(el));
    return Plotly.newPlot(el, figure.data || [], figure.layout || {}, config).then(function () {
      var paint = el.parentNode.querySelector(".chart-paint");
      if (paint) { paint.remove(); }
      el.dataset.drawn = "true";
      el.dispatchEvent(new CustomEvent("roadmap:drawn", { bubbles: true }));
      return el;
    });
  }

  window.RoadmapCharts = { draw: draw, prepare: prepare };

  // Scripts load deferred: the document is parsed (and its first paint shown) by now.
  function drawAll() { document.querySelectorAll(".js-plotly").forEach(draw); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
