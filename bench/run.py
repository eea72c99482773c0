"""The benchmark: the calculator against a bare Pyodide page on an emulated link, both kinds of
host; evaluation latency; bytes; snapshot reproducibility; build time.

    .venv/bin/python bench/run.py [--runs 5] [--link 20/40] [--hosts compressing,plain]

Builds the site into its own temporary folder (so a concurrent `build.py` rewriting dist/ cannot
change it mid-run), adds the bare page (bench/baseline), serves it with the project's server
(buildlib.serving.server, as each kind of host) behind an emulated link (buildlib.serving.link), drives Debian's
headless Chromium with Playwright, prints the report and writes it to bench/results.md.
See bench/README.md for what each figure means.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import report  # noqa: E402
from build import link_spec  # noqa: E402
from builds import measure_builds, timed_build  # noqa: E402
from hosting import add_baseline_page, serve  # noqa: E402
from latency import EVAL_CALLS, measure_eval_latency  # noqa: E402
from reproducible import snapshot_twice  # noqa: E402
from roster_speed import kept_section  # noqa: E402
from visits import CHROMIUM, launch, measure_visits, new_context  # noqa: E402

GENERATED_PAGES = [100, 300, 1000]
CONTENT_PAGE_URL = "/nsca/faq/"


def content_page_bytes(browser, base, ledger):
    context = new_context(browser)
    start = len(ledger)
    context.new_page().goto(base + CONTENT_PAGE_URL, wait_until="networkidle")
    context.close()
    entries = [entry for entry in ledger[start:] if entry["status"] == 200]
    return {"requests": len(entries), "sent": sum(entry["sent"] for entry in entries),
            "pyodide": sum(entry["sent"] for entry in entries if entry["path"].startswith(report.PYODIDE_PATHS))}


def pyodide_package_version():
    return json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]


MARKED = re.compile(r"<!-- (\S+): start -->.*?<!-- \1: end -->", re.DOTALL)


def kept(path):
    """What other bench scripts wrote into the results: their sections between <!-- ...: start/end --> markers,
    then the roster's (bench/roster_speed.py writes from its marker to the end; marked sections in it kept once)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marked = "".join(f"\n{match[0]}\n" for match in MARKED.finditer(old))
    roster = MARKED.sub("", kept_section(path)).rstrip("\n")
    return marked + (f"\n{roster}\n" if roster else "")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (at least 5 for the record)")
    parser.add_argument("--link", type=link_spec, default=(20.0, 40.0), metavar="MBPS/MS",
                        help="the emulated link (default 20/40: 20 Mbit/s shared, 40 ms round trip)")
    parser.add_argument("--hosts", default="compressing,plain", help="kinds of host, comma-separated")
    parser.add_argument("--skip", default="", help="sections to leave out, comma-separated: builds,visits,eval,snapshot")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    hosts = list(filter(None, args.hosts.split(",")))
    load_before = os.getloadavg()
    started = time.perf_counter()
    sections = []
    mbps, ms = args.link
    link_text = f"{mbps:g} Mbit/s shared by all connections, {ms:g} ms round trip"
    with tempfile.TemporaryDirectory(prefix="recert-bench-") as tmp:
        work = Path(tmp)
        builds = None
        if "builds" not in skip:
            print("Builds", flush=True)
            builds = measure_builds(work, args.runs, GENERATED_PAGES)
        site_dir = work / "site"
        timed_build(None, site_dir)
        add_baseline_page(site_dir)
        offline = report.offline_set(site_dir)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            runs = None
            for host in hosts if "visits" not in skip else []:
                print(f"Visits, {host} host", flush=True)
                with serve(site_dir, host, args.link) as (url, ledger, link):
                    runs = measure_visits(browser, url, ledger, link, args.runs)
                sections.append((f"Page visits, {host} host ({link_text}; ms since navigation start)",
                                 report.visit_table(host, runs)))
                sections.append((f"Bytes of a first visit and the seconds after it, {host} host (counted by the server)",
                                 report.bytes_table(host, runs, offline, mbps)))
            if "eval" not in skip:
                print("Evaluation latency", flush=True)
                with serve(site_dir, hosts[0], args.link) as (url, ledger, _):
                    sections.append((f"Evaluation latency: `Recert.evaluate` round trip in the browser, first visits"
                                     f" ({EVAL_CALLS} calls each, {hosts[0]} host)",
                                     report.eval_table(measure_eval_latency(browser, url, args.runs))))
                    sections.append(("A content page", report.content_table(content_page_bytes(browser, url, ledger))))
            chromium_version = browser.version
            pyodide_version = runs[0]["baseline"]["first"]["version"] if runs else pyodide_package_version()
            browser.close()
    if "snapshot" not in skip:
        print("Snapshot made twice", flush=True)
        sections.append(("Reproducible snapshot", report.reproducible_table(snapshot_twice())))
    if builds:
        sections.append(("Build time (`build.py --content DIR --out DIR`, fresh out dir each run)",
                         report.build_table(builds)))
    load_after = os.getloadavg()
    context = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": report.machine(),
        "Chromium": f"{chromium_version} (headless, {CHROMIUM})",
        "Pyodide": f"{pyodide_version} (self-hosted from node_modules/pyodide)",
        "link": f"emulated by buildlib.serving.link: {link_text}",
        "runs": f"{args.runs} per figure; the whole benchmark took {time.perf_counter() - started:.0f} s",
        "load average (1 min) before / after": f"{load_before[0]:.1f} / {load_after[0]:.1f}"
                                               " (above the CPU count means other work, e.g. tests, ran alongside)",
        "git": subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip(),
    }
    text = report.report(context, sections)
    print()
    print(text)
    args.output.write_text(text.rstrip("\n") + "\n" + kept(args.output), encoding="utf-8")
    print(f"Written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
