"""A person's path through /calculator/, clicked in Chromium: enter, fix, keep, share."""

import base64
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
CSCS = "[data-credential]:has(#credential-nsca-cscs)"
THREE_CREDENTIALS = {"as_of": "2026-11-23", "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": True},
                     "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}, {"id": "nasm-cpt", "certified_on": "2024-10-01"},
                                     {"id": "acsm-cpt", "certified_on": "2023-02-01"}]}
TITLE_HTML = '<img src=x onerror="window.pwned = true">'


def open_calculator(page, fragment=""):
    page.goto(f"/calculator/{fragment}")
    page.evaluate("Recert.ready")


def reload(page):
    page.reload()
    page.evaluate("Recert.ready")


def enter_person(page, title="Regional clinic"):
    """An NSCA CSCS certified in 2019, evaluated on 2026-11-23, with one 8-hour event."""
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.fill("[name=cpr_valid_until]", "2027-05-01")
    page.click("text=Add an activity")
    row = page.locator("[data-activity]").last
    row.locator("[name=title]").fill(title)
    row.locator("[name=date]").fill("2025-03-01")
    row.locator("[name=hours]").fill("8")
    return row


def result_card(page, credential="nsca-cscs"):
    return page.locator(f"[data-results] article[data-credential={credential}]")


def test_status_fees_and_what_counted(page, collect_errors):
    errors = collect_errors(page)
    open_calculator(page)
    enter_person(page)
    card = result_card(page)
    expect(card.locator(".recert-badge")).to_have_text("In progress")
    expect(card).to_contain_text("December 31, 2026 (38 days left)")
    expect(card).to_contain_text("Earned: 0.8 CEU of 6.0 CEU")
    total = page.locator("[data-results] [data-owed] [data-total]")  # the scenario's, once, below the cards
    expect(total).to_have_text("$90.00")
    expect(card.locator(".recert-fees")).to_contain_text("$90.00")
    expect(card.locator(".recert-counted")).to_contain_text("Regional clinic (March 1, 2025): 0.8 CEU, category A")
    expect(card).to_contain_text("Quickest way to close the gap")
    page.check("[name=membership][value=nsca]")
    expect(total).not_to_have_text("$90.00")
    assert errors == []


def test_the_one_total_says_to_confirm_with_the_organization_before_paying(page):
    # Issue 10, item 4: our figures come from copies of the organizations' pages, so the total says to confirm them.
    # Issue 23, item 3: one total for the scenario, not one per card.
    shared = {**THREE_CREDENTIALS, "no_activities": True}  # "no CE to enter yet" travels with the link
    open_calculator(page, "#s=" + base64.urlsafe_b64encode(json.dumps({"version": 2, "scenario": shared}).encode()).decode())
    expect(page.locator("[name=no_activities]")).to_be_checked()
    expect(page.locator("[data-results] article")).to_have_count(3)
    owed = page.locator("[data-results] [data-owed]")
    expect(owed).to_have_count(1)
    expect(owed.locator("tfoot")).to_contain_text("Total")
    expect(owed).to_contain_text("Confirm with your organization before you pay.")
    assert page.locator("[data-results] article tfoot").count() == 0


def test_loading_status_then_ready(page):
    page.goto("/calculator/")
    status = page.locator("[data-recert-status]")
    expect(status).to_have_attribute("role", "status")
    page.check("#credential-nsca-cscs")  # the form works before Python is ready
    page.evaluate("Recert.ready")
    expect(status).to_contain_text("Rules 1.0.0")
    expect(status.locator("progress")).to_be_hidden()


def test_the_same_scenario_asked_twice_gives_each_caller_an_answer_of_its_own(page):
    """window.Recert answers a scenario asked again from the answer it kept: a host page that changes the object
    it got (sorts, deletes) must not change what the next caller, or the widget itself, reads."""
    open_calculator(page)
    kept, third = page.evaluate("""async (scenario) => {
      const first = await Recert.evaluate(scenario);
      const kept = JSON.stringify(first);
      first.credentials.length = 0;
      first.as_of = "changed";
      const [second, third] = await Promise.all([Recert.evaluate(scenario), Recert.evaluate(scenario)]);
      second.credentials.pop();
      return [kept, JSON.stringify(third)];
    }""", THREE_CREDENTIALS)
    assert len(json.loads(kept)["credentials"]) == 3
    assert json.loads(third) == json.loads(kept)


