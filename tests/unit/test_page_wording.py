"""Issue 17: what the generated pages say comes from the data, in the trainer's words and true to the sources."""
import pytest

from buildlib.pages.plain_words import FIELD_SYNTAX, nested_brackets, wording_problems
from calculator import describe
from calculator.rules import load_rules


def every_generated_sentence():
    """Every piece of text the credential and comparison pages take from describe."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
    yield from strings(describe.organizations())
    for org in describe.organizations():
        for credential in org["credentials"]:
            yield from strings(describe.credential(credential["id"]))


def test_no_generated_text_shows_the_calculators_field_syntax_or_nested_brackets():
    for text in every_generated_sentence():
        assert not FIELD_SYNTAX.search(text), text
        assert not nested_brackets(text), text


def test_the_page_check_finds_field_syntax_and_a_bracket_inside_a_bracket():
    page = "<main><p>petition it (type 'other', approved false)</p><p>the 2018-2020 cycle (latest (ours))</p></main>"
    problems = wording_problems(page, "/x/")
    assert any("input syntax" in problem for problem in problems)
    assert any("bracket inside a bracket" in problem and "latest" in problem for problem in problems)


def test_code_samples_are_not_checked():
    assert wording_problems("<pre><code>{\"type\": \"other\"} (a (b))</code></pre>", "/embed/") == []


def test_acsm_cpr_aed_is_neither_adult_nor_hands_on_in_the_pages():
    """ACSM's page says only "Maintain a current CPR and AED certification"."""
    text = describe.organization(load_rules()["acsm"])["cpr_aed"]
    assert "adult" not in text and "hands-on" not in text
    assert "does not spell out the course format" in text


def test_nasm_cpr_aed_stays_adult_and_hands_on():
    """AFAA/NASM terms: the course must include a hands-on skills component."""
    text = describe.organization(load_rules()["nasm"])["cpr_aed"]
    assert "adult" in text and "hands-on" in text


def test_nsca_cpr_aed_is_adult_with_a_skills_evaluation_online_or_not():
    """NSCA FAQ (2018-2020): an online renewal is fine if it covers adults and includes a skills evaluation."""
    text = describe.organization(load_rules()["nsca"])["cpr_aed"]
    assert "adult" in text and "skills evaluation" in text and "online" in text and "in person" in text
    assert "hands-on" not in text


@pytest.mark.parametrize("org, window", [("acsm", "until June 30"), ("nsca", "until January 31"),
                                          ("nasm", "up to 90 days after your expiration date")])
def test_late_windows_read_as_dates_or_lengths_not_offsets(org, window):
    """ACSM's grace period ends June 30 and NSCA's late reporting January 31 (seeds)."""
    windows = [tier["until"] for tier in describe.organization(load_rules()[org])["late"]]
    assert windows[0] == window
    assert not any("months after the deadline" in text for text in windows)


def test_units_are_singular_only_for_exactly_one_as_the_calculator_writes_them():
    assert describe.credential("nasm-cpt")["requirement"]["summary"] == "2.0 CEUs per cycle"
    assert describe.credential("acsm-cpt")["requirement"]["summary"] == "45 CECs per cycle"
    assert describe.organization(load_rules()["nasm"])["hour_value"] == "0.1 CEUs"
    assert describe.organization(load_rules()["acsm"])["hour_value"] == "1 CEC"


def test_acsm_college_credit_names_no_term_and_volunteering_is_committee_service_by_our_reading():
    """Only "10 CECs per credit hour" and committee volunteering up to 8 per year are sourced."""
    rules = {row["type"]: row for row in describe.credential("acsm-cpt")["activities"]}
    assert rules["college_course"]["rule"].startswith("10 CECs per credit hour")
    assert "quarter" not in rules["college_course"]["rule"]
    assert rules["volunteer"]["name"] == "Volunteering on an ACSM committee"
    assert "our reading" in rules["volunteer"]["rule"] and "at most 8 CECs per calendar year" in rules["volunteer"]["rule"]


def test_reasons_use_the_forms_labels():
    """NASM college courses: petitioned as the form's "Other activity", unticking its pre-approval box."""
    reason = load_rules()["nasm"]["activities"]["college_course"]["reason"]
    assert describe.ACTIVITY_NAMES["other"] in reason and "Pre-approved by the organization" in reason


def test_nsca_fees_by_band_say_they_are_carried_forward_where_shown():
    requirement = describe.credential("nsca-cscs")["requirement"]
    assert "carried forward" in requirement["fee_period"] and "2018-2020" in requirement["fee_period"]
    late = describe.organization(load_rules()["nsca"])["late"][0]
    assert "carried forward" in late["period"] and "carried forward" in late["fee"]["period"]
