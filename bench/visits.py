"""Driving headless Chromium (Playwright) through the visits the benchmark times.

bench/probe.js, injected before the page's scripts, records in page time (ms since navigation
start) when the form is filled and usable, recert:ready, and the first result shown.
"""

import shutil
import tempfile
import time
from pathlib import Path

from hosting import BASELINE_URL
from scenarios import checked_scenario, share_fragment

BENCH = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"  # Debian's build; Playwright's own download does not work here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_TIMEOUT_MS = 120_000  # any single wait; a run that hangs fails instead of running forever
PROBE = (BENCH / "probe.js").read_text(encoding="utf-8")
REPEAT_AFTER_S = (1, 10)  # repeat visits this long after the first visit's result
SW_READY = "navigator.serviceWorker.ready.then(() => true)"


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser):
    """A fresh browser profile in a folder of its own, so with a disk HTTP cache as a person's browser
    has: a plain Playwright context keeps its HTTP cache in memory, where the 9.6 MB wasm a host that
    compresses nothing sends does not fit, and the bare page's repeat visit would download it again."""
    folder = tempfile.mkdtemp(prefix="recert-bench-profile-")
    context = browser.browser_type.launch_persistent_context(folder, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context.on("close", lambda _: shutil.rmtree(folder, ignore_errors=True))
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(PROBE)
    return context


def calculator_url(base):
    return base + "/calculator/" + share_fragment(checked_scenario(1))


def visit_calculator(context, url):
    """One visit with a share link: types into a form field as soon as the page's script has made it,
    then waits for the page's own result (or its failure message). Returns (page, marks)."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator("[data-activity] [name=title]").first.fill(page.evaluate("window.__bench.TYPED"))
    # Selectors, not wait_for_function: the site's CSP forbids eval.
    page.locator("[data-results] article, [data-recert-status][data-state=failed]").first.wait_for()
    wall = time.monotonic()  # when the result was seen, for the ledger
    # Requests sent before ready (the share link's) are answered first: ready may come after the result.
    page.locator("[data-recert-status]:is([data-state=ready], [data-state=failed])").first.wait_for(state="attached")
    found = page.evaluate("({...window.__bench.marks})")
    if "result" not in found:
        found["failed"] = page.locator("[data-recert-status]").inner_text().strip()
    found["runtime"] = page.evaluate("window.Recert.runtime ?? null")
    found["controlled"] = page.evaluate("Boolean(navigator.serviceWorker.controller)")
    found["wall"] = wall
    return page, found


def visit_baseline(context, url):
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator("[data-baseline]", has_text="1+1 =").wait_for()
    found = {"result": page.evaluate("window.baseline.at"), "version": page.evaluate("window.baseline.version")}
    page.close()
    return found


def baseline_visits(browser, base):
    """The bare page: first visit in a fresh context, then a repeat (HTTP cache warm) after REPEAT_AFTER_S[0]."""
    context = new_context(browser)
    first = visit_baseline(context, base + BASELINE_URL)
    time.sleep(REPEAT_AFTER_S[0])
    repeat = visit_baseline(context, base + BASELINE_URL)
    context.close()
    return {"first": first, "repeat": repeat}


def calculator_visits(browser, base, ledger, link, after_s, offline=False):
    """A first visit in a fresh context; `after_s` seconds after its result the page is closed and a
    repeat visit opens (a new page, so a new worker). The ledger entries from the navigation until the
    repeat visit are the first visit's bytes. With offline=True, one more visit with the network off."""
    url = calculator_url(base)
    context = new_context(browser)
    start, link_start = len(ledger), link.bytes_down if link else 0
    page, first = visit_calculator(context, url)
    time.sleep(max(0.0, first["wall"] + after_s - time.monotonic()))
    first["entries"] = ledger[start:]
    first["after_s"] = after_s
    first["link_bytes"] = link.bytes_down - link_start if link else None
    page.close()
    page, repeat = visit_calculator(context, url)
    repeat["new_runtime"] = repeat["runtime"] != first["runtime"]
    visits = {"first": first, f"repeat {after_s} s after": repeat}
    if offline:
        page.evaluate(SW_READY)
        page.close()
        context.set_offline(True)
        before = len(ledger)
        page, found = visit_calculator(context, url)
        found["server_paths"] = sorted({entry["path"] for entry in ledger[before:]})
        visits["offline"] = found
    page.close()
    context.close()
    return visits


def measure_visits(browser, base, ledger, link, runs):
    """Baseline and calculator visits, interleaved run by run so drift hits both alike.
    Returns a list of runs: {"baseline": {first, repeat}, "calculator": [visits 1 s, visits 10 s]}."""
    samples = []
    for i in range(runs):
        run = {"baseline": baseline_visits(browser, base),
               "calculator": [calculator_visits(browser, base, ledger, link, after, offline=after == REPEAT_AFTER_S[-1])
                              for after in REPEAT_AFTER_S]}
        samples.append(run)
        figures = [f"bare {kind} {found['result']:.0f}" for kind, found in run["baseline"].items()]
        for visits in run["calculator"]:
            figures += [f"{kind} " + (f"{found['result']:.0f}" if "result" in found else "FAILED")
                        for kind, found in visits.items()]
        print(f"    run {i + 1} (ms): " + "; ".join(figures), flush=True)
    return samples
