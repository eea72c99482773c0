"""Issue 11's audit: each rule at the edge where it went wrong, named after the rule and the source words it follows.

Seeds are the organizations' pages this project starts from (NSCA Recertification FAQs, NASM CPT page, ACSM
recertification page); facts.md is the project's rule book built on them.
"""
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from calculator.words import quantity
from helpers import counted, event, fee_amounts, result_for, scenario

CPT, CSCS = "nsca-cpt", "nsca-cscs"


def texts(credential):
    return credential["actions"] + credential["plan"]["steps"]


# Item 1. NSCA seed: "you may earn 3.0 CEUs for earning an additional NSCA certification".
def test_nsca_additional_certification_counts_toward_the_credentials_already_held_not_the_new_one():
    activities = [{"date": "2025-03-01", "type": "nsca_certification", "credential": CSCS}, event("2025-05-01", 10)]
    data = scenario("2026-09-01", [(CPT, "2016-01-01"), (CSCS, "2025-03-01")], activities)
    cpt, cscs = result_for(data, CPT), result_for(data, CSCS)
    assert counted(cpt, 0)["amount"] == 3.0 and cpt["earned"] == 4.0
    assert counted(cscs, 0)["amount"] == 0 and cscs["earned"] == 1.0 and cscs["status"] == "in_progress"
    # The activity's credential decides, whatever its date: dated a week later, it still does not count toward the CSCS.
    later = data | {"activities": [activities[0] | {"date": "2025-03-08"}]}
    assert counted(result_for(later, CSCS), 0)["amount"] == 0 and counted(result_for(later, CPT), 0)["amount"] == 3.0


# Item 6. ACSM seed fee table and current page; faq12: "the highest credential's fee plus $5 for each additional".
def test_acsm_renewed_together_the_leading_fee_is_the_one_in_force_on_as_of():
    pair = [("acsm-cpt", "2021-02-01", "2024-12-31"), ("acsm-rcep", "2021-03-01", "2024-12-31")]
    data = scenario("2024-06-01", pair, [event("2022-03-01", 60)])
    assert fee_amounts(result_for(data, "acsm-rcep")) == [55] and fee_amounts(result_for(data, "acsm-cpt")) == [5]
    # From 2025-02-22 the CPT's fee is $60, above the RCEP's $55 (carried from the seed): the CPT leads.
    later = scenario("2025-06-01", [(cid, on, "2025-12-31") for cid, on, _ in pair], [event("2023-03-01", 60)])
    assert fee_amounts(result_for(later, "acsm-cpt")) == [60] and fee_amounts(result_for(later, "acsm-rcep")) == [5]


# Item 7. NSCA recertification page, 2018-2020: "Recertifying before July 31, 2020 saved $15".
def test_nsca_early_rate_is_said_with_both_amounts_and_their_dates():
    activities = [event("2019-01-10", 20), {"date": "2019-02-01", "type": "first_aid"}, event("2019-03-01", 20), event("2019-05-01", 20)]
    c = result_for(scenario("2020-06-01", [(CSCS, "2015-01-01")], activities, memberships=["nsca"]))
    assert c["status"] == "eligible" and c["total_due"] == 50
    pay = next(a for a in c["actions"] if "Report your CEUs" in a)
    assert "$50.00 by July 30, 2020" in pay and "$65.00" in pay and "December 31, 2020" in pay


# Item 8. Distinction: "free for members, $25 for non-members", one requirement "plus 2 for each additional
# NSCA credential" (facts.md); the recertification fee, not the *D fee, is "paid for each certification held" (seed).
def test_nsca_distinction_unmet_says_what_it_needs_and_its_fee_is_charged_once_per_person():
    nsca_events = [event(f"2024-0{m}-01", 20, nsca_activity=True) for m in (1, 2, 3)]  # 6.0 of the 12.0 *D needs
    both = [(CSCS, "2015-01-01"), (CPT, "2015-01-01")]
    unmet = scenario("2026-06-01", both, nsca_events + [{"date": "2024-08-01", "type": "first_aid"}] * 2,
                     options={"nsca_distinction": True})
    for cid in (CSCS, CPT):
        c = result_for(unmet, cid)
        assert c["status"] == "eligible" and not c["distinction"]["met"] and c["distinction"]["shortfall"] == 6.0
        assert 25 not in fee_amounts(c) and c["total_due"] == 90
        assert any("still needs 6.0 more CEUs of NSCA activities by December 31, 2026" in a for a in c["actions"])
        assert not any(a.startswith("Everything is in place.") for a in c["actions"])
    met = unmet | {"activities": unmet["activities"] + [event(f"2025-0{m}-01", 20, nsca_activity=True) for m in (1, 2, 3)]}
    charged = [fee_amounts(result_for(met, cid)).count(25) for cid in (CSCS, CPT)]
    assert charged == [1, 0]


