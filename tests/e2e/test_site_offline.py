"""The whole site offline: after one visit to the calculator, with the network off, every page of the
sitemap loads, styled; search says it needs the network until it has been used online once, and
answers offline after that; a new deploy still reaches the next online visit, and the offline copy
follows it once the person accepts the update.

One context for the module, on a copy of the built site served by its own server (a fresh origin,
so a fresh service worker; the last test changes the copy as a new deploy would).
"""

import json
import os
import re
import shutil
import threading
import xml.etree.ElementTree as ElementTree
from html import unescape
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from buildlib.runtime import offline, pyodide
from buildlib.runtime.precompress import write_copies
from buildlib.serving.server import SiteServer

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
CHANGED_PAGE = "nsca/faq/index.html"
EVERY_STYLESHEET_LOADED = """document.querySelectorAll("link[rel=stylesheet]").length > 0
  && document.querySelectorAll("link[rel=stylesheet]").length
     === [...document.styleSheets].filter((sheet) => sheet.cssRules.length > 0).length"""


@pytest.fixture(scope="module")
def site(site_dir, tmp_path_factory):
    os.environ["RECERT_QUIET_SERVER"] = "1"
    copy = shutil.copytree(site_dir, tmp_path_factory.mktemp("offline") / "site")
    server = SiteServer(copy, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.dir = copy
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def visited(browser, site):
    """A page that has visited the calculator once: its runtime ready, its service worker in charge."""
    context = browser.new_context(base_url=site.url)
    page = context.new_page()
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    yield page
    context.close()


def sitemap_paths(site_dir):
    return [urlsplit(loc.text).path for loc in ElementTree.parse(site_dir / "sitemap.xml").iter(SITEMAP)]


def built_title(site_dir, path):
    html = (site_dir / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return unescape(re.search(r"<title>([^<]*)</title>", html).group(1))


def search_online(visited, site_dir):
    """Searches with the network on, until the service worker has kept the whole index."""
    visited.context.set_offline(False)
    visited.goto("/search/?q=late+fee")
    expect(visited.locator(".pagefind-ui__result").first).to_be_visible(timeout=15_000)
    search = [visited.url.split("/search/")[0] + url for url in offline.search_files(site_dir)]
    visited.wait_for_function("""async (urls) => (await Promise.all(urls.map((url) => caches.match(url))))
      .every(Boolean)""", arg=search, timeout=30_000)  # the whole index, kept in the background


def test_search_needs_the_network_once_then_answers_offline(visited, site_dir):
    visited.context.set_offline(True)
    visited.goto("/search/?q=late+fee")
    expect(visited.locator("[data-search-needs-network]")).to_be_visible()
    expect(visited.locator("[data-search-needs-network]")).to_contain_text("needs the network")
    assert visited.locator(".pagefind-ui").count() == 0

    search_online(visited, site_dir)
    expect(visited.locator("[data-search-needs-network]")).to_be_hidden()

    visited.context.set_offline(True)
    visited.goto("/search/?q=certificate")  # words the online search never looked up
    expect(visited.locator(".pagefind-ui__result").first).to_be_visible(timeout=15_000)
    expect(visited.locator(".pagefind-ui__result-link").first).to_have_attribute("href", re.compile("^/"))


def test_every_page_of_the_sitemap_loads_offline(visited, site_dir):
    paths = sitemap_paths(site_dir)
    assert len(paths) > 30 and "/compare/" in paths and "/embed/" in paths and "/search/" in paths
    visited.context.set_offline(True)
    loaded = []
    for path in paths:
        response = visited.goto(path)
        styled = visited.evaluate(EVERY_STYLESHEET_LOADED)
        if response.ok and visited.title() == built_title(site_dir, path) and styled:
            loaded.append(path)
    print(f"\npages that load offline: {len(loaded)} of {len(paths)}")
    assert loaded == paths


def test_a_new_deploy_reaches_the_next_online_visit(visited, site, site_dir, tmp_path):
    search_online(visited, site_dir)  # with the old build (here, whichever of this module's tests ran before)
    page_file = site.dir / CHANGED_PAGE
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("</h1>", " (deploy 2)</h1>", 1), encoding="utf-8")
    bundle = site.dir / offline.PAGES.lstrip("/")  # the offline copy's pages, as a new build would write them
    pages = json.loads(bundle.read_text(encoding="utf-8"))
    pages["/nsca/faq/"] = page_file.read_text(encoding="utf-8")
    bundle.write_text(json.dumps(pages), encoding="utf-8")
    manifest = site.dir / "sw-manifest.js"
    version = re.search(r'"version": "(\w+)"', manifest.read_text()).group(1)
    manifest.write_text(manifest.read_text().replace(version, "deploy2" + version))  # as a new build would
    write_copies({"/nsca/faq/": page_file, offline.PAGES: bundle}, lambda url: pyodide.BROTLI, tmp_path)

    visited.context.set_offline(False)
    visited.goto("/nsca/faq/")
    expect(visited.locator("h1")).to_contain_text("(deploy 2)")  # from the network, under the old worker

    visited.goto("/calculator/")
    notice = visited.locator("[data-update]")
    expect(notice).to_be_visible(timeout=30_000)  # the new build's worker, installed and waiting
    with visited.expect_navigation():
        notice.locator("button").click()
    assert visited.evaluate("caches.keys()") == ["recert-deploy2" + version]  # the old build's copy is gone
    visited.context.set_offline(True)
    visited.goto("/nsca/faq/")
    expect(visited.locator("h1")).to_contain_text("(deploy 2)")  # the offline copy is the new build's
    visited.goto("/search/?q=late+fee")  # searched with the old build: the new one kept the index too
    expect(visited.locator(".pagefind-ui__result").first).to_be_visible(timeout=15_000)
    visited.context.set_offline(False)


def test_the_manifest_version_follows_every_page(site_dir, tmp_path):
    """A build that changes only a content page still gets a new worker (the version); the pages are kept
    from one file that holds them all, and search, kept apart, leaves out what /search/ never loads."""
    calculator, pages = pyodide.calculator_files(site_dir), offline.page_files(site_dir)
    search = offline.search_files(site_dir)
    assert "/pagefind/pagefind-ui.js" in search and "/pagefind/wasm.en.pagefind" in search
    assert not any(name in url for url in search for name in ("component-ui", "modular-ui", "highlight", "wasm.unknown"))
    assert not any(url.startswith("/pagefind/") for url in pages)
    assert "/calculator/" in calculator and "/calculator/" not in pages
    bundle = json.loads((site_dir / offline.PAGES.lstrip("/")).read_text(encoding="utf-8"))
    assert bundle == {url: path.read_text(encoding="utf-8") for url, path in pages.items()}

    def version(pages):
        offline.write_manifest(tmp_path, calculator, pages, search)
        return re.search(r'"version": "(\w+)"', (tmp_path / "sw-manifest.js").read_text()).group(1)

    changed = tmp_path / "faq.html"
    changed.write_text(pages["/nsca/faq/"].read_text(encoding="utf-8") + "<!-- deploy 2 -->", encoding="utf-8")
    assert version(pages) != version({**pages, "/nsca/faq/": changed})
