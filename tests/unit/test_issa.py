"""ISSA rules, each pinned to its source: ISSA's "Continuing Education Requirements for
Recertification" page (facts-more.md, ISSA section), through the command line."""
from helpers import cli_errors, cli_result, course, fee_amounts, scenario

CPT = "issa-cpt"
CARD = {"valid_until": "2030-01-01", "hands_on_skills": False}
FROM_ISSA = course("2025-01-10", 20, provider="issa")


def issa(as_of, activities=(), cpr_aed=CARD, expires="2026-05-10"):
    return scenario(as_of, [(CPT, "2024-05-10", expires)], activities, cpr_aed=cpr_aed)


def test_renew_every_two_years__requirements_page():
    c = cli_result(scenario("2026-03-01", [(CPT, "2022-05-10")]))
    assert (c["cycle_start"], c["deadline"]) == ("2024-05-11", "2026-05-10")


def test_at_least_twenty_ce_hours_within_the_two_years__requirements_page():
    c = cli_result(issa("2026-03-01", [course("2025-01-10", 12), course("2025-06-01", 8)]))
    assert (c["unit"], c["required"], c["earned"], c["status"]) == ("hour", 20.0, 20.0, "eligible")
    before = cli_result(issa("2026-03-01", [course("2024-05-01", 20)]))
    assert before["earned"] == 0 and before["shortfall"] == 20.0


def test_cpr_aed_valid_at_least_30_days_beyond_the_submission_date__requirements_page():
    enough = cli_result(issa("2026-03-01", [FROM_ISSA], cpr_aed={"valid_until": "2026-03-31"}))
    short = cli_result(issa("2026-03-01", [FROM_ISSA], cpr_aed={"valid_until": "2026-03-30"}))
    assert (enough["cpr_aed_ok"], enough["status"]) == (True, "eligible")
    assert (short["cpr_aed_ok"], short["status"]) == (False, "in_progress")
    assert any("30 days after the day you submit" in action for action in short["actions"])
    assert any("submit by March 1, 2026" in action for action in enough["actions"])


def test_the_renewal_is_free_when_all_twenty_hours_were_earned_through_issa__requirements_page():
    c = cli_result(issa("2026-03-01", [course("2025-01-10", 12, provider="issa"), course("2025-06-01", 8, provider="issa")]))
    assert fee_amounts(c) == [0.0] and c["total_due"] == 0.0


def test_the_renewal_is_99_dollars_when_any_hours_were_earned_elsewhere__requirements_page():
    c = cli_result(issa("2026-03-01", [course("2025-01-10", 19, provider="issa"), course("2025-06-01", 1)]))
    assert fee_amounts(c) == [99.0] and c["total_due"] == 99.0
    other_organization = cli_result(issa("2026-03-01", [course("2025-01-10", 19, provider="issa"), course("2025-06-01", 1, provider="ace")]))
    assert other_organization["total_due"] == 99.0


def test_less_than_three_months_late_has_no_late_fee_in_our_sources__requirements_page():
    c = cli_result(issa("2026-08-09", [course("2025-01-10", 20)]))
    assert c["status"] == "late" and fee_amounts(c) == [99.0]
    assert any("no late fee in our sources" in action for action in c["actions"])


def test_three_to_six_months_late_costs_40_dollars__requirements_page():
    for day in ("2026-08-10", "2026-11-09"):
        c = cli_result(issa(day, [course("2025-01-10", 20)]))
        assert c["status"] == "late" and fee_amounts(c) == [99.0, 40.0], day


def test_six_to_twelve_months_late_costs_50_dollars__requirements_page():
    for day in ("2026-11-10", "2027-05-10"):
        c = cli_result(issa(day, [course("2025-01-10", 20)]))
        assert (c["status"], c["late_until"]) == ("late", "2027-05-10") and fee_amounts(c) == [99.0, 50.0], day


def test_more_than_twelve_months_late_is_not_published_so_ask_issa__requirements_page():
    c = cli_result(issa("2027-05-11", [course("2025-01-10", 20)]))
    assert c["status"] == "expired" and fee_amounts(c) == [None] and c["total_due"] is None
    assert "not published in our sources" in c["fees"][0]["label"]
    assert any("ask ISSA" in action for action in c["actions"])


 
def test_more_than_twelve_months_late_the_verdict_points_to_issa__requirements_page():
    c = cli_result(issa("2027-05-11", [course("2025-01-10", 20)]))
    assert "our sources publish nothing" in c["verdict"] and "ask ISSA" in c["verdict"]
    assert "no longer possible" not in c["verdict"]
    short = cli_result(issa("2026-06-01", [course("2025-01-10", 10)]))  # short after the two years: hours no longer count
    assert short["status"] == "expired" and "no longer count" in short["verdict"] and "ask ISSA" in short["verdict"]


def test_under_three_months_late_no_higher_late_fee_is_said__requirements_page():
    # No fee is published for under 3 months; the $40 after it is the first late fee, not a higher one.
    for day in ("2026-05-11", "2026-08-09"):
        c = cli_result(issa(day, [course("2025-01-10", 20)]))
        assert c["status"] == "late" and "higher" not in c["verdict"], day
        assert "after that a late fee applies, until May 10, 2027" in c["verdict"]
    assert "after that a higher late fee applies" in cli_result(issa("2026-08-10", [course("2025-01-10", 20)]))["verdict"]


def test_a_missing_cpr_aed_asks_for_no_hands_on_part_and_no_past_day__requirements_page():
    before = cli_result(issa("2026-03-01", [FROM_ISSA], cpr_aed=None))
    late = cli_result(issa("2026-06-01", [FROM_ISSA], cpr_aed=None))
    for c, by in ((before, "May 10, 2026"), (late, "August 9, 2026")):
        step = next(a for a in c["actions"] if a.startswith("Get an adult CPR/AED"))
        assert "hands-on" not in step and f"(by {by})" in step


def test_a_provider_that_is_not_an_organization_is_a_field_error():
    errors = cli_errors(issa("2026-03-01", [dict(FROM_ISSA, provider="ISSA online")]))
    assert [error["field"] for error in errors] == ["activities[0].provider"]
