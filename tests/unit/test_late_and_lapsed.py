"""People who are late: no renewal nobody reported is assumed, and the status says whether recertifying is
still possible. Each test names the rule and its source (../shared/facts.md and the seeds)."""
from helpers import event, fee_amounts, result_for, scenario

NSCA_SIX_CEUS = [event("2024-03-01", 20), event("2025-06-01", 20), event("2026-03-01", 10),
                 {"date": "2025-01-01", "type": "first_aid"}, {"date": "2026-01-01", "type": "first_aid"}]


def renewed(data, cid, renewed_through):
    """The same scenario with the person's answer to the renewal question."""
    creds = [dict(c, renewed_through=renewed_through) if c["id"] == cid else c for c in data["credentials"]]
    return data | {"credentials": creds}


def has(c, *texts):
    return all(any(text in action for action in c["actions"]) for text in texts)


# Issue 10, item 1: the last deadline's cycle while its last window is open.

def test_nsca_late_reporting_through_january_31_with_35_dollars_applies_without_an_expiry_date():
    # NSCA FAQ seed: CEUs earned in the period may be reported through January 31 with a $35 late fee.
    c = result_for(scenario("2027-01-15", [("nsca-cscs", "2015-06-01")], NSCA_SIX_CEUS))
    assert (c["status"], c["cycle_start"], c["deadline"], c["late_until"]) == ("late", "2024-01-01", "2026-12-31", "2027-01-31")
    assert c["earned"] == 6.0 and fee_amounts(c) == [90, 35]
    assert c["renewal_question"] == {"deadline": "2026-12-31", "yes": "2026-12-31", "no": "2023-12-31"}
    assert has(c, "If you already recertified for it, none of this applies", "from January 1, 2027 to December 31, 2029")


def test_nasm_lapsed_45_days_is_in_the_90_day_tier_with_the_30_dollar_late_fee():
    # NASM seed: a late fee for applications received up to 90 days after expiration; $30 (guidelines).
    c = result_for(scenario("2026-07-15", [("nasm-cpt", "2024-06-01")]))
    assert (c["status"], c["deadline"], c["late_until"]) == ("late", "2026-06-01", "2027-05-31")  # the anniversary itself is too late (see nasm.toml)
    assert fee_amounts(c) == [99, 30]
    assert c["renewal_question"] == {"deadline": "2026-06-01", "yes": "2026-06-01", "no": "2024-06-01"}


def test_every_late_tier_of_the_cycle_is_listed_with_its_last_day_before_and_while_late():
    # NASM: a tier up to 90 days after expiration, then one up to a year after it (nasm.toml [[late]]);
    # the calendar file rings before the end of each.
    before = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-06-01")]))
    while_late = result_for(scenario("2026-07-15", [("nasm-cpt", "2024-06-01")]))
    assert [tier["until"] for tier in before["late_tiers"]] == ["2026-08-30", "2027-05-31"]
    assert while_late["late_tiers"] == before["late_tiers"]
    assert while_late["late_tiers"][-1]["until"] == while_late["late_until"]
    assert while_late["late_tiers"][0]["label"] == while_late["late_tier"]["label"]


def test_acsm_inactive_after_december_31_with_a_grace_period_to_june_30_and_the_late_fee():
    # ACSM seed and current page: inactive after December 31 until June 30; fee plus the $80 late fee reactivates.
    c = result_for(scenario("2026-03-01", [("acsm-cpt", "2022-05-01")], [event("2024-04-01", 45)]))
    assert (c["status"], c["deadline"], c["late_until"]) == ("late", "2025-12-31", "2026-06-30")
    assert fee_amounts(c) == [60, 80]
    assert has(c, "inactive until you reactivate it")


def test_after_every_window_closed_the_current_cycle_is_shown_and_an_unrenewed_cycle_is_said_to_have_expired():
    # NSCA FAQ seed: after the deadline and the late reporting option the certification expires; appeals Feb 1 - Mar 15.
    c = result_for(scenario("2027-02-10", [("nsca-cscs", "2015-06-01")]))
    assert (c["status"], c["cycle_start"], c["deadline"]) == ("in_progress", "2027-01-01", "2029-12-31")
    assert c["renewal_question"]["deadline"] == "2026-12-31"
    assert has(c, "If you did not, your credential expired on December 31, 2026", "between February 1, 2027 and March 15, 2027")


