"""Scenario files (tests/scenario_files.py says which): each holds the fields its result must have,
checked through the command line (exit code and JSON). The contract's examples are among them, copied in.
"""
import json

import pytest

from helpers import cli
from tests.scenario_files import SCENARIOS, scenario_files


def close(got, want):
    if isinstance(want, (int, float)) and not isinstance(want, bool) and got is not None:
        return abs(got - want) < 1e-9
    return got == want


def test_each_file_is_named_after_its_rule_and_says_what_must_hold():
    for path in SCENARIOS.glob("*.json"):
        case = json.loads(path.read_text())
        assert case["name"] == path.stem
        assert case.get("expect") or case.get("fees_include") or case.get("error_fields"), path.name


def field(result, key):
    """A result field by name; "plan.by" names a field inside another."""
    for part in key.split("."):
        result = result[part]
    return result


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_scenario(path):
    case = json.loads(path.read_text())
    code, out = cli("check", "-", stdin=json.dumps(case["scenario"]))
    result = json.loads(out)
    assert code == case.get("exit", 0), result
    if code == 2:
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

