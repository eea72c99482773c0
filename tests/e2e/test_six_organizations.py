"""Every organization in the data appears wherever the site lists organizations, and search finds the
guidelines of the three added as data only (ACE, NCSF, ISSA)."""
import html
import re

import pytest
from playwright.sync_api import expect

from calculator.rules import load_rules

SHORTS = [rules["organization"]["short"] for rules in load_rules().values()]


def text_of(site_dir, url):
    page = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_there_are_six_organizations_in_their_data_order():
    assert SHORTS == ["NASM", "ACSM", "NSCA", "ACE", "NCSF", "ISSA"]


@pytest.mark.parametrize("url", ["/", "/compare/", "/calculator/", "/about/", "/credentials/issa-cpt/"])
def test_the_menu_and_footer_name_every_organization(site_dir, url):
    page = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
    menu = page[page.index('<nav aria-label="Main">'):page.index("</nav>")]
    assert re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', menu)[:len(SHORTS)] == SHORTS
    footer = text_of(site_dir, url)
    assert "not affiliated with " + ", ".join(SHORTS[:-1]) + " or " + SHORTS[-1] in footer


def test_the_home_and_comparison_pages_list_every_organization(site_dir):
    home, compare = text_of(site_dir, "/"), text_of(site_dir, "/compare/")
    for short in SHORTS:
        assert f" {short} " in home and f" {short} " in compare


def test_the_calculator_groups_its_credential_picker_by_organization(module_page):
    module_page.goto("/calculator/")
    groups = module_page.locator("fieldset[data-organization] > legend")
    assert [legend.split()[0] for legend in groups.all_inner_texts()] == SHORTS
    memberships = module_page.locator("input[name=membership]")
    assert memberships.count() == len(SHORTS)


@pytest.mark.parametrize(("query", "url"), [("ACE petition process", "/ace/guidelines/"),
                                            ("Ethics and Professional Practice", "/ncsf/guidelines/"),
                                            ("ISSA late fee months", "/issa/guidelines/")])
def test_search_finds_the_guidelines_of_the_organizations_added_as_data(module_page, query, url):
    module_page.goto("/search/")
    module_page.locator(".pagefind-ui__search-input").fill(query)
    module_page.keyboard.press("Enter")
    expect(module_page.locator(f".pagefind-ui__result-link[href='{url}']")).to_be_visible(timeout=15_000)


def test_the_form_sends_an_activitys_topic_and_provider(module_page):
    # NCSF's ethics part is entered as a topic; ISSA's free renewal needs every hour given by ISSA.
    page = module_page
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-03-01")
    for cid in ("ncsf-cpt", "issa-cpt"):
        page.check(f"#credential-{cid}")
        page.fill(f"[data-credential]:has(#credential-{cid}) [name=certified_on]", "2024-05-10")
    page.fill("[name=cpr_valid_until]", "2030-01-01")
    page.click("text=Add an activity")
    row = page.locator("[data-activity]").last
    row.locator("[name=title]").fill("Ethics for trainers")
    row.locator("[name=date]").fill("2025-03-01")
    row.locator("[name=type]").select_option("online_course")
    row.locator("[name=hours]").fill("20")
    row.get_by_text("More").click()  # topic and provider are folded there
    row.locator("[name=topic]").select_option("ethics")
    row.locator("[name=provider]").select_option("issa")
    ncsf = page.locator("[data-results] article[data-credential=ncsf-cpt]")
    expect(ncsf.locator(".recert-counted")).to_contain_text("counts toward the required Ethics and Professional Practice part")
    issa = page.locator("[data-results] article[data-credential=issa-cpt]")
    expect(issa.locator(".recert-fees")).to_contain_text("all hours earned through ISSA")
