"""The rules data: every figure cites a source, and a new credential is a data-only change."""
import copy

import pytest

from calculator import evaluate, list_credentials, rules
from helpers import event, scenario

FACTS_IDS = {"nasm-cpt", "acsm-gei", "acsm-cpt", "acsm-ep", "acsm-cep", "acsm-rcep", "acsm-cift", "acsm-cet", "acsm-paphs",
             "nsca-cscs", "nsca-cpt", "nsca-tsacf", "nsca-csps"}


def figures(data):
    """Every table of the data that carries a figure or a rule."""
    yield from (data["cycle"], data["cpr_aed"], data["count_window"], data["expired"])
    yield from data.get("late", [])
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


def test_all_thirteen_credentials_of_facts_md_are_supported():
    assert {c["id"] for c in list_credentials()} == FACTS_IDS


@pytest.mark.parametrize("org", rules.organization_ids())
def test_every_figure_names_a_source_that_exists(org):
    data = rules.load_rules()[org]
    for table in figures(data):
        assert table["source"] in data["sources"], table
    for credential in data["credentials"]:
        assert "required" not in credential or credential["required_source"] in data["sources"]


def test_every_source_is_dated_and_addressed():
    for data in rules.load_rules().values():
        for source in data["sources"].values():
            assert source["url"].startswith("https://") and source["published"] and source["checked"]


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
