// The worker's downloads (bundled into /js/recert-worker.js by the build). Every runtime file (each under
// an address of its own version) comes from the browser's cache when it has it, else from Cache Storage
// when any cache has it (the worker's own, FILES, or the service worker's), else from the network. The
// browser's copy first: only a response the browser fetched itself brings V8's cache of the code it
// compiled and optimized for the wasm on an earlier visit (one read from Cache Storage starts over, with
// Python's interpreter in the baseline tier: a first answer 3-4 times slower). What came from the network
// is kept in FILES, decoded, where the service worker's install finds it instead of downloading it again.
// The two big files (the wasm, the snapshot) come as the host sends them when the host compresses them;
// from a host that compresses nothing, as their .gz copy, decoded here (DecompressionStream).
export const networkFetch = globalThis.fetch; // before the worker redirects Pyodide's fetch of the wasm
const FILES = "recert-files";

export const kept = []; // cache writes in progress: done before the ready message (the page then registers
// the service worker, whose install looks for these files)

function keep(url, response) {
  const cache = globalThis.caches?.open(FILES);
  if (cache) kept.push(cache.then((files) => files.put(url, response)).catch(() => {}));
}

/** A response with the bytes of a .gz copy decoded (unless the host declared the encoding, so the
 * browser has decoded them already). */
function gunzipped(response, type) {
  if (response.headers.get("Content-Encoding")) return response;
  const body = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Response(body, { headers: { "Content-Type": type } });
}

async function fromCaches(url, type) {
  for (const key of [url, url + ".gz"]) {
    const response = await globalThis.caches?.match(key).catch(() => undefined);
    if (response) return key === url ? response : gunzipped(response, type);
  }
  return null;
}

// Whether the host compresses the big files (a promise): the first one asked for from the network is
// asked for as it is, and its response headers tell. The other waits for them, a round trip at most
// while the first one's download fills the link.
let hostCompresses = null;

/** [address, response] for a file with a .gz copy: the file itself from a host that compresses it,
 * else the copy (a third of the size). */
async function fetchSmaller(url) {
  if (!hostCompresses) {
    const asked = new AbortController();
    const first = networkFetch(url, { signal: asked.signal });
    hostCompresses = first.then((answer) => answer.ok && Boolean(answer.headers.get("Content-Encoding")), () => false);
    if (await hostCompresses) return [url, await first];
    asked.abort(); // what came of it (a round trip's worth at most) is lost
  } else if (await hostCompresses) {
    return [url, await networkFetch(url)];
  }
  return [url + ".gz", await networkFetch(url + ".gz")];
}

/** The file as the browser keeps it (its HTTP cache, or the service worker that controls this worker),
 * never from the network; null when it has no copy. */
async function fromBrowserCache(url) {
  try {
    const response = await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" });
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

/** The file at url (a Response), from a cache or the network; `gzip`: it has a .gz copy, taken
 * from a host that compresses nothing. */
export async function download(url, { gzip = false, type = "application/octet-stream" } = {}) {
  const cached = (await fromBrowserCache(url)) ?? (await fromCaches(url, type));
  if (cached) return cached;
  const [key, response] = gzip ? await fetchSmaller(url) : [url, await networkFetch(url)];
  if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
  // Kept decoded, under the file's own address: a later visit reads it with nothing to decode.
  const decoded = key === url ? response : gunzipped(response, type);
  keep(url, decoded.clone());
  return decoded;
}

export async function bytes(response) {
  return new Uint8Array(await (await response).arrayBuffer());
}