def test_inline_error_next_to_the_field_then_fixed(page):
    open_calculator(page)
    row = enter_person(page)
    hours = row.locator("[name=hours]")
    hours.fill("")
    expect(hours).to_have_attribute("aria-invalid", "true")
    message = page.locator(f"#{hours.get_attribute('aria-describedby')}")
    expect(message).to_contain_text("required")
    assert message.evaluate("(note) => note.previousElementSibling.contains(document.querySelector('[data-activity] [name=hours]'))")
    expect(page.locator("[data-results]")).to_contain_text("Fix the marked fields")
    hours.fill("8")
    expect(result_card(page)).to_be_visible()
    expect(hours).not_to_have_attribute("aria-invalid", "true")
    assert page.locator("[data-field-error]").count() == 0


def test_an_answer_to_entries_since_changed_is_not_shown(page):
    """An answer slower than the typing: the one asked for before the hours were typed comes back just
    after, while the form waits for the typing to pause, and would mark the hours, filled in by then, as
    missing. It is dropped; the answer to the form as it is now follows."""
    open_calculator(page)
    page.evaluate("""() => {
      const evaluate = Recert.evaluate.bind(Recert);
      window.held = []; // answers kept back until release()
      Recert.evaluate = (scenario) => (window.held ? new Promise((resolve) => held.push(() => resolve(evaluate(scenario))))
                                                   : evaluate(scenario));
      window.release = () => { const answers = held; window.held = null; answers.forEach((answer) => answer()); };
      window.marked = false;
      new MutationObserver(() => { window.marked ||= Boolean(document.querySelector("[data-activity] [data-field-error]")); })
        .observe(document.querySelector("[data-recert-form]"), { childList: true, subtree: true });
    }""")
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.click("text=Add an activity")
    row = page.locator("[data-activity]")
    row.locator("[name=title]").fill("Regional clinic")
    row.locator("[name=date]").fill("2025-03-01")
    page.wait_for_function("() => held.length > 0")  # the form has asked, hours still empty
    row.locator("[name=hours]").fill("8")
    page.evaluate("release()")  # that answer comes now, before the form asks again
    expect(result_card(page)).to_be_visible()
    assert not page.evaluate("window.marked")


def test_a_date_not_yet_entered_is_a_prompt_not_an_error(page):
    open_calculator(page)
    page.check("#credential-nsca-cscs")
    expect(page.locator("[data-results]")).to_contain_text("Enter the dates the form asks for")
    assert page.locator("[aria-invalid=true]").count() == 0


def test_titles_are_shown_as_text(page):
    open_calculator(page)
    enter_person(page, title=TITLE_HTML)
    expect(result_card(page).locator(".recert-counted")).to_contain_text(TITLE_HTML)
    assert page.locator("[data-results] img").count() == 0
    assert page.evaluate("window.pwned") is None


def test_duplicate_edit_and_remove_activities(page):
    open_calculator(page)
    row = enter_person(page)
    row.locator("text=Duplicate").click()
    rows = page.locator("[data-activity]")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("[name=hours]")).to_have_value("8")
    expect(result_card(page)).to_contain_text("Earned: 1.6 CEU")
    rows.nth(1).locator("[name=type]").select_option("college_course")
    expect(rows.nth(1).locator("[name=credit_hours]")).to_be_visible()
    expect(rows.nth(1).locator("[name=hours]")).to_be_hidden()
    expect(rows.nth(1).locator("[name=term]")).to_have_value("")  # asked, never guessed
    rows.nth(1).locator("[name=term]").select_option("semester")
    rows.nth(1).locator("[name=credit_hours]").fill("3")
    rows.nth(1).locator("[name=started_on]").fill("2025-01-10")
    expect(result_card(page)).to_contain_text("Earned: 2.3 CEU")
    rows.nth(0).locator("text=Remove").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0).locator("legend")).to_have_text("Activity 1")
    expect(result_card(page)).to_contain_text("Earned: 1.5 CEU")


