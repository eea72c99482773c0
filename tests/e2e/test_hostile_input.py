"""Hostile and broken input: markup in titles (typed, imported, shared) stays text; damaged share
links, saved states and files give a message and keep what the person entered; a calculator whose
Python runtime cannot start says so and links to the guideline pages instead of spinning forever.

One browser context per module: its SharedWorker boots Pyodide once for all the tests here.
"""

import base64
import functools
import json
import os
import threading
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from buildlib.serving.server import SiteRequestHandler
from calculator.rules import organization_ids

pytestmark = pytest.mark.e2e

PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "javascript:window.__pwned=1",
    '"><svg onload=window.__pwned=1>',
    "{{7*7}} ${window.__pwned=1} &lt;b&gt;",
]
CSCS = "[data-credential]:has(#credential-nsca-cscs)"


@pytest.fixture
def page(module_page):
    return module_page


def open_with_cscs(page):
    """The calculator, ready, with a CSCS certified 2019-04-02 entered by hand."""
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")


def scenario(titles=PAYLOADS, credential="nsca-cscs"):
    return {"as_of": "2026-11-23", "credentials": [{"id": credential, "certified_on": "2019-04-02", "expires_on": None}],
            "cpr_aed": None, "memberships": [],
            "activities": [{"title": title, "date": "2025-03-01", "type": "event", "hours": 1} for title in titles]}


def link_code(value):
    text = value if isinstance(value, str) else json.dumps(value)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def assert_shown_as_text(page):
    counted = page.locator("[data-results] article[data-credential=nsca-cscs] .recert-counted")
    for payload in PAYLOADS:
        expect(counted).to_contain_text(payload)
    assert page.locator("[data-activity] [name=title]").evaluate_all("(inputs) => inputs.map((input) => input.value)") == PAYLOADS
    assert page.evaluate("window.__pwned") is None
    assert page.locator("[data-calculator] img, [data-calculator] svg, [data-calculator] script").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_markup_typed_into_titles_is_text(page):
    open_with_cscs(page)
    for payload in PAYLOADS:
        page.click("[data-add-activity]")
        page.keyboard.type(payload)  # the focus is on the new title
        page.locator("[data-activity] [name=date]").last.fill("2025-03-01")
        page.locator("[data-activity] [name=hours]").last.fill("1")
    assert_shown_as_text(page)


def test_markup_in_an_imported_file_is_text(page, tmp_path):
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    data = {"version": 1, "scenario": scenario()}
    data["scenario"]["credentials"].append({"id": PAYLOADS[0], "certified_on": "2019-04-02"})
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(data))
    page.set_input_files("[name=import_file]", str(file))
    expect(page.locator("[data-message]")).to_contain_text(f'the form does not show it')
    expect(page.locator("[data-message]")).to_contain_text(f'credential (not evaluated) {{"id":"{PAYLOADS[0][:20]}')
    assert_shown_as_text(page)


def test_markup_in_a_share_link_is_text(page):
    page.goto(f"/calculator/#s={link_code(scenario())}")
    expect(page.locator("[data-message]")).to_contain_text("Loaded the scenario from the link")
    assert_shown_as_text(page)


def test_hostile_widget_options_change_nothing(page):
    page.goto("/widget/?credentials=" + "%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E,nsca-cscs"
              + "&accent=red;background:url(javascript:alert(1))&theme=%22%3E%3Cscript%3E&organization=%3Csvg%3E")
    page.evaluate("Recert.ready")
    expect(page.locator("#credential-nsca-cscs")).to_be_checked()
    assert page.evaluate("document.documentElement.style.getPropertyValue('--accent')") == ""
    assert page.evaluate("document.documentElement.dataset.theme") == "light"  # the widget's default look
    assert page.evaluate("window.__pwned") is None
    assert page.locator("[data-calculator] img, [data-calculator] svg").count() == 0


# Malformed links beyond test_calculator_page.py's three (not base64, cut short, a JSON array).
@pytest.mark.parametrize("code", [link_code("hello, not JSON"), link_code('{"credentials": "nsca-cscs"}'),
                                  link_code("null"), "", "%E0%A4%A", link_code(b"\xff\xfe".decode("latin-1"))])
