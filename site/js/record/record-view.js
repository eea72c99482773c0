// What the record shows in words: each activity's certificate list and how much the record holds.
import { el } from "../calculator/dom.js";

export const megabytes = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** Fills a row's [data-certificates]: each file with a link that opens it here and a Remove button. */
export function showCertificateList(row, files) {
  const list = row.querySelector("[data-certificates]");
  list.hidden = !files.length;
  list.replaceChildren(...files.map((file) => el("li", { "data-certificate": file.id },
    el("a", { href: "#", "data-open-certificate": file.id }, file.name), ` (${megabytes(file.size)}) `,
    el("button", { type: "button", "data-remove-certificate": file.id, "aria-label": `Remove ${file.name}` }, "Remove"))));
}

/** "The record on this device: 3 activities, 2 certificates (1.2 MB). …", with the room the browser gives
 * the site and whether it keeps the record for good (navigator.storage). */
export async function usageText(activities, files) {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const room = estimate?.quota ? ` This browser lets the site use about ${megabytes(Math.max(0, estimate.quota - estimate.usage))} more.` : "";
  const persisted = await navigator.storage?.persisted?.().catch(() => false);
  return `The record on this device: ${activities} ${activities === 1 ? "activity" : "activities"}, `
    + `${files.length} certificate${files.length === 1 ? "" : "s"} (${megabytes(bytes)}).${room} `
    + (persisted ? "The browser keeps it until you delete it." : "The browser may clear it if the device runs short of space: keep the audit pack too.");
}
