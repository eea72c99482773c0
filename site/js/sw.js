// The service worker: keeps one build of the site for offline use, the calculator (pages, scripts,
// Pyodide, rules) and every other page with the search index. /sw-manifest.js, written by
// buildlib/runtime/offline.py for each build, sets self.PRECACHE = {version, urls, or_gzip, network_first};
// a changed manifest makes the browser install the new worker, which fills a new cache (in the
// background: pages register it once the calculator is ready) and, once activated, deletes every older one.
// The calculator's files come from the cache (a new build's once the person accepts it); the pages
// in network_first from the network, so a new deploy reaches visitors on their next online visit,
// and from the cache when there is no network or it does not answer within NETWORK_WAIT_MS.
importScripts("/sw-manifest.js");

const PREFIX = "recert-";
const CACHE = PREFIX + self.PRECACHE.version;
const PRECACHED = new Set(self.PRECACHE.urls.map((path) => new URL(path, self.location).href));

// Files that never change under their address: content-hashed, or under Pyodide's version.
const IMMUTABLE = /^\/(assets|pyodide)\//;
const NETWORK_FIRST = new Set((self.PRECACHE.network_first ?? []).map((path) => new URL(path, self.location).href));
const NETWORK_WAIT_MS = 4000;
// Files the worker may have fetched as their .gz copy instead (from a host that compresses nothing).
const OR_GZIP = new Set(self.PRECACHE.or_gzip ?? []);

/** The response to keep for a manifest path, and the URL to keep it under: an immutable file from
 * any cache that has it (recert-files, where the calculator's worker keeps what it downloaded, or an
 * older build's cache) in either form, else from the network. */
async function precache(path) {
  const url = new URL(path, self.location).href;
  const forms = OR_GZIP.has(path) ? [url, url + ".gz"] : [url];
  if (IMMUTABLE.test(path)) {
    for (const key of forms) {
      const cached = await caches.match(key);
      if (cached) return [key, cached];
    }
  }
  // Not cached: the smaller form. Stable URLs are revalidated (cache: "no-cache"), whatever the host's
  // caching headers, so a new build's file is never taken for an old one.
  const key = forms.at(-1);
  const response = await fetch(key, { cache: IMMUTABLE.test(path) ? "default" : "no-cache" });
  if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
  return [key, response];
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(self.PRECACHE.urls.map(async (path) => cache.put(...await precache(path))));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    // Older builds' caches and the worker's (copied into this one at install) go.
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// A page's "reload to update" button: the waiting worker takes over.
self.addEventListener("message", (event) => {
  if (event.data?.type === "activate") self.skipWaiting();
});

// Opened once per start of the worker. A file is looked up by its exact address (no ignoreSearch, which
// makes the browser compare every entry): query strings (the widget's options) do not change the files.
const opened = caches.open(CACHE);

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const path = url.origin + url.pathname;
  if (event.request.method !== "GET" || !PRECACHED.has(path)) return;
  const cached = () => opened.then((cache) => cache.match(path));
  if (!NETWORK_FIRST.has(path)) {
    event.respondWith(cached().then((hit) => hit ?? fetch(event.request)));
    return;
  }
  const network = fetch(event.request);
  const fallback = () => cached().then((hit) => hit ?? network); // no copy: the network's answer or error
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS)).then(fallback);
  event.respondWith(Promise.race([network.catch(fallback), slow]));
});
