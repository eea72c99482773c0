"""Markdown pages with YAML front matter, and the URL each one gets.

content/index.md -> /, content/about.md -> /about/, content/nsca/faq.md -> /nsca/faq/.
Each file is first rendered as a Jinja2 template whose expressions name figures from the rules
data (buildlib/figures/single.py, buildlib/figures/tables.py), then read as front matter and Markdown.
A source in the front matter is either a key of an organization's [sources] ("nsca.seed") or
a {title, url} mapping.
"""
import functools
import html
import os
import traceback
from pathlib import Path

import jinja2
import markdown
import yaml

from buildlib import BuildError
from buildlib.pages import glossary
from buildlib.figures.tables import TABLES, organizations_table
from buildlib.figures.values import FigureError
from buildlib.pages.table_cards import TableCardsExtension
from buildlib.figures.single import FUNCTIONS
from buildlib.figures.typed import typed_figures
from calculator import describe
from calculator.rules import load_rules

MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "fenced_code", TableCardsExtension()]
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when the wheel has it
JUMP_LIST_FROM = 11  # a page with this many questions (level-2 headings ending in "?") gets a list of them


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


def data_source(key, path):
    """A source named 'organization.key' in the front matter, from that organization's data."""
    org, _, name = str(key).partition(".")
    rules = load_rules().get(org)
    if rules is None or name not in rules["sources"]:
        raise BuildError(f"{path}: no source {key!r} in the rules data (write organization.key, such as nsca.seed)")
    return describe.source(rules, name)


def sources_of(meta, path):
    sources = []
    for source in meta.get("sources") or []:
        if isinstance(source, str):
            sources.append(data_source(source, path))
        elif isinstance(source, dict) and source.get("title") and source.get("url"):
            sources.append(source)
        else:
            raise BuildError(f"{path}: every entry of 'sources' is a data source key or has a title and a url")
    return sources


def check_meta(meta, path):
    if not meta.get("title"):
        raise BuildError(f"{path}: front matter has no title")


def figure_error(error, path):
    """'content/x.md:12: unknown fee ...': the page line of a failure inside its expressions."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == str(path)]
    line = getattr(error, "lineno", None) or (lines[-1] if lines else "?")
    message = getattr(error, "message", None) or str(error)
    if not isinstance(error, (FigureError, jinja2.TemplateError)):
        message = f"{type(error).__name__}: {message}"
    return BuildError(f"{path}:{line}: {message}")


def render_figures(env, path):
    """The file's text with every named figure filled in from the rules data."""
    text = Path(path).read_text(encoding="utf-8")
    problems = typed_figures(text, path)
    if problems:
        raise BuildError("\n".join(problems))
    if "{{" not in text and "{%" not in text:
        return text  # nothing to fill in: skip compiling a template
    try:
        code = env.compile(text, name=str(path), filename=str(path))  # errors then name the page's own lines
        return env.template_class.from_code(env, code, env.make_globals(None)).render()
    except Exception as error:  # a page's expression that fails is the page's error, at its line
        raise figure_error(error, path) from None


def questions(converter):
    """The page's questions (level-2 headings ending in '?'), when there are enough for a jump list."""
    def walk(tokens):
        for token in tokens:
            yield token
            yield from walk(token["children"])
    found = [{"id": token["id"], "name": html.unescape(token["name"])} for token in walk(converter.toc_tokens)
             if token["level"] == 2 and token["name"].endswith("?")]
    return found if len(found) >= JUMP_LIST_FROM else []


def read_page(path, content_dir, converter, env):
    """The page a Markdown file describes: its front matter plus url, source, html, questions and toc."""
    meta, body = split_front_matter(render_figures(env, path), path)
    check_meta(meta, path)
    sources = sources_of(meta, path)
    page_html = converter.reset().convert(body)
    reviewed = max((source["reviewed"] for source in sources if source.get("reviewed")), default=None)
    return {**meta, "sources": sources, "reviewed": reviewed, "url": url_for(path, content_dir),
            "source": os.path.relpath(path), "html": page_html, "questions": questions(converter), "toc": converter.toc_tokens}


def figures_environment(urls):
    """The Jinja2 environment content files are rendered in: the figure functions and tables."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                             comment_start_string="{##", comment_end_string="##}")  # {#id} is Markdown's heading id
    env.globals.update(FUNCTIONS)
    env.globals.update(TABLES, organizations_table=functools.partial(organizations_table, pages=urls))
    return env


def read_pages(content_dir):
    """Every page under content_dir, in path order; one Markdown converter serves them all."""
    paths = sorted(Path(content_dir).rglob("*.md"))
    env = figures_environment({url_for(path, content_dir) for path in paths})
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    pages = [read_page(path, content_dir, converter, env) for path in paths]
    terms = next((glossary.terms_of(page["toc"]) for page in pages if page["url"] == glossary.GLOSSARY_URL), {})
    for page in pages:
        if page["url"] != glossary.GLOSSARY_URL:
            page["html"] = glossary.link_terms(page["html"], terms)
    return pages
