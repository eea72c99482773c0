"""Hostile and broken input for the rules: odd shapes, extreme values, huge lists. Never an exception.
Hypothesis runs derandomized (tests/conftest.py); test_junk_in_every_field.py walks every field in order."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from calculator import evaluate_json
from calculator.scenario import ACTIVITY_TYPES, MAX_ACTIVITIES
from helpers import unclear_errors

ROOT = Path(__file__).resolve().parents[2]
BASE = {"as_of": "2026-06-01", "credentials": [{"id": "nsca-cscs", "certified_on": "2015-01-01"}], "cpr_aed": None}

extreme = st.sampled_from([
    None, True, 0, -0.0, -1, 1e308, 10**400, float("inf"), float("nan"), "", "8", "2025-02-29", "0000-01-01", "9999-12-31",
    "<img src=x onerror=alert(1)>", "\ud800", "🏋️", [], {}, [[[]]], {"a": {"b": {}}},
])
field_names = st.sampled_from(["type", "date", "hours", "ceus", "credit_hours", "term", "started_on", "score", "credential",
                               "approved", "in_scope", "in_scope_hours", "title", "nsca_activity", "notes", "topic", "provider", "category",
                               "\ud800", "__proto__"])


def check(text):
    result = json.loads(evaluate_json(text))
    assert ("errors" in result) != ("credentials" in result)
    assert unclear_errors(result.get("errors", [])) == []
    return result


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ACTIVITY_TYPES), st.dictionaries(field_names, extreme, max_size=6))
@example("college_course", {"term": None})  # once reported twice, with two different messages
@example("event", {"date": "2025-02-29"})
def test_an_activity_with_extreme_values_gives_a_result_or_named_errors(kind, fields):
    activity = {"type": kind, "date": "2025-01-01", "hours": 1} | fields
    result = check(json.dumps(BASE | {"activities": [activity]}))
    for error in result.get("errors", []):
        assert error["field"].startswith(("activities[0]", "activities")) and error["message"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_handled(text):
    check(text)


def test_ten_thousand_activities_are_evaluated():
    activities = [{"type": "event", "date": f"2025-{m:02d}-{d:02d}", "hours": 1} for m in range(1, 13) for d in range(1, 29)] * 30
    result = check(json.dumps(BASE | {"activities": activities[:10_000]}))
    assert result["credentials"][0]["earned"] == 5.5  # category A maximum


def test_too_many_activities_is_an_error_not_a_hang():
    result = check(json.dumps(BASE | {"activities": [{}] * (MAX_ACTIVITIES + 1)}))
    assert result["errors"][0]["field"] == "activities"


@pytest.mark.parametrize("text", ['{"as_of": "2026-01-01", "credentials": [{"id": "\\ud800", "certified_on": "2020-01-01"}]}',
                                  '{"\\ud800": 1, "credentials": [{"id": "nasm-cpt", "certified_on": "2020-01-01"}]}'])
def test_lone_surrogates_print_safely_from_the_command_line(text):
    done = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=text, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "Traceback" not in done.stderr and json.loads(done.stdout)["errors"]
