"""Recertification rules for fitness credentials (one data file per organization): am I eligible, and what do I owe?

Pure Python, standard library only, so the same package runs on the command line and in
the browser under Pyodide. The contract is in README.md and ../shared/contract.md.
"""
import json
import traceback

from .evaluate import evaluate
from .jsontext import parse_json
from .rules import credential_index, last_reviewed

__version__ = "1.0.0"
__all__ = ["evaluate", "evaluate_json", "to_json", "list_credentials", "version_info"]

# The one answer to a bug in the calculator (not in the input), in the CLI and the browser alike.
INTERNAL_ERROR = "the calculator failed on this scenario (an internal error); please report it with your scenario"


def to_json(obj, pretty=False):
    """The canonical text of a result: what the CLI prints and the browser returns.

    Compact by default: the C encoder is several times faster than the indenting one.
    ASCII only, so any text a scenario smuggles in (lone surrogates included) prints safely.
    """
    if pretty:
        return json.dumps(obj, indent=2)
    return json.dumps(obj, separators=(",", ":"))


def evaluate_json(text, today=None):
    """Parse, evaluate and serialize: the browser's single entry point. Never raises."""
    try:
        data, errors = parse_json(text)
        return to_json({"errors": errors} if errors else evaluate(data, today))
    except Exception:
        return to_json(internal_error())


def internal_error():
    """The result for a bug: the short message for the person; the details go to standard error
    (the terminal, or the browser's console under Pyodide)."""
    traceback.print_exc()
    return {"errors": [{"field": "", "message": INTERNAL_ERROR}]}


def list_credentials():
    """Every supported credential: id, name, organization."""
    return [
        {"id": cid, "name": credential["name"], "organization": rules["organization"]["short"]}
        for cid, (rules, credential) in credential_index().items()
    ]


def version_info():
    """The rules' version and the last day we reviewed our copies of the sources against the rules."""
    return {"rules": __version__, "sources_reviewed": last_reviewed()}


from .roster import page_json as roster_page_json  # noqa: E402 (it uses the names above); the /roster/ page's entry point
