"""Fingerprinted static files.

Every file under site/static and site/js is copied to /assets/ with a content hash in its
name (site/static/css/style.css -> /assets/css/style.3f2a9c1b.css, site/js/app.js ->
/assets/js/app.5d0e41aa.js). Templates link to them with `asset('css/style.css')` or
`asset('js/app.js')`: keys are paths under site/static, or `js/` plus a path under site/js.
A changed file gets a new name, so /assets/* is served as cacheable forever.

Exceptions: the files in STABLE keep a fixed URL. Entries are key -> URL path, or
folder/ -> URL folder/ for every file in a folder; edit the list, nothing else. The
service worker must sit at the site root to control every page, and other sites link to
embed.js. Relative URLs between hashed files do not resolve, so the calculator's modules,
which import each other and find /pyodide/ relative to their own URL, are stable too.
(A script can instead get another file's URL from its template, e.g.
`data-worker="{{ asset('js/worker.js') }}"`.) Pyodide's files are copied unhashed to
/pyodide/ by buildlib.runtime.
"""

import hashlib
from pathlib import Path

from buildlib import BuildError
from buildlib.bundle import bundle

SITE = Path(__file__).resolve().parent.parent / "site"
SOURCES = {"": SITE / "static", "js/": SITE / "js"}
STABLE = {
    "js/sw.js": "/sw.js",
    "js/embed.js": "/embed.js",
    "js/recert.js": "/js/recert.js",
    "js/recert-worker.js": "/js/recert-worker.js",
    "js/calculator/": "/js/calculator/",  # a key ending in / covers the whole folder
}
# Pages' scripts, published as one file with every module they import (buildlib.bundle).
BUNDLED = {"js/calculator-page.js", "js/widget-page.js"}


def fingerprinted(key, data):
    """'css/style.css' -> 'css/style.3f2a9c1b.css', the hash taken over the file's bytes."""
    folder, _, name = key.rpartition("/")
    stem, dot, suffix = name.partition(".")
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{folder}/{stem}.{digest}{dot}{suffix}".lstrip("/")


def source_of(url):
    """The file under site/js published at a stable URL path (STABLE), or None."""
    for key, stable in STABLE.items():
        if key.startswith("js/") and (url == stable or stable.endswith("/") and url.startswith(stable)):
            path = SOURCES["js/"] / (key[3:] + url[len(stable):] if stable.endswith("/") else key[3:])
            return path if path.is_file() else None
    return None


def stable_url(key):
    """The fixed URL STABLE gives a file, by its own entry or its folder's, or None."""
    if key in STABLE:
        return STABLE[key]
    folder = next((folder for folder in STABLE if folder.endswith("/") and key.startswith(folder)), None)
    return folder and STABLE[folder] + key[len(folder):]


class Assets:
    """Copies the static files into the output folder and answers asset(key) with their URLs."""

    def __init__(self, out_dir):
        self.out_dir = Path(out_dir)
        self.urls = {}
        for prefix, root in SOURCES.items():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    self.add(prefix + path.relative_to(root).as_posix(), path)

    def add(self, key, path):
        if key in self.urls:
            raise BuildError(f"{path}: another static file is already published as {key}")
        data = bundle("/" + key, path, source_of).encode() if key in BUNDLED else path.read_bytes()
        url = stable_url(key) or "/assets/" + fingerprinted(key, data)
        target = self.out_dir / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.urls[key] = url

    def __call__(self, key):
        if key not in self.urls:
            raise BuildError(f"asset('{key}'): no such file under site/static or site/js")
        return self.urls[key]
