"""The verdict sentence per credential and the scenario's summary line (calculator/verdict.py).

Each test builds a scenario whose answer is known from the sources (../shared/facts.md) and checks
that the sentence says it: the status in plain words, what is still missing, what is owed, by when.
"""
import re

from hypothesis import given

from calculator import evaluate
from calculator.verdict import in_words, money
from helpers import event, result_for, scenario
from test_properties import SETTINGS, scenarios

COMPLETE_NSCA = [event("2025-03-01", 20), event("2025-06-01", 20), event("2025-09-01", 20), {"date": "2025-04-01", "type": "first_aid"}]
LEADS = {"eligible": "Ready: ", "in_progress": "Not yet: ", "late": "Late: ", "expired": "Expired on ",
         "not_due": "Nothing due yet: "}


def test_dates_in_words_and_money_in_dollars():
    assert in_words("2026-12-31") == "December 31, 2026"
    assert in_words("2027-01-05") == "January 5, 2027"
    assert money(1234.5) == "$1,234.50" and money(None) is None


def test_ready_nsca_cscs_reports_and_pays_the_non_member_fee_by_december_31():
    # NSCA, certified before 2018: $90 for non-members; deadline December 31 of the cycle's final year.
    c = result_for(scenario("2026-11-23", [("nsca-cscs", "2015-05-01")], COMPLETE_NSCA))
    assert c["status"] == "eligible"
    assert c["verdict"] == "Ready: report and pay $90.00 by December 31, 2026 (38 days)."


def test_not_yet_names_the_ceus_to_go_the_fee_and_the_days_left():
    # 8 hours of an event = 0.8 CEU of 6.0: 5.2 to go (and a second category), $90 by December 31.
    c = result_for(scenario("2026-11-23", [("nsca-cscs", "2019-04-02")], [event("2025-03-01", 8)]))
    assert c["status"] == "in_progress"
    assert c["verdict"].startswith("Not yet: 5.2 CEUs to go")
    assert c["verdict"].endswith("and $90.00 to pay by December 31, 2026 (38 days).")


def test_not_yet_says_cpr_aed_is_missing_when_the_ceus_are_done():
    # NASM: 2.0 CEUs including the CPR/AED tenth; without a current card the credential is not ready.
    c = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 20)], cpr_aed=None))
    assert c["status"] == "in_progress"
    assert "a current CPR/AED certification to get" in c["verdict"]
    assert "$99.00 to pay by August 1, 2026 (92 days)" in c["verdict"]


def test_late_nsca_pays_the_fee_plus_the_35_dollar_late_fee_by_january_31():
    # NSCA late reporting: CEUs earned in the cycle, reported by January 31 with a $35 late fee.
    c = result_for(scenario("2027-01-15", [("nsca-cscs", "2015-05-01", "2026-12-31")], COMPLETE_NSCA))
    assert c["status"] == "late"
    assert c["verdict"] == "Late: report and pay $90.00 plus the $35.00 late fee by January 31, 2027 (16 days)."


def test_late_nasm_within_90_days_says_the_late_fee_rises_after_that():
    # NASM: $30 up to 90 days after expiration, then $50 until the day before the first anniversary.
    c = result_for(scenario("2026-09-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-03-03", 19)]))
    assert c["status"] == "late"
    assert c["verdict"].startswith("Late: report and pay $99.00 plus the $30.00 late fee by October 30, 2026 (59 days)")
    assert c["verdict"].endswith("after that a higher late fee applies, until July 31, 2027.")


def test_late_nasm_after_90_days_names_the_50_dollar_fee_and_the_last_day():
    c = result_for(scenario("2026-12-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-03-03", 19)]))
    assert c["verdict"] == "Late: report and pay $99.00 plus the $50.00 late fee by July 31, 2027 (242 days)."


def test_expired_nsca_offers_the_hardship_appeal_with_its_dates_while_they_hold():
    # NSCA seed: hardship appeals February 1 - March 15 for one review; appeal/reinstatement itself has no
    # published end (nsca.toml), so after March 15 the verdict still offers it, as the next steps do.
    open_window = result_for(scenario("2027-02-10", [("nsca-cscs", "2015-05-01", "2026-12-31")]))
    assert open_window["status"] == "expired"
    assert open_window["verdict"].startswith("Expired on December 31, 2026: renewing is no longer possible, but you can "
                                             "file a hardship appeal between February 1 and March 15, 2027, or take the exam again")
    closed = result_for(scenario("2027-04-01", [("nsca-cscs", "2015-05-01", "2026-12-31")]))
    assert "you can appeal (the next steps say how)" in closed["verdict"] and "take the exam again" in closed["verdict"]
    assert "February 1" not in closed["verdict"]
    assert any("appeal/reinstatement process" in action for action in closed["actions"])


