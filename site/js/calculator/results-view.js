// Renders the rules' result (the contract's output) for people: one card per credential.
// Text only, through DOM APIs: activity titles are user data.
import { daysBetween, el, longDate } from "./dom.js";

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

export function amount(value, unit) {
  const decimals = DECIMALS[unit] ?? 1;
  return `${Number(value).toFixed(decimals)} ${unit}`;
}

export function money(value, currency = "USD") {
  if (value === null || value === undefined) return NOT_PUBLISHED;
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value);
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
    const name = entry.activity === null || entry.activity === undefined
      ? String(entry.item ?? "").replaceAll("_", "/").toUpperCase()
      : activities[entry.activity]?.title || `Activity ${entry.activity + 1}`;
    const category = entry.category ? `, category ${entry.category}` : "";
    return el("li", {}, el("strong", {}, name), `: ${amount(entry.amount, unit)}${category}`,
      entry.note ? ` (${entry.note})` : "");
  }));
}

function feeTable(fees, total) {
  const currency = fees.find((fee) => fee.currency)?.currency;
  return el("table", { class: "recert-fees" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Fee"), el("th", { scope: "col" }, "Amount"), el("th", { scope: "col" }, "Source"))),
    el("tbody", {}, fees.map((fee) => el("tr", {},
      el("td", {}, fee.label, fee.period && fee.amount !== null ? el("span", { class: "recert-muted" }, ` (${fee.period})`) : null),
      el("td", {}, money(fee.amount, fee.currency)), el("td", {}, fee.source ? source(fee.source) : "")))),
    el("tfoot", {}, el("tr", {}, el("th", { scope: "row" }, "Total"), el("td", {}, money(total, currency)),
      el("td", {}, CONFIRM))));
}

function credentialCard(credential, { asOf, activities, nameOf }) {
  const { unit } = credential;
  const card = el("article", { class: "recert-result", "data-status": credential.status, "data-credential": credential.id },
    el("h3", {}, credential.name ?? nameOf(credential.id), " ",
      el("span", { class: `recert-badge recert-badge-${credential.status}` }, STATUS_LABELS[credential.status] ?? credential.status)),
    el("p", { class: "recert-verdict", "data-verdict": true }, credential.verdict));

  const dates = el("dl", { class: "recert-dates" });
  if (credential.deadline) {
    dates.append(el("dt", {}, "Deadline"), el("dd", {}, el("time", { datetime: credential.deadline }, longDate(credential.deadline)),
      ` (${whenText(asOf, credential.deadline)})`));
  }
  dates.append(el("dt", {}, "Late applications until"),
    el("dd", {}, credential.late_until ? el("time", { datetime: credential.late_until }, longDate(credential.late_until)) : "no late window"));
  if (credential.cycle_start) dates.append(el("dt", {}, "Cycle started"), el("dd", {}, longDate(credential.cycle_start)));
  card.append(dates);

  if (typeof credential.required === "number") {
    const { earned, required } = credential;
    card.append(progressBar(`Earned: ${amount(earned, unit)} of ${amount(required, unit)}`, earned, required));
    if (credential.shortfall > 0) card.append(el("p", {}, `Still needed: ${amount(credential.shortfall, unit)}.`));
  }
  if (credential.categories?.length) card.append(section("By category", ...categoryBars(credential.categories, unit)));
  if (credential.cpr_aed_ok === false) card.append(el("p", { class: "recert-warning" }, "CPR/AED is not current for this deadline."));
  if (credential.actions?.length) card.append(section("Next steps", el("ul", {}, credential.actions.map((action) => el("li", {}, action)))));
  if (credential.plan?.steps?.length) card.append(planView(credential.plan, unit, asOf));
  if (credential.fees?.length) {
    // Whole words in every column; where even they do not fit (320 px), the table scrolls in its box.
    card.append(section("Fees", el("div", { class: "table-wrap" }, feeTable(credential.fees, credential.total_due))));
  }
  if (credential.counted?.length) card.append(folded("What counted, and why", countedList(credential.counted, activities, unit)));
  if (credential.sources?.length) card.append(folded("Sources", el("ul", {}, credential.sources.map((text) => el("li", {}, source(text))))));
  return card;
}

/** The result in words, for the live region and the narrow screen's verdict bar: the rules' own
 * sentences (summary and verdicts), each verdict after its credential's name. */
export function summarizeResult(result, nameOf) {
  const verdicts = result.credentials.map((credential) => `${credential.name ?? nameOf(credential.id)}: ${credential.verdict}`);
  return verdicts.length === 1 ? verdicts[0] : [result.summary, ...verdicts].join(" ");
}

/** Replaces `container`'s content with the result for `scenario`; nameOf(id) gives a credential's name. */
export function renderResult(container, result, scenario, nameOf) {
  const context = { asOf: result.as_of, activities: scenario.activities ?? [], nameOf };
  const summary = result.credentials.length > 1 ? el("p", { class: "recert-summary", "data-summary": true }, result.summary) : null;
  const cards = result.credentials.map((credential) => credentialCard(credential, context));
  const notes = result.notes?.length ? [el("ul", { class: "recert-notes" }, result.notes.map((note) => el("li", {}, note)))] : [];
  container.replaceChildren(...[summary, ...cards, ...notes].filter(Boolean));
}
