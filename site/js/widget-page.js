// /widget/: the compact calculator made to sit in an iframe on other sites.
// Options come from the query string (set by /embed.js from its data-* attributes):
// organization, credentials (comma-separated ids), theme (light|dark|auto), accent (#rgb or #rrggbb).
// Talks to its parent window: recert:listening (requests welcome), recert:ready, recert:result after
// each evaluation, recert:resize;
// answers recert:evaluate requests (the host page's window.Recert) with recert:evaluated.
import { Recert, evaluateText } from "/js/recert.js";
import { startCalculator } from "/js/calculator/app.js";
import { offlineStorageRefused } from "/js/calculator/offline.js";

/** Starts the widget's calculator inside `root` (the page's [data-calculator]), as the query string asks. */
export function startWidgetPage(root) {
  const params = new URLSearchParams(location.search);
  const embedded = window.parent !== window;

  function tellParent(message) {
    // The host may be any site: the results are for whoever embedded the widget.
    if (embedded) window.parent.postMessage(message, "*");
  }

  function applyLook() {
    const theme = params.get("theme"); // the page starts light; "auto" follows the visitor's system
    if (theme === "dark") document.documentElement.dataset.theme = "dark";
    else if (theme === "auto") delete document.documentElement.dataset.theme;
    const accent = params.get("accent");
    if (accent && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) {
      document.documentElement.style.setProperty("--accent", accent); // CSSOM: allowed by the CSP
    }
  }

  /** Shows only the named organization's credentials and these credentials (when any is known);
   * an organization left with no credential to show is hidden with its options. */
  function limitTo(organization, ids) {
    const groups = [...root.querySelectorAll("[data-organization]")];
    const rows = groups.flatMap((group) => [...group.querySelectorAll("[data-credential]")]);
    const idOf = (row) => row.querySelector("[name=credential]").value;
    const shown = (row) => (!organization || row.closest("[data-organization]").dataset.organization === organization)
      && (!ids.length || ids.includes(idOf(row)));
    if (!rows.some(shown)) return; // nothing known: the whole form rather than an empty one
    for (const row of rows) row.hidden = !shown(row);
    for (const group of groups) group.hidden = ![...group.querySelectorAll("[data-credential]")].some(shown);
  }

  const preselected = (params.get("credentials") ?? "").split(",").filter(Boolean);
  applyLook();
  limitTo(params.get("organization"), preselected);

  function reportHeight() {
    tellParent({ type: "recert:resize", height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
  }

  const calculator = startCalculator(root, {
    onResult(result) {
      tellParent({ type: "recert:result", result });
      reportHeight(); // also here: Chrome skips ResizeObserver in off-screen cross-origin frames
    },
  });
  const known = new Set([...root.querySelectorAll("[name=credential]")].map((box) => box.value));
  calculator.load({ credentials: preselected.filter((id) => known.has(id)).map((id) => ({ id })) });

  Recert.ready.then((version) => tellParent({ type: "recert:ready", version }));

  window.addEventListener("message", async (event) => {
    if (event.source !== window.parent || event.data?.type !== "recert:evaluate") return;
    const result = await evaluateText(event.data.text); // the host page sent JSON text: pass it on as it is
    event.source.postMessage({ type: "recert:evaluated", id: event.data.id, result }, event.origin);
  });
  // The host page may send its requests from now on: they are answered before recert:ready if need be.
  tellParent({ type: "recert:listening" });

  if (!embedded) return;
  new ResizeObserver(reportHeight).observe(document.documentElement);
  offlineStorageRefused().then((refused) => {
    root.querySelector("[data-offline-note]").hidden = !refused;
  });
}
