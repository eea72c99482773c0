// /roster/: a studio's CSV of trainers' credentials, checked in this browser: a table most urgent first,
// counts per status, filters, the result CSV, a template, print. The rules' own Python reads the CSV
// (calculator/roster.py, in the calculator's worker), so the page and `python -m calculator roster` agree.
import { evaluateRoster } from "/js/recert.js";
import { download, el, longDate, stackedRow, today } from "/js/calculator/dom.js";
import { registerOffline } from "/js/calculator/offline.js";
import { STATUS_LABELS, amount, money } from "/js/calculator/results-view.js";
import { showStatus } from "/js/calculator/status.js";

const ERROR = "error"; // the group of the rows that could not be checked
const SOON = "soon"; // in progress or eligible, with the deadline near
const COUNTED = ["expired", "late", SOON, "in_progress", "eligible", "not_due", ERROR]; // most urgent first

/** Starts the roster page inside `root` (its [data-calculator="roster"]). */
export function startRosterPage(root) {
  const input = root.querySelector("[data-roster-input]");
  const drop = root.querySelector("[data-drop]");
  const message = root.querySelector("[data-message]");
  const output = root.querySelector("[data-output]");
  const filters = root.querySelector("[data-filters]");
  const tbody = root.querySelector("[data-rows]");
  const columns = [...tbody.closest("table").tHead.rows[0].cells].map((cell) => cell.textContent.trim());
  const rowErrors = root.querySelector("[data-row-errors]");
  const shown = root.querySelector("[data-shown]");
  const soonDays = Number(root.dataset.soonDays);
  const asOf = input.elements.as_of;
  let source = null; // {text, name}: the roster being shown
  let answer = null; // calculator/roster.py's page_json for it

  const labels = { ...STATUS_LABELS, [SOON]: `Due within ${soonDays} days`, [ERROR]: "Could not be checked" };
  for (const group of COUNTED.filter((group) => group !== SOON)) {
    filters.elements.status.append(el("option", { value: group }, labels[group].toLowerCase()));
  }
  asOf.value = today();

  const say = (text) => { message.textContent = text; };

  async function check(text, name) {
    source = { text, name };
    say(`Checking ${name}…`);
    const result = await evaluateRoster(text, asOf.value || today());
    if (source?.text !== text) return; // another file came meanwhile
    answer = result;
    if (!result.rows) {
      output.hidden = true;
      say(`Could not read ${name}: ${result.errors.map((error) => error.message).join(" ")}`);
      return;
    }
    say(`Checked ${name}: ${rowsWord(result.rows.length)}${result.errors.length ? `, ${rowsWord(new Set(result.errors.map((e) => e.line)).size)} with problems` : ""}.`);
    show(result, name);
  }

  function show(result, name) {
    output.hidden = false;
    root.querySelector("[data-source]").textContent = `${name}, as of ${longDate(result.as_of)}.`;
    showCounts(result);
    const list = rowErrors.querySelector("ul");
    list.replaceChildren(...result.errors.map((error) => el("li", {}, `Line ${error.line}, ${error.field}: ${error.message}`)));
    rowErrors.hidden = !result.errors.length;
    const fragment = document.createDocumentFragment();
    for (const row of result.rows) fragment.append(tableRow(row));
    const failed = new Map();
    for (const error of result.errors) failed.set(error.line, [...(failed.get(error.line) ?? []), `${error.field}: ${error.message}`]);
    for (const [line, problems] of failed) {
      const cells = ["Could not be checked", String(line), ...Array(columns.length - 3).fill(""), problems.join("; ")];
      fragment.append(stackedRow(columns, cells, { "data-group": ERROR })); // the name's place says why: the card's title
    }
    tbody.replaceChildren(fragment);
    applyFilters();
  }

  function group(row) {
    return ["in_progress", "eligible"].includes(row.status) && row.days_left <= soonDays ? `${row.status} soon` : row.status;
  }

  function tableRow(row) {
    const soon = group(row).endsWith(" soon");
    return stackedRow(columns, [
      row.name,
      String(row.line),
      el("abbr", { title: row.credential_name }, row.credential),
      [el("span", { class: `recert-badge recert-badge-${row.status}` }, STATUS_LABELS[row.status] ?? row.status),
        soon ? el("span", { class: "recert-muted" }, ` due within ${soonDays} days`) : null],
      // In words, as the verdicts say them.
      row.status === "late" && row.late_until ? `${longDate(row.deadline)}, late until ${longDate(row.late_until)}` : longDate(row.deadline),
      row.shortfall ? amount(row.shortfall, row.unit) : "nothing",
      row.status === "not_due" ? "" : money(row.total_due),
      row.verdict,
    ], { "data-group": group(row), "data-status": row.status });
  }

  function showCounts(result) {
    const counts = new Map(COUNTED.map((group) => [group, 0]));
    for (const row of result.rows) {
      counts.set(row.status, counts.get(row.status) + 1);
      if (group(row).endsWith(" soon")) counts.set(SOON, counts.get(SOON) + 1);
    }
    counts.set(ERROR, new Set(result.errors.map((error) => error.line)).size);
    root.querySelector("[data-counts]").replaceChildren(
      ...[...counts].map(([group, count]) => el("li", { "data-count": group }, `${labels[group]}: ${count}`)));
  }

  function applyFilters() {
    const status = filters.elements.status.value;
    const words = filters.elements.search.value.trim().toLowerCase();
    let count = 0;
    for (const tr of tbody.rows) {
      const rowGroup = tr.dataset.group;
      const inGroup = !status || rowGroup === status || (status === SOON && rowGroup.endsWith(" soon"))
        || tr.dataset.status === status;
      tr.hidden = !inGroup || (words && !tr.textContent.toLowerCase().includes(words));
      if (!tr.hidden) count++;
    }
    shown.textContent = `Showing ${rowsWord(count)} of ${tbody.rows.length}.`;
  }

  async function readFile(file) {
    if (!file) return;
    const bytes = await file.arrayBuffer();
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes); // the mark is kept for the result
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes); // what Excel's plain "CSV" format saves
    }
    await check(text, `"${file.name}"`);
  }

  input.elements.file.addEventListener("change", async (event) => {
    await readFile(event.target.files[0]);
    event.target.value = "";
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.dataset.over = "";
  });
  drop.addEventListener("dragleave", () => delete drop.dataset.over);
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    delete drop.dataset.over;
    readFile(event.dataTransfer.files[0]);
  });
  input.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.elements.pasted.value;
    if (text.trim()) check(text, "the pasted rows");
    else say("Paste the rows first, header line included.");
  });
  let pinned = false; // the person chose the day: it stays
  asOf.addEventListener("change", () => {
    pinned = Boolean(asOf.value);
    if (source) check(source.text, source.name);
  });
  // Back to a page left open since yesterday: the table is for today, unless a day was chosen.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden || pinned || asOf.value === today()) return;
    asOf.value = today();
    if (source) check(source.text, source.name);
  });
  input.elements.template.addEventListener("click", () => download("roster-template.csv", "text/csv", root.dataset.template));
  filters.addEventListener("input", applyFilters);
  filters.addEventListener("submit", (event) => event.preventDefault());
  filters.elements.download.addEventListener("click", () => {
    const stem = source.name.startsWith('"') ? source.name.slice(1, -1).replace(/\.[^.]*$/, "") : "roster";
    download(`${stem}-checked-${answer.as_of}.csv`, "text/csv", answer.csv);
  });
  filters.elements.print.addEventListener("click", () => window.print());

  showStatus(root.querySelector("[data-recert-status]"), "You can choose a file meanwhile.");
  registerOffline(root.querySelector("[data-update]"));
}

function rowsWord(count) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"}`;
}
