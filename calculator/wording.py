"""How the site writes the rules' figures in sentences: money, amounts in a unit, dates, windows.

The generated pages (describe.py) and the content pages (buildlib/figures/single.py) both write
figures through these functions, so one figure reads the same everywhere.
"""
from datetime import date

from .dates import in_words, shift
from .rules import decimal
from .words import noun

ACTIVITY_NAMES = {  # the calculator form's activity types, as its menu names them
    "event": "Live or live-streamed course, seminar, conference or workshop",
    "online_course": "Online course, home study or recorded webinar",
    "college_course": "College course",
    "first_aid": "First Aid certification",
    "quiz": "Quiz",
    "ncca_certification": "Another NCCA-accredited certification",
    "nsca_certification": "An additional NSCA certification",
    "personal_development": "Personal development (reading, podcasts, self-study)",
    "cpr_aed": "CPR/AED course",
    "volunteer": "Volunteering",
    "other": "Other activity",
}

NOT_PUBLISHED = "not published in our sources"
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
# Cycles that end on December 31 ("calendar", "fixed"): their windows end on a day of the year.
YEAR_END_KINDS = {"calendar", "fixed"}


def money(amount):
    """$99.00, as the calculator shows a fee; None is "not published in our sources"."""
    return NOT_PUBLISHED if amount is None else f"${decimal(amount):,.2f}"


def number(value, precision):
    """A figure at the unit's precision: 2.0 for 0.1 CEU precision, 45 for 1 CEC."""
    places = 1 if decimal(precision) < 1 else 0
    return f"{decimal(value):.{places}f}"


def figure(value, precision):
    """A figure at the unit's precision or finer, never rounded, whatever its type: 2, 2.0 and Decimal("2")
    are all "2.0" for 0.1 CEU precision, 45.0 is "45" for 1 CEC; 0.25 stays "0.25"."""
    value = decimal(value)
    places = max(1 if decimal(precision) < 1 else 0, -value.normalize().as_tuple().exponent)
    return f"{value:.{places}f}"


def plural(unit, value):
    """The unit as the calculator writes it after a number: 1.0 CEU, 0.5 CEUs, 45 CECs (words.noun)."""
    return noun(value, unit)


def amount(value, unit, precision):
    return f"{number(value, precision)} {plural(unit, value)}"


def count(n, unit, words=False):
    """'2 years', 'one year', '90 days': a whole count of a unit."""
    text = NUMBER_WORDS.get(n, str(n)) if words else str(n)
    return f"{text} {unit if n == 1 else unit + 's'}"


long_date = in_words  # December 31, 2026


def month_day(day):
    """June 30."""
    return f"{day:%B} {day.day}"


def offset(table):
    """'90 days', '1 year', '6 months' for an offset table such as {"days": 90}; a negative day is left out."""
    return " and ".join(count(n, unit[:-1]) for unit, n in table.items() if n > 0)


def ends_before(table):
    """A window such as {"years": 1, "days": -1} ends the day before its length has passed: "within 1 year"."""
    return table.get("days", 0) < 0


def window_end(cycle_kind, table):
    """The end of a window that runs `table` past the deadline, as a person reads it.

    For cycles ending December 31 it is a day of the year ("June 30", "January 31");
    for cycles ending on a personal date it is a length ("90 days", "1 year"): applications
    are received within it (see ends_before for one that ends a day short of its length).
    """
    if cycle_kind in YEAR_END_KINDS:
        return month_day(shift(date(2001, 12, 31), table))
    return offset(table)


def joined(items, last="and"):
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]
