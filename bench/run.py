"""The benchmark: page load, evaluation latency, bytes and build time, measured side by side.

    .venv/bin/python bench/run.py [--runs 5]

Builds the site into its own temporary folder (so a concurrent `build.py` rewriting dist/
cannot change it mid-run; that build is also the "real site" build-time figure), adds a
bare baseline page that only loads the same Pyodide, serves it with the project's server
(buildlib.server) on 127.0.0.1, drives Debian's headless Chromium with Playwright, prints
a table and writes it to bench/results.md. See bench/README.md for what each figure means.
"""

import argparse
import base64
import datetime
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

import brotli
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculator  # noqa: E402
from buildlib.server import SiteRequestHandler, SiteServer  # noqa: E402

BENCH = ROOT / "bench"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"  # Debian's build; Playwright's own download does not work here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_TIMEOUT_MS = 120_000  # any single wait; a run that hangs fails instead of running forever
EVAL_CALLS = 30
EVAL_SIZES = [1, 100, 1000]
SETTLE_MS = 3000  # the second round of evaluation latency waits this long first
GENERATED_PAGES = [100, 300, 1000]
BASELINE_URL = "/bench-baseline/"
CONTENT_PAGE_URL = "/nsca/faq/"
PYODIDE_PATHS = ("/pyodide/", "/assets/runtime/")  # Pyodide itself; the memory snapshot and its stdlib
AS_OF = "2026-11-23"


# ---------------------------------------------------------------- scenarios

ACTIVITY_KINDS = [
    {"type": "event", "hours": 3},
    {"type": "online_course", "hours": 2, "approved": True},
    {"type": "personal_development", "hours": 1},
    {"type": "quiz", "score": 85, "ceus": 0.2},
]


def scenario(activities):
    """A valid scenario: three credentials (one per organization) and `activities` activities."""
    start = datetime.date(2024, 1, 10)
    return {
        "as_of": AS_OF,
        "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None},
                        {"id": "nasm-cpt", "certified_on": "2020-05-01", "expires_on": None},
                        {"id": "acsm-cpt", "certified_on": "2021-03-15", "expires_on": None}],
        "cpr_aed": {"valid_until": "2027-05-01", "hands_on_skills": True},
        "activities": [{"title": f"Activity {i + 1}",
                        "date": (start + datetime.timedelta(days=i % 900)).isoformat(),
                        **ACTIVITY_KINDS[i % len(ACTIVITY_KINDS)]} for i in range(activities)],
        "memberships": ["nsca"],
    }


def checked_scenario(activities):
    """scenario(activities), after the rules (in this process) accept it."""
    data = scenario(activities)
    result = calculator.evaluate(data)
    if "errors" in result:
        raise SystemExit(f"bench: generated scenario is invalid: {result['errors'][:3]}")
    return data


def share_fragment(data):
    """The calculator's share-link fragment (#s=<base64url of the JSON>) for a scenario."""
    code = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"#s={code}"


# ---------------------------------------------------------------- statistics

def median(values):
    return statistics.median(values)


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


# ---------------------------------------------------------------- builds

def timed_build(content_dir, out_dir):
    """Runs build.py as a child process: (seconds, peak RSS in MB), or exits on failure."""
    command = [PYTHON, str(ROOT / "build.py"), "--out", str(out_dir)]
    if content_dir:
        command += ["--content", str(content_dir)]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def generate_content(target, pages):
    """The real content plus `pages` generated pages under /gen/, linking to each other."""
    shutil.copytree(ROOT / "content", target)
    folder = target / "gen"
    folder.mkdir()
    for i in range(pages):
        links = " ".join(f"[page {j}](/gen/page-{j:04d}/)" for j in ((i + 1) % pages, (i * 7 + 3) % pages))
        (folder / f"page-{i:04d}.md").write_text(
            f"---\ntitle: Generated page {i}\ndescription: Benchmark page {i} of {pages}.\n"
            f"checked: 2026-11-01\n---\n\n## Section one\n\nSee {links} and [the FAQ](/nsca/faq/).\n\n"
            + "Continuing education keeps a credential current. " * 40
            + "\n\n## Section two\n\n| hours | CEUs |\n|---|---|\n| 10 | 1.0 |\n| 20 | 2.0 |\n",
            encoding="utf-8")


