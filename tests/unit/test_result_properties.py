"""Properties of a whole result over random scenarios (hypothesis, derandomized): what a person reads
(verdict, next steps) agrees with the result's fields, and nothing but the rules moves the answer.

- the order of `credentials` and of `activities` changes no credential's result, and a fee per person is
  charged once, on the credential named to carry it;
- no verdict or next step asks for something by a day before `as_of`, and every date in them is written out;
- the verdict's status word, amounts and days agree with `status`, `total_due`, `plan.by` and `late_until`;
- moving every date of a scenario by whole cycles inside one rule set keeps its status.
"""
import math
import re
from datetime import date, timedelta
from random import Random

from hypothesis import HealthCheck, example, given, settings, strategies as st

from calculator.counting import cpr_aed_credit
from calculator.dates import in_words
from calculator.rules import credential_index, load_rules
from calculator.verdict import STATUS_WORDS, money
from calculator.windows import early_rate, full_rate_total, renewals_open
from test_properties import activities, scenarios, valid_results

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE = rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}"
ASKED_BY = re.compile(rf"\b(?:by|until|renewals open, to) ({LONG_DATE})")  # "pay $90.00 by ...", "applies, until ..."
ANY_DATE = re.compile(LONG_DATE)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DOLLARS = re.compile(r"\$([\d,]+\.\d\d)")


def by_id(data):
    return {c["id"]: c for c in valid_results(data)}


def words_of(c):
    """Every sentence a person reads for one credential."""
    return [c["verdict"], *c["actions"], *c["plan"]["steps"], *(entry["note"] for entry in c["counted"])]


def day_of(text):
    return date.fromisoformat(text) if ISO.fullmatch(text) else None


def parse_long(text):
    month, day, year = re.match(r"(\w+) (\d+), (\d+)", text).groups()
    return date(int(year), MONTHS.split("|").index(month) + 1, int(day))


# --- the order of what was entered ----------------------------------------------------------------------------


def with_activities_by_content(c, activities_given):
    """The result with each `counted` entry naming its activity by content, not by place in the list."""
    def key(entry):
        index = entry["activity"]
        return (sorted(activities_given[index].items()) if index is not None else [], entry["amount"], entry["note"])
    return c | {"counted": sorted((key(entry) for entry in c["counted"]), key=repr)}


CPR = {"valid_until": "2030-01-01", "hands_on_skills": True}
NO_OPTIONS = {"nasm_recertify_for_life": "none", "acsm_path": "cec", "nsca_distinction": False}
# Issue 22's examples, so that each property runs on them whatever the random draw:
# *D with the newer NSCA credential first (item 4); two ACSM credentials at one fee (which leads);
# two NCSF CPR courses on one day (which one counts).
DISTINCTION_NEWER_FIRST = {
    "as_of": "2026-06-01", "cpr_aed": CPR, "memberships": [], "options": NO_OPTIONS | {"nsca_distinction": True},
    "credentials": [{"id": "nsca-cscs", "certified_on": "2024-06-01"}, {"id": "nsca-cpt", "certified_on": "2015-01-01"}],
    "activities": [{"type": "event", "date": f"2024-0{m}-01", "hours": 20, "nsca_activity": True} for m in (1, 2, 3, 4, 5, 7)]}
ACSM_SAME_FEE = {
    "as_of": "2026-06-01", "cpr_aed": CPR, "memberships": [], "options": NO_OPTIONS,
    "credentials": [{"id": "acsm-cpt", "certified_on": "2023-02-01"}, {"id": "acsm-gei", "certified_on": "2023-03-01"}],
    "activities": [{"type": "event", "date": "2024-05-01", "hours": 45}]}
NCSF_TWO_CPR = {
    "as_of": "2026-03-01", "cpr_aed": None, "memberships": [], "options": NO_OPTIONS,
    "credentials": [{"id": "ncsf-cpt", "certified_on": "2024-05-10"}],
    "activities": [{"type": "cpr_aed", "date": "2025-03-01", "title": "CPR"}, {"type": "cpr_aed", "date": "2025-03-01", "title": "CPR and AED"}]}
# After the deadline: an ACSM exam passed in time (item 1); NASM late with no card (item 8); an NSCA early rate (item 6);
# ISSA under 3 months late (item 8); ACE after its grace period (item 7).
EXAM_PASSED = {
    "as_of": "2026-02-10", "cpr_aed": CPR, "memberships": [], "activities": [],
    "options": NO_OPTIONS | {"acsm_path": "exam", "acsm_exam_passed_on": "2025-11-20"},
    "credentials": [{"id": "acsm-ep", "certified_on": "2022-06-15", "expires_on": "2025-12-31"}]}
NASM_LATE_NO_CARD = {
    "as_of": "2026-09-15", "cpr_aed": None, "memberships": [], "options": NO_OPTIONS,
    "credentials": [{"id": "nasm-cpt", "certified_on": "2024-08-01", "expires_on": "2026-08-01"}],
    "activities": [{"type": "event", "date": "2025-03-01", "hours": 10}]}
