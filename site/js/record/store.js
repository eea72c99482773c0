// The record on this device, in IndexedDB (never sent anywhere): the scenario without its activities
// ("base"), one entry per activity (two tabs editing different activities never overwrite each other; the
// same activity, see merge.js) and each certificate file as the Blob the person chose, byte for byte.
// Every failure becomes a RecordStorageError with a message for people.
import { merged } from "./merge.js";

const DB_NAME = "recert-record";
const DB_VERSION = 1;
const BASE_KEY = "base";

export class RecordStorageError extends Error {}

/** A browser's refusal, in words; `doing` says what was refused ("store the certificate"). */
function refusal(error, doing) {
  const full = error?.name === "QuotaExceededError";
  const why = full ? "this device's storage for the site is full" : "this browser does not allow it here (as in some private windows)";
  return new RecordStorageError(`Could not ${doing}: ${why}.`);
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new DOMException("aborted", "AbortError"));
  });
}

/** A stored activity entry as the page uses it, or null when it is damaged. */
function checkedActivity(entry) {
  const ok = entry && typeof entry === "object" && typeof entry.id === "string"
    && entry.activity && typeof entry.activity === "object" && !Array.isArray(entry.activity)
    && Array.isArray(entry.certificates)
    && entry.certificates.every((file) => file && typeof file.id === "string" && typeof file.name === "string");
  return ok ? entry : null;
}

export async function openStore() {
  let db;
  try {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      for (const name of ["meta", "activities", "files"]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    db = await done(request);
  } catch (error) {
    throw refusal(error, "open the record on this device");
  }
  // Another tab's newer page version asks for the database: let it have it.
  db.onversionchange = () => db.close();
  return new Store(db);
}

class Store {
  constructor(db) {
    this.db = db;
  }

  /** {base, activities (by position), damaged: how many entries could not be read, missing: certificate
   * files not found}. Damaged entries stay in the database untouched. */
  async load() {
    const transaction = this.db.transaction(["meta", "activities", "files"]);
    const [base, entries, fileIds] = await Promise.all([
      done(transaction.objectStore("meta").get(BASE_KEY)),
      done(transaction.objectStore("activities").getAll()),
      done(transaction.objectStore("files").getAllKeys()),
    ]);
    const present = new Set(fileIds);
    const activities = entries.map(checkedActivity).filter(Boolean);
    let missing = 0;
    for (const entry of activities) {
      const kept = entry.certificates.filter((file) => present.has(file.id));
      missing += entry.certificates.length - kept.length;
      entry.certificates = kept;
    }
    activities.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id.localeCompare(b.id));
    const baseOk = base === undefined || (base && typeof base === "object" && !Array.isArray(base));
    return {
      base: baseOk ? base ?? null : null,
      activities,
      damaged: entries.length - activities.length + (baseOk ? 0 : 1),
      missing,
    };
  }

  /** One transaction: base (when given), activity entries to put, ids to remove (with their files),
   * and new files [{id, blob}]; `replace` empties the record first. Each put entry's version is one
   * more than what was stored; `baselines` (id -> the entry as the writer last saw it) merges an entry
   * another tab wrote since (merge.js). Returns how many entries were merged so. */
  async write({ base, put = [], remove = [], files = [], replace = false, baselines = new Map() }) {
    let transaction;
    let merges = 0;
    try {
      transaction = this.db.transaction(["meta", "activities", "files"], "readwrite");
      if (replace) for (const name of ["meta", "activities", "files"]) transaction.objectStore(name).clear();
      const stored = transaction.objectStore("activities");
      const fileStore = transaction.objectStore("files");
      if (base !== undefined) transaction.objectStore("meta").put(base, BASE_KEY);
      for (const { id, blob } of files) fileStore.put(blob, id);
      for (const entry of put) {
        stored.get(entry.id).onsuccess = (event) => {
          const before = event.target.result;
          const written = replace ? entry : merged(entry, baselines.get(entry.id), before);
          if (written !== entry) merges++;
          const kept = new Set(written.certificates.map((file) => file.id));
          for (const file of before?.certificates ?? []) if (!kept.has(file.id)) fileStore.delete(file.id);
          stored.put({ ...written, version: (before?.version ?? 0) + 1 }, entry.id);
        };
      }
      for (const id of remove) {
        stored.get(id).onsuccess = (event) => {
          for (const file of event.target.result?.certificates ?? []) fileStore.delete(file.id);
          stored.delete(id);
        };
      }
      await finished(transaction);
      return merges;
    } catch (error) {
      try {
        transaction?.abort(); // all or nothing: a refused put must not leave the clear of a replace behind
      } catch {
        // already finished
      }
      throw refusal(error, "save the record on this device");
    }
  }

  /** The Blob of a certificate file, or null. */
  async file(id) {
    return (await done(this.db.transaction("files").objectStore("files").get(id))) ?? null;
  }

  /** Deletes the whole record. */
  async clear() {
    const transaction = this.db.transaction(["meta", "activities", "files"], "readwrite");
    for (const name of ["meta", "activities", "files"]) transaction.objectStore(name).clear();
    await finished(transaction);
  }
}
