"""Properties of late and lapsed results over random scenarios (hypothesis, derandomized: CI never passes on luck)."""
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from test_properties import scenarios, valid_results

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SENTENCE_START = re.compile(r"(?:^|[.!?] )([a-z])")


def without_dates(data):
    """The scenario with neither expires_on nor renewed_through: the renewals are unknown."""
    return data | {"credentials": [{"id": c["id"], "certified_on": c["certified_on"]} for c in data["credentials"]]}


def on(data, day):
    return data | {"as_of": day.isoformat()}


@SETTINGS
@given(scenarios(), st.floats(0, 1))
def test_inside_a_late_window_of_the_most_recent_deadline_no_later_deadline_is_evaluated(data, fraction):
    # Issue 10: with the renewals unknown, an as_of inside the late windows of the deadline just passed
    # evaluates that deadline's cycle, never a later one.
    data = without_dates(data)
    for c in valid_results(data):
        if c["status"] not in ("eligible", "in_progress") or c["late_until"] is None:
            continue
        deadline, late_until = date.fromisoformat(c["deadline"]), date.fromisoformat(c["late_until"])
        inside = deadline + timedelta(days=1 + int(fraction * ((late_until - deadline).days - 1)))
        then = next(r for r in valid_results(on(data, inside)) if r["id"] == c["id"])
        assert then["deadline"] == c["deadline"], (inside, then["deadline"])
        assert then["status"] in ("late", "expired")
        assert then["renewal_question"]["deadline"] == c["deadline"]


@SETTINGS
@given(scenarios())
def test_the_renewal_answers_evaluate_the_cycle_after_and_the_cycle_asked_about(data):
    data = without_dates(data)
    for c in valid_results(data):
        question = c["renewal_question"]
        if question is None:
            continue
        assert question["yes"] == question["deadline"] and question["no"] < question["deadline"] <= data["as_of"]
        for answer in ("yes", "no"):
            creds = [dict(x, renewed_through=question[answer]) if x["id"] == c["id"] else x for x in data["credentials"]]
            then = next(r for r in valid_results(data | {"credentials": creds}) if r["id"] == c["id"])
            assert then["renewal_question"] is None
            if answer == "yes":
                assert then["cycle_start"] > question["deadline"]
            else:
                assert then["deadline"] == question["deadline"]


@SETTINGS
@given(scenarios())
def test_before_the_deadline_the_plan_never_dates_past_it(data):
    # Issue 11, item 2: before the deadline, the deadline is the date to meet.
    for c in valid_results(data):
        if data["as_of"] <= c["deadline"] and c["plan"]["by"] is not None:
            assert c["plan"]["by"] <= c["deadline"]


@SETTINGS
@given(scenarios())
def test_expired_means_nothing_is_asked_for_the_renewal_itself(data):
    # Issue 10, item 3: once the requirement cannot be met, no recertification or late fee is asked for.
    for c in valid_results(data):
        if c["status"] == "expired":
            assert not any(fee["label"].startswith(("Recertification fee", "Late")) for fee in c["fees"])
            assert c["plan"]["by"] is None


@SETTINGS
@given(scenarios())
def test_every_action_is_sentences_that_start_with_a_capital_letter(data):
    # Issue 10, item 5.
    for c in valid_results(data) + valid_results(without_dates(data)):
        for action in c["actions"]:
            assert not SENTENCE_START.search(action), action
            assert action.endswith("."), action
