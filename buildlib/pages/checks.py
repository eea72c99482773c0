"""Checks over the rendered HTML: every internal link leads to a file, every #fragment to an id."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"href", "src", "action"}


class PageParser(HTMLParser):
    """Collects the ids (anchor targets) and the link targets of one page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and value:
                self.links.append(value)


def file_for(out_dir, path):
    """The built file a URL path is served from, or None."""
    target = Path(out_dir) / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def parse(file):
    parser = PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def broken_links(out_dir, pages, base_url):
    """One message per broken link or missing anchor on the given pages ({url: source name})."""
    parsed, problems = {}, []

    def page_at(file):
        if file not in parsed:
            parsed[file] = parse(file)
        return parsed[file]

    for url, source in pages.items():
        for link in page_at(file_for(out_dir, url)).links:
            if link.startswith(base_url + "/"):
                link = link[len(base_url):]
            target = urlsplit(urljoin(url, link))
            if target.scheme or target.netloc or link == "#":
                continue
            file = file_for(out_dir, target.path)
            where = f"{url} ({source})"
            if file is None:
                problems.append(f"{where}: links to {link}, which does not exist")
            elif (target.fragment and "=" not in target.fragment  # key=value fragments are parameters (#s= share links)
                  and file.suffix == ".html" and unquote(target.fragment) not in page_at(file).ids):
                problems.append(f"{where}: links to {link}, but {target.path} has no id '{target.fragment}'")
    return list(dict.fromkeys(problems))
