"""A fictional seventh organization (tests/seventh_organization/zfa.toml), added as a data file and
nothing else, shows on the built pages and in the browser calculator.

The module builds its own site with RECERT_DATA_DIR naming a folder that holds the real data files
and the fictional one (one build, snapshot included), serves it, and compares the browser's answers
with the command line's under the same folder.
"""
import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from buildlib.serving.server import SiteServer
from conftest import serve_in_background

ROOT = Path(__file__).resolve().parents[2]
FICTIONAL = ROOT / "tests" / "seventh_organization" / "zfa.toml"
SCENARIO = {"as_of": "2026-03-01", "credentials": [{"id": "zfa-coach", "certified_on": "2024-05-10"}],
            "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": True},
            "activities": [{"title": "Course", "date": "2024-08-01", "type": "online_course", "hours": 12},
                           {"title": "Meal planning", "date": "2025-08-01", "type": "event", "hours": 4, "topic": "nutrition"}]}


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for path in [*(ROOT / "calculator" / "data").glob("*.toml"), FICTIONAL]:
        shutil.copy(path, folder)
    return {**os.environ, "RECERT_DATA_DIR": str(folder)}


@pytest.fixture(scope="module")
def seventh_site(tmp_path_factory, data_env):
    out = tmp_path_factory.mktemp("seventh") / "dist"
    done = subprocess.run([sys.executable, "build.py", "--out", str(out)], cwd=ROOT, env=data_env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    server = serve_in_background(SiteServer(out, port=0))
    yield out, server.url
    server.shutdown()
    server.server_close()


def text_of(site_dir, url):
    page = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_it_gets_a_credential_page_from_its_data(seventh_site):
    text = text_of(seventh_site[0], "/credentials/zfa-coach/")
    assert "ZFA Certified Coach (ZFA-CC)" in text and "Zeta Fitness Academy (fictional)" in text
    assert "4.0 credits per cycle, including 1.0 credit Nutrition" in text and "$70.00" in text


def test_the_comparison_page_and_the_menu_list_it(seventh_site):
    compare = text_of(seventh_site[0], "/compare/")
    assert "ZFA" in compare and "ZFA Certified Coach" in compare
    home = (seventh_site[0] / "index.html").read_text(encoding="utf-8")
    assert '<a href="/credentials/zfa-coach/">ZFA</a>' in home  # no guidelines page: the menu links its credential


def test_the_calculator_and_comparison_descriptions_name_every_organization_from_the_data(seventh_site):
    descriptions = {url: re.search(r'<meta name="description" content="([^"]*)"', (seventh_site[0] / url / "index.html")
                                   .read_text(encoding="utf-8"))[1] for url in ("calculator", "compare")}
    assert "For each NASM, ACSM, NSCA, ACE, NCSF, ISSA or ZFA credential you hold" in descriptions["calculator"]
    assert "every NASM, ACSM, NSCA, ACE, NCSF, ISSA and ZFA credential" in descriptions["compare"]


def test_the_calculator_form_offers_its_credential_and_topic(seventh_site, browser):
    page = browser.new_page(base_url=seventh_site[1])
    page.goto("/calculator/")
    group = page.locator('fieldset[data-organization="zfa"]')
    assert group.locator("legend").first.inner_text().startswith("ZFA")
    assert group.get_by_label("ZFA Certified Coach").count() == 1
    page.click("[data-add-activity]")
    assert page.locator('select[name="topic"] option[value="nutrition"]').count() == 1
    page.close()


def test_the_browser_answers_as_the_command_line_does(seventh_site, browser, data_env):
    expected = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=json.dumps(SCENARIO),
                              capture_output=True, text=True, cwd=ROOT, env=data_env).stdout
    page = browser.new_page(base_url=seventh_site[1])
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    result = page.evaluate("(scenario) => Recert.evaluate(scenario)", SCENARIO)
    assert result == json.loads(expected)
    assert (result["credentials"][0]["organization"], result["credentials"][0]["status"]) == ("ZFA", "eligible")
    page.close()


def scenario_of_share_link(page):
    page.click("button[name=share]")
    code = page.locator("[name=share_link]").input_value().split("#s=")[1]
    return json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))["scenario"]


def test_its_choices_get_form_controls_from_its_data_and_reach_the_rules(seventh_site, browser):
    # zfa.toml declares [lifetime_fee] "zfa_for_life", [paths] "zfa_path" with "zfa_exam_passed_on",
    # and [distinction] "zfa_honours" with the activity field "zfa_activity".
    page = browser.new_page(base_url=seventh_site[1])
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-03-01")
    page.check("#credential-zfa-coach")
    page.fill('[data-credential]:has(#credential-zfa-coach) [name=certified_on]', "2024-05-10")
    group = page.locator('fieldset[data-organization="zfa"]')
    group.get_by_label("ZFA for Life").select_option(label="Buy it now")
    expect(group.get_by_label("Exam passed on")).to_be_hidden()
    group.get_by_label("Way to recertify").select_option(label="Retake the exam")
    group.get_by_label("Exam passed on").fill("2026-02-01")
    page.click("[data-add-activity]")
    row = page.locator("[data-activity]").last
    flag = row.get_by_label("One of ZFA's activities, toward ZFA Honours")
    expect(flag).to_be_hidden()  # until the distinction is asked for
    group.get_by_label("Aim for ZFA Honours").check()
    row.locator("[name=date]").fill("2026-01-15")
    row.locator("[name=type]").select_option("online_course")
    row.locator("[name=hours]").fill("12")
    flag.check()
    card = page.locator("[data-results] article[data-credential=zfa-coach]")
    expect(card).to_contain_text("ZFA Honours: met")
    expect(card.locator(".recert-fees")).to_contain_text("ZFA for Life")
    scenario = scenario_of_share_link(page)
    assert {name: value for name, value in scenario["options"].items() if name.startswith("zfa_")} == {
        "zfa_for_life": "buy", "zfa_path": "exam", "zfa_exam_passed_on": "2026-02-01", "zfa_honours": True}
    assert scenario["activities"][0]["zfa_activity"] is True
    page.close()
