"""ACSM rules, each pinned to its source (../shared/facts.md, ACSM section)."""
import pytest

from helpers import counted, event, fee_amounts, result_for, scenario

# The seed's table: credential, CECs required, fee on the seed page.
SEED_TABLE = [
    ("acsm-gei", 45, 45), ("acsm-cpt", 45, 45), ("acsm-ep", 60, 55), ("acsm-cep", 60, 55),
    ("acsm-rcep", 60, 55), ("acsm-cift", 15, 35), ("acsm-cet", 15, 35), ("acsm-paphs", 45, 35),
]
# acsm.org/certification/recertification, dated after 2025-02-22.
CURRENT_FEES = {"acsm-gei": 60, "acsm-cpt": 60, "acsm-ep": 70, "acsm-cep": 70}


def acsm(as_of, cid="acsm-cpt", activities=(), certified="2023-02-01", expires="2026-12-31", **extra):
    return scenario(as_of, [(cid, certified, expires)], activities, **extra)


@pytest.mark.parametrize("cid,cecs,seed_fee", SEED_TABLE)
def test_requirement_and_fee_per_credential(cid, cecs, seed_fee):
    before = result_for(acsm("2025-01-15", cid))
    assert before["required"] == cecs and before["unit"] == "CEC"
    assert fee_amounts(before) == [seed_fee]
    now = result_for(acsm("2026-06-01", cid))
    assert fee_amounts(now) == [CURRENT_FEES.get(cid, seed_fee)]


def test_fees_not_on_the_current_page_carry_the_seed_figure_with_a_label():
    fee = result_for(acsm("2026-06-01", "acsm-cift"))["fees"][0]
    assert fee["amount"] == 35 and "does not publish" in fee["period"]


def test_one_hour_is_one_cec_and_first_cycle_ends_december_31_of_the_third_year():
    c = result_for(scenario("2026-06-01", [("acsm-cpt", "2023-02-01")], [event("2023-03-01", 12)]))
    assert c["deadline"] == "2026-12-31" and c["cycle_start"] == "2023-02-01"
    assert counted(c, 0)["amount"] == 12


def test_later_cycles_run_three_calendar_years():
    c = result_for(scenario("2028-06-01", [("acsm-cpt", "2023-02-01")], [event("2026-12-01", 5)]))
    assert (c["cycle_start"], c["deadline"]) == ("2027-01-01", "2029-12-31")
    assert counted(c, 0)["amount"] == 0


def test_grace_period_until_june_30_with_the_late_fee_in_force():
    activities = [event("2024-05-01", 45)]
    assert fee_amounts(result_for(acsm("2027-03-01", activities=activities))) == [60, 80]
    late_2020 = result_for(acsm("2020-03-01", activities=[event("2019-05-01", 45)], certified="2016-01-01", expires="2019-12-31"))
    assert late_2020["status"] == "late" and fee_amounts(late_2020) == [45, 75]
    late_2019 = result_for(acsm("2019-03-01", activities=[event("2018-05-01", 45)], certified="2015-01-01", expires="2018-12-31"))
    assert fee_amounts(late_2019) == [45, 25]
    assert result_for(acsm("2027-06-30", activities=activities))["status"] == "late"


def test_after_june_30_reinstatement_with_its_fee():
    c = result_for(acsm("2027-07-01", activities=[event("2024-05-01", 45)]))
    assert c["status"] == "expired" and fee_amounts(c) == [165]
    assert any("reinstatement" in a for a in c["actions"])
    old = result_for(acsm("2021-07-01", activities=[], certified="2016-01-01", expires="2020-12-31"))
    assert fee_amounts(old) == [150]


def test_several_credentials_need_the_highest_requirement_not_the_sum():
    data = scenario("2026-06-01", [("acsm-cpt", "2023-02-01"), ("acsm-ep", "2023-03-01")], [event("2024-01-10", 60)])
    cpt, ep = result_for(data, "acsm-cpt"), result_for(data, "acsm-ep")
    assert cpt["required"] == ep["required"] == 60
    assert cpt["status"] == ep["status"] == "eligible"


def test_several_credentials_pay_the_highest_fee_plus_5_dollars_each():
    data = scenario("2026-06-01", [("acsm-cpt", "2023-02-01"), ("acsm-ep", "2023-03-01"), ("acsm-cift", "2023-03-01")],
                    [event("2024-01-10", 60)])
    fees = [fee_amounts(result_for(data, cid)) for cid in ("acsm-ep", "acsm-cpt", "acsm-cift")]
    assert fees == [[70], [5], [5]]


