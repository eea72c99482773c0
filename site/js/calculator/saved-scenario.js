// Scenarios kept outside the page: the opt-in local save, export/import files and share links
// (#s=<base64url of the same JSON as a file>). Anything unreadable raises SavedScenarioError with a
// message for people. Reading gives {scenario, savedOn}: savedOn is the day an older save or link
// was made on (its as_of, which it always carried); the scenario then has no as_of (today).
import { isDay } from "./dom.js";

const STORAGE_KEY = "recert:saved";
const FORMAT_VERSION = 2;
// The command line's limits (calculator/jsontext.py MAX_INPUT_CHARS, calculator/scenario.py MAX_ACTIVITIES),
// checked before anything is shown, so an oversized input is refused at once.
export const MAX_CHARS = 20_000_000;
export const MAX_ACTIVITIES = 20_000;
// A scenario is 4 levels deep; unknown fields carried along may add a few. Deeper is not a scenario,
// and would overflow the stack of recursive code (JSON.stringify) later.
const MAX_DEPTH = 64;

export class SavedScenarioError extends Error {}

const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const megabytes = (size) => `${(size / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;

/** Refuses, before reading it, a text larger than the calculator reads. */
export function checkSize(size, what) {
  if (size > MAX_CHARS) {
    throw new SavedScenarioError(`${what} is too large (${megabytes(size)}): the calculator reads at most ${megabytes(MAX_CHARS)}.`);
  }
}

/** Whether parsed JSON is nested deeper than MAX_DEPTH: level by level, without recursion. */
function tooDeep(value) {
  let level = [value];
  for (let depth = 1; level.length; depth += 1) {
    if (depth > MAX_DEPTH) return true;
    const next = [];
    for (const item of level) {
      for (const key in item) if (item[key] && typeof item[key] === "object") next.push(item[key]);
    }
    level = next;
  }
  return false;
}

function checkedScenario(value, what) {
  const ok = isObject(value)
    && ["credentials", "activities", "memberships"].every((key) => value[key] === undefined || Array.isArray(value[key]));
  if (!ok) throw new SavedScenarioError(`${what} does not hold a calculator scenario.`);
  const count = value.activities?.length ?? 0;
  if (count > MAX_ACTIVITIES) {
    throw new SavedScenarioError(`${what} holds ${count.toLocaleString("en-US")} activities: the calculator reads at most ${MAX_ACTIVITIES.toLocaleString("en-US")}.`);
  }
  return value;
}

/** The text of an export file (and of the local save). The scenario carries as_of only when the person pinned a day. */
export function pack(scenario) {
  return JSON.stringify({ version: FORMAT_VERSION, scenario }, null, 2);
}

/**
 * Older formats, upgraded to the current one ({version: 2, scenario}, plus savedOn). Version 0 is a bare
 * scenario without the wrapper (what the command line reads, early saves and older share links); version 1
 * wrapped it. Both always carried as_of, the day they were saved on rather than a day the person chose.
 */
function migrate(data) {
  const old = isObject(data) && !("version" in data) && Array.isArray(data.credentials) ? { version: 1, scenario: data } : data;
  if (old?.version !== 1) return { data: old };
  if (!isObject(old.scenario)) return { data: { ...old, version: FORMAT_VERSION } }; // refused as no scenario
  const { as_of: savedOn, ...scenario } = old.scenario;
  if (!isDay(savedOn)) return { data: { version: FORMAT_VERSION, scenario: old.scenario } }; // kept, for the person to see
  return { data: { version: FORMAT_VERSION, scenario }, savedOn };
}

/** {scenario, savedOn} from a saved text or an export file's (any known version); `what` names it in messages. */
export function unpack(text, what) {
  checkSize(text.length, what);
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SavedScenarioError(`${what} is not a calculator file (it is not JSON).`);
  }
  if (parsed && typeof parsed === "object" && tooDeep(parsed)) {
    throw new SavedScenarioError(`${what} could not be read: the JSON is nested too deeply.`);
  }
  const { data, savedOn } = migrate(parsed);
  if (!isObject(data) || !("version" in data)) {
    throw new SavedScenarioError(`${what} is not a calculator file (it holds no calculator scenario).`);
  }
  if (data.version !== FORMAT_VERSION) {
    throw new SavedScenarioError(`${what} is not in a format this calculator knows (version ${JSON.stringify(data.version ?? null)}; expected ${FORMAT_VERSION}).`);
  }
  return { scenario: checkedScenario(data.scenario, what), savedOn };
}

export const localSave = {
  /** {scenario, savedOn} as saved, or null when nothing is saved. */
  load() {
    const text = localStorage.getItem(STORAGE_KEY);
    return text === null ? null : unpack(text, "The scenario saved in this browser");
  },
  save(scenario) {
    localStorage.setItem(STORAGE_KEY, pack(scenario));
  },
  clear() {
    localStorage.removeItem(STORAGE_KEY);
  },
};

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(code) {
  const binary = atob(code.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** This page's address with the scenario in its fragment; the fragment never reaches a server. */
export function shareLink(scenario) {
  const url = new URL(location.href);
  url.hash = `s=${toBase64Url(JSON.stringify({ version: FORMAT_VERSION, scenario }))}`;
  return url.href;
}

const LINK = "This share link";

/** {scenario, savedOn} from a share link's fragment, or null when the fragment holds none. */
export function scenarioFromFragment(hash) {
  checkSize(Math.floor(hash.length * 0.75), LINK); // base64: 4 characters for 3 bytes
  const code = new URLSearchParams(hash.replace(/^#/, "")).get("s");
  if (code === null) return null;
  let text;
  try {
    text = fromBase64Url(code);
  } catch {
    throw new SavedScenarioError(`${LINK} is damaged (perhaps cut short when it was copied).`);
  }
  try {
    return unpack(text, LINK);
  } catch (error) {
    if (error instanceof SavedScenarioError && !/not JSON/.test(error.message)) throw error;
    throw new SavedScenarioError(`${LINK} is damaged (perhaps cut short when it was copied).`);
  }
}
