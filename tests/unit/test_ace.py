"""ACE rules, each pinned to its source (facts-more.md, ACE section), through the command line.

Sources: ACE's recertification page ("recertification page") and ACE's article
"What You Need to Know About Certification Renewals" ("renewals article").
"""
from helpers import cli_result, counted, course, event, fee_amounts, scenario

CPT, GFI = "ace-cpt", "ace-gfi"
NO_HANDS_ON_CARD = {"valid_until": "2030-01-01", "hands_on_skills": False}


def ace(as_of, activities=(), expires="2026-06-10", certified="2024-06-10", **extra):
    return scenario(as_of, [(CPT, certified, expires)], activities, cpr_aed=extra.pop("cpr_aed", NO_HANDS_ON_CARD), **extra)


def test_every_two_years_the_cycle_ends_on_the_expiration_date__recertification_page():
    c = cli_result(scenario("2026-03-01", [(CPT, "2022-06-10")]))
    assert (c["cycle_start"], c["deadline"]) == ("2024-06-11", "2026-06-10")
    given = cli_result(ace("2026-03-01", expires="2026-07-31"))
    assert given["deadline"] == "2026-07-31"


def test_two_cecs_are_twenty_hours_of_approved_education__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2025-01-10", 12), course("2025-06-01", 8)]))
    assert (c["unit"], c["required"], c["earned"], c["shortfall"], c["status"]) == ("CEC", 2.0, 2.0, 0.0, "eligible")
    short = cli_result(ace("2026-03-01", [event("2025-01-10", 19)]))
    assert short["shortfall"] == 0.1 and short["status"] == "in_progress"


def test_one_cec_a_year_is_suggested_not_required__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2026-02-01", 20)]))  # all of it in the cycle's second year
    assert c["status"] == "eligible"


def test_a_current_adult_cpr_aed_is_required__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2025-01-10", 20)], cpr_aed=None))
    assert not c["cpr_aed_ok"] and c["status"] == "in_progress"
    assert any("CPR/AED" in action for action in c["actions"])
    lapsed = cli_result(ace("2026-03-01", [event("2025-01-10", 20)], cpr_aed={"valid_until": "2026-01-01"}))
    assert lapsed["status"] == "in_progress"


def test_a_course_not_yet_approved_counts_only_by_petition_whose_fee_is_not_published__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2025-01-10", 10), event("2025-02-10", 10, approved=False)]))
    assert c["earned"] == 2.0 and "petition" in counted(c, 1)["note"]
    petition = next(fee for fee in c["fees"] if "Petition" in fee["label"])
    assert petition["amount"] is None and "not published in our sources" in petition["label"]
    assert c["total_due"] is None


def test_the_same_course_cannot_be_repeated_for_one_renewal__recertification_page():
    again = dict(event("2025-09-01", 10), title="  functional TRAINING ")
    c = cli_result(ace("2026-03-01", [dict(event("2025-01-10", 10), title="Functional training"), again]))
    assert counted(c, 1)["amount"] == 0 and "only once" in counted(c, 1)["note"]
    assert c["earned"] == 1.0


def test_cecs_count_only_in_the_cycle_they_were_completed_and_extra_does_not_roll_over__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2024-01-10", 40), event("2025-01-10", 5)], certified="2022-06-10"))
    assert counted(c, 0)["amount"] == 0 and "roll over" in counted(c, 0)["note"]
    assert c["earned"] == 0.5


def test_a_cec_counts_toward_each_ace_certification_whose_cycle_it_falls_inside__recertification_page():
    data = scenario("2026-03-01", [(CPT, "2024-06-10", "2026-06-10"), (GFI, "2025-01-20", "2027-01-20")],
                    [event("2024-09-01", 10), event("2025-03-01", 10)], cpr_aed=NO_HANDS_ON_CARD)
    cpt, gfi = cli_result(data, CPT), cli_result(data, GFI)
    assert cpt["earned"] == 2.0 and gfi["earned"] == 1.0  # the 2024 course predates the GFI certification
    assert counted(cpt, 1)["amount"] == counted(gfi, 1)["amount"] == 1.0


def test_six_month_grace_period_with_a_late_fee_not_published__renewals_article():
    c = cli_result(ace("2026-09-01", [event("2025-01-10", 20)]))
    assert (c["status"], c["late_until"]) == ("late", "2026-12-10")
    late = c["fees"][-1]
    assert late["amount"] is None and "not published in our sources" in late["label"]
    assert c["total_due"] is None
    assert any("not published in our sources" in action for action in c["actions"])


def test_the_grace_period_extends_the_renewal_period_not_the_certification__renewals_article():
    c = cli_result(ace("2026-07-01", [event("2025-01-10", 15), event("2026-06-20", 5)]))
    assert counted(c, 1)["amount"] == 0.5 and c["shortfall"] == 0  # CECs completed in the grace period still count
    assert any("not the certification" in action and "expired" in action for action in c["actions"])


def test_after_the_grace_period_our_sources_say_nothing_so_ask_ace__renewals_article():
    c = cli_result(ace("2027-01-15", [event("2025-01-10", 20)]))
    assert c["status"] == "expired" and c["total_due"] is None
    assert any("ask ACE" in action for action in c["actions"])


 
def test_after_the_grace_period_the_verdict_says_our_sources_stop_and_points_to_ace__renewals_article():
    for as_of in ("2026-12-11", "2027-06-01"):  # the day after the six months, and later
        c = cli_result(ace(as_of, [event("2025-01-10", 20)]))
        assert c["verdict"].startswith("Expired on June 10, 2026: the last window our sources publish closed on December 10, 2026")
        assert "ask ACE" in c["verdict"] and "not published in our sources" in c["verdict"]
        assert "no longer possible" not in c["verdict"]
    assert cli_result(ace("2026-12-10", [event("2025-01-10", 20)]))["status"] == "late"


def test_the_renewal_fee_is_not_published_and_third_party_figures_are_not_used__recertification_page():
    c = cli_result(ace("2026-03-01", [event("2025-01-10", 20)]))
    assert fee_amounts(c) == [None] and c["total_due"] is None
    assert "not published in our sources" in c["fees"][0]["label"]
    assert all("date of capture not known" in source for source in c["sources"])
