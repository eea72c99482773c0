"""How the calculator's pages get their script (buildlib/pages/bundle.py, site/templates/calculator_form.html):
one file, asked for before the stylesheets, run without waiting for them or for the Python runtime."""

import base64
import json
import subprocess

import pytest
from playwright.sync_api import expect

from buildlib import BuildError
from buildlib.pages.bundle import bundle

pytestmark = pytest.mark.e2e

SCENARIO = {"as_of": "2026-11-23", "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}],
            "activities": [{"title": "Regional clinic", "date": "2025-03-01", "type": "event", "hours": 8}]}
LINK = "/calculator/#s=" + base64.urlsafe_b64encode(json.dumps({"version": 2, "scenario": SCENARIO}).encode()).decode().rstrip("=")


def held(page, pattern):
    """Routes requests matching `pattern` into a list, unanswered until the test continues them."""
    waiting = []
    page.route(pattern, lambda route: waiting.append(route))
    return waiting


@pytest.mark.parametrize("url", ["/calculator/", "/widget/"])
def test_the_page_asks_for_one_script_of_its_own_first(page, url):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(url)
    page.evaluate("Recert.ready")
    scripts = [address for address in asked if address.endswith(".js") and "/pyodide/" not in address]
    assert "/assets/js/" in scripts[0] and len([address for address in scripts if "/assets/js/" in address]) == 1
    assert not [address for address in scripts if "/js/calculator/" in address], scripts  # bundled, not fetched
    assert asked.index(scripts[0]) < min(asked.index(address) for address in asked if address.endswith(".css"))


def test_a_share_link_fills_the_form_before_the_stylesheets_arrive(page):
    stylesheets = held(page, "**/*.css")
    page.goto(LINK, wait_until="commit")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")
    expect(page.locator("#credential-nsca-cscs")).to_be_checked()
    assert stylesheets, "the stylesheets were asked for and are still held"
    for route in stylesheets:
        route.continue_()
    page.evaluate("Recert.ready")


def test_the_form_is_filled_before_the_python_runtime_is_asked_for(page):
    build_file = held(page, "**/js/recert-build.js")
    page.goto(LINK, wait_until="commit")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")
    expect(page.locator("[data-recert-status]")).to_have_attribute("data-state", "progress")
    assert build_file, "the build file was asked for and is still held"
    for route in build_file:
        route.continue_()
    page.evaluate("Recert.ready")
    expect(page.locator("[data-results] article[data-credential=nsca-cscs]")).to_be_visible()


def test_without_the_build_file_the_page_says_the_calculator_could_not_start(page):
    page.route("**/js/recert-build.js", lambda route: route.abort())
    page.goto(LINK)
    expect(page.locator("[data-recert-status]")).to_have_attribute("data-state", "failed")
    expect(page.locator("[data-status-label]")).to_contain_text("could not start (/js/recert-build.js did not load)")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Regional clinic")  # the form stays
    answer = page.evaluate("Recert.evaluate({as_of: '2026-11-23', credentials: []})")
    assert answer == {"errors": [{"field": "", "message": "The calculator could not start. Reloading the page may help."}]}


def run_bundle(tmp_path, files, entry="page.js"):
    """Bundles /js/<entry> from the modules `files` (name -> text) and runs it in Node: what it printed."""
    folder = tmp_path / "js"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "bundle.mjs"
    out.write_text(bundle("/js/" + entry, folder)[0], encoding="utf-8")
    return subprocess.run(["node", str(out)], capture_output=True, text=True, check=True).stdout.split()


def test_bundled_modules_run_in_import_order_each_in_its_own_scope(tmp_path):
    printed = run_bundle(tmp_path, {
        "page.js": 'import { shown as say } from "./a.js";\nimport { twice } from "/js/b.js";\n'
                   'const name = "page";\nsay(name); say(twice(2));\n',
        "a.js": 'import { twice } from "./b.js";\nconst name = "a";\nconsole.log(name, twice(1));\n'
                "export function shown(text) { console.log(text); }\n",
        "b.js": 'const name = "b";\nconsole.log(name, new URL(import.meta.url).pathname);\n'
                "export const twice = (n) => 2 * n;\n",
    })
    assert printed == ["b", "/js/b.js", "a", "2", "page", "4"]  # b once, before a; import.meta.url is b's own


@pytest.mark.parametrize("text, message", [
    ('import * as all from "./a.js";\n', "page.js: an import or export buildlib/pages/bundle.py cannot bundle"),
    ("export default 1;\n", "page.js: an import or export buildlib/pages/bundle.py cannot bundle"),
    ('import { a } from "./missing.js";\n', "page.js: imports ./missing.js, which is no file under js/ to bundle"),
])
def test_what_the_bundler_cannot_bundle_stops_the_build(tmp_path, text, message):
    with pytest.raises(BuildError, match=message.replace(".", r"\.")):
        run_bundle(tmp_path, {"page.js": text, "a.js": "export const a = 1;\n"})
