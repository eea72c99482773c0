"""What the whole scenario owes (calculator/owed.py): one total, alike fees on one line, a fee the data
gives per person counted once, and every unpublished amount named once; and the note on windows that
outlast the credits (calculator/windows.py)."""
from calculator import evaluate
from calculator.owed import owed
from helpers import event, scenario

EXPIRED_ACSM = scenario("2026-12-03", [("acsm-ep", "2020-06-01", "2025-12-31"), ("acsm-cpt", "2020-06-01", "2025-12-31")])


def test_two_expired_acsm_credentials_owe_one_reinstatement_fee_each_with_one_total():
    result = evaluate(EXPIRED_ACSM)
    each = [c["total_due"] for c in result["credentials"]]
    assert len(each) == 2 and None not in each
    [line] = result["owed"]
    assert line["credentials"] == ["acsm-ep", "acsm-cpt"] and line["count"] == 2 and line["per"] == "credential"
    assert line["total"] == result["total_due"] == sum(each)
    assert "our sources do not say" in line["per_reading"]  # the data says it is our reading, and the result too
    assert result["unpublished"] == []


def test_the_total_is_every_published_fee_of_the_results():
    result = evaluate(scenario("2026-12-03", [("nsca-cscs", "2019-04-02"), ("nsca-cpt", "2019-04-02"), ("nasm-cpt", "2025-01-10")],
                               [event("2025-03-01", 8)], memberships=["nsca"]))
    fees = [fee["amount"] for c in result["credentials"] for fee in c["fees"]]
    assert None not in fees and result["total_due"] == sum(fees) > 0
    assert sum(line["count"] for line in result["owed"]) == sum(1 for amount in fees if amount)


def test_a_fee_our_sources_do_not_publish_is_named_once_with_every_credential_it_concerns():
    result = evaluate(scenario("2026-12-03", [("nsca-cscs", "2015-06-01", "2023-12-31"), ("nsca-cpt", "2015-06-01", "2023-12-31"),
                                              ("ncsf-cpt", "2025-06-01"), ("ncsf-sns", "2025-06-01")]))
    [unpublished] = result["unpublished"]
    assert unpublished["organization"] == "NSCA" and unpublished["credentials"] == ["nsca-cscs", "nsca-cpt"]
    assert "not published" not in unpublished["label"]
    # NCSF: one fee for two credentials renewed together, which the data says is per person
    [ncsf] = result["owed"]
    assert ncsf["per"] == "person" and ncsf["count"] == 1 and result["total_due"] == ncsf["amount"]


def test_a_fee_per_person_on_several_credentials_is_counted_once():
    fee = {"label": "Yearly fee", "amount": 25.0, "currency": "USD", "source": "s", "per": "person"}
    results = [{"id": cid, "organization": "X", "fees": [dict(fee)]} for cid in ("x-1", "x-2")]
    assert owed(results)["total_due"] == 25.0
    assert owed([{**results[0], "fees": [{**fee, "per": "credential"}]}, {**results[1], "fees": [{**fee, "per": "credential"}]}])["total_due"] == 50.0


def test_nasm_late_applications_outlast_the_credits_and_the_result_says_so():
    """NASM seed: applications up to a year after expiration, if the CE was done within 90 days of it."""
    in_time = evaluate(scenario("2026-10-01", [("nasm-cpt", "2024-08-20")]))["credentials"][0]
    assert in_time["counts_until"] == "2026-11-18" and in_time["late_until"] == "2027-08-19"
    assert in_time["status"] == "late" and in_time["closed_note"] is None
    assert in_time["window_note"] == "Late applications are accepted until August 19, 2027, but only with the requirement met by November 18, 2026."
    too_late = evaluate(scenario("2026-12-03", [("nasm-cpt", "2024-08-20")]))["credentials"][0]
    assert too_late["status"] == "expired" and too_late["window_note"] == in_time["window_note"]
    assert too_late["closed_note"].startswith("Late applications are accepted until August 19, 2027, but only when the requirement was met by November 18, 2026; yours was not")
    closed = evaluate(scenario("2027-08-20", [("nasm-cpt", "2024-08-20", "2026-08-20")]))["credentials"][0]
    assert closed["status"] == "expired" and closed["window_note"] is closed["closed_note"] is None  # every window has closed: the verdict says so


def test_no_activities_is_a_flag_of_the_form_that_changes_no_answer():
    plain = scenario("2026-12-03", [("nasm-cpt", "2024-08-20")])
    assert evaluate({**plain, "no_activities": True}) == evaluate(plain)
    assert evaluate({**plain, "no_activities": "yes"})["errors"][0]["field"] == "no_activities"