def test_a_malformed_link_on_an_open_page_keeps_what_was_entered(page, code):
    open_with_cscs(page)
    expect(page.locator("[data-results] article")).to_be_visible()
    page.evaluate("(code) => { location.hash = 's=' + code; }", code)
    expect(page.locator("[data-message]")).to_contain_text("share link")
    expect(page.locator(f"{CSCS} [name=certified_on]")).to_have_value("2019-04-02")
    expect(page.locator("[data-results] article")).to_be_visible()


def test_a_malformed_link_still_restores_the_local_save(page):
    page.goto("/calculator/")
    page.evaluate("(text) => localStorage.setItem('recert:saved', text)",
                  json.dumps({"version": 1, "scenario": scenario(["Kept"])}))
    page.goto("about:blank")
    page.goto("/calculator/#s=" + link_code("garbage"))
    message = page.locator("[data-message]")
    expect(message).to_contain_text("share link")
    expect(message).to_contain_text("Restored the scenario saved in this browser")
    expect(page.locator("[data-activity] [name=title]")).to_have_value("Kept")


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_files_that_are_not_ours_give_a_message_and_keep_the_form(page, tmp_path):
    open_with_cscs(page)
    page.click("[data-add-activity]")
    page.keyboard.type("Mine")
    page.locator("[data-activity] [name=date]").fill("2025-03-01")
    page.locator("[data-activity] [name=hours]").fill("2")
    expect(page.locator("[data-results] article")).to_be_visible()
    files = {"photo.png": PNG, "empty.json": b"", "random.json": b'{"name": "x", "items": [1, 2]}',
             "list.json": b"[1, 2, 3]", "string.json": b'"text"', "utf16.json": "{}".encode("utf-16"),
             "huge-number.json": b'{"version": 1e999, "scenario": {}}'}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        page.set_input_files("[name=import_file]", str(tmp_path / name))
        expect(page.locator("[data-message]")).to_contain_text(f'"{name}" is not')
        expect(page.locator("[data-activity] [name=title]")).to_have_value("Mine")
        expect(page.locator("[data-results] article")).to_be_visible()
    assert page.evaluate("window.__pwned") is None


class BrokenRuntimeHandler(SiteRequestHandler):
    """The site with its runtime broken one way: 'error' (the .wasm fails, and its .gz copy), 'mime' (a
    .wasm served as text/plain, which makes Pyodide hang) or 'rules' (the snapshot, which holds the rules,
    and the rules archive a start without it reads are missing)."""
    mode = None

    def send_head(self):
        path = self.path.split("?")[0]
        if (self.mode == "error" and path.endswith((".wasm", ".wasm.gz"))) or (
                self.mode == "rules" and path.startswith(("/assets/runtime/snapshot.", "/assets/runtime/fallback/calculator."))):
            self.send_error(503)
            return None
        return super().send_head()

    def guess_type(self, path):
        if self.mode == "mime" and str(path).endswith(".wasm"):
            return "text/plain"
        return super().guess_type(path)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def broken_sites(site_dir):
    servers = {}
    for mode in ["error", "mime", "rules"]:
        handler = functools.partial(type(mode, (BrokenRuntimeHandler,), {"mode": mode}), directory=os.fspath(site_dir))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[mode] = server
    yield {mode: f"http://127.0.0.1:{server.server_address[1]}" for mode, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def test_a_runtime_that_cannot_start_is_reported_with_links(browser, broken_sites):
    """All three at once (one wait): a message within 20 s, links to the guideline pages, a usable form."""
    pages = {}
    for mode, url in broken_sites.items():
        page = browser.new_context(service_workers="block").new_page()
        page.goto(url + ("/widget/?credentials=nsca-cscs" if mode == "mime" else "/calculator/"))
        pages[mode] = page
    for mode, page in pages.items():
        status = page.locator("[data-recert-status]")
        expect(status).to_contain_text("could not start" if mode == "rules" else "has not started yet", timeout=20_000)
        links = status.locator("[data-status-help] a")
        expect(links).to_have_count(len(organization_ids()))
        assert links.evaluate_all("(links) => links.map((link) => new URL(link.href).pathname)") == [
            f"/{org}/guidelines/" for org in organization_ids()]
        expect(page.locator("[data-recert-form]")).to_be_visible()  # never a blank page
        page.locator("#credential-nsca-cscs").check()
        expect(page.locator(f"{CSCS} [name=certified_on]")).to_be_visible()
        page.context.close()