NSCA_EARLY_RATE = {
    "as_of": "2020-06-01", "cpr_aed": CPR, "memberships": ["nsca"], "options": NO_OPTIONS,
    "credentials": [{"id": "nsca-cscs", "certified_on": "2015-01-01"}],
    "activities": [{"type": "event", "date": "2019-01-10", "hours": 20}]}
ISSA_UNDER_3_MONTHS = {
    "as_of": "2026-06-01", "cpr_aed": CPR, "memberships": [], "options": NO_OPTIONS,
    "credentials": [{"id": "issa-cpt", "certified_on": "2024-05-10", "expires_on": "2026-05-10"}],
    "activities": [{"type": "online_course", "date": "2025-01-10", "hours": 20}]}
ACE_AFTER_GRACE = ISSA_UNDER_3_MONTHS | {"as_of": "2027-06-01", "credentials": [{"id": "ace-cpt", "certified_on": "2024-06-10", "expires_on": "2026-06-10"}]}
AFTER_THE_DEADLINE = (EXAM_PASSED, NASM_LATE_NO_CARD, NSCA_EARLY_RATE, ISSA_UNDER_3_MONTHS, ACE_AFTER_GRACE)


def _examples(cases, *more):
    """Decorate a property with the given scenarios as explicit examples."""
    def decorate(test):
        for case in reversed(cases):
            test = example(case, *more)(test)
        return test
    return decorate


@SETTINGS
@given(st.one_of(scenarios(), st.deferred(lambda: one_rule_set().map(lambda drawn: drawn[1]))), st.randoms(use_true_random=False))
@_examples((DISTINCTION_NEWER_FIRST, ACSM_SAME_FEE, NCSF_TWO_CPR), Random(0))
@_examples((DISTINCTION_NEWER_FIRST, ACSM_SAME_FEE, NCSF_TWO_CPR), Random(1))
def test_the_order_of_credentials_and_of_activities_changes_no_result(data, rnd):
    credentials, activities_given = list(data["credentials"]), list(data["activities"])
    rnd.shuffle(credentials)
    rnd.shuffle(activities_given)
    shuffled = data | {"credentials": credentials, "activities": activities_given}
    before, after = by_id(data), by_id(shuffled)
    for cid, c in before.items():
        assert with_activities_by_content(after[cid], activities_given) == with_activities_by_content(c, data["activities"]), cid


@SETTINGS
@given(st.one_of(scenarios(), st.deferred(lambda: one_rule_set().map(lambda drawn: drawn[1]))))
@_examples((DISTINCTION_NEWER_FIRST,))
def test_a_fee_per_person_is_charged_once_on_the_credential_named_to_carry_it(data):
    for rules in load_rules().values():
        results = [c for c in valid_results(data) if c.get("distinction") and credential_index()[c["id"]][0] is rules]
        if not results or rules["distinction"]["fee_per"] != "person":
            continue
        carriers = [c["id"] for c in results if any(fee["label"].startswith(rules["distinction"]["label"]) for fee in c["fees"])]
        named = {c["distinction"]["fee_with"] for c in results}
        assert len(named) == 1 and carriers in ([], list(named)), (named, carriers)
        renewing = [c for c in results if c["status"] in ("eligible", "in_progress", "late")]
        assert (carriers != []) == any(c["distinction"]["met"] for c in renewing), carriers


# --- nothing asked for by a day already past ------------------------------------------------------------------


@SETTINGS
@given(st.one_of(scenarios(), st.deferred(lambda: one_rule_set().map(lambda drawn: drawn[1]))))
@_examples(AFTER_THE_DEADLINE)
def test_no_verdict_or_step_asks_for_anything_by_a_day_before_as_of_and_every_date_is_written_out(data):
    as_of = date.fromisoformat(data["as_of"])
    for c in valid_results(data):
        for text in words_of(c):
            assert not ISO.search(text), text
            assert not re.search(r"\(-\d", text), text  # no negative count of days left
            for asked in ASKED_BY.findall(text):
                assert parse_long(asked) >= as_of, (data["as_of"], text)


# --- the verdict agrees with the fields -----------------------------------------------------------------------


def dollars(text):
    return [float(amount.replace(",", "")) for amount in DOLLARS.findall(text)]


def says_the_amount(c, said):
    """The verdict's first amount is what is due, or its first two are the fee "plus the" late fee."""
    amounts = dollars(said)
    if c["total_due"] is None:
        return "not published in our sources" in said
    if c["total_due"] == 0:
        return not amounts or c["status"] == "expired" and money(0) in said
    return bool(amounts) and (math.isclose(amounts[0], c["total_due"])
                              or " plus the $" in said and len(amounts) > 1 and math.isclose(amounts[0] + amounts[1], c["total_due"]))


def days_a_verdict_may_name(c, rules):
    """The days a verdict of an open cycle may name: its deadline, the plan's day, the late tier's and the last
    late day, the early rate's last day and the day renewals open."""
    days = {c["deadline"], c["plan"]["by"], c["late_until"], (c["late_tier"] or {}).get("until")}
    early = early_rate(c)
    opens = renewals_open(rules, c["deadline"])
    days |= {early["early_until"] if early else None, opens.isoformat() if opens else None}
    return {in_words(day) for day in days if day}


