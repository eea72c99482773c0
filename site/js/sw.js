// The service worker: keeps one build of the calculator (pages, scripts, Pyodide, rules)
// for offline use. /sw-manifest.js, written by buildlib.runtime for each build, sets
// self.PRECACHE = {version, urls}; a changed manifest makes the browser install the new
// worker, which fills a new cache and, once activated, deletes every older one.
importScripts("/sw-manifest.js");

const PREFIX = "recert-";
const CACHE = PREFIX + self.PRECACHE.version;
const PRECACHED = new Set(self.PRECACHE.urls.map((path) => new URL(path, self.location).href));

// cache: "default", not "reload": the page has just downloaded most of these files, and the HTTP
// cache already gets every one right (hashed files are immutable; the rest are no-cache, so the
// browser revalidates them and a new build's file is never taken for an old one).
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(self.PRECACHE.urls)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// A page's "reload to update" button: the waiting worker takes over.
self.addEventListener("message", (event) => {
  if (event.data?.type === "activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !PRECACHED.has(url.origin + url.pathname)) return;
  // Query strings (the widget's options) do not change the files.
  event.respondWith(caches.match(event.request, { cacheName: CACHE, ignoreSearch: true })
    .then((cached) => cached ?? fetch(event.request)));
});
