"""Accessibility (WCAG 2.2 AA): axe-core with every rule it ships (best practices and experimental
rules too, not only the WCAG ones; the few switched off say why) on every page of the sitemap and on
every state of the calculator and the widget, in light and dark; keyboard use with sensible focus;
results announced through a live region; visible focus; touch targets; reflow at 320 px and at 200% zoom.

axe runs in a context with bypass_csp (it is injected as an inline script); everything else runs
under the site's real headers.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text()
# The rules axe ships that do not run here, each with the reason.
SWITCHED_OFF = {
    "color-contrast-enhanced": "WCAG AAA (1.4.6, 7:1); the site's target is AA, whose 4.5:1 `color-contrast` runs everywhere",
}
SCHEMES = ["light", "dark"]
CSCS = "[data-credential]:has(#credential-nsca-cscs)"


def sitemap_paths(site_dir):
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text())]


def check_both_schemes(page, state, found):
    """axe on the page as it is, light then dark: each scheme's violations into found["state, scheme"]."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        if violations := axe_violations(page):
            found[f"{state}, {scheme}"] = violations


def axe_rules(page):
    """Every rule id axe ships (many are off by default: experimental ones, AAA)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    return page.evaluate("axe.getRules().map((rule) => rule.ruleId)")


def axe_violations(page):
    """axe's violations on the page as it is now, one line per rule: every rule but SWITCHED_OFF."""
    rules = [rule for rule in axe_rules(page) if rule not in SWITCHED_OFF]
    result = page.evaluate("(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})", rules)
    return [f"{violation['id']} ({violation['help']}): {[node['target'] for node in violation['nodes']][:5]}"
            for violation in result["violations"]]


@pytest.fixture(scope="module")
def axe_page(browser, base_url):
    context = browser.new_context(bypass_csp=True, base_url=base_url)
    page = context.new_page()
    yield page
    context.close()


def fill_person(page, activities=True):
    """Three credentials, CPR/AED, and activities of several kinds: every part of the results shows."""
    page.fill("[name=as_of]", "2026-11-23")
    for credential in ["nsca-cscs", "nasm-cpt", "acsm-cpt"]:
        page.check(f"#credential-{credential}")
        page.fill(f"[data-credential]:has(#credential-{credential}) [name=certified_on]", "2019-04-02")
    page.fill("[name=cpr_valid_until]", "2027-05-01")
    if not activities:
        return
    for title, kind, fields in [("Regional clinic", "event", {"hours": "8"}),
                                ("Online course", "online_course", {"hours": "4", "ceus": "0.4"}),
                                ("Exercise physiology", "college_course", {"credit_hours": "3", "started_on": "2025-01-10", "term": "semester"}),
                                ("Quiz", "quiz", {"score": "90", "ceus": "0.2"})]:
        page.click("[data-add-activity]")
        row = page.locator("[data-activity]").last
        row.locator("[name=title]").fill(title)
        row.locator("[name=date]").fill("2025-03-01")
        row.locator("[name=type]").select_option(kind)
        for name, value in fields.items():
            field = row.locator(f"[name={name}]")
            field.select_option(value) if name == "term" else field.fill(value)  # the term is asked, never assumed
    expect(page.locator("[data-results] article")).to_have_count(3)


def open_details(page):
    page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")


def test_axe_runs_every_rule_it_ships_but_the_few_switched_off_with_a_reason(axe_page):
    axe_page.goto("/")
    shipped = axe_rules(axe_page)
    assert len(shipped) > 100 and {"td-has-header", "empty-table-header", "label-title-only", "region"} <= set(shipped)
    assert set(SWITCHED_OFF) <= set(shipped)  # a rule renamed or dropped by an axe update shows up here
    assert all(reason for reason in SWITCHED_OFF.values())


def test_every_page_in_the_sitemap_passes_axe(axe_page, site_dir):
    """Both colour schemes on each page load."""
    paths = sitemap_paths(site_dir) + ["/no-such-page/"]
    assert len(paths) > 20 and "/calculator/" in paths
    found = {}
    for path in paths:
        axe_page.goto(path)
        check_both_schemes(axe_page, path, found)
    assert found == {}


