// The rules' errors ({field: "activities[2].hours", message}) shown next to the inputs at
// fault, with aria-invalid and aria-describedby; errors without a matching input go to a summary.
import { el } from "./dom.js";

let nextErrorId = 1;

const LAST_STEP = /(\.[^.[\]]*|\[\d+\])$/;

/** The input for a path, or for its nearest parent path ("activities[2].hours" -> "activities[2]"). */
function inputFor(path, fields) {
  for (let candidate = path; candidate; ) {
    if (fields.has(candidate)) return fields.get(candidate);
    const parent = candidate.replace(LAST_STEP, "");
    if (parent === candidate) break;
    candidate = parent;
  }
  return null;
}

/** The rules' messages continue the field's name ("is required"): put the label in front. */
function sentence(input, message) {
  const label = input.labels?.[0]?.firstChild?.textContent.trim();
  return label && /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

export function fieldErrors(summary) {
  let shown = []; // [input, note]: each note with the input it describes (no look-ups: a long form clears in linear time)

  function clear() {
    for (const [input, message] of shown) {
      input.removeAttribute("aria-invalid");
      const rest = input.getAttribute("aria-describedby")?.split(" ").filter((id) => id !== message.id) ?? [];
      if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
      else input.removeAttribute("aria-describedby");
      message.remove();
    }
    shown = [];
    summary.replaceChildren();
    summary.hidden = true;
  }

  /** Shows `errors` against the inputs in `fields` (a Map path -> input), replacing earlier ones. */
  function show(errors, fields) {
    clear();
    const unplaced = [];
    for (const { field, message } of errors) {
      const input = inputFor(String(field ?? ""), fields);
      if (!input) {
        unplaced.push(field ? `${field}: ${message}` : message);
        continue;
      }
      const id = `field-error-${nextErrorId++}`;
      const note = el("p", { class: "recert-field-error", id, "data-field-error": true }, sentence(input, message));
      (input.closest("label") ?? input).after(note);
      input.setAttribute("aria-invalid", "true");
      const described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
      shown.push([input, note]);
    }
    if (unplaced.length) {
      summary.append(el("p", {}, "Please check:"), el("ul", {}, unplaced.map((text) => el("li", {}, text))));
      summary.hidden = false;
    }
  }

  return { show, clear };
}
