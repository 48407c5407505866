/* Readable offline (templates/offline/sw.js): register the service worker, show the banner
   "Offline — data as of …", make forms say they need a connection, list what is kept. */
(function () {
  "use strict";

  var script = document.currentScript;
  var banner = document.getElementById("offline-banner");
  var language = document.documentElement.lang || "en";
  // A page the worker answered from its copy carries the time of that copy's fetch.
  var since = banner && banner.dataset.offlineSince;
  var loadedAt = new Date(performance.timeOrigin || Date.now());
  var sending = null;

  function when(date) {
    return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" })
      .format(date);
  }

  function showBanner(date) {
    if (!banner) { return; }
    banner.textContent = banner.dataset.message.replace("{time}", when(date));
    banner.hidden = false;
  }

  if (since) { showBanner(new Date(since)); }
  window.addEventListener("offline", function () { if (!since) { showBanner(loadedAt); } });
  window.addEventListener("online", function () {
    if (!since && banner) { banner.hidden = true; }
    Array.prototype.forEach.call(document.querySelectorAll(".offline-note"), function (note) {
      note.remove();
    });
  });

  // Next to the submit button: the form needs a connection; what was typed stays.
  function needsConnection(form, button) {
    if (!banner) { return; }
    button = button || form.querySelector("[type=submit]");
    var note = form.querySelector(".offline-note");
    if (!note) {
      note = document.createElement("div");
      note.className = "offline-note alert alert-warning small py-1 px-2 mt-1 mb-0";
      note.setAttribute("role", "alert");
      note.id = "offline-note-" + Math.random().toString(36).slice(2);
      if (button) {
        button.insertAdjacentElement("afterend", note);
        button.setAttribute("aria-describedby", note.id);
      } else {
        form.appendChild(note);
      }
    }
    note.textContent = banner.dataset.formMessage;
  }

  // Capture, first of all listeners: an offline submit goes nowhere, not even to a script.
  document.addEventListener("submit", function (event) {
    if (navigator.onLine) {
      sending = { form: event.target, button: event.submitter };
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    needsConnection(event.target, event.submitter);
  }, true);

  // The offline page: the pages and report files this device keeps, as links.
  function listKept(list) {
    var pages = JSON.parse(list.dataset.pages);
    function add(href, text) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      item.appendChild(link);
      list.appendChild(item);
    }
    function report(url) {
      var match = /\/reports\/(\d{4}-\d{2})\.(pdf|xlsx)$/.exec(url.pathname);
      var text = list.dataset.report.replace("{month}", match[1])
        .replace("{format}", match[2].toUpperCase());
      var version = url.searchParams.get("version");
      return version ? text + ", " + list.dataset.version.replace("{number}", version) : text;
    }
    function keys(name) {
      return caches.has(name).then(function (found) {
        return found ? caches.open(name).then(function (cache) { return cache.keys(); }) : [];
      });
    }
    Promise.all([keys("roadmap-pages"), keys("roadmap-reports")]).then(function (kept) {
      kept[0].forEach(function (request) {
        var url = new URL(request.url);
        add(url.pathname + url.search, pages[url.pathname] || url.pathname);
      });
      kept[1].forEach(function (request) {
        var url = new URL(request.url);
        if (/\/reports\/\d{4}-\d{2}\.(pdf|xlsx)$/.test(url.pathname)) {
          add(url.pathname + url.search, report(url));
        }
      });
      if (!kept[0].length && !kept[1].length) {
        var item = document.createElement("li");
        item.textContent = list.dataset.empty;
        list.appendChild(item);
      }
    });
  }

  var kept = document.getElementById("offline-kept");
  if (kept && window.caches) { listKept(kept); }

  if (!("serviceWorker" in navigator) || !script || !script.dataset.worker) { return; }
  var workers = navigator.serviceWorker;
  // The worker cannot read a page: it is told the reader's language for its offline page.
  workers.ready.then(function (registration) {
    if (registration.active) {
      registration.active.postMessage({ type: "language", language: language });
    }
  });
  // A page loaded before the worker took over: the worker is told the files it used.
  if (!workers.controller && window.PerformanceObserver) {
    workers.ready.then(function (registration) {
      new PerformanceObserver(function (entries) {
        var urls = entries.getEntries().map(function (entry) { return new URL(entry.name); })
          .filter(function (url) { return url.origin === location.origin; })
          .map(function (url) { return url.pathname; })
          .filter(function (path) { return path.indexOf("/static/v/") === 0; });
        if (urls.length && registration.active) {
          registration.active.postMessage({ type: "used", urls: urls });
        }
      }).observe({ type: "resource", buffered: true });
    });
  }
  // A form sent while the link was down: the worker answered 204 and says so here.
  workers.addEventListener("message", function (event) {
    if (event.data && event.data.type === "not-sent" && sending) {
      needsConnection(sending.form, sending.button);
    }
  });
  function register() {
    workers.register(script.dataset.worker, { scope: "/" }).catch(function () {
      // No worker (a private window, an insecure address): the app works as it always did.
    });
  }
  if (document.readyState === "complete") { register(); }
  else { window.addEventListener("load", register); }
})();
