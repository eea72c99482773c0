// The loading status of the calculator, as a page shows it.
import { onStatus } from "../recert.js";

// A start that makes no progress for this long is reported (Pyodide's loader can hang
// silently, e.g. on a .wasm with the wrong type); the page keeps waiting in case it is slow.
const STALLED_MS = 15_000;

/** Keeps `box` (a page's [data-recert-status]) saying how the calculator's start is going; `meanwhile`
 * says what the person can do while it loads. */
export function showStatus(box, meanwhile = "You can fill in the form meanwhile.") {
  const label = box.querySelector("[data-status-label]");
  const bar = box.querySelector("progress");
  const help = box.querySelector("[data-status-help]"); // links to the guideline pages
  let watchdog;
  function stalled(status) {
    box.dataset.state = "stalled";
    label.textContent = `The calculator has not started yet (${status.label.toLowerCase()}): the connection `
      + "may be slow. You can keep waiting or reload the page.";
    if (help) help.hidden = false;
  }
  onStatus((status) => {
    clearTimeout(watchdog);
    box.dataset.state = status.type;
    if (help) help.hidden = status.type !== "failed";
    if (status.type === "progress") {
      label.textContent = `Loading the calculator: ${status.label.toLowerCase()}… ${meanwhile}`;
      bar.max = status.steps;
      bar.value = status.step;
      watchdog = setTimeout(stalled, STALLED_MS, status);
    } else if (status.type === "ready") {
      label.textContent = `Rules ${status.version.rules}, from our copies of the organizations' pages (last reviewed ${status.version.sources_reviewed}), not their live pages: confirm with your organization.`;
      bar.hidden = true;
    } else {
      label.textContent = `The calculator could not start (${status.message}). Reloading the page may help.`;
      bar.hidden = true;
    }
  });
}
