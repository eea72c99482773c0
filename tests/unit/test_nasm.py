"""NASM-CPT rules, each pinned to its source (../shared/facts.md, NASM section)."""
from helpers import counted, event, fee_amounts, result_for, scenario

CPT = "nasm-cpt"


def nasm(as_of, activities=(), expires="2026-08-01", certified="2024-08-01", **extra):
    return scenario(as_of, [(CPT, certified, expires)], activities, **extra)


def test_two_point_oh_ceus_including_the_cpr_aed_tenth():
    # Current NASM page: 1.9 CEUs of courses + 0.1 for the current CPR/AED = 2.0.
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 19)]))
    assert (c["required"], c["earned"], c["shortfall"], c["status"]) == (2.0, 2.0, 0.0, "eligible")
    assert any(item.get("item") == "cpr_aed" and item["amount"] == 0.1 for item in c["counted"])


def test_one_contact_hour_is_a_tenth_of_a_ceu():
    # Seed: "One (1) contact hour is equivalent to ... 0.1 CEU".
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 7)]))
    assert counted(c, 0)["amount"] == 0.7
    # a rate is the amount of one hour: "0.1 CEU per hour", never "0.1 CEUs per hour" (issue 23)
    assert counted(c, 0)["note"] == "7 hours at 0.1 CEU per hour"
    assert any(option["text"].startswith("Live courses or events: 0.1 CEU per hour") for option in c["plan"]["options"])


def test_no_cpr_aed_means_no_tenth_and_not_eligible():
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 19)], cpr_aed=None))
    assert c["earned"] == 1.9 and c["shortfall"] == 0.1
    assert c["status"] == "in_progress" and not c["cpr_aed_ok"]


def test_cpr_aed_without_hands_on_skills_does_not_count():
    # AFAA/NASM terms: the CPR/AED course must include a hands-on skills component.
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 20)], cpr_aed={"valid_until": "2030-01-01", "hands_on_skills": False}))
    assert not c["cpr_aed_ok"] and c["status"] == "in_progress"
    assert any("hands-on" in a for a in c["actions"])


def test_two_year_cycle_derived_from_certification_when_expiry_unknown():
    data = scenario("2025-03-01", [(CPT, "2021-06-15")])
    c = result_for(data)
    assert c["deadline"] == "2025-06-15" and c["cycle_start"] == "2023-06-16"


def test_recertification_fee_is_99_dollars():
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 19)]))
    assert fee_amounts(c) == [99.0] and c["total_due"] == 99.0


def test_course_not_preapproved_counts_by_petition_with_a_25_dollar_fee_each():
    # Seed: "$25 nonrefundable administrative fee ... for each course/event petitioned".
    activities = [event("2025-01-10", 10), event("2025-02-10", 5, approved=False), event("2025-03-10", 4, approved=False)]
    c = result_for(nasm("2026-05-01", activities))
    assert c["earned"] == 2.0
    assert 50.0 in fee_amounts(c) and c["total_due"] == 149.0
    assert "petition" in counted(c, 1)["note"]


def test_late_within_90_days_costs_30_dollars():
    c = result_for(nasm("2026-09-15", [event("2025-01-10", 19)]))
    assert c["status"] == "late" and c["late_until"] == "2027-07-31"  # "before one year after" expiration
    assert fee_amounts(c) == [99.0, 30.0]


def test_late_after_90_days_and_within_a_year_costs_50_dollars():
    c = result_for(nasm("2027-01-15", [event("2025-01-10", 19)]))
    assert c["status"] == "late" and fee_amounts(c) == [99.0, 50.0]


 
def test_late_within_90_days_and_short_no_later_tier_is_offered__seed():
    # Seed: CE must be completed "within 90 days" after expiration; the later tier ($50) cannot help a shortfall.
    short = result_for(nasm("2026-09-15", [event("2025-01-10", 10)]))
    assert short["status"] == "late" and short["plan"]["by"] == "2026-10-30"
    assert "higher late fee" not in short["verdict"] and not any("After October 30, 2026" in a for a in short["actions"])
    done = result_for(nasm("2026-09-15", [event("2025-01-10", 19)]))
    assert "after that a higher late fee applies, until July 31, 2027" in done["verdict"]


def test_late_with_a_lapsed_cpr_aed_renewing_the_card_completes_the_renewal__current_page():
    # The current CPR/AED counts 0.1 CEU inside the 2.0: after day 90, renewing the card still closes a 0.1 gap.
    c = result_for(nasm("2027-01-15", [event("2025-01-10", 19)], cpr_aed={"valid_until": "2026-10-01", "hands_on_skills": True}))
    assert (c["status"], c["shortfall"]) == ("late", 0.1)
    assert "no longer count" not in c["verdict"]
    assert c["verdict"].startswith("Late: a current CPR/AED certification to get (it adds the 0.1 CEUs still missing)")
    assert "July 31, 2027" in c["verdict"]


def test_a_missing_cpr_aed_names_a_hands_on_part_and_no_past_day__afaa_terms():
    c = result_for(nasm("2026-09-15", [event("2025-01-10", 20)], cpr_aed=None))
    step = next(a for a in c["actions"] if a.startswith("Get an adult CPR/AED"))
    assert "hands-on skills part" in step and "(by October 30, 2026)" in step


def test_ce_completed_within_90_days_after_expiration_counts():
    # Seed: applications accepted if CE was completed before, or within 90 days of, expiration.
    c = result_for(nasm("2026-12-01", [event("2025-01-10", 10), event("2026-10-20", 9)]))
    assert counted(c, 1)["amount"] == 0.9 and c["shortfall"] == 0


def test_ce_completed_more_than_90_days_after_expiration_does_not_count():
    c = result_for(nasm("2026-12-01", [event("2025-01-10", 10), event("2026-11-20", 9)]))
    assert counted(c, 1)["amount"] == 0 and c["shortfall"] > 0
    assert c["status"] == "expired" and any("can no longer be completed" in a for a in c["actions"])


def test_more_than_a_year_after_expiration_means_the_exam_again():
    c = result_for(nasm("2027-08-02", [event("2025-01-10", 19)]))
    assert c["status"] == "expired"
    assert any("exam" in a for a in c["actions"])
    assert c["fees"][0]["amount"] is None and c["total_due"] is None


def test_recertify_for_life_buy_replaces_the_fee_with_299_dollars():
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 19)], options={"nasm_recertify_for_life": "buy"}))
    assert fee_amounts(c) == [299.0]
    assert any("still need the CEUs" in a for a in c["actions"])


def test_recertify_for_life_held_means_no_renewal_fee_but_ceus_still_required():
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 5)], options={"nasm_recertify_for_life": "held"}))
    assert c["total_due"] == 0.0 and c["shortfall"] == 1.4 and c["status"] == "in_progress"


def test_audit_gives_30_days_to_send_documentation():
    c = result_for(nasm("2026-05-01", [event("2025-01-10", 19)]))
    assert any("30 days" in a for a in c["actions"])


def test_activities_from_the_previous_cycle_do_not_count():
    c = result_for(nasm("2026-05-01", [event("2024-07-01", 19)], certified="2022-08-01"))
    assert counted(c, 0)["amount"] == 0 and "earlier cycle" in counted(c, 0)["note"]


def test_college_courses_and_reading_have_no_published_nasm_value():
    activities = [{"date": "2025-01-01", "type": "personal_development", "hours": 5},
                  {"date": "2025-01-01", "type": "college_course", "credit_hours": 3, "term": "semester"}]
    c = result_for(nasm("2026-05-01", activities))
    assert counted(c, 0)["amount"] == 0 and counted(c, 1)["amount"] == 0
