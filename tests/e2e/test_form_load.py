"""Loading into the form, as people live: a later day, a link that would overwrite typed work, a record
larger or deeper than a scenario can be, numbers typed with a decimal comma, a Clear regretted.

Issue 21 part 2 (the evaluation day is today unless pinned), issue 27 points 1, 2, 3 and 7, issue 23
points 4 and 8. One page per test (the clock one reloads across days), in one browser context.
"""

import base64
import json

import pytest
from playwright.sync_api import expect

import calculator

pytestmark = pytest.mark.e2e

CSCS = "[data-credential]:has(#credential-nsca-cscs)"
PERSON = {"credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}],
          "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": True},
          "activities": [{"title": "Regional clinic", "date": "2025-03-01", "type": "event", "hours": 8}]}
# Everything the form cannot show, beside what it can: it must come back out unchanged.
RICH = {
    "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None},
                    {"id": "a-credential-of-a-later-version", "certified_on": "2020-01-01"}],
    "cpr_aed": {"valid_until": "2030-01-01"},
    "activities": [
        {"title": "Clinic", "date": "2025-03-01", "type": "event", "hours": 8, "in_scope_hours": 6, "notes": "with Sam"},
        {"title": "Ethics course", "date": "03/01/2025", "type": "online_course", "ceus": 0.5, "topic": "Ethics", "provider": "a gym"},
        {"title": "Text hours", "date": "2025-04-01", "type": "event", "hours": "8"},
        {"title": "Semester", "date": "2025-01-10", "type": "college_course", "credit_hours": 3, "term": "semester",
         "started_on": "2025-01-10", "hours": 2},
        "not an activity",
    ],
    "memberships": ["nsca", "ymca"],
    "options": {"acsm_path": "cec", "an_option_of_later": True},
    "a_field_of_later": {"kept": [1, 2]},
}


@pytest.fixture
def page(module_page):
    return module_page


def link(scenario, wrapped=True):
    """A share link's fragment; `wrapped` as this version writes them, else as older links did (the bare scenario)."""
    data = {"version": 2, "scenario": scenario} if wrapped else scenario
    return "#s=" + base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def unlink(url):
    code = url.split("#s=")[1]
    return json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))


def exported(page, tmp_path):
    with page.expect_download() as download:
        page.click("button[name=export]")
    path = tmp_path / "export.json"
    download.value.save_as(path)
    return json.loads(path.read_text())


def saved(page):
    return json.loads(page.evaluate("localStorage.getItem('recert:saved')"))


def wait_saved(page, condition):
    """Waits until the local save's scenario (`scenario` in the JS expression `condition`) meets it."""
    page.wait_for_function(f"() => {{ const {{ scenario }} = JSON.parse(localStorage.getItem('recert:saved')); return {condition}; }}")


def card(page):
    return page.locator("[data-results] article[data-credential=nsca-cscs]")


def status_on(day, scenario=PERSON):
    """The command line's status for the scenario on `day`: what the page must show that day."""
    return calculator.evaluate({**scenario, "as_of": day})["credentials"][0]["status"]


def test_the_evaluation_day_is_today_unless_pinned(page, tmp_path):
    page.clock.set_fixed_time("2026-12-03T10:00:00")
    page.goto("/calculator/" + link(PERSON))
    page.evaluate("Recert.ready")
    expect(page.locator("[name=as_of]")).to_have_value("2026-12-03")
    expect(card(page)).to_contain_text("December 31, 2026 (28 days left)")
    page.check("[name=save_locally]")
    expect(page.locator("[data-tool-message]")).to_contain_text("Saved in this browser")
    assert "as_of" not in saved(page)["scenario"]  # nothing pinned: no day kept
    assert "as_of" not in exported(page, tmp_path)["scenario"]
    page.click("button[name=share]")
    assert unlink(page.locator("[name=share_link]").input_value()) == {"version": 2, "scenario": PERSON}

    page.clock.set_fixed_time("2027-01-20T10:00:00")  # the same save, opened seven weeks later
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    expect(page.locator("[data-message]")).to_contain_text("Restored the scenario saved in this browser")
    expect(page.locator("[name=as_of]")).to_have_value("2027-01-20")
    assert status_on("2027-01-20") != status_on("2026-12-03")
    expect(card(page)).to_have_attribute("data-status", status_on("2027-01-20"))
    expect(card(page)).not_to_contain_text("28 days")
    expect(page.locator("[data-as-of-today]")).to_be_hidden()

    # A day the person pins stays pinned, in the save too; "Back to today" unpins it.
    page.fill("[name=as_of]", "2026-12-15")
    expect(card(page)).to_contain_text("December 31, 2026 (16 days left)")
    expect(page.locator("[data-as-of-today]")).to_be_visible()
    wait_saved(page, "scenario.as_of === '2026-12-15'")
    page.reload()
    expect(page.locator("[name=as_of]")).to_have_value("2026-12-15")
    page.click("[data-as-of-today]")
    expect(page.locator("[name=as_of]")).to_have_value("2027-01-20")
    expect(card(page)).to_have_attribute("data-status", status_on("2027-01-20"))
    wait_saved(page, "!('as_of' in scenario)")


