"""A number meets a noun: "1 hour", "2 hours", "1.0 CEU", "0.5 CEUs", "1 more CEC"."""
from decimal import Decimal


def noun(number, singular, plural=None):
    """The noun's form for this number: singular only for exactly one (1, 1.0), plural otherwise."""
    one = number == 1 if isinstance(number, (int, float, Decimal)) else Decimal(str(number)) == 1  # text: "1.0"
    return singular if one else (plural or singular + "s")


def quantity(number, singular, plural=None):
    """The number as written (text or number) followed by its noun in the right form."""
    return f"{number} {noun(number, singular, plural)}"
