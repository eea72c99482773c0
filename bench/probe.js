// Injected by bench/run.py into every page before its own scripts. Records, in ms since the
// navigation started (performance.now()), the first time each of these happens:
//   ready:  the page fires recert:ready (the rules are loaded)
//   result: the page's own result panel shows a result card
//   form:   the page's script has filled in the form (a credential's date fields are shown)
//   typed:  an input event for the text the benchmark types reaches the document
//   baseline: the baseline page has run 1+1
(() => {
  const TYPED = "typed by the benchmark";
  const marks = {};
  const mark = (name) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const selectors = {
    result: "[data-results] article",
    form: "[data-credential-dates]:not([hidden])",
    baseline: "[data-baseline]",
  };
  const look = () => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (name in marks) continue;
      const element = document.querySelector(selector);
      if (element && (name !== "baseline" || element.textContent.startsWith("1+1"))) mark(name);
    }
  };
  Object.defineProperty(window, "__bench", { value: { marks, TYPED } });
  window.addEventListener("recert:ready", () => mark("ready"));
  document.addEventListener("input", (event) => {
    if (event.target.value === TYPED) mark("typed");
  }, true);
  new MutationObserver(look).observe(document, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["hidden"],
  });
})();