def measure_builds(work, runs, sizes):
    """Build time and peak memory: the real site, then real content plus 100/300/1000 pages.
    Returns {label: {seconds, peak_mb, all}}."""
    rows = {}
    configurations = [("real site", None)]
    for pages in sizes:
        content = work / f"content-{pages}"
        generate_content(content, pages)
        configurations.append((f"+{pages} generated pages", content))
    for label, content in configurations:
        samples = [fresh_build(content, work / "out") for _ in range(runs)]
        rows[label] = {"seconds": median(s for s, _ in samples), "peak_mb": max(m for _, m in samples),
                       "all": [s for s, _ in samples]}
        print(f"  build {label}: {rows[label]['seconds']:.2f} s", flush=True)
    return rows


def fresh_build(content_dir, out_dir):
    """timed_build into an out dir that does not exist yet; removes it afterwards."""
    try:
        return timed_build(content_dir, out_dir)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


# ---------------------------------------------------------------- server with a byte ledger

class LedgerHandler(SiteRequestHandler):
    """The project's handler, plus one ledger entry per response: what was sent and how."""

    ledger = None  # a list, set per server by serve()

    def send_response(self, code, message=None):
        self._entry = {"status": int(code), "sent": 0, "encoding": None}
        super().send_response(code, message)

    def send_header(self, keyword, value):
        entry = getattr(self, "_entry", None)
        if entry is not None and keyword.lower() == "content-length":
            entry["sent"] = int(value)
        if entry is not None and keyword.lower() == "content-encoding":
            entry["encoding"] = value
        super().send_header(keyword, value)

    def end_headers(self):
        entry = self.__dict__.pop("_entry", None)
        if entry is not None:
            cache_request = self.headers.get("Cache-Control", "") + self.headers.get("Pragma", "")
            self.ledger.append({**entry, "path": self.path.split("?")[0],
                                "accept_encoding": self.headers.get("Accept-Encoding", ""),
                                "reload": "no-cache" in cache_request})  # the service worker's cache: "reload"
        super().end_headers()


@contextmanager
def serve(site_dir):
    """The site on 127.0.0.1 at a free port, in a thread, like tests/e2e/conftest.py; yields the server."""
    os.environ["RECERT_QUIET_SERVER"] = "1"
    server = SiteServer(site_dir, port=0)
    handler = type("Handler", (LedgerHandler,), {"ledger": []})
    server.RequestHandlerClass = functools.partial(handler, directory=os.fspath(site_dir))
    server.ledger = handler.ledger
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def add_baseline_page(site_dir):
    shutil.copytree(BENCH / "baseline", site_dir / BASELINE_URL.strip("/"))


# ---------------------------------------------------------------- page visits

PROBE = (BENCH / "probe.js").read_text(encoding="utf-8")


def new_context(browser):
    context = browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(PROBE)
    return context


def marks(page):
    return page.evaluate("({...window.__bench.marks})")


