// Two tabs editing the same activity of the record: each entry is written with the entry as the writing
// tab last saw it, and when another tab has written it since, what this tab changed goes over what is
// stored, field by field and certificate by certificate, instead of the whole entry.

/** An entry as compared and remembered: {id, position, activity, certificates} (no version). */
export const entryText = ({ id, position, activity, certificates }) => JSON.stringify({ id, position, activity, certificates });

const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `mine` that differ from `was`, applied to `theirs` (plain objects). */
function changedFields(mine, was, theirs) {
  const result = { ...theirs };
  for (const key of new Set([...Object.keys(mine), ...Object.keys(was)])) {
    if (same(mine[key], was[key])) continue;
    if (Object.hasOwn(mine, key)) result[key] = mine[key];
    else delete result[key];
  }
  return result;
}

/**
 * The entry to store: `entry` (this tab's) unless `stored` was written by another tab since `baseline`
 * (this tab's last sight of it; undefined for an entry new here). Then `stored` with this tab's changes:
 * its activity's changed fields, certificates added and removed here, and its position if moved here.
 */
export function merged(entry, baseline, stored) {
  if (!baseline || !stored || entryText(stored) === entryText(baseline)) return entry;
  const fieldwise = [entry.activity, baseline.activity, stored.activity].every(isObject);
  const had = new Set(baseline.certificates.map((file) => file.id));
  const has = new Set(entry.certificates.map((file) => file.id));
  return {
    ...entry,
    position: entry.position === baseline.position ? stored.position : entry.position,
    activity: fieldwise ? changedFields(entry.activity, baseline.activity, stored.activity) : entry.activity,
    certificates: [...stored.certificates.filter((file) => !had.has(file.id) || has.has(file.id)),
      ...entry.certificates.filter((file) => !had.has(file.id))],
  };
}
