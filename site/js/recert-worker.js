// The calculator's Python runtime: Pyodide plus the rules package, loaded once.
// Runs as a SharedWorker (one runtime for every tab and widget of the origin) or, where the
// browser refuses one (no SharedWorker; a frame of another site without storage), as a dedicated
// Worker, which other frames of the page may reach through ports it is given. All speak the same messages:
//   in:  {type: "evaluate", id, text} | {type: "roster", id, text, asOf} (the /roster/ page: a CSV)
//        | {type: "connect"} with a port to answer on as well
//   out: {type: "progress", step, steps, label} | {type: "ready", version, runtime, shared, startedFrom}
//        | {type: "failed", message} | {type: "result", id, text}
//
// It starts from the build's memory snapshot (buildlib/runtime/runtime_snapshot.mjs: Python started, the
// rules imported and warmed up), which skips Python's start-up; if the snapshot cannot be used
// (fetch error, other build, Pyodide refuses it) it starts Python the normal way.
// Its downloads: ./worker/downloads.js. The build bundles those modules into this file
// (buildlib/pages/bundle.py) and writes its RUNTIME in (buildlib/runtime/pyodide.py): no import costs a round trip.
import { bytes, download, kept, networkFetch } from "./worker/downloads.js";
import { decodeSnapshot, unsparse } from "./worker/snapshot-bytes.js";

const RUNTIME = RECERT_RUNTIME; // replaced by the build (inline_runtime)

const absolute = (path) => new URL(path, import.meta.url).href;
const PYODIDE_URL = absolute(RUNTIME.pyodide);
const WASM_URL = absolute(RUNTIME.wasm);
const RULES_URL = new URL(self.name.replace(/^recert /, ""), import.meta.url).href; // see recert.js
// The snapshot holds the rules it was made with: only for the rules this worker was named for.
const SNAPSHOT_URL = absolute(RUNTIME.rules) === RULES_URL ? absolute(RUNTIME.snapshot) : null;
// The last step answers already (requests are answered between warm-up evaluations), only slower.
const STEPS = ["Downloading the Python runtime", "Starting Python", "Loading the rules", "Getting up to speed"];
const RUNTIME_ID = crypto.randomUUID();
const SHARED = typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope;

const ports = new Set();
let state = progress(0);
// What a person is told when an evaluation fails: the rules' own sentence for a bug once they are loaded.
let failure = "The calculator could not start. Reloading the page may help.";

function progress(step) {
  return { type: "progress", step, steps: STEPS.length, label: STEPS[step] };
}

function announce(message) {
  state = message;
  for (const port of ports) port.postMessage(message);
}

// Pyodide fetches and compiles its wasm itself, and only once the snapshot is in (loadPyodide awaits
// it first). The worker compiles it meanwhile, as it downloads: Pyodide's own fetch of the wasm gets
// a stand-in, and instantiating the stand-in instantiates that module. The fresh instance's memory
// (the wasm's data segments, nothing run yet) then decodes the snapshot (buildlib/runtime/snapshot_delta.py).
const compiled = download(WASM_URL, { gzip: true, type: "application/wasm" }).then(WebAssembly.compileStreaming);
compiled.catch(() => {}); // reported by the start that needs it
const STAND_IN = new Response(null);
globalThis.fetch = (url, options) => (String(url) === WASM_URL ? Promise.resolve(STAND_IN) : networkFetch(url, options));
const instantiateStreaming = WebAssembly.instantiateStreaming;
let encodedSnapshot = null; // the snapshot Pyodide is about to restore, still to decode

WebAssembly.instantiateStreaming = async (source, imports) => {
  if ((await source) !== STAND_IN) return instantiateStreaming(source, imports);
  const module = await compiled;
  const instance = await WebAssembly.instantiate(module, imports);
  if (encodedSnapshot) decodeSnapshot(encodedSnapshot, new Uint8Array(instance.exports.memory.buffer), RUNTIME.snapshot_xor);
  encodedSnapshot = null;
  return { module, instance };
};

let startedFrom = "start-up"; // or "snapshot": how Python started, in the ready message (for tests)

async function startPython(snapshot) {
  import(PYODIDE_URL + "pyodide.asm.mjs").catch(() => {}); // what loadPyodide imports next: fetched and parsed meanwhile
  const { loadPyodide } = await import(PYODIDE_URL + "pyodide.mjs");
  const options = {
    indexURL: PYODIDE_URL,
    fsInit: async () => announce(progress(1)),
    stdLibURL: absolute(RUNTIME.stdlib),
    lockFileContents: RUNTIME.lock,
  };
  if (snapshot) {
    try {
      // The snapshot has imported every module of the trimmed stdlib: it needs no stdlib file.
      const loaded = snapshot.then((data) => (encodedSnapshot = unsparse(data)));
      const pyodide = await loadPyodide({ ...options, stdLibURL: absolute(RUNTIME.empty_zip), _loadSnapshot: loaded });
      const random = pyodide.pyimport("random"); // seeded when the snapshot was made: the same for everyone
      random.seed();
      random.destroy();
      startedFrom = "snapshot";
      return pyodide;
    } catch (error) {
      encodedSnapshot = null;
      console.warn("Starting without the snapshot:", error);
    }
  }
  return loadPyodide(options);
}

