"""The generated credential and comparison pages say what the calculator computes."""
import html
import re

import pytest

from calculator import evaluate, list_credentials
from calculator.describe import reference_date
from calculator.fees import NOT_PUBLISHED
from calculator.rules import credential_index, show

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
