"""Bad input: every problem is reported with its field path, never a traceback."""
import copy
import json

import pytest

from calculator import INTERNAL_ERROR, evaluate, evaluate_json
from helpers import cli, event, scenario


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


def errors_for(change):
    return evaluate(scenario("2026-01-01", [("nasm-cpt", "2024-08-01")]) | change)["errors"]


@pytest.mark.parametrize("change, field, message", [
    ({"activities": [event("2025-01-01", True)]}, "activities[0].hours", "true is not a number"),
    ({"activities": [event("2025-01-01", "8")]}, "activities[0].hours", '"8" is not a number; write it without quotes'),
    ({"activities": [event({"a": 1}, 3)]}, "activities[0].date", '{"a": 1} is not a date'),
    ({"options": {"acsm_path": "x"}}, "options.acsm_path", '"x" is not one of: cec, exam'),
    ({"credentials": [{"certified_on": "2020-01-01"}]}, "credentials[0].id", "is required: one of nasm-cpt"),
    ({"credentials": [{"id": None, "certified_on": "2020-01-01"}]}, "credentials[0].id", "is required: one of nasm-cpt"),
    ({"credentials": [{"id": "nasm-cpt", "certified_on": None}]}, "credentials[0].certified_on", "is required"),
    ({"as_of": "2026-02-30"}, "as_of", '"2026-02-30" is not a date: February 2026 has 28 days'),
    ({"as_of": "2024-02-30"}, "as_of", '"2024-02-30" is not a date: February 2024 has 29 days'),
    ({"as_of": "2026-04-31"}, "as_of", '"2026-04-31" is not a date: April 2026 has 30 days'),
    ({"as_of": "2026-13-01"}, "as_of", '"2026-13-01" is not a date: there is no month 13'),
    ({"as_of": "1/2/2026"}, "as_of", '"1/2/2026" is not a date: write it as YYYY-MM-DD'),
    ({"as_of": "1850-01-01"}, "as_of", '"1850-01-01" is outside the dates this calculator handles, 1900-01-01 to 2199-12-31'),
    ({"activities": [event("2025-01-01", 3, notes=True)]}, "activities[0].notes", "true is not text"),
    ({"activities": [event("2025-01-01", 3, notes={"a": 1})]}, "activities[0].notes", '{"a": 1} is not text'),
    ({"memberships": [None]}, "memberships[0]", "null is not an organization: use one of nasm, acsm, nsca"),
    ({"activities": [event("2025-01-01", 3, provider="ymca")]}, "activities[0].provider", '"ymca" is not an organization'),
    ({"activities": [event("2025-01-01", 3, colour="red")]}, "activities[0].colour", 'unknown field "colour"'),
])
def test_a_message_quotes_the_value_as_written_in_json(change, field, message):
    errors = errors_for(change)
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"].startswith(message), errors[0]["message"]


@pytest.mark.parametrize("credential, field, message", [
    ({"certified_on": "2026-05-10"}, "certified_on", "May 10, 2026 is after the evaluation date, January 1, 2026"),
    ({"certified_on": "2020-01-01", "expires_on": "2019-12-31"}, "expires_on",
     "December 31, 2019 is not after the certification date, January 1, 2020"),
    ({"certified_on": "2020-01-01", "renewed_through": "2019-06-01"}, "renewed_through",
     "June 1, 2019 is before the certification date, January 1, 2020"),
])
def test_dates_that_contradict_each_other_are_said_in_words(credential, field, message):
    """The form's date fields show dates as the browser's locale writes them: its messages say them in words,
    as the results do, never as ISO text or a field's JSON name."""
    errors = errors_for({"credentials": [{"id": "nasm-cpt", **credential}]})
    assert errors == [{"field": f"credentials[0].{field}", "message": message}]


def test_a_missing_term_is_reported_once():
    course = {"type": "college_course", "date": "2025-01-01", "credit_hours": 3, "term": None}
    assert errors_for({"activities": [course]}) == [{"field": "activities[0].term", "message": "is required: one of semester, quarter"}]


@pytest.mark.parametrize("where", ['"as_of": N', '"activities": [{"type": "event", "date": "2025-01-01", "hours": N}]',
                                   '"activities": [{"type": "event", "date": "2025-01-01", "hours": -N}]',
                                   '"activities": [{"type": "event", "date": "2025-01-01", "hours": 1, "title": N}]'])
def test_an_integer_of_5000_digits_is_a_field_error(where):
    text = '{"credentials": [{"id": "nasm-cpt", "certified_on": "2024-08-01"}], ' + where.replace("N", "9" * 5000) + "}"
    [error] = json.loads(evaluate_json(text))["errors"]
    assert error["field"] in ("as_of", "activities[0].hours", "activities[0].title")
    assert error["message"].startswith("9999999999") or error["message"].startswith("-999999999")
    assert len(error["message"]) < 100


def test_a_bug_gets_one_short_message_in_the_cli_and_evaluate_json(monkeypatch, capsys):
    """A failure inside the rules is not the person's fault: the same short sentence on both paths,
    exit 1 on the command line, and the details (a traceback) on standard error only."""
    import calculator
    import calculator.__main__

    def broken(data, today=None):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(calculator, "evaluate", broken)
    monkeypatch.setattr(calculator.__main__, "evaluate", broken)
    text = json.dumps(scenario("2026-01-01", [("nasm-cpt", "2024-08-01")]))
    from_json = json.loads(evaluate_json(text))
    assert "ZeroDivisionError" in capsys.readouterr().err
    code, out = cli("check", "-", stdin=text)
    assert code == 1 and json.loads(out) == from_json == {"errors": [{"field": "", "message": INTERNAL_ERROR}]}
    assert "ZeroDivisionError" in capsys.readouterr().err and "a bug" not in out


def test_allowed_organizations_and_credentials_come_from_the_rules_data(monkeypatch):
    from calculator import rules
    changed = copy.deepcopy(rules.load_rules())
    changed["zfa"] = copy.deepcopy(changed["nasm"])
    changed["zfa"]["organization"] |= {"id": "zfa", "short": "ZFA"}
    changed["zfa"]["credentials"] = [changed["zfa"]["credentials"][0] | {"id": "zfa-cpt"}]
    monkeypatch.setattr(rules, "load_rules", lambda: changed)
    rules.credential_index.cache_clear()
    try:
        data = scenario("2026-01-01", [("zfa-cpt", "2024-08-01")], [event("2025-01-01", 3, provider="zfa")], memberships=["zfa"])
        assert "errors" not in evaluate(data)
        [error] = evaluate(data | {"memberships": ["ymca"]})["errors"]
        assert error["field"] == "memberships[0]" and error["message"].endswith("ncsf, issa, zfa")
    finally:
        rules.credential_index.cache_clear()
