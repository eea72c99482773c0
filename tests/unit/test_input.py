"""Bad input: every problem is reported with its field path, never a traceback."""
import json

import pytest

from calculator import evaluate, evaluate_json
from helpers import event, scenario


def fields(result):
    return [error["field"] for error in result["errors"]]


def test_every_problem_is_reported_not_only_the_first():
    data = scenario("2026-09-15", [("acsm-cpt", "not a date")], [{"title": "x", "type": "teleportation", "hours": 3, "date": "2025-01-01"}])
    assert fields(evaluate(data)) == ["credentials[0].certified_on", "activities[0].type"]


@pytest.mark.parametrize("change,field", [
    ({"as_of": "2026-02-30"}, "as_of"),
    ({"credentials": []}, "credentials"),
    ({"credentials": [{"id": "nasm-xyz", "certified_on": "2020-01-01"}]}, "credentials[0].id"),
    ({"credentials": [{"id": "nasm-cpt"}]}, "credentials[0].certified_on"),
    ({"credentials": [{"id": "nasm-cpt", "certified_on": "2027-01-01"}]}, "credentials[0].certified_on"),
    ({"credentials": [{"id": "nasm-cpt", "certified_on": "2020-01-01", "expires_on": "2019-01-01"}]}, "credentials[0].expires_on"),
    ({"credentials": [{"id": "nasm-cpt", "certified_on": "2020-01-01"}] * 2}, "credentials[1].id"),
    ({"cpr_aed": {"valid_until": "soon"}}, "cpr_aed.valid_until"),
    ({"cpr_aed": {"valid_until": "2027-01-01", "hands_on_skills": "yes"}}, "cpr_aed.hands_on_skills"),
    ({"activities": [event("2025-01-01", -3)]}, "activities[0].hours"),
    ({"activities": [event("2025-01-01", float("nan"))]}, "activities[0].hours"),
    ({"activities": [event("2025-01-01", "8")]}, "activities[0].hours"),
    ({"activities": [event("2025-01-01", 1e300)]}, "activities[0].hours"),
    ({"activities": [{"type": "event", "date": "2025-01-01"}]}, "activities[0].hours"),
    ({"activities": [{"type": "college_course", "date": "2025-01-01", "credit_hours": 3, "term": "trimester"}]}, "activities[0].term"),
    ({"activities": [{"type": "quiz", "date": "2025-01-01", "score": 140}]}, "activities[0].score"),
    ({"activities": [event("2025-13-01", 3)]}, "activities[0].date"),
    ({"activities": ["a string"]}, "activities[0]"),
    ({"activities": {"not": "a list"}}, "activities"),
    ({"memberships": ["nsca", "ymca"]}, "memberships[1]"),
    ({"options": {"acsm_path": "vibes"}}, "options.acsm_path"),
    ({"options": {"mystery": 1}}, "options.mystery"),
    ({"surprise": True}, "surprise"),
    ({"activities": [event("2025-01-01", 3, colour="red")]}, "activities[0].colour"),
])
def test_a_bad_field_is_named(change, field):
    data = scenario("2026-01-01", [("nasm-cpt", "2024-08-01")]) | change
    result = evaluate(data)
    assert field in fields(result)
    assert all(error["message"] for error in result["errors"])


@pytest.mark.parametrize("text", ["", "{", "[]", "null", "42", '"text"', "[" * 100_000 + "]" * 100_000, '{"as_of": NaN}'])
def test_text_that_is_not_a_scenario_gives_an_error_object(text):
    result = json.loads(evaluate_json(text))
    assert result["errors"] and result["errors"][0]["message"]


def test_as_of_defaults_to_today():
    from datetime import date
    result = evaluate(scenario(None, [("nasm-cpt", "2024-08-01")]) | {"as_of": None}, today=date(2026, 1, 2))
    assert result["as_of"] == "2026-01-02"


def test_input_is_not_changed_by_evaluation():
    data = scenario("2026-01-01", [("nasm-cpt", "2024-08-01")], [event("2025-01-01", 3)])
    before = json.dumps(data, sort_keys=True)
    evaluate(data)
    assert json.dumps(data, sort_keys=True) == before
