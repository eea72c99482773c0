"""Build time and peak memory: the real site, then the real content plus generated pages."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from stats import median

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def timed_build(content_dir, out_dir):
    """Runs build.py as a child process: (seconds, peak RSS in MB), or exits on failure."""
    command = [PYTHON, str(ROOT / "build.py"), "--out", str(out_dir)]
    if content_dir:
        command += ["--content", str(content_dir)]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
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


def fresh_build(content_dir, out_dir):
    """timed_build into an out dir that does not exist yet; removes it afterwards."""
    try:
        return timed_build(content_dir, out_dir)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def measure_builds(work, runs, sizes):
    """The real site, then real content plus each size of generated pages: {label: {seconds, peak_mb, all}}."""
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
