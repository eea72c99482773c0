"""No silent guess (issue 27, point 4; issue 21, part 2): a topic is one the data names, a flag is
true or false, an activity has a date, and a CPR/AED card that does not say whether it had a hands-on
part is assumed to have had one, with the result saying so."""
import pytest

from calculator.rules import topic_ids
from helpers import CPR_OK, cli_errors, cli_result, counted, event, scenario

NCSF = [("ncsf-cpt", "2024-05-10")]
NSCA = [("nsca-cscs", "2019-04-02")]
ETHICS = {"title": "Ethics course", "date": "2025-04-01", "type": "online_course", "hours": 2}
ASSUMED = "This assumes your CPR/AED course included a hands-on skills evaluation"


@pytest.mark.parametrize("written", ["ethics", "Ethics", "ETHICS", " Ethics "])
def test_a_topic_the_data_names_counts_whatever_its_case(written):
    c = cli_result(scenario("2026-03-01", NCSF, [ETHICS | {"topic": written}], cpr_aed=None))
    ethics = next(part for part in c["required_parts"] if "Ethics" in part["label"])
    assert ethics["earned"] == ethics["required"] == 1.0
    assert "counts toward the required Ethics" in counted(c, 0)["note"]


@pytest.mark.parametrize("written", ["ethic", "professional ethics", "", None])
def test_any_other_topic_is_a_field_error_listing_those_the_data_names(written):
    data = scenario("2026-03-01", NCSF, [ETHICS | {"topic": written}], cpr_aed=None)
    if written in ("", None):  # no topic given
        assert cli_result(data)["required_parts"]
        return
    [error] = cli_errors(data)
    assert error["field"] == "activities[0].topic"
    assert error["message"].startswith(f'"{written}" is not a topic') and all(topic in error["message"] for topic in topic_ids())


def test_a_topic_that_is_not_text_is_a_field_error():
    [error] = cli_errors(scenario("2026-03-01", NCSF, [ETHICS | {"topic": ["ethics"]}], cpr_aed=None))
    assert error["field"] == "activities[0].topic" and error["message"].startswith('["ethics"] is not a topic')


@pytest.mark.parametrize("card", [{"valid_until": "2030-01-01"}, {"valid_until": "2030-01-01", "hands_on_skills": None}])
def test_a_card_that_does_not_say_is_assumed_hands_on_and_the_result_says_what_changes_without(card):
    nasm = [("nasm-cpt", "2024-08-01")]  # NASM's data asks for a hands-on part
    unknown = cli_result(scenario("2026-03-01", nasm, [event("2025-03-01", 20)], cpr_aed=card))
    given = cli_result(scenario("2026-03-01", nasm, [event("2025-03-01", 20)], cpr_aed=CPR_OK))
    without = cli_result(scenario("2026-03-01", nasm, [event("2025-03-01", 20)], cpr_aed=CPR_OK | {"hands_on_skills": False}))
    assert (unknown["status"], unknown["cpr_aed_ok"]) == (given["status"], given["cpr_aed_ok"]) == ("eligible", True)
    assert (without["status"], without["cpr_aed_ok"]) == ("in_progress", False)
    [said] = [action for action in unknown["actions"] if action.startswith(ASSUMED)]
    assert "online only, NASM does not accept it" in said
    assert not any(ASSUMED in action for action in given["actions"] + without["actions"])


def test_where_no_hands_on_part_is_asked_nothing_is_assumed():
    # ACSM's data asks for no hands-on part (calculator/data/acsm.toml): an unsaid one changes nothing.
    c = cli_result(scenario("2026-06-01", [("acsm-ep", "2023-01-01")], [event("2024-01-10", 45)],
                            cpr_aed={"valid_until": "2030-01-01"}))
    assert c["cpr_aed_ok"] and not any(ASSUMED in action for action in c["actions"])


@pytest.mark.parametrize("where, change", [
    ("activities[0].approved", lambda d: d["activities"][0].update(approved=None)),
    ("activities[0].in_scope", lambda d: d["activities"][0].update(in_scope=None)),
    ("activities[0].nsca_activity", lambda d: d["activities"][0].update(nsca_activity=None)),
    ("options.nsca_distinction", lambda d: d.update(options={"nsca_distinction": None})),
    ("options.acsm_path", lambda d: d.update(options={"acsm_path": None})),
    ("options.nasm_recertify_for_life", lambda d: d.update(options={"nasm_recertify_for_life": None})),
])
def test_a_null_flag_or_choice_is_a_field_error_saying_how_to_take_the_default(where, change):
    data = scenario("2026-03-01", NSCA, [event("2025-03-01", 10)])
    change(data)
    [error] = cli_errors(data)
    assert error["field"] == where
    assert error["message"].startswith("null is not") and "leave" in error["message"] and "the default" in error["message"]


def test_null_is_accepted_where_the_contract_says_it_means_not_known():
    data = scenario("2026-03-01", [("nsca-cscs", "2019-04-02")], [event("2025-03-01", 10)], cpr_aed=None,
                    options={"acsm_exam_passed_on": None})
    data["credentials"][0] |= {"expires_on": None, "renewed_through": None}
    assert cli_result(data)["cpr_aed_ok"] is False


@pytest.mark.parametrize("date", [None, "", "absent"])
def test_an_activity_without_a_date_asks_when_it_was_completed(date):
    activity = {"title": "Clinic", "type": "event", "hours": 14}
    if date != "absent":
        activity["date"] = date
    errors = cli_errors(scenario("2026-03-01", [("nasm-cpt", "2024-08-01")], [event("2025-03-01", 10), activity]))
    assert errors == [{"field": "activities[1].date", "message": "When did you complete it?"}]


def test_other_dates_keep_their_own_messages():
    [error] = cli_errors(scenario("2026-03-01", [("nasm-cpt", "")]))
    assert error["field"] == "credentials[0].certified_on" and "not a date" in error["message"]
