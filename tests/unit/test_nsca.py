"""NSCA rules, each pinned to its source (../shared/facts.md, NSCA section; the seed FAQ's examples)."""
import pytest

from calculator import evaluate
from calculator.rules import category_ids
from helpers import counted, event, fee_amounts, result_for, scenario

CSCS = "nsca-cscs"


def nsca(as_of, activities=(), certified="2015-05-01", cid=CSCS, **extra):
    return scenario(as_of, [(cid, certified)], activities, **extra)


def spread(*categories_and_dates):
    """Activities worth 1.0 CEU each in the given categories: event (A) or first aid x2 (C)."""
    out = []
    for category, date in categories_and_dates:
        out += [event(date, 10)] if category == "A" else [{"date": date, "type": "first_aid"}] * 2
    return out


def test_fixed_three_year_cycles_end_december_31():
    c = result_for(nsca("2025-07-01"))
    assert (c["cycle_start"], c["deadline"], c["late_until"]) == ("2024-01-01", "2026-12-31", "2027-01-31")
    assert result_for(nsca("2028-02-01"))["deadline"] == "2029-12-31"


@pytest.mark.parametrize("certified,required,max_a,max_b", [
    ("2023-06-01", 6.0, 5.5, 4.0),   # before the cycle
    ("2024-03-01", 4.0, 3.5, 3.0),   # in its first year
    ("2025-11-30", 2.0, 1.5, 1.0),   # in its second year
    ("2026-06-30", 1.0, 1.0, 1.0),   # January 1 - June 30 of its final year
])
def test_requirement_is_prorated_by_certification_date(certified, required, max_a, max_b):
    c = result_for(nsca("2026-07-15", certified=certified))
    maxima = {row["category"]: row["max"] for row in c["categories"]}
    assert (c["required"], maxima["A"], maxima["B"]) == (required, max_a, max_b)


def test_certified_after_june_of_the_final_year_nothing_is_due_until_the_next_cycle():
    # Seed: certified after July 2020 -> nothing due for 2018-2020; complete by December 31, 2023.
    c = result_for(nsca("2020-09-01", certified="2020-08-15"))
    assert c["status"] == "not_due" and c["deadline"] == "2023-12-31" and c["cycle_start"] == "2021-01-01"
    assert c["fees"] == [] and c["required"] == 6.0


def test_maxima_of_2018_2020_differ():
    maxima = {row["category"]: row["max"] for row in result_for(nsca("2019-06-01", certified="2018-05-01"))["categories"]}
    assert maxima == {"A": 3.5, "B": 2.5, "C": 3.5, "D": 1.5}


def test_ceus_over_a_category_maximum_do_not_count():
    activities = [event(f"2024-0{m}-01", 20) for m in range(1, 5)]  # 4 x 2.0 in category A
    c = result_for(nsca("2026-06-01", activities))
    assert c["earned"] == 5.5 and [counted(c, i)["amount"] for i in range(4)] == [2.0, 2.0, 1.5, 0.0]


def test_at_least_two_categories_from_2021_for_everyone():
    # Certified in the first half of the final year: 1.0 CEU, category maxima 1.0, so one category could cover it.
    one_category = result_for(nsca("2026-06-01", [event("2026-04-01", 10)], certified="2026-03-01"))
    assert one_category["shortfall"] == 0 and not one_category["categories_ok"]
    assert one_category["status"] == "in_progress"
    assert any("two categories" in a for a in one_category["actions"])


def test_two_categories_in_2018_2020_only_for_those_certified_before_2020():
    late_certified = result_for(nsca("2020-12-01", [event("2020-05-01", 10)], certified="2020-02-01"))
    assert late_certified["categories_ok"] and late_certified["status"] == "eligible"
    early = result_for(nsca("2020-12-01", [event("2019-05-01", 20), event("2019-06-01", 20), event("2019-07-01", 15)], certified="2015-02-01"))
    assert not early["categories_ok"]


def test_event_is_a_tenth_per_hour_at_most_2_per_event():
    c = result_for(nsca("2026-06-01", [event("2024-02-01", 8), event("2024-03-01", 30)]))
    assert [counted(c, 0)["amount"], counted(c, 1)["amount"]] == [0.8, 2.0]


def test_only_in_scope_hours_count():
    # Seed: a 20-hour conference, 10 hours on preventing injury and 10 on fixing it -> 1.0 CEU.
    c = result_for(nsca("2026-06-01", [event("2024-02-01", 20, in_scope_hours=10), event("2024-03-01", 5, in_scope=False)]))
    assert counted(c, 0)["amount"] == 1.0 and counted(c, 1)["amount"] == 0