def test_the_first_cycle_has_no_renewal_to_ask_about():
    c = result_for(scenario("2026-01-15", [("nasm-cpt", "2025-01-10")]))
    assert c["renewal_question"] is None and c["deadline"] == "2027-01-10"
    assert not has(c, "recertified for the cycle")


# Issue 10, item 2 (engine side): renewed_through picks the cycle after the one that ended on it.

def test_renewed_through_yes_evaluates_the_next_cycle_and_no_evaluates_the_one_that_ended():
    data = scenario("2027-01-15", [("nsca-cscs", "2015-06-01")], NSCA_SIX_CEUS)
    question = result_for(data)["renewal_question"]
    yes, no = result_for(renewed(data, "nsca-cscs", question["yes"])), result_for(renewed(data, "nsca-cscs", question["no"]))
    assert (yes["status"], yes["cycle_start"], yes["deadline"], yes["earned"]) == ("in_progress", "2027-01-01", "2029-12-31", 0.0)
    assert (no["status"], no["deadline"], fee_amounts(no)) == ("late", "2026-12-31", [90, 35])
    assert yes["renewal_question"] is None and no["renewal_question"] is None


def test_renewed_through_the_certification_date_means_never_renewed():
    c = result_for(renewed(scenario("2027-01-15", [("nsca-cscs", "2015-06-01")]), "nsca-cscs", "2015-06-01"))
    assert (c["status"], c["cycle_start"], c["deadline"]) == ("expired", "2015-06-01", "2017-12-31")


def test_an_expiration_date_given_means_no_renewal_question():
    c = result_for(scenario("2026-07-15", [("nasm-cpt", "2024-06-01", "2026-06-01")]))
    assert c["status"] == "late" and c["renewal_question"] is None


def test_renewed_early_means_nothing_is_due_until_the_next_cycle():
    # ACSM seed: renewing is possible during the final calendar year.
    c = result_for(renewed(scenario("2026-11-01", [("acsm-cpt", "2023-05-01")]), "acsm-cpt", "2026-12-31"))
    assert (c["status"], c["cycle_start"], c["deadline"], c["fees"]) == ("not_due", "2027-01-01", "2029-12-31", [])
    assert has(c, "you renewed through December 31, 2026")


# Issue 10, item 3 = issue 11, item 4: expired once the requirement can no longer be met.

def test_nasm_ce_completed_after_the_90_days_cannot_count_so_the_credential_has_expired():
    # NASM seed: applications up to one year after expiration only if all CE was completed within 90 days of it.
    c = result_for(scenario("2026-11-23", [("nasm-cpt", "2024-01-15", "2026-01-15")], [event("2026-05-01", 10)]))
    assert c["status"] == "expired"
    assert not {99, 30, 50} & set(fee_amounts(c))
    assert has(c, "Credits dated after April 15, 2026 do not count", "can no longer be completed", "You can take the certification exam again.")


def test_nsca_late_reporting_with_only_one_category_cannot_be_completed():
    # NSCA 2024-2026 categories page: at least two categories; FAQ seed: late reporting is for CEUs earned in the period.
    c = result_for(scenario("2027-01-15", [("nsca-cscs", "2026-03-01", "2026-12-31")], [event("2026-04-01", 10)]))
    assert c["shortfall"] == 0 and not c["categories_ok"] and c["status"] == "expired"
    assert not {60, 35} & set(fee_amounts(c))
    assert has(c, "one category where two are required", "hardship appeal", "take the certification exam again")
    assert not has(c, "add an activity in a category")


def test_nsca_late_reporting_with_ceus_short_cannot_be_completed():
    activities = [event("2024-03-01", 20), event("2025-03-01", 20), {"date": "2025-06-01", "type": "first_aid"}]
    c = result_for(scenario("2027-01-15", [("nsca-cscs", "2015-06-01", "2026-12-31")], activities))
    assert c["status"] == "expired" and c["shortfall"] == 1.5 and c["total_due"] is None
    assert not has(c, "late fee included") and c["plan"]["by"] is None


def test_acsm_grace_period_with_cecs_short_leaves_reinstatement_only():
    # ACSM: CECs count within the cycle; a lapsed credential has reinstatement ($165, current page); the
    # sources name no exam route once the exam's own December 31 has passed (facts.md: after June 30, reinstatement).
    c = result_for(scenario("2027-02-01", [("acsm-cpt", "2023-05-01", "2026-12-31")], [event("2024-03-01", 30)]))
    assert c["status"] == "expired" and fee_amounts(c) == [165]
    assert has(c, "it is 15 CECs short", "reinstatement")
    assert not has(c, "exam again")


