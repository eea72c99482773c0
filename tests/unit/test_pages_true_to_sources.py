"""Issue 22, pages: each statement says what its source says, no more; where the sources are silent, the page says so."""
import html
import re
from datetime import date

import pytest

from buildlib.figures import single, tables
from buildlib.pages import content
from calculator import describe
from calculator.rules import credential_index, load_rules
from calculator.wording import NOT_PUBLISHED, long_date

from helpers import ROOT


@pytest.fixture(scope="module")
def rendered():
    """{url: page} for every content page, rendered as the build renders it."""
    return {page["url"]: page for page in content.read_pages(ROOT / "content")}


def text_of(page_html):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


@pytest.fixture(scope="module")
def pages(rendered):
    """{url: the page's text, tags and glossary links gone}."""
    return {url: text_of(page["html"]) for url, page in rendered.items()}


def silent_or_ruled_out():
    """(organization rules, activity type, its rules) for every activity that counts nothing."""
    return [(rules, kind, kind_rules) for rules in load_rules().values()
            for kind, kind_rules in rules["activities"].items() if kind_rules["kind"] == "none"]


def rows(cid):
    return {row["type"]: row["rule"] for row in describe.credential(cid)["activities"]}


@pytest.mark.parametrize("cid", [cid for cid in credential_index() if cid.startswith("nsca-")])
def test_nsca_volunteering_is_added_by_nsca_staff_once_a_year_and_the_calculator_says_why_it_counts_none(cid):
    """NSCA FAQ: volunteer CEUs are added once a year by NSCA staff, after a full year in a volunteer leadership position."""
    rule = rows(cid)["volunteer"]
    assert not rule.startswith("Does not count")
    assert "staff" in rule and "once a year" in rule and "full year" in rule
    assert "calculator counts none" in rule and NOT_PUBLISHED in rule


@pytest.mark.parametrize("rules, kind, kind_rules", silent_or_ruled_out(),
                         ids=lambda value: value if isinstance(value, str) else None)
def test_does_not_count_only_where_a_source_rules_it_out_and_silence_sends_the_reader_to_the_organization(rules, kind, kind_rules):
    rule = describe.activity_rule(rules, kind)
    if kind_rules.get("ruled_out"):
        assert rule.startswith("Does not count: ")
    else:
        short = rules["organization"]["short"]
        assert not rule.startswith("Does not count"), rule
        assert NOT_PUBLISHED in rule.lower() and re.search(rf"ask (the )?{short}\b", rule), rule


def test_a_row_that_says_how_to_enter_an_activity_never_says_it_does_not_count():
    """The three rows that read "does not count", then "to petition one, enter it as Other activity" (NASM, ACE, ISSA)."""
    offered = [(cid, rule) for cid in credential_index() for rule in rows(cid).values() if "as “Other activity”" in rule]
    assert {cid.split("-")[0] for cid, _ in offered} >= {"nasm", "ace", "issa"}
    for cid, rule in offered:
        assert not rule.startswith("Does not count"), (cid, rule)


def test_a_petition_fee_is_named_only_where_a_source_publishes_it():
    """NASM publishes its petition fee (seed); ACE's is not published in our sources."""
    assert f"{single.fee('nasm', 'petition')} per course" in rows("nasm-cpt")["event"]
    assert "with a fee per course" not in rows("ace-cpt")["event"]
    assert f"its fee {NOT_PUBLISHED}" in rows("ace-cpt")["event"]


def test_nsca_cpr_aed_may_be_online_with_a_skills_evaluation_on_every_page(pages):
    """NSCA FAQ: an online renewal is fine if it covers adults and includes a skills evaluation."""
    text = describe.organization(load_rules()["nsca"])["cpr_aed"]
    assert "skills evaluation" in text and "online" in text and "hands-on" not in text
    for url in ("/nsca/guidelines/", "/nsca/faq/"):
        assert "hands-on" not in pages[url], url


def test_acsm_pages_do_not_borrow_other_organizations_cpr_rules(pages):
    """ACSM's page asks only for a current CPR and AED certification."""
    for url in ("/acsm/guidelines/", "/acsm/faq/"):
        assert "want a hands-on" not in pages[url] and "NASM and NSCA" not in pages[url], url


def test_ncsf_hour_rate_is_for_most_home_study_and_seminars_wherever_it_is_shown():
    """NCSF: 'for most home study and seminars', 1 CEU = 2 hours."""
    scope = load_rules()["ncsf"]["organization"]["hour_value_scope"]
    assert "most home study and seminars" in scope
    assert scope in describe.organization(load_rules()["ncsf"])["hour_rate"]
    assert scope in tables.at_a_glance("ncsf")


def test_ncsf_cycle_runs_from_the_day_the_exam_was_passed():
    """NCSF: two years, from the day the exam was passed to the last day of that month two years later."""
    cycle = describe.organization(load_rules()["ncsf"])["cycle"]
    assert "passed the exam" in cycle and "last renewal" not in cycle


