// Building DOM with text only: user data never passes through HTML parsing.

/** el("p", {class: "x"}, "text", child): an element with attributes (strings) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return node;
}

/** A table row of `cells` (contents), each but the first labelled with its column's name: on phones a table.stack
 * shows each row as a card (style.css), titled with its first cell, each other value under its column's name. */
export function stackedRow(columns, cells, attributes = {}) {
  return el("tr", attributes, cells.map((cell, index) => el("td", index ? { "data-label": columns[index] } : {}, cell)));
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
export function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index ? 2 : 4, "0"))
    .join("-");
}

/** Whether `value` is a calendar day written YYYY-MM-DD (not "2026-02-30"). */
export function isDay(value) {
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

// One formatter for every date: making one per call (toLocaleDateString) costs about a millisecond each.
const LONG_DATE = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A YYYY-MM-DD date in words as the rules write it ("December 31, 2026"); calendar days, so UTC. */
export function longDate(isoDate) {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Offers text as a file download. */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Calls fn once calls have stopped for `ms` milliseconds. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
