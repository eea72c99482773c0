// An iCalendar file (RFC 5545) with each credential's deadline and last late day; each event's
// description is the rules' verdict for the credential, the calendar's (RFC 7986) their summary.

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

function allDayEvent(uid, day, summary, description, stamp) {
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(day)}`,
    `DTEND;VALUE=DATE:${compactDate(nextDay(day))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
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
        credential.deadline, `${name}: recertification deadline`, credential.verdict, stamp),
      credential.late_until && allDayEvent(`${credential.id}-late-${credential.late_until}@recert`,
        credential.late_until, `${name}: last day for a late application`, credential.verdict, stamp),
    ].filter(Boolean).flat();
  });
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Recert//Recertification calculator//EN",
    "CALSCALE:GREGORIAN", `DESCRIPTION:${escapeText(result.summary)}`, ...events, "END:VCALENDAR"];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
