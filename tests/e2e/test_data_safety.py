"""Nothing lost: saved states are versioned and older ones are migrated; a save the browser
refuses (storage full, private mode) is reported and leaves the form as it was.

Format versions: 1 is {"version": 1, "scenario": {...}}; 0 is a bare scenario without the wrapper
(what the command line reads). Unreadable saves are covered in test_calculator_page.py.
"""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CSCS = "[data-credential]:has(#credential-nsca-cscs)"
V0 = {"as_of": "2026-11-23", "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None}],
      "cpr_aed": None, "activities": [{"title": "Old save", "date": "2025-03-01", "type": "event", "hours": 8}]}


@pytest.fixture
def page(module_page):
    return module_page


def test_an_old_local_save_is_migrated(page):
    page.clock.set_fixed_time("2026-11-23T10:00:00")  # the day it was saved on (it opens on today)
    page.goto("/calculator/")
    page.evaluate("(text) => localStorage.setItem('recert:saved', text)", json.dumps(V0))
    page.reload()
    expect(page.locator("[data-message]")).to_contain_text("Restored the scenario saved in this browser")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Old save")
    expect(page.locator("[data-results] article[data-credential=nsca-cscs]")).to_contain_text("Earned: 0.8 CEU")
    expect(page.locator("[name=save_locally]")).to_be_checked()
    saved = json.loads(page.evaluate("localStorage.getItem('recert:saved')"))
    assert saved["version"] == 2 and saved["scenario"]["activities"][0]["title"] == "Old save"  # saved again as it is now
    assert "as_of" not in saved["scenario"]  # the day it was saved on was no day the person chose


def test_an_old_file_imports(page, tmp_path):
    page.goto("/calculator/")
    file = tmp_path / "scenario.json"
    file.write_text(json.dumps(V0))
    page.set_input_files("[name=import_file]", str(file))
    expect(page.locator("[data-message]")).to_contain_text('Imported "scenario.json"')
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Old save")


QUOTA = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""


def test_a_refused_save_is_reported_and_the_form_kept(page):
    page.add_init_script(QUOTA)
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.click("[data-add-activity]")
    page.keyboard.type("Unsaved clinic")
    page.locator("[data-activity] [name=date]").fill("2025-03-01")
    page.locator("[data-activity] [name=hours]").fill("8")
    expect(page.locator("[data-results] article")).to_be_visible()
    page.click("[name=save_locally]")  # (not check(): the box unticks itself)
    message = page.locator("[data-tool-message]")
    expect(message).to_contain_text("Could not save in this browser")
    expect(message).to_contain_text("Export JSON")
    expect(page.locator("[name=save_locally]")).not_to_be_checked()  # no promise it cannot keep
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Unsaved clinic")
    expect(page.locator(f"{CSCS} [name=certified_on]")).to_have_value("2019-04-02")
    expect(page.locator("[data-results] article")).to_contain_text("Earned: 0.8 CEU")
    page.locator("[data-activity] [name=hours]").fill("9")  # later changes still evaluate
    expect(page.locator("[data-results] article")).to_contain_text("Earned: 0.9 CEU")
    assert page.evaluate("localStorage.length") == 0


# The service worker: a page left open across a deploy never runs a mix of two builds.
from tests.e2e.test_calculator_offline import recorded_site, site_copy  # noqa: E402,F401  (fixtures)


def test_an_update_while_two_pages_are_open_never_mixes_builds(browser, site_copy, recorded_site):
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(recorded_site.url + "/calculator/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    # A new build: a file with a fixed address changes, and so does the manifest.
    worker = site_copy / "js" / "recert-worker.js"
    worker.write_text(worker.read_text() + "\n// build 2\n")
    for suffix in [".br", ".gz"]:
        (site_copy / "js" / f"recert-worker.js{suffix}").unlink(missing_ok=True)
    manifest = site_copy / "sw-manifest.js"
    manifest.write_text(manifest.read_text().replace('"version": "', '"version": "new'))
    fetch_module = "() => fetch('/js/recert-worker.js').then((response) => response.text())"

    first.reload()
    expect(first.locator("[data-update]")).to_be_visible(timeout=30_000)
    assert "build 2" not in first.evaluate(fetch_module)  # until the person switches: the old build, whole
    with first.expect_navigation():
        first.locator("[data-update] button").click()
    first.evaluate("Recert.ready")
    assert "build 2" in first.evaluate(fetch_module)  # after: the new one
    expect(second.locator("[data-update]")).to_be_visible()  # the other page is told it runs the old build
    result = second.evaluate("Recert.evaluate({as_of: '2026-11-23', credentials: [{id: 'nsca-cscs', certified_on: '2019-04-02'}]})")
    assert result["credentials"][0]["status"] == "in_progress"  # its runtime still answers until the person reloads
    context.close()
