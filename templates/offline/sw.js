/* Roadmap's service worker: the app readable with no connection.

   Hand-written rather than Workbox: it does four small things (precache a list, cache-first
   for immutable files, network-first for two pages and the report files, an offline page),
   and each rule here is one the app's privacy needs spelt out (what is never kept, when
   everything kept is dropped), which reads more plainly here than in a library's options.

   The server writes CONFIG (roadmap/offline/shell.py): the release's hashed shell URLs, so
   a release changes this script, the browser installs it, and the old shell is deleted.
   - /static/v/… (hashed, immutable): from the shell cache, else the network (then kept if
     the release names it). The plotly.js bundles and map outlines are kept once a page uses
     them (a page loaded before the worker took over lists what it used: offline.js).
   - the dashboard and the Gantt: the network, else the last answer kept, with the banner;
     also when the network has not answered within CONFIG.patience_ms (a hanging link).
   - issued report files: the network, else the copy kept from the last download (200 only:
     a file still being built answers 202 and is not kept).
   - any other page: the network, else the offline page in the reader's language.
   Never kept: POST answers, the API, redirects, another page than asked (a login page). A
   login page shown means nobody is logged in here: the pages and reports kept are dropped. */
"use strict";

const CONFIG = {{ config|tojson }};
const SHELL = "roadmap-shell-" + CONFIG.version;
const PAGES = "roadmap-pages";
const REPORTS = "roadmap-reports";
const META = "roadmap-meta";
const FETCHED_AT = "X-Roadmap-Fetched-At";
const REPORT_FILE = new RegExp(CONFIG.report_files);
const MARK = 'data-offline-since=""';
const SHELL_FILES = new Set(CONFIG.shell.concat(CONFIG.on_use));

self.addEventListener("install", (event) => {
  const urls = CONFIG.shell.concat(Object.values(CONFIG.offline_pages));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(urls)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // Pages kept by an older release name its assets, which go with its shell.
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith("roadmap-shell-") && name !== SHELL)
    .map((name) => Promise.all([caches.delete(name), caches.delete(PAGES)]))))
    // The page's request starts while the worker wakes up, not after.
    .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
    .then(() => self.clients.claim()));
});

let language = null;

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "language" && data.language in CONFIG.offline_pages) {
    if (data.language === language) { return; }
    language = data.language;
    event.waitUntil(caches.open(META).then((cache) =>
      cache.put("language", new Response(data.language))));
  } else if (data.type === "used" && Array.isArray(data.urls)) {
    // Read again from the browser's own cache, where the page just put them.
    event.waitUntil(caches.open(SHELL).then((cache) => Promise.all(data.urls
      .filter((path) => SHELL_FILES.has(path))
      .map((path) => cache.match(path).then((found) => found || cache.add(path).catch(() => null))))));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.headers.has("Authorization")) { return; }
  if (request.method !== "GET") {
    if (request.mode === "navigate") { event.respondWith(submitted(request)); }
    return;
  }
  if (url.pathname.startsWith(CONFIG.static + "v/")) {
    event.respondWith(immutable(request));
  } else if (REPORT_FILE.test(url.pathname)) {
    event.respondWith(reportFile(event, network(event)));
  } else if (request.mode === "navigate") {
    event.respondWith(page(event, url, network(event)));
  }
});

function network(event) {
  // A navigation's preloaded answer when there is one (else it would be asked twice).
  return Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(event.request));
}

function forget() {
  return Promise.all([caches.delete(PAGES), caches.delete(REPORTS)]);
}

function keepable(response) {
  return response.ok && response.status === 200 && response.type === "basic" && !response.redirected;
}