# Item 9. NSCA seed: "only the activities completed after 4/2/2019 would be applied towards both certifications";
# college courses "must have started after date of certification".
def test_nsca_an_activity_on_the_certification_day_does_not_count_toward_that_credential():
    course = {"date": "2019-12-01", "type": "college_course", "credit_hours": 2, "term": "semester", "started_on": "2019-04-02"}
    data = scenario("2020-06-01", [(CPT, "2016-01-01"), (CSCS, "2019-04-02")], [event("2019-04-02", 10), event("2019-04-03", 10), course])
    cpt, cscs = result_for(data, CPT), result_for(data, CSCS)
    assert [counted(cpt, i)["amount"] for i in range(3)] == [1.0, 1.0, 1.0]
    assert [counted(cscs, i)["amount"] for i in range(3)] == [0, 1.0, 0]
    # ACSM and NASM say no "after": a course on the certification day counts there.
    acsm = result_for(scenario("2026-06-01", [("acsm-cpt", "2023-02-01")], [event("2023-02-01", 5)]))
    assert counted(acsm, 0)["amount"] == 5


# Item 10. NASM's current page counts 0.1 CEU for the current CPR/AED inside the 2.0 (facts.md).
def test_nasm_lapsed_cpr_aed_the_plan_renews_it_first_since_it_restores_the_tenth():
    lapsed = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 19)],
                                 cpr_aed={"valid_until": "2026-01-01", "hands_on_skills": True}))
    assert lapsed["shortfall"] == 0.1 and lapsed["plan"]["steps"][0].startswith("Renew your CPR/AED")
    assert len(lapsed["plan"]["steps"]) == 1 and not any(a.startswith("Earn") for a in lapsed["actions"])
    none_held = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 15)], cpr_aed=None))
    assert none_held["plan"]["steps"][0].startswith("Get an adult CPR/AED") and none_held["plan"]["steps"][1].startswith("4 hours")
    assert any(a.startswith("Earn 0.4 more CEUs") for a in none_held["actions"])


# Reading. NASM seed: the application "must be received before one year after credential expiration".
def test_reading_nasm_the_anniversary_of_expiration_is_already_too_late():
    data = scenario("2027-07-31", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 19)])
    last_day = result_for(data)
    assert last_day["status"] == "late" and last_day["late_until"] == "2027-07-31" and fee_amounts(last_day) == [99, 50]
    assert result_for(data | {"as_of": "2027-08-01"})["status"] == "expired"


# Reading. NSCA, 2018-2020: "before July 31, 2020".
def test_reading_nsca_before_july_31_2020_leaves_july_31_at_the_full_rate():
    member = [(CSCS, "2015-01-01")]
    assert fee_amounts(result_for(scenario("2020-07-30", member, memberships=["nsca"]))) == [50]
    assert fee_amounts(result_for(scenario("2020-07-31", member, memberships=["nsca"]))) == [65]


# Reading. NSCA seed: "0.5 CEU (or 5 contact hours) per year of the reporting period that you are certified".
def test_reading_nsca_personal_development_is_half_a_ceu_per_calendar_year_not_a_pooled_total():
    reading = [{"date": d, "type": "personal_development", "hours": 15} for d in ("2024-03-01", "2025-03-01", "2025-09-01", "2026-03-01")]
    c = result_for(scenario("2026-10-01", [(CSCS, "2015-01-01")], reading))
    assert [counted(c, i)["amount"] for i in range(4)] == [0.5, 0.5, 0, 0.5]
    # Certified in 2025: nothing before the certification counts, and 2025 has its own full 0.5.
    mid = result_for(scenario("2026-10-01", [(CSCS, "2025-02-01")], reading))
    assert [counted(mid, i)["amount"] for i in range(4)] == [0, 0.5, 0, 0.5]


# Reading. NSCA seed: "either retake the exam ... or go through the appeal/reinstatement process"; appeals
# "February 1 ... - March 15 ... for the Spring Certification Committee meeting".
def test_reading_nsca_after_the_late_window_appeal_reinstatement_stays_beside_the_exam():
    data = scenario("2027-02-10", [(CSCS, "2015-05-01", "2026-12-31")])
    for as_of in ("2027-02-10", "2027-04-01", "2028-01-15"):
        c = result_for(data | {"as_of": as_of})
        assert c["status"] == "expired"
        assert any("appeal/reinstatement" in a and "exam again" in a for a in c["actions"]), as_of


