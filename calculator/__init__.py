"""Recertification rules for NASM, ACSM and NSCA credentials: am I eligible, and what do I owe?

Pure Python, standard library only, so the same package runs on the command line and in
the browser under Pyodide. The contract is in README.md and ../shared/contract.md.
"""
import json

from .evaluate import evaluate
from .rules import credential_index, last_reviewed

__version__ = "1.0.0"
__all__ = ["evaluate", "evaluate_json", "to_json", "list_credentials", "version_info"]

MAX_INPUT_CHARS = 20_000_000


def to_json(obj, pretty=False):
    """The canonical text of a result: what the CLI prints and the browser returns.

    Compact by default: the C encoder is several times faster than the indenting one.
    ASCII only, so any text a scenario smuggles in (lone surrogates included) prints safely.
    """
    if pretty:
        return json.dumps(obj, indent=2)
    return json.dumps(obj, separators=(",", ":"))


def parse_json(text):
    """(data, None) or (None, errors) for scenario text; never raises."""
    if not isinstance(text, str):
        return None, [{"field": "", "message": "the scenario must be JSON text"}]
    if len(text) > MAX_INPUT_CHARS:
        return None, [{"field": "", "message": f"the scenario is larger than {MAX_INPUT_CHARS} characters"}]
    try:
        return json.loads(text), None
    except RecursionError:
        return None, [{"field": "", "message": "the JSON is nested too deeply"}]
    except ValueError as error:
        return None, [{"field": "", "message": f"not valid JSON: {error}"}]


def evaluate_json(text, today=None):
    """Parse, evaluate and serialize: the browser's single entry point."""
    data, errors = parse_json(text)
    return to_json({"errors": errors} if errors else evaluate(data, today))


def list_credentials():
    """Every supported credential: id, name, organization."""
    return [
        {"id": cid, "name": credential["name"], "organization": rules["organization"]["short"]}
        for cid, (rules, credential) in credential_index().items()
    ]


def version_info():
    """The rules' version and the last day we reviewed our copies of the sources against the rules."""
    return {"rules": __version__, "sources_reviewed": last_reviewed()}
