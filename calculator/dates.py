"""Calendar arithmetic for cycles and windows: whole months and years clamp to the month's end."""
import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def parse_date(text):
    """A strict YYYY-MM-DD date within the supported range, or None."""
    return _parse_iso(text) if isinstance(text, str) else None


@lru_cache(maxsize=4096)  # records repeat the same few dates
def _parse_iso(text):
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def add_months(day, months):
    """The same day `months` later; a day past the target month's end becomes its last day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def end_of_month(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def shift(day, offset):
    """Move a date by an offset table such as {"days": 90}, {"months": 6} or {"years": 1}."""
    moved = add_months(day, 12 * offset.get("years", 0) + offset.get("months", 0))
    return moved + timedelta(days=offset.get("days", 0))


def month_day(year, text):
    """The date of an "MM-DD" string in the given year."""
    month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)


def in_words(day):
    """A date as sentences write it, "December 31, 2026" (a date or its ISO text); never the ISO form."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
