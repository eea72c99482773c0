// Narrow screens: the answer stays in view while the person edits the form. A bar, sticky at the
// bottom of the window, sits between the form and the results, so it scrolls away where the full
// result begins and links to it. It is not a live region (the page's one live region announces each
// new result once); CSS shows it on narrow screens only.

const GAP = 8; // px between a field being typed in and the bar

/** bar: the [data-verdict-bar] element; returns {show(text)}. */
export function verdictBar(bar, form) {
  const text = bar.querySelector("[data-verdict-bar-text]");
  const root = document.documentElement;

  // Focus and typing scroll a field into view above the bar, not under it.
  new ResizeObserver(() => root.style.setProperty("--verdict-bar-height", `${bar.offsetHeight}px`)).observe(bar);

  function keepClear(field) {
    if (!field?.matches?.("input, select, textarea, button") || !bar.offsetHeight) return;
    const covered = field.getBoundingClientRect().bottom + GAP - bar.getBoundingClientRect().top;
    if (covered > 0 && field.getBoundingClientRect().top < bar.getBoundingClientRect().bottom) window.scrollBy(0, covered);
  }
  form.addEventListener("focusin", (event) => keepClear(event.target));
  form.addEventListener("input", (event) => keepClear(event.target));

  return {
    show(sentence) {
      text.textContent = sentence;
      bar.hidden = !sentence;
      // A longer answer makes the bar taller: the field still being typed in stays above it.
      if (form.contains(document.activeElement)) keepClear(document.activeElement);
    },
  };
}
