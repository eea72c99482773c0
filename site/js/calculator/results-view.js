// Renders the rules' result (the contract's output) for people: one card per credential.
// Text only, through DOM APIs: activity titles are user data.
import { daysBetween, el, longDate, stackedRow } from "./dom.js";

export const STATUS_LABELS = {
  eligible: "Eligible",
  in_progress: "In progress",
  late: "Late",
  expired: "Expired",
  not_due: "Nothing due this cycle",
};
const DECIMALS = { CEU: 1, CEC: 0 }; // display precision of each unit (0.1 CEU, 1 CEC)
const NOT_PUBLISHED = "not published in our sources";
const CONFIRM = "Confirm with your organization before you pay."; // beside every total: our figures are from copies
// Until an activity is entered, or the person says there is none yet, the cards say what the dates mean
// and ask for the CE: a status computed from no CE at all would read as a verdict on the person.
export const ASK_FOR_CE = "Enter your continuing education in the form, or tick \u201cI have no continuing education to enter yet\u201d, "
  + "to see whether you can recertify and what you owe.";

/** Whether the scenario's results wait for its CE: no activity yet, and not said to have none. */
export function awaitingCe(scenario) {
  return !scenario.activities?.length && scenario.no_activities !== true;
}

export function amount(value, unit) {
  const decimals = DECIMALS[unit] ?? 1;
  return `${Number(value).toFixed(decimals)} ${unit}`;
}

export function money(value, currency = "USD") {
  if (value === null || value === undefined) return NOT_PUBLISHED;
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value);
}

/** An amount for a table cell: never broken across lines. */
function moneyCell(text) {
  return el("span", { class: "recert-amount" }, text);
}

/** A source ("Title (published): https://...") as a link named by its title; plain text otherwise. */
function source(text) {
  const at = text.lastIndexOf(": https://");
  if (at >= 0) return el("a", { href: text.slice(at + 2), rel: "external" }, text.slice(0, at));
  return /^https:\/\//.test(text) ? el("a", { href: text, rel: "external" }, text) : text;
}

function whenText(asOf, day) {
  const days = daysBetween(asOf, day);
  if (days === 0) return "today";
  return days > 0 ? `${days} day${days === 1 ? "" : "s"} left` : `${-days} day${days === -1 ? "" : "s"} ago`;
}

function section(title, ...content) {
  return el("section", { class: "recert-result-part" }, el("h4", {}, title), ...content);
}

/** Detail most people skip: folded, with its title as the summary. */
function folded(title, ...content) {
  return el("details", { class: "recert-result-part" }, el("summary", {}, title), ...content);
}

/** plan: {needed, by, days_left, options: [{text}], steps: [text]}: the quickest route, then what else counts. */
function planView(plan, unit, asOf) {
  return section("Quickest way to close the gap",
    el("p", {}, `${amount(plan.needed, unit)} more by `, el("time", { datetime: plan.by }, longDate(plan.by)), ` (${whenText(asOf, plan.by)}):`),
    el("ol", {}, plan.steps.map((step) => el("li", {}, step))),
    plan.options.length ? folded("Everything that can still count", el("ul", {}, plan.options.map((option) => el("li", {}, option.text)))) : null);
}

function progressBar(text, value, max) {
  return el("div", { class: "recert-progress" },
    el("label", {}, text, el("progress", { max: String(max || 1), value: String(Math.min(value, max || 1)) })));
}

/** categories: [{category, earned, max}], where the organization caps each category. */
function categoryBars(categories, unit) {
  return categories.map(({ category, earned, max }) =>
    progressBar(`Category ${category}: ${amount(earned, unit)} (at most ${amount(max, unit)} count)`, earned, max));
}

function countedList(counted, activities, unit) {
  return el("ul", { class: "recert-counted" }, counted.map((entry) => {
    const activity = activities[entry.activity];
    const name = entry.activity === null || entry.activity === undefined
      ? String(entry.item ?? "").replaceAll("_", "/").toUpperCase()
      : activity?.title || `Activity ${entry.activity + 1}`;
    const category = entry.category ? `, category ${entry.category}` : "";
    const day = activity?.date ? ` (${longDate(activity.date)})` : ""; // the record says when, for an audit
    return el("li", {}, el("strong", {}, name), `${day}: ${amount(entry.amount, unit)}${category}`,
      entry.note ? ` (${entry.note})` : "");
  }));
}

