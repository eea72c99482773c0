"""The form as people fill it in (issue 23, points 2, 5 and 6), in Chromium at 375 px and 1280 px: a credential
found by typing, a compact activity row, comfortable touch targets, the answer in at most 15 Tab presses and in
view beside the last field typed; NSCA's categories chosen per activity. Each state writes a screenshot to
tests/e2e/screenshots/ for review.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculator import evaluate
from test_accessibility import axe_violations

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = [375, 1280]
TODAY = "2026-06-01"
CSCS = "[data-credential]:has(#credential-nsca-cscs)"
MAX_TABS = 15
# The trainer of the issue: an NSCA-CSCS with one course entered, evaluated on TODAY (the form's default day).
PERSON = {"as_of": TODAY, "credentials": [{"id": "nsca-cscs", "certified_on": "2024-05-10", "expires_on": None}],
          "cpr_aed": None, "activities": [{"title": "Strength clinic", "date": "2026-03-01", "type": "event", "hours": 8}]}


def screenshot(target, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_form(page, width):
    page.clock.set_fixed_time(f"{TODAY}T10:00:00")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/calculator/")
    page.evaluate("Recert.ready")


def enter_course(page):
    """PERSON's CSCS (already found and ticked) and its one course; returns the activity row."""
    page.fill(f"{CSCS} [name=certified_on]", "2024-05-10")
    page.click("[data-add-activity]")
    row = page.locator("[data-activity]")
    row.locator("[name=title]").fill("Strength clinic")
    row.locator("[name=date]").fill("2026-03-01")
    row.locator("[name=hours]").fill("8")
    return row


def tab_to(page, selector, counted):
    """Presses Tab until `selector` has the focus, each stop showing a focus ring; adds the presses to counted."""
    for _ in range(40):
        page.keyboard.press("Tab")
        counted.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 60)"))
        assert page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth)") >= 2, counted[-1]
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}: {counted}")


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("width", WIDTHS)
def test_one_credential_and_one_activity_by_keyboard_in_at_most_15_tabs(module_page, width):
    page = module_page
    open_form(page, width)
    page.keyboard.press("Tab")  # the skip link, then the top of the form
    page.keyboard.press("Enter")
    presses = []
    tab_to(page, "[data-credential-filter]", presses)
    page.keyboard.type("cscs")
    expect(page.locator("[data-credential-found]")).to_have_text(re.compile(r"^1 of \d+ credentials found$"))
    tab_to(page, "#credential-nsca-cscs", presses)
    page.keyboard.press("Space")
    tab_to(page, f"{CSCS} [name=certified_on]", presses)
    page.keyboard.type("05102024")
    tab_to(page, "[data-add-activity]", presses)
    page.keyboard.press("Enter")
    page.keyboard.type("Strength clinic")
    tab_to(page, "[data-activity] [name=date]", presses)
    page.keyboard.type("03012026")
    tab_to(page, "[data-activity] [name=hours]", presses)
    page.keyboard.type("8")
    assert len(presses) <= MAX_TABS, presses

    verdict = evaluate(PERSON)["credentials"][0]["verdict"]
    expect(page.locator("[data-results-summary]")).to_contain_text(verdict)  # what a screen reader hears
    # What the eye sees: the verdict on screen together with the field just typed in.
    shown = "[data-verdict-bar-text]" if width < 1024 else "[data-results] [data-verdict]"
    expect(page.locator(shown)).to_have_text(verdict)
    assert in_view(page, "[data-activity] [name=hours]") and in_view(page, shown)
    screenshot(page, f"form-keyboard-{width}")


