"""The rules package as Pyodide's ecosystem expects it: a pure wheel and a lock entry for it.

    /python/recert_calculator-<version>-py3-none-any.whl
    /python/pyodide-lock.json   Pyodide's own lock plus the wheel's entry, made by pyodide-build
                                (`pyodide lockfile add-wheels`), file names relative to the lock

content/embed.md tells developers how to load it. The wheel is written here, byte for byte the same
for the same files (fixed timestamps, sorted entries). pyodide-build needs Python 3.12+: the build
installs it (requirements-pyodide-build.txt) into .cache/pyodide-build/ on first use, from the newest
Python 3.12+ it finds (RECERT_PYTHON312, then python3.13, python3.12 on PATH or in ~/.pyenv); without
one, or offline, it publishes the wheel, skips the lock and says why.
"""

import base64
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from buildlib.runtime import pyodide

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME, VERSION = PROJECT["name"], PROJECT["version"]
DIST = NAME.replace("-", "_")
WHEEL_NAME = f"{DIST}-{VERSION}-py3-none-any.whl"
URL = "/python/"
PYODIDE_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
TOOL = ROOT / ".cache" / "pyodide-build"
TOOL_REQUIREMENTS = ROOT / "requirements-pyodide-build.txt"
DATE = (1980, 1, 1, 0, 0, 0)


def build(out_dir):
    """Writes the wheel and, when pyodide-build is at hand, the lock into out_dir/python/."""
    folder = Path(out_dir) / URL.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / WHEEL_NAME
    wheel.write_bytes(wheel_bytes())
    problem = write_lock(wheel, folder / "pyodide-lock.json")
    if problem:
        print(f"build: {URL}pyodide-lock.json not written ({problem}); the wheel is published without it",
              file=sys.stderr)


def metadata_files():
    entry_points = "".join(f"{name} = {target}\n" for name, target in PROJECT.get("scripts", {}).items())
    return {
        "METADATA": f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\nSummary: {PROJECT['description']}\n"
                    f"Requires-Python: {PROJECT['requires-python']}\n",
        "WHEEL": "Wheel-Version: 1.0\nGenerator: buildlib.runtime.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "entry_points.txt": f"[console_scripts]\n{entry_points}" if entry_points else "",
        "top_level.txt": "calculator\n",
    }


def wheel_bytes():
    """The wheel: calculator/*.py, its data, and the .dist-info (RECORD last)."""
    files = {name: path.read_bytes() for path, name in pyodide.rules_files()}
    info = f"{DIST}-{VERSION}.dist-info"
    files.update({f"{info}/{name}": text.encode() for name, text in metadata_files().items() if text})
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    files[f"{info}/RECORD"] = record.getvalue().encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()


def write_lock(wheel, target):
    """Runs `pyodide lockfile add-wheels` on Pyodide's lock (2 s: cached by what it reads); returns
    None, or why it could not."""
    key = hashlib.sha256()
    for part in [wheel.read_bytes(), PYODIDE_LOCK.read_bytes(), TOOL_REQUIREMENTS.read_bytes()]:
        key.update(hashlib.sha256(part).digest())
    cached = TOOL.parent / "locks" / f"{key.hexdigest()[:24]}.json"
    if cached.is_file():
        shutil.copyfile(cached, target)
        return None
    tool, problem = pyodide_tool()
    if problem:
        return problem
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "pyodide-lock.json"
        done = subprocess.run([str(tool), "lockfile", "add-wheels", "--input", str(PYODIDE_LOCK),
                               "--output", str(output), "--base-path", str(wheel.parent), str(wheel)],
                              capture_output=True, text=True, cwd=tmp)
        if done.returncode != 0 or not output.is_file():
            return f"pyodide lockfile add-wheels failed: {(done.stderr or done.stdout).strip()[-500:]}"
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output, cached)
        shutil.copyfile(output, target)
    return None


def pyodide_tool():
    """(path of the `pyodide` command, None), installing it first if needed; or (None, why not)."""
    tool = TOOL / "bin" / "pyodide"
    stamp = TOOL / "requirements.stamp"
    if tool.is_file() and stamp.is_file() and stamp.read_text() == TOOL_REQUIREMENTS.read_text():
        return tool, None
    python = python312()
    if not python:
        return None, "pyodide-build needs Python 3.12 or newer, and none was found (set RECERT_PYTHON312)"
    print(f"build: installing pyodide-build into {TOOL.relative_to(ROOT)} (once)", file=sys.stderr)
    shutil.rmtree(TOOL, ignore_errors=True)
    steps = [[python, "-m", "venv", str(TOOL)],
             [str(TOOL / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              "-r", str(TOOL_REQUIREMENTS)]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(TOOL, ignore_errors=True)
            return None, f"installing pyodide-build failed: {(done.stderr or done.stdout).strip()[-300:]}"
    stamp.write_text(TOOL_REQUIREMENTS.read_text())
    return tool, None


def python312():
    """The newest Python 3.12+ interpreter found, or None."""
    candidates = [os.environ.get("RECERT_PYTHON312"), shutil.which("python3.13"), shutil.which("python3.12")]
    candidates += sorted((str(path) for path in Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python3")),
                         reverse=True)
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info >= (3, 12))"],
                              capture_output=True, text=True)
        if done.stdout.strip() == "True":
            return candidate
    return None