def visit_calculator(context, url):
    """One visit to the calculator with a share link: types into a form field as soon as the
    page's script has created it, then waits for the page's own result panel (or its failure
    message). Returns (page, marks); marks["failed"] holds the page's message if it failed."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator("[data-activity] [name=title]").first.fill(page.evaluate("window.__bench.TYPED"))
    # Selectors, not wait_for_function: the site's CSP forbids eval.
    page.locator("[data-results] article, [data-recert-status][data-state=failed]").first.wait_for()
    found = marks(page)
    if "result" not in found:
        found["failed"] = page.locator("[data-recert-status]").inner_text().strip()
    found["runtime"] = page.evaluate("window.Recert.runtime ?? null")
    found["controlled"] = page.evaluate("Boolean(navigator.serviceWorker.controller)")
    return page, found


def visit_baseline(context, url):
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator("[data-baseline]", has_text="1+1 =").wait_for()
    found = {"result": page.evaluate("window.baseline.at"), "version": page.evaluate("window.baseline.version")}
    page.close()
    return found


def calculator_visits(browser, url, ledger):
    """First visit (fresh context); repeat visit (same context, HTTP cache and service worker
    warm, a new page so a new worker); offline (same context, network off). Returns {kind: marks}."""
    context = new_context(browser)
    page, first = visit_calculator(context, url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # precache done, worker active
    page.close()
    page, repeat = visit_calculator(context, url)
    page.close()
    context.set_offline(True)
    requests_before = len(ledger)
    page, offline = visit_calculator(context, url)
    offline["server_paths"] = sorted({entry["path"] for entry in ledger[requests_before:]})
    page.close()
    context.close()
    repeat["new_runtime"] = repeat["runtime"] != first["runtime"]
    return {"first": first, "repeat": repeat, "offline": offline}


def http_cache_visits(browser, url):
    """The repeat visit with the service worker blocked: only the HTTP cache is warm."""
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(PROBE)
    visit_calculator(context, url)[0].close()
    page, repeat = visit_calculator(context, url)
    context.close()
    return {"repeat (HTTP cache only)": repeat}


def baseline_visits(browser, url):
    context = new_context(browser)
    first = visit_baseline(context, url)
    repeat = visit_baseline(context, url)
    context.close()
    return {"first": first, "repeat": repeat}


def measure_visits(browser, base, ledger, runs):
    """Calculator and baseline visits, interleaved run by run so drift hits both alike.
    Returns a list of runs: {"baseline": {first, repeat}, "calculator": {kind: marks}}."""
    url = base + "/calculator/" + share_fragment(checked_scenario(1))
    samples = []
    for i in range(runs):
        run = {"baseline": baseline_visits(browser, base + BASELINE_URL),
               "calculator": {**calculator_visits(browser, url, ledger), **http_cache_visits(browser, url)}}
        samples.append(run)
        figures = [f"baseline {kind} {run['baseline'][kind]['result']:.0f} ms" for kind in run["baseline"]]
        figures += [f"{kind} " + (f"{found['result']:.0f} ms" if "result" in found else "FAILED")
                    for kind, found in run["calculator"].items()]
        print(f"  run {i + 1}: " + "; ".join(figures), flush=True)
    return samples


# ---------------------------------------------------------------- evaluation latency

EVALUATE_LOOP = """async ([data, calls]) => {
  await Recert.ready;
  for (let i = 0; i < 3; i++) await Recert.evaluate(data);  // warm-up
  const times = [];
  let result;
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    result = await Recert.evaluate(data);
    times.push(performance.now() - start);
  }
  return { times, errors: result.errors ?? null };
}"""


def native_evaluate_ms(data, calls):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        calculator.evaluate_json(json.dumps(data))
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_eval_latency(browser, base):
    """Recert.evaluate round trips (page -> worker -> Python -> page) for 1, 100, 1000 activities."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base + "/calculator/")
    rows = {}
    for size in EVAL_SIZES:
        data = checked_scenario(size)
        answer = page.evaluate(EVALUATE_LOOP, [data, EVAL_CALLS])
        if answer["errors"]:
            raise SystemExit(f"bench: the browser rejected the {size}-activity scenario: {answer['errors'][:3]}")
        native = native_evaluate_ms(data, EVAL_CALLS)
        rows[size] = {"p50": percentile(answer["times"], 0.5), "p95": percentile(answer["times"], 0.95),
                      "native_p50": percentile(native, 0.5)}
    # The same again once the page has been open a while: V8 optimizes the interpreter's hot wasm
    # functions only after they have run for some time, and a runtime started from a memory
    # snapshot has run very little when recert:ready fires.
    page.wait_for_timeout(SETTLE_MS)
    for size in EVAL_SIZES:
        answer = page.evaluate(EVALUATE_LOOP, [checked_scenario(size), EVAL_CALLS])
        rows[size]["settled_p50"] = percentile(answer["times"], 0.5)
    context.close()
    return rows


