// /calculator/: the calculator plus what a person keeps of it: the opt-in local save,
// export/import files, share links, a calendar file, and offline use. What a load did (and what it
// kept, could not show or could not read) is said at the top of the form; what the tools did, beside them.
import { startCalculator } from "/js/calculator/app.js";
import { calendarFile } from "/js/calculator/calendar.js";
import { download, el, longDate } from "/js/calculator/dom.js";
import { registerOffline } from "/js/calculator/offline.js";
import {
  SavedScenarioError, checkSize, localSave, pack, scenarioFromFragment, shareLink, unpack,
} from "/js/calculator/saved-scenario.js";
import { startRecord } from "/js/record/record.js";

const LISTED = 10; // of what the form does not show; the rest is folded

/** Whether the form holds anything the person entered or loaded. */
const hasEntries = (scenario) => Object.keys(scenario).length > 0;

/** Starts the page's calculator and its tools inside `root` (the page's [data-calculator]). */
export function startCalculatorPage(root) {
  const tools = root.querySelector("[data-tools]");
  const report = root.querySelector("[data-message]"); // at the top of the form
  const toolMessage = tools.querySelector("[data-tool-message]");
  const saveBox = tools.elements.save_locally;
  const shareBox = tools.querySelector("[data-share]");
  const shareOutput = tools.elements.share_link;
  let lastResult = null;
  let record = null;

  const calculator = startCalculator(root, {
    onResult(result, scenario) {
      lastResult = result.errors ? null : result;
      tools.elements.calendar.disabled = !lastResult?.credentials.length;
      if (saveBox.checked) saveLocally(scenario);
      record?.showResult(result, scenario);
    },
    onFieldsToFix: () => record?.showResult(null),
  });
  // The record's messages go beside the tools (its box, the audit pack); `append`: what it adds to a load's report.
  record = startRecord(root, calculator, (text, { append = false } = {}) => (append ? report.append(el("p", {}, text)) : say(text)));

  /** Saves in localStorage; when the browser refuses (storage full, private mode) says so, unticks
   * the box and leaves the form as it is. True when saved. */
  function saveLocally(scenario) {
    try {
      localSave.save(scenario);
      return true;
    } catch (error) {
      if (!(error instanceof DOMException)) throw error;
      saveBox.checked = false;
      say("Could not save in this browser: its storage is full or blocked (as in private browsing). "
        + "Your entries are still on this page; Export JSON keeps them in a file.");
      return false;
    }
  }

  /** What the tools did, beside them (a live region). */
  function say(...parts) {
    toolMessage.replaceChildren(...parts);
  }

  /** Runs fn; a saved-scenario or storage problem gives its message (to `problems`, else said) and null. */
  function guard(fn, problems = null) {
    try {
      return fn();
    } catch (error) {
      let message;
      if (error instanceof SavedScenarioError) message = error.message;
      else if (error instanceof DOMException) message = `This browser does not allow saving here (${error.message}).`;
      else throw error;
      if (problems) problems.push(message);
      else say(message);
      return null;
    }
  }

  /** A button that puts `previous` back on the form (and in the local save, when it was there). */
  function undoButton(label, previous, { wasSaved = false, where = report } = {}) {
    const button = el("button", { type: "button" }, label);
    button.addEventListener("click", () => {
      calculator.load(previous);
      if (wasSaved) saveBox.checked = saveLocally(previous);
      where.replaceChildren(el("p", {}, "Your earlier entries are back."));
    });
    return button;
  }

  /** The line for an older save or link: shown for today; one click shows the day it was saved on. */
  function savedDayLine(savedOn) {
    const line = el("p", {}, `Saved on ${longDate(savedOn)}; shown for today. `);
    const button = el("button", { type: "button" }, `See ${longDate(savedOn)} instead`);
    button.addEventListener("click", () => {
      calculator.setAsOf(savedOn);
      line.replaceChildren(`Shown for ${longDate(savedOn)}, the day it was saved on ("Back to today" beside the date returns to today).`);
    });
    line.append(button);
    return line;
  }

  function notShownList(items) {
    const list = (some) => el("ul", {}, some.map((item) => el("li", {}, item)));
    const rest = items.length > LISTED
      ? el("details", {}, el("summary", {}, `${items.length - LISTED} more`), list(items.slice(LISTED))) : "";
    return [el("p", {}, "Kept as it is, though the form does not show it (it stays in what you save, export or share):"),
      list(items.slice(0, LISTED)), rest];
  }

  /**
   * Shows a loaded {scenario, savedOn} and says so at the top, after `problems` (what could not be read on
   * the way). The entries it replaces, if any, stay a click away.
   */
  function load({ scenario, savedOn }, done, problems = []) {
    const previous = calculator.read();
    const wasSaved = saveBox.checked;
    const notShown = calculator.load(scenario);
    report.replaceChildren(...problems.map((text) => el("p", {}, text)), el("p", {}, done),
      savedOn ? savedDayLine(savedOn) : "", ...(notShown.length ? notShownList(notShown) : []),
      hasEntries(previous) ? undoButton("Back to the entries you had", previous, { wasSaved }) : "");
  }

  /** Loads the share link in the address, if any; true when it did. A damaged one is said, with what the form keeps. */
  function loadFromFragment(problems = null) {
    const found = [];
    const shared = guard(() => scenarioFromFragment(location.hash), found);
    if (shared) load(shared, "Loaded the scenario from the link.");
    if (found.length && problems) problems.push(...found.map((text) => `${text} Nothing was loaded from it.`));
    else if (found.length) report.replaceChildren(el("p", {}, `${found[0]} Nothing was loaded from it; the form keeps what it held.`));
    return Boolean(shared);
  }

  /** The first scenario: from a share link, else the local save, else an empty form; then the record
   * kept on this device, unless a share link is shown. */
  function start() {
    record.start({ shared: startScenario() });
  }

  /** Loads the share link, else the local save, else an empty form; true when a share link was loaded. */
  function startScenario() {
    const problems = [];
    if (loadFromFragment(problems)) return true;
    const unreadable = [];
    const saved = guard(() => localSave.load(), unreadable);
    if (unreadable.length) problems.push(...unreadable, "It is left as it is in this browser until you save again or clear.");
    saveBox.checked = Boolean(saved);
    if (saved) {
      load(saved, "Restored the scenario saved in this browser.", problems);
      return false;
    }
    calculator.load({});
    if (problems.length) report.replaceChildren(...[...problems, "The form starts empty."].map((text) => el("p", {}, text)));
    return false;
  }

  saveBox.addEventListener("change", () => guard(() => {
    if (saveBox.checked) {
      if (saveLocally(calculator.read())) say("Saved in this browser only. It stays on this device until you clear it.");
    } else {
      localSave.clear();
      say("Removed the scenario saved in this browser.");
    }
  }));

  function clear() {
    const previous = calculator.read();
    const wasSaved = saveBox.checked;
    guard(() => localSave.clear());
    saveBox.checked = false;
    history.replaceState(null, "", location.pathname);
    shareBox.hidden = true;
    calculator.load({});
    report.replaceChildren();
    say("Cleared the form and anything saved in this browser. ",
      undoButton("Undo", previous, { wasSaved, where: toolMessage }));
  }

  tools.addEventListener("click", (event) => {
    const action = event.target.closest("button")?.name;
    if (action === "clear") {
      clear();
    } else if (action === "export") {
      download("recertification.json", "application/json", pack(calculator.read()));
    } else if (action === "share") {
      const link = shareLink(calculator.read());
      history.replaceState(null, "", link);
      shareOutput.value = link;
      shareBox.hidden = false;
      shareOutput.select();
      navigator.clipboard?.writeText(link).then(() => say("Link copied. It holds your scenario; share it only with people you trust."),
        () => say("Copy the link below. It holds your scenario; share it only with people you trust."));
    } else if (action === "calendar" && lastResult) {
      download("recertification.ics", "text/calendar", calendarFile(lastResult, calculator.nameOf,
        { cprValidUntil: calculator.read().cpr_aed?.valid_until }));
    }
  });

  tools.elements.import_file.addEventListener("change", async (event) => {
    const input = event.target;
    const [file] = input.files;
    if (!file) return;
    if (record.isPack(file)) {
      input.value = "";
      record.importPack(file);
      return;
    }
    const what = `"${file.name}"`;
    const problems = [];
    const small = guard(() => checkSize(file.size, what) ?? true, problems); // refused before it is read
    const text = small ? await file.text() : null;
    input.value = "";
    const loaded = text !== null && guard(() => unpack(text, what), problems);
    if (loaded) load(loaded, `Imported ${what}.`);
    else report.replaceChildren(el("p", {}, `${problems[0]} Nothing was imported; the form keeps what it held.`));
  });

  tools.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("hashchange", () => loadFromFragment());
  registerOffline(root.querySelector("[data-update]"));
  start();
}
