"""Scenario text to data, the same on the command line and in the browser: the size and nesting are
checked before the parser runs, and numbers too large to convert are kept as written."""
import json
import math
import re
from itertools import accumulate

from .fields import LongNumber

MAX_INPUT_CHARS = 20_000_000
# A scenario nests four levels (scenario, list, activity, value). The limit is checked before parsing, not
# left to the parser's recursion: that limit differs between Python versions, and under Pyodide deep text
# overflows the WebAssembly stack instead of raising RecursionError.
MAX_DEPTH = 100
NESTED_TOO_DEEPLY = f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)"
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def parse_json(text):
    """(data, None) or (None, errors) for scenario text; never raises."""
    if not isinstance(text, str):
        return None, [{"field": "", "message": "the scenario must be JSON text"}]
    if len(text) > MAX_INPUT_CHARS:
        return None, [{"field": "", "message": f"the scenario is larger than {MAX_INPUT_CHARS} characters"}]
    if _nesting(text) > MAX_DEPTH:
        return None, [{"field": "", "message": NESTED_TOO_DEEPLY}]
    try:
        return json.loads(text, parse_int=_integer, parse_float=_float), None
    except json.JSONDecodeError as error:  # Python's wording, with JSON's quotes
        return None, [{"field": "", "message": f"not valid JSON: {error.msg.replace(chr(39), chr(34))} at line {error.lineno}, column {error.colno}"}]


def _nesting(text):
    """The deepest the text's brackets open, strings aside: never less than the parser would recurse."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # most texts: no need to look closer
        return 0
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _integer(text):
    # No field takes an integer this long; converting one costs time (and Python refuses 4,300 digits).
    return int(text) if len(text) <= LongNumber.DIGITS else LongNumber(text)


def _float(text):
    # 1e400 is infinite as a float: kept as written, so that a message quotes it as the person wrote it.
    number = float(text)
    return number if math.isfinite(number) else LongNumber(text)