# ---------------------------------------------------------------- bytes transferred

@functools.cache
def compressed_sizes(path):
    """(gzip -9, brotli -q 9) sizes of a file: what precompressed copies would send."""
    data = Path(path).read_bytes()
    return len(zlib.compress(data, 9)) + 18, len(brotli.compress(data, quality=9))


def file_for(site_dir, url_path):
    target = site_dir / url_path.lstrip("/")
    return target / "index.html" if target.is_dir() else target


def tally(entries, site_dir, after_ready=float("inf")):
    """Sums a slice of the server's ledger: bytes sent, their uncompressed size, the compressed estimates.
    Entries from index `after_ready` on came after recert:ready (the page registers its service worker
    then): they count as the precache, as does any request that bypassed the HTTP cache."""
    total = {"requests": 0, "sent": 0, "raw": 0, "gzip": 0, "br": 0, "pyodide": 0, "encodings": set(),
             "precache_sent": 0, "accept": set(), "revalidated": 0}
    for index, entry in enumerate(entries):
        if entry["status"] == 304:
            total["revalidated"] += 1
        if entry["status"] != 200:
            continue
        file = file_for(site_dir, entry["path"])
        raw = file.stat().st_size if file.is_file() else entry["sent"]
        gz, br = compressed_sizes(file) if file.is_file() else (entry["sent"], entry["sent"])
        total["requests"] += 1
        total["sent"] += entry["sent"]
        total["raw"] += raw
        total["gzip"] += gz
        total["br"] += br
        total["encodings"].add(entry["encoding"] or "none")
        total["accept"].add(entry["accept_encoding"])
        if entry["path"].startswith(PYODIDE_PATHS):
            total["pyodide"] += entry["sent"]
        if entry["reload"] or index >= after_ready:
            total["precache_sent"] += entry["sent"]
    return total


def measure_transfer(browser, base, ledger, site_dir):
    """Bytes the server sent for a first visit to the calculator (until the service worker is
    ready, so its precache is included) and to a content page (until the network is idle)."""
    url = base + "/calculator/" + share_fragment(checked_scenario(1))
    results = {}
    for label, visit in [("calculator", lambda c: visit_calculator(c, url)[0]), ("content", None)]:
        context = new_context(browser)
        start = len(ledger)
        ready = float("inf")
        if visit:
            page = visit(context)
            page.evaluate("Recert.ready")
            ready = len(ledger) - start
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        else:
            page = context.new_page()
            page.goto(base + CONTENT_PAGE_URL, wait_until="networkidle")
        page.wait_for_timeout(500)  # stragglers
        results[label] = tally(ledger[start:], site_dir, ready)
        context.close()
    return results


# ---------------------------------------------------------------- report

def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GiB memory, {platform.platform()}"


def verdict(ok):
    return "PASS" if ok else "MISS"


def mb(value):
    return f"{value / 1e6:.2f} MB"


def kb(value):
    return f"{value / 1e3:.1f} kB"


VISIT_TARGETS = {  # kind: (baseline visit it is compared with, largest ratio allowed or None)
    "first": ("first", 0.5),
    "repeat": ("repeat", 0.3),
    "repeat (HTTP cache only)": ("repeat", None),
    "offline": ("repeat", None),
}
VISIT_MARKS = [("typed", "form usable (typed input handled)"), ("form", "form filled by the page's script"),
               ("ready", "`recert:ready`"), ("result", "first result shown")]


