"""The check that pages speak the trainer's language: no calculator input syntax, no nested brackets.

Generated text comes from the rules data (reasons, labels, periods); a data edit that puts the
scenario's field syntax on a page ("type 'other', approved false") or a bracket inside a bracket
fails the build, with the page and the words around the problem.
"""
import html
import re

FIELD_SYNTAX = re.compile(r"type '|approved false|approved: false|\"type\":")
HIDDEN = re.compile(r"<(script|style|code|pre|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
OPENING, CLOSING = "([", ")]"


def visible_text(page):
    """What a reader sees of an HTML page: no markup, scripts or code samples."""
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page))))


def nested_brackets(text):
    """The places where a bracket opens inside another one."""
    depth, found = 0, []
    for index, char in enumerate(text):
        if char in OPENING:
            depth += 1
            if depth == 2:
                found.append(index)
        elif char in CLOSING:
            depth = max(0, depth - 1)
    return found


def wording_problems(page, where):
    """One message per piece of input syntax or nested bracket on the page."""
    text = visible_text(page)
    around = lambda at: text[max(0, at - 40):at + 40].strip()  # noqa: E731
    problems = [f"{where}: the calculator's input syntax on the page: ...{around(m.start())}..." for m in FIELD_SYNTAX.finditer(text)]
    problems += [f"{where}: a bracket inside a bracket: ...{around(at)}..." for at in nested_brackets(text)]
    return problems


def problems_in(out_dir, pages):
    """The wording problems of every HTML page written so far ({url: source name})."""
    problems = []
    for url, source in pages.items():
        target = out_dir / url.lstrip("/")
        target = target / "index.html" if url.endswith("/") else target
        problems += wording_problems(target.read_text(encoding="utf-8"), f"{url} ({source})")
    return problems
