"""The check that keeps the rules' figures out of content/: a page names them, it never types them.

A dollar amount, a CEU/CEC amount or a count of days typed in a content file fails the build.
Figures from the rules come from the data ({{ fee("nasm-cpt") }}); a figure another source gives
that our rules do not use is a quotation kept in the data too ({{ quote("nasm", "recertify_for_life") }}).
See buildlib/figures/single.py for every name a page can use.
"""
import re

TYPED = re.compile(r"""
    \$\s?\d[\d,]*(?:\.\d+)?                  # $99, $1,200.50
  | \b\d+(?:\.\d+)?\s?(?:CEU|CEC)s?\b        # 2.0 CEUs, 45 CECs
  | \b\d+(?:\s?[–-]\s?\d+)?[\s-]days?\b      # 30 days, 1–90 days, 90-day
""", re.VERBOSE)


def typed_figures(text, path):
    """One message per figure typed in a content file's text, with its line."""
    return [f"{path}:{text.count(chr(10), 0, match.start()) + 1}: the figure {match.group(0)!r} is typed; "
            "name it from the rules data (see buildlib/figures/single.py), or quote another source with quote()"
            for match in TYPED.finditer(text)]