def test_online_course_counts_its_approved_value_or_else_as_personal_development():
    activities = [{"date": "2024-02-01", "type": "online_course", "hours": 3, "ceus": 0.6},
                  {"date": "2024-03-01", "type": "online_course", "hours": 3, "approved": False}]
    c = result_for(nsca("2026-06-01", activities))
    assert counted(c, 0)["amount"] == 0.6
    assert counted(c, 1)["amount"] == 0.3 and "personal development" in counted(c, 1)["note"]


def test_personal_development_half_a_ceu_per_year():
    activities = [{"date": "2024-02-01", "type": "personal_development", "hours": 4},
                  {"date": "2024-09-01", "type": "personal_development", "hours": 4},
                  {"date": "2025-01-05", "type": "personal_development", "hours": 4}]
    c = result_for(nsca("2026-06-01", activities))
    assert [counted(c, i)["amount"] for i in range(3)] == [0.4, 0.1, 0.4]


def test_fixed_values_for_certifications_and_first_aid():
    activities = [{"date": "2024-02-01", "type": "ncca_certification"}, {"date": "2024-03-01", "type": "nsca_certification", "credential": "nsca-cpt"},
                  {"date": "2024-04-01", "type": "first_aid"}, {"date": "2024-05-01", "type": "cpr_aed"}]
    c = result_for(nsca("2026-06-01", activities))
    assert [counted(c, i)["amount"] for i in range(4)] == [1.0, 3.0, 0.5, 0.0]


def test_college_course_rates_and_cap_and_start_after_certification():
    semester = {"date": "2025-05-01", "type": "college_course", "credit_hours": 3, "term": "semester", "started_on": "2025-01-10"}
    quarter = {"date": "2025-06-01", "type": "college_course", "credit_hours": 4, "term": "quarter", "started_on": "2025-03-10"}
    big = {"date": "2025-12-01", "type": "college_course", "credit_hours": 5, "term": "semester", "started_on": "2025-08-10"}
    before = {"date": "2024-05-01", "type": "college_course", "credit_hours": 3, "term": "semester", "started_on": "2023-09-01"}
    c = result_for(nsca("2026-06-01", [semester, quarter, big, before]))
    assert [counted(c, i)["amount"] for i in range(4)] == [1.5, 1.2, 2.0, 0]


def test_quiz_counts_only_with_70_or_more():
    activities = [{"date": "2024-02-01", "type": "quiz", "score": 69, "ceus": 0.2}, {"date": "2024-03-01", "type": "quiz", "score": 70}]
    c = result_for(nsca("2026-06-01", activities))
    assert counted(c, 0)["amount"] == 0 and counted(c, 1)["amount"] == 0.2


def test_several_credentials_count_only_activities_after_each_was_earned():
    # Seed example: CPT held before 2018, CSCS earned 2019-04-02; an activity on 2018-06-05 counts only for the CPT.
    data = scenario("2020-06-01", [("nsca-cpt", "2016-01-01"), (CSCS, "2019-04-02")], [event("2018-06-05", 10), event("2019-05-01", 10)])
    cpt, cscs = result_for(data, "nsca-cpt"), result_for(data, CSCS)
    assert counted(cpt, 0)["amount"] == 1.0 and counted(cscs, 0)["amount"] == 0
    assert counted(cpt, 1)["amount"] == counted(cscs, 1)["amount"] == 1.0
    assert cpt["fees"] and cscs["fees"]  # a fee for each credential


def test_fees_2018_2020_by_band_and_membership_with_early_rate():
    member = result_for(scenario("2020-09-01", [(CSCS, "2015-01-01")], memberships=["nsca"]))
    assert fee_amounts(member) == [65]
    assert fee_amounts(result_for(scenario("2020-09-01", [(CSCS, "2018-05-01")]))) == [80]
    assert fee_amounts(result_for(scenario("2020-09-01", [(CSCS, "2019-05-01")], memberships=["nsca"]))) == [45]
    assert fee_amounts(result_for(scenario("2020-09-01", [(CSCS, "2020-05-01")]))) == [60]
    # "Recertifying before July 31, 2020 saved $15": July 30 is the last early day, July 31 is at the full rate.
    assert fee_amounts(result_for(scenario("2020-07-30", [(CSCS, "2015-01-01")]))) == [75]
    assert fee_amounts(result_for(scenario("2020-07-31", [(CSCS, "2015-01-01")]))) == [90]