def test_a_page_left_open_past_midnight_answers_for_the_new_day(page):
    page.clock.set_fixed_time("2026-12-03T23:58:00")
    page.goto("/calculator/" + link(PERSON))
    page.evaluate("Recert.ready")
    expect(card(page)).to_contain_text("December 31, 2026 (28 days left)")
    page.clock.set_fixed_time("2026-12-04T07:30:00")  # the person comes back to the tab in the morning
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("[name=as_of]")).to_have_value("2026-12-04")
    expect(card(page)).to_contain_text("December 31, 2026 (27 days left)")


@pytest.mark.parametrize("how", ["local save", "share link", "export file"])
def test_an_older_save_opens_on_today_with_its_day_a_click_away(page, tmp_path, how):
    old = {"as_of": "2026-12-03", **PERSON}  # before pinning, every save carried its day
    page.clock.set_fixed_time("2027-01-20T10:00:00")
    if how == "local save":
        page.goto("/calculator/")
        page.evaluate("(text) => localStorage.setItem('recert:saved', text)", json.dumps({"version": 1, "scenario": old}))
        page.reload()
    elif how == "share link":
        page.goto("/calculator/" + link(old, wrapped=False))
    else:
        page.goto("/calculator/")
        (tmp_path / "old.json").write_text(json.dumps({"version": 1, "scenario": old}))
        page.set_input_files("[name=import_file]", str(tmp_path / "old.json"))
    page.evaluate("Recert.ready")
    report = page.locator("[data-message]")
    expect(report).to_contain_text("Saved on December 3, 2026; shown for today.")
    expect(page.locator("[name=as_of]")).to_have_value("2027-01-20")
    expect(card(page)).to_have_attribute("data-status", status_on("2027-01-20"))
    report.get_by_role("button", name="See December 3, 2026 instead").click()
    expect(page.locator("[name=as_of]")).to_have_value("2026-12-03")
    expect(card(page)).to_contain_text("December 31, 2026 (28 days left)")


def test_an_activity_without_a_date_is_a_field_error_never_the_evaluation_day(page):
    page.goto("/calculator/" + link({**PERSON, "activities": [{"title": "Undated", "type": "event", "hours": 14}]}))
    page.evaluate("Recert.ready")
    date = page.locator("[data-activity] [name=date]")
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{date.get_attribute('aria-describedby')}")).to_have_text("When did you complete it?")
    expect(page.locator("[data-results]")).to_contain_text("Fix the marked fields")

    page.click("[data-add-activity]")  # a new activity: no date until the person gives one
    row = page.locator("[data-activity]").last
    expect(row.locator("[name=date]")).to_have_value("")
    page.keyboard.type("Typed")
    row.locator("[name=hours]").fill("2")
    row.locator("[name=date]").focus()
    row.locator("[name=type]").focus()  # passed through, left empty: now a gap, said at the field
    expect(row.locator("[name=date]")).to_have_attribute("aria-invalid", "true")


