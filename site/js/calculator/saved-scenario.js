// Scenarios kept outside the page: the opt-in local save, export/import files
// ({version: 1, scenario}) and share links (#s=<base64url of the scenario's JSON>).
// Anything unreadable raises SavedScenarioError with a message for people.
const STORAGE_KEY = "recert:saved";
const FORMAT_VERSION = 1;

export class SavedScenarioError extends Error {}

function checkedScenario(value, what) {
  const ok = value && typeof value === "object" && !Array.isArray(value)
    && ["credentials", "activities", "memberships"].every((key) => value[key] === undefined || Array.isArray(value[key]));
  if (!ok) throw new SavedScenarioError(`${what} does not hold a calculator scenario.`);
  return value;
}

/** The text of an export file (and of the local save). */
export function pack(scenario) {
  return JSON.stringify({ version: FORMAT_VERSION, scenario }, null, 2);
}

const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/**
 * Older formats, upgraded to the current one ({version: 1, scenario}). Version 0 is a bare
 * scenario without the wrapper (what the command line reads, and what early saves held).
 * Fields added to the scenario since (credentials[].renewed_through) are optional, so a
 * version 1 file from before them needs no upgrade.
 */
function migrate(data) {
  if (isObject(data) && !("version" in data) && Array.isArray(data.credentials)) return { version: 1, scenario: data };
  return data;
}

/** {scenario, migrated} from a saved text; `what` names it in messages. */
function read(text, what) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SavedScenarioError(`${what} is not a calculator file (it is not JSON).`);
  }
  const migrated = migrate(data);
  if (!isObject(migrated) || !("version" in migrated)) {
    throw new SavedScenarioError(`${what} is not a calculator file (it holds no calculator scenario).`);
  }
  return { scenario: checkedVersion(migrated, what), migrated: migrated !== data };
}

/** The scenario in an export file's text (any known version); `what` names the file in messages. */
export function unpack(text, what) {
  return read(text, what).scenario;
}

function checkedVersion(data, what) {
  if (data?.version !== FORMAT_VERSION) {
    throw new SavedScenarioError(`${what} is not in a format this calculator knows (version ${JSON.stringify(data?.version ?? null)}; expected ${FORMAT_VERSION}).`);
  }
  return checkedScenario(data.scenario, what);
}

export const localSave = {
  /** The saved scenario, or null when nothing is saved. */
  load() {
    const text = localStorage.getItem(STORAGE_KEY);
    if (text === null) return null;
    const { scenario, migrated } = read(text, "The scenario saved in this browser");
    if (migrated) {
      try {
        localStorage.setItem(STORAGE_KEY, pack(scenario)); // upgraded once, in place
      } catch {
        // Storage full or read-only: the old format stays readable.
      }
    }
    return scenario;
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
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(code) {
  const binary = atob(code.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** This page's address with the scenario in its fragment; the fragment never reaches a server. */
export function shareLink(scenario) {
  const url = new URL(location.href);
  url.hash = `s=${toBase64Url(JSON.stringify(scenario))}`;
  return url.href;
}

/** The scenario in a share link's fragment, or null when the fragment holds none. */
export function scenarioFromFragment(hash) {
  const code = new URLSearchParams(hash.replace(/^#/, "")).get("s");
  if (code === null) return null;
  try {
    return checkedScenario(JSON.parse(fromBase64Url(code)), "This share link");
  } catch (error) {
    if (error instanceof SavedScenarioError) throw error;
    throw new SavedScenarioError("This share link is damaged (perhaps cut short when it was copied).");
  }
}
