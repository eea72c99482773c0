// The record on this device (opt-in): the form's scenario and each activity's certificate files, kept in
// IndexedDB (store.js), never sent anywhere; the audit pack that exports it and the import that restores it.
//
// Each activity row carries data-record-id (its entry in the store) and data-position (its place, fixed when
// the row is made, so removing a row rewrites no other). A sync writes only the entries that changed since this
// page last wrote or read them, so two tabs editing different activities never overwrite each other; a tab
// hears the other's writes on a BroadcastChannel and, after writing its own, shows the record as stored.
import { debounce, download, today } from "../calculator/dom.js";
import { Recert } from "../recert.js";
import { readAuditPack, writeAuditPack, zipLibrary } from "./audit-pack.js";
import { showCounts } from "./counts.js";
import { entryText } from "./merge.js";
import { megabytes, showCertificateList, usageText } from "./record-view.js";
import { RecordStorageError, openStore } from "./store.js";

const WANTED_KEY = "recert:record"; // "1" while the person keeps a record (read before IndexedDB opens)
const CHANNEL = "recert-record";
const SYNC_MS = 300;
const LOADED_MARK = "recert:record-shown"; // a performance mark, for bench/

const isZip = (file) => /\.zip$/i.test(file.name) || /zip/.test(file.type);

function wanted() {
  try {
    return localStorage.getItem(WANTED_KEY) === "1";
  } catch {
    return false;
  }
}

function remember(on) {
  try {
    if (on) localStorage.setItem(WANTED_KEY, "1");
    else localStorage.removeItem(WANTED_KEY);
  } catch {
    // Storage refused: IndexedDB will say so in words when it is used.
  }
}

/**
 * Starts the record for the calculator page. `calculator` is app.js's {load, read, rows, nameOf}; `say(text)`
 * shows a message. Returns {start({shared}), showResult(result, scenario), isPack(file), importPack(file)}.
 */
