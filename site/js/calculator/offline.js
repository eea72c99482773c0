// Offline use: whether this browser gives it storage here, and (the calculator page) registers the service worker (/sw.js) and, when a new version of the site
// has been downloaded, shows `notice` with a button that switches to it.
export function registerOffline(notice) {
  if (!("serviceWorker" in navigator)) return;
  const button = notice.querySelector("button");
  const wasControlled = Boolean(navigator.serviceWorker.controller);
  let switchTo = null; // the waiting worker this page may activate, if any
  let requested = false; // this page's own button asked for the switch

  function offer(worker) {
    switchTo = worker;
    notice.hidden = false;
  }

  button.addEventListener("click", () => {
    requested = Boolean(switchTo);
    if (switchTo) switchTo.postMessage({ type: "activate" });
    else location.reload();
  });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (requested) location.reload(); // the person asked for the new version here
    else if (wasControlled) offer(null); // another tab switched: reloading is this person's call, not ours
  });

  // Registered once the calculator has started (or failed to): the first install downloads the
  // offline copy, which would otherwise compete with the calculator's own start for network and CPU.
  const started = window.Recert?.ready.catch(() => {}) ?? Promise.resolve();
  started.then(() => navigator.serviceWorker.register("/sw.js", { updateViaCache: "none" })).then((registration) => {
    if (registration.waiting && wasControlled) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }, () => {
    // No service worker (private mode, some embedded contexts): the calculator works online only.
  });
}

/** Whether this browser refuses the storage offline use needs (Cache Storage, a service worker) to
 * this page, as it does to a frame of another site when third-party cookies are blocked. */
export async function offlineStorageRefused() {
  if (!("serviceWorker" in navigator) || !globalThis.caches) return true;
  try {
    await caches.keys();
    return false;
  } catch {
    return true; // SecurityError
  }
}