def test_the_early_rate_is_the_2018_2020_cycles_own__recert_2018():
    # "Recertifying before July 31, 2020 saved $15" is a 2018-2020 rule: a 2015-2017 cycle, which borrows
    # that cycle's figures, is never offered it.
    for as_of in ("2017-06-01", "2017-12-31"):
        c = result_for(scenario(as_of, [(CSCS, "2014-01-01", "2017-12-31")]))
        assert fee_amounts(c)[0] == 90 and "early_until" not in c["fees"][0], as_of
        assert not any("early rate" in text for text in c["actions"] + [c["verdict"]])
    # the 2018-2020 cycle gets it through July 30, 2020; the 2021-2023 cycle never does
    assert result_for(scenario("2020-07-30", [(CSCS, "2014-01-01")]))["fees"][0]["early_until"] == "2020-07-30"
    assert "early_until" not in result_for(scenario("2021-03-01", [(CSCS, "2014-01-01")]))["fees"][0]


def test_the_verdict_names_both_early_rate_amounts_with_their_days__recert_2018():
    ready = [event("2019-01-10", 20), {"date": "2019-02-01", "type": "first_aid"}, event("2019-03-01", 20), event("2019-05-01", 20)]
    c = result_for(scenario("2020-06-01", [(CSCS, "2015-01-01")], ready, memberships=["nsca"]))
    assert c["verdict"] == ("Ready: report and pay $50.00 by July 30, 2020 (the early rate), or $65.00 after that, "
                            "by December 31, 2020 (213 days).")
    short = result_for(scenario("2020-06-01", [(CSCS, "2015-01-01")], ready[:1], memberships=["nsca"]))
    assert short["verdict"] == ("Not yet: 4.0 CEUs to go (from at least two categories) by December 31, 2020 (213 days); "
                                "to pay: $50.00 by July 30, 2020 (the early rate), or $65.00 after that.")


def test_the_distinction_fee_is_charged_once_on_the_credential_named_in_either_order__distinction():
    # *D is one per person ("free for members, $25 for non-members"): with the newer credential listed first,
    # on which the older activities do not count, the fee is still charged exactly once, where fee_with says.
    older, newer = ("nsca-cpt", "2015-01-01"), (CSCS, "2024-06-01")
    nsca_events = [event(f"2024-0{m}-01", 20, nsca_activity=True) for m in (1, 2, 3, 4, 5, 7)]
    totals = set()
    for order in ([older, newer], [newer, older]):
        data = scenario("2026-06-01", order, nsca_events, options={"nsca_distinction": True})
        results = [result_for(data, cid) for cid, _ in order]
        carriers = [c["id"] for c in results if any(fee["label"].startswith("Recertified with Distinction") for fee in c["fees"])]
        assert carriers == [results[0]["distinction"]["fee_with"]] == ["nsca-cpt"]
        totals.add(sum(c["total_due"] for c in results))
    assert len(totals) == 1


def test_later_cycles_use_the_2018_2020_fee_labelled_as_such():
    fee = result_for(nsca("2026-06-01"))["fees"][0]
    assert fee["amount"] == 90 and "2018-2020" in fee["period"]


def test_late_reporting_until_january_31_with_35_dollars():
    activities = spread(("A", "2024-02-01"), ("C", "2025-01-01"), ("A", "2025-02-01"), ("C", "2025-03-01"), ("A", "2025-04-01"), ("C", "2025-05-01"))
    data = scenario("2027-01-20", [(CSCS, "2015-05-01", "2026-12-31")], activities)
    c = result_for(data)
    assert c["status"] == "late" and c["shortfall"] == 0 and fee_amounts(c) == [90, 35]


def test_after_january_31_the_credential_expires_with_an_appeal_window():
    data = scenario("2027-02-10", [(CSCS, "2015-05-01", "2026-12-31")])
    c = result_for(data)
    assert c["status"] == "expired"
    assert any("February 1, 2027 and March 15, 2027" in a for a in c["actions"])
    # Seed: "either retake the exam ... or go through the appeal/reinstatement process"; the appeal dates are one
    # review's, so after March 15 both routes are still offered.
    after = result_for(data | {"as_of": "2027-04-01"})
    assert any("appeal/reinstatement" in a and "exam" in a for a in after["actions"])
    assert not any("accepted between" in a for a in after["actions"])


def test_no_roll_over_into_the_next_cycle():
    c = result_for(nsca("2027-06-01", [event("2026-06-01", 20)]))
    assert counted(c, 0)["amount"] == 0 and "roll over" in counted(c, 0)["note"]


def test_a_cpr_aed_course_needs_a_skills_evaluation_online_is_fine_unless_lapsed__seed():
    # Seed: an online renewal is fine if it covers adults and includes a skills evaluation; after a lapse, in person.
    missing = result_for(nsca("2026-06-01", cpr_aed=None))
    step = next(a for a in missing["actions"] if a.startswith("Get an adult CPR/AED"))
    assert "with a skills evaluation" in step and "hands-on" not in step and "(by December 31, 2026)" in step
    online = result_for(nsca("2026-06-01", cpr_aed={"valid_until": "2027-01-01", "hands_on_skills": False}))
    assert any("an online course with one is accepted" in a for a in online["actions"])


