// One entry, every credential: how the rules counted each activity toward each credential held
// (the result's `counted` entries), as the form, activities.csv and record.html show it.
import { el } from "../calculator/dom.js";
import { amount } from "../calculator/results-view.js";

const grouped = new WeakMap(); // credential result -> Map(activity index -> its counted entries)

function countedFor(credential, index) {
  if (!grouped.has(credential)) {
    const byActivity = new Map();
    for (const entry of credential.counted ?? []) byActivity.set(entry.activity, [...(byActivity.get(entry.activity) ?? []), entry]);
    grouped.set(credential, byActivity);
  }
  return grouped.get(credential).get(index) ?? [];
}

/** [{name, value, why}] for the activity at `index`: one per credential held, "0.8 CEU, category A". */
export function countsOf(result, index, nameOf) {
  return (result?.credentials ?? []).map((credential) => {
    const entries = countedFor(credential, index);
    const total = entries.reduce((sum, entry) => sum + entry.amount, 0);
    const categories = [...new Set(entries.map((entry) => entry.category).filter(Boolean))];
    const category = categories.length ? `, category ${categories.join(" and ")}` : "";
    return {
      name: credential.name ?? nameOf(credential.id),
      value: entries.length ? `${amount(total, credential.unit)}${category}` : `not counted for ${credential.unit}s`,
      why: entries.map((entry) => entry.note).filter(Boolean).join("; "),
    };
  });
}

/** What an activity is worth as typed: "8 hours", "3 credit hours (semester)". */
export function activityAmount(activity) {
  const parts = [];
  const plural = (value, word) => `${value} ${word}${value === 1 ? "" : "s"}`;
  if (typeof activity.hours === "number") parts.push(plural(activity.hours, "hour"));
  if (typeof activity.credit_hours === "number") parts.push(`${plural(activity.credit_hours, "credit hour")}${activity.term ? ` (${activity.term})` : ""}`);
  if (typeof activity.ceus === "number") parts.push(`${activity.ceus} CEUs stated`);
  if (typeof activity.score === "number") parts.push(`score ${activity.score}`);
  return parts.join(", ");
}

/** Fills each activity row's [data-activity-counts] from the result of the scenario they show. */
export function showCounts(rows, result, nameOf) {
  rows.forEach((row, index) => {
    const box = row.querySelector("[data-activity-counts]");
    if (!box) return;
    const counts = result && !result.errors ? countsOf(result, index, nameOf) : [];
    box.hidden = !counts.length;
    box.replaceChildren(...(counts.length ? [el("ul", {}, counts.map((count) =>
      el("li", {}, el("strong", {}, count.name), `: ${count.value}`, count.why ? ` (${count.why})` : "")))] : []));
  });
}
