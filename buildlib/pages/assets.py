"""Fingerprinted static files.

Every file under site/static and site/js is copied to /assets/ with a content hash in its
name (site/static/css/style.css -> /assets/css/style.3f2a9c1b.css, site/js/app.js ->
/assets/js/app.5d0e41aa.js). Templates link to them with `asset('css/style.css')` or
`asset('js/app.js')`: keys are paths under site/static, or `js/` plus a path under site/js.
A changed file gets a new name, so /assets/* is served as cacheable forever.

Exceptions: the files in STABLE keep a fixed URL (key -> URL path; edit the list, nothing else).
The service worker must sit at the site root to control every page, other sites link to embed.js,
and the calculator's worker, started by URL, finds /pyodide/ relative to its own.
(A script can instead get another file's URL from its template, e.g.
`data-worker="{{ asset('js/worker.js') }}"`.) Pyodide's files are copied unhashed to
/pyodide/ by buildlib.runtime.pyodide.

VENDORED files come from node_modules (installed from package-lock.json, never a CDN) and are
published like site/js's, fingerprinted: key -> file.

The scripts in BUNDLED are published as one file with every module they import (buildlib.pages.bundle);
the modules they import are not published by themselves.
"""

import hashlib
from pathlib import Path

from buildlib import BuildError
from buildlib.pages.bundle import bundle

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
SOURCES = {"": SITE / "static", "js/": SITE / "js"}
STABLE = {
    "js/sw.js": "/sw.js",
    "js/embed.js": "/embed.js",
    "js/recert-worker.js": "/js/recert-worker.js",
}
VENDORED = {
    "vendor/fflate.js": ROOT / "node_modules" / "fflate" / "esm" / "browser.js",  # the audit pack's ZIP (site/js/record/)
}
BUNDLED = {"js/calculator-pages.js",  # the script of /calculator/ and /widget/
           "js/recert-worker.js"}


def fingerprinted(key, data):
    """'css/style.css' -> 'css/style.3f2a9c1b.css', the hash taken over the file's bytes."""
    folder, _, name = key.rpartition("/")
    stem, dot, suffix = name.partition(".")
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{folder}/{stem}.{digest}{dot}{suffix}".lstrip("/")


class Assets:
    """Copies the static files into the output folder and answers asset(key) with their URLs."""

    def __init__(self, out_dir):
        self.out_dir = Path(out_dir)
        self.urls = {}
        bundled = set()  # the modules inside a bundle
        for key in sorted(BUNDLED):
            text, modules = bundle("/" + key, SOURCES["js/"])
            bundled.update(modules)
            self.add(key, SOURCES["js/"] / key.removeprefix("js/"), text.encode())
        for prefix, root in SOURCES.items():
            for path in sorted(root.rglob("*")):
                key = prefix + path.relative_to(root).as_posix()
                if path.is_file() and not path.name.startswith(".") and key not in BUNDLED and (path not in bundled or key in STABLE):
                    self.add(key, path, path.read_bytes())
        for key, path in VENDORED.items():
            if not path.is_file():
                raise BuildError(f"{path.relative_to(ROOT)}: missing; run `npm ci`")
            self.add(key, path, path.read_bytes())

    def add(self, key, path, data):
        if key in self.urls:
            raise BuildError(f"{path}: another static file is already published as {key}")
        url = STABLE.get(key) or "/assets/" + fingerprinted(key, data)
        target = self.out_dir / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.urls[key] = url

    def __call__(self, key):
        if key not in self.urls:
            raise BuildError(f"asset('{key}'): no such file under site/static or site/js")
        return self.urls[key]
