"""Builds the site into dist/, whole or not at all.

    python build.py                          build into dist/
    python build.py serve [--port 8000]      build, then serve on 127.0.0.1
        [--link 20/40]                       ... through an emulated link: Mbit/s shared, ms round trip
        [--host plain]                       ... as a host that compresses nothing (see buildlib.serving.server)
    python build.py --content DIR --out DIR  build other sources elsewhere (tests do)

build() is the site's table of contents: one line per family of pages, then the runtime, the search
index and the checks. Its helpers live in buildlib/ by step: pages/ (content, templates, checks, search,
assets), figures/ (figures named on pages, from calculator/data/), runtime/ (what runs in the browser:
Pyodide, the rules' snapshot and wheel, the offline set) and serving/ (the local server, the emulated
link, the headers a host sends).
"""

import argparse
import os
import sys
import threading
from pathlib import Path

from buildlib import BuildError
from buildlib.figures import calculator_form
from buildlib.figures.single import names, share_link
from buildlib.pages import content, plain_words, search
from buildlib.pages.site import Site, fresh_folder
from buildlib.runtime import offline, pyodide, wheel
from buildlib.serving import netlify
from buildlib.serving.link import EmulatedLink
from buildlib.serving.server import HOSTS, SiteServer
from calculator import describe, roster

ROOT = Path(__file__).resolve().parent
SITE_NAME = "Recert"
BASE_URL = os.environ.get("RECERT_BASE_URL", "https://recert.example")  # for canonical links and the sitemap
CALCULATOR = {"url": "/calculator/", "title": "Recertification calculator",
              "description": f"For each {names('or')} credential you hold: can you recertify, by when, what is missing, what it costs."}
WIDGET = {"url": "/widget/", "title": "Recertification calculator (widget)"}
ROSTER = {"url": "/roster/", "title": "A studio's roster",
          "description": "Check every trainer's credentials from one CSV: who lapses first, what is missing, what it costs. In your browser."}
COMPARE = {"url": "/compare/", "title": "Compare the credentials",
           "description": f"Cycles, requirements, fees and late rules for every {names('and')} credential, side by side."}


def build(content_dir, out_dir):
    """Writes every page, the search index and the checks' verdict; raises BuildError."""
    with fresh_folder(out_dir) as out:
        pages = content.read_pages(content_dir)
        site = Site(out, BASE_URL, SITE_NAME, organizations=names("or"), guides=organization_guides(pages))
        site.make_pages(pages, "page.html")
        site.make_pages(credential_pages({page["url"] for page in pages}), "credential.html")
        site.render("compare.html", COMPARE, organizations=describe.organizations())
        site.render("search.html", {"url": "/search/", "title": "Search"})
        site.render("calculator.html", CALCULATOR, **calculator_form.context())
        site.render("widget.html", WIDGET, in_sitemap=False, **calculator_form.context())
        site.render("roster.html", ROSTER, columns=roster.COLUMNS, soon_days=roster.SOON_DAYS, template_csv=roster.template_csv())
        site.render("404.html", {"url": "/404.html", "title": "Page not found"}, in_sitemap=False)
        site.render("sitemap.xml", {"url": "/sitemap.xml"}, in_sitemap=False, urls=site.sitemap)
        site.render("robots.txt", {"url": "/robots.txt"}, in_sitemap=False)
        check_wording(out, site)
        pyodide.build(out)  # Pyodide, the rules archive: after every page
        wheel.build(out)  # the rules as a wheel for other Pyodide users, with its lock entry
        search.index(out)
        offline.build(out)  # what the service worker keeps: after everything it lists
        site.check_links()
        (out / "_headers").write_text(netlify.headers_file(out))  # after every file it names


def credential_pages(content_urls):
    """One page per credential, from the same rules data the calculator evaluates."""
    for organization in describe.organizations():
        guidelines = f"/{organization['id']}/guidelines/"
        for summary in organization["credentials"]:
            credential = describe.credential(summary["id"])
            yield {"url": f"/credentials/{credential['id']}/", "credential": credential,
                   "calculator": share_link({"credentials": [{"id": credential["id"]}]}),
                   "guidelines": guidelines if guidelines in content_urls else None,
                   "title": f"{credential['name']} ({credential['abbreviation']}): recertification",
                   "description": f"How to recertify as an {credential['abbreviation']}: "
                                  f"{credential['requirement']['summary']}, fee {credential['fee']['text']}.",
                   "sources": organization["sources"],
                   "reviewed": max((s["reviewed"] for s in organization["sources"] if s["reviewed"]), default=None)}


def organization_guides(pages):
    """Each organization's page for menus and links: its guidelines, or its first credential's page without them."""
    urls = {page["url"] for page in pages}
    guides = {}
    for organization in describe.organizations():
        guide = f"/{organization['id']}/guidelines/"
        guides[organization["id"]] = {"short": organization["short"], "name": organization["name"],
                                      "url": guide if guide in urls else f"/credentials/{organization['credentials'][0]['id']}/"}
    return guides


def check_wording(out, site):
    """Pages in the trainer's words: no calculator input syntax, no bracket inside a bracket."""
    problems = plain_words.problems_in(out, site.pages)
    if problems:
        raise BuildError("\n".join(problems))


def serve(out_dir, port, host="compressing", link=None):
    """Serves out_dir at 127.0.0.1:port; with link=(mbps, ms), the server listens on a free port
    behind an emulated link (buildlib.serving.link) that listens on `port`."""
    try:
        server = SiteServer(out_dir, 0 if link else port, host=HOSTS[host])
    except OSError as error:
        sys.exit(f"serve: cannot listen on 127.0.0.1:{port} ({error.strerror}); try --port N")
    with server:
        url, how = server.url, f"as a {host} host"
        if link:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            proxy = EmulatedLink(server.server_address[1], *link, port=port)
            url, how = proxy.url, how + f", through an emulated {link[0]:g} Mbit/s link with {link[1]:g} ms round trips"
        print(f"Serving {out_dir} at {url}/ {how} (Ctrl+C to stop)", flush=True)
        try:
            proxy.serve_forever() if link else server.serve_forever()
        except KeyboardInterrupt:
            pass
        except OSError as error:
            sys.exit(f"serve: cannot listen on 127.0.0.1:{port} ({error.strerror}); try --port N")


def link_spec(text):
    """'20/40' -> (20.0, 40.0): Mbit/s, ms."""
    try:
        mbps, ms = (float(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected MBPS/MS, e.g. 20/40") from None
    if mbps <= 0 or ms < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the bandwidth must be positive, the latency not negative")
    return mbps, ms


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Build the site (and optionally serve it).")
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument("--link", type=link_spec, metavar="MBPS/MS",
                        help="serve through an emulated link, e.g. 20/40: 20 Mbit/s shared, 40 ms round trip")
    parser.add_argument("--host", choices=sorted(HOSTS), default="compressing",
                        help="compressing (default): send the .br/.gz copies; plain: compress nothing")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="Markdown sources")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        build(args.content, args.out)
    except BuildError as error:
        for line in str(error).splitlines():
            print(f"build failed: {line}", file=sys.stderr)
        return 1
    if args.command == "serve":
        serve(args.out, args.port, args.host, args.link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
