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
})();
