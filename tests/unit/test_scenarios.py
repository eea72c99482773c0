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


def field(result, key):
    """A result field by name; "plan.by" names a field inside another."""
    for part in key.split("."):
        result = result[part]
    return result


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
            got = field(by_id[cid], key)
            assert close(got, want), f"{cid}.{key} = {got!r}, want {want!r}"
    for cid, texts in case.get("actions_include", {}).items():
        for text in texts:
            assert any(text in action for action in by_id[cid]["actions"]), (text, by_id[cid]["actions"])
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