/** A table whose rows become cards on phones (style.css: table.stack): each cell labelled with its column. */
function stackedTable(className, columns, rows, foot = null) {
  return el("table", { class: `${className} stack` },
    el("thead", {}, el("tr", {}, columns.map((column) => el("th", { scope: "col" }, column)))),
    el("tbody", {}, rows.map((cells) => stackedRow(columns, cells))),
    foot);
}

/** One credential's fees: what each is and where it comes from; the total is the scenario's (owedView). */
function feeTable(fees) {
  return stackedTable("recert-fees", ["Fee", "Amount", "Source"], fees.map((fee) => [
    fee.amount === null ? fee.label.replace(`: ${NOT_PUBLISHED}`, "") // the amount column says so
      : [fee.label, fee.period ? el("span", { class: "recert-muted" }, ` (${fee.period})`) : null],
    fee.amount === null ? NOT_PUBLISHED : moneyCell(money(fee.amount, fee.currency)), fee.source ? source(fee.source) : ""]));
}

/** What the whole scenario costs, once: a line per fee (times the credentials it is owed for), one total,
 * and the fees our sources publish no amount for, named once. */
function owedView(result, nameOf) {
  const names = (ids) => ids.map((id) => result.credentials.find((c) => c.id === id)?.name ?? nameOf(id)).join(", ");
  const lines = result.owed ?? [];
  const parts = [];
  if (lines.length) {
    const times = (line) => (line.count > 1 ? `${line.count} \u00d7 ${money(line.amount)}` : money(line.amount));
    parts.push(el("div", { class: "table-wrap" }, stackedTable("recert-fees recert-owed", ["Fee", "For", "Amount"],
      lines.map((line) => [
        [`${line.label} (${line.organization})`, line.per === "person" ? el("span", { class: "recert-muted" }, " (once per person)") : null,
          line.per_reading && line.credentials.length > 1 ? el("span", { class: "recert-muted" }, ` (${line.per_reading})`) : null],
        names(line.credentials), moneyCell(times(line))]),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: "2" }, "Total"),
        el("td", { "data-total": true }, moneyCell(money(result.total_due))))))));
  }
  if (result.unpublished?.length) {
    parts.push(el("p", { "data-unpublished": true }, lines.length ? "Not in the total, as our sources publish no amount: " : "Our sources publish no amount for: ",
      result.unpublished.map((fee) => `${fee.label} (${names(fee.credentials)})`).join("; "), "."));
  }
  if (!parts.length) return null;
  return el("section", { class: "recert-owed-part", "aria-labelledby": "recert-owed-title", "data-owed": true },
    el("h3", { id: "recert-owed-title" }, result.credentials.length > 1 ? "What you owe, all credentials" : "What you owe"),
    ...parts, el("p", { class: "recert-muted" }, CONFIRM));
}

function datesList(credential, asOf) {
  const dates = el("dl", { class: "recert-dates" });
  if (credential.deadline) {
    dates.append(el("dt", {}, "Deadline"), el("dd", {}, el("time", { datetime: credential.deadline }, longDate(credential.deadline)),
      ` (${whenText(asOf, credential.deadline)})`));
  }
  if (credential.counts_until && credential.counts_until !== credential.deadline) {
    dates.append(el("dt", {}, "CE counts if done by"), el("dd", {}, el("time", { datetime: credential.counts_until }, longDate(credential.counts_until))));
  }
  dates.append(el("dt", {}, "Late applications until"),
    el("dd", {}, credential.late_until ? el("time", { datetime: credential.late_until }, longDate(credential.late_until)) : "no late window"));
  if (credential.cycle_start) dates.append(el("dt", {}, "Cycle started"), el("dd", {}, longDate(credential.cycle_start)));
  return dates;
}

