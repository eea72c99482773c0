"""The rules data: every figure cites a source, and a new credential is a data-only change."""
import copy

import pytest

from calculator import evaluate, list_credentials, rules
from helpers import event, scenario

FACTS_IDS = {"nasm-cpt", "acsm-gei", "acsm-cpt", "acsm-ep", "acsm-cep", "acsm-rcep", "acsm-cift", "acsm-cet", "acsm-paphs",
             "nsca-cscs", "nsca-cpt", "nsca-tsacf", "nsca-csps"}
FACTS_MORE_IDS = {"ace-cpt", "ace-gfi", "ace-hc", "ace-mes", "ncsf-cpt", "ncsf-sns", "issa-cpt"}


def figures(data):
    """Every table of the data that carries a figure or a rule."""
    yield from (data["cycle"], data["cpr_aed"], data["count_window"], data["expired"])
    yield from data.get("late", [])
    yield from data.get("required_parts", [])
    yield from (data[key] for key in ("several", "own_courses_fee", "once_per_course", "paths", "distinction", "lifetime_fee") if key in data)
    yield from (path for path in data.get("paths", {}).values() if isinstance(path, dict))
    yield from data["reminders"]
    yield from data["activities"].values()
    yield from data.get("cycle_rules", [])
    for entries in data["fees"].values():
        yield from entries
    for cap in data.get("year_caps", {}).values():
        yield from cap["values"]
    for credential in data["credentials"]:
        yield from credential.get("fee", [])


def test_every_credential_of_facts_md_and_facts_more_md_is_supported():
    assert {c["id"] for c in list_credentials()} == FACTS_IDS | FACTS_MORE_IDS


@pytest.mark.parametrize("org", rules.organization_ids())
def test_every_figure_names_a_source_that_exists(org):
    data = rules.load_rules()[org]
    for table in figures(data):
        assert table["source"] in data["sources"], table
    for credential in data["credentials"]:
        assert "required" not in credential or credential["required_source"] in data["sources"]


def test_every_source_says_its_edition_what_we_hold_and_where_it_is():
    """Issue 10: each source names its edition and our copy of it; without an address it says where to look."""
    for data in rules.load_rules().values():
        for source in data["sources"].values():
            assert source["title"] and source["edition"] and source["held"] in {"page", "notes"}, source
            assert source.get("url", "").startswith("https://") or source["where"], source


def test_sources_whose_capture_date_is_not_known_say_so_and_give_no_review_day():
    # facts-more.md: the date each ACE, NCSF and ISSA page was captured is not known.
    for org in ("ace", "ncsf", "issa"):
        for source in rules.load_rules()[org]["sources"].values():
            assert "date" in source["edition"] and "not known" in source["edition"] and "reviewed" not in source, source


def test_a_new_credential_is_a_data_change(monkeypatch):
    changed = copy.deepcopy(rules.load_rules())
    changed["acsm"]["credentials"].append({"id": "acsm-test", "name": "ACSM Test Credential", "abbreviation": "T",
                                           "required": 30, "required_source": "seed",
                                           "fee": [{"amount": 40, "source": "seed", "period": "test"}]})
    monkeypatch.setattr(rules, "load_rules", lambda: changed)
    rules.credential_index.cache_clear()
    try:
        c = evaluate(scenario("2026-06-01", [("acsm-test", "2023-02-01")], [event("2024-01-01", 30)]))["credentials"][0]
        assert (c["required"], c["status"], c["total_due"]) == (30, "eligible", 40)
    finally:
        rules.credential_index.cache_clear()


def test_a_changed_fee_is_a_data_change(monkeypatch):
    changed = copy.deepcopy(rules.load_rules())
    changed["nasm"]["credentials"][0]["fee"].append({"amount": 119, "from": "2026-01-01", "source": "current", "period": "test"})
    monkeypatch.setattr(rules, "load_rules", lambda: changed)
    rules.credential_index.cache_clear()
    try:
        c = evaluate(scenario("2026-06-01", [("nasm-cpt", "2024-08-01")]))["credentials"][0]
        assert c["fees"][0]["amount"] == 119
    finally:
        rules.credential_index.cache_clear()


def test_the_contracts_options_are_those_the_data_declares_with_their_values_and_defaults():
    # contract.md: options.nasm_recertify_for_life "none" (default), "buy" or "held"; options.acsm_path "cec" (default)
    # or "exam"; README: options.acsm_exam_passed_on, options.nsca_distinction, activity field nsca_activity.
    from calculator.choices import Option, activity_flags, declared_options
    organizations = rules.load_rules().values()
    assert declared_options(organizations) == {
        "nasm_recertify_for_life": Option("choice", ("none", "buy", "held"), "none"),
        "acsm_path": Option("choice", ("cec", "exam"), "cec"), "acsm_exam_passed_on": Option("date"),
        "nsca_distinction": Option("flag", default=False)}
    assert activity_flags(organizations) == ("nsca_activity",)