# Reading. NASM seed: "A late fee is charged for applications received up to 90 days post expiration. After the
# 90 days, an additional fee is applied"; Guidelines: $30 up to 90 days, "$50 after that" (facts.md).
def test_reading_nasm_after_day_90_the_50_dollars_replaces_the_30():
    data = scenario("2026-10-30", [("nasm-cpt", "2024-08-01", "2026-08-01")], [event("2025-01-10", 19)])
    assert fee_amounts(result_for(data)) == [99, 30]  # day 90
    day_91 = result_for(data | {"as_of": "2026-10-31"})
    assert fee_amounts(day_91) == [99, 50] and day_91["total_due"] == 149


# Plurals: "Earn 1 more CECs", "1 hours of ...", "1 quarter credit hours" were the audit's examples.
ONE_WITH_A_PLURAL = re.compile(r"(?<![\d.])1(\.0+)? (more )?(CEUs|CECs|hours|days|courses|quarter credit hours|semester credit hours|credit hours)\b")


def test_plurals_a_number_one_takes_the_singular_noun():
    acsm = result_for(scenario("2026-12-30", [("acsm-cpt", "2023-02-01", "2026-12-31")], [event("2024-01-10", 44)]))
    assert any(a.startswith("Earn 1 more CEC by December 31, 2026 (1 day)") for a in acsm["actions"])
    assert acsm["plan"]["steps"][0].startswith("1 hour of")
    course = {"date": "2025-01-01", "type": "college_course", "credit_hours": 1, "term": "quarter", "started_on": "2024-09-01"}
    petition = event("2025-02-01", 1, approved=False)
    nsca = result_for(scenario("2026-06-01", [(CSCS, "2015-02-01")], [course, event("2025-03-01", 1)]))
    nasm = result_for(scenario("2026-05-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [petition]))
    assert counted(nsca, 0)["note"].startswith("1 quarter credit hour at") and counted(nsca, 1)["note"].startswith("1 hour at")
    assert any(fee["label"] == "Petition fee for 1 course not pre-approved" for fee in nasm["fees"])
    for c in (acsm, nsca, nasm):
        words = texts(c) + [item["note"] for item in c["counted"]] + [fee["label"] for fee in c["fees"]]
        assert not [w for w in words if ONE_WITH_A_PLURAL.search(w)]
    assert (quantity("0.5", "CEU"), quantity(2, "hour"), quantity("1.0", "CEU")) == ("0.5 CEUs", "2 hours", "1.0 CEU")


# Property for item 9, deterministic: an activity dated on or before an NSCA credential's certification day (a
# college course started on or before it) never counts toward that credential; for any organization, an
# activity dated before the certification day never counts.
NEAR = st.integers(-3, 3)


@st.composite
def certification_edges(draw):
    ids = draw(st.lists(st.sampled_from([CPT, CSCS, "nsca-tsacf", "nasm-cpt", "acsm-cpt"]), min_size=1, max_size=3, unique=True))
    certified = [draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 6, 30))) for _ in ids]
    activities = []
    for _ in range(draw(st.integers(1, 6))):
        anchor = draw(st.sampled_from(certified))
        day = anchor + timedelta(days=draw(NEAR))
        kind = draw(st.sampled_from(["event", "first_aid", "nsca_certification", "college_course", "personal_development"]))
        item = {"type": kind, "date": day.isoformat()}
        if kind in ("event", "personal_development"):
            item["hours"] = draw(st.integers(1, 20))
        if kind == "nsca_certification" and draw(st.booleans()):
            item["credential"] = draw(st.sampled_from([CPT, CSCS, "nsca-tsacf"]))
        if kind == "college_course":
            started = anchor + timedelta(days=draw(NEAR))
            item |= {"credit_hours": 3, "term": "semester", "started_on": started.isoformat(),
                     "date": (started + timedelta(days=draw(st.integers(0, 120)))).isoformat()}
        activities.append(item)
    latest = max(date.fromisoformat(a["date"]) for a in activities)
    as_of = max(max(certified), latest) + timedelta(days=draw(st.integers(0, 400)))
    return scenario(as_of.isoformat(), list(zip(ids, map(date.isoformat, certified))), activities)


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(certification_edges())
def test_property_nothing_dated_on_or_before_an_nsca_certification_day_counts_toward_it(data):
    for held in data["credentials"]:
        c = result_for(data, held["id"])
        for entry in c["counted"]:
            if entry["activity"] is None:
                continue
            activity = data["activities"][entry["activity"]]
            if activity["date"] < held["certified_on"]:
                assert entry["amount"] == 0, (held, activity)
            if held["id"].startswith("nsca-"):
                on_or_before = activity["date"] <= held["certified_on"] or activity.get("started_on", "9999") <= held["certified_on"]
                assert not (on_or_before and entry["amount"]), (held, activity, entry)
