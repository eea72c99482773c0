"""The generated credential and comparison pages say what the calculator computes."""
import html
import re

import pytest

from calculator import evaluate, list_credentials
from calculator.describe import reference_date
from calculator.fees import NOT_PUBLISHED
from calculator.rules import credential_index, load_rules, show

IDS = [c["id"] for c in list_credentials()]


def text_of(site_dir, path):
    page = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def fee_text(amount):
    return NOT_PUBLISHED if amount is None else f"${amount:.2f}"


def calculator_fee(cid, certified_on="2015-01-01", memberships=(), as_of=None):
    """The recertification fee the calculator asks (on the pages' reference date by default)."""
    scenario = {"as_of": as_of or reference_date().isoformat(), "credentials": [{"id": cid, "certified_on": certified_on}],
                "cpr_aed": None, "activities": [], "memberships": list(memberships)}
    return evaluate(scenario)["credentials"][0]["fees"][0]["amount"]


def nsca_fee_range(cid):
    """The calculator's lowest and highest fee over the certification bands of the current cycle."""
    deadline = evaluate({"as_of": reference_date().isoformat(), "credentials": [{"id": cid, "certified_on": "2015-01-01"}]})["credentials"][0]["deadline"]
    final_year = int(deadline[:4])
    dates = ["2015-01-01", f"{final_year - 2}-03-01", f"{final_year - 1}-03-01", f"{final_year}-03-01"]
    amounts = [calculator_fee(cid, day, members, as_of=deadline) for day in dates for members in ((), ("nsca",))]
    return min(amounts), max(amounts)


@pytest.mark.parametrize("cid", IDS)
def test_credential_page_shows_the_calculators_requirement_and_fee(site_dir, cid):
    text = text_of(site_dir, f"/credentials/{cid}/")
    result = evaluate({"as_of": reference_date().isoformat(), "credentials": [{"id": cid, "certified_on": "2015-01-01"}],
                       "cpr_aed": None})["credentials"][0]
    rules, _ = credential_index()[cid]
    assert f"{show(rules, result['required'])} {result['unit']}" in text
    if cid.startswith("nsca-"):
        low, high = nsca_fee_range(cid)
        assert f"${low:.2f} to ${high:.2f}" in text
    else:
        assert fee_text(calculator_fee(cid)) in text


def test_comparison_page_lists_every_credential_with_its_fee(site_dir):
    text = text_of(site_dir, "/compare/")
    for cid in IDS:
        result = evaluate({"as_of": reference_date().isoformat(), "credentials": [{"id": cid, "certified_on": "2015-01-01"}]})
        credential = result["credentials"][0]
        assert credential["name"] in text
        if not cid.startswith("nsca-"):
            assert fee_text(credential["fees"][0]["amount"]) in text


def activity_rows(site_dir, cid):
    """{activity name: how it counts} from a built credential page's "What counts" table."""
    page = (site_dir / "credentials" / cid / "index.html").read_text(encoding="utf-8")
    return {html.unescape(name): html.unescape(rule)
            for name, rule in re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', page, re.DOTALL)}


@pytest.mark.parametrize("cid", [cid for cid in IDS if cid.startswith("nsca-")])
def test_nsca_credential_page_says_nsca_staff_add_volunteer_ceus_and_why_the_calculator_counts_none(site_dir, cid):
    """NSCA FAQ: volunteer CEUs are added once a year by NSCA staff, after a full year in a volunteer leadership role."""
    rules, _ = credential_index()[cid]
    row = activity_rows(site_dir, cid)[rules["activities"]["volunteer"].get("name", "Volunteering")]
    assert not row.startswith("Does not count")
    assert "staff" in row and "once a year" in row and "calculator counts none" in row and NOT_PUBLISHED in row


@pytest.mark.parametrize("cid", IDS)
def test_a_credential_page_says_does_not_count_only_for_what_a_source_rules_out(site_dir, cid):
    rules, _ = credential_index()[cid]
    shown = activity_rows(site_dir, cid)
    for kind, kind_rules in rules["activities"].items():
        if kind_rules["kind"] != "none":
            continue
        row = next(rule for name, rule in shown.items() if kind_rules["reason"][1:] in rule)
        assert row.startswith("Does not count") == bool(kind_rules.get("ruled_out")), (kind, row)
        if not kind_rules.get("ruled_out"):
            assert NOT_PUBLISHED in row.lower(), (kind, row)


def test_the_comparison_page_gives_nsca_cpr_aed_a_skills_evaluation_that_may_be_online(site_dir):
    page = (site_dir / "compare" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td data-label="CPR/AED">(.*?)</td>', page, re.DOTALL)  # one row per organization
    nsca = html.unescape(cells[list(load_rules()).index("nsca")])
    assert "skills evaluation" in nsca and "online" in nsca and "hands-on" not in nsca


def test_the_built_home_page_does_not_say_every_organization_requires_cpr_aed(site_dir):
    text = text_of(site_dir, "/")
    assert "Each of them asks for CPR" not in text
    for rules, _ in credential_index().values():
        if not rules["cpr_aed"]["required"]:
            assert f"{rules['organization']['short']}'s pages in our sources name no certification you must hold" in text