def test_calculator_states_pass_axe(axe_page):
    """Empty, with inline errors, with results and a filled activity list, with messages: light and dark."""
    page = axe_page
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    found = {}

    check_both_schemes(page, "empty", found)
    fill_person(page, activities=False)
    expect(page.locator("[data-results] [data-ask-ce]")).to_have_count(3)
    check_both_schemes(page, "before any CE", found)
    page.check("[name=no_activities]")
    expect(page.locator("[data-results] [data-owed]")).to_be_visible()
    check_both_schemes(page, "no CE to enter: verdicts and the total", found)
    page.uncheck("[name=no_activities]")
    fill_person(page)
    open_details(page)
    check_both_schemes(page, "results, four activities", found)
    page.locator("[data-activity] [name=hours]").first.fill("")
    page.locator("[data-activity] [name=credit_hours]:visible").fill("-1")
    expect(page.locator("[data-field-error]")).to_have_count(2)
    check_both_schemes(page, "inline errors", found)
    page.locator("[data-activity] [name=hours]").first.fill("8")
    page.locator("[data-activity] [name=credit_hours]:visible").fill("3")
    page.evaluate("(text) => localStorage.setItem('recert:saved', text)", "{not json")
    page.goto("/calculator/")
    expect(page.locator("[data-message]")).to_contain_text("not a calculator file")
    page.click("button[name=share]")
    expect(page.locator("[data-share]")).to_be_visible()
    check_both_schemes(page, "share link and a message", found)
    assert found == {}


@pytest.mark.parametrize("query, scheme", [("", "light"), ("", "dark"), ("&theme=dark", "light"), ("&theme=dark", "dark")])
def test_widget_passes_axe(axe_page, query, scheme):
    page = axe_page
    page.emulate_media(color_scheme=scheme)
    page.goto(f"/widget/?credentials=nsca-cscs{query}")
    page.evaluate("Recert.ready")
    found = {}
    if violations := axe_violations(page):
        found["empty"] = violations
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.click("[data-add-activity]")
    page.locator("[data-activity] [name=date]").fill("2025-03-01")
    page.locator("[data-activity] [name=hours]").fill("-3")
    expect(page.locator("[data-field-error]")).to_have_count(1)
    if violations := axe_violations(page):
        found["inline error"] = violations
    page.locator("[data-activity] [name=hours]").fill("8")
    expect(page.locator("[data-results] article")).to_be_visible()
    open_details(page)
    if violations := axe_violations(page):
        found["results"] = violations
    assert found == {}


def focused(page):
    """A short description of the focused element: tag, name, and the activity row it is in."""
    return page.evaluate("""() => {
        const element = document.activeElement;
        const row = element.closest('[data-activity]');
        const index = row ? [...row.parentElement.children].indexOf(row) : null;
        return {tag: element.tagName.toLowerCase(), name: element.name || element.getAttribute('name') || '',
                text: element.textContent.trim().slice(0, 40), row: index};
    }""")


def tab_to(page, selector, limit=250, backwards=False):
    """Presses Tab (or Shift+Tab) until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def spoken(hours):
    """What the live region says for the keyboard person's CSCS with these activities: the rules' verdict."""
    from calculator import evaluate
    activities = [{"title": "Regional clinic", "date": "2026-11-23", "type": "event", "hours": h} for h in hours]
    credential = evaluate({"as_of": "2026-11-23", "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}],
                           "cpr_aed": None, "activities": activities})["credentials"][0]
    assert credential["status"] == "in_progress"
    return f"{credential['name']}: {credential['verdict']}"


def test_keyboard_only_person(page, collect_errors):
    errors = collect_errors(page)
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")  # the skip link shows
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "[name=as_of]")  # after the activities: most people leave it at today
    page.keyboard.type("11232026")
    tab_to(page, "#credential-nsca-cscs", backwards=True)
    page.keyboard.press("Space")
    tab_to(page, f"{CSCS} [name=certified_on]")
    page.keyboard.type("04022019")
    tab_to(page, "[data-add-activity]")
    page.keyboard.press("Enter")
    assert focused(page) == {"tag": "input", "name": "title", "text": "", "row": 0}  # the new activity's first field
    page.keyboard.type("Regional clinic")
    tab_to(page, "[data-activity] [name=date]")
    page.keyboard.type("11232026")  # no day is assumed for an activity
    tab_to(page, "[data-activity] [name=hours]")
    page.keyboard.type("8")

    summary = page.locator("[data-results-summary]")
    expect(summary).to_have_attribute("aria-live", "polite")
    expect(summary).to_have_text(spoken([8]))
    expect(page.locator("[data-results]")).not_to_have_attribute("aria-live", "polite")  # one announcement, not the whole card

    # An inline error: tied to its field, announced, and the focus stays where the person is typing.
    page.keyboard.press("Backspace")
    hours = page.locator("[data-activity] [name=hours]")
    expect(hours).to_have_attribute("aria-invalid", "true")
    message = page.locator(f"#{hours.get_attribute('aria-describedby')}")
    expect(message).to_have_text(re.compile(r"^Hours .*required"))
    expect(summary).to_contain_text("Fix the marked fields")
    assert focused(page)["name"] == "hours"
    page.keyboard.type("8")
    expect(hours).not_to_have_attribute("aria-invalid", "true")
    expect(hours).not_to_have_attribute("aria-describedby", re.compile("."))
    expect(summary).to_have_text(spoken([8]))

    # Duplicate, then remove: the focus goes to the copy, then to the row that is left, then to "Add".
    tab_to(page, "[data-duplicate-activity]")
    page.keyboard.press("Enter")
    assert focused(page) == {"tag": "input", "name": "title", "text": "", "row": 1}
    expect(summary).to_have_text(spoken([8, 8]))
    tab_to(page, "[data-activity]:nth-child(2) [data-remove-activity]")
    page.keyboard.press("Enter")
    assert focused(page)["row"] == 0 and focused(page)["name"] == "title"
    tab_to(page, "[data-remove-activity]")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Add an activity"
    expect(summary).to_contain_text("Enter your continuing education")  # no activity left: the card asks for it again
    expect(page.locator("[data-results] [data-ask-ce]")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "no_activities"  # "no CE to enter yet", right after "Add an activity"
    page.keyboard.press("Space")
    expect(summary).to_have_text(spoken([]))
    expect(page.locator("[data-results] .recert-badge")).to_have_text("In progress")
    assert errors == []


FOCUS_STYLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    if (element === document.body) return null;
    return {id: [...document.querySelectorAll('*')].indexOf(element), what: element.outerHTML.slice(0, 80), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            color: style.outlineColor, paper: getComputedStyle(document.body).backgroundColor};
}"""


