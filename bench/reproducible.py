"""Is the memory snapshot byte-identical from build to build? Makes it twice (bypassing the build's
cache, each in its own folder) from the same inputs and compares. About 10 s: too slow for the
test suite, cheap here."""

import json
import tempfile
from pathlib import Path

from buildlib.runtime import pyodide


def snapshot_twice():
    rules = pyodide.rules_archive()
    warmups = json.dumps(pyodide.warmup_texts()).encode()
    made = []
    with tempfile.TemporaryDirectory(prefix="recert-snapshot-") as tmp:
        for name in ["a", "b"]:
            folder = Path(tmp) / name
            folder.mkdir()
            pyodide.make_snapshot(rules, warmups, folder)
            made.append((folder / "snapshot.bin").read_bytes())
    first, second = made
    return {"size": len(first), "differing": 0 if first == second else differing_bytes(first, second)}


def differing_bytes(first, second, block=4096):
    count = abs(len(first) - len(second))
    for start in range(0, min(len(first), len(second)), block):
        a, b = first[start:start + block], second[start:start + block]
        if a != b:
            count += sum(x != y for x, y in zip(a, b))
    return count
