// The audit pack's readable files: the certificates' names, activities.csv and record.html (printable).
// `pack` is {scenario, result, activities: [{activity, certificates: [{name, path}]}], nameOf, typeName, written}.
import { el, longDate } from "../calculator/dom.js";
import { activityAmount, countsOf } from "./counts.js";

const ROWS_PER_TASK = 50;

/** A promise that resolves in a later task, so that input and drawing go first. */
export const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));

const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;
const TYPE_EXTENSIONS = { "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/heic": ".heic", "image/heif": ".heif" };

/** "Regional clinic: day 2" -> "regional-clinic-day-2" (letters of any script kept). */
function slug(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60);
}

/** certificates/<NN>-<title>-<date>[-k].<ext>: named after its activity, unique in the pack. */
export function certificatePath(activity, index, file, number) {
  const extension = (file.name.match(EXTENSION)?.[0] ?? TYPE_EXTENSIONS[file.type] ?? "").toLowerCase();
  const name = [String(index + 1).padStart(3, "0"), slug(activity.title ?? ""), activity.date].filter(Boolean).join("-");
  return `certificates/${name}${number ? `-${number + 1}` : ""}${extension}`;
}

/** A CSV cell (RFC 4180); text a spreadsheet would run as a formula starts with an apostrophe. */
function cell(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function activitiesCsv(pack) {
  const held = countsOf(pack.result, -1, pack.nameOf).map((count) => count.name);
  const header = ["date", "title", "type", "amount", "certificate file",
    ...held.flatMap((name) => [`${name}: counted`, `${name}: why`])];
  const rows = pack.activities.map(({ activity, certificates }, index) => [
    activity.date, activity.title, pack.typeName(activity.type), activityAmount(activity),
    certificates.map((file) => file.path).join("; "),
    ...countsOf(pack.result, index, pack.nameOf).flatMap((count) => [count.value, count.why]),
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}section{break-inside:avoid}
@media print{body{margin:0}a{color:inherit}}`;

function table(headings, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, headings.map((text) => el("th", { scope: "col" }, text)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((content) => el("td", {}, content))))));
}

function money(fee) {
  return fee.amount === null ? "not published in our sources" : `${fee.amount.toFixed(2)} ${fee.currency ?? ""}`.trim();
}

function credentialSection(credential, pack) {
  const held = pack.scenario.credentials.find((entry) => entry.id === credential.id) ?? {};
  const name = credential.name ?? pack.nameOf(credential.id);
  return el("section", {},
    el("h3", {}, name),
    el("p", {}, credential.verdict ?? ""),
    table(["Certified on", "Expires on", "Cycle", "Deadline", "Late applications until", "Earned", "Required"], [[
      held.certified_on ?? "", held.expires_on ?? "not given", `${credential.cycle_start ?? ""} to ${credential.deadline ?? ""}`,
      credential.deadline ? longDate(credential.deadline) : "", credential.late_until ? longDate(credential.late_until) : "none",
      `${credential.earned} ${credential.unit}`, `${credential.required} ${credential.unit}`]]),
    credential.fees?.length ? table(["Fee", "Amount", "Source"], credential.fees.map((fee) => [fee.label, money(fee), fee.source ?? ""])) : null,
    credential.actions?.length ? el("ul", {}, credential.actions.map((action) => el("li", {}, action))) : null,
    el("h4", {}, "Sources"),
    el("ul", {}, (credential.sources ?? []).map((source) => el("li", {}, source))));
}

/** The activities' table rows, ROWS_PER_TASK at a time. */
async function activityRows(pack, heldNames) {
  const rows = [];
  for (const [index, { activity, certificates }] of pack.activities.entries()) {
    if (index % ROWS_PER_TASK === ROWS_PER_TASK - 1) await nextTask();
    rows.push([String(index + 1), activity.date ?? "", activity.title ?? "", pack.typeName(activity.type), activityAmount(activity),
      certificates.map((file) => el("div", {}, el("a", { href: file.path }, file.path.replace("certificates/", "")))),
      ...countsOf(pack.result, index, pack.nameOf).map((count) => `${count.value}${count.why ? `: ${count.why}` : ""}`)]);
  }
  return table(["#", "Date", "Title", "Type", "Amount", "Certificate", ...heldNames], rows);
}

/** The printable record, as the text of an HTML file. */
export async function recordHtml(pack) {
  const { scenario, result } = pack;
  const doc = document.implementation.createHTMLDocument("Recertification record");
  doc.documentElement.lang = "en";
  doc.head.append(el("meta", { charset: "utf-8" }), el("style", {}, STYLE));
  const heldNames = countsOf(result, -1, pack.nameOf).map((count) => count.name);
  doc.body.append(
    el("h1", {}, "Recertification record"),
    el("p", {}, `Evaluated on ${longDate(result.as_of)}; written on ${longDate(pack.written)}. Kept on the person's own device; `
      + "the rules are the calculator's copies of the organizations' pages: confirm with your organization."),
    el("h2", {}, "Credentials"),
    el("p", {}, scenario.cpr_aed ? `CPR/AED valid until ${longDate(scenario.cpr_aed.valid_until)}.` : "No current CPR/AED certification."),
    result?.summary ? el("p", {}, result.summary) : null,
    ...(result?.credentials ?? []).map((credential) => credentialSection(credential, pack)),
    el("h2", {}, "Activities"),
    await activityRows(pack, heldNames),
    result?.notes?.length ? el("ul", {}, result.notes.map((note) => el("li", {}, note))) : null,
  );
  return `<!doctype html>\n${doc.documentElement.outerHTML}\n`;
}