def test_every_field_survives_load_save_export_and_share(page, tmp_path):
    page.goto("/calculator/" + link(RICH))
    page.evaluate("Recert.ready")
    report = page.locator("[data-message]")
    expect(report).to_contain_text("Loaded the scenario from the link")
    if report.locator("details").count():
        report.locator("details summary").click()  # past the first ten
    for shown in ['credential (not evaluated) {"id":"a-credential-of-a-later-versio', 'membership "ymca"', 'option "an_option_of_later" true',
                  'Activity 1 ("Clinic"): notes "with Sam"', 'Activity 2 ("Ethics course"): Date "03/01/2025"',
                  'Activity 2 ("Ethics course"): Topic', '"Ethics"', 'Activity 5: "not an activity"', 'field "a_field_of_later"']:
        expect(report).to_contain_text(shown)
    expect(page.locator("[data-activity]")).to_have_count(5)  # in their places: errors name the right row
    assert exported(page, tmp_path)["scenario"] == RICH
    page.click("button[name=share]")
    assert unlink(page.locator("[name=share_link]").input_value())["scenario"] == RICH
    page.check("[name=save_locally]")
    assert saved(page)["scenario"] == RICH

    page.locator("[data-activity]").first.locator("[name=hours]").fill("9")  # one change, and only it
    wait_saved(page, "scenario.activities[0].hours === 9")
    changed = json.loads(json.dumps(RICH))
    changed["activities"][0]["hours"] = 9
    assert exported(page, tmp_path)["scenario"] == changed
    page.reload()  # the save was not rewritten without what the form does not show
    page.evaluate("Recert.ready")
    assert saved(page)["scenario"] == changed


def test_a_link_opened_over_typed_work_keeps_it_a_click_away(page):
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.click("[data-add-activity]")
    page.keyboard.type("Typed, saved nowhere")
    page.evaluate("(hash) => { location.hash = hash; }", link({**PERSON, "activities": [PERSON["activities"][0] | {"title": "From the link"}]}))
    expect(page.locator("[data-activity] [name=title]")).to_have_value("From the link")
    page.locator("[data-message]").get_by_role("button", name="Back to the entries you had").click()
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Typed, saved nowhere")
    expect(page.locator(f"{CSCS} [name=certified_on]")).to_have_value("2019-04-02")


def test_clear_can_be_undone(page):
    page.goto("/calculator/" + link(PERSON))
    page.evaluate("Recert.ready")
    page.check("[name=save_locally]")
    page.click("button[name=clear]")
    expect(page.locator("[data-activity]")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('recert:saved')") is None
    page.locator("[data-tool-message]").get_by_role("button", name="Undo").click()
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")
    expect(page.locator("[name=save_locally]")).to_be_checked()
    assert saved(page)["scenario"] == PERSON


def test_a_decimal_comma_is_a_decimal_point_and_unreadable_numbers_are_said(page, tmp_path):
    page.goto("/calculator/" + link(PERSON))
    page.evaluate("Recert.ready")
    hours = page.locator("[data-activity] [name=hours]")
    hours.fill("3,5")
    expect(card(page).locator(".recert-counted")).to_contain_text("Regional clinic")
    assert exported(page, tmp_path)["scenario"]["activities"][0]["hours"] == 3.5  # never 35
    for typed, said in [("3,5,5", '"3,5,5" cannot be read as a number'), ("1,000", '"1,000" could be read two ways')]:
        hours.fill(typed)
        expect(page.locator("[data-activity] [data-field-error]")).to_contain_text(said)
        expect(hours).to_have_attribute("aria-invalid", "true")
        expect(page.locator("[data-results]")).to_contain_text("Fix the marked fields")


def deep(levels):
    return "[" * levels + "]" * levels


def test_damaged_deep_and_oversized_input_is_refused_at_the_top_and_the_form_kept(page, collect_errors, tmp_path):
    errors = collect_errors(page)
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.click("[data-add-activity]")
    page.keyboard.type("Mine")
    report = page.locator("[data-message]")
    bad = {
        "nested too deeply": "#s=" + base64.urlsafe_b64encode(('{"credentials": [], "activities": [{"title": ' + deep(10_000) + "}]}").encode()).decode(),
        "holds 20,001 activities: the calculator reads at most 20,000": link({"credentials": [], "activities": [{}] * 20_001}),
        "is damaged (perhaps cut short": link(PERSON)[:40],
    }
    for said, fragment in bad.items():
        page.evaluate("(hash) => { location.hash = hash; }", fragment)
        expect(report).to_contain_text(said)
        expect(report).to_contain_text("Nothing was loaded from it; the form keeps what it held.")
        expect(page.locator("[data-activity] [name=title]")).to_have_value("Mine")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 20_000_001)
    page.set_input_files("[name=import_file]", str(big))
    expect(report).to_contain_text('"big.json" is too large (20 MB): the calculator reads at most 20 MB.')
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Mine")
    # The messages are at the top of the form, where the eye is, not below the results.
    assert report.bounding_box()["y"] < page.locator("[data-recert-form]").bounding_box()["y"]
    assert errors == []


