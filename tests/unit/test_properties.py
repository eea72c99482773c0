"""Properties over random scenarios (hypothesis, derandomized: tests/conftest.py): the contract's
invariants hold for any input. The deterministic walk over every field is test_junk_in_every_field.py."""
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, example, given, settings, strategies as st

from calculator import evaluate, evaluate_json
from calculator.describe import topic_choices
from calculator.rules import credential_index, organization_ids
from calculator.scenario import ACTIVITY_TYPES

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
days = st.dates(min_value=date(2012, 1, 1), max_value=date(2032, 12, 31))
iso = days.map(date.isoformat)
# A topic the data names, written in any case ("Ethics" is "ethics").
topics = st.sampled_from([topic for topic, _ in topic_choices()]).flatmap(lambda t: st.sampled_from([t, t.upper(), t.title()]))


@st.composite
def activities(draw):
    kind = draw(st.sampled_from(ACTIVITY_TYPES))
    item = {"type": kind, "date": draw(iso), "hours": draw(st.integers(0, 60) | st.floats(0, 60, allow_nan=False)),
            "approved": draw(st.booleans()), "in_scope": draw(st.booleans())}
    if kind == "college_course":
        item |= {"credit_hours": draw(st.integers(0, 6)), "term": draw(st.sampled_from(["semester", "quarter"])), "started_on": draw(iso)}
    if kind == "quiz":
        item |= {"score": draw(st.integers(0, 100))}
    item |= draw(st.fixed_dictionaries({}, optional={"topic": topics, "provider": st.sampled_from(organization_ids()),
                                                     "nsca_activity": st.booleans()}))
    if kind in ("online_course", "quiz") and draw(st.booleans()):
        item |= {"ceus": draw(st.sampled_from([0.1, 0.2, 0.5, 1.0, 2.5]))}
    return item


@st.composite
def scenarios(draw):
    as_of = draw(days)
    ids = draw(st.lists(st.sampled_from(list(credential_index())), min_size=1, max_size=4, unique=True))
    creds = []
    for cid in ids:
        certified = draw(st.dates(min_value=date(2010, 1, 1), max_value=as_of))
        cred = {"id": cid, "certified_on": certified.isoformat()}
        if draw(st.booleans()):
            cred["expires_on"] = (certified + timedelta(days=draw(st.integers(1, 3000)))).isoformat()
        creds.append(cred)
    cpr = draw(st.none() | st.fixed_dictionaries({"valid_until": iso, "hands_on_skills": st.none() | st.booleans()}))
    return {
        "as_of": as_of.isoformat(), "credentials": creds, "cpr_aed": cpr,
        "activities": draw(st.lists(activities(), max_size=12)),
        "memberships": draw(st.lists(st.sampled_from(organization_ids()), unique=True)),
        "options": {"nasm_recertify_for_life": draw(st.sampled_from(["none", "buy", "held"])),
                    "acsm_path": draw(st.sampled_from(["cec", "exam"])), "nsca_distinction": draw(st.booleans()),
                    **draw(st.fixed_dictionaries({}, optional={"acsm_exam_passed_on": iso}))},
    }


def valid_results(data):
    result = evaluate(data)
    assert "errors" not in result, result
    return result["credentials"]


@SETTINGS
@given(scenarios())
def test_shortfall_is_what_is_missing_and_fees_are_never_negative(data):
    for c in valid_results(data):
        parts_missing = sum(part["shortfall"] for part in c["required_parts"])  # required parts within the total
        assert abs(c["shortfall"] - max(0.0, c["required"] - c["earned"], parts_missing)) < 1e-9
        assert c["status"] in ("eligible", "in_progress", "late", "expired", "not_due")
        amounts = [fee["amount"] for fee in c["fees"]]
        assert all(a is None or a >= 0 for a in amounts)
        assert c["total_due"] is None if None in amounts else abs(c["total_due"] - sum(amounts)) < 1e-9
        if c["status"] == "late":
            assert c["deadline"] < data["as_of"] <= c["late_until"]
        if c["status"] == "in_progress" or c["status"] == "eligible" and c["path"] != "exam":
            assert data["as_of"] <= c["deadline"]
        if c["status"] == "eligible" and data["as_of"] > c["deadline"]:  # renewed by an exam passed in time
            assert c["total_due"] == 0 and data["options"]["acsm_exam_passed_on"] <= c["deadline"]


@SETTINGS
@given(scenarios(), activities())
def test_adding_an_activity_never_lowers_earned(data, extra):
    before = {c["id"]: c["earned"] for c in valid_results(data)}
    after = {c["id"]: c["earned"] for c in valid_results(data | {"activities": data["activities"] + [extra]})}
    assert all(after[cid] >= before[cid] - 1e-9 for cid in before)


@SETTINGS
@given(scenarios(), st.integers(1, 2000))
def test_moving_as_of_forward_never_turns_an_expired_cycle_back_into_late(data, step):
    # Without expires_on, a later as_of may evaluate a later cycle, which can be late in its turn.
    later = (date.fromisoformat(data["as_of"]) + timedelta(days=step)).isoformat()
    now = {c["id"]: c for c in valid_results(data)}
    then = {c["id"]: c for c in valid_results(data | {"as_of": later})}
    for cid, c in now.items():
        if c["status"] == "expired" and then[cid]["deadline"] == c["deadline"]:
            assert then[cid]["status"] != "late"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | iso,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12) | st.sampled_from(
        ["as_of", "credentials", "id", "certified_on", "activities", "type", "hours", "date", "cpr_aed", "options"]), inner, max_size=5),
    max_leaves=30,
)


@SETTINGS
@given(json_values)
@example({"credentials": [{"id": []}]})  # found by an earlier, random run: an id used as a key before its type was checked
@example({"credentials": [{"id": [1]}]})
@example({"credentials": [{"id": {}}]})
def test_any_json_gives_a_result_or_errors_never_an_exception(value):
    result = json.loads(evaluate_json(json.dumps(value)))
    assert ("errors" in result) != ("credentials" in result)
    if "errors" in result:
        assert all(isinstance(e["field"], str) and e["message"] for e in result["errors"])


@SETTINGS
@given(scenarios(), st.sampled_from(["credentials", "activities", "cpr_aed", "options"]), json_values)
def test_a_scenario_with_one_part_replaced_by_junk_never_raises(data, part, junk):
    result = json.loads(evaluate_json(json.dumps(data | {part: junk})))
    assert ("errors" in result) != ("credentials" in result)
