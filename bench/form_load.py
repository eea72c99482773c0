"""Loading a large record into the calculator: share links of 250, 1,000 and 5,000 activities, timed.

    .venv/bin/python bench/form_load.py [--runs 5] [--dist DIR]

Serves a build (dist/ by default; `.venv/bin/python build.py` first) with the project's server on
127.0.0.1, no emulated link: what is timed is the page's own work. Each run opens the calculator with a
share link: every size in one browser context (the caches warm after the first run), then 1 and 1,000
activities again, each run in a fresh context (a first visit). bench/probe.js-style marks, in page time (ms since navigation start), record when every activity is on the form, when the
rules are ready and when the page shows its answer. Writes its section of bench/results.md (between
its markers; bench/run.py keeps it) and prints it.
"""

import argparse
import json
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from buildlib.serving.server import SiteServer  # noqa: E402
from report import machine, verdict  # noqa: E402
from scenarios import checked_scenario, share_fragment  # noqa: E402
from stats import median, spread  # noqa: E402
from visits import CHROMIUM_ARGS, launch  # noqa: E402

SIZES = [1, 250, 1000, 5000]  # 1: the page's own start, for comparison
FIRST_VISIT_SIZES = [1, 1000]  # also each in a fresh browser context: a first visit with the link
TARGET_MS = 1000  # 1,000 activities shown and answered within 1 s of ready (issue 27, point 2)
START, END = "<!-- bench/form_load.py: start -->", "<!-- bench/form_load.py: end -->"
# In page time: when the form holds `count` activities, when the rules are ready, when an answer shows.
MARKS = """
window.__load = {};
const mark = (name) => { window.__load[name] ??= performance.now(); };
window.addEventListener("recert:ready", () => mark("ready"));
let list, results; // found once: a look-up from the document's top on every mutation would grow with the rows
new MutationObserver(() => {
  list ??= document.querySelector("[data-activities]");
  results ??= document.querySelector("[data-results]");
  if (list?.childElementCount === window.__count) mark("shown");
  if (results?.querySelector("article")) mark("answered");
}).observe(document, { childList: true, subtree: true });
"""
TIMEOUT_S = 300
POLL_MS = 200  # the marks are read by polling them: a locator's wait would lay the page out while it works


def new_context(browser):
    context = browser.new_context()
    context.add_init_script(MARKS)
    return context


def open_link(context, url, count, fragment):
    """The marks of one visit to the calculator with a share link of `count` activities."""
    page = context.new_page()
    page.add_init_script(f"window.__count = {count};")
    page.goto(url + "/calculator/" + fragment, wait_until="commit")
    for _ in range(TIMEOUT_S * 1000 // POLL_MS):  # the answer may come before ready
        if len(marks := page.evaluate("({...window.__load})")) == 3:
            break
        page.wait_for_timeout(POLL_MS)
    else:
        raise SystemExit(f"bench: {count} activities: no answer after {TIMEOUT_S} s ({marks})")
    page.close()
    print(count, json.dumps({name: round(value) for name, value in marks.items()}), flush=True)
    return marks


def measure(browser, url, runs):
    """{visit: {count: [marks of each run]}}: every size in one context (visits after the first find the
    site's files, its service worker and V8's compiled code kept), then FIRST_VISIT_SIZES each in a fresh one."""
    fragments = {count: share_fragment(checked_scenario(count)) for count in SIZES}
    context = new_context(browser)
    figures = {"repeat": {count: [open_link(context, url, count, fragments[count]) for _ in range(runs)] for count in SIZES}}
    context.close()
    figures["first"] = {count: [] for count in FIRST_VISIT_SIZES}
    for _ in range(runs):
        for count in FIRST_VISIT_SIZES:
            context = new_context(browser)
            figures["first"][count].append(open_link(context, url, count, fragments[count]))
            context.close()
    return figures


def table(figures):
    """When the activities are on the form, when the rules are ready (which, for requests sent before ready,
    can come after the answer), when the answer shows, and how much later than for one activity."""
    baseline = median([mark["answered"] for mark in figures[SIZES[0]]])
    rows = ["| activities | on the form | rules ready | answer shown | answer, beyond one activity's | within 1 s |",
            "|---:|---:|---:|---:|---:|---|"]
    for count, marks in figures.items():
        beyond = [mark["answered"] - baseline for mark in marks]
        target = verdict(median(beyond) <= TARGET_MS) if count == 1000 else ""
        times = [spread([mark[name] for mark in marks], " ms") for name in ["shown", "ready", "answered"]]
        rows.append(f"| {count:,} | {' | '.join(times)} | {spread(beyond, ' ms')} | {target} |")
    return rows


def section(figures, runs, chromium, load):
    return "\n".join([
        START, "## Loading a large record (`bench/form_load.py`)", "",
        f"A share link of N activities (three credentials), opened {runs} times per size (Chromium {chromium}, "
        f"headless; {machine()}); served on 127.0.0.1 with no emulated link. Page time in ms since navigation start, "
        "median (range). *Beyond one activity's*: the answer's time less the median for a one-activity link of the "
        "same table (the page's own start). "
        f"Load average (1 min) before / after: {load[0]:.1f} / {load[1]:.1f} (above 2, the CPU count, other work ran alongside).",
        "", "**Visits in one browser context**: from the second on, the site's files come from its caches and the "
        "service worker; from the third on, V8 starts from the wasm code it compiled and optimized before.", "",
        *table(figures["repeat"]), "", "**First visits**: each in a fresh browser context, nothing kept.", "",
        *table(figures["first"]), END])


def write(text, path):
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        new = old[:old.index(START)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)
    server = SiteServer(args.dist, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = os.getloadavg()[0]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        figures = measure(browser, server.url, args.runs)
        text = section(figures, args.runs, browser.version, (before, os.getloadavg()[0]))
        browser.close()
    server.shutdown()
    print(text)
    write(text, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
