"""The answer at a glance (issue 14), in Chromium at 375 px and 1280 px: the rules' verdict sentence on
each card and the summary line above them, the same words in the print view and the calendar file;
a form that shows an organization's options only once one of its credentials is ticked; a widget
for one credential that fits a 340 px sidebar; the verdict bar on narrow screens; the dark look.

Screenshots of the result and of the widget at both widths go to tests/e2e/screenshots/ for review.
"""

import base64
import json
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculator import evaluate
from calculator.rules import organization_ids

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
WIDTHS = [375, 1280]
CPR = {"valid_until": "2030-01-01", "hands_on_skills": True}
CSCS = "[data-credential]:has(#credential-nsca-cscs)"


def person(as_of, credentials, activities=()):
    """A scenario; one without activities says so ("no CE to enter yet"), for a verdict rather than a request for CE."""
    return {"as_of": as_of, "credentials": [dict(zip(("id", "certified_on", "expires_on"), c)) for c in credentials],
            "cpr_aed": CPR, "activities": [{"title": f"Course {n + 1}", **a} for n, a in enumerate(activities)],
            **({} if activities else {"no_activities": True})}


def course(date, hours):
    return {"date": date, "type": "event", "hours": hours}


# One scenario per status, each from a rule in the sources (NSCA: fixed cycles to December 31, January
# late reporting, July-of-the-final-year start; NASM: the 90-day late tier).
BY_STATUS = {
    "eligible": person("2026-11-23", [("nsca-cscs", "2015-05-01", None)],
                       [course("2025-03-01", 20), course("2025-06-01", 20), course("2025-09-01", 20),
                        {"date": "2025-04-01", "type": "first_aid"}]),
    "in_progress": person("2026-11-23", [("nsca-cscs", "2019-04-02", None)], [course("2025-03-01", 8)]),
    "late": person("2026-09-01", [("nasm-cpt", "2024-08-01", "2026-08-01")], [course("2025-03-03", 19)]),
    "expired": person("2027-04-01", [("nsca-cscs", "2015-05-01", "2026-12-31")]),
    "not_due": person("2026-08-01", [("nsca-cscs", "2026-07-15", None)]),
}
LEADS = {"eligible": "Ready:", "in_progress": "Not yet:", "late": "Late:", "expired": "Expired on", "not_due": "Nothing due yet:"}
THREE = person("2026-11-23", [("nsca-cscs", "2015-05-01", None), ("nasm-cpt", "2024-10-01", "2026-10-01"),
                              ("acsm-cpt", "2020-05-01", "2022-12-31")], [course("2025-03-01", 8)])


def link(scenario):
    """A share link with the scenario's day pinned."""
    return "#s=" + base64.urlsafe_b64encode(json.dumps({"version": 2, "scenario": scenario}).encode()).decode().rstrip("=")


def open_scenario(page, scenario, width, path="/calculator/"):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path + link(scenario))
    page.evaluate("Recert.ready")
    expect(page.locator("[data-results] article")).to_have_count(len(scenario["credentials"]))


