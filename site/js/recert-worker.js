// The calculator's Python runtime: Pyodide plus the rules package, loaded once.
// Runs as a SharedWorker (one runtime for every tab and widget of the origin) or,
// where SharedWorker is missing, as a dedicated Worker. Both speak the same messages:
//   in:  {type: "evaluate", id, text}
//   out: {type: "progress", step, steps, label} | {type: "ready", version, runtime}
//        | {type: "failed", message} | {type: "result", id, text}
import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const RULES_URL = new URL(self.name.replace(/^recert /, ""), import.meta.url).href; // see recert.js
const STEPS = ["Downloading the Python runtime", "Starting Python", "Loading the rules"];
const RUNTIME_ID = crypto.randomUUID();

const ports = new Set();
let state = progress(0);

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

async function start() {
  const rules = fetchBytes(RULES_URL);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_URL,
    fsInit: async () => announce(progress(1)),
  });
  announce(progress(2));
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(await rules, "zip", { extractDir: sitePackages });
  const calculator = pyodide.pyimport("calculator");
  const version = calculator.version_info().toJs({ dict_converter: Object.fromEntries });
  announce({ type: "ready", version, runtime: RUNTIME_ID });
  return calculator.evaluate_json;
}

const evaluateJson = start();
evaluateJson.catch((error) => announce({ type: "failed", message: String(error?.message ?? error) }));

async function evaluate(text) {
  try {
    return (await evaluateJson)(text);
  } catch (error) {
    // The rules never raise on bad input; this is a runtime failure, reported in the contract's shape.
    const message = `The calculator could not run: ${error?.message ?? error}`;
    return JSON.stringify({ errors: [{ field: "", message }] });
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
