// The form edits a scenario (the contract's input). write(scenario) shows it; read() gives it back with the
// person's changes: an input the person has not changed gives the value it was loaded with, exactly (absent
// stays absent), so what the form does not show (notes, unknown ids, values an input cannot hold) is carried
// along unchanged, and write() lists it. read() also says which input each scenario path came from, so the
// rules' errors can be shown next to the field at fault, and which typed numbers cannot be read.
// An activity's fields for other types are hidden; they keep their loaded values while its type does.
// A long record is drawn a slice at a time, when the page is idle (it answers and stays usable meanwhile):
// read() gives the activities not drawn yet as loaded, and rows() draws them all first.
import { activityRows } from "./activity-row.js";
import { credentialPicker } from "./credential-picker.js";
import { isDay, today } from "./dom.js";
import { ANSWER, NUMBER, OPTION, TEXT, TICKED_IF_TRUE, TICKED_UNLESS_FALSE, Unreadable, showIn } from "./form-fields.js";
import { resetRenewal } from "./renewal-question.js";

const ACTIVITY_CODECS = {
  title: TEXT, date: TEXT, type: TEXT, term: TEXT, started_on: TEXT, credential: TEXT, topic: TEXT, provider: TEXT, category: TEXT,
  hours: NUMBER, ceus: NUMBER, credit_hours: NUMBER, score: NUMBER, approved: TICKED_UNLESS_FALSE, in_scope: TICKED_UNLESS_FALSE,
};
// Besides these, an activity's [data-activity-flag] boxes (ticked for true) and the scenario's [data-option]
// inputs, as the data declares them (buildlib/figures/calculator_form.py).
const SCENARIO_FIELDS = new Set(["as_of", "credentials", "cpr_aed", "activities", "memberships", "options", "no_activities"]);
const SHOWN_CHARS = 40;
const SLICE_MS = 40; // drawing loaded rows, per task
// The next slice when the page is idle: the worker's start, an answer and the person's input come first;
// within a second all the same (a tab in the background may have no idle time).
const whenIdle = (callback) => (globalThis.requestIdleCallback ? requestIdleCallback(callback, { timeout: 1000 }) : setTimeout(callback));
const cancelIdle = globalThis.cancelIdleCallback ?? clearTimeout;

const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const has = (source, key) => isObject(source) && Object.hasOwn(source, key);
const listed = (value) => (Array.isArray(value) ? value : []);
const activityName = (index) => `Activity ${index + 1}`; // its legend, and what the form's messages call it

/** A value as JSON, cut short: for the list of what the form does not show. */
function shortly(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= SHOWN_CHARS ? text : `${text.slice(0, SHOWN_CHARS - 1)}…`;
}

/** The words of an input's label ("Hours"), or the field's name. */
function labelOf(input, name) {
  return input?.closest("label")?.firstChild?.textContent.trim() || name.replaceAll("_", " ");
}

function set(target, key, value) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