def luminance(css_color):
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+(?:\.\d+)?", css_color)[:3])
    linear = [part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4 for part in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("path", ["/calculator/", "/widget/?credentials=nsca-cscs&theme=dark", "/"])
def test_every_focus_stop_shows_a_clear_focus_ring(page, path):
    page.goto(path)
    if "Recert" in page.evaluate("Object.keys(window)"):
        page.evaluate("Recert.ready")
        if path == "/calculator/":
            fill_person(page, activities=False)
        page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
        page.click("[data-add-activity]")
        page.locator("[data-activity] [name=hours]").fill("")  # an invalid field: the ring must still show
        page.locator("[data-activity] [name=hours]").fill("-1")
        expect(page.locator("[data-field-error]")).to_have_count(1)
        page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")
    seen, weak = [], []
    for _ in range(400):
        style = page.evaluate(FOCUS_STYLE)
        if style is None or (seen and style["id"] == seen[-1]):  # the page itself, or the next part of a date input
            page.keyboard.press("Tab")
            continue
        if style["id"] in seen:
            break  # round again
        seen.append(style["id"])
        if style["style"] == "none" or style["width"] < 2 or contrast(style["color"], style["paper"]) < 3:
            weak.append(style)
        page.keyboard.press("Tab")
    assert len(seen) > 10
    assert weak == []


TARGETS = """() => [...document.querySelectorAll('button, input, select, summary, [data-calculator] a, .site-header a')]
    .filter((element) => element.checkVisibility() && !(element.tagName === 'A' && element.closest('p')))
    .map((element) => {
        const boxes = [element, ...(element.labels ?? [])].map((part) => part.getBoundingClientRect());
        return {what: element.outerHTML.slice(0, 80), width: Math.max(...boxes.map((box) => box.width)),
                height: Math.max(...boxes.map((box) => box.height))};
    })
    .filter((target) => target.width < 24 || target.height < 24)"""


def test_touch_targets_are_at_least_24_px(page):
    """WCAG 2.5.8 for controls and menus; links inside sentences are exempt (axe checks the rest with spacing)."""
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    fill_person(page)
    assert page.evaluate(TARGETS) == []
    page.goto("/widget/?credentials=nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.click("[data-add-activity]")
    assert page.evaluate(TARGETS) == []


@pytest.mark.parametrize("width", [320, 640])  # 640: a 1280 px layout at 200% zoom
def test_no_horizontal_scrolling_at_320_px_and_200_percent_zoom(page, site_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for path in sitemap_paths(site_dir) + ["/widget/", "/no-such-page/"]:
        page.goto(path)
        size = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if size[0] > size[1]:
            wide[path] = size
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    fill_person(page)
    open_details(page)
    page.click("button[name=share]")
    size = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if size[0] > size[1]:
        wide["/calculator/ with results"] = size
    assert wide == {}