def test_cpr_aed_lapsed_must_be_renewed_in_person():
    c = result_for(nsca("2026-06-01", cpr_aed={"valid_until": "2026-01-01", "hands_on_skills": True}))
    assert any("in person" in a for a in c["actions"])


def test_distinction_is_optional_10_nsca_ceus_plus_2_per_extra_credential():
    nsca_events = [event(f"2024-0{m}-01", 20, nsca_activity=True) for m in range(1, 7)]
    data = scenario("2026-06-01", [(CSCS, "2015-01-01"), ("nsca-cpt", "2015-01-01")], nsca_events + spread(("C", "2024-08-01")),
                    options={"nsca_distinction": True})
    c = result_for(data, CSCS)
    assert c["distinction"]["required"] == 12.0 and c["distinction"]["earned"] == 12.0 and c["distinction"]["met"]
    assert 25.0 in fee_amounts(c)
    member = result_for(data | {"memberships": ["nsca"]}, CSCS)
    assert 0.0 in fee_amounts(member)
    assert "distinction" not in result_for(nsca("2026-06-01"))


# An activity's category (issue 23, point 2). The 2024-2026 categories (categories_2024) are named, A attendance,
# B sharing expertise, C educational activities, D NSCA quizzes and assessments, without a table of activities: a
# person who reads NSCA's descriptions otherwise files the activity under another category, and that one counts.
def test_an_activity_counts_in_the_category_the_person_chose_over_its_types_reading():
    talk = event("2025-04-01", 3, category="B")  # an event is A by default; a talk given counts as sharing expertise
    c = result_for(nsca("2026-06-01", [talk, {"date": "2025-05-01", "type": "first_aid"}]))
    assert (counted(c, 0)["category"], counted(c, 1)["category"]) == ("B", "C")
    assert "as you filed it" in counted(c, 0)["note"] and "our reading" not in counted(c, 0)["note"]
    assert "our reading" in counted(c, 1)["note"]  # categories_reading: C for First Aid is ours
    assert {row["category"]: row["earned"] for row in c["categories"]}["B"] == 0.3 and c["categories_ok"]


def test_a_chosen_category_has_its_own_maximum():
    # categories_2024: at most 3.0 CEUs in B for someone certified in the cycle's first year (4.0 required).
    talks = [event(f"2024-0{m}-01", 20, category="B") for m in range(5, 8)]
    c = result_for(nsca("2026-06-01", talks, certified="2024-03-01"))
    assert [counted(c, i)["amount"] for i in range(3)] == [2.0, 1.0, 0.0]


def test_the_same_activity_without_a_choice_takes_its_types_category():
    c = result_for(nsca("2026-06-01", [event("2025-04-01", 3), event("2025-05-01", 3, category="")]))
    assert counted(c, 0)["category"] == counted(c, 1)["category"] == "A"


@pytest.mark.parametrize("written, read", [("b", "B"), (" D ", "D")])
def test_a_category_is_read_whatever_its_case(written, read):
    c = result_for(nsca("2026-06-01", [event("2025-04-01", 3, category=written)]))
    assert counted(c, 0)["category"] == read


@pytest.mark.parametrize("written", ["E", "category A", 1, ["A"]])
def test_a_category_the_data_does_not_name_is_a_field_error_listing_those_it_does(written):
    result = evaluate(nsca("2026-06-01", [event("2025-04-01", 3, category=written)]))
    [error] = result["errors"]
    assert error["field"] == "activities[0].category"
    assert "not a category" in error["message"] and all(name in error["message"] for name in category_ids())


def test_a_category_counts_nothing_where_the_data_has_no_categories():
    # NASM's data has no [[cycle_rules]] categories: the choice is accepted and changes nothing there.
    data = scenario("2026-03-01", [("nasm-cpt", "2024-06-01")], [event("2025-04-01", 10), event("2025-05-01", 10, category="B")])
    c = result_for(data)
    assert counted(c, 0)["amount"] == counted(c, 1)["amount"] and counted(c, 1)["category"] is None


def test_the_second_category_step_names_the_activity_types_that_count_there():
    c = result_for(nsca("2026-06-01", [event("2025-04-01", 10)]))
    step = next(a for a in c["actions"] if "two categories" in a)
    unused = {option["label"] for option in c["plan"]["options"] if option["category"] not in (None, "A")}
    assert unused and all(label in step for label in unused)
    assert "live courses or events" not in step  # category A is used already
