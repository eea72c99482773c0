// The credential picker: a search box that leaves in the list only the credentials it finds (by
// organization, name or letters such as "CSCS") and those already ticked, so a keyboard reaches one in a
// few presses and a phone shows a short list. Rows are left out with data-unmatched, not `hidden`, which
// the widget uses to limit the form to the credentials it was embedded for.

const FEW = 6; // a list this short (the widget's, limited to a few credentials) needs no search box

export function credentialPicker(form) {
  const picker = form.querySelector("[data-credential-picker]");
  const filter = picker.querySelector("[data-credential-filter]");
  const found = picker.querySelector("[data-credential-found]");
  const offered = () => [...picker.querySelectorAll("[data-credential]")].filter((row) => !row.hidden);
  const shownBoxes = () => picker.querySelectorAll("[data-credential]:not([hidden]):not([data-unmatched]) [name=credential]");

  function narrow() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = offered();
    let matches = 0;
    for (const row of rows) {
      const match = words.every((word) => row.dataset.words.includes(word));
      matches += match;
      row.toggleAttribute("data-unmatched", !match && !row.querySelector("[name=credential]").checked);
    }
    for (const group of picker.querySelectorAll("[data-organization]")) {
      group.toggleAttribute("data-unmatched", !group.querySelector("[data-credential]:not([hidden]):not([data-unmatched])"));
    }
    if (!words.length) found.textContent = "";
    else if (matches) found.textContent = `${matches} of ${rows.length} credentials found`;
    else found.textContent = `No credential matches "${filter.value.trim()}"; try fewer letters.`;
  }

  filter.addEventListener("input", narrow);
  filter.addEventListener("keydown", (event) => { // Enter or Down: to the first credential found
    if (event.key !== "Enter" && event.key !== "ArrowDown") return;
    event.preventDefault();
    shownBoxes()[0]?.focus();
  });
  filter.closest("label").hidden = offered().length <= FEW;
}
