"""The calculator in the browser: Pyodide, the rules archive, and the offline manifest.

build.py calls `build(out_dir)` once, after every page is written. It adds:
- /pyodide/<version>/: the Pyodide files the worker loads, from the npm package (no CDN, ever),
  under a path of their version, so they can be served as immutable;
- /assets/runtime/snapshot.<hash>.bin: a Pyodide memory snapshot with the rules imported and
  warmed up (as buildlib.runtime.snapshot_delta encodes it; made in Node by buildlib/runtime/runtime_snapshot.mjs,
  cached in .cache/runtime/ by the hash of everything it depends on);
- /assets/runtime/fallback/: what a start without the snapshot needs, which the snapshot holds:
  calculator.<hash>.zip, the rules package as .py sources plus its data (.pyc compiled on the host
  does not load in Pyodide), and stdlib.<hash>.zip, the trimmed standard library the snapshot was
  made from;
- /js/recert-build.js: the rules' address, for site/js/recert.js; where the other files are is written
  into /js/recert-worker.js itself (inline_runtime);
- .br and .gz copies of the calculator's files, which buildlib.serving.server sends when accepted; the
  worker also fetches the .gz copies of the two big files itself, as plain bytes, on a host that
  compresses nothing (see site/js/recert-worker.js).
`form_context()` gives the calculator and widget templates their credentials and activity types.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from buildlib import BuildError
from buildlib.runtime import snapshot_delta
from buildlib.runtime.precompress import write_copies
from calculator import describe
from calculator.rules import data_folder

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
PYODIDE_VERSION = json.loads((PYODIDE_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
PYODIDE_URL = f"/pyodide/{PYODIDE_VERSION}/"
# The full standard library and package lock stay in PYODIDE_URL (a plain `loadPyodide()` works), but
# the calculator loads its trimmed stdlib and an inline lock instead: not worth keeping offline.
PYODIDE_UNUSED = {PYODIDE_URL + "python_stdlib.zip", PYODIDE_URL + "pyodide-lock.json"}
WASM_URL = PYODIDE_URL + "pyodide.asm.wasm"
ONLINE_ONLY = "/assets/runtime/fallback/"  # what only the worker's fallback start needs: not kept offline
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
WORKER_RUNTIME = "const RUNTIME = RECERT_RUNTIME; // replaced by the build (inline_runtime)"
RULES_PACKAGE = ROOT / "calculator"
SNAPSHOT_SCRIPT = Path(__file__).with_name("runtime_snapshot.mjs")
WARMUP_SCENARIOS = ROOT / "tests" / "scenarios"  # evaluated once before the snapshot is taken
CACHE = ROOT / ".cache" / "runtime"
SNAPSHOT_TIMEOUT_S = 300
# The calculator's pages and everything they load (the other pages: buildlib.runtime.offline).
CALCULATOR_PAGES = ["/calculator/", "/widget/", "/roster/"]
CALCULATOR_FOLDERS = ["assets", "js", "pyodide"]
PRECOMPRESSED = {".br", ".gz"}  # the server's alternative encodings of files already listed
# Brotli, with a 16 MB window: quality 9 for most files; 11 for the snapshot, the biggest file a first visit
# downloads and the one that changes with the rules (2.38 -> 2.07 MB, 1 s -> 18 s once per change of the
# rules); Pyodide's own files change only with its version: 10 (the wasm: 3.10 -> 2.86 MB, 20 s once; 11
# takes minutes).
BROTLI = {"quality": 9, "lgwin": 24}
BROTLI_SNAPSHOT = {"quality": 11, "lgwin": 24}
BROTLI_PYODIDE = {"quality": 10, "lgwin": 24}
SNAPSHOT_PREFIX = "/assets/runtime/snapshot."


def build(out_dir):
    """Writes the runtime files into the built site at out_dir."""
    out_dir = Path(out_dir)
    copy_pyodide(out_dir / PYODIDE_URL.strip("/"))
    rules = rules_archive()
    rules_url = write_hashed(out_dir, ONLINE_ONLY + "calculator.zip", rules)
    snapshot, stdlib = snapshot_files(rules)
    runtime = {
        "pyodide": PYODIDE_URL,
        "wasm": WASM_URL,
        "rules": rules_url,
        "snapshot": write_hashed(out_dir, "/assets/runtime/snapshot.bin", snapshot.read_bytes()),
        "snapshot_xor": snapshot_delta.data_end((PYODIDE_PACKAGE / "pyodide.asm.wasm").read_bytes()),
        # Read only by a normal start, the fallback: the snapshot never reads its stdlib (it gets an empty zip).
        "stdlib": write_hashed(out_dir, ONLINE_ONLY + "stdlib.zip", stdlib.read_bytes()),
        "empty_zip": write_hashed(out_dir, "/assets/runtime/empty.zip", EMPTY_ZIP),
        "lock": {"info": pyodide_lock()["info"], "packages": {}},  # no packages: nothing to fetch
        # Evaluated by the worker when idle after its start (see warmUp in site/js/recert-worker.js).
        "warmup": [text for text in warmup_texts() if text.startswith("{") and "as_of" in text],
    }
    write_text(out_dir / "js" / "recert-build.js", f"export const RULES_URL = {json.dumps(rules_url)};\n")
    inline_runtime(out_dir / "js" / "recert-worker.js", runtime)
    precompress(out_dir)


def inline_runtime(worker, runtime):
    """Writes the values into the worker's WORKER_RUNTIME line: a worker cannot be given a
    modulepreload, so importing them would cost a round trip before its downloads start."""
    source = worker.read_text(encoding="utf-8")
    if source.count(WORKER_RUNTIME) != 1:
        raise BuildError(f"{worker}: no line `{WORKER_RUNTIME}` for buildlib.runtime.pyodide to fill in")
    write_text(worker, source.replace(WORKER_RUNTIME, f"const RUNTIME = {json.dumps(runtime)}; // by buildlib.runtime.pyodide"))


def form_context():
    """Template variables for the calculator's form."""
    organizations = [
        {"id": org["id"], "short": org["short"], "name": org["name"],
         "credentials": [{"id": c["id"], "name": c["name"]} for c in org["credentials"]]}
        for org in describe.organizations()
    ]
    return {"organizations": organizations, "activity_types": list(describe.ACTIVITY_NAMES.items()),
            "topics": describe.topic_choices()}


