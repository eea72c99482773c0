"""Markdown tables that fit a phone: each is wrapped in a .table-wrap, and one of three or more columns
is marked `stack`, its cells labelled with their column's name (data-label), so that on narrow screens
the stylesheet shows one card per row, each value under its column's name (style.css)."""
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

STACK_FROM = 3  # columns; two fit side by side at 320 px


def label_cells(table):
    """Marks a table of STACK_FROM or more columns `stack` and gives each body cell its column's name."""
    names = ["".join(th.itertext()).strip() for th in table.iterfind("thead/tr/th")]
    if len(names) < STACK_FROM:
        return
    table.set("class", " ".join(filter(None, [table.get("class"), "stack"])))
    for row in table.iterfind("tbody/tr"):
        for name, cell in zip(names[1:], list(row)[1:]):  # the first cell names the row: the card's title
            cell.set("data-label", name)


class TableCards(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    label_cells(child)
                    wrap = etree.Element("div", {"class": "table-wrap"})
                    parent.remove(child)
                    wrap.append(child)
                    wrap.tail, child.tail = child.tail, None
                    parent.insert(index, wrap)


class TableCardsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(TableCards(md), "table_cards", 5)  # after "inline" (20): headers hold their text
