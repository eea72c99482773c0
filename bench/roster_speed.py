"""The roster's speed: 1,000 rows in the browser (from the upload to the table, right after
`Recert.ready`), and `python -m calculator roster` against one `python -m calculator check` per row.

    .venv/bin/python bench/roster_speed.py [--rows 1000] [--runs 5] [--checks 1000] [--dist DIR]

Builds the site into a temporary folder (or takes --dist), serves it on 127.0.0.1 with the project's
server (no emulated link: the files come from this machine; what is measured is the work after
ready), and writes its section of bench/results.md (bench/run.py keeps it).
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from buildlib.serving.server import SiteServer  # noqa: E402
from builds import timed_build  # noqa: E402
from calculator import roster, to_json  # noqa: E402
from stats import spread  # noqa: E402
from visits import launch  # noqa: E402

PYTHON = sys.executable
AS_OF = "2026-11-23"
SECTION = "<!-- bench/roster_speed.py writes from here to the end -->"
# The same work as the page's own: the upload, then the table with every row (and the message that says so).
UPLOAD_TO_TABLE = """async ([text, rows]) => {
  await window.Recert.ready;
  const started = performance.now();
  const input = document.querySelector("input[type=file]");
  const files = new DataTransfer();
  files.items.add(new File([text], "team.csv", { type: "text/csv" }));
  input.files = files.files;
  input.dispatchEvent(new Event("change"));
  await new Promise((resolve) => {
    const done = () => document.querySelectorAll("[data-rows] tr").length >= rows
      && document.querySelector("[data-message]").textContent.startsWith("Checked");
    const wait = () => (done() ? resolve() : requestAnimationFrame(wait));
    wait();
  });
  return performance.now() - started;
}"""


def team(rows, seed=1):
    """A roster of `rows` trainers: every organization, dates over ten years, some with CPR and units earned."""
    pick = random.Random(seed)
    written = ["NASM-CPT", "nsca-cscs", "Certified Strength and Conditioning Specialist", "ACSM-EP", "ace-cpt",
               "NCSF Certified Personal Trainer", "ISSA-CPT", "CSPS", "acsm-cpt"]
    lines = ["name,credential,certified_on,expires_on,renewed_through,cpr_valid_until,earned,location"]
    for i in range(rows):
        certified = datetime.date(2015, 1, 1) + datetime.timedelta(days=pick.randrange(3900))
        cpr = pick.choice(["", "2027-03-01", "2026-01-15"])
        earned = pick.choice(["", "0", "1", "2.5", "6", "10", "20"])
        lines.append(f"Trainer {i},{pick.choice(written)},{certified.isoformat()},,,{cpr},{earned},Studio {i % 7}")
    return "\n".join(lines) + "\n"


def browser_runs(site_dir, text, rows, runs):
    """ms from the upload to the full table: the first roster after ready in a fresh browser profile (a
    runtime of its own), and a second upload on the same page."""
    os.environ["RECERT_QUIET_SERVER"] = "1"
    server = SiteServer(site_dir, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    first, again = [], []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for _ in range(runs):
                context = browser.new_context(base_url=server.url)
                page = context.new_page()
                page.goto("/roster/")
                page.fill("input[name=as_of]", AS_OF)
                first.append(page.evaluate(UPLOAD_TO_TABLE, [text, rows]))
                page.locator("[data-message]").evaluate("(node) => { node.textContent = ''; }")
                again.append(page.evaluate(UPLOAD_TO_TABLE, [text + "\n", rows]))  # another text: checked again
                context.close()
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return first, again, version


def timed(command):
    """(wall seconds, CPU seconds) of a child process: the CPU time is what other work on the machine does not inflate."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def cli_runs(path, runs):
    """(wall, CPU) seconds of `python -m calculator roster FILE`, a process each run."""
    return [timed([PYTHON, "-m", "calculator", "roster", str(path), "--as-of", AS_OF]) for _ in range(runs)]


