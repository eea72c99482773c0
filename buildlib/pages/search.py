"""The site's search index, built by Pagefind over the pages marked data-pagefind-body (the Markdown ones)."""

import subprocess
import sys

from buildlib import BuildError


def index(out_dir):
    """Writes Pagefind's index and UI files to out_dir/pagefind/."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--silent"],
        capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
        raise BuildError(f"pagefind could not index the site: {lines[-1]}")
