"""Abbreviations explained where they first appear: each page links its first use of a glossary term.

content/glossary.md defines the terms, one level-2 heading each, "RSCC: Registered Strength and
Conditioning Coach {#rscc}". On every other content page the first use of a term in running
text (not in a heading, a link or code) becomes <a href="/glossary/#rscc"><abbr title="...">RSCC</abbr></a>.
"""
import html
import re

GLOSSARY_URL = "/glossary/"
SKIPPED = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
PIECE = re.compile(r"(<[^>]+>)")


def terms_of(toc_tokens):
    """{abbreviation: (anchor, expansion)} from the glossary page's headings."""
    terms = {}
    for token in toc_tokens:
        term, separator, expansion = token["name"].partition(": ")
        if separator:
            terms[html.unescape(term)] = (token["id"], html.unescape(expansion))
    return terms


def link_terms(page_html, terms):
    """The page with the first running-text use of each term linked to its glossary entry."""
    present = [term for term in terms if term in page_html]
    if not present:
        return page_html
    pattern = re.compile(r"(?<![\w*/-])(" + "|".join(map(re.escape, present)) + r")(?![\w/-])")
    pending, open_tags, pieces = set(present), [], PIECE.split(page_html)
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", piece)
            if name and name.group(1).lower() in SKIPPED:
                if piece.startswith("</"):
                    open_tags and open_tags.pop()
                else:
                    open_tags.append(name.group(1).lower())
            continue
        if open_tags or not pending:
            continue
        found = []
        for match in pattern.finditer(piece):
            if match.group(1) in pending:
                found.append((match.start(), match.end(), match.group(1)))
                pending.discard(match.group(1))
        if found:
            pieces[index] = linked(piece, found, terms)
    return "".join(pieces)


def linked(text, found, terms):
    """The text with each (start, end, term) replaced by its glossary link."""
    out, last = [], 0
    for start, end, term in found:
        anchor, expansion = terms[term]
        out += [text[last:start], f'<a href="{GLOSSARY_URL}#{anchor}"><abbr title="{html.escape(expansion)}">{text[start:end]}</abbr></a>']
        last = end
    return "".join(out) + text[last:]
