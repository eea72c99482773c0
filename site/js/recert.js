// The page's handle on the calculator. Owns the worker and exposes the contract's
// window.Recert = {ready, evaluate, version}; page code never sees Pyodide.
const WORKER_URL = new URL("./recert-worker.js", import.meta.url);
const BUILD_URL = new URL("./recert-build.js", import.meta.url); // written by buildlib.runtime.pyodide for each build

/** The worker's port. Imported when needed, not statically: the page's form does not wait for it. */
async function connect() {
  const { RULES_URL } = await import(BUILD_URL);
  // The worker's name carries the rules' (content-hashed) address: pages of different builds
  // never share a runtime, so never mix rules.
  const name = `recert ${RULES_URL}`;
  return (await sharedWorker(name)) ?? siblingsWorker(name) ?? ownWorker(name);
}

/** The origin's SharedWorker (one runtime for every tab and frame), once it has spoken; null where
 * the browser refuses it, as in a frame of another site without storage (an error event, at once). */
function sharedWorker(name) {
  if (!("SharedWorker" in globalThis)) return null;
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new SharedWorker(WORKER_URL, { type: "module", name });
    } catch {
      resolve(null); // SecurityError
      return;
    }
    worker.onerror = () => resolve(null);
    worker.port.onmessage = (event) => {
      worker.onerror = null;
      worker.port.onmessage = receive;
      resolve(worker.port);
      receive(event);
    };
  });
}

// Without a SharedWorker, the frames of one page (two widgets) still share a runtime: the first
// starts a dedicated worker and publishes SHARE on its window, which hands its worker a port; the
// other frames of our origin in the same parent find it there (they may script each other).
const SHARE = "recertShareRuntime";

function siblingsWorker(name) {
  if (window.parent === window) return null;
  for (let i = 0; i < window.parent.frames.length; i++) {
    let share;
    try {
      share = window.parent.frames[i][SHARE]; // throws for a frame of another origin
    } catch {
      continue;
    }
    if (share?.runtimeName !== name) continue;
    const channel = new MessageChannel();
    channel.port1.onmessage = receive;
    share(channel.port2);
    return channel.port1;
  }
  return null;
}

function ownWorker(name) {
  const worker = new Worker(WORKER_URL, { type: "module", name });
  worker.onmessage = receive;
  window[SHARE] = Object.assign((port) => worker.postMessage({ type: "connect" }, [port]), { runtimeName: name });
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
  runtime: null, // the id of the Python runtime answering: one per origin where SharedWorker works
  sharedRuntime: null, // whether that runtime is the origin's SharedWorker (else a page's own Worker)
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

// The latest request and its answer's text (kept once it comes): the same scenario asked again next is not
// evaluated again (the form asks again once a long record's rows are all drawn). Each caller gets an object
// of its own: one that changes what it got changes no one else's answer.
let latest = { text: null, answer: null };

/** Evaluates scenario JSON text as it is (the widget receives text from its host page). */
export function evaluateText(text) {
  const key = String(text);
  if (latest.text !== key) latest = { text: key, answer: request({ type: "evaluate", text: key }) };
  return latest.answer.then(JSON.parse);
}

/** A roster (CSV text) evaluated on `asOf`: a Promise of {as_of, rows, errors, csv} (calculator/roster.py, page_json). */
export function evaluateRoster(text, asOf) {
  return request({ type: "roster", text: String(text), asOf }).then(JSON.parse);
}

function request(message) {
  const id = nextId++;
  const answer = new Promise((resolve) => pending.set(id, resolve));
  port.then((target) => target.postMessage({ ...message, id }), () => {
    pending.get(id)(JSON.stringify({ errors: [{ field: "", message: NOT_STARTED }] })); // in the contract's shape, as the worker's own
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
    pending.get(data.id)(data.text);
    pending.delete(data.id);
    return;
  }
  status = data;
  if (data.type === "ready") {
    Recert.version = data.version;
    Recert.runtime = data.runtime;
    Recert.sharedRuntime = data.shared;
    settleReady(data.version);
    window.dispatchEvent(new CustomEvent("recert:ready", { detail: data.version }));
  } else if (data.type === "failed") {
    failReady(new Error(data.message));
  }
  for (const listener of statusListeners) listener(status);
}

window.Recert = Recert;
