"""The record on this device at its size in a long career: 300 activities with 300 certificates (about 150 MB).

    .venv/bin/python bench/record.py [--runs 5] [--activities 300] [--certificate-kb 500] [--site DIR]

Builds the site into a temporary folder (or takes --site), serves it with the project's server on
127.0.0.1 (no emulated link: everything measured here is on the device), and in one browser profile on
disk (a person's, with its HTTP cache and IndexedDB):
1. fills the record through IndexedDB (the store's schema: site/js/record/store.js), random bytes for
   each certificate, and visits the calculator once so its files are cached;
2. --runs times: restarts the browser on that profile and opens /calculator/; records (ms since
   navigation start) when the record's rows are shown (the page's performance mark "recert:record-shown"),
   when the page next runs a task of its own (*usable*: from then on typed text is handled; input goes before
   timers), the long tasks of the 3 s that follow (the result for 300 activities is drawn), and when text
   Playwright types into the last activity's title reaches the document (Playwright acts through its own
   process and polls the page, so this figure carries its delays). bench/probe.js is not used: its
   selectors, run on every change to the page, cost more than the page itself with 300 activities;
3. on the last visit, writes the audit pack: the time from the click to the download, the progress
   bar's updates, and every long task (PerformanceObserver "longtask", over 50 ms) meanwhile; then
   checks the ZIP (each entry's CRC, the certificates' count and sizes).
Writes its section of bench/results.md (replacing an earlier one; bench/run.py rewrites the file
without it).
"""

import argparse
import datetime
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from buildlib.serving.server import SiteServer  # noqa: E402
from builds import timed_build  # noqa: E402
from report import machine  # noqa: E402
from stats import spread  # noqa: E402
from visits import CHROMIUM, CHROMIUM_ARGS, PAGE_TIMEOUT_MS  # noqa: E402

RESULTS = BENCH / "results.md"
SECTION = "## The record on this device (bench/record.py)"
TARGET_USABLE_MS = 1000
TARGET_LONG_TASK_MS = 200

# The store's schema (site/js/record/store.js): "meta" holds the scenario without its activities under
# "base", "activities" one entry per activity, "files" each certificate's Blob under its id.
FILL = """async ({ count, size }) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("recert-record", 1);
    request.onupgradeneeded = () => { for (const name of ["meta", "activities", "files"]) request.result.createObjectStore(name); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const put = (entries) => new Promise((resolve, reject) => {
    const transaction = db.transaction(["meta", "activities", "files"], "readwrite");
    for (const [store, value, key] of entries) transaction.objectStore(store).put(value, key);
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
  });
  await put([["meta", { as_of: "2026-11-23", credentials: [{ id: "nsca-cscs", certified_on: "2019-04-02", expires_on: null },
    { id: "nasm-cpt", certified_on: "2024-12-10", expires_on: null }], cpr_aed: { valid_until: "2027-05-01", hands_on_skills: true },
    memberships: [], options: {} }, "base"]]);
  const random = (bytes) => {
    const data = new Uint8Array(bytes);
    for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
    return data;
  };
  for (let first = 0; first < count; first += 10) {
    const entries = [];
    for (let index = first; index < Math.min(count, first + 10); index++) {
      const id = `activity-${index}`;
      const file = `certificate-${index}`;
      const day = new Date(Date.UTC(2024, 0, 1) + index * 86400000 * 3).toISOString().slice(0, 10);
      entries.push(["files", new Blob([random(size)], { type: "application/pdf" }), file]);
      entries.push(["activities", { id, position: index + 1, version: 1,
        activity: { title: `Course ${index + 1}`, date: day, type: "event", hours: 1 + (index % 8) },
        certificates: [{ id: file, name: `course-${index + 1}.pdf`, type: "application/pdf", size }] }, id]);
    }
    await put(entries);
  }
  db.close();
  localStorage.setItem("recert:record", "1");
}"""