def test_no_page_places_the_expiration_date_in_an_account_no_source_names():
    """Only NASM's seed names the account where the expiration date is shown; ACE's and ISSA's sources name none."""
    for org, rules in load_rules().items():
        shown = "account" in describe.organization(rules)["cycle"] or "account" in single.deadline(org)
        assert shown == ("expiration_shown_in" in rules["organization"]), org
    assert "account" not in single.deadline("ace") and "account" not in single.deadline("issa")


def test_ace_pages_do_not_say_where_renewals_are_submitted_or_that_a_late_fee_applies(pages):
    """ACE's sources publish neither where to renew nor a late fee for the grace period."""
    assert "ACE account" not in pages["/ace/guidelines/"]
    assert "A late fee applies" not in pages["/ace/guidelines/"]


def test_fees_of_a_page_dated_after_a_day_are_not_said_to_apply_from_that_day():
    """ACSM's later fees come from a version of its page dated after 2025-02-22, not from that day."""
    rules = load_rules()["acsm"]
    history = tables.fee_history("acsm", "late", "reinstatement")
    edition = rules["sources"]["current"]["edition"]
    assert "dated after" in edition and describe.capital(edition) in history
    start = next(entry["from"] for entry in rules["fees"]["late"] if entry["source"] == "current")
    assert f"From {long_date(date.fromisoformat(start))}" not in history


def test_no_late_window_is_said_to_be_unpublished_not_to_be_absent(pages):
    """NCSF: no late window is published (handbook: retake the exam)."""
    assert "No late window is published in our sources" in tables.late_table("ncsf")
    assert "There is no late window" not in pages["/ncsf/guidelines/"]


def test_the_home_page_does_not_say_every_organization_requires_cpr_aed(pages):
    """NCSF's sources name no CPR/AED certification to hold: CPR is a part of its continuing education."""
    home = pages["/"]
    assert "Each of them asks for CPR" not in home
    for rules in load_rules().values():
        short = rules["organization"]["short"]
        if not rules["cpr_aed"]["required"]:
            assert f"{short}'s pages in our sources name no certification you must hold" in home, short


def glossary_entry(rendered, anchor):
    return text_of(re.search(rf'<h2 id="{anchor}">.*?(?=<h2|$)', rendered["/glossary/"]["html"], re.DOTALL).group(0))


@pytest.mark.parametrize("unit", ["CEU", "CEC"])
def test_the_glossary_gives_each_organizations_own_rate_for_its_unit(rendered, unit):
    """A unit's worth per hour differs by organization (NASM 0.1 CEU, NCSF 0.5 for most home study; ACSM 1 CEC, ACE 0.1)."""
    entry = glossary_entry(rendered, unit.lower())
    for rules in load_rules().values():
        if rules["organization"]["unit"] == unit:
            short = rules["organization"]["short"]
            assert f"{short}:" in entry, (unit, short)


def test_glossary_expansions_are_those_the_sources_give(pages):
    """The seeds spell out CEU (NASM), CEC (ACSM) and BLS (NSCA); for the rest the glossary says they do not."""
    text = pages["/glossary/"]
    for expansion in ("Continuing Education Unit", "Continuing Education Credit", "Basic Life Support"):
        assert expansion in text
    for unsourced in ("Continuing Medical Education", "National Commission for Certifying Agencies",
                      "Registered Strength and Conditioning Coach", "United States Anti-Doping Agency", "Certified Sports Nutrition Coach"):
        assert unsourced not in text


def test_nsca_personal_development_is_per_calendar_year_as_our_reading_on_every_page(pages):
    """NSCA FAQ: 0.5 CEU per year of the reporting period the person is certified; per calendar year is our reading."""
    assert "per calendar year" in rows("nsca-cscs")["personal_development"] and "our reading" in rows("nsca-cscs")["personal_development"]
    for url in ("/nsca/guidelines/", "/nsca/faq/"):
        assert "calendar year of the cycle" in pages[url] and "our reading of NSCA's allowance" in pages[url], url
        assert "per year of the cycle that you were certified" not in pages[url]


def test_nsca_certificates_may_wait_for_an_audit(pages):
    """NSCA FAQ: those selected for the audit 'may not receive' their certificates until it is done."""
    assert "waits until the audit" not in pages["/nsca/faq/"] and "waited until the audit" not in pages["/nsca/guidelines/"]
    assert "might not" in pages["/nsca/faq/"] and "might not" in pages["/nsca/guidelines/"]


def test_acsm_contact_details_and_sign_in_steps_agree_with_the_seed(pages):
    """ACSM's page gives no contact details; after signing in, the name shows at the top right and My Profile is clicked."""
    for url in ("/acsm/guidelines/", "/acsm/faq/"):
        assert "contact details are on" not in pages[url] and "through the contact details on" not in pages[url]
        assert "your name appears at the top right. Click My Profile" in pages[url], url
