// An iCalendar file (RFC 5545) with each credential's deadline, the last day of each late tier and, when it
// ends first, the CPR/AED card, each with reminders (VALARM) 90, 30 and 7 days before. Descriptions quote the
// rules' verdict (the calendar's, RFC 7986: their summary) as said on the evaluation day, so they stay true.
import { longDate } from "./dom.js";

function escapeText(text) {
  return text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\n/g, "\\n");
}

const utf8 = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line) {
  const parts = [];
  let part = "";
  let size = 0;
  for (const char of line) {
    const octets = utf8.encode(char).length;
    if (size + octets > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = "";
      size = 0;
    }
    part += char;
    size += octets;
  }
  return [...parts, part].join("\r\n ");
}

function compactDate(isoDate) {
  return isoDate.replaceAll("-", "");
}

function nextDay(isoDate) {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const ALARM_DAYS = [90, 30, 7];

/** A reminder `days` before the (all-day) event starts. */
function alarm(days, summary) {
  return ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-P${days}D`,
    `DESCRIPTION:${escapeText(`In ${days} days: ${summary}`)}`, "END:VALARM"];
}

function allDayEvent({ uid, day, summary, description }, stamp) {
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(day)}`,
    `DTEND;VALUE=DATE:${compactDate(nextDay(day))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    "TRANSP:TRANSPARENT",
    ...ALARM_DAYS.flatMap((days) => alarm(days, summary)),
    "END:VEVENT",
  ];
}

/** The rules' words without the day counts they give ("December 31, 2026 (36 days)"), which a calendar
 * shows on other days than the one they were counted on; dated, so they stay true whenever read. */
function dated(text, asOf) {
  return `On ${longDate(asOf)} the calculator said: ${text.replace(/ \((?:today|[\d,]+ days?)\)/g, "")}`;
}

/** A credential's deadline and the last day of each late tier. */
function credentialEvents(credential, name, asOf) {
  const said = dated(credential.verdict, asOf);
  const events = [];
  if (credential.deadline) {
    events.push({ uid: `${credential.id}-deadline-${credential.deadline}@recert`, day: credential.deadline,
      summary: `${name}: recertification deadline`,
      description: `The deadline to recertify ${name} is ${longDate(credential.deadline)}. ${said}` });
  }
  const tiers = credential.late_tiers ?? (credential.late_until ? [{ until: credential.late_until, label: "Late application" }] : []);
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    events.push({ uid: `${credential.id}-late-${tier.until}@recert`, day: tier.until,
      summary: last ? `${name}: last day for a late application` : `${name}: last day before a higher late fee`,
      description: `${tier.label}: its last day is ${longDate(tier.until)}${last ? "; no later application is accepted" : ""}. ${said}` });
  });
  return events;
}

/** The CPR/AED card's last day, when it comes before a deadline. */
function cprEvent(validUntil, credentials, nameOf) {
  const before = validUntil ? credentials.filter((credential) => credential.deadline && validUntil < credential.deadline) : [];
  if (!before.length) return null;
  const deadlines = before.map((credential) => `${credential.name ?? nameOf(credential.id)} (${longDate(credential.deadline)})`);
  return { uid: `cpr-aed-${validUntil}@recert`, day: validUntil, summary: "CPR/AED certification ends",
    description: `Your CPR/AED certification is valid until ${longDate(validUntil)}, before the recertification deadline of ${deadlines.join(", ")}.` };
}

/** The .ics text for a result; nameOf(id) gives a credential's name, cprValidUntil the CPR/AED card's last day. */
export function calendarFile(result, nameOf, { now = new Date(), cprValidUntil = null } = {}) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const events = [
    ...result.credentials.flatMap((credential) => credentialEvents(credential, credential.name ?? nameOf(credential.id), result.as_of)),
    cprEvent(cprValidUntil, result.credentials, nameOf),
  ].filter(Boolean).flatMap((event) => allDayEvent(event, stamp));
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Recert//Recertification calculator//EN",
    "CALSCALE:GREGORIAN", `DESCRIPTION:${escapeText(dated(result.summary, result.as_of))}`, ...events, "END:VCALENDAR"];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