def test_college_course_is_10_cecs_per_credit_hour():
    course = {"date": "2025-05-01", "type": "college_course", "credit_hours": 3, "term": "semester"}
    c = result_for(acsm("2026-06-01", activities=[course]))
    assert counted(c, 0)["amount"] == 30 and counted(c, 0)["note"].startswith("3 semester credit hours at 10 CECs per credit hour")


def test_cpr_aed_and_first_aid_courses_count_5_cecs_per_year_from_2025__current_page():
    activities = [{"date": "2025-02-01", "type": "cpr_aed"}, {"date": "2025-09-01", "type": "first_aid"},
                  {"date": "2026-02-01", "type": "first_aid"}]
    c = result_for(acsm("2026-06-01", activities=activities))
    assert [counted(c, i)["amount"] for i in range(3)] == [5, 0, 5]


def test_before_2025_a_cpr_or_first_aid_course_counts_nothing_its_value_not_published__current_page():
    # The 5 CECs a year hold "from 2025-01-01"; our sources give no value before: the day before, on, after.
    days = ["2024-12-31", "2025-01-01", "2025-01-02"]
    c = result_for(acsm("2026-06-01", activities=[{"date": day, "type": kind} for day, kind in zip(days, ["cpr_aed", "first_aid", "cpr_aed"])]))
    assert [counted(c, i)["amount"] for i in range(3)] == [0, 5, 0]
    assert "not published in our sources" in counted(c, 0)["note"] and "January 1, 2025" in counted(c, 0)["note"]
    two_in_2024 = result_for(acsm("2026-06-01", activities=[{"date": "2024-02-01", "type": "cpr_aed"}, {"date": "2024-03-01", "type": "first_aid"}]))
    assert two_in_2024["earned"] == 0
    assert not any(o["type"] in ("cpr_aed", "first_aid") for o in result_for(acsm("2024-06-01", "acsm-cpt", certified="2023-02-01"))["plan"]["options"])


def test_committee_volunteering_up_to_8_cecs_per_year__current_page():
    activities = [{"date": "2025-02-01", "type": "volunteer", "hours": 6}, {"date": "2025-09-01", "type": "volunteer", "hours": 6}]
    c = result_for(acsm("2026-06-01", activities=activities))
    assert [counted(c, i)["amount"] for i in range(2)] == [6, 2]


def test_committee_volunteering_counts_from_2023_nothing_published_before__current_page():
    days = ["2022-12-31", "2023-01-01", "2023-01-02"]
    c = result_for(acsm("2023-06-01", certified="2020-02-01", expires="2023-12-31",
                        activities=[{"date": day, "type": "volunteer", "hours": 20} for day in days]))
    assert [counted(c, i)["amount"] for i in range(3)] == [0, 8, 0]
    assert "not published in our sources" in counted(c, 0)["note"]


def test_exam_path_needs_a_pass_before_december_31():
    waiting = result_for(acsm("2026-06-01", options={"acsm_path": "exam"}))
    assert waiting["status"] == "in_progress" and waiting["required"] == 0
    assert any("exam" in a for a in waiting["actions"])
    assert waiting["fees"][0]["amount"] is None
    passed = result_for(acsm("2026-06-01", options={"acsm_path": "exam", "acsm_exam_passed_on": "2026-05-20"}))
    assert passed["status"] == "eligible"


def test_renewing_early_is_allowed_in_the_final_calendar_year():
    c = result_for(acsm("2025-06-01", activities=[event("2024-01-10", 45)]))
    assert c["status"] == "eligible"
    assert any("January 1, 2026" in a for a in c["actions"])


def test_ready_before_the_final_year_says_when_renewals_open__seed_final_calendar_year():
    c = result_for(acsm("2025-06-01", activities=[event("2024-01-10", 45)]))
    assert c["verdict"] == ("Ready: report and pay $60.00 from January 1, 2026, when renewals open, "
                            "to December 31, 2026 (578 days).")
    for as_of in ("2025-12-31", "2026-01-01"):  # the day before renewals open, and the day they do
        said = result_for(acsm(as_of, activities=[event("2024-01-10", 45)]))["verdict"]
        assert ("when renewals open" in said) == (as_of == "2025-12-31"), as_of


def test_cpr_aed_must_be_current():
    c = result_for(acsm("2026-06-01", activities=[event("2024-01-10", 45)], cpr_aed={"valid_until": "2026-01-01", "hands_on_skills": True}))
    assert c["status"] == "in_progress" and not c["cpr_aed_ok"]