async function stamped(response) {
  // The time of the fetch goes with the copy: the banner tells how old the data is.
  const headers = new Headers(response.headers);
  // The copy's body is decoded, and the banner's mark makes a page longer.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(FETCHED_AT, new Date().toISOString());
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function immutable(request) {
  const found = await caches.match(request, { ignoreVary: true });
  if (found) { return found; }
  const response = await fetch(request);
  if (keepable(response) && SHELL_FILES.has(new URL(request.url).pathname)) {
    const copy = response.clone();
    caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

// The answer goes to the page as it arrives; its copy is kept once it has all arrived.
async function reportFile(event, answer) {
  const request = event.request;
  try {
    const response = await answer;
    const cacheControl = response.headers.get("Cache-Control") || "";
    // Issued files carry their SHA-256 as ETag; drafts are no-store and change.
    if (keepable(response) && response.headers.has("ETag") && !/no-store/.test(cacheControl)) {
      const copy = response.clone();
      event.waitUntil(stamped(copy).then((kept) =>
        caches.open(REPORTS).then((cache) => cache.put(request, kept))));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request, { cacheName: REPORTS, ignoreVary: true });
    if (kept) { return kept; }
    return offlinePage();
  }
}

async function page(event, url, answer) {
  const request = event.request;
  const keptHere = CONFIG.kept_pages.includes(url.pathname);
  const arrived = answer.then((response) => remember(event, url, keptHere, response));
  if (!keptHere) {
    try { return await arrived; } catch (error) { return offlinePage(); }
  }
  // A field link often hangs rather than fails: after CONFIG.patience_ms without an answer
  // the copy kept is shown, with the banner; the answer, if it comes, is still kept.
  event.waitUntil(arrived.catch(() => null));
  let timer;
  const patience = new Promise((resolve) => { timer = setTimeout(resolve, CONFIG.patience_ms, null); });
  let response;
  try {
    response = await Promise.race([arrived, patience]);
  } catch (error) {
    return (await keptPage(request)) || offlinePage();
  } finally {
    clearTimeout(timer);
  }
  if (response) { return response; }
  return (await keptPage(request)) || arrived.catch(() => offlinePage());
}

async function remember(event, url, keptHere, response) {
  const request = event.request;
  if (new URL(response.url || request.url).pathname === CONFIG.login) {
    await forget();
  } else if (keptHere && keepable(response) && /^text\/html/.test(response.headers.get("Content-Type") || "")) {
    const copy = response.clone();
    event.waitUntil(stamped(copy).then((kept) => keep(request, url, kept)));
  }
  return response;
}

async function keep(request, url, copy) {
  // One copy per page: the last one seen, whatever its query (filters, a past date).
  const cache = await caches.open(PAGES);
  const older = await cache.keys(request, { ignoreSearch: true, ignoreVary: true });
  await Promise.all(older.filter((r) => new URL(r.url).pathname === url.pathname)
    .map((r) => cache.delete(r)));
  await cache.put(request, copy);
}

async function keptPage(request) {
  const cache = await caches.open(PAGES);
  const found = (await cache.match(request, { ignoreVary: true })) ||
    (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
  if (!found) { return null; }
  // The page says it is offline and since when: its banner is given the fetch time.
  const text = (await found.text()).replace(MARK, 'data-offline-since="' + found.headers.get(FETCHED_AT) + '"');
  return new Response(text, { status: 200, headers: found.headers });
}

async function offlinePage() {
  const meta = await caches.open(META);
  const chosen = await meta.match("language");
  const language = chosen ? await chosen.text() : CONFIG.default_language;
  const url = CONFIG.offline_pages[language] || CONFIG.offline_pages[CONFIG.default_language];
  const found = await caches.match(url, { cacheName: SHELL, ignoreVary: true });
  if (found) {
    return new Response(found.body, { status: 503, headers: found.headers });
  }
  return Response.error();
}

async function submitted(request) {
  // A form sent while the link is down: 204 leaves the page (and what was typed) as it is,
  // and the page is told, to say the form needs a connection.
  try {
    return await fetch(request);
  } catch (error) {
    const windows = await self.clients.matchAll({ type: "window" });
    windows.forEach((client) => client.postMessage({ type: "not-sent", url: request.url }));
    return new Response(null, { status: 204 });
  }
}