def test_a_nasm_shortfall_that_renewing_the_cpr_aed_closes_is_still_late():
    # NASM current page: the current CPR/AED counts 0.1 CEU; renewing the card restores it after the 90 days too.
    lapsed = {"valid_until": "2026-10-01", "hands_on_skills": True}
    c = result_for(scenario("2026-12-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-03-03", 19)], cpr_aed=lapsed))
    assert c["shortfall"] == 0.1 and c["status"] == "late"
    assert has(c, "Your CPR/AED expired on October 1, 2026")


# Issue 10, item 5: actions read as sentences.

def test_the_routes_after_a_closed_window_start_a_sentence():
    c = result_for(scenario("2027-02-10", [("nsca-cscs", "2015-05-01", "2026-12-31")]))
    assert has(c, "The last day to recertify this cycle was January 31, 2027. You can go through the appeal/reinstatement process")


# Issue 11, item 2: before the deadline, the deadline is the date to meet.

def test_nasm_before_the_deadline_credits_are_due_by_it_or_with_the_30_dollar_late_fee_within_90_days():
    # NASM seed: CE completed within 90 days after expiration counts, with the late fee ($30, guidelines).
    c = result_for(scenario("2026-07-20", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-05-01", 10)]))
    assert c["earned"] == 1.1 and c["status"] == "in_progress"
    assert (c["plan"]["by"], c["plan"]["days_left"]) == ("2026-08-01", 12)
    assert has(c, "Earn 0.9 more CEUs by August 1, 2026 (12 days), or, with the $30.00 late fee, by October 30, 2026.")
    assert fee_amounts(c) == [99]


def test_no_late_fee_alternative_where_credits_stop_counting_on_the_deadline():
    # NSCA FAQ seed: late reporting is for CEUs earned during the reporting period only.
    c = result_for(scenario("2026-12-01", [("nsca-cscs", "2015-06-01", "2026-12-31")], [event("2025-03-01", 20)]))
    assert c["plan"]["by"] == "2026-12-31" and not has(c, "late fee, by")


# Issue 11, item 3: the first cycle runs from the certification date.

def test_nasm_first_cycle_starts_at_certification_when_the_expiration_date_is_later_than_the_formula():
    c = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-15", "2026-08-31")], [event("2024-08-20", 16)]))
    assert c["cycle_start"] == "2024-08-15" and c["counted"][0]["amount"] == 1.6


def test_acsm_first_cycle_starts_at_certification_when_the_expiration_date_is_later_than_the_formula():
    c = result_for(scenario("2021-03-01", [("acsm-cpt", "2017-05-01", "2021-06-30")], [event("2017-06-01", 45)]))
    assert (c["cycle_start"], c["status"]) == ("2017-05-01", "eligible")


def test_a_later_cycle_given_by_its_expiration_date_starts_the_day_after_the_one_before():
    c = result_for(scenario("2026-05-01", [("nasm-cpt", "2022-08-15", "2026-08-31")], [event("2024-08-20", 16)]))
    assert c["cycle_start"] == "2024-09-01" and c["counted"][0]["amount"] == 0


# Issue 11, item 5: ACSM's exam route closes on December 31 of the final year.

def test_acsm_exam_route_closed_after_december_31_points_to_cecs_with_the_late_fee_or_reinstatement():
    # ACSM seed: "Pass the certification exam before the 12/31 of the final year of the CEC reporting cycle".
    c = result_for(scenario("2027-02-01", [("acsm-cpt", "2023-05-01", "2026-12-31")], options={"acsm_path": "exam"}))
    assert c["status"] == "expired"
    assert has(c, "The exam route closed on December 31, 2026", "report them with the late fee until June 30, 2027", "reinstatement")
    assert not has(c, "pass it by")


def test_acsm_exam_passed_after_december_31_does_not_count():
    c = result_for(scenario("2027-02-01", [("acsm-cpt", "2023-05-01", "2026-12-31")],
                            options={"acsm_path": "exam", "acsm_exam_passed_on": "2027-01-10"}))
    assert c["status"] == "expired"


def test_acsm_exam_path_eligible_says_the_exam_was_passed_not_report_your_cecs():
    c = result_for(scenario("2026-10-01", [("acsm-cpt", "2023-05-01", "2026-12-31")],
                            options={"acsm_path": "exam", "acsm_exam_passed_on": "2026-09-15"}))
    assert c["status"] == "eligible"
    assert has(c, "you passed the exam on September 15, 2026") and not has(c, "Report your CECs")
