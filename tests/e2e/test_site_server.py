"""The local server: the same headers as netlify.toml, Pyodide-safe MIME types, precompressed files, 404."""

import gzip
import re
import threading
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from buildlib.runtime import pyodide
from buildlib.serving import netlify
from buildlib.serving.server import SiteServer

pytestmark = pytest.mark.e2e

NETLIFY_TOML = Path(__file__).resolve().parents[2] / "netlify.toml"
PYODIDE = f"/pyodide/{pyodide.PYODIDE_VERSION}"


def fetch(url, **headers):
    """(status, headers, body) of a GET, without raising on 4xx."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def headers_file_rules(site_dir):
    """The built site's _headers file as (pattern, headers) rules, in order."""
    rules = []
    for line in (site_dir / "_headers").read_text().splitlines():
        if line.startswith(" "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
        else:
            rules.append((line, {}))
    return rules


def netlify_headers(path, site_dir):
    """The headers Netlify gives a path: every matching rule of _headers, then of netlify.toml, later rules overriding."""
    toml_rules = [(rule["for"], rule["values"]) for rule in tomllib.loads(NETLIFY_TOML.read_text())["headers"]]
    merged = {}
    for pattern, values in headers_file_rules(site_dir) + toml_rules:
        if re.match("^" + ".*".join(map(re.escape, pattern.split("*"))) + "$", path):
            merged.update(values)
    return merged


def test_netlify_toml_is_generated_from_the_header_rules():
    assert NETLIFY_TOML.read_text() == netlify.render(), "run: .venv/bin/python -m buildlib.serving.netlify"


def test_netlify_toml_publishes_dist_with_a_404_page():
    config = tomllib.loads(NETLIFY_TOML.read_text())
    assert config["build"]["publish"] == "dist"
    assert "build.py" in config["build"]["command"]
    assert {"from": "/*", "to": "/404.html", "status": 404} in config["redirects"]


def hashed_css(site_dir):
    return "/" + next(site_dir.glob("assets/css/style.*.css")).relative_to(site_dir).as_posix()


MISSING_UNDER_IMMUTABLE = ["/assets/css/style.00000000.css", f"{PYODIDE}/no-such-file.wasm", "/assets/no/such/folder/"]


@pytest.mark.parametrize("path", ["/", "/nsca/faq/", "/compare/", "/search/", "/widget/", "css", "/sitemap.xml",
                                  "/pagefind/pagefind-ui.js", "/no-such-page/", f"{PYODIDE}/pyodide.asm.wasm",
                                  *MISSING_UNDER_IMMUTABLE])
def test_served_headers_match_netlify_toml(site_url, site_dir, path):
    path = hashed_css(site_dir) if path == "css" else path
    _, headers, _ = fetch(site_url + path)
    expected = netlify_headers(path, site_dir)
    assert "Cache-Control" in expected and "Content-Security-Policy" in expected, path
    assert {name: headers[name] for name in expected} == expected


@pytest.mark.parametrize("path", MISSING_UNDER_IMMUTABLE)
def test_an_error_is_never_kept_for_a_year(site_url, site_dir, path):
    """A 404 under a folder of files that never change is revalidated, from the local server and from Netlify's rules
    alike: a file missing for a moment (a deploy under way) is fetched again once it is there."""
    status, headers, _ = fetch(site_url + path)
    assert status == 404
    for cache_control in (headers["Cache-Control"], netlify_headers(path, site_dir)["Cache-Control"]):
        assert "immutable" not in cache_control and "max-age" not in cache_control and cache_control == "no-cache"


def test_netlify_keeps_every_file_under_the_immutable_folders_and_nothing_else(site_dir):
    """_headers names exactly the files the build wrote there (and every path first, to revalidate)."""
    rules = headers_file_rules(site_dir)
    assert rules[0] == ("/*", {"Cache-Control": "no-cache"})
    written = {"/" + path.relative_to(site_dir).as_posix() for folder in ("assets", "pyodide")
               for path in (site_dir / folder).rglob("*") if path.is_file()}
    assert {pattern for pattern, _ in rules[1:]} == written and len(rules) == len(written) + 1
    assert all(values == {"Cache-Control": "public, max-age=31536000, immutable"} for _, values in rules[1:])
    assert not any("Cache-Control" in rule["values"] for rule in tomllib.loads(NETLIFY_TOML.read_text())["headers"])


def test_security_headers(site_url):
    _, headers, _ = fetch(site_url + "/")
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    for directive in ["script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'"]:
        assert directive in policy
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert all(f"{feature}=()" in headers["Permissions-Policy"] for feature in ["camera", "microphone", "geolocation"])


def test_only_the_widget_may_be_framed_by_other_sites(site_url):
    _, widget, _ = fetch(site_url + "/widget/")
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in widget["Content-Security-Policy"]


def test_cache_headers(site_url, site_dir):
    assert fetch(site_url + "/nsca/faq/")[1]["Cache-Control"] == "no-cache"
    assert "immutable" in fetch(site_url + hashed_css(site_dir))[1]["Cache-Control"]
    assert "immutable" in fetch(f"{site_url}{PYODIDE}/pyodide.asm.wasm")[1]["Cache-Control"]  # a versioned path


@pytest.mark.parametrize("path", [f"{PYODIDE}/pyodide.asm.wasm.gz", f"{PYODIDE}/pyodide.asm.wasm.br"])
def test_precompressed_copies_asked_for_by_name_are_plain_files(site_url, site_dir, path):
    # The worker fetches the .gz copy from a host that compresses nothing, and decodes it itself:
    # no Content-Encoding, or the browser would decode it first (and netlify.toml sets none).
    status, headers, body = fetch(site_url + path, **{"Accept-Encoding": "br, gzip"})
    assert (status, headers.get("Content-Encoding")) == (200, None)
    assert body == (site_dir / path.lstrip("/")).read_bytes()
    assert not any("Content-Encoding" in rule["values"] for rule in tomllib.loads(NETLIFY_TOML.read_text())["headers"])


@pytest.mark.parametrize("path, mime", [(f"{PYODIDE}/pyodide.asm.wasm", "application/wasm"),
                                        (f"{PYODIDE}/pyodide.mjs", "text/javascript"),
                                        (f"{PYODIDE}/pyodide.asm.wasm.gz", "application/gzip"),
                                        ("/sw.js", "text/javascript"), ("/embed.js", "text/javascript"),
                                        ("/pagefind/pagefind-ui.js", "text/javascript")])
def test_runtime_files_keep_stable_urls_and_pyodide_safe_types(site_url, path, mime):
    status, headers, _ = fetch(site_url + path)
    assert (status, headers["Content-Type"]) == (200, mime)


def test_missing_page_is_the_404_page(site_url):
    status, headers, body = fetch(site_url + "/no-such-page/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"Page not found" in body


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The real server over a folder of sample files, with precompressed copies of one."""
    folder = tmp_path_factory.mktemp("served")
    for name in ["module.wasm", "worker.mjs", "app.js", "data.json", "page.html"]:
        (folder / name).write_bytes(b"plain")
    (folder / "app.js.br").write_bytes(brotli.compress(b"plain"))
    (folder / "app.js.gz").write_bytes(gzip.compress(b"plain"))
    server = SiteServer(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name, mime", [("module.wasm", "application/wasm"), ("worker.mjs", "text/javascript"),
                                        ("app.js", "text/javascript"), ("data.json", "application/json"),
                                        ("page.html", "text/html; charset=utf-8")])
def test_mime_types(sample_server, name, mime):
    assert fetch(f"{sample_server.url}/{name}")[1]["Content-Type"] == mime


@pytest.mark.parametrize("accept, encoding, decode", [
    ("br, gzip", "br", brotli.decompress),
    ("gzip", "gzip", gzip.decompress),
    ("identity", None, lambda body: body),
])
def test_precompressed_copies_are_served_when_accepted(sample_server, accept, encoding, decode):
    status, headers, body = fetch(f"{sample_server.url}/app.js", **{"Accept-Encoding": accept})
    assert status == 200
    assert headers["Content-Encoding"] == encoding
    assert headers["Content-Type"] == "text/javascript"
    assert "Accept-Encoding" in headers["Vary"]
    assert decode(body) == b"plain"


def test_unchanged_files_revalidate_with_304(sample_server):
    _, headers, _ = fetch(f"{sample_server.url}/app.js")
    status, _, body = fetch(f"{sample_server.url}/app.js", **{"If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")