def visit_row(kind, runs, baseline):
    """A table row and the target checks for one kind of calculator visit."""
    found = [run["calculator"][kind] for run in runs]
    compared_with, limit = VISIT_TARGETS[kind]
    reference = median(run["baseline"][compared_with]["result"] for run in runs)
    failures = [f for f in found if "failed" in f]
    cells = []
    for mark, _ in VISIT_MARKS:
        values = [f[mark] for f in found if mark in f]
        cells.append(f"{median(values):.0f} ms" if len(values) == len(found) else
                     (f"{median(values):.0f} ms ({len(values)}/{len(found)} runs)" if values else "—"))
    checks = []
    typed = [f["typed"] for f in found if "typed" in f]
    if typed:
        checks.append((f"{kind} visit: form usable ≤ 200 ms", median(typed) <= 200, f"{median(typed):.0f} ms"))
    if failures:
        ratio_cell = f"FAILED in {len(failures)}/{len(found)} runs: {failures[0]['failed']}"
        if limit:
            checks.append((f"{kind} visit to first result ≤ {limit}× baseline {compared_with}", False, "failed"))
    else:
        ratio = median(f["result"] for f in found) / reference
        ratio_cell = f"{ratio:.2f}× baseline {compared_with}"
        if limit:
            ratio_cell += f" (target ≤ {limit}×: {verdict(ratio <= limit)})"
            checks.append((f"{kind} visit to first result ≤ {limit}× baseline {compared_with}", ratio <= limit,
                           f"{ratio:.2f}×"))
    return f"| {kind} | {' | '.join(cells)} | {ratio_cell} |", checks


def visit_table(runs):
    baseline = {kind: median(run["baseline"][kind]["result"] for run in runs) for kind in ["first", "repeat"]}
    lines = [f"Baseline (bare page, same server, `loadPyodide()` then `1+1`): first visit {baseline['first']:.0f} ms,"
             f" repeat visit (HTTP cache warm) {baseline['repeat']:.0f} ms.", "",
             "| calculator visit | " + " | ".join(label for _, label in VISIT_MARKS) + " | first result ÷ baseline |",
             "|---|" + "---|" * (len(VISIT_MARKS) + 1)]
    checks = []
    for kind in VISIT_TARGETS:
        row, row_checks = visit_row(kind, runs, baseline)
        lines.append(row)
        checks += row_checks
    offline_paths = sorted(set().union(*(run["calculator"]["offline"]["server_paths"] for run in runs)))
    repeats = [run["calculator"]["repeat"] for run in runs]
    lines += ["", "Requests that reached the server during offline visits: "
              f"{', '.join(offline_paths) or 'none'} (Playwright's offline mode may not cover every worker). "
              f"Repeat visits controlled by the service worker: {sum(r['controlled'] for r in repeats)}/{len(runs)};"
              f" with a new worker (Python runtime) of their own: {sum(r['new_runtime'] for r in repeats)}/{len(runs)}.",
              f"Figures are ms since navigation start, medians of {len(runs)} runs. Every run (first result, ms):"]
    for kind in ["first", "repeat"]:
        lines.append(f"- baseline {kind}: " + ", ".join(f"{run['baseline'][kind]['result']:.0f}" for run in runs))
    for kind in VISIT_TARGETS:
        lines.append(f"- calculator {kind}: " + ", ".join(
            f"{run['calculator'][kind]['result']:.0f}" if "result" in run["calculator"][kind] else "failed"
            for run in runs))
    return lines, checks


def eval_table(rows):
    lines = ["| activities | p50 (from `recert:ready` on) | p95 | p50 once the page has been open"
             f" {SETTLE_MS / 1000:.0f} s more | native CPython p50 (same code, this process) |", "|---|---|---|---|---|"]
    for size, row in rows.items():
        lines.append(f"| {size} | {row['p50']:.1f} ms | {row['p95']:.1f} ms | {row['settled_p50']:.1f} ms |"
                     f" {row['native_p50']:.2f} ms |")
    check = ("eval p50 < 5 ms at 100 activities", rows[100]["p50"] < 5, f"{rows[100]['p50']:.1f} ms")
    return lines, [check]