WATCH_PACK = """() => {
  const seen = { longTasks: [], progress: 0, clickedAt: performance.now() };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= seen.clickedAt) seen.longTasks.push(Math.round(entry.duration));
    }
  }).observe({ type: "longtask", buffered: true });
  const bar = document.querySelector("[data-pack-progress]");
  new MutationObserver(() => { if (!bar.hidden) seen.progress += 1; }).observe(bar, { attributes: true, attributeFilter: ["value"] });
  window.__pack = seen;
}"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--certificate-kb", type=int, default=500, help="each certificate's size, in kB (1,000 bytes)")
    parser.add_argument("--site", type=Path, help="a built site to serve instead of building one")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def open_profile(playwright, folder):
    context = playwright.chromium.launch_persistent_context(folder, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(WATCH_START)
    return context


TYPED = "typed by the benchmark"
# In the page before its scripts: the record's rows shown, the next task, every long task, the typed text.
WATCH_START = """(() => {
  const seen = { longTasks: [] };
  window.__record = seen;
  document.addEventListener("input", (event) => {
    if (event.target.value === "%s" && seen.typed === undefined) seen.typed = performance.now();
  }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  const watch = new MutationObserver(() => {
    const [mark] = performance.getEntriesByName("recert:record-shown");
    if (!mark) return;
    watch.disconnect();
    seen.shown = mark.startTime;
    setTimeout(() => { seen.usable = performance.now(); }, 0);
  });
  watch.observe(document, { childList: true, subtree: true });
})();""" % TYPED
SETTLE_MS = 3000


def visit(context, url, count):
    """One visit after a browser restart: ms since navigation start to the record shown, usable and typed into."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator(f"[data-activities] > :nth-child({count}) [name=title]").fill(TYPED)  # its input event is marked
    page.wait_for_timeout(SETTLE_MS)
    seen = page.evaluate("window.__record")
    after = [duration for start, duration in seen["longTasks"] if start + duration > seen["shown"]]
    return page, {"shown": seen["shown"], "usable": seen["usable"], "typed": seen["typed"], "longest_after": max(after, default=0)}


def write_pack(page, folder, count, size):
    page.evaluate("Recert.ready")
    page.evaluate(WATCH_PACK)
    started = time.perf_counter()
    with page.expect_download(timeout=PAGE_TIMEOUT_MS) as info:
        page.click("[name=audit_pack]")  # (by role, Playwright's own search for the name is a long task)
    path = folder / "pack.zip"
    info.value.save_as(path)
    seconds = time.perf_counter() - started
    seen = page.evaluate("window.__pack")
    with zipfile.ZipFile(path) as pack:
        broken = pack.testzip()
        certificates = [entry for entry in pack.infolist() if entry.filename.startswith("certificates/")]
    assert broken is None, f"the audit pack's {broken} does not match its CRC"
    assert len(certificates) == count and all(entry.file_size == size for entry in certificates)
    return {"seconds": seconds, "bytes": path.stat().st_size, "long_tasks": seen["longTasks"], "progress": seen["progress"]}


def measure(site_dir, runs, count, size):
    os.environ["RECERT_QUIET_SERVER"] = "1"
    server = SiteServer(site_dir, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = server.url + "/calculator/"
    profile = Path(tempfile.mkdtemp(prefix="recert-bench-record-"))
    try:
        with sync_playwright() as playwright:
            context = open_profile(playwright, profile)
            page = context.new_page()
            page.goto(url)
            page.evaluate("Recert.ready")
            page.evaluate(FILL, {"count": count, "size": size})
            context.close()
            visits = []
            for run in range(runs):
                context = open_profile(playwright, profile)
                page, marks = visit(context, url, count)
                visits.append(marks)
                if run == runs - 1:
                    pack = write_pack(page, profile, count, size)
                context.close()
    finally:
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    return {"visits": visits, "pack": pack}


def section(figures, args, load):
    visits, pack = figures["visits"], figures["pack"]
    usable = [visit["usable"] for visit in visits]
    longest = max(pack["long_tasks"], default=0)
    mb = args.activities * args.certificate_kb / 1000
    return "\n".join([
        SECTION, "",
        f"{args.activities} activities, each with one certificate of {args.certificate_kb} kB (random bytes: "
        f"{mb:.0f} MB in IndexedDB), two credentials held. Served on 127.0.0.1 by buildlib.serving.server, no emulated "
        f"link; one browser profile on disk, the browser restarted before each visit ({args.runs} visits; the "
        "page's files come from its cache). Written by `bench/record.py` on "
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {machine()}; Chromium headless; load average "
        f"(1 min) before / after {load[0]:.1f} / {load[1]:.1f}.", "",
        "| figure | median (range) | target | |", "|---|---|---|---|",
        f"| the record's rows shown (ms since navigation start) | {spread(visit['shown'] for visit in visits)} | | |",
        f"| the form usable with them: the page's next task (ms) | {spread(usable)} | ≤ {TARGET_USABLE_MS} ms | "
        f"{'PASS' if max(usable) <= TARGET_USABLE_MS else 'MISS'} |",
        f"| longest task in the {SETTLE_MS / 1000:g} s after (the result drawn) | {spread(visit['longest_after'] for visit in visits)} ms | | |",
        f"| text typed by Playwright into the last activity reaches the page (ms) | {spread(visit['typed'] for visit in visits)} | | |",
        f"| audit pack: click to download | {pack['seconds']:.1f} s ({pack['bytes'] / 1e6:.0f} MB) | | |",
        f"| audit pack: progress bar updates | {pack['progress']} | shown | {'PASS' if pack['progress'] > 0 else 'MISS'} |",
        f"| audit pack: longest task (long tasks over 50 ms: {len(pack['long_tasks'])}) | {longest} ms | ≤ {TARGET_LONG_TASK_MS} ms | "
        f"{'PASS' if longest <= TARGET_LONG_TASK_MS else 'MISS'} |",
        "",
    ])


def write_section(path, text):
    """Replaces this script's section of the results file (from its heading to the next ## heading or
    another script's marker)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |^<!-- |\Z)", re.MULTILINE | re.DOTALL)
    new = pattern.sub(lambda _: text + "\n", old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv=None):
    args = parse_args(argv)
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="recert-bench-") as tmp:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            timed_build(None, site_dir)
        figures = measure(site_dir, args.runs, args.activities, args.certificate_kb * 1000)
    text = section(figures, args, (before, os.getloadavg()[0]))
    print(text)
    write_section(args.output, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
