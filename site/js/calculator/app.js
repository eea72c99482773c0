// The calculator on a page: the form, its loading status, inline errors and results,
// re-evaluated on every change. Shared by /calculator/ and the /widget/.
import { Recert } from "../recert.js";
import { debounce, today } from "./dom.js";
import { fieldErrors } from "./field-errors.js";
import { renewalQuestions } from "./renewal-question.js";
import { renderResult, summarizeResult } from "./results-view.js";
import { scenarioForm } from "./scenario-form.js";
import { showStatus } from "./status.js";
import { verdictBar } from "./verdict-bar.js";

const DEBOUNCE_MS = 250;
// Screen readers hear a result once the person pauses, not after every keystroke's evaluation.
const ANNOUNCE_MS = 1000;

/** A field still waiting for its first entry (not one that came empty with a loaded activity): its error is a
 * prompt, not a mistake, until the person has been in the field. */
function untouchedAndEmpty(error, fields) {
  const input = fields.get(String(error.field ?? ""));
  return Boolean(input) && !input.dataset.touched && !input.value && !input.closest("[data-loaded]");
}

/**
 * Starts the calculator inside `root`. onResult(result, scenario) follows every evaluation; onFieldsToFix() follows
 * a change that leaves fields the form cannot read (no evaluation, no result: what showed the last one is stale).
 * Returns {load(scenario) -> what the form does not show (kept), read() -> scenario, rows() -> every activity row,
 * setAsOf(day or null), nameOf(id) -> name}. The scenario has as_of only when the person pinned a day.
 */
export function startCalculator(root, { onResult = () => {}, onFieldsToFix = () => {} } = {}) {
  const form = root.querySelector("[data-recert-form]");
  const entries = scenarioForm(form, root.querySelector("[data-activity-template]"));
  const errors = fieldErrors(root.querySelector("[data-form-errors]"));
  const results = root.querySelector("[data-results]");
  const summary = root.querySelector("[data-results-summary]"); // a live region: one line per change
  const barElement = root.querySelector("[data-verdict-bar]"); // the calculator page's, on narrow screens
  const bar = barElement ? verdictBar(barElement, form) : { show() {} };
  const renewal = renewalQuestions(form);
  const speak = debounce((text) => {
    if (summary && summary.textContent !== text) summary.textContent = text;
  }, ANNOUNCE_MS);
  /** Says `text` (once it has settled) and shows `short` in the verdict bar. */
  const announce = (text, short = text) => {
    speak(text);
    bar.show(short);
  };
  const names = new Map([...form.querySelectorAll("[name=credential]")]
    .map((box) => [box.value, box.labels[0].textContent.trim()]));
  const nameOf = (id) => names.get(id) ?? id;
  let latest = 0;

  function needsFixing(problems, fields) {
    errors.show(problems, fields);
    results.replaceChildren("Fix the marked fields to see your results.");
    announce(`${results.textContent} ${problems.length === 1 ? "1 field needs" : `${problems.length} fields need`} attention.`);
  }

  let evaluatedOn; // the day of the latest evaluation, today's date then
  async function evaluate() {
    evaluatedOn = today();
    entries.showToday();
    const { scenario: kept, evaluated, fields, problems } = entries.read();
    const scenario = { ...evaluated, as_of: kept.as_of ?? today() }; // no day pinned: today
    const request = ++latest;
    if (problems.length) {
      needsFixing(problems, fields); // numbers the form cannot read: the rules would only repeat them
      onFieldsToFix();
      return;
    }
    if (!scenario.credentials?.length) {
      errors.clear();
      results.replaceChildren("Choose a credential to see where you stand.");
      announce(results.textContent, "");
      return;
    }
    const result = await Recert.evaluate(scenario);
    if (request !== latest) return; // the form changed since: a newer answer comes
    // Fields still waiting for their first entry are not marked, beside mistakes or alone.
    const mistakes = result.errors?.filter((error) => !untouchedAndEmpty(error, fields));
    if (mistakes?.length) {
      needsFixing(mistakes, fields);
    } else if (result.errors) {
      errors.clear();
      const datesOnly = result.errors.every((error) => fields.get(String(error.field))?.type === "date");
      results.replaceChildren(`${datesOnly ? "Enter the dates" : "Fill in what"} the form asks for to see where you stand.`);
      announce(results.textContent, "");
    } else {
      errors.clear();
      renewal.update(result);
      renderResult(results, result, scenario, nameOf);
      const { spoken, short } = summarizeResult(result, scenario, nameOf);
      announce(spoken, short);
    }
    onResult(result, kept);
  }

  const later = debounce(evaluate, DEBOUNCE_MS);
  // A change drops the answers still to come: one asked for before it would judge the fields as they
  // are now (a field typed in since, marked as missing). The answer to the form as it is follows the pause.
  const touch = (event) => {
    event.target.dataset.touched = "1";
    latest += 1;
    later();
  };
  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("focusout", (event) => { // left empty: now a gap to say, not a prompt
    if (event.target.name && !event.target.dataset.touched) touch(event);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  // A long record's rows all drawn: its errors can now be shown at their inputs, its counts in each row.
  form.addEventListener("recert:drawn", () => evaluate());
  // Back to a page left open since yesterday: its answer is for today (no day pinned) or says the same.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && today() !== evaluatedOn) evaluate();
  });
  showStatus(root.querySelector("[data-recert-status]"));

  return {
    load(scenario) {
      const skipped = entries.write(scenario);
      evaluate();
      return skipped;
    },
    read: () => entries.read().scenario,
    rows: entries.rows,
    setAsOf: entries.setAsOf,
    nameOf,
  };
}