export function scenarioForm(form, template) {
  const list = form.querySelector("[data-activities]");
  const { elements } = form;
  const todayButton = form.querySelector("[data-as-of-today]");
  const typeFields = new Map([...template.content.querySelectorAll("[data-for-types] [name]")]
    .map((input) => [input.name, input.closest("[data-for-types]").dataset.forTypes.split(" ")]));
  const newActivity = () => ({ type: template.content.querySelector("[name=type] option").value });
  const rows = activityRows(form); // the category shown and "More" opened (activity-row.js)
  credentialPicker(form);

  let base = {}; // the scenario last written
  let edited = new WeakSet(); // inputs the person changed since
  let editedRows = new WeakSet();
  const rowSource = new WeakMap(); // activity row -> the activity it shows
  const rowInputs = new WeakMap(); // activity row -> Map(name -> input)
  let credentialSource = new Map(); // credential row -> {index, item}: the credential it shows
  const renewalShown = new WeakMap(); // credential row -> the renewed_through it was given
  // Loaded activities from `next` on are not on the form yet; the rows of the first of them may be drawn,
  // held out of the page until they go in (drawUndrawn).
  let undrawn = { activities: [], next: 0, held: document.createDocumentFragment() };
  let drawing = null; // the next slice's callback id

  const credentialRows = () => [...form.querySelectorAll("[data-credential]")];
  const boxOf = (row) => row.querySelector("[name=credential]");
  const optionInputs = () => [...form.querySelectorAll("[data-option]")];
  const membershipBoxes = () => [...form.querySelectorAll("[name=membership]")];
  const optionCodec = (input) => (input.type === "checkbox" ? TICKED_IF_TRUE : input.tagName === "SELECT" ? OPTION : TEXT);
  const activityCodec = (input) => (input.matches("[data-activity-flag]") ? TICKED_IF_TRUE : ACTIVITY_CODECS[input.name]);

  /** An input's value for the scenario: as loaded while the person has not changed it, else as read. */
  function valueOf(input, source, key, codec, problems, path) {
    const value = !edited.has(input) && has(source, key) ? source[key] : codec.read(input);
    if (!(value instanceof Unreadable)) return value;
    problems.push({ field: path, message: value.message });
    return value.text; // kept as typed, for the person to fix
  }

  // --- activities

  function inputsOf(row) {
    if (!rowInputs.has(row)) { // the scenario's fields (not the record's certificate files)
      const inputs = [...row.querySelectorAll("[name]")].filter((input) => activityCodec(input));
      rowInputs.set(row, new Map(inputs.map((input) => [input.name, input])));
    }
    return rowInputs.get(row);
  }

  function showTypeFields(row) {
    const type = inputsOf(row).get("type").value;
    for (const label of row.querySelectorAll("[data-for-types]")) {
      label.hidden = !label.dataset.forTypes.split(" ").includes(type);
    }
  }

  function renumber() {
    list.querySelectorAll("[data-activity-legend]").forEach((legend, index) => { legend.textContent = activityName(index); });
  }

  /** Shows `activity` in the row's inputs; `notShown(label, value)` hears what they cannot show. */
  function showActivity(row, activity, notShown) {
    const source = isObject(activity) ? activity : {};
    const inputs = inputsOf(row);
    for (const [name, input] of inputs) {
      if (!showIn(input, activityCodec(input), source[name])) notShown(labelOf(input, name), source[name]);
    }
    if (!isObject(activity)) notShown("", activity);
    for (const name of Object.keys(source)) if (!inputs.has(name)) notShown(labelOf(null, name), source[name]);
  }

  /** A new activity row showing `activity`; `notShown(label, value)` hears what the row cannot show;
   * `organizations`: those with categories one of whose credentials is ticked (activity-row.js). */
  function activityRow(activity, notShown, organizations = rows.categorized()) {
    const row = template.content.firstElementChild.cloneNode(true);
    rowSource.set(row, activity);
    showActivity(row, activity, notShown);
    const source = isObject(activity) ? activity : {};
    showTypeFields(row);
    showForOptions(row);
    rows.fill(row, source, organizations);
    return row;
  }

  function readActivity(row, path, fields, problems) {
    const source = rowSource.get(row);
    const inputs = inputsOf(row);
    const typeInput = inputs.get("type");
    const type = valueOf(typeInput, source, "type", TEXT, problems, `${path}.type`);
    const typeKept = type === (isObject(source) ? source.type : undefined);
    const activity = isObject(source) ? { ...source } : {};
    fields.set(path, inputs.get("title"));
    for (const [name, input] of inputs) {
      const shown = !typeFields.has(name) || typeFields.get(name).includes(type);
      if (!shown) {
        if (!typeKept) delete activity[name]; // fields of the type it had
        continue;
      }
      fields.set(`${path}.${name}`, input);
      set(activity, name, valueOf(input, source, name, activityCodec(input), problems, `${path}.${name}`));
    }
    return editedRows.has(row) ? activity : source; // unchanged: as loaded, whatever the form could show
  }

  /** A loaded activity's row, numbered `index` + 1. */
  function loadedRow(activity, index, notShown, organizations) {
    const row = activityRow(activity, notShown, organizations);
    row.dataset.loaded = ""; // its fields came with it: an empty one is a gap, not a field still to fill in
    row.querySelector("[data-activity-legend]").textContent = activityName(index);
    return row;
  }

  /** Draws loaded activities for SLICE_MS (at least one), or all of them; the rest in a later task.
   * `notShown(index)`: who hears what activity `index`'s row cannot show (the first slice, from write()).
   * The rows drawn go in with the first slice, then once there are as many as the form has, then with the last:
   * after each insertion the browser's autofill reads every field of the form (85,000 for 5,000 activities),
   * so inserting slice by slice took time that grew with the square of the rows. */
  function drawUndrawn({ all = false, notShown = () => () => {} } = {}) {
    cancelIdle(drawing);
    const { activities, held } = undrawn;
    const first = undrawn.next === 0;
    const started = performance.now();
    const organizations = rows.categorized();
    let index = undrawn.next + held.childElementCount;
    do {
      held.append(loadedRow(activities[index], index, notShown(index), organizations));
      index += 1;
    } while (index < activities.length && (all || performance.now() - started < SLICE_MS));
    if (first || index === activities.length || held.childElementCount >= list.childElementCount) {
      undrawn.next = index;
      list.append(held);
    }
    if (undrawn.next < activities.length) drawing = whenIdle(() => drawUndrawn());
    else if (!first) form.dispatchEvent(new Event("recert:drawn")); // drawn after the load's evaluation: evaluate again
  }

  /** Draws the loaded activities not on the form yet, now. */
  function drawAll() {
    if (undrawn.next < undrawn.activities.length) drawUndrawn({ all: true });
  }

  /** Inserts a row for a new activity (or a copy), after the row `after` or at the end. */
  function addActivity(activity, after = null) {
    const row = activityRow(activity, () => {});
    if (after) after.after(row);
    else list.append(row);
    renumber();
    return row;
  }

  // --- the rest of the scenario

  function writeCredentials(items, notShown) {
    const rows = new Map(credentialRows().map((row) => [boxOf(row).value, row]));
    credentialSource = new Map();
    items.forEach((item, index) => {
      const row = typeof item?.id === "string" ? rows.get(item.id) : undefined;
      if (!row || credentialSource.has(row)) {
        notShown(row ? "credential listed twice (not evaluated)" : "credential (not evaluated)", item);
      } else {
        credentialSource.set(row, { index, item });
      }
    });
    for (const row of credentialRows()) {
      const item = credentialSource.get(row)?.item;
      boxOf(row).checked = Boolean(item);
      const name = item ? `${labelOf(boxOf(row).labels[0], item.id)}:` : "";
      for (const key of ["certified_on", "expires_on"]) {
        const input = row.querySelector(`[name=${key}]`);
        if (!showIn(input, TEXT, item?.[key])) notShown(`${name} ${labelOf(input, key)}`, item[key]);
      }
      const renewed = item?.renewed_through;
      const renewedShown = isDay(renewed);
      if (renewed !== undefined && !renewedShown) notShown(`${name} renewed through`, renewed);
      resetRenewal(row, renewedShown ? renewed : undefined);
      renewalShown.set(row, row.dataset.renewedThrough);
      for (const key of Object.keys(item ?? {})) {
        if (!["id", "certified_on", "expires_on", "renewed_through"].includes(key)) notShown(`${name} ${labelOf(null, key)}`, item[key]);
      }
      showCredentialDates(row);
    }
  }

  function readCredential(row, item, path, fields, problems) {
    const box = boxOf(row);
    const certified = row.querySelector("[name=certified_on]");
    const expires = row.querySelector("[name=expires_on]");
    fields.set(path, box).set(`${path}.id`, box);
    fields.set(`${path}.certified_on`, certified).set(`${path}.expires_on`, expires);
    fields.set(`${path}.renewed_through`, row.querySelector("[data-renewal] input"));
    const renewed = row.dataset.renewedThrough;
    if (!edited.has(certified) && !edited.has(expires) && renewed === renewalShown.get(row) && has(item, "id")) return item;
    const credential = { ...item, id: box.value };
    set(credential, "certified_on", valueOf(certified, item, "certified_on", TEXT, problems, `${path}.certified_on`));
    set(credential, "expires_on", valueOf(expires, item, "expires_on", TEXT, problems, `${path}.expires_on`));
    if (renewed !== renewalShown.get(row)) set(credential, "renewed_through", renewed);
    return credential;
  }

  /**
   * The loaded credentials in their order, then those ticked since: all of them (kept) and those on the form
   * (evaluated: the form has no place to show the rules' errors about the others, nor a way to change them).
   */
  function readCredentials(fields, problems) {
    const rowAt = new Map([...credentialSource].map(([row, { index }]) => [index, row]));
    const kept = [];
    const evaluated = [];
    const add = (row, item) => {
      const credential = readCredential(row, item, `credentials[${evaluated.length}]`, fields, problems);
      kept.push(credential);
      evaluated.push(credential);
    };
    listed(base.credentials).forEach((item, index) => {
      const row = rowAt.get(index);
      if (!row) kept.push(item);
      else if (boxOf(row).checked) add(row, item);
    });
    for (const row of credentialRows()) if (!credentialSource.has(row) && boxOf(row).checked) add(row, {});
    return kept.length || has(base, "credentials") ? { kept, evaluated } : {};
  }

  function writeCard(card, notShown) {
    const valid = elements.cpr_valid_until;
    const source = isObject(card) ? card : {};
    if (card !== null && card !== undefined && !isObject(card)) notShown("CPR/AED", card);
    if (!showIn(valid, TEXT, source.valid_until)) notShown("CPR/AED valid until", source.valid_until);
    if (!showIn(elements.cpr_hands_on, ANSWER, source.hands_on_skills)) notShown("CPR/AED hands-on skills check", source.hands_on_skills);
    for (const key of Object.keys(source)) {
      if (!["valid_until", "hands_on_skills"].includes(key)) notShown(`CPR/AED ${labelOf(null, key)}`, source[key]);
    }
  }

  function readCard(fields, problems) {
    const valid = elements.cpr_valid_until;
    const handsOn = elements.cpr_hands_on;
    fields.set("cpr_aed", valid).set("cpr_aed.valid_until", valid).set("cpr_aed.hands_on_skills", handsOn);
    if (!edited.has(valid) && !edited.has(handsOn)) return base.cpr_aed;
    const source = isObject(base.cpr_aed) ? base.cpr_aed : {};
    const validUntil = valueOf(valid, source, "valid_until", TEXT, problems, "cpr_aed.valid_until");
    if (validUntil === undefined) return null; // the person holds no card
    const card = { ...source, valid_until: validUntil };
    set(card, "hands_on_skills", valueOf(handsOn, source, "hands_on_skills", ANSWER, problems, "cpr_aed.hands_on_skills"));
    return card;
  }

  function writeMemberships(memberships, notShown) {
    const boxes = membershipBoxes();
    for (const box of boxes) box.checked = memberships.includes(box.value);
    const known = new Set(boxes.map((box) => box.value));
    for (const id of memberships) if (!known.has(id)) notShown("membership", id);
  }

  /** The loaded memberships the person left ticked (and those the form has no box for), then those ticked since. */
  function readMemberships(fields) {
    const boxes = membershipBoxes();
    fields.set("memberships", boxes[0]);
    if (!boxes.some((box) => edited.has(box))) return base.memberships;
    const ticked = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    const known = new Set(boxes.map((box) => box.value));
    const loaded = listed(base.memberships);
    return [...loaded.filter((id) => !known.has(id) || ticked.has(id)), ...[...ticked].filter((id) => !loaded.includes(id))];
  }

  function writeOptions(options, notShown) {
    const source = isObject(options) ? options : {};
    if (options !== null && options !== undefined && !isObject(options)) notShown("options", options);
    const inputs = optionInputs();
    for (const input of inputs) {
      if (!showIn(input, optionCodec(input), source[input.name])) notShown(labelOf(input, input.name), source[input.name]);
    }
    const names = new Set(inputs.map((input) => input.name));
    for (const name of Object.keys(source)) if (!names.has(name)) notShown(`option ${JSON.stringify(name)}`, source[name]);
  }

  function readOptions(fields, problems) {
    const inputs = optionInputs();
    for (const input of inputs) fields.set(`options.${input.name}`, input);
    if (!inputs.some((input) => edited.has(input))) return base.options;
    const source = isObject(base.options) ? base.options : {};
    const options = { ...source };
    for (const input of inputs) {
      if (shownForOptions(input)) {
        set(options, input.name, valueOf(input, source, input.name, optionCodec(input), problems, `options.${input.name}`));
      } else if (edited.has(dependencyOf(input))) {
        delete options[input.name]; // a date, only while what it depends on is chosen
      }
    }
    return options;
  }

  /** "No CE to enter yet": said only while no activity is entered (the box is hidden once one is). */
  function readNoActivities(activityCount, fields, problems) {
    const box = elements.no_activities;
    fields.set("no_activities", box);
    const value = valueOf(box, base, "no_activities", TICKED_IF_TRUE, problems, "no_activities");
    return value === true && activityCount ? undefined : value;
  }

  // --- the whole scenario

  /**
   * The scenario on the form; the scenario to evaluate (without the credentials not on the form); a Map from
   * each path of the evaluated scenario to its input; and the numbers that cannot be read.
   */
  function read() {
    const fields = new Map();
    const problems = [];
    const scenario = { ...base };
    fields.set("as_of", elements.as_of);
    // Not pinned: no day (today), though the input shows today's date.
    set(scenario, "as_of", edited.has(elements.as_of) ? valueOf(elements.as_of, {}, "as_of", TEXT, problems, "as_of") : base.as_of);
    const credentials = readCredentials(fields, problems);
    set(scenario, "credentials", credentials.kept);
    set(scenario, "cpr_aed", readCard(fields, problems));
    set(scenario, "memberships", readMemberships(fields));
    set(scenario, "options", readOptions(fields, problems));
    const drawn = [...list.children].map((row, index) => readActivity(row, `activities[${index}]`, fields, problems));
    const activities = [...drawn, ...undrawn.activities.slice(undrawn.next)]; // not drawn: as loaded
    set(scenario, "activities", activities.length || has(base, "activities") ? activities : undefined);
    set(scenario, "no_activities", readNoActivities(activities.length, fields, problems));
    const evaluated = credentials.kept ? { ...scenario, credentials: credentials.evaluated } : scenario;
    return { scenario, evaluated, fields, problems };
  }

  /**
   * Replaces the form's content with `scenario` (its as_of, when it has one, is a day the person pinned).
   * Returns what the form cannot show, in words ("Activity 2 ("Clinic"): notes "..."""): it is kept as it is.
   */
  function write(scenario) {
    const notShown = [];
    const note = (where) => (label, value) => {
      const text = label ? `${label} ${shortly(value)}` : shortly(value);
      notShown.push(where ? `${where}: ${text}` : text);
    };
    base = scenario;
    edited = new WeakSet();
    editedRows = new WeakSet();
    for (const key of Object.keys(scenario)) if (!SCENARIO_FIELDS.has(key)) note("")(`field ${JSON.stringify(key)}`, scenario[key]);
    writeCredentials(listed(scenario.credentials), note(""));
    if (!showIn(elements.as_of, TEXT, scenario.as_of)) note("")("Evaluate on", scenario.as_of);
    if (!elements.as_of.value) elements.as_of.value = today();
    writeCard(scenario.cpr_aed, note(""));
    writeMemberships(listed(scenario.memberships), note(""));
    writeOptions(scenario.options, note(""));
    showRelevant();

    const activities = listed(scenario.activities);
    const noteActivity = (index) => {
      const title = typeof activities[index]?.title === "string" && activities[index].title ? ` (${shortly(activities[index].title)})` : "";
      return note(`${activityName(index)}${title}`);
    };
    list.replaceChildren();
    cancelIdle(drawing); // of an earlier load
    undrawn = { activities, next: 0, held: document.createDocumentFragment() };
    if (activities.length) drawUndrawn({ notShown: noteActivity });
    if (undrawn.next < activities.length) { // what the rows still to draw cannot show, said now, with a row never drawn
      const scratch = template.content.firstElementChild.cloneNode(true);
      for (let index = undrawn.next; index < activities.length; index++) showActivity(scratch, activities[index], noteActivity(index));
    }
    if (!showIn(elements.no_activities, TICKED_IF_TRUE, scenario.no_activities)) note("")("No continuing education yet", scenario.no_activities);
    showNoActivities();
    showPinned();
    return notShown;
  }

  // --- the evaluation day

  const pinned = () => (edited.has(elements.as_of) ? Boolean(elements.as_of.value) : has(base, "as_of"));

  function showPinned() {
    if (todayButton) todayButton.hidden = !pinned();
  }

  /** A page left open past midnight: the day shown moves on with today, unless a day is pinned or being typed. */
  function showToday() {
    if (!edited.has(elements.as_of) && !has(base, "as_of")) elements.as_of.value = today();
  }

  /** Evaluates on `day` (a day the person chose), or on today (null). */
  function setAsOf(day) {
    if (day) {
      elements.as_of.value = day;
      edited.add(elements.as_of);
    } else {
      base = { ...base };
      delete base.as_of;
      edited.delete(elements.as_of);
      elements.as_of.value = today();
    }
    showPinned();
    form.dispatchEvent(new Event("input", { bubbles: true })); // the scenario changed
  }

  // --- what shows when

  const optionByName = new Map(optionInputs().map((input) => [input.name, input]));

  /** The option an input depends on: data-for-option="name=value" (a select) or "name" (a checkbox). */
  function dependencyOf(element) {
    const condition = element.closest("[data-for-option]")?.dataset.forOption;
    return condition ? optionByName.get(condition.split("=")[0]) : null;
  }

  function shownForOptions(element) {
    const input = dependencyOf(element);
    if (!input) return true;
    const value = element.closest("[data-for-option]").dataset.forOption.split("=")[1];
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
    row.querySelector("[data-credential-dates]").hidden = !boxOf(row).checked;
  }

  /** An organization's membership and options show once one of its credentials is ticked. */
  function showRelevant() {
    for (const group of form.querySelectorAll("[data-organization]")) {
      group.querySelector("[data-organization-extras]").hidden = !group.querySelector("[name=credential]:checked");
    }
    showForOptions(form);
    form.querySelector("[data-for-cpr]").hidden = !elements.cpr_valid_until.value; // only with a card
  }

  function noteEdit(event) {
    const input = event.target;
    if (!input.name) return;
    edited.add(input);
    const row = input.closest("[data-activity]");
    if (row) editedRows.add(row);
    if (input === elements.as_of) showPinned();
  }

  form.addEventListener("input", noteEdit);
  form.addEventListener("change", (event) => {
    noteEdit(event);
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
    if (button === todayButton) {
      setAsOf(null);
      elements.as_of.focus();
      return; // setAsOf() said the scenario changed
    }
    if (button?.matches("[data-add-activity], [data-duplicate-activity], [data-remove-activity]")) drawAll(); // numbered in order
    if (button?.matches("[data-add-activity]")) {
      addActivity(newActivity()).querySelector("[name=title]").focus();
    } else if (button?.matches("[data-duplicate-activity]")) {
      const copy = readActivity(row, "", new Map(), []);
      addActivity(structuredClone(copy), row).querySelector("[name=title]").focus();
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

  return {
    read, write, setAsOf, showToday,
    /** Every activity row, in order (those still to draw drawn first). */
    rows() {
      drawAll();
      return [...list.children];
    },
  };
}
