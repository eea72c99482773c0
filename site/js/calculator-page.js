// /calculator/: the calculator plus what a person keeps of it: the opt-in local save,
// export/import files, share links, a calendar file, and offline use.
import { startCalculator } from "/js/calculator/app.js";
import { calendarFile } from "/js/calculator/calendar.js";
import { download, today } from "/js/calculator/dom.js";
import { registerOffline } from "/js/calculator/offline.js";
import {
  SavedScenarioError, localSave, pack, scenarioFromFragment, shareLink, unpack,
} from "/js/calculator/saved-scenario.js";
import { startRecord } from "/js/record/record.js";

/** Starts the page's calculator and its tools inside `root` (the page's [data-calculator]). */
export function startCalculatorPage(root) {
  const tools = root.querySelector("[data-tools]");
  const message = root.querySelector("[data-message]");
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
  });
  record = startRecord(root, calculator, say);

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

  /** Shows text in the page's message area (a live region); `append` keeps what is there. */
  function say(text, { append = false } = {}) {
    message.textContent = append && message.textContent ? `${message.textContent} ${text}` : text;
  }

  /** Runs fn; a saved-scenario or storage problem becomes a message and the form stays as it is. */
  function guard(fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof SavedScenarioError) say(error.message);
      else if (error instanceof DOMException) say(`This browser does not allow saving here (${error.message}).`);
      else throw error;
      return null;
    }
  }

  function load(scenario, done, options) {
    const skipped = calculator.load(scenario);
    const unknown = skipped.length ? ` Not shown, as this calculator does not know it: ${skipped.join(", ")}.` : "";
    say(done + unknown, options);
  }

  const emptyScenario = () => ({ as_of: today(), credentials: [], cpr_aed: null, activities: [] });

  function loadFromFragment() {
    const shared = guard(() => scenarioFromFragment(location.hash));
    if (shared) load(shared, "Loaded the scenario from the link.");
    return Boolean(shared);
  }

  /** The first scenario: from a share link, else the local save, else an empty form; then the record
   * kept on this device, unless a share link is shown. */
  function start() {
    const shared = loadFromFragment();
    if (!shared) {
      const saved = guard(() => localSave.load());
      saveBox.checked = Boolean(saved);
      if (saved) load(saved, "Restored the scenario saved in this browser.", { append: true });
      else calculator.load(emptyScenario());
    }
    record.start({ shared });
  }

  saveBox.addEventListener("change", () => guard(() => {
    if (saveBox.checked) {
      if (saveLocally(calculator.read())) say("Saved in this browser only. It stays on this device until you clear it.");
    } else {
      localSave.clear();
      say("Removed the scenario saved in this browser.");
    }
  }));

  tools.addEventListener("click", (event) => {
    const action = event.target.closest("button")?.name;
    if (action === "clear") {
      guard(() => localSave.clear());
      saveBox.checked = false;
      history.replaceState(null, "", location.pathname);
      shareBox.hidden = true;
      load(emptyScenario(), "Cleared the form and anything saved in this browser.");
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
    const text = await file.text();
    input.value = "";
    const scenario = guard(() => unpack(text, `"${file.name}"`));
    if (scenario) load(scenario, `Imported "${file.name}".`);
  });

  tools.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("hashchange", loadFromFragment);
  registerOffline(root.querySelector("[data-update]"));
  start();
}
