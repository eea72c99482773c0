"""Shared fixtures for the end-to-end tests: the built site, served by the real server, in headless Chromium.

The site is built once per test session (per xdist worker), or taken from RECERT_DIST
when bin/test has just built it. Fixtures:
- site_dir: the built site's folder; site_url / base_url: where it is served
  (pytest-playwright's `page.goto("/compare/")` is relative to base_url);
- other_origin: a plain server on another port for cross-origin (embedding) tests:
  write pages into other_origin.dir and open other_origin.url + "/page.html";
- collect_errors(page): a list that fills with the page's console errors (CSP
  violations included) and uncaught exceptions.
"""

import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import build
from buildlib.serving.server import SiteServer

CHROMIUM = "/usr/bin/chromium"  # Debian's build; Playwright's own download does not work here


def serve_in_background(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    if os.environ.get("RECERT_DIST"):
        built = Path(os.environ["RECERT_DIST"])
        if not (built / "index.html").is_file():
            pytest.fail(f"RECERT_DIST={built} holds no built site; run .venv/bin/python build.py", pytrace=False)
        return built
    out = tmp_path_factory.mktemp("site") / "dist"
    if build.main(["--out", str(out)]) != 0:
        pytest.fail("the site does not build (see the messages above)", pytrace=False)
    return out


@pytest.fixture(scope="session")
def site_server(site_dir):
    os.environ["RECERT_QUIET_SERVER"] = "1"
    server = serve_in_background(SiteServer(site_dir, port=0))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(site_server):
    return site_server.url


@pytest.fixture(scope="session")
def base_url(site_url):
    return site_url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection mid-download (a closed page) is not a server error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def other_origin(tmp_path_factory):
    """A plain static server (no site headers) on another port: a different origin."""
    folder = tmp_path_factory.mktemp("other-origin")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = serve_in_background(QuietServer(("127.0.0.1", 0), handler))
    server.dir = folder
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def collect_errors():
    """collect_errors(page) -> a list that fills with the page's console errors and uncaught exceptions."""
    def collect(page):
        errors = []
        page.on("console", lambda message: errors.append(f"console: {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        return errors
    return collect


@pytest.fixture(scope="module")
def module_context(browser, base_url):
    """One browser context for a whole test module: its pages share the HTTP cache and the Python runtime."""
    context = browser.new_context(base_url=base_url)
    yield context
    context.close()


@pytest.fixture
def module_page(module_context):
    """A fresh page in the module's context; its local storage is cleared afterwards."""
    page = module_context.new_page()
    yield page
    page.evaluate("localStorage.clear()")
    page.close()