def test_a_thousand_activities_are_drawn_a_slice_at_a_time_and_nothing_is_missed(page):
    """Issue 27 point 2: a long record is drawn a slice per task, so the page answers meanwhile. What the rows
    not drawn yet cannot show is still listed; an error in the last row ends up at its input; an activity
    added while rows are still coming goes after all of them.
    Waits on this page are page-side predicates: a locator's polling walks all 1,000 rows' nodes, back to back,
    and keeps the page's own timers (the form's debounce) from running."""
    activities = [{"title": f"Course {i}", "date": "2025-03-01", "type": "event", "hours": 1} for i in range(1000)]
    activities[899] = {**activities[899], "notes": "with Sam"}
    activities[999] = {**activities[999], "hours": -1}
    page.goto("/calculator/" + link({**PERSON, "activities": activities}), wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('[data-activity]')")
    drawn_at_first = page.evaluate("document.querySelectorAll('[data-activity]').length")
    page.click("[data-add-activity]")
    assert 0 < drawn_at_first < 1000, drawn_at_first
    expect(page.locator("[data-message]")).to_contain_text('Activity 900 ("Course 899"): notes "with Sam"')
    legends = page.evaluate("[...document.querySelectorAll('[data-activity-legend]')].map((legend) => legend.textContent)")
    assert legends == [f"Activity {number}" for number in range(1, 1002)]
    assert page.evaluate("document.activeElement === document.querySelector('[data-activity]:last-child [name=title]')")
    row_1000 = "document.querySelectorAll('[data-activity]')[999]"
    page.wait_for_function(f"() => {row_1000}.querySelector('[name=hours]').getAttribute('aria-invalid') === 'true'")
    page.locator("[data-activity]").nth(999).locator("[name=hours]").fill("1")
    page.locator("[data-activity]").last.locator("[data-remove-activity]").click()
    page.wait_for_function("() => document.querySelector('[data-results] article[data-credential=nsca-cscs]')?.textContent.includes('Earned:')")
    assert page.evaluate("document.querySelectorAll('[data-activity]').length") == 1000
    assert page.evaluate("document.querySelectorAll('[data-activity] [aria-invalid]').length") == 0


def test_typing_on_a_phone_while_a_long_record_is_drawn(module_context):
    """Issue 27 point 2, at 375 px and by keyboard: a person types in the first row while the other 999 come.
    The rows go in batches that double the list, not a slice at a time (after each insertion the browser's
    autofill reads every field of the form); the focus and the typing stay, and the answer is for what was typed."""
    activities = [{"title": f"Course {i}", "date": "2025-03-01", "type": "event", "hours": 1} for i in range(1000)]
    page = module_context.new_page()  # of its own: its size and its counting script
    page.set_viewport_size({"width": 375, "height": 740})
    page.add_init_script("""window.batches = []; // the number of rows each insertion into the list brought
      new MutationObserver((records) => {
        for (const record of records) if (record.target.matches?.("[data-activities]") && record.addedNodes.length) batches.push(record.addedNodes.length);
      }).observe(document, { childList: true, subtree: true });
      addEventListener("keydown", () => { window.rowsAtFirstKey ??= document.querySelectorAll("[data-activity]").length; });""")
    page.goto("/calculator/" + link({**PERSON, "activities": activities}), wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('[data-activity] [name=title]')")
    page.focus("[data-activity] [name=title]")
    page.keyboard.press("End")
    page.keyboard.type(" (edited)")
    assert page.evaluate("window.rowsAtFirstKey") < 1000  # typed while rows were coming
    page.wait_for_function("() => document.querySelectorAll('[data-activity]').length === 1000")
    first_title = "document.querySelector('[data-activity] [name=title]')"
    assert page.evaluate(f"document.activeElement === {first_title} && {first_title}.value") == "Course 0 (edited)"
    page.wait_for_function("() => document.querySelector('[data-results] article')?.textContent.includes('Course 0 (edited)')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    batches = page.evaluate("window.batches")
    assert sum(batches) == 1000
    for number, batch in enumerate(batches[1:-1], start=1):  # each as many rows as the list had, at least
        assert batch >= sum(batches[:number]), batches
    page.close()
