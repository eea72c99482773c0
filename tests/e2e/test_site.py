"""The built site in headless Chromium: every page loads cleanly, links resolve, search works, no-JS works."""

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

import build
from buildlib.pages.checks import PageParser

pytestmark = pytest.mark.e2e

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CONTENT_PAGE_BUDGET = 50_000  # bytes: the HTML plus everything it loads


def sitemap_paths(site_dir):
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    return [urlsplit(loc.text).path for loc in tree.iter(f"{SITEMAP}loc")]


def content_paths(site_dir):
    """Pages built from content/ Markdown: the ones marked for the search index."""
    return [path for path in sitemap_paths(site_dir)
            if "data-pagefind-body" in (site_dir / path.lstrip("/") / "index.html").read_text()]


def get(url):
    with urllib.request.urlopen(url) as response:
        return response.read()


def test_sitemap_lists_every_page_under_the_base_url(site_dir):
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    locations = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    assert all(location.startswith(build.BASE_URL + "/") for location in locations)
    paths = sitemap_paths(site_dir)
    for expected in ["/", "/nasm/faq/", "/acsm/guidelines/", "/nsca/faq/", "/ace/guidelines/", "/ncsf/guidelines/",
                     "/issa/guidelines/", "/compare/", "/search/", "/calculator/"]:
        assert expected in paths
    assert len([path for path in paths if path.startswith("/credentials/")]) == 20
    assert "/404.html" not in paths


def test_every_page_loads_without_errors(page, site_dir, collect_errors):
    errors = collect_errors(page)
    for path in sitemap_paths(site_dir):
        response = page.goto(path)
        assert response.status == 200, path
        # The calculator's pages are loaded once their rules are (their worker keeps the network busy).
        page.evaluate("window.Recert ? window.Recert.ready : document.fonts.ready")
        assert page.locator("main h1").first.inner_text().strip(), f"{path} has no heading"
        assert errors == [], f"{path}: {errors}"


def test_content_pages_never_load_pyodide_and_stay_small(page, site_dir, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in content_paths(site_dir):
        requested.clear()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert not [url for url in requested if "/pyodide/" in url or url.endswith(".wasm")], path
        assert not [url for url in requested if not url.startswith(site_url)], f"{path} loads from elsewhere"
        size = sum(len(get(url)) for url in set(requested))
        assert size < CONTENT_PAGE_BUDGET, f"{path} transfers {size} bytes"


def test_every_internal_link_and_anchor_resolves(site_url):
    """Crawls the served site from the home page, following every internal link."""
    queue, seen, ids, problems = ["/"], set(), {}, []
    links = []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        parser = PageParser()
        parser.feed(get(site_url + path).decode())
        ids[path] = parser.ids
        for link in parser.links:
            target = urlsplit(urljoin(path, link))
            if target.scheme or target.netloc:
                continue
            links.append((path, link, target))
            if target.path.endswith("/"):
                queue.append(target.path)
    for path, link, target in links:
        try:
            get(site_url + target.path)
        except urllib.error.HTTPError as error:
            problems.append(f"{path} links to {link}: HTTP {error.code}")
            continue
        if target.fragment and "=" not in target.fragment and target.path in ids and target.fragment not in ids[target.path]:
            problems.append(f"{path} links to {link}: no such anchor")
    assert len(seen) > 20
    assert problems == []


def test_search_finds_a_faq_answer(page, site_url, collect_errors):
    errors = collect_errors(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/search/")
    page.locator(".pagefind-ui__search-input").fill("Recertification with Distinction")
    page.keyboard.press("Enter")
    answer = page.locator("a[href='/nsca/faq/#what-is-recertification-with-distinction']")
    expect(answer).to_be_visible(timeout=15_000)
    page.locator(".pagefind-ui__result-link[href='/nsca/faq/']").click()
    expect(page.locator("main h1")).to_have_text("NSCA recertification FAQ")
    assert errors == []
    assert [url for url in requested if not url.startswith(site_url)] == [], "search must work from local files"


def test_header_search_form_passes_the_query(page):
    page.goto("/nasm/faq/")
    page.locator(".site-search input").fill("CEU petition")
    page.locator(".site-search button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=CEU\+petition$"))
    expect(page.locator(".pagefind-ui__result-link[href^='/nasm/']").first).to_be_visible(timeout=15_000)


def test_pages_render_with_javascript_off(browser, site_url, site_dir):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    page = context.new_page()
    for path in content_paths(site_dir) + ["/compare/", "/credentials/nsca-cscs/"]:
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        assert len(page.locator("main").inner_text()) > 200, f"{path} shows almost nothing without JavaScript"
    page.goto("/search/")
    expect(page.locator("noscript, main p").first).to_be_attached()
    context.close()


def test_footer_names_each_sources_edition_and_when_we_reviewed_our_copies(page):
    """Issue 10: no claim of a check against the live pages; the edition of each source instead."""
    page.goto("/nsca/faq/")
    footer = page.locator("footer")
    expect(footer.get_by_text("NSCA: Recertification FAQs: 2018-2020 edition")).to_be_visible()
    expect(footer.get_by_text("We last reviewed our copies of these pages")).to_be_visible()
    assert "last checked" not in footer.inner_text()
    assert footer.locator("a[href^='https://www.nsca.com/']").count() >= 1


def test_canonical_and_open_graph(page):
    page.goto("/nsca/faq/")
    assert page.locator("link[rel=canonical]").get_attribute("href") == build.BASE_URL + "/nsca/faq/"
    assert page.locator("meta[property='og:url']").get_attribute("content") == build.BASE_URL + "/nsca/faq/"
    assert page.locator("meta[property='og:title']").get_attribute("content")


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_assets_are_fingerprinted(page, site_url):
    page.goto("/")
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert re.fullmatch(r"/assets/css/style\.[0-9a-f]{8}\.css", stylesheet)


def test_only_the_widget_can_be_framed_by_another_site(page, site_url, other_origin):
    (other_origin.dir / "frames.html").write_text(
        f'<iframe name="widget" src="{site_url}/widget/"></iframe>'
        f'<iframe name="faq" src="{site_url}/nsca/faq/"></iframe>')
    page.goto(other_origin.url + "/frames.html")  # waits for both frames to load or fail
    expect(page.frame_locator("iframe[name=widget]").locator("main")).to_be_attached()
    assert page.frame(name="faq").url.startswith("chrome-error:"), "the FAQ must refuse to be framed"
