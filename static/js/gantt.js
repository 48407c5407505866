/* Gantt page: zoom presets and filters without reloading the page.
   Zoom uses Plotly.relayout; a filter change asks the server for the filtered figure
   (same URL with format=json) and redraws it with Plotly.react. Without JavaScript the
   filter form still works by reloading the page. */
(function () {
  "use strict";

  var chart = document.getElementById("gantt");
  var form = document.getElementById("gantt-filters");
  var count = document.getElementById("gantt-count");
  if (!chart || typeof Plotly === "undefined") { return; }
  var zoomed = null;

  function zoom(button) {
    zoomed = [button.dataset.start, button.dataset.end];
    document.querySelectorAll(".js-zoom").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
      other.classList.toggle("active", other === button);
    });
    if (chart.dataset.drawn === "true") {
      Plotly.relayout(chart, { "xaxis.range": zoomed.slice() });
    }
  }

  document.querySelectorAll(".js-zoom").forEach(function (button) {
    button.addEventListener("click", function () { zoom(button); });
  });

  // What the page says about the span drawn (the next three months or everything).
  function showNotice(notice) {
    var box = document.getElementById("gantt-span");
    if (!box) { return; }
    box.hidden = !notice;
    if (!notice) { return; }
    box.querySelector(".js-span-text").textContent = notice.text;
    var link = box.querySelector(".js-span-link");
    link.textContent = notice.link;
    link.setAttribute("href", notice.href);
  }

  function query() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (!params.get(key)) { params.delete(key); }
    });
    return params;
  }

  function refresh() {
    var params = query();
    var visible = params.toString();
    params.set("format", "json");
    chart.setAttribute("aria-busy", "true");
    return fetch(window.location.pathname + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (body) {
      window.RoadmapCharts.prepare(body.figure);
      var layout = body.figure.layout || {};
      if (zoomed) { layout.xaxis = Object.assign({}, layout.xaxis, { range: zoomed.slice() }); }
      chart.style.minHeight = (layout.height || 360) + "px";
      return Plotly.react(chart, body.figure.data || [], layout).then(function () {
        chart.dataset.count = body.count;
        if (count && body.count_text) { count.textContent = body.count_text; }
        showNotice(body.notice);
        var url = window.location.pathname + (visible ? "?" + visible : "");
        window.history.replaceState(null, "", url);
        chart.removeAttribute("aria-busy");
        chart.dispatchEvent(new CustomEvent("roadmap:drawn", { bubbles: true }));
      });
    }).catch(function () {
      form.submit();  // fall back to a full reload
    });
  }

  if (form) {
    form.addEventListener("change", function () { refresh(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh();
    });
  }

  /* Moving bars (managers): drag a bar to move it, or its right end to change its end.
     The server previews the successors that move; nothing is saved before "Save"; the
     save and its undo are changes recorded like the form's (schedule/moves.py). */
  var box = document.getElementById("gantt-move");
  if (!box) { return; }
  var DAY_MS = 86400000;
  var toggle = document.getElementById("gantt-move-toggle");
  var help = document.getElementById("gantt-move-help");
  var panel = document.getElementById("gantt-move-panel");
  var part = function (name) { return panel.querySelector(".js-" + name); };
  var moving = false, hovered = null, drag = null, proposal = null, undo = null;

  function url(template, id) { return template.replace("/0/", "/" + id + "/"); }

  function post(address, body) {
    return fetch(address, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 "X-CSRFToken": box.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, body: data };
      });
    });
  }

  function say(text, options) {
    options = options || {};
    panel.hidden = false;
    part("move-text").textContent = text || "";
    part("move-warning").textContent = options.warning || "";
    part("move-warning").hidden = !options.warning;
    part("moves-text").textContent = options.movesText || "";
    var list = part("moves");
    list.textContent = "";
    (options.moves || []).forEach(function (move) {
      var item = document.createElement("li");
      item.textContent = move.text;
      list.appendChild(item);
    });
    part("move-save").hidden = !options.confirm;
    part("move-cancel").hidden = !options.confirm;
    part("move-undo").hidden = !options.undo;
  }

  function setMoving(on) {
    moving = on;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.classList.toggle("active", on);
    help.hidden = !on;
    chart.style.cursor = on ? "grab" : "";
    if (chart.dataset.drawn === "true") { Plotly.relayout(chart, { dragmode: on ? false : "zoom" }); }
  }

  toggle.addEventListener("click", function () { setMoving(!moving); });
  var listening = false;
  function drawn() {
    if (moving) { Plotly.relayout(chart, { dragmode: false }); }
    if (listening) { return; }  // Plotly.react keeps the chart's listeners
    listening = true;
    chart.on("plotly_hover", function (event) {
      var point = event.points && event.points[0];
      hovered = point && point.customdata ? point.customdata : null;
    });
    chart.on("plotly_unhover", function () { if (!drag) { hovered = null; } });
  }
  chart.addEventListener("roadmap:drawn", drawn);
  if (chart.dataset.drawn === "true") { drawn(); }

  function toMs(value) {
    if (typeof value === "number") { return value; }
    var text = String(value);
    return Date.parse(text.length <= 10 ? text + "T00:00:00Z" : text.replace(" ", "T") + "Z");
  }

  // Milliseconds of date axis per pixel, and the plot area's left edge and left date.
  function scale() {
    var area = chart.querySelector(".nsewdrag").getBoundingClientRect();
    var range = chart.layout.xaxis.range.map(toMs);
    return { left: area.left, first: range[0], perPixel: (range[1] - range[0]) / area.width };
  }

  function iso(days) { return new Date(days * DAY_MS).toISOString().slice(0, 10); }

  function shifted(event) {
    var days = Math.round((event.clientX - drag.x) * drag.scale.perPixel / DAY_MS);
    var first = drag.resize ? drag.first : drag.first + days;
    var last = Math.max(drag.first, drag.last + days);
    return { days: days, first: first, last: last };
  }

  chart.addEventListener("mousedown", function (event) {
    if (!moving || !hovered || event.button !== 0) { return; }
    var found = scale();
    var endPixel = found.left + ((hovered[2] + 1) * DAY_MS - found.first) / found.perPixel;
    drag = { id: hovered[0], first: hovered[1], last: hovered[2], x: event.clientX,
             scale: found, resize: Math.abs(event.clientX - endPixel) <= 6 };
    chart.style.cursor = drag.resize ? "ew-resize" : "grabbing";
    event.preventDefault();
    event.stopPropagation();
  }, true);

  document.addEventListener("mousemove", function (event) {
    if (!drag) { return; }
    var move = shifted(event);
    say(iso(move.first) + " – " + iso(move.last) + " (" + (move.days >= 0 ? "+" : "") +
        move.days + ")");
  });

  document.addEventListener("mouseup", function (event) {
    if (!drag) { return; }
    var move = shifted(event), id = drag.id;
    drag = null;
    chart.style.cursor = moving ? "grab" : "";
    if (!move.days) { panel.hidden = true; return; }
    var dates = { start: iso(move.first), end: iso(move.last) };
    post(url(box.dataset.previewUrl, id), dates).then(function (answer) {
      if (answer.status !== 200) { say(answer.body.message); return; }
      proposal = { id: id, start: dates.start, end: dates.end, version: answer.body.version };
      say(answer.body.text, { warning: answer.body.outside_text, movesText: answer.body.moves_text,
                              moves: answer.body.moves, confirm: true });
      part("move-save").focus();
    });
  });

  part("move-cancel").addEventListener("click", function () {
    proposal = null;
    panel.hidden = true;
  });

  part("move-save").addEventListener("click", function () {
    if (!proposal) { return; }
    var sent = proposal;
    proposal = null;
    post(url(box.dataset.moveUrl, sent.id), sent).then(function (answer) {
      undo = answer.status === 200 ? answer.body.undo : null;
      say(answer.body.message, { undo: !!undo });
      refresh();
    });
  });

  part("move-undo").addEventListener("click", function () {
    if (!undo) { return; }
    var sent = undo;
    undo = null;
    post(box.dataset.undoUrl, { undo: sent }).then(function (answer) {
      say(answer.body.message);
      refresh();
    });
  });
})();