export function startRecord(root, calculator, say) {
  const tools = root.querySelector("[data-tools]");
  const form = root.querySelector("[data-recert-form]");
  const list = form.querySelector("[data-activities]");
  const box = tools.elements.keep_record;
  const usage = tools.querySelector("[data-record-usage]");
  const packButton = tools.elements.audit_pack;
  const progress = tools.querySelector("[data-pack-progress]");
  const zipUrl = tools.dataset.zipLibrary;
  const typeNames = new Map([...root.querySelector("[data-activity-template]").content.querySelector("[name=type]").options]
    .map((option) => [option.value, option.textContent.trim()]));
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;

  const certificates = new Map(); // record id -> [{id, name, type, size, blob?}]; blob until stored
  let synced = new Map(); // record id -> the entry's text as last written or read
  let syncedBase = null;
  let store = null;
  let on = false;
  let unseen = false; // a record is stored that this page does not show (it shows a share link's scenario)
  let syncing = null;
  let again = false;

  const removedByPerson = new Set(); // ids of rows removed with their Remove button
  const rows = calculator.rows; // all of them: drawn now if a long record's are still being drawn
  const newId = () => crypto.randomUUID();

  /** The row's record id and position, given when first needed: after its neighbours' positions. */
  function identify(row) {
    if (!row.dataset.recordId) row.dataset.recordId = newId();
    if (!row.dataset.position) {
      const before = Number(row.previousElementSibling?.dataset.position ?? 0);
      const next = row.nextElementSibling?.dataset.position;
      row.dataset.position = String(next ? (before + Number(next)) / 2 : before + 1);
    }
    return row.dataset.recordId;
  }

  function snapshot() {
    const { activities, ...base } = calculator.read();
    const entries = rows().map((row, index) => {
      const id = identify(row);
      const files = (certificates.get(id) ?? []).map(({ id: file, name, type, size }) => ({ id: file, name, type, size }));
      return { id, position: Number(row.dataset.position), activity: activities[index], certificates: files };
    });
    return { base, entries };
  }

  async function openedStore() {
    store ??= await openStore();
    return store;
  }

  /** Activities that left the form without the person removing them (an import or Clear replaced the form)
   * but hold certificates go back at the end of the form: no certificate is deleted unasked. */
  function keepCertified() {
    const shownIds = new Set(rows().map((row) => row.dataset.recordId));
    const back = [...synced.keys()].filter((id) => !shownIds.has(id) && !removedByPerson.has(id))
      .map((id) => JSON.parse(synced.get(id))).filter((entry) => entry.certificates.length);
    if (!back.length) return;
    const marks = [...rows().map((row) => ({ ...row.dataset })), ...back.map((entry) => ({ recordId: entry.id }))];
    const scenario = calculator.read();
    calculator.load({ ...scenario, activities: [...(scenario.activities ?? []), ...back.map((entry) => entry.activity)] });
    rows().forEach((row, index) => {
      if (marks[index].recordId) row.dataset.recordId = marks[index].recordId;
      if (marks[index].position) row.dataset.position = marks[index].position;
      showCertificates(row);
    });
    rowsChanged.takeRecords();
    say(`Kept ${back.length === 1 ? "1 activity" : `${back.length} activities`} with certificates in the record, at the end of the list: `
      + "remove them with their own Remove button to delete them.", { append: true });
  }

  /** Writes what changed since the last write or read; a refusal is said and nothing typed is lost.
   * False when the browser refused. */
  async function sync({ replace = false } = {}) {
    if (!on) return false;
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = (async () => {
      if (!replace) keepCertified();
      const { base, entries } = snapshot();
      const baseText = JSON.stringify(base);
      const texts = new Map(entries.map((entry) => [entry.id, entryText(entry)]));
      const put = replace ? entries : entries.filter((entry) => synced.get(entry.id) !== texts.get(entry.id));
      const remove = [...synced.keys()].filter((id) => !texts.has(id));
      const files = entries.flatMap((entry) => (certificates.get(entry.id) ?? []).filter((file) => file.blob));
      if (!replace && !put.length && !remove.length && baseText === syncedBase) return true;
      const baselines = new Map(put.filter((entry) => synced.has(entry.id)).map((entry) => [entry.id, JSON.parse(synced.get(entry.id))]));
      let merges;
      try {
        merges = await (await openedStore()).write({ base: replace || baseText !== syncedBase ? base : undefined, put, remove, files, replace, baselines });
      } catch (error) {
        if (!(error instanceof RecordStorageError)) throw error;
        say(`${error.message} Nothing you typed is lost: it is still on this page, and the audit pack keeps it, certificates included, in a file.`);
        return false;
      }
      for (const file of files) delete file.blob; // stored: read back from the store when needed
      for (const id of remove) removedByPerson.delete(id);
      synced = texts;
      syncedBase = baseText;
      channel?.postMessage("changed");
      if (merges) await showStored(); // another tab's changes to the same activities, merged: shown here too
      else showUsage();
      return true;
    })();
    try {
      return await syncing;
    } finally {
      syncing = null;
      if (again) {
        again = false;
        await sync();
      }
    }
  }
  const syncSoon = debounce(sync, SYNC_MS);

  /** Whether the form shows `loaded` (store.load()'s answer) already. */
  function showing(loaded) {
    return JSON.stringify(loaded.base) === syncedBase && loaded.activities.length === synced.size
      && loaded.activities.every((entry) => synced.get(entry.id) === entryText(entry));
  }

  /** Shows the record as stored (`loaded`: store.load()'s answer) on the form, keeping the focus. */
  function show(loaded) {
    const focused = document.activeElement;
    const focusRow = focused?.closest("[data-activity]")?.dataset.recordId;
    const { name: focusName, selectionStart, selectionEnd } = focused ?? {};
    const scenario = { ...(loaded.base ?? calculator.read()), activities: loaded.activities.map((entry) => entry.activity) };
    calculator.load(scenario);
    certificates.clear();
    rows().forEach((row, index) => {
      const entry = loaded.activities[index];
      row.dataset.recordId = entry.id;
      row.dataset.position = String(entry.position ?? index + 1);
      certificates.set(entry.id, entry.certificates);
      showCertificates(row);
    });
    rowsChanged.takeRecords(); // the rows shown are the record's: nothing to write
    // What the form shows now is what is stored (the form wrote it): the baseline of the next sync.
    const shownRows = rows();
    synced = new Map(loaded.activities.map((entry, index) => [entry.id, entryText({ ...entry, position: Number(shownRows[index].dataset.position) })]));
    syncedBase = JSON.stringify(loaded.base ?? snapshot().base);
    const refocus = focusRow && list.querySelector(`[data-record-id="${focusRow}"] [name="${focusName}"]`);
    if (refocus) {
      refocus.focus();
      if (typeof selectionStart === "number") refocus.setSelectionRange?.(selectionStart, selectionEnd);
    }
  }

  function problems(loaded) {
    const parts = [];
    if (loaded.damaged) parts.push(`${loaded.damaged === 1 ? "1 entry of the record is damaged and was" : `${loaded.damaged} entries of the record are damaged and were`} set aside (kept as they are)`);
    if (loaded.missing) parts.push(`${loaded.missing === 1 ? "1 certificate file is" : `${loaded.missing} certificate files are`} missing from it`);
    return parts.length ? ` ${parts.join("; ")}; everything else is shown.` : "";
  }

  async function showStored(message) {
    const loaded = await (await openedStore()).load();
    if (!showing(loaded)) show(loaded);
    performance.mark(LOADED_MARK);
    if (message || loaded.damaged || loaded.missing) say(`${message ?? "The record on this device:"}${problems(loaded)}`);
    showUsage();
  }

  async function showUsage() {
    usage.textContent = on ? await usageText(rows().length, [...certificates.values()].flat()) : "";
  }

  /** Turns the record on with the form as it is (the record follows the form from then on). */
  /** Loads the ZIP library while the page is idle, so that the audit pack's first task does not compile it. */
  function prefetchZipLibrary() {
    (window.requestIdleCallback ?? setTimeout)(() => zipLibrary(zipUrl).catch(() => {}));
  }

  async function turnOn(message) {
    if (unseen && !confirm("Replace the record kept on this device with what this page shows?")) {
      box.checked = false;
      return;
    }
    unseen = false;
    on = true;
    box.checked = true;
    remember(true);
    navigator.storage?.persist?.().catch(() => false).then(showUsage);
    try {
      await openedStore();
    } catch (error) {
      on = false;
      box.checked = false;
      say(`${error.message} Your entries and certificates stay on this page until you leave it; the audit pack keeps them in a file.`);
      return;
    }
    prefetchZipLibrary();
    if (await sync({ replace: true }) && message) say(message);
  }

  async function turnOff() {
    const count = [...certificates.values()].flat().length;
    if (count && !confirm(`Delete the record on this device, with its ${count} certificate file${count === 1 ? "" : "s"}? The audit pack keeps a copy.`)) {
      box.checked = true;
      return;
    }
    on = false;
    remember(false);
    try {
      await (await openedStore()).clear();
    } catch (error) {
      if (!(error instanceof RecordStorageError)) throw error;
    }
    for (const row of rows()) {
      certificates.delete(row.dataset.recordId);
      showCertificates(row);
    }
    synced = new Map();
    syncedBase = null;
    channel?.postMessage("changed");
    showUsage();
    say("Deleted the record on this device.");
  }

  function showCertificates(row) {
    showCertificateList(row, certificates.get(row.dataset.recordId) ?? []);
  }

  async function attach(input) {
    const row = input.closest("[data-activity]");
    const id = identify(row);
    const added = [...input.files].map((file) => ({ id: newId(), name: file.name, type: file.type, size: file.size, blob: file }));
    input.value = "";
    if (!added.length) return;
    certificates.set(id, [...(certificates.get(id) ?? []), ...added]);
    showCertificates(row);
    const names = added.map((file) => `"${file.name}"`).join(", ");
    if (on) await sync();
    else await turnOn(`Attached ${names}. Keeping a record on this device (nothing is sent anywhere); untick the box to delete it.`);
  }

  async function fileOf(certificate) {
    return certificate.blob ?? (await openedStore()).file(certificate.id);
  }

  async function openCertificate(row, fileId) {
    const certificate = (certificates.get(row.dataset.recordId) ?? []).find((file) => file.id === fileId);
    const blob = certificate && await fileOf(certificate);
    if (!blob) return say("This certificate is no longer in the record.");
    const url = URL.createObjectURL(blob);
    window.open(url, "_blank", "noopener");
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function auditPack() {
    packButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    say("Writing the audit pack…");
    try {
      await sync();
      const scenario = calculator.read();
      const asOf = scenario.as_of ?? today(); // no day pinned: today, as the page shows it
      const result = await Recert.evaluate({ ...scenario, as_of: asOf });
      const shown = rows();
      const record = {
        scenario, result, written: today(), nameOf: calculator.nameOf, typeName: (type) => typeNames.get(type) ?? type,
        activities: (scenario.activities ?? []).map((activity, index) => ({
          activity,
          certificates: (certificates.get(identify(shown[index])) ?? []).map((file) => ({ ...file, blob: () => fileOf(file) })),
        })),
      };
      const zip = await writeAuditPack(record, zipUrl, (done, total) => {
        progress.max = total || 1;
        progress.value = done;
      });
      download(`audit-pack-${asOf}.zip`, "application/zip", zip);
      say(`Audit pack written (${megabytes(zip.size)}): certificates, activities.csv, record.html, result.json and the scenario.`);
    } catch (error) {
      say(`Could not write the audit pack: ${error.message}`);
    } finally {
      packButton.disabled = false;
      progress.hidden = true;
    }
  }

  /** Restores the record from an audit pack, certificates included; the form shows it. */
  async function importPack(file) {
    let restored;
    try {
      restored = await readAuditPack(file, zipUrl, `"${file.name}"`);
    } catch (error) {
      return say(error.message);
    }
    calculator.load(restored.scenario);
    certificates.clear();
    rows().forEach((row, index) => {
      const id = identify(row);
      certificates.set(id, restored.certificates[index].map((entry) => ({ id: newId(), name: entry.name, type: entry.type, size: entry.blob.size, blob: entry.blob })));
      showCertificates(row);
    });
    const count = restored.certificates.flat().length;
    const missing = restored.missing.length ? ` Missing from the pack: ${restored.missing.join(", ")}.` : "";
    await turnOn(`Imported "${file.name}": ${rows().length} activities and ${count} certificate${count === 1 ? "" : "s"}, kept on this device.${missing}`);
  }

  list.addEventListener("change", (event) => {
    if (event.target.matches("[data-activity] input[type=file]")) attach(event.target);
  });
  list.addEventListener("click", (event) => {
    const removed = event.target.closest("[data-remove-activity]")?.closest("[data-activity]");
    if (removed?.dataset.recordId) removedByPerson.add(removed.dataset.recordId);
  }, { capture: true }); // before the form removes the row
  list.addEventListener("click", (event) => {
    const row = event.target.closest("[data-activity]");
    const open = event.target.closest("[data-open-certificate]");
    const remove = event.target.closest("[data-remove-certificate]");
    if (open) {
      event.preventDefault();
      openCertificate(row, open.dataset.openCertificate);
    } else if (remove) {
      const id = row.dataset.recordId;
      certificates.set(id, certificates.get(id).filter((file) => file.id !== remove.dataset.removeCertificate));
      showCertificates(row);
      row.querySelector("[data-activity-more]").open = true; // the file input is folded under "More"
      row.querySelector("input[type=file]").focus();
      sync();
    }
  });
  form.addEventListener("input", () => syncSoon());
  form.addEventListener("change", () => syncSoon());
  // Rows added, duplicated, removed, or the whole form loaded: a duplicate starts without certificates.
  const rowsChanged = new MutationObserver((changes) => {
    for (const { addedNodes } of changes) for (const row of addedNodes) if (!certificates.has(row.dataset.recordId)) showCertificates(row);
    sync(); // at once: a row added or removed is one click, often followed by leaving the page
  });
  rowsChanged.observe(list, { childList: true });
  // Leaving or hiding the page writes what the debounce still holds (a reload right after a change).
  window.addEventListener("pagehide", () => sync());
  document.addEventListener("visibilitychange", () => document.hidden && sync());
  box.addEventListener("change", () => (box.checked ? turnOn("Keeping a record on this device, certificates included; nothing is sent anywhere.") : turnOff()));
  packButton.addEventListener("click", auditPack);
  channel?.addEventListener("message", async () => {
    if (on && !wanted()) { // deleted in another tab: this page keeps what it shows, and writes nothing more
      on = false;
      box.checked = false;
      synced = new Map();
      showUsage();
      say("The record on this device was deleted in another tab; this page still shows what it showed.");
    }
    if (!on) return;
    await sync(); // this tab's changes first, then the record as both tabs left it
    await showStored();
  });

  return {
    /** Shows the record kept on this device, unless the page shows a share link's scenario (`shared`). */
    async start({ shared = false } = {}) {
      if (!wanted()) return;
      if (shared) {
        unseen = true;
        say("Your record on this device is kept as it was; this page shows the link's scenario instead.", { append: true });
        return;
      }
      on = true;
      box.checked = true;
      try {
        await showStored();
        prefetchZipLibrary();
      } catch (error) {
        if (!(error instanceof RecordStorageError)) throw error;
        on = false;
        box.checked = false;
        say(`${error.message} The record stays where it is; this page cannot reach it.`);
      }
    },
    /** Each row's counts from `result`; none without one (the form has fields to fix). */
    showResult(result, scenario) {
      // Not while a long record's rows are being drawn: the form evaluates again once they are.
      if (!result || (scenario.activities ?? []).length === list.children.length) showCounts([...list.children], result, calculator.nameOf);
    },
    isPack: isZip,
    importPack,
  };
}
