import pytest
from playwright.sync_api import expect
from test_form_on_a_phone import open_form, enter_course, CSCS
pytestmark = pytest.mark.e2e

@pytest.mark.parametrize("path", ["/calculator/", "/widget/"])
def test_look(module_page, path):
    page = module_page
    page.clock.set_fixed_time("2026-06-01T10:00:00")
    page.set_viewport_size({"width": 375 if path == "/calculator/" else 340, "height": 800})
    page.goto(path)
    page.evaluate("Recert.ready")
    if path == "/calculator/":
        page.fill("[data-credential-filter]", "cscs")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2030-05-10")
    page.click("[data-add-activity]")
    row = page.locator("[data-activity]")
    row.locator("[name=title]").fill("Strength clinic")
    row.locator("[name=date]").focus()
    row.locator("[name=hours]").fill("-3")
    row.locator("[name=title]").focus()
    page.wait_for_timeout(800)
    page.locator("[data-recert-form]").screenshot(path=f"/tmp/look{path.strip('/')}.png")
    print("ERRS", page.locator("[data-field-error]").all_inner_texts(), page.locator("[data-form-errors]").inner_text())
