// The calculator's Python runtime: Pyodide plus the rules package, loaded once.
// Runs as a SharedWorker (one runtime for every tab and widget of the origin) or,
// where SharedWorker is missing, as a dedicated Worker. Both speak the same messages:
//   in:  {type: "evaluate", id, text}
//   out: {type: "progress", step, steps, label} | {type: "ready", version, runtime, startedFrom}
//        | {type: "failed", message} | {type: "result", id, text}
//
// It starts from the build's memory snapshot (buildlib/runtime_snapshot.mjs: Python started, the
// rules imported and warmed up), which skips Python's start-up; if the snapshot cannot be used
// (fetch error, other build, Pyodide refuses it) it starts Python the normal way.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { RUNTIME } from "./recert-build.js"; // written by buildlib.runtime for each build

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const RULES_URL = new URL(self.name.replace(/^recert /, ""), import.meta.url).href; // see recert.js
const absolute = (path) => new URL(path, import.meta.url).href;
// The snapshot holds the rules it was made with: only for the rules this worker was named for.
const SNAPSHOT_URL = RUNTIME && absolute(RUNTIME.rules) === RULES_URL ? absolute(RUNTIME.snapshot) : null;
const STEPS = ["Downloading the Python runtime", "Starting Python", "Loading the rules"];
const RUNTIME_ID = crypto.randomUUID();

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

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let startedFrom = "start-up"; // or "snapshot": how Python started, in the ready message (for tests)

async function startPython(snapshot) {
  const options = {
    indexURL: PYODIDE_URL,
    fsInit: async () => announce(progress(1)),
    ...(RUNTIME && { stdLibURL: absolute(RUNTIME.stdlib), lockFileContents: RUNTIME.lock }),
  };
  if (snapshot) {
    try {
      // The snapshot has imported every module of the trimmed stdlib: it needs no stdlib file.
      const pyodide = await loadPyodide({ ...options, stdLibURL: absolute(RUNTIME.empty_zip), _loadSnapshot: snapshot });
      startedFrom = "snapshot";
      return pyodide;
    } catch (error) {
      console.warn("Starting without the snapshot:", error);
    }
  }
  return loadPyodide(options);
}

async function start() {
  // Both downloads start now, alongside Pyodide's own (the wasm).
  const snapshot = SNAPSHOT_URL && fetchBytes(SNAPSHOT_URL);
  snapshot?.catch(() => {}); // handled by startPython
  const rules = fetchBytes(RULES_URL);
  const pyodide = await startPython(snapshot);
  announce(progress(2));
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(await rules, "zip", { extractDir: sitePackages });
  const calculator = pyodide.pyimport("calculator");
  failure = calculator.INTERNAL_ERROR;
  const version = calculator.version_info().toJs({ dict_converter: Object.fromEntries });
  announce({ type: "ready", version, runtime: RUNTIME_ID, startedFrom });
  warmUp(calculator.evaluate_json);
  return calculator.evaluate_json;
}

// V8 runs Python's interpreter (wasm) in its baseline tier until the hot functions have been
// optimized, which takes a few seconds of use: evaluations right after a snapshot start are 2-3x
// slower. Idle evaluations of the build's example scenarios, one per task so that a person's
// request waits for one at most, get the interpreter there before the person needs it.
// Warm-up stays out of the way of requests: none while one is pending or within QUIET_MS of the last.
const WARM_UP_MS = 2000;
const QUIET_MS = 100;
let busy = 0; // requests being answered
let lastRequest = -Infinity;

async function warmUp(evaluateJson) {
  const texts = RUNTIME?.warmup ?? [];
  const until = performance.now() + WARM_UP_MS;
  for (let i = 0; texts.length && performance.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (busy || performance.now() - lastRequest < QUIET_MS) continue;
    evaluateJson(texts[i++ % texts.length]);
  }
}

const evaluateJson = start();
evaluateJson.catch((error) => announce({ type: "failed", message: String(error?.message ?? error) }));

async function evaluate(text) {
  busy++;
  try {
    return (await evaluateJson)(text);
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
  port.onmessage = async ({ data }) => {
    if (data?.type !== "evaluate") return;
    port.postMessage({ type: "result", id: data.id, text: await evaluate(data.text) });
  };
  port.postMessage(state);
}

if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  self.onconnect = (event) => attach(event.ports[0]);
} else {
  attach(self);
}