def transfer_table(results):
    lines = ["| page | requests | sent (as served) | uncompressed | if precompressed gzip -9 | if brotli -q 9 |"
             " of it Pyodide (with the snapshot) | of it after `recert:ready` (service-worker precache) |"
             " revalidated (304) | Content-Encoding sent |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for label, t in results.items():
        lines.append(f"| {label} | {t['requests']} | {mb(t['sent'])} | {mb(t['raw'])} | {mb(t['gzip'])} |"
                     f" {mb(t['br'])} | {mb(t['pyodide'])} | {mb(t['precache_sent'])} | {t['revalidated']} |"
                     f" {', '.join(sorted(t['encodings']))} |")
    accepted = sorted(set().union(*(t["accept"] for t in results.values())) - {""})
    lines.append("")
    lines.append(f"Chromium sent Accept-Encoding: {' / '.join(accepted) or '(none)'}.")
    calc, content = results["calculator"], results["content"]
    checks = [("content page: no Pyodide bytes", content["pyodide"] == 0, kb(content["pyodide"])),
              ("content page < 50 kB transferred", content["sent"] < 50_000, kb(content["sent"])),
              ("calculator first visit < 6 MB on the wire", calc["sent"] < 6e6, mb(calc["sent"]))]
    return lines, checks


def build_table(rows):
    lines = ["| build | median time | all runs | peak RSS |", "|---|---|---|---|"]
    for label, row in rows.items():
        lines.append(f"| {label} | {row['seconds']:.2f} s | {', '.join(f'{s:.2f}' for s in row['all'])} |"
                     f" {row['peak_mb']:.0f} MB |")
    real = rows["real site"]["seconds"]
    generated = [(int(label.split()[0][1:]), row["seconds"]) for label, row in rows.items() if label != "real site"]
    if not generated:
        return lines, []
    lines.append("")
    lines.append("Marginal cost per generated page (time above the real site ÷ pages): "
                 + ", ".join(f"{pages}: {(seconds - real) / pages * 1000:.1f} ms" for pages, seconds in generated)
                 + " (equal figures mean linear growth).")
    pages, seconds = generated[-1]
    return lines, [(f"{pages:,}-page build < 10 s", seconds < 10, f"{seconds:.2f} s")]


def report(context, sections):
    lines = ["# Benchmark results", "", "Written by `.venv/bin/python bench/run.py`; numbers are from one run of it.", ""]
    lines += [f"- {key}: {value}" for key, value in context.items()]
    all_checks = []
    for title, (table, checks) in sections:
        lines += ["", f"## {title}", "", *table]
        all_checks += checks
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, ok, value in all_checks]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- main

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (at least 5 for the record)")
    parser.add_argument("--skip-generated", action="store_true", help=argparse.SUPPRESS)  # while editing this file
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_before = os.getloadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="recert-bench-") as tmp:
        work = Path(tmp)
        print("Builds", flush=True)
        builds = measure_builds(work, args.runs, GENERATED_PAGES if not args.skip_generated else [])
        site_dir = work / "site"
        timed_build(None, site_dir)
        add_baseline_page(site_dir)
        with serve(site_dir) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print("Visits", flush=True)
            visits = measure_visits(browser, server.url, server.ledger, args.runs)
            print("Evaluation latency", flush=True)
            evals = measure_eval_latency(browser, server.url)
            print("Bytes transferred", flush=True)
            transfer = measure_transfer(browser, server.url, server.ledger, site_dir)
            chromium_version = browser.version
            browser.close()
    load_after = os.getloadavg()
    pyodide_version = visits[0]["baseline"]["first"]["version"]
    context = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "Chromium": f"{chromium_version} (headless, {CHROMIUM})",
        "Pyodide": f"{pyodide_version} (self-hosted from node_modules/pyodide)",
        "runs": f"{args.runs} per figure; the whole benchmark took {time.perf_counter() - started:.0f} s",
        "load average (1 min) before / after": f"{load_before[0]:.1f} / {load_after[0]:.1f}"
                                               " (above the CPU count means other work, e.g. tests, ran alongside)",
        "git": subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip(),
    }
    sections = [
        ("Page visits: time to first result (ms since navigation start)", visit_table(visits)),
        (f"Evaluation latency: `Recert.evaluate` round trip in the browser ({EVAL_CALLS} calls each)",
         eval_table(evals)),
        ("Bytes transferred (counted by the server)", transfer_table(transfer)),
        ("Build time (`build.py --content DIR --out DIR`, fresh out dir each run)", build_table(builds)),
    ]
    text = report(context, sections)
    print()
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"Written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
