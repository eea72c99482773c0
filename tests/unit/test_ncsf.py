"""NCSF rules, each pinned to its source (facts-more.md, NCSF section), through the command line.

Sources: NCSF's "How To Recertify" page ("how-to page") with its FAQ, and the NCSF
Recertification Handbook ("handbook"), used only where it agrees with them.
"""
from helpers import cli_result, counted, course, event, fee_amounts, scenario

CPT, SNS = "ncsf-cpt", "ncsf-sns"
CPR = {"title": "CPR course", "date": "2025-03-01", "type": "cpr_aed"}
ETHICS = {"title": "Ethics course", "date": "2025-04-01", "type": "online_course", "hours": 2, "topic": "ethics"}


def ncsf(as_of, activities=(), certified="2024-05-10", **extra):
    return scenario(as_of, [(CPT, certified)], activities, cpr_aed=None, **extra)


def test_the_cycle_runs_from_the_exam_day_to_the_last_day_of_that_month_two_years_later__how_to_page():
    c = cli_result(ncsf("2026-03-01"))
    assert (c["cycle_start"], c["deadline"]) == ("2024-05-10", "2026-05-31")
    nxt = cli_result(ncsf("2026-06-15"))
    assert (nxt["cycle_start"], nxt["deadline"]) == ("2026-06-01", "2028-05-31")
    leap = cli_result(ncsf("2027-01-01", certified="2026-02-10"))
    assert leap["deadline"] == "2028-02-29"


def test_ten_ceus_of_at_least_twenty_hours_with_cpr_ethics_and_seven_general__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 14), CPR, ETHICS]))
    assert (c["unit"], c["required"], c["earned"], c["shortfall"], c["status"]) == ("CEU", 10.0, 10.0, 0.0, "eligible")
    parts = {part["label"]: (part["required"], part["earned"]) for part in c["required_parts"]}
    assert parts == {"CPR": (2.0, 2.0), "Ethics and Professional Practice": (1.0, 1.0)}


def test_cpr_is_a_required_part_of_two_ceus_from_any_reputable_provider__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 18), ETHICS]))  # 10 CEUs, none of them CPR
    assert c["earned"] == 10.0 and c["shortfall"] == 2.0 and c["status"] == "in_progress"
    assert any("CPR" in action and "\"CPR/AED course\" activity" in action for action in c["actions"])
    assert counted(cli_result(ncsf("2026-03-01", [CPR])), 0)["amount"] == 2.0


 
def test_a_second_cpr_course_adds_nothing_to_the_general_seven__how_to_page_our_reading():
    # "CPR 2 CEUs (required ...)" beside "general 7 CEUs": CPR counts up to its 2 CEUs in a cycle (ncsf.toml says why).
    second = dict(CPR, title="CPR again", date="2025-09-01")
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 12), CPR, second, ETHICS]))
    assert (counted(c, 1)["amount"], counted(c, 2)["amount"]) == (2.0, 0.0)
    assert "our reading" in counted(c, 2)["note"] and "not published in our sources" in counted(c, 2)["note"]
    assert (c["earned"], c["shortfall"], c["status"]) == (9.0, 1.0, "in_progress")
    assert not any(option["type"] == "cpr_aed" for option in c["plan"]["options"])
    # the order they were entered in does not change which one counts, nor the total
    swapped = cli_result(ncsf("2026-03-01", [course("2024-08-01", 12), second, CPR, ETHICS]))
    assert (swapped["earned"], counted(swapped, 1)["amount"], counted(swapped, 2)["amount"]) == (9.0, 0.0, 2.0)


def test_ethics_and_professional_practice_is_a_required_part_of_one_ceu__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 16), CPR]))  # 10 CEUs, no ethics
    assert c["shortfall"] == 1.0 and c["status"] == "in_progress"
    assert any("the topic \"Ethics and Professional Practice\"" in step for step in c["plan"]["steps"])
    ethics_only = cli_result(ncsf("2026-03-01", [ETHICS]))
    assert ethics_only["required_parts"][1]["earned"] == 1.0


def test_more_general_ceus_cannot_stand_in_for_the_required_parts__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 30)]))  # 15 general CEUs
    assert c["earned"] == 15.0 and c["shortfall"] == 3.0


def test_one_ceu_is_two_hours_of_home_study_or_seminar__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 3), event("2024-09-01", 4)]))
    assert (counted(c, 0)["amount"], counted(c, 1)["amount"]) == (1.5, 2.0)


def test_every_ceu_falls_in_the_most_recent_two_year_period__how_to_page():
    c = cli_result(ncsf("2026-08-01", [course("2026-05-20", 14), CPR, ETHICS]))
    assert c["cycle_start"] == "2026-06-01"
    assert all(entry["amount"] == 0 for entry in c["counted"])


def test_one_credential_costs_85_dollars__how_to_page():
    c = cli_result(ncsf("2026-03-01", [course("2024-08-01", 14), CPR, ETHICS]))
    assert fee_amounts(c) == [85.0] and c["total_due"] == 85.0


def test_several_credentials_renew_together_on_ten_ceus_for_100_dollars__how_to_page():
    data = scenario("2026-03-01", [(CPT, "2024-05-10"), (SNS, "2024-05-20")], [course("2024-08-01", 14), CPR, ETHICS], cpr_aed=None)
    cpt, sns = cli_result(data, CPT), cli_result(data, SNS)
    assert cpt["required"] == sns["required"] == 10.0 and cpt["status"] == sns["status"] == "eligible"
    assert (cpt["renewed_with"], sns["renewed_with"]) == ([SNS], [CPT])
    assert cpt["total_due"] + sns["total_due"] == 100.0 and sorted(fee_amounts(cpt) + fee_amounts(sns)) == [0.0, 100.0]


def test_no_late_window_after_the_deadline_the_credential_expired_and_the_exam_is_retaken__handbook():
    c = cli_result(scenario("2026-06-01", [(CPT, "2024-05-10", "2026-05-31")], [course("2024-08-01", 14), CPR, ETHICS]))
    assert (c["status"], c["late_until"]) == ("expired", None)
    assert fee_amounts(c) == [None] and c["total_due"] is None
    assert any("exam again" in action for action in c["actions"])
    assert any("current" in action and "fees" in action for action in c["actions"])

