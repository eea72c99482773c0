"""Helpers for build.py: content, assets, link checks, search index, headers, local server."""


class BuildError(Exception):
    """A problem in the site's sources, reported to the user as one line (no traceback)."""