def copy_pyodide(target):
    if not (PYODIDE_PACKAGE / "pyodide.asm.wasm").is_file():
        raise BuildError(f"{PYODIDE_PACKAGE.relative_to(ROOT)}: Pyodide is missing; run `npm ci`")
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_PACKAGE / name, target / name)


def rules_files():
    """[(file, name in the package)]: the calculator package's sources and data. The data is the folder
    the rules read (calculator.rules.data_folder(): RECERT_DATA_DIR can name another)."""
    files = [(path, path.relative_to(ROOT).as_posix()) for path in sorted(RULES_PACKAGE.glob("*.py"))]
    return files + [(path, f"calculator/data/{path.name}") for path in sorted(Path(str(data_folder())).glob("*.toml"))]


def rules_archive():
    """The bytes of a zip of rules_files(), the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, name in rules_files():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()


def write_hashed(out_dir, url, data):
    """Writes data at url with a content hash in its name ('a/b.zip' -> 'a/b.1a2b3c4d.zip'); returns that URL."""
    folder, _, name = url.rpartition("/")
    stem, dot, suffix = name.partition(".")
    url = f"{folder}/{stem}.{hashlib.sha256(data).hexdigest()[:8]}{dot}{suffix}"
    target = out_dir / url.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return url


def pyodide_lock():
    return json.loads((PYODIDE_PACKAGE / "pyodide-lock.json").read_text(encoding="utf-8"))


def warmup_texts():
    """Scenario texts evaluated before the snapshot: every example (valid and not) plus broken JSON."""
    texts = []
    for path in sorted(WARMUP_SCENARIOS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(json.dumps(data.get("scenario", data)))
    return texts + ["not json", "{}", "[]"]


def snapshot_files(rules):
    """(snapshot.bin, stdlib.zip) paths for these rules, made by Node unless already in the cache."""
    warmups = json.dumps(warmup_texts()).encode()
    key = hashlib.sha256()
    for part in [SNAPSHOT_SCRIPT.read_bytes(), Path(snapshot_delta.__file__).read_bytes(), rules, warmups]:
        key.update(hashlib.sha256(part).digest())
    for name in PYODIDE_FILES:
        key.update(file_digest(PYODIDE_PACKAGE / name))
    folder = CACHE / key.hexdigest()[:24]
    files = (folder / "snapshot.delta", folder / "stdlib.zip")
    if all(path.is_file() for path in files):
        os.utime(folder)  # last used: prune_cache keeps the most recently used
        return files
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=CACHE, prefix="making-"))
    try:
        make_snapshot(rules, warmups, work)
        wasm = (PYODIDE_PACKAGE / "pyodide.asm.wasm").read_bytes()
        (work / "snapshot.delta").write_bytes(snapshot_delta.encode((work / "snapshot.bin").read_bytes(), wasm))
        (work / "snapshot.bin").unlink()
        try:
            os.rename(work, folder)
        except OSError:
            if not all(path.is_file() for path in files):  # not a concurrent build that finished first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    prune_cache()
    return files


def make_snapshot(rules, warmups, work):
    """Runs buildlib/runtime/runtime_snapshot.mjs in Node: work/snapshot.bin and work/stdlib.zip."""
    node = shutil.which("node")
    if not node:
        raise BuildError("node: not found; the calculator's Python snapshot is made with Node (see bin/setup)")
    (work / "rules.zip").write_bytes(rules)
    (work / "warmup.json").write_bytes(warmups)
    (work / "empty.zip").write_bytes(EMPTY_ZIP)
    try:
        inputs = [str(work / name) for name in ["rules.zip", "warmup.json", "empty.zip"]]
        done = subprocess.run([node, str(SNAPSHOT_SCRIPT), *inputs, str(work)], capture_output=True, text=True,
                              timeout=SNAPSHOT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise BuildError(f"{SNAPSHOT_SCRIPT.relative_to(ROOT)}: no snapshot after {SNAPSHOT_TIMEOUT_S} s")
    if done.returncode != 0 or not all((work / name).is_file() for name in ["snapshot.bin", "stdlib.zip"]):
        raise BuildError(f"{SNAPSHOT_SCRIPT.relative_to(ROOT)} failed:\n{done.stderr.strip()}")


def prune_cache(keep=6):
    """Keeps the `keep` most recently used snapshots in the cache (12 MB each), and the compressed copies used
    since. Not fewer: the suite builds three sites on other data after the real one, whose snapshot takes
    20 s to make again."""
    folders = sorted((path for path in CACHE.iterdir() if path.is_dir() and len(path.name) == 24),
                     key=lambda path: path.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    if len(folders) >= keep and (CACHE / "compressed").is_dir():
        oldest = folders[keep - 1].stat().st_mtime
        for path in (CACHE / "compressed").iterdir():
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)


def file_digest(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def precompress(out_dir):
    """Writes .br and .gz copies next to the calculator's files (big ones come from the cache)."""
    files = {**calculator_files(out_dir), **{"/" + path.relative_to(out_dir).as_posix(): path
                                          for path in (out_dir / ONLINE_ONLY.strip("/")).glob("*")}}
    write_copies({url: path for url, path in files.items() if url not in PYODIDE_UNUSED}, brotli_options,
                 CACHE / "compressed")


def brotli_options(url):
    return BROTLI_PYODIDE if url.startswith(PYODIDE_URL) else BROTLI_SNAPSHOT if url.startswith(SNAPSHOT_PREFIX) else BROTLI


def calculator_files(out_dir):
    """URL path -> file, for every file the calculator needs offline."""
    files = {url: out_dir / url.lstrip("/") / "index.html" for url in CALCULATOR_PAGES}
    for folder in CALCULATOR_FOLDERS:
        for path in sorted((out_dir / folder).rglob("*")):
            url = "/" + path.relative_to(out_dir).as_posix()
            kept = url not in PYODIDE_UNUSED and not url.startswith(ONLINE_ONLY)
            if path.is_file() and path.suffix not in PRECOMPRESSED and kept:
                files[url] = path
    return files


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
