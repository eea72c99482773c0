"""Reading one value of a scenario: its type first, then its range; each problem is one field error.

Messages quote a value as the person wrote it in JSON (`true`, `null`, `"x"`), never in Python's notation.
"""
import calendar
import json
import math
from decimal import Decimal

from .dates import EARLIEST, ISO_DATE, LATEST, parse_date

MAX_HOURS = 10_000  # more hours than anyone logs in a cycle: a typo, not a record
SHOWN_CHARS = 40


class LongNumber:
    """A number in the JSON text too large to convert: an integer of more than DIGITS digits, or beyond
    a float's range (1e400). Kept as its text, so that a message quotes it as written."""
    DIGITS = 400

    def __init__(self, text):
        self.text = text


def show(value):
    """The value in JSON notation, cut to SHOWN_CHARS characters."""
    if isinstance(value, LongNumber):
        text = value.text
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):  # not JSON (evaluate() called from Python), or too big to print
            text = "a value too long to show"
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


def date_problem(text):
    """What is wrong with a date string, in words that follow the value; None when it is a supported date."""
    if not ISO_DATE.fullmatch(text):
        return 'is not a date: write it as YYYY-MM-DD, for example "2026-03-01"'
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"is not a date: there is no month {month:02d}; months run from 01 to 12"
    if not EARLIEST.year <= year <= LATEST.year:
        return f"is outside the dates this calculator handles, {EARLIEST} to {LATEST}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"is not a date: {calendar.month_name[month]} {year} has {days} days"
    return None


class Problems:
    """Collects field errors in the contract's shape: one per field at most."""

    def __init__(self):
        self.errors = []
        self._named = set()

    def add(self, path, message):
        if path not in self._named:  # the first problem found is the one to fix
            self._named.add(path)
            self.errors.append({"field": path, "message": message})

    def missing(self, path, what):
        self.add(path, f"is required ({what})")

    def unknown_fields(self, path, given, allowed):
        """An error for each key of the object `given` that is not in `allowed`."""
        unknown = given.keys() - allowed
        if not unknown:
            return
        expected = ", ".join(sorted(allowed))
        for name in sorted(unknown, key=str):
            self.add(f"{path}.{name}" if path else str(name), f"unknown field {show(name)}; expected one of: {expected}")

    def object(self, path, value, what):
        """The value when it is a JSON object, else None (and the error)."""
        if isinstance(value, dict):
            return value
        self.add(path, f"{show(value)} is not an object with {what}")
        return None

    def items(self, path, value, what, required=False):
        """The value when it is a list; [] when it is absent and optional."""
        if isinstance(value, list):
            return value
        if value is None:
            if required:
                self.missing(path, what)
        else:
            self.add(path, f"{show(value)} is not a list ({what})")
        return []

    def date(self, path, value, required=True, question=None):
        """A date; `question` is the message for a date left out or empty ("When did you complete it?")."""
        if question and value in (None, ""):
            self.add(path, question)
            return None
        if value is None:
            if required:
                self.missing(path, "a date as YYYY-MM-DD")
            return None
        if not isinstance(value, str):
            self.add(path, f'{show(value)} is not a date; write it as text, for example "2026-03-01"')
            return None
        day = parse_date(value)
        if day is None:
            self.add(path, f"{show(value)} {date_problem(value)}")
        return day

    def number(self, path, value, required=False, upper=MAX_HOURS):
        if value is None:
            if required:
                self.missing(path, "a number")
            return None
        if isinstance(value, LongNumber):
            too = "is negative; enter 0 or more" if value.text.startswith("-") else f"is more than {upper}, the most this field accepts"
            self.add(path, f"{show(value)} {too}")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            quoted = isinstance(value, str) and _is_number(value)
            self.add(path, f"{show(value)} is not a number" + ("; write it without quotes" if quoted else ""))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(path, f"{show(value)} is not a finite number")
            return None
        if value < 0:
            self.add(path, f"{show(value)} is negative; enter 0 or more")
            return None
        if value > upper:
            self.add(path, f"{show(value)} is more than {upper}, the most this field accepts")
            return None
        return _exact(value)

    def flag(self, path, value, default):
        """A value given for a true/false field; null is refused like any other non-flag value, since
        leaving the field out is how to take its default."""
        if not isinstance(value, bool):
            self.add(path, f"{show(value)} is not true or false" + (
                f"; leave the field out to take the default, {show(default)}" if value is None else ""))
            return default
        return value

    def choice(self, path, value, allowed, default=None, what=None, listed=False):
        """One of the allowed strings; `default` when absent (None: the value is required).

        In a list (`listed`), a null is a value like any other, not an absence.
        """
        if value is None and not listed:
            if default is None:
                self.add(path, f"is required: one of {', '.join(allowed)}")
            return default
        if not isinstance(value, str) or value not in allowed:
            names = ", ".join(allowed)
            self.add(path, f"{show(value)} is not {what}: use one of {names}" if what else f"{show(value)} is not one of: {names}")
            return default
        return value

    def text(self, path, value):
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(path, f"{show(value)} is not text; write it in quotes")
            return ""
        return value


def _exact(number):
    """The number as a Decimal, the same whether the JSON wrote 2 or 2.0 (JavaScript writes 2.0 as 2), so
    that a sentence reads the same from the command line and the browser."""
    exact = Decimal(str(number))
    whole = exact.to_integral_value()
    return whole if exact == whole else exact


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