def test_a_phone_gets_a_short_list_large_targets_and_a_compact_activity(module_page):
    page = module_page
    open_form(page, 375)
    rows = page.locator("[data-recert-form] [data-credential]:visible")
    everyone = rows.count()
    heights = page.evaluate("""() => [...document.querySelectorAll('[data-credential] > label')]
        .filter((label) => label.checkVisibility()).map((label) => label.getBoundingClientRect().height)""")
    assert len(heights) == everyone and min(heights) >= 44
    screenshot(page, "form-picker-375")

    page.fill("[data-credential-filter]", "Strength conditioning")
    expect(rows).to_have_count(4)  # every word, in any order: NSCA's four, by the organization's name
    page.fill("[data-credential-filter]", "cscs")
    expect(rows).to_have_count(1)
    page.check("#credential-nsca-cscs")
    page.fill("[data-credential-filter]", "nasm")
    expect(rows).to_have_count(2)  # NASM's one credential, and the ticked one stays
    expect(page.locator("fieldset[data-organization=nsca] > legend")).to_be_visible()
    page.fill("[data-credential-filter]", "zzz")
    expect(page.locator("[data-credential-found]")).to_contain_text('No credential matches "zzz"')
    expect(rows).to_have_count(1)
    page.fill("[data-credential-filter]", "")
    expect(rows).to_have_count(everyone)

    row = enter_course(page)
    expect(page.locator("[data-verdict-bar-text]")).to_have_text(evaluate(PERSON)["credentials"][0]["verdict"])
    # The row as it stays once answered: with how its course counted, folded to one line.
    expect(row.locator("[data-activity-counts] summary")).to_contain_text("0.8 CEU")
    expect(row.locator("[data-activity-more]")).not_to_have_attribute("open", "")
    height = row.bounding_box()["height"]
    # Was 668 px with every field shown; then 496 px once answered, its counts on two lines below the buttons.
    assert height <= 420, height
    small = page.evaluate("""() => [...document.querySelectorAll('[data-recert-form] :is(input, select, button, summary)')]
        .filter((element) => element.checkVisibility())
        .map((element) => [element.outerHTML.slice(0, 60), Math.max(...[element, ...(element.labels ?? [])]
            .map((part) => part.getBoundingClientRect().height))])
        .filter(([, height]) => height < 44)""")
    assert small == []
    screenshot(page, "form-activity-375")

    row.locator("[data-activity-more] summary").click()
    expect(row.locator("[name=topic]")).to_be_visible()
    screenshot(row, "form-activity-more-375")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_activitys_nsca_category_is_offered_defaulted_from_its_type_and_counted(module_page, width):
    page = module_page
    open_form(page, width)
    page.check("#credential-nasm-cpt")
    page.fill("[data-credential]:has(#credential-nasm-cpt) [name=certified_on]", "2024-05-10")
    page.click("[data-add-activity]")
    row = page.locator("[data-activity]")
    category = row.locator("[name=category]")
    expect(category).to_be_hidden()  # NASM's data has no categories
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2024-05-10")
    expect(category).to_be_visible()
    expect(category.locator("option").first).to_have_text("As its type: A")
    row.locator("[name=type]").select_option("online_course")
    expect(category.locator("option").first).to_have_text("As its type: C (our reading)")
    row.locator("[name=type]").select_option("event")
    row.locator("[name=title]").fill("Talk I gave")
    row.locator("[name=date]").fill("2026-03-01")  # a new activity's date starts empty
    row.locator("[name=hours]").fill("3")
    category.select_option("B")
    counted = page.locator("[data-results] article[data-credential=nsca-cscs] .recert-counted")
    expect(counted).to_contain_text("category B, as you filed it")
    screenshot(page, f"form-category-{width}")
    page.uncheck("#credential-nsca-cscs")
    expect(category).to_be_hidden()


def test_an_amounts_message_is_right_under_its_field_at_both_widths(module_page):
    """Not below the type (where the grid's free cell put it, five words a line): across the row, under the row
    that holds the field, before the type on a phone and before More on a wide screen. Meanwhile the row's counts,
    which were for the amount before, are not shown."""
    page = module_page
    open_form(page, 375)
    page.fill("[data-credential-filter]", "cscs")
    page.check("#credential-nsca-cscs")
    row = enter_course(page)
    counts = row.locator("[data-activity-counts]")
    expect(counts).to_contain_text("0.8 CEU")
    row.locator("[name=hours]").fill("8x")
    note = row.locator("[data-field-error]")
    expect(note).to_contain_text('"8x" cannot be read as a number')
    expect(counts).to_be_hidden()  # what 8 hours counted is not what "8x" counts
    for width, next_below in [(375, "[name=type]"), (1280, "[data-activity-more]")]:
        page.set_viewport_size({"width": width, "height": 800})
        hours, box, below = (row.locator(selector).bounding_box() for selector in ["[name=hours]", "[data-field-error]", next_below])
        assert hours["y"] + hours["height"] <= box["y"] < below["y"], (width, hours, box, below)
        assert box["width"] >= 0.8 * row.bounding_box()["width"], (width, box)
    screenshot(row, "form-activity-message-1280")
    row.locator("[name=hours]").fill("4")
    expect(counts).to_contain_text("0.4 CEU")
    expect(note).to_have_count(0)


def test_the_phone_form_passes_axe_in_both_colour_schemes(browser, base_url):
    context = browser.new_context(bypass_csp=True, base_url=base_url, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[data-credential-filter]", "nsca")
    page.check("#credential-nsca-cscs")
    enter_course(page).locator("[data-activity-more] summary").click()
    expect(page.locator("[data-results] article")).to_have_count(1)
    found = {}
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        if violations := axe_violations(page):
            found[scheme] = violations
        screenshot(page, f"form-axe-375-{scheme}")
    context.close()
    assert found == {}