@SETTINGS
@given(st.one_of(scenarios(), st.deferred(lambda: one_rule_set().map(lambda drawn: drawn[1]))))
@_examples(AFTER_THE_DEADLINE)
def test_the_verdict_says_the_status_the_amount_and_the_days_of_the_result(data):
    for c in valid_results(data):
        rules, said, status = credential_index()[c["id"]][0], c["verdict"], c["status"]
        assert said.startswith(STATUS_WORDS[status]) and not any(
            said.startswith(word) for other, word in STATUS_WORDS.items() if other != status and not word.startswith(STATUS_WORDS[status])), said
        if status != "not_due":
            assert says_the_amount(c, said), (c["total_due"], said)
        early = early_rate(c)
        if early and status in ("eligible", "in_progress"):
            assert money(full_rate_total(c, early)) in said and in_words(early["early_until"]) in said, said
        if status in ("eligible", "in_progress", "late"):
            assert set(ANY_DATE.findall(said)) <= days_a_verdict_may_name(c, rules), said
            if c["plan"]["by"]:
                assert in_words(c["plan"]["by"]) in said, (c["plan"]["by"], said)
        if status in ("eligible", "in_progress") and c["path"] != "exam":
            assert in_words(c["deadline"]) in said, said
        if status == "late":
            credit = 0 if c["cpr_aed_ok"] else float(cpr_aed_credit(rules))
            lost = c["shortfall"] > credit and not c["plan"]["by"]
            assert in_words(c["deadline"] if lost else c["late_tier"]["until"]) in said, said
            assert ("late fee applies, until" in said) <= (not c["late_tier"]["last"] and in_words(c["late_until"]) in said), said
        if status == "expired":
            assert said.startswith(f"Expired on {in_words(c['deadline'])}"), said


# --- the same scenario a whole number of cycles later ---------------------------------------------------------


def rule_set_start(rules):
    """The first day after which nothing in the organization's data changes: its latest dated entry."""
    days = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key in ("from", "until", "before") and isinstance(value, str) and day_of(value):
            days.append(day_of(value) + timedelta(days=1) if key == "until" else day_of(value))
        elif key == "first_cycle":
            days.append(date(value, 1, 1))
    walk(rules)
    return max((d for d in days if d.year < 2100), default=date(2012, 1, 1))


def years_per_shift(rules):
    """Whole cycles that are also whole leap-year periods, so every day keeps its place."""
    return math.lcm(rules["cycle"]["years"], 4)


@st.composite
def one_rule_set(draw):
    """A scenario of one organization's credentials whose dates all fall after its rules last changed."""
    rules = draw(st.sampled_from(list(load_rules().values())))
    start = max(rule_set_start(rules), date(2012, 1, 1))
    days = st.dates(min_value=start, max_value=start + timedelta(days=9 * 365))
    base = draw(scenarios())
    held = draw(st.lists(st.sampled_from([c["id"] for c in rules["credentials"]]), min_size=1, max_size=3, unique=True))
    credentials = [{"id": cid, "certified_on": draw(days).isoformat()} for cid in held]
    for credential in credentials:
        if draw(st.booleans()):
            credential["expires_on"] = (date.fromisoformat(credential["certified_on"]) + timedelta(days=draw(st.integers(30, 1500)))).isoformat()
    moved = [item | {"date": draw(days).isoformat()} | ({"started_on": draw(days).isoformat()} if "started_on" in item else {})
             for item in draw(st.lists(activities(), max_size=10))]
    cpr = base["cpr_aed"] and base["cpr_aed"] | {"valid_until": draw(days).isoformat()}
    options = base["options"] | ({"acsm_exam_passed_on": draw(days).isoformat()} if draw(st.booleans()) else {})
    as_of = max([draw(days)] + [date.fromisoformat(c["certified_on"]) for c in credentials])
    return rules, base | {"as_of": as_of.isoformat(), "credentials": credentials, "activities": moved, "cpr_aed": cpr, "options": options}


def moved_by(value, years, key=None):
    """Every date in a scenario, `years` later."""
    if isinstance(value, dict):
        return {k: moved_by(v, years, k) for k, v in value.items()}
    if isinstance(value, list):
        return [moved_by(v, years) for v in value]
    if isinstance(value, str) and day_of(value):
        day = day_of(value)
        return day.replace(year=day.year + years).isoformat()
    return value


@SETTINGS
@given(one_rule_set(), st.integers(1, 2))
def test_moving_every_date_by_whole_cycles_inside_one_rule_set_keeps_the_status(drawn, times):
    rules, data = drawn
    later = moved_by(data, years_per_shift(rules) * times)
    then = by_id(later)
    for cid, c in by_id(data).items():
        assert (then[cid]["status"], then[cid]["shortfall"]) == (c["status"], c["shortfall"]), (cid, data["as_of"])
