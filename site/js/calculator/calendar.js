// An iCalendar file (RFC 5545) with each credential's deadline and last late day.

function escapeText(text) {
  return text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\n/g, "\\n");
}

/** Lines longer than 75 characters continue on the next line after a space (names are ASCII). */
function fold(line) {
  const parts = [line.slice(0, 75)];
  for (let start = 75; start < line.length; start += 74) parts.push(line.slice(start, start + 74));
  return parts.join("\r\n ");
}

function compactDate(isoDate) {
  return isoDate.replaceAll("-", "");
}

function nextDay(isoDate) {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

function allDayEvent(uid, day, summary, stamp) {
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(day)}`,
    `DTEND;VALUE=DATE:${compactDate(nextDay(day))}`,
    `SUMMARY:${escapeText(summary)}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

/** The .ics text for a result; nameOf(id) gives a credential's name. */
export function calendarFile(result, nameOf, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const events = result.credentials.flatMap((credential) => {
    const name = nameOf(credential.id);
    return [
      credential.deadline && allDayEvent(`${credential.id}-deadline-${credential.deadline}@recert`,
        credential.deadline, `${name}: recertification deadline`, stamp),
      credential.late_until && allDayEvent(`${credential.id}-late-${credential.late_until}@recert`,
        credential.late_until, `${name}: last day for a late application`, stamp),
    ].filter(Boolean).flat();
  });
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Recert//Recertification calculator//EN",
    "CALSCALE:GREGORIAN", ...events, "END:VCALENDAR"];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
