// The page's handle on the calculator. Owns the worker and exposes the contract's
// window.Recert = {ready, evaluate, version}; page code never sees Pyodide.
const WORKER_URL = new URL("./recert-worker.js", import.meta.url);
const BUILD_URL = new URL("./recert-build.js", import.meta.url); // written by buildlib.runtime for each build

/** The worker's port. Imported when needed, not statically: the page's form does not wait for it. */
async function connect() {
  const { RULES_URL } = await import(BUILD_URL);
  // The worker's name carries the rules' (content-hashed) address: pages of different builds
  // never share a SharedWorker, so never mix rules.
  const options = { type: "module", name: `recert ${RULES_URL}` };
  if ("SharedWorker" in globalThis) {
    const worker = new SharedWorker(WORKER_URL, options);
    worker.port.start();
    worker.port.onmessage = receive;
    return worker.port;
  }
  const worker = new Worker(WORKER_URL, options);
  worker.onmessage = receive;
  return worker;
}

const pending = new Map();
const statusListeners = new Set();
let status = { type: "progress", step: 0, steps: 1, label: "Starting" };
let nextId = 1;
let settleReady;
let failReady;
const NOT_STARTED = "The calculator could not start. Reloading the page may help.";
const port = connect();
port.catch(() => receive({ data: { type: "failed", message: `${BUILD_URL.pathname} did not load` } }));

const ready = new Promise((resolve, reject) => {
  settleReady = resolve;
  failReady = reject;
});
ready.catch(() => {}); // a failed start is reported through onStatus; don't leave it unhandled

export const Recert = {
  ready,
  version: null,
  runtime: null, // the id of the Python runtime answering: one per origin where SharedWorker exists
  evaluate(scenario) {
    let text;
    try {
      text = JSON.stringify(scenario) ?? "null";
    } catch (error) {
      return Promise.resolve({ errors: [{ field: "", message: `Not JSON: ${error.message}` }] });
    }
    return evaluateText(text);
  },
};

/** Evaluates scenario JSON text as it is (the widget receives text from its host page). */
export function evaluateText(text) {
  return request({ type: "evaluate", text: String(text) });
}

/** A roster (CSV text) evaluated on `asOf`: a Promise of {as_of, rows, errors, csv} (calculator/roster.py, page_json). */
export function evaluateRoster(text, asOf) {
  return request({ type: "roster", text: String(text), asOf });
}

function request(message) {
  const id = nextId++;
  const answer = new Promise((resolve) => pending.set(id, resolve));
  port.then((target) => target.postMessage({ ...message, id }), () => {
    pending.get(id)({ errors: [{ field: "", message: NOT_STARTED }] }); // in the contract's shape, as the worker's own
    pending.delete(id);
  });
  return answer;
}

/** Calls listener with the loading status now and on every change: progress, ready or failed. */
export function onStatus(listener) {
  statusListeners.add(listener);
  listener(status);
}

function receive({ data }) {
  if (data.type === "result") {
    pending.get(data.id)(JSON.parse(data.text));
    pending.delete(data.id);
    return;
  }
  status = data;
  if (data.type === "ready") {
    Recert.version = data.version;
    Recert.runtime = data.runtime;
    settleReady(data.version);
    window.dispatchEvent(new CustomEvent("recert:ready", { detail: data.version }));
  } else if (data.type === "failed") {
    failReady(new Error(data.message));
  }
  for (const listener of statusListeners) listener(status);
}

window.Recert = Recert;
