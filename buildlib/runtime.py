"""The calculator in the browser: Pyodide, the rules archive, and the offline manifest.

build.py calls `build(out_dir)` once, after every page is written. It adds:
- /pyodide/: the Pyodide files the worker loads, from the npm package (no CDN, ever);
- /assets/rules/calculator.<hash>.zip: the rules package as .py sources plus its data
  (.pyc compiled on the host does not load in Pyodide), unpacked by site/js/recert-worker.js;
- /js/recert-build.js: where that archive is, for site/js/recert.js;
- /sw-manifest.js: the files site/js/sw.js keeps for offline use, and the build's version.
`form_context()` gives the calculator and widget templates their credentials and activity types.
"""

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from buildlib import BuildError
from calculator import describe

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
RULES_PACKAGE = ROOT / "calculator"
# What works offline: the calculator's pages and everything they load.
OFFLINE_PAGES = ["/calculator/", "/widget/"]
OFFLINE_FOLDERS = ["assets", "js", "pyodide"]
PRECOMPRESSED = {".br", ".gz"}  # the server's alternative encodings of files already listed


def build(out_dir):
    """Writes the runtime files into the built site at out_dir."""
    out_dir = Path(out_dir)
    copy_pyodide(out_dir / "pyodide")
    rules_url = write_rules_archive(out_dir)
    write_text(out_dir / "js" / "recert-build.js", f"export const RULES_URL = {json.dumps(rules_url)};\n")
    write_service_worker_manifest(out_dir)


def form_context():
    """Template variables for the calculator's form."""
    organizations = [
        {"id": org["id"], "short": org["short"], "name": org["name"],
         "credentials": [{"id": c["id"], "name": c["name"]} for c in org["credentials"]]}
        for org in describe.organizations()
    ]
    return {"organizations": organizations, "activity_types": list(describe.ACTIVITY_NAMES.items())}


def copy_pyodide(target):
    if not (PYODIDE_PACKAGE / "pyodide.asm.wasm").is_file():
        raise BuildError(f"{PYODIDE_PACKAGE.relative_to(ROOT)}: Pyodide is missing; run `npm ci`")
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_PACKAGE / name, target / name)


def rules_archive():
    """The bytes of a zip of the calculator package's sources and data, the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        files = sorted(RULES_PACKAGE.glob("*.py")) + sorted((RULES_PACKAGE / "data").glob("*.toml"))
        for path in files:
            entry = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()


def write_rules_archive(out_dir):
    """Writes the archive under a content-hashed name; returns its URL path."""
    data = rules_archive()
    url = f"/assets/rules/calculator.{hashlib.sha256(data).hexdigest()[:8]}.zip"
    target = out_dir / url.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return url


def offline_files(out_dir):
    """URL path -> file, for every file the service worker keeps."""
    files = {url: out_dir / url.lstrip("/") / "index.html" for url in OFFLINE_PAGES}
    for folder in OFFLINE_FOLDERS:
        for path in sorted((out_dir / folder).rglob("*")):
            if path.is_file() and path.suffix not in PRECOMPRESSED:
                files["/" + path.relative_to(out_dir).as_posix()] = path
    return files


def write_service_worker_manifest(out_dir):
    files = offline_files(out_dir)
    digest = hashlib.sha256()
    for url, path in sorted(files.items()):
        digest.update(url.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    manifest = {"version": digest.hexdigest()[:16], "urls": sorted(files)}
    write_text(out_dir / "sw-manifest.js",
               "// Written by buildlib/runtime.py for each build: what /sw.js keeps offline.\n"
               f"self.PRECACHE = {json.dumps(manifest, indent=1)};\n")


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
