"""Offline use and privacy: after one visit the calculator works without a network, and
nothing a person types ever leaves the browser.

Each test runs its own server for the built site (a fresh origin, so a fresh service worker),
which records every request it receives, including those of the workers that Playwright
does not report.
"""

import functools
import json
import os
import shutil
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from buildlib.serving.server import SiteRequestHandler

SECRET_TITLE = "Zebra clinic 7731"


class RecordingHandler(SiteRequestHandler):
    def handle_one_request(self):
        super().handle_one_request()
        if getattr(self, "command", None):
            body_length = int(self.headers.get("Content-Length") or 0)
            self.server.log.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                    "body_length": body_length})

    def log_message(self, format, *args):
        pass


def start_server(directory):
    handler = functools.partial(RecordingHandler, directory=os.fspath(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.log = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def site_copy(site_dir, tmp_path):
    """A copy of the built site, for a test that changes it."""
    return shutil.copytree(site_dir, tmp_path / "site")


@pytest.fixture
def recorded_site(request):
    directory = request.getfixturevalue("site_copy" if "site_copy" in request.fixturenames else "site_dir")
    server = start_server(directory)
    server.dir = directory
    yield server
    server.shutdown()
    server.server_close()


def enter_scenario(page):
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill("[data-credential]:has(#credential-nsca-cscs) [name=certified_on]", "2019-04-02")
    page.click("text=Add an activity")
    page.fill("[data-activity] [name=title]", SECRET_TITLE)
    page.fill("[data-activity] [name=date]", "2025-03-01")
    page.fill("[data-activity] [name=hours]", "8")
    expect(page.locator("[data-results] article")).to_contain_text(SECRET_TITLE)


def test_works_offline_after_one_visit(page, context, recorded_site):
    page.goto(recorded_site.url + "/calculator/")
    page.evaluate("Recert.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    recorded_site.shutdown()  # no server at all from here on, and the browser is offline
    context.set_offline(True)
    page.reload()
    assert page.evaluate("Recert.ready")["rules"]
    enter_scenario(page)
    expect(page.locator("[data-results] .recert-badge")).to_have_text("In progress")

    widget = context.new_page()
    widget.goto(recorded_site.url + "/widget/?credentials=nsca-cscs")
    expect(widget.locator("#credential-nsca-cscs")).to_be_checked()  # query string kept from the cache
    widget.evaluate("Recert.ready")

    roster = context.new_page()  # a studio's roster, checked with no server and no network
    roster.goto(recorded_site.url + "/roster/")
    roster.fill("[name=pasted]", f"name,credential,certified_on\n{SECRET_TITLE},CSCS,2019-04-02\n")
    roster.click("button[name=check_pasted]")
    expect(roster.locator("[data-rows] tr")).to_contain_text(SECRET_TITLE)


def test_a_new_build_replaces_the_cache(page, site_copy, recorded_site):
    page.goto(recorded_site.url + "/calculator/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    first = page.evaluate("caches.keys()")
    manifest = site_copy / "sw-manifest.js"
    manifest.write_text(manifest.read_text().replace('"version": "', '"version": "new'))  # as a new build would
    page.reload()
    notice = page.locator("[data-update]")
    expect(notice).to_be_visible(timeout=30_000)
    with page.expect_navigation():
        notice.locator("button").click()
    page.evaluate("Recert.ready")
    expect(page.locator("[data-update]")).to_be_hidden()
    assert len(first) == 1
    assert page.evaluate("caches.keys()") == ["recert-new" + first[0].removeprefix("recert-")]  # the old one is gone


def test_nothing_typed_leaves_the_browser(page, context, recorded_site, site_dir):
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    page.goto(recorded_site.url + "/calculator/")
    page.evaluate("Recert.ready")
    enter_scenario(page)
    page.check("[name=save_locally]")
    page.click("button[name=share]")
    shared = page.locator("[name=share_link]").input_value().split("#s=")[1]
    with page.expect_download():
        page.click("button[name=export]")
    with page.expect_download():
        page.click("button[name=calendar]")
    page.reload()
    page.evaluate("Recert.ready")
    expect(page.locator("[data-activity] [name=title]")).to_have_value(SECRET_TITLE)

    assert all(url.startswith(recorded_site.url + "/") or url.startswith("blob:") for url in seen), seen
    secrets = [SECRET_TITLE, "Zebra", "2019-04-02", shared[:16]]
    assert recorded_site.log
    for request in recorded_site.log:
        path = urlsplit(request["path"])
        assert request["method"] in ("GET", "HEAD"), request  # HEAD: the service worker asks how pages come
        assert request["body_length"] == 0, request
        assert not path.query, request
        file = site_dir / unquote(path.path).lstrip("/")
        assert file.is_file() or (file / "index.html").is_file(), request
        sent = request["path"] + json.dumps(request["headers"])
        assert not any(secret in sent for secret in secrets), request
        assert "Cookie" not in request["headers"]
    assert context.cookies() == []
    # The workers' requests reach the server too: Pyodide and the snapshot (which holds the rules) were fetched from it.
    paths = {urlsplit(request["path"]).path for request in recorded_site.log}
    assert any(path.startswith("/pyodide/") and "/pyodide.asm.wasm" in path for path in paths)
    assert any(path.startswith("/assets/runtime/snapshot.") for path in paths)
