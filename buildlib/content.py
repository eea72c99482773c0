"""Markdown pages with YAML front matter, and the URL each one gets.

content/index.md -> /, content/about.md -> /about/, content/nsca/faq.md -> /nsca/faq/.
"""

import datetime
import os
from pathlib import Path

import markdown
import yaml

from buildlib import BuildError

MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "fenced_code"]
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when the wheel has it


def url_for(path, content_dir):
    """The URL path of a content file."""
    parts = list(Path(path).relative_to(content_dir).with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "/" + "".join(part + "/" for part in parts)


def split_front_matter(text, path):
    """(metadata dict, Markdown body) of a file that starts with YAML between '---' lines."""
    if not text.startswith("---\n"):
        raise BuildError(f"{path}: no front matter (the file must start with a '---' line)")
    front, separator, body = text[4:].partition("\n---\n")
    if not separator:
        raise BuildError(f"{path}: front matter has no closing '---' line")
    try:
        meta = yaml.load(front, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        raise BuildError(f"{path}: front matter is not valid YAML ({error.problem})") from None
    if not isinstance(meta, dict):
        raise BuildError(f"{path}: front matter must be a mapping of keys to values")
    return meta, body


def check_meta(meta, path):
    if not meta.get("title"):
        raise BuildError(f"{path}: front matter has no title")
    for source in meta.get("sources") or []:
        if not (isinstance(source, dict) and source.get("title") and source.get("url")):
            raise BuildError(f"{path}: every entry of 'sources' needs a title and a url")
    if "checked" in meta and not isinstance(meta["checked"], datetime.date):
        raise BuildError(f"{path}: 'checked' must be a date like 2026-11-23")


def read_page(path, content_dir, converter):
    """The page a Markdown file describes: its front matter plus url, source and html."""
    meta, body = split_front_matter(Path(path).read_text(encoding="utf-8"), path)
    check_meta(meta, path)
    html = converter.reset().convert(body).replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
    return {**meta, "url": url_for(path, content_dir), "source": os.path.relpath(path), "html": html}


def read_pages(content_dir):
    """Every page under content_dir, in path order; one Markdown converter serves them all."""
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    return [read_page(path, content_dir, converter) for path in sorted(Path(content_dir).rglob("*.md"))]