def screenshot(target, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def axe_violations(page):
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    result = page.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("status", BY_STATUS)
def test_each_card_opens_with_the_rules_verdict(module_page, status, width):
    page, scenario = module_page, BY_STATUS[status]
    expected = evaluate(scenario)["credentials"][0]
    assert expected["status"] == status
    open_scenario(page, scenario, width)
    card = page.locator("[data-results] article")
    verdict = card.locator("[data-verdict]")
    expect(verdict).to_have_text(expected["verdict"])
    assert expected["verdict"].startswith(LEADS[status])
    # Right under the card's heading, in the first screen of the results.
    assert card.evaluate("(card) => card.querySelector('h3').nextElementSibling.matches('[data-verdict]')")
    heading = page.locator("#recert-results-title").bounding_box()
    assert verdict.bounding_box()["y"] + verdict.bounding_box()["height"] - heading["y"] < 400
    if status == "in_progress":
        screenshot(page.locator(".recert-output"), f"calculator-result-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_summary_line_above_the_cards(module_page, width):
    page = module_page
    open_scenario(page, THREE, width)
    expected = evaluate(THREE)
    summary = page.locator("[data-results] > [data-summary]")
    expect(summary).to_have_text(expected["summary"])
    assert summary.evaluate("(line) => line.nextElementSibling.matches('article')")
    assert re.match(r"3 credentials: 1 not yet ready, 1 late, 1 expired\. \$[\d,.]+ to pay in all", expected["summary"])
    screenshot(page.locator(".recert-output"), f"calculator-three-credentials-{width}")


def test_print_view_keeps_the_verdict_and_summary_and_drops_the_form(module_page):
    page = module_page
    open_scenario(page, THREE, 1280)
    page.emulate_media(media="print")
    try:
        expect(page.locator("[data-summary]")).to_be_visible()
        expect(page.locator("[data-verdict]")).to_have_count(3)
        for verdict in page.locator("[data-verdict]").all():
            expect(verdict).to_be_visible()
        expect(page.locator("[data-recert-form]")).to_be_hidden()
        expect(page.locator("[data-verdict-bar]")).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


def unfolded(ics):
    return ics.replace("\r\n ", "").split("\r\n")


def undated(text):
    return re.sub(r" \((?:today|[\d,]+ days?)\)", "", text)


def ics_text(value):
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def test_calendar_file_carries_the_same_sentences(module_page, tmp_path):
    page = module_page
    open_scenario(page, THREE, 1280)
    with page.expect_download() as download:
        page.click("button[name=calendar]")
    download.value.save_as(tmp_path / "r.ics")
    raw = (tmp_path / "r.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # octets, RFC 5545
    lines = unfolded(raw.decode())
    expected = evaluate(THREE)
    # Quoted as said on the evaluation day, without the day counts that are true on that day only.
    said = f"On {date.fromisoformat(THREE['as_of']):%B %-d, %Y} the calculator said: "
    assert f"DESCRIPTION:{ics_text(said + undated(expected['summary']))}" in lines
    descriptions = [line for line in lines if line.startswith("DESCRIPTION:")]
    for credential in expected["credentials"]:
        assert any(line.endswith(ics_text(said + undated(credential["verdict"]))) for line in descriptions)
    assert not any(re.search(r"\((?:today|[\d,]+ days?)\)", line) for line in descriptions)


def hidden_options(page):
    return page.evaluate("""() => ['nasm_recertify_for_life', 'acsm_path', 'nsca_distinction', 'membership']
        .flatMap((name) => [...document.querySelectorAll(`[name=${name}]`)])
        .filter((input) => !input.checkVisibility()).map((input) => input.value === 'on' ? input.name : `${input.name}=${input.value}`)""")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_organizations_options_appear_once_one_of_its_credentials_is_ticked(module_page, width):
    page = module_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/calculator/")
    memberships = [f"membership={org}" for org in organization_ids()]
    assert sorted(hidden_options(page)) == sorted(["nasm_recertify_for_life=none", "acsm_path=cec", "nsca_distinction", *memberships])
    page.check("#credential-nsca-cscs")
    expect(page.locator("[name=membership][value=nsca]")).to_be_visible()
    expect(page.locator("[name=nsca_distinction]")).to_be_visible()
    assert sorted(hidden_options(page)) == sorted(["nasm_recertify_for_life=none", "acsm_path=cec",
                                                   *(m for m in memberships if m != "membership=nsca")])
    page.check("#credential-acsm-cpt")
    expect(page.locator("[name=acsm_path]")).to_be_visible()
    expect(page.locator("[name=acsm_exam_passed_on]")).to_be_hidden()  # only on the exam path
    page.select_option("[name=acsm_path]", "exam")
    expect(page.locator("[name=acsm_exam_passed_on]")).to_be_visible()
    expect(page.locator("[name=nasm_recertify_for_life]")).to_be_hidden()
    expect(page.locator("[name=cpr_hands_on]")).to_be_hidden()  # asked once there is a CPR/AED card
    page.fill("[name=cpr_valid_until]", "2027-05-01")
    expect(page.locator("[name=cpr_hands_on]")).to_be_visible()
    page.uncheck("#credential-nsca-cscs")
    expect(page.locator("[name=nsca_distinction]")).to_be_hidden()


def test_the_distinction_option_reaches_the_rules(module_page):
    page = module_page
    open_scenario(page, BY_STATUS["in_progress"], 1280)
    page.check("[name=nsca_distinction]")
    scenario = BY_STATUS["in_progress"] | {"options": {"nasm_recertify_for_life": "none", "acsm_path": "cec", "nsca_distinction": True}}
    steps = [step for step in evaluate(scenario)["credentials"][0]["actions"] if "Distinction" in step]
    assert steps
    expect(page.locator("[data-results] article")).to_contain_text(steps[0])


def test_an_activity_marked_as_nscas_own_counts_toward_the_distinction(module_page):
    # nsca.toml [distinction]: activity_flag "nsca_activity"; the box shows on each activity once *D is asked for.
    page = module_page
    open_scenario(page, BY_STATUS["in_progress"], 1280)
    own = page.locator("[data-activity]").first.locator("[name=nsca_activity]")
    expect(own).to_be_hidden()
    page.check("[name=nsca_distinction]")
    own.check()
    marked = BY_STATUS["in_progress"] | {"options": {"nsca_distinction": True}}
    marked["activities"] = [marked["activities"][0] | {"nsca_activity": True}]
    result = evaluate(marked)["credentials"][0]
    assert result["distinction"]["earned"] == 0.8  # the 8-hour event, at 0.1 CEU per hour
    steps = [step for step in result["actions"] if "Distinction" in step]
    expect(page.locator("[data-results] article")).to_contain_text(steps[0])  # "still needs 9.2 more CEUs"
    page.uncheck("[name=nsca_distinction]")
    expect(own).to_be_hidden()


SIDEBAR = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A gym</title><link rel="icon" href="data:,"></head>
<body style="margin:0"><aside style="width:340px">{embed}</aside></body></html>"""


@pytest.mark.parametrize("attributes", ['data-credentials="nsca-cscs"', 'data-organization="nsca" data-credentials="nsca-cscs"'])
def test_widget_for_one_credential_fits_a_340_px_sidebar(page, site_url, other_origin, attributes):
    name = f"sidebar-{len(attributes)}.html"
    (other_origin.dir / name).write_text(SIDEBAR.format(embed=f'<script src="{site_url}/embed.js" {attributes}></script>'))
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{other_origin.url}/{name}")
    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-recert-status]")).to_contain_text("Rules", timeout=30_000)
    expect(frame.locator("[data-results]")).to_contain_text("Enter the dates")
    iframe = page.locator("iframe")
    page.wait_for_function("() => document.querySelector('iframe').height !== '720'")
    height = int(iframe.get_attribute("height"))
    assert iframe.bounding_box()["width"] == 340
    assert height <= 900, f"the widget is {height} px tall"
    expect(frame.locator("[data-recert-form] [data-credential]:visible")).to_have_count(1)
    expect(frame.locator("[data-organization]:visible")).to_have_count(1)
    expect(frame.locator("[name=membership][value=nsca]")).to_be_visible()
    for hidden in ("[name=nasm_recertify_for_life]", "[name=acsm_path]", "[name=membership][value=acsm]"):
        expect(frame.locator(hidden)).to_be_hidden()
    if attributes.startswith("data-credentials"):
        screenshot(iframe, "widget-one-credential-340")


@pytest.mark.parametrize("width", WIDTHS)
def test_widget_page_shows_the_verdict(module_page, width):
    page = module_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/widget/?credentials=nsca-cscs")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-11-23")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    expect(page.locator("[data-results] [data-ask-ce]")).to_be_visible()  # no verdict before the CE
    page.check("[name=no_activities]")
    expected = evaluate(person("2026-11-23", [("nsca-cscs", "2019-04-02", None)]) | {"cpr_aed": None})["credentials"][0]
    expect(page.locator("[data-results] [data-verdict]")).to_have_text(expected["verdict"])
    expect(page.locator("[data-recert-form] [data-credential]:visible")).to_have_count(1)
    screenshot(page, f"widget-{width}")


def test_verdict_bar_on_narrow_screens_only(module_page):
    page = module_page
    open_scenario(page, BY_STATUS["in_progress"], 375)
    page.evaluate("window.scrollTo(0, 0)")
    bar = page.locator("[data-verdict-bar]")
    verdict = evaluate(BY_STATUS["in_progress"])["credentials"][0]["verdict"]
    expect(bar).to_be_visible()
    expect(bar).to_contain_text(verdict)
    expect(bar.locator("a")).to_have_attribute("href", "#recert-results-title")
    assert bar.get_attribute("aria-live") is None and bar.get_attribute("role") is None  # announced by the live region
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(800, abs=1)  # at the bottom of the window
    page.locator(".recert-output").scroll_into_view_if_needed()
    assert bar.bounding_box()["y"] < page.locator("#recert-results-title").bounding_box()["y"]  # scrolls away above the result
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(bar).to_be_hidden()


def test_verdict_bar_never_covers_the_field_being_typed_in(module_page):
    page = module_page
    open_scenario(page, BY_STATUS["in_progress"], 375)
    field = page.locator("[name=cpr_valid_until]")
    field.evaluate("(input) => window.scrollBy(0, input.getBoundingClientRect().bottom - innerHeight + 4)")  # under the bar
    field.focus()
    field.press("ArrowUp")
    page.keyboard.type("01012020")  # a card expired: the answer, one line longer, makes the bar taller
    bar = page.locator("[data-verdict-bar]")

    def field_above_bar():
        return field.bounding_box()["y"] + field.bounding_box()["height"] <= bar.bounding_box()["y"] + 0.5

    assert field_above_bar()
    expect(bar).to_contain_text("a current CPR/AED certification to get")
    assert field_above_bar()


def test_a_change_is_announced_once_not_on_every_keystroke(module_page):
    page = module_page
    open_scenario(page, BY_STATUS["in_progress"], 375)
    live = page.locator("[data-results-summary]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_contain_text("Not yet")
    page.evaluate("""() => { window.spoken = [];
        new MutationObserver(() => spoken.push(document.querySelector('[data-results-summary]').textContent))
          .observe(document.querySelector('[data-results-summary]'), {childList: true, characterData: true, subtree: true}); }""")
    hours = page.locator("[data-activity] [name=hours]")
    hours.fill("")
    hours.press_sequentially("24", delay=400)  # each keystroke is evaluated (250 ms) before the next
    scenario = BY_STATUS["in_progress"] | {"activities": [{**BY_STATUS["in_progress"]["activities"][0], "hours": 24}]}
    expected = evaluate(scenario)["credentials"][0]
    expect(page.locator("[data-verdict]")).to_have_text(expected["verdict"])
    expect(live).to_contain_text(expected["verdict"])
    page.wait_for_timeout(1200)
    assert page.evaluate("spoken") == [live.text_content()]


def test_fee_sources_break_between_words_at_375_px(module_page):
    page = module_page
    open_scenario(page, THREE, 375)
    broken = page.evaluate("""() => [...document.querySelectorAll('.recert-fees td:nth-child(3)')].flatMap((cell) => {
        const text = cell.textContent, out = [];
        for (const match of text.matchAll(/[^\\s-]+/g)) { // a line may end after a space or a hyphen
          const range = document.createRange(), node = cell.querySelector('a')?.firstChild ?? cell.firstChild;
          if (!node || node.nodeType !== 3 || match.index + match[0].length > node.length) continue;
          range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) out.push(match[0]);
        }
        return out; })""")
    assert broken == []
    assert page.evaluate("[...document.querySelectorAll('.recert-fees')].every((t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth)")


@pytest.mark.parametrize("path", ["/", "/calculator/", "/compare/", "/nsca/guidelines/"])
def test_header_search_stays_on_the_menus_line_at_1280_px(page, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    nav, search = page.locator(".site-header nav").bounding_box(), page.locator(".site-search").bounding_box()
    assert search["y"] < nav["y"] + nav["height"] and search["x"] > nav["x"] + nav["width"]


def background_luminance(page):
    return page.evaluate("""() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }""")


@pytest.mark.parametrize("path", ["/", "/calculator/", "/widget/?theme=auto", "/nsca/faq/", "/no-such-page/"])
def test_every_page_follows_the_systems_dark_preference(page, path):
    page.emulate_media(color_scheme="dark")
    page.goto(path)
    assert background_luminance(page) < 0.2
    page.emulate_media(color_scheme="light")
    assert background_luminance(page) > 0.8


def test_widget_is_light_unless_its_host_asks_for_dark_or_the_visitors_look(page):
    page.emulate_media(color_scheme="dark")
    page.goto("/widget/")  # the documented default (content/embed.md)
    assert background_luminance(page) > 0.8
    page.emulate_media(color_scheme="light")
    page.goto("/widget/?theme=dark")
    assert background_luminance(page) < 0.2


COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(|(?<![\w-])(?:white|black)(?![\w-])")


def test_only_the_palette_names_colours():
    """Components use the palette's custom properties; the one :root block switches light and dark."""
    found = []
    for css in (ROOT / "site" / "static" / "css").glob("*.css"):
        for number, line in enumerate(css.read_text().splitlines(), 1):
            if COLOUR.search(line) and not re.match(r"\s*--[\w-]+: light-dark\(", line):
                found.append(f"{css.name}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_narrow_calculator_with_results_and_bar_passes_axe(browser, base_url, scheme):
    context = browser.new_context(bypass_csp=True, base_url=base_url, color_scheme=scheme, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        open_scenario(page, THREE, 375)
        page.evaluate("window.scrollTo(0, 0)")
        expect(page.locator("[data-verdict-bar]")).to_be_visible()
        assert axe_violations(page) == []
        page.goto("/widget/?credentials=nsca-cscs")
        page.set_viewport_size({"width": 340, "height": 800})
        page.evaluate("Recert.ready")
        assert axe_violations(page) == []
    finally:
        context.close()
