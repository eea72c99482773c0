// The form <-> scenario (the contract's input). read() also says which input each
// scenario path came from, so the rules' errors can be shown next to the field at fault.
import { activityRows } from "./activity-row.js";
import { credentialPicker } from "./credential-picker.js";
import { today } from "./dom.js";
import { resetRenewal } from "./renewal-question.js";

const NUMBER_FIELDS = ["hours", "ceus", "credit_hours", "score"];
const TEXT_FIELDS = ["title", "date", "term", "started_on", "credential", "topic", "provider"];
const FLAGS = ["approved", "in_scope"]; // default true in the contract; sent only when false
// The scenario's options are the form's [data-option] inputs and an activity's flags its [data-activity-flag]
// boxes (default false; sent only when ticked), as the data declares them (buildlib/figures/calculator_form.py).

export function scenarioForm(form, template) {
  const list = form.querySelector("[data-activities]");
  let nextRowId = 1;
  const rows = activityRows(form); // category and "More" (activity-row.js)
  credentialPicker(form);

  function credentialRows() {
    return [...form.querySelectorAll("[data-credential]")];
  }

  function showTypeFields(row) {
    const type = row.querySelector("[name=type]").value;
    for (const label of row.querySelectorAll("[data-for-types]")) {
      label.hidden = !label.dataset.forTypes.split(" ").includes(type);
    }
  }

  function renumber() {
    [...list.children].forEach((row, index) => {
      row.querySelector("[data-activity-legend]").textContent = `Activity ${index + 1}`;
    });
  }

  /** A new activity row filled from `activity`, not yet in the list. */
  function activityRow(activity) {
    const row = template.content.firstElementChild.cloneNode(true);
    row.dataset.rowId = String(nextRowId++);
    fillActivity(row, { date: form.elements.as_of.value, ...activity });
    return row;
  }

  /** Inserts an activity row filled from `activity`, after the row `after` or at the end. */
  function addActivity(activity = {}, after = null) {
    const row = activityRow(activity);
    if (after) after.after(row);
    else list.append(row);
    renumber();
    return row;
  }

  function fillActivity(row, activity) {
    for (const name of [...TEXT_FIELDS, ...NUMBER_FIELDS, "type"]) {
      const input = row.querySelector(`[name=${name}]`);
      if (name in activity) input.value = activity[name] ?? "";
    }
    for (const name of FLAGS) row.querySelector(`[name=${name}]`).checked = activity[name] !== false;
    for (const box of row.querySelectorAll("[data-activity-flag]")) box.checked = activity[box.name] === true;
    showTypeFields(row);
    showForOptions(row);
    rows.fill(row, activity);
  }

  function readActivity(row, path, fields) {
    const activity = {};
    const input = (name) => {
      const element = row.querySelector(`[name=${name}]`);
      fields.set(`${path}.${name}`, element);
      return element;
    };
    fields.set(path, row.querySelector("[name=title]"));
    for (const name of ["title", "date", "type"]) activity[name] = input(name).value;
    for (const label of row.querySelectorAll("[data-for-types]:not([hidden])")) {
      const element = label.querySelector("[name]");
      const value = input(element.name).value;
      if (value === "") continue;
      activity[element.name] = NUMBER_FIELDS.includes(element.name) ? Number(value) : value;
    }
    for (const name of FLAGS) if (!input(name).checked) activity[name] = false;
    for (const box of row.querySelectorAll("[data-activity-flag]")) if (input(box.name).checked) activity[box.name] = true;
    rows.read(row, activity, input);
    return activity;
  }

  /** The scenario on the form, and a Map from each scenario path to its input. */
  function read() {
    const fields = new Map();
    const { elements } = form;
    const scenario = { as_of: elements.as_of.value || today(), credentials: [] };
    fields.set("as_of", elements.as_of);

    for (const row of credentialRows()) {
      const box = row.querySelector("[name=credential]");
      if (!box.checked) continue;
      const path = `credentials[${scenario.credentials.length}]`;
      const certified = row.querySelector("[name=certified_on]");
      const expires = row.querySelector("[name=expires_on]");
      fields.set(path, box).set(`${path}.id`, box);
      fields.set(`${path}.certified_on`, certified).set(`${path}.expires_on`, expires);
      fields.set(`${path}.renewed_through`, row.querySelector("[data-renewal] input"));
      const credential = { id: box.value, certified_on: certified.value || null, expires_on: expires.value || null };
      if (row.dataset.renewedThrough) credential.renewed_through = row.dataset.renewedThrough;
      scenario.credentials.push(credential);
    }

    const validUntil = elements.cpr_valid_until.value;
    scenario.cpr_aed = validUntil ? { valid_until: validUntil, hands_on_skills: elements.cpr_hands_on.checked } : null;
    fields.set("cpr_aed", elements.cpr_valid_until).set("cpr_aed.valid_until", elements.cpr_valid_until);
    fields.set("cpr_aed.hands_on_skills", elements.cpr_hands_on);

    const memberships = [...form.querySelectorAll("[name=membership]")];
    scenario.memberships = memberships.filter((box) => box.checked).map((box) => box.value);
    fields.set("memberships", memberships[0]);

    scenario.options = {};
    for (const input of optionInputs()) {
      fields.set(`options.${input.name}`, input);
      if (input.type === "checkbox") {
        if (input.checked) scenario.options[input.name] = true;
      } else if (input.tagName === "SELECT") {
        scenario.options[input.name] = input.value;
      } else if (input.value && shownForOptions(input)) {
        scenario.options[input.name] = input.value; // a date, only while what it depends on is chosen
      }
    }

    scenario.activities = [...list.children].map((row, index) => readActivity(row, `activities[${index}]`, fields));
    fields.set("no_activities", elements.no_activities);
    if (!scenario.activities.length && elements.no_activities.checked) scenario.no_activities = true;
    return { scenario, fields };
  }

  /** Replaces the form's content with `scenario`; returns what could not be shown on the form. */
  function write(scenario) {
    const skipped = [];
    const held = new Map((scenario.credentials ?? []).map((credential) => [credential?.id, credential]));
    for (const row of credentialRows()) {
      const box = row.querySelector("[name=credential]");
      const credential = held.get(box.value);
      held.delete(box.value);
      box.checked = Boolean(credential);
      row.querySelector("[name=certified_on]").value = credential?.certified_on ?? "";
      row.querySelector("[name=expires_on]").value = credential?.expires_on ?? "";
      resetRenewal(row, credential?.renewed_through);
      showCredentialDates(row);
    }
    for (const id of held.keys()) skipped.push(`credential ${JSON.stringify(id)}`);

    const { elements } = form;
    elements.as_of.value = scenario.as_of ?? today();
    elements.cpr_valid_until.value = scenario.cpr_aed?.valid_until ?? "";
    elements.cpr_hands_on.checked = scenario.cpr_aed?.hands_on_skills !== false;
    const memberships = scenario.memberships ?? [];
    for (const box of form.querySelectorAll("[name=membership]")) box.checked = memberships.includes(box.value);
    for (const input of optionInputs()) {
      const value = scenario.options?.[input.name];
      if (input.type === "checkbox") input.checked = value === true;
      else input.value = value ?? input.dataset.default ?? "";
    }
    showRelevant();

    // Filled while out of the page and inserted at once: a record of hundreds of activities shows in one go.
    list.replaceChildren(...(scenario.activities ?? []).map(activityRow));
    renumber();
    elements.no_activities.checked = scenario.no_activities === true;
    showNoActivities();
    return skipped;
  }

  function optionInputs() {
    return form.querySelectorAll("[data-option]");
  }

  /** Whether what `element` depends on is chosen: data-for-option="name=value" (a select) or "name" (a checkbox). */
  function shownForOptions(element) {
    const condition = element.closest("[data-for-option]")?.dataset.forOption;
    if (!condition) return true;
    const [name, value] = condition.split("=");
    const input = form.querySelector(`[data-option][name="${name}"]`);
    return value === undefined ? input.checked : input.value === value;
  }

  function showForOptions(root) {
    for (const label of root.querySelectorAll("[data-for-option]")) label.hidden = !shownForOptions(label);
  }

  /** "No CE to enter yet" is offered while no activity is entered. */
  function showNoActivities() {
    form.querySelector("[data-no-activities]").hidden = list.children.length > 0;
  }

  function showCredentialDates(row) {
    row.querySelector("[data-credential-dates]").hidden = !row.querySelector("[name=credential]").checked;
  }

  /** An organization's membership and options show once one of its credentials is ticked. */
  function showRelevant() {
    for (const group of form.querySelectorAll("[data-organization]")) {
      group.querySelector("[data-organization-extras]").hidden = !group.querySelector("[name=credential]:checked");
    }
    showForOptions(form);
    form.querySelector("[data-for-cpr]").hidden = !form.elements.cpr_valid_until.value; // only with a card
  }

  form.addEventListener("change", (event) => {
    const row = event.target.closest("[data-credential], [data-activity]");
    if (event.target.name === "credential" && row) showCredentialDates(row);
    if (event.target.name === "type" && row) showTypeFields(row);
    if (event.target.name === "credential" || event.target.matches("[data-option]")) showRelevant();
  });
  form.addEventListener("input", (event) => {
    if (event.target.name === "cpr_valid_until") showRelevant();
  });

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const row = button?.closest("[data-activity]");
    if (button?.matches("[data-add-activity]")) {
      addActivity().querySelector("[name=title]").focus();
    } else if (button?.matches("[data-duplicate-activity]")) {
      const { scenario } = read();
      const copy = scenario.activities[[...list.children].indexOf(row)];
      addActivity(copy, row).querySelector("[name=title]").focus();
    } else if (button?.matches("[data-remove-activity]")) {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      renumber();
      (next?.querySelector("[name=title]") ?? form.querySelector("[data-add-activity]")).focus();
    } else {
      return;
    }
    showNoActivities();
    form.dispatchEvent(new Event("input", { bubbles: true })); // the scenario changed
  });

  return { read, write };
}