def test_expired_acsm_names_the_165_dollar_reinstatement():
    # ACSM: after the June 30 grace period, reinstatement ($165), the one route facts.md names.
    c = result_for(scenario("2027-07-15", [("acsm-ep", "2022-05-01", "2026-12-31")]))
    assert c["status"] == "expired"
    assert "apply for reinstatement ($165.00)." in c["verdict"]


def test_expired_fee_not_published_is_said_so():
    c = result_for(scenario("2026-11-23", [("nasm-cpt", "2018-08-01", "2022-08-01")]))
    assert c["status"] == "expired" and c["total_due"] is None
    assert "take the exam again (fee not published in our sources)" in c["verdict"]


def test_not_due_nsca_certified_in_july_of_the_final_year_names_the_first_deadline():
    # NSCA: certified from July of a cycle's final year, nothing is due until the next cycle's end.
    c = result_for(scenario("2026-08-01", [("nsca-cscs", "2026-07-15")]))
    assert c["status"] == "not_due"
    assert c["verdict"] == "Nothing due yet: 6.0 CEUs, earned from January 1, 2027, will be due by December 31, 2029 (1,248 days)."


def test_recertify_for_life_held_leaves_nothing_to_pay():
    c = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 19)],
                            options={"nasm_recertify_for_life": "held"}))
    assert c["verdict"] == "Ready: report by August 1, 2026 (92 days); nothing to pay."


def test_summary_counts_each_status_sums_what_is_due_and_names_the_nearest_deadline():
    data = scenario("2026-11-23", [("nsca-cscs", "2015-05-01"), ("nasm-cpt", "2024-10-01", "2026-10-01"),
                                   ("acsm-cpt", "2020-05-01", "2022-12-31")], [event("2025-03-01", 8)])
    result = evaluate(data)
    statuses = sorted(c["status"] for c in result["credentials"])
    assert statuses == ["expired", "in_progress", "late"]
    due = [c for c in result["credentials"] if c["status"] != "expired"]
    total = money(sum(c["total_due"] for c in due))
    assert result["summary"] == (f"3 credentials: 1 not yet ready, 1 late, 1 expired. {total} to pay in all; "
                                 "the nearest deadline is December 30, 2026 (37 days).")  # NASM: 90 days after October 1


def test_summary_with_fees_not_published_says_in_all_before_them():
    data = scenario("2026-03-01", [("nasm-cpt", "2024-08-01", "2026-08-01"), ("ace-cpt", "2024-06-10", "2026-06-10")],
                    [event("2025-03-01", 8)])
    assert evaluate(data)["summary"].endswith(
        "$99.00 to pay in all, plus fees our sources do not publish; the nearest deadline is June 10, 2026 (101 days).")


def test_summary_of_one_credential_is_its_status_what_is_owed_and_by_when():
    result = evaluate(scenario("2026-11-23", [("nsca-cscs", "2019-04-02")], [event("2025-03-01", 8)]))
    assert result["summary"] == "1 credential: not yet ready. $90.00 to pay by December 31, 2026 (38 days)."


def test_summary_when_nothing_can_be_renewed_points_to_the_results():
    result = evaluate(scenario("2027-04-01", [("nsca-cscs", "2015-05-01", "2026-12-31")]))
    assert result["summary"].startswith("1 credential: expired. No deadline is left")


@SETTINGS
@given(scenarios())
def test_every_result_has_one_sentence_that_starts_with_its_status(data):
    result = evaluate(data)
    for c in result["credentials"]:
        assert c["verdict"].startswith(LEADS[c["status"]]), c["verdict"]
        assert c["verdict"].endswith(".") and not re.search(r"\d{4}-\d{2}-\d{2}|None|\$None", c["verdict"])
    assert result["summary"].startswith(f"{len(result['credentials'])} credential")


def test_a_required_part_still_short_is_named_in_the_verdict():
    # NCSF "How To Recertify": 2 of the 10 CEUs must be CPR; 11 general CEUs do not stand in for it.
    activities = [event("2025-05-01", 20), {"date": "2025-06-01", "type": "online_course", "hours": 2, "topic": "ethics"}]
    c = result_for(scenario("2026-11-01", [("ncsf-cpt", "2025-03-10")], activities))
    assert c["earned"] >= c["required"] and c["shortfall"] == 2.0
    assert c["verdict"].startswith("Not yet: 2.0 CEUs to go (including 2.0 CEUs of CPR) and $85.00 to pay")


def test_nothing_to_pay_is_said_in_words_not_as_zero_dollars():
    # ISSA requirements page: renewal is $0 when all 20 hours were earned through ISSA.
    activities = [{"date": "2025-05-01", "type": "online_course", "hours": 20, "provider": "issa"}]
    c = result_for(scenario("2026-11-01", [("issa-cpt", "2025-01-10")], activities, cpr_aed={"valid_until": "2028-01-01"}))
    assert c["total_due"] == 0 and not any("$0.00" in action for action in c["actions"])
    assert any("there is nothing to pay" in action for action in c["actions"])
