"""Security headers on every page, pages that work under them, and privacy: no cookies, no
analytics, no request to any other origin, on every page of the sitemap and while using the
calculator. (test_site_server.py checks the header values on "/" and netlify.toml; this covers
every page.)"""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def sitemap_paths(site_dir):
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text())]


def headers_of(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.headers
    except urllib.error.HTTPError as error:
        return error.headers


def test_every_page_sends_the_security_headers(site_url, site_dir):
    problems = {}
    for path in sitemap_paths(site_dir) + ["/widget/", "/no-such-page/", "/sw.js", "/embed.js"]:
        headers = headers_of(site_url + path)
        policy = headers["Content-Security-Policy"] or ""
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
        wrong = []
        if "unsafe-inline" in policy or "'unsafe-eval'" in policy:
            wrong.append("unsafe-inline/unsafe-eval")
        if directives.get("script-src") != ["'self'", "'wasm-unsafe-eval'"]:
            wrong.append(f"script-src {directives.get('script-src')}")
        for directive, value in [("connect-src", ["'self'"]), ("object-src", ["'none'"]), ("base-uri", ["'none'"]),
                                 ("default-src", ["'self'"])]:
            if directives.get(directive) != value:
                wrong.append(f"{directive} {directives.get(directive)}")
        framing = ["*"] if path.startswith("/widget/") else ["'none'"]
        if directives.get("frame-ancestors") != framing:
            wrong.append(f"frame-ancestors {directives.get('frame-ancestors')}")
        if headers["Referrer-Policy"] != "no-referrer" or headers["X-Content-Type-Options"] != "nosniff":
            wrong.append("Referrer-Policy/X-Content-Type-Options")
        if "camera=()" not in (headers["Permissions-Policy"] or ""):
            wrong.append("Permissions-Policy")
        if "Set-Cookie" in headers:
            wrong.append("Set-Cookie")
        if wrong:
            problems[path] = wrong
    assert problems == {}


def test_built_pages_need_nothing_the_policy_forbids(site_dir):
    """No inline script, inline style or event-handler attribute in any built page."""
    found = {}
    for page in site_dir.rglob("*.html"):
        html = page.read_text()
        inline = (re.findall(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html) + re.findall(r"<style\b", html)
                  + re.findall(r"\sstyle=\"", html) + re.findall(r"\son[a-z]+=", html))
        if inline:
            found[str(page.relative_to(site_dir))] = inline[:3]
    assert found == {}


def test_every_page_works_under_the_headers_with_no_third_party_request(page, context, base_url, site_dir, collect_errors):
    errors = collect_errors(page)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    missing_privacy_link = []
    for path in sitemap_paths(site_dir) + ["/widget/"]:  # (a 404 logs its own status as a console error)
        page.goto(path)
        if path != "/widget/" and page.locator("footer a[href='/privacy/']").count() != 1:
            missing_privacy_link.append(path)
    # Use the calculator: enter, share, export, save; then nothing may have left for another origin.
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill("[data-credential]:has(#credential-nsca-cscs) [name=certified_on]", "2019-04-02")
    page.click("[data-add-activity]")
    page.keyboard.type("Clinic")
    page.locator("[data-activity] [name=date]").fill("2025-03-01")
    page.locator("[data-activity] [name=hours]").fill("8")
    expect(page.locator("[data-results] article")).to_be_visible()
    page.check("[name=save_locally]")
    page.click("button[name=share]")
    with page.expect_download():
        page.click("button[name=export]")
    page.goto("/search/?q=fee")
    page.wait_for_load_state("networkidle")

    assert errors == []  # CSP violations show up here
    assert missing_privacy_link == []
    others = [url for url in requests if not (url.startswith(base_url + "/") or url.startswith(("blob:", "data:")))]
    assert others == []
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""


def test_the_privacy_page_says_what_the_site_does_not_do(page):
    page.goto("/privacy/")
    main = page.locator("main")
    for claim in ["No cookies", "No analytics", "No third-party requests", "never leaves your device"]:
        expect(main).to_contain_text(claim)