async function start() {
  // The downloads start now, alongside the wasm's. The snapshot has the rules imported, their data
  // read: the rules' files are needed only without it.
  const snapshot = SNAPSHOT_URL && bytes(download(SNAPSHOT_URL, { gzip: true }));
  snapshot?.catch(() => {}); // handled by startPython
  const rules = SNAPSHOT_URL ? null : bytes(download(RULES_URL));
  const pyodide = await startPython(snapshot);
  if (startedFrom !== "snapshot") { // the snapshot has them loaded already
    announce(progress(2));
    const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
    pyodide.unpackArchive(await (rules ?? bytes(download(RULES_URL))), "zip", { extractDir: sitePackages });
  }
  const calculator = pyodide.pyimport("calculator");
  failure = calculator.INTERNAL_ERROR;
  return calculator;
}

// V8 runs Python's interpreter (wasm) in its baseline tier until each hot function has been used
// enough to be optimized (in the background): right after a snapshot start, evaluations are 3-4x
// slower, and they stay so however long the worker waits, until it has evaluated for a while (about
// half a second on a loaded 2-core machine). So the worker evaluates the build's example scenarios,
// with their activities repeated (a long list takes the per-activity paths): before announcing ready
// until the optimized code is in (requests sent before that, such as a share link's, are answered
// first), at most READY_WARM_UP_MS; then when idle until WARM_UP_MS.
// One evaluation per task, so that a request waits for one at most; none while a request is pending,
// and after ready none within QUIET_MS of the last (a person typing sends the next soon).
const READY_WARM_UP_MS = 1000;
const WARM_UP_MS = 2000;
const QUIET_MS = 100;
const WARM_UP_ACTIVITIES = 100;
// Optimized: the latest TIER_WINDOW evaluations took under TIERED of what the same texts took the
// first time (the optimized code takes about half; noise seldom halves 20 evaluations in a row).
const TIER_WINDOW = 20;
const TIERED = 0.6;
let busy = 0; // requests being answered
let lastRequest = -Infinity;

async function ready(calculator) {
  const version = calculator.version_info().toJs({ dict_converter: Object.fromEntries });
  const texts = (RUNTIME.warmup ?? []).map(lengthened);
  const started = performance.now();
  announce(progress(3));
  await Promise.all(kept);
  await warmUp(calculator.evaluate_json, texts, { until: started + READY_WARM_UP_MS, untilOptimized: true });
  announce({ type: "ready", version, runtime: RUNTIME_ID, shared: SHARED, startedFrom });
  await warmUp(calculator.evaluate_json, texts, { until: started + WARM_UP_MS, quietMs: QUIET_MS });
}

/** A scenario text with its activities repeated to WARM_UP_ACTIVITIES (other texts as they are). */
function lengthened(text) {
  let scenario;
  try {
    scenario = JSON.parse(text);
  } catch {
    return text;
  }
  const activities = scenario?.activities;
  if (!Array.isArray(activities) || !activities.length) return text;
  const repeated = Array.from({ length: WARM_UP_ACTIVITIES }, (_, i) => activities[i % activities.length]);
  return JSON.stringify({ ...scenario, activities: repeated });
}

// Lets the worker's messages in between two evaluations. Not setTimeout(0): nested timeouts wait 4 ms
// at least, which left the interpreter idle three quarters of the warm-up.
function nextTask() {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(null);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function warmUp(evaluateJson, texts, { until, quietMs = 0, untilOptimized = false }) {
  const first = []; // ms each text took the first time
  const latest = []; // [text, ms] of the latest TIER_WINDOW evaluations since
  for (let i = 0; texts.length && performance.now() < until;) {
    const quietIn = lastRequest + quietMs - performance.now();
    await (quietIn > 0 ? sleep(quietIn) : nextTask());
    if (busy || performance.now() - lastRequest < quietMs) continue;
    const text = i++ % texts.length;
    const start = performance.now();
    evaluateJson(texts[text]);
    const ms = performance.now() - start;
    if (first.length < texts.length) first.push(ms);
    else if (latest.push([text, ms]) > TIER_WINDOW) latest.shift();
    if (untilOptimized && optimized(first, latest)) return;
  }
}

function optimized(first, latest) {
  const now = latest.reduce((sum, [, ms]) => sum + ms, 0);
  const before = latest.reduce((sum, [text]) => sum + first[text], 0);
  return latest.length === TIER_WINDOW && now < TIERED * before;
}

const calculator = start();
calculator.then(ready).catch((error) => announce({ type: "failed", message: String(error?.message ?? error) }));
// Each request type's entry point in the rules: text in, JSON text out.
const entryPoints = calculator.then((module) => ({
  evaluate: ({ text }) => module.evaluate_json(text),
  roster: ({ text, asOf }) => module.roster_page_json(String(text), String(asOf)),
}));
entryPoints.catch(() => {}); // reported just above; each request is answered with `failure`

async function answer(request) {
  busy++;
  try {
    return (await entryPoints)[request.type](request);
  } catch (error) {
    // evaluate_json never raises: the runtime failed. The details (a Python traceback, file paths) are
    // for the console; the person gets one short sentence, in the contract's shape.
    console.error("Recert: the calculator failed:", error);
    return JSON.stringify({ errors: [{ field: "", message: failure }] });
  } finally {
    busy--;
    lastRequest = performance.now();
  }
}

function attach(port) {
  ports.add(port);
  port.onmessage = async ({ data, ports: given }) => {
    if (data?.type === "connect" && given[0]) attach(given[0]);
    if (data?.type !== "evaluate" && data?.type !== "roster") return;
    port.postMessage({ type: "result", id: data.id, text: await answer(data) });
  };
  port.postMessage(state);
}

if (SHARED) {
  self.onconnect = (event) => attach(event.ports[0]);
} else {
  attach(self);
}
