"""Scenario files (tests/scenarios and ../shared/examples): each names the rule it pins."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator import evaluate_json

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FILES = sorted((ROOT / "tests" / "scenarios").glob("*.json")) + sorted((SHARED / "examples").glob("*.json"))


def close(got, want):
    if isinstance(want, (int, float)) and not isinstance(want, bool) and got is not None:
        return abs(got - want) < 1e-9
    return got == want


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario(path):
    case = json.loads(path.read_text())
    result = json.loads(evaluate_json(json.dumps(case["scenario"])))
    if case.get("exit", 0) == 2:
        named = " ".join(error["field"] for error in result["errors"])
        assert all(field in named for field in case["error_fields"]), named
        return
    by_id = {c["id"]: c for c in result["credentials"]}
    for cid, fields in case.get("expect", {}).items():
        for key, want in fields.items():
            assert close(by_id[cid][key], want), f"{cid}.{key} = {by_id[cid][key]!r}, want {want!r}"
    for cid, amounts in case.get("fees_include", {}).items():
        got = [fee["amount"] for fee in by_id[cid]["fees"]]
        assert all(any(close(g, a) for g in got) for a in amounts), got
    for cid, amounts in case.get("fees_exclude", {}).items():
        got = [fee["amount"] for fee in by_id[cid]["fees"]]
        assert not any(close(g, a) for g in got for a in amounts), got
    for cid, phrases in case.get("text_include", {}).items():  # words an action or plan step must say
        said = " | ".join(by_id[cid]["actions"] + by_id[cid]["plan"]["steps"])
        assert all(phrase in said for phrase in phrases), said


@pytest.mark.skipif(not (SHARED / "tools" / "run_examples.py").exists(), reason="../shared is not beside the project")
def test_shared_examples_hold_through_the_command_line():
    done = subprocess.run([sys.executable, str(SHARED / "tools" / "run_examples.py"), str(SHARED / "examples"), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
