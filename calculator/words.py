"""A number meets a noun: "1 hour", "2 hours", "1.0 CEU", "0.5 CEUs", "1 more CEC"."""
from decimal import Decimal


def noun(number, singular, plural=None):
    """The noun's form for this number: singular only for exactly one (1, 1.0), plural otherwise."""
    one = number == 1 if isinstance(number, (int, float, Decimal)) else Decimal(str(number)) == 1  # text: "1.0"
    return singular if one else (plural or singular + "s")


def quantity(number, singular, plural=None):
    """The number as written (text or number) followed by its noun in the right form."""
    return f"{number} {noun(number, singular, plural)}"


def per(number, singular, each):
    """A rate, "0.1 CEU per hour", "10 CECs per credit hour" (each="" for "0.5 CEU each"): the amount of
    one hour, course or year, so the noun is singular up to one and plural above it."""
    noun_form = singular if Decimal(str(number)) <= 1 else singular + "s"
    return f"{number} {noun_form} {'per ' + each if each else 'each'}"