def test_every_input_is_labelled(page):
    open_calculator(page)
    enter_person(page)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('[data-calculator] input, [data-calculator] select')]
        .filter((input) => !input.labels.length).map((input) => input.name)""")
    assert unlabelled == []


def test_save_is_opt_in_and_survives_a_reload(page):
    open_calculator(page)
    enter_person(page)
    expect(result_card(page)).to_be_visible()
    reload(page)
    expect(page.locator("#credential-nsca-cscs")).not_to_be_checked()  # nothing saved unasked
    assert page.evaluate("localStorage.length") == 0

    enter_person(page)
    page.check("[name=save_locally]")
    expect(result_card(page)).to_be_visible()
    reload(page)
    expect(page.locator("[data-message]")).to_contain_text("Restored")
    expect(page.locator(f"{CSCS} [name=certified_on]")).to_have_value("2019-04-02")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")
    expect(result_card(page)).to_be_visible()

    page.click("button[name=clear]")
    expect(page.locator("#credential-nsca-cscs")).not_to_be_checked()
    reload(page)
    expect(page.locator("#credential-nsca-cscs")).not_to_be_checked()
    assert page.evaluate("localStorage.length") == 0


@pytest.mark.parametrize("saved, message", [
    ("{not json", "not a calculator file"),
    ('{"version": 99, "scenario": {}}', "not in a format this calculator knows"),
    ('{"version": 1, "scenario": [1, 2]}', "does not hold a calculator scenario"),
])
def test_unreadable_saved_state_gives_a_message(page, saved, message):
    open_calculator(page)
    page.evaluate("(text) => localStorage.setItem('recert:saved', text)", saved)
    reload(page)
    expect(page.locator("[data-message]")).to_contain_text(message)
    expect(page.locator("[data-recert-form]")).to_be_visible()
    expect(page.locator("[name=save_locally]")).not_to_be_checked()


def person_download(page, tmp_path, button):
    """Enter the usual person, wait for the result, click a download button; the saved file's path."""
    open_calculator(page)
    enter_person(page)
    expect(result_card(page)).to_be_visible()
    with page.expect_download() as download:
        page.click(f"button[name={button}]")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_export_then_import(page, tmp_path):
    exported = person_download(page, tmp_path, "export")
    data = json.loads(exported.read_text())
    assert data["version"] == 2
    assert data["scenario"]["activities"][0]["title"] == "Regional clinic"

    page.click("button[name=clear]")
    expect(page.locator("[data-activity]")).to_have_count(0)
    page.set_input_files("[name=import_file]", str(exported))
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")
    expect(result_card(page)).to_contain_text("Earned: 0.8 CEU")

    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 3}')
    page.set_input_files("[name=import_file]", str(bad))
    expect(page.locator("[data-message]")).to_contain_text('"bad.json" is not in a format this calculator knows')
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")  # the form is kept


def test_share_link_round_trip(page, context):
    open_calculator(page)
    enter_person(page, title="Clinic — café ünïcode")
    expect(result_card(page)).to_be_visible()
    page.click("button[name=share]")
    link = page.locator("[name=share_link]").input_value()
    assert re.search(r"/calculator/#s=[A-Za-z0-9_-]+$", link)
    other = context.new_page()
    other.goto(link)
    expect(other.locator("[data-message]")).to_contain_text("Loaded the scenario from the link")
    expect(other.locator("[data-activity] [name=title]")).to_have_value("Clinic — café ünïcode")
    expect(result_card(other)).to_contain_text("Earned: 0.8 CEU")


@pytest.mark.parametrize("fragment", ["#s=not-base64!!", "#s=" + "eyJhc19vZiI6", "#s=WzEsMl0"])
def test_malformed_share_link_gives_a_message(page, fragment):
    open_calculator(page, fragment)
    expect(page.locator("[data-message]")).to_contain_text("share link")
    expect(page.locator("[data-recert-form]")).to_be_visible()
    expect(page.locator("[data-results]")).to_contain_text("Choose a credential")


def test_calendar_file(page, tmp_path):
    path = person_download(page, tmp_path, "calendar")
    assert path.suffix == ".ics"
    text = path.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261231" in text  # the deadline
    assert "DTSTART;VALUE=DATE:20270131" in text  # the last day of the late window
    assert text.count("BEGIN:VEVENT") == 2
    assert all(len(line) <= 75 for line in text.split("\r\n"))


def test_fees_the_sources_do_not_publish(page):
    scenario = json.loads((SCENARIOS / "nasm_expired_when_every_window_has_closed.json").read_text())["scenario"]
    scenario["no_activities"] = not scenario["activities"]
    code = base64.urlsafe_b64encode(json.dumps({"version": 2, "scenario": scenario}).encode()).decode().rstrip("=")  # its day pinned
    open_calculator(page, f"#s={code}")
    card = result_card(page, "nasm-cpt")
    expect(card.locator(".recert-badge")).to_have_text("Expired")
    expect(card.locator(".recert-fees tbody")).to_contain_text("not published in our sources")
    unpublished = page.locator("[data-results] [data-owed] [data-unpublished]")  # named once, for the scenario
    expect(unpublished).to_contain_text("Our sources publish no amount for: Exam fee to certify again (NASM Certified Personal Trainer)")


def test_a_dedicated_worker_where_shared_workers_are_missing(page):
    page.add_init_script("delete window.SharedWorker")
    open_calculator(page)
    enter_person(page)
    expect(result_card(page).locator(".recert-badge")).to_have_text("In progress")