EXAM = {"acsm_path": "exam"}


def exam_passed(as_of, passed, cid="acsm-ep", certified="2022-06-15", expires="2025-12-31"):
    return result_for(acsm(as_of, cid, certified=certified, expires=expires, options=EXAM | {"acsm_exam_passed_on": passed}))


def test_an_exam_passed_by_december_31_recertifies_even_when_evaluated_after_it__seed_option_2():
    # Seed: "Register and pay related fees", then "Pass the certification exam before the 12/31 of the final year".
    for as_of in ("2026-01-01", "2026-02-10", "2026-06-30", "2026-07-01"):
        c = exam_passed(as_of, "2025-11-20")
        assert (c["status"], c["total_due"], c["late_tier"]) == ("eligible", 0, None), as_of
        assert not any(fee["label"].startswith(("Grace", "Reinstatement")) for fee in c["fees"])
        assert "December 31, 2025" in c["verdict"] and "nothing is left to report or pay" in c["verdict"]
        assert not any("Register for the exam" in a for a in c["actions"])
    lapsed_card = result_for(acsm("2026-02-10", "acsm-ep", certified="2022-06-15", expires="2025-12-31",
                                  options=EXAM | {"acsm_exam_passed_on": "2025-11-20"}, cpr_aed={"valid_until": "2026-01-15", "hands_on_skills": True}))
    assert lapsed_card["status"] == "eligible" and not any("CPR/AED" in a for a in lapsed_card["actions"])


def test_the_exam_must_be_passed_by_december_31_the_day_before_on_and_after__seed_option_2():
    assert exam_passed("2026-02-10", "2025-12-30")["status"] == "eligible"
    assert exam_passed("2026-02-10", "2025-12-31")["status"] == "eligible"
    late_pass = exam_passed("2026-02-10", "2026-01-01")
    assert late_pass["status"] == "expired" and fee_amounts(late_pass) == [165]


def test_the_exam_that_first_certified_is_not_the_retake__seed_option_2():
    on_the_day = exam_passed("2025-12-10", "2022-06-15")
    assert on_the_day["status"] == "in_progress" and any("Register for the exam" in a for a in on_the_day["actions"])
    assert exam_passed("2026-02-10", "2022-06-15")["status"] == "expired"
    assert exam_passed("2025-12-10", "2022-06-16")["status"] == "eligible"


PAIR = [("acsm-ep", "2023-02-01", "2026-12-31"), ("acsm-cpt", "2023-02-01", "2026-12-31")]


def pair(as_of, hours, order=PAIR):
    data = scenario(as_of, order, [event("2024-05-01", hours)])
    return result_for(data, "acsm-ep"), result_for(data, "acsm-cpt")


def test_a_credential_that_can_no_longer_be_renewed_leaves_the_group__seed_highest_required_cecs():
    # Seed: "the highest Required CECs value for the Certifications being renewed". After December 31 the
    # EP's 60 can no longer be met with 50 CECs: the CPT is renewed alone, on its own 45 CECs and fee.
    for order in (PAIR, PAIR[::-1]):
        ep, cpt = pair("2027-02-01", 50, order)
        assert (ep["status"], fee_amounts(ep), ep["renewed_with"]) == ("expired", [165], [])
        assert (cpt["status"], cpt["required"], fee_amounts(cpt), cpt["renewed_with"]) == ("late", 45, [60, 80], [])
        assert not any("renewed together" in fee["label"] for fee in cpt["fees"])


def test_while_the_highest_requirement_can_still_be_met_the_group_holds__seed_highest_required_cecs():
    ep, cpt = pair("2026-12-31", 50)
    assert (ep["required"], cpt["required"], cpt["renewed_with"]) == (60, 60, ["acsm-ep"])
    assert fee_amounts(ep) == [70] and fee_amounts(cpt) == [5]
    ep, cpt = pair("2027-01-01", 60)
    assert (ep["status"], cpt["status"], fee_amounts(cpt)) == ("late", "late", [5, 80])


def test_two_credentials_with_the_same_fee_lead_in_data_order_whatever_the_order_given__faq12():
    both = [("acsm-gei", "2023-02-01", "2026-12-31"), ("acsm-cpt", "2023-02-01", "2026-12-31")]
    for order in (both, both[::-1]):
        data = scenario("2026-06-01", order, [event("2024-05-01", 45)])
        assert (fee_amounts(result_for(data, "acsm-gei")), fee_amounts(result_for(data, "acsm-cpt"))) == ([60], [5])