/** Before any CE: what the dates and the requirement are, and a request for the CE; no status. */
function awaitingCard(credential, { asOf, nameOf }) {
  const required = typeof credential.required === "number" && credential.required > 0
    ? el("p", {}, `Required this cycle: ${amount(credential.required, credential.unit)} of continuing education`,
      credential.cpr_aed_ok === false ? ", and a current CPR/AED certification." : ".")
    : null;
  return el("article", { class: "recert-result", "data-status": "awaiting", "data-credential": credential.id },
    el("h3", {}, credential.name ?? nameOf(credential.id)),
    datesList(credential, asOf), required,
    credential.window_note ? el("p", { "data-window-note": true }, credential.window_note) : null,
    el("p", { class: "recert-ask", "data-ask-ce": true }, ASK_FOR_CE));
}

function credentialCard(credential, { asOf, activities, nameOf }) {
  const { unit } = credential;
  const card = el("article", { class: "recert-result", "data-status": credential.status, "data-credential": credential.id },
    el("h3", {}, credential.name ?? nameOf(credential.id), " ",
      el("span", { class: `recert-badge recert-badge-${credential.status}` }, STATUS_LABELS[credential.status] ?? credential.status)),
    el("p", { class: "recert-verdict", "data-verdict": true }, credential.verdict));
  card.append(datesList(credential, asOf));
  if (credential.closed_note) card.append(el("p", { "data-window-note": true }, credential.closed_note));

  if (typeof credential.required === "number") {
    const { earned, required } = credential;
    card.append(progressBar(`Earned: ${amount(earned, unit)} of ${amount(required, unit)}`, earned, required));
    if (credential.shortfall > 0) card.append(el("p", {}, `Still needed: ${amount(credential.shortfall, unit)}.`));
  }
  if (credential.categories?.length) card.append(section("By category", ...categoryBars(credential.categories, unit)));
  if (credential.cpr_aed_ok === false) card.append(el("p", { class: "recert-warning" }, "CPR/AED is not current for this deadline."));
  if (credential.actions?.length) card.append(section("Next steps", el("ul", {}, credential.actions.map((action) => el("li", {}, action)))));
  if (credential.plan?.steps?.length) card.append(planView(credential.plan, unit, asOf));
  if (credential.fees?.length) card.append(section("Fees", el("div", { class: "table-wrap" }, feeTable(credential.fees))));
  if (credential.counted?.length) card.append(folded("What counted, and why", countedList(credential.counted, activities, unit)));
  if (credential.sources?.length) card.append(folded("Sources", el("ul", {}, credential.sources.map((text) => el("li", {}, source(text))))));
  return card;
}

/** The result in words, {spoken, short}: for the live region, the rules' own sentences (summary and
 * verdicts, each after its credential's name); for the narrow screen's verdict bar, the verdict or summary.
 * Both ask for the CE while the results wait for it. */
export function summarizeResult(result, scenario, nameOf) {
  if (awaitingCe(scenario)) return { spoken: ASK_FOR_CE, short: ASK_FOR_CE };
  const verdicts = result.credentials.map((credential) => `${credential.name ?? nameOf(credential.id)}: ${credential.verdict}`);
  if (verdicts.length === 1) return { spoken: verdicts[0], short: result.credentials[0].verdict };
  return { spoken: [result.summary, ...verdicts].join(" "), short: result.summary };
}

/** Replaces `container`'s content with the result for `scenario`; nameOf(id) gives a credential's name. */
export function renderResult(container, result, scenario, nameOf) {
  const context = { asOf: result.as_of, activities: scenario.activities ?? [], nameOf };
  const waiting = awaitingCe(scenario);
  const summary = result.credentials.length > 1 && !waiting ? el("p", { class: "recert-summary", "data-summary": true }, result.summary) : null;
  const cards = result.credentials.map((credential) => (waiting ? awaitingCard : credentialCard)(credential, context));
  const notes = result.notes?.length ? [el("ul", { class: "recert-notes" }, result.notes.map((note) => el("li", {}, note)))] : [];
  const day = el("p", { class: "recert-as-of", "data-as-of": true }, "Evaluated on ", el("time", { datetime: result.as_of }, longDate(result.as_of)), ".");
  container.replaceChildren(...[day, summary, ...cards, waiting ? null : owedView(result, nameOf), ...notes].filter(Boolean));
}