def check_runs(text, count, work):
    """(wall, CPU) seconds of one `python -m calculator check FILE` per row, for the first `count` rows; rows checked."""
    table = roster.read_table(text)
    scenarios = []
    for cells in list(table.lines.values())[:count]:
        values = {column: cells[i] for column, i in table.columns.items()}
        scenario, problems = roster.row_scenario(values, AS_OF)
        assert not problems, problems
        scenarios.append(scenario)
    wall = cpu = 0
    for i, scenario in enumerate(scenarios):
        path = work / f"row{i}.json"
        path.write_text(to_json(scenario), encoding="utf-8")
        seconds, used = timed([PYTHON, "-m", "calculator", "check", str(path)])
        wall, cpu = wall + seconds, cpu + used
    return (wall, cpu), len(scenarios)


def section(args, first, again, version, cli, checks, checked, load):
    cli_row, cli_cpu_row = min(w for w, _ in cli) / args.rows, min(c for _, c in cli) / args.rows
    check_row, check_cpu_row = checks[0] / checked, checks[1] / checked
    return "\n".join([
        SECTION,
        "",
        f"## Roster: {args.rows:,} rows (`bench/roster_speed.py`)",
        "",
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} CPUs; Chromium {version} (headless);"
        f" load average (1 min) before / after: {load[0]:.1f} / {load[1]:.1f}",
        f"- the roster: {args.rows:,} generated rows (every organization, dates over ten years, CPR and units earned on some);"
        " site served on 127.0.0.1 by the project's server, no emulated link",
        "- wall times include waiting for a CPU while other work runs (see the load average); CPU times do not",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| browser: upload to full table, first roster after `Recert.ready` (fresh profile, {args.runs} runs) |"
        f" {spread(first, ' ms')} | within 2 s of ready |",
        f"| browser: the same roster uploaded again on that page | {spread(again, ' ms')} | |",
        f"| `python -m calculator roster` ({args.rows:,} rows, one process; {args.runs} runs) |"
        f" {spread((w for w, _ in cli), ' s', 2)}: {cli_row * 1000:.2f} ms a row (best run);"
        f" CPU {spread((c for _, c in cli), ' s', 2)}: {cli_cpu_row * 1000:.2f} ms a row | |",
        f"| `python -m calculator check`, one process per row ({checked:,} runs) | {checks[0]:.1f} s: {check_row * 1000:.0f} ms a row;"
        f" CPU {checks[1]:.1f} s: {check_cpu_row * 1000:.0f} ms a row |"
        f" roster ≥ 10× faster a row: **{check_row / cli_row:.0f}×** (CPU: **{check_cpu_row / cli_cpu_row:.0f}×**) |",
        "",
    ])


def kept_section(path):
    """The roster's section of an existing results file ('' if none), for bench/run.py to keep."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text[text.index(SECTION):] if SECTION in text else ""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checks", type=int, default=1000, help="rows checked one process each (default 1000)")
    parser.add_argument("--dist", type=Path, help="a built site to serve (default: build one into a temporary folder)")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_before = os.getloadavg()[0]
    text = team(args.rows)
    with tempfile.TemporaryDirectory(prefix="recert-roster-bench-") as tmp:
        work = Path(tmp)
        site_dir = args.dist
        if not site_dir:
            site_dir = work / "site"
            timed_build(None, site_dir)
        print("Browser", flush=True)
        first, again, version = browser_runs(site_dir, text, args.rows, args.runs)
        csv_path = work / "team.csv"
        csv_path.write_text(text, encoding="utf-8")
        print("Command line", flush=True)
        cli = cli_runs(csv_path, args.runs)
        print(f"{args.checks} check runs", flush=True)
        checks, checked = check_runs(text, args.checks, work)
    result = section(args, first, again, version, cli, checks, checked, (load_before, os.getloadavg()[0]))
    print(result)
    old = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
    kept = old[:old.index(SECTION)] if SECTION in old else old
    args.output.write_text(kept.rstrip("\n") + "\n\n" + result, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
