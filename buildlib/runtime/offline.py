"""The site offline: what the service worker (site/js/sw.js) keeps, listed in /sw-manifest.js.

build.py calls `build(out_dir)` last, once every page and the search index are written. Two parts:
- the calculator (buildlib.runtime.pyodide.calculator_files: its pages, scripts, Pyodide, the snapshot), served
  from the cache first; a new build's copy once the person accepts it (the page's update notice), so
  the page, its worker and the rules always come from one build;
- every other page and the search index (`network_first`), served from the network first, so a new
  deploy reaches visitors on their next online visit, and from the cache when offline. Their
  fingerprinted CSS and images are in /assets/, part of the calculator's files already.
The manifest's version is a digest over every file of both: a build that changes any of them makes
the browser install a new worker, which fills a new cache (a file with an immutable address is copied
from the older cache, not downloaded again). The pages also get .br/.gz copies (buildlib.runtime.precompress).
"""

import hashlib
import json

from buildlib.runtime import pyodide
from buildlib.runtime.precompress import write_copies

SEARCH = "pagefind"
# Pagefind's other interfaces, which /search/ does not load (it uses pagefind-ui.js).
SEARCH_UNUSED = {"pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
                 "pagefind-modular-ui.js", "pagefind-highlight.js"}


def build(out_dir):
    pages = page_files(out_dir)
    write_copies(pages, lambda url: pyodide.BROTLI, pyodide.CACHE / "compressed")
    write_manifest(out_dir, pyodide.calculator_files(out_dir), pages)


def page_files(out_dir):
    """URL path -> file, for every page that is not the calculator's and every file search needs."""
    files = {}
    for path in sorted(out_dir.rglob("index.html")):
        folder = path.parent.relative_to(out_dir).as_posix()
        files["/" if folder == "." else f"/{folder}/"] = path
    for path in sorted((out_dir / SEARCH).rglob("*")):
        unused = path.name in SEARCH_UNUSED or path.suffix in pyodide.PRECOMPRESSED or unused_language(path)
        if path.is_file() and not unused:
            files["/" + path.relative_to(out_dir).as_posix()] = path
    return {url: path for url, path in files.items() if url not in pyodide.CALCULATOR_PAGES}


def unused_language(path):
    """Pagefind's wasm for a language the site's pages do not have (wasm.unknown.pagefind)."""
    if not path.name.startswith("wasm."):
        return False
    entry = json.loads((path.parent / "pagefind-entry.json").read_text(encoding="utf-8"))
    return path.name.split(".")[1] not in {language["wasm"] for language in entry["languages"].values()}


def write_manifest(out_dir, calculator, pages):
    files = {**calculator, **pages}
    digest = hashlib.sha256()
    for url, path in sorted(files.items()):
        digest.update(url.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    # The worker fetches these either as they are or as their .gz copy (then keeps that copy).
    either = [url for url in sorted(files) if url == pyodide.WASM_URL or url.startswith(pyodide.SNAPSHOT_PREFIX)]
    manifest = {"version": digest.hexdigest()[:16], "urls": sorted(files), "or_gzip": either,
                "network_first": sorted(pages)}
    (out_dir / "sw-manifest.js").write_text(
        "// Written by buildlib/runtime/offline.py for each build: what /sw.js keeps offline.\n"
        f"self.PRECACHE = {json.dumps(manifest, indent=1)};\n", encoding="utf-8")
