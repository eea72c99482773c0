"""Junk in every field of a full scenario gets exit 2 and an error naming that field, or a valid result.

Deterministic: the walk visits every path of FULL (every activity type with every field it takes,
every option, every credential field, renewed_through included) and puts each value of JUNK there,
then removes each key and adds an unknown one, all through the command line (in this process).
A valid result is accepted only where the junk could be right: a null (the field left out) outside
a list, a removed key, or a value of the field's own JSON type; anything else must be an error.
Never exit 1 (an internal error); each field named once; values quoted as JSON, not as Python.
The random counterparts are in test_fuzz.py and test_properties.py.
"""
import json

import pytest

from calculator.choices import activity_flags, declared_options
from calculator.rules import load_rules
from calculator.scenario import ACTIVITY_TYPES, ALLOWED_FIELDS
from helpers import cli, unclear_errors

TODAY = "2026-03-01"  # the CLI's --today: a scenario without as_of is evaluated on a fixed day
ACTIVITY_VALUES = {
    "title": "Regional clinic", "notes": "kept for my records", "date": "2025-03-01", "hours": 4, "in_scope_hours": 2,
    "ceus": 0.4, "credit_hours": 3, "term": "semester", "started_on": "2025-01-10", "score": 90, "credential": "nsca-cpt",
    "approved": True, "in_scope": True, "topic": "ethics", "provider": "nsca", "category": "B",
}
FULL = {
    "as_of": "2026-03-01",
    "credentials": [
        {"id": "nasm-cpt", "certified_on": "2022-08-01", "expires_on": "2026-08-01", "renewed_through": "2024-08-01"},
        {"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None},
        {"id": "acsm-cpt", "certified_on": "2023-02-01", "earned": 12},
    ],
    "cpr_aed": {"valid_until": "2027-05-01", "hands_on_skills": True},
    "activities": [{"type": kind} | {name: ACTIVITY_VALUES[name] for name in sorted(ALLOWED_FIELDS[kind] - {"type"})}
                   | {name: False for name in activity_flags(load_rules().values())} for kind in ACTIVITY_TYPES],
    "memberships": ["nsca", "acsm"],
    "options": {name: option.values[-1] if option.kind == "choice" else True if option.kind == "flag" else "2026-01-15"
                for name, option in declared_options(load_rules().values()).items()},
}
# As JSON text, the way a person or a program would write them.
JUNK = ["null", "true", "0", "-1", "1e308", "1" + "0" * 40, '""', '"2026-02-30"', "[]", "{}", "[1]", '{"a": 1}',
        '"' + "x" * 100_000 + '"', "9" * 5000]
PLACEHOLDER = "@@junk@@"
UNKNOWN = "zz_unknown"


def paths(value, keys=()):
    """(keys, value) for the value itself and every value inside it."""
    yield keys, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from paths(inner, keys + (key,))


def field_name(keys):
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else key
    return text


def changed(keys, change):
    """A copy of FULL with change(container, last_key) applied at the path."""
    data = json.loads(json.dumps(FULL))
    container = data
    for key in keys[:-1]:
        container = container[key]
    change(container, keys[-1])
    return data


def replaced(keys, junk):
    if not keys:
        return junk
    data = changed(keys, lambda container, key: container.__setitem__(key, PLACEHOLDER))
    return json.dumps(data).replace(json.dumps(PLACEHOLDER), junk)


def json_type(value):
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}.get(type(value), "null")


def could_be_right(keys, original, junk):
    value = json.loads(junk, parse_int=lambda text: 0)
    if value is None:
        return not (keys and isinstance(keys[-1], int))  # a null in a list is a value, not an absence
    return json_type(value) == json_type(original)


def variants(section):
    """(what, field expected in the errors, whether a valid result may do, scenario text) for every
    change under one top-level section."""
    for keys, value in paths(FULL):
        if (keys[:2] if keys[:1] == ("activities",) else keys[:1]) != section:
            continue
        for junk in JUNK:
            yield (f"{field_name(keys) or 'the scenario'} = {junk[:20]}", field_name(keys), could_be_right(keys, value, junk),
                   replaced(keys, junk))
        if isinstance(value, dict):
            for key in value:
                text = json.dumps(changed(keys + (key,), lambda container, last: container.pop(last)) if keys
                                  else {k: v for k, v in FULL.items() if k != key})
                yield f"{field_name(keys + (key,))} removed", field_name(keys + (key,)), True, text
            unknown = keys + (UNKNOWN,)
            text = json.dumps(changed(unknown, lambda container, last: container.__setitem__(last, 1)) if keys
                              else FULL | {UNKNOWN: 1})
            yield f"{field_name(unknown)} added", field_name(unknown), False, text


# One test per top-level field and per activity, so that they spread over the test workers.
SECTIONS = [()] + [(name,) for name in FULL] + [("activities", i) for i in range(len(ACTIVITY_TYPES))]


def names(field, path):
    return field == path or field.startswith((path + ".", path + "[")) if path else True


def problem(path, valid_may_do, text):
    """What is wrong with the command line's answer to one variant, or None."""
    code, out = cli("check", "-", "--today", TODAY, stdin=text)
    if code not in (0, 2):
        return f"exit {code}: {out[:200]}"
    result = json.loads(out)
    if code == 0:
        return None if valid_may_do and result.get("credentials") else f"accepted: {out[:200]}"
    fields = [error["field"] for error in result["errors"]]
    if not any(names(field, path) for field in fields):
        return f"no error names {path}: {result['errors']}"
    if unclear := unclear_errors(result["errors"]):
        return f"named twice, empty, or in Python notation: {unclear}"
    return None


def test_the_full_scenario_is_valid_and_uses_every_activity_type():
    code, out = cli("check", "-", "--today", TODAY, stdin=json.dumps(FULL))
    assert code == 0, out
    assert [activity["type"] for activity in FULL["activities"]] == list(ACTIVITY_TYPES)
    assert any("renewed_through" in credential for credential in FULL["credentials"])
    assert any("earned" in credential for credential in FULL["credentials"])


@pytest.mark.parametrize("section", SECTIONS, ids=lambda keys: field_name(keys) or "top")
def test_junk_in_every_field_is_named_or_valid(section):
    found = {what: why for what, *variant in variants(section) if (why := problem(*variant))}
    assert found == {}


def test_the_walk_runs_every_variant():
    values = sum(1 for _ in paths(FULL))
    keys = sum(len(value) + 1 for _, value in paths(FULL) if isinstance(value, dict))
    assert sum(1 for section in SECTIONS for _ in variants(section)) == values * len(JUNK) + keys
