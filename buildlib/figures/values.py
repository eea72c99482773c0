"""The values content pages' expressions get: amounts in a unit, fees, tables of figures, lookups by id.

Each prints the way the calculator writes it; a name the data does not have raises FigureError.
"""
from calculator import describe, wording
from calculator.rules import credential_index, decimal, load_rules


class FigureError(Exception):
    """A page names a figure the data does not have."""


def organization_rules(org):
    rules = load_rules().get(org)
    if rules is None:
        raise FigureError(f"unknown organization {org!r} (known: {', '.join(load_rules())})")
    return rules


def credential_rules(cid):
    if cid not in credential_index():
        raise FigureError(f"unknown credential {cid!r} (known: {', '.join(credential_index())})")
    return credential_index()[cid]


def rules_of(id_):
    """The organization rules for an organization id or a credential id."""
    return load_rules()[id_] if id_ in load_rules() else credential_rules(id_)[0]


def known(table, key, what):
    if key not in table:
        raise FigureError(f"unknown {what} {key!r} (known: {', '.join(map(str, table))})")
    return table[key]


class Amount:
    """A quantity in an organization's unit: prints as 2.0 CEUs; adds, subtracts and multiplies."""

    def __init__(self, rules, value):
        self.rules, self.value = rules, decimal(value)

    def __str__(self):
        return describe.units(self.rules, self.value)

    def _other(self, other):
        return other.value if isinstance(other, Amount) else decimal(other)

    def __add__(self, other):
        return Amount(self.rules, self.value + self._other(other))

    def __sub__(self, other):
        return Amount(self.rules, self.value - self._other(other))

    def __mul__(self, other):
        return Amount(self.rules, self.value * self._other(other))

    __rmul__ = __mul__

    @property
    def number(self):
        return wording.number(self.value, self.rules["organization"]["precision"])

    @property
    def hours(self):
        """The contact hours this amount stands for: 20 for 2.0 CEUs."""
        return f"{self.value / decimal(self.rules['organization']['hour_value']):.0f}"


class Money:
    """A fee: prints as $99.00 (or "not published in our sources"), with its period and source."""

    def __init__(self, rules, amount, entry=None):
        self.rules, self.amount, self.entry = rules, amount, entry or {}

    def __str__(self):
        return wording.money(self.amount)

    @property
    def or_free(self):
        return "free" if self.amount == 0 else str(self)

    @property
    def period(self):
        return self.entry.get("period", "")

    @property
    def source(self):
        return source_link(self.rules, self.entry["source"]) if "source" in self.entry else ""

    @property
    def note(self):
        """The period without its first part when that only repeats the source's edition."""
        parts = self.period.split("; ") if self.period else []
        if parts and "source" in self.entry and parts[0] == self.rules["sources"][self.entry["source"]]["edition"]:
            parts = parts[1:]
        return "; ".join(parts)


class Figures:
    """Attribute access to a table of figures; an attribute the data lacks is a FigureError."""

    def __init__(self, what, **values):
        self._what, self._values = what, values

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = known(self._values, name, f"figure of {self._what}")
        if value is None:
            raise FigureError(f"{self._what} has no {name} in the data")
        return value


def source_link(rules, key):
    """A Markdown link to a source, titled with its edition; without an address, where to find it."""
    known(rules["sources"], key, f"source of {rules['organization']['id']}")
    entry = describe.source(rules, key)
    title = f"{entry['title']}, {entry['edition']}"
    return f"[{title}]({entry['url']})" if entry["url"] else f"{title} ({entry['where']})"
