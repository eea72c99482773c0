"""Helpers for the rules tests: build a scenario, evaluate it, pick one credential's result."""
import contextlib
import io
import json
import re
from pathlib import Path
from unittest import mock

from calculator import evaluate
from calculator.__main__ import run

ROOT = Path(__file__).resolve().parents[2]
CPR_OK = {"valid_until": "2030-01-01", "hands_on_skills": True}
PYTHON_NOTATION = re.compile(r"\b(True|False|None)\b|'")  # True, None, 'x': what a person never wrote in JSON


def scenario(as_of, credentials, activities=(), cpr_aed=CPR_OK, **extra):
    """A scenario dict; credentials as (id, certified_on[, expires_on]) tuples."""
    creds = [{"id": c[0], "certified_on": c[1], **({"expires_on": c[2]} if len(c) > 2 else {})} for c in credentials]
    return {"as_of": as_of, "credentials": creds, "cpr_aed": cpr_aed, "activities": list(activities), **extra}


def result_for(data, cid=None):
    """The result of one credential (the first when cid is None); fails on input errors."""
    result = evaluate(data)
    assert "errors" not in result, result.get("errors")
    creds = result["credentials"]
    return creds[0] if cid is None else next(c for c in creds if c["id"] == cid)


def event(date, hours, **extra):
    return {"title": f"event {date}", "date": date, "type": "event", "hours": hours, **extra}


def fee_amounts(credential):
    return [fee["amount"] for fee in credential["fees"]]


def counted(credential, index):
    return next(c for c in credential["counted"] if c["activity"] == index)


def cli(*args, stdin=""):
    """`python -m calculator ARGS` run in this process (no start-up cost): (exit code, standard output).
    Standard input is text (sent as UTF-8) or bytes."""
    out = io.StringIO()
    data = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else stdin
    with contextlib.redirect_stdout(out), mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(data))):
        code = run(list(args))
    return code, out.getvalue()


def unclear_errors(errors):
    """The errors that break the contract's promises: a field named twice, an empty message, or a
    value quoted in Python's notation instead of JSON's."""
    fields = [error["field"] for error in errors]
    return [error for i, error in enumerate(errors)
            if error["field"] in fields[:i] or not error["message"] or PYTHON_NOTATION.search(error["message"])]


def cli_result(data, cid=None):
    """Like result_for, through `python -m calculator check -` (the command line the contract names)."""
    code, out = cli("check", "-", stdin=json.dumps(data))
    assert code == 0, out
    creds = json.loads(out)["credentials"]
    return creds[0] if cid is None else next(c for c in creds if c["id"] == cid)


def cli_errors(data):
    """The field errors the command line reports for bad input (exit 2)."""
    code, out = cli("check", "-", stdin=json.dumps(data))
    assert code == 2, out
    return json.loads(out)["errors"]


def course(date, hours, **extra):
    return {"title": f"course {date}", "date": date, "type": "online_course", "hours": hours, **extra}
