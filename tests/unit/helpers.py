"""Helpers for the rules tests: build a scenario, evaluate it, pick one credential's result."""
import json
import subprocess
import sys
from pathlib import Path

from calculator import evaluate

ROOT = Path(__file__).resolve().parents[2]

CPR_OK = {"valid_until": "2030-01-01", "hands_on_skills": True}


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



def _check(data):
    return subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=json.dumps(data),
                          capture_output=True, text=True, cwd=ROOT)


def cli_result(data, cid=None):
    """Like result_for, through `python -m calculator check -` (the command line the contract names)."""
    done = _check(data)
    assert done.returncode == 0 and done.stderr == "", done.stdout + done.stderr
    creds = json.loads(done.stdout)["credentials"]
    return creds[0] if cid is None else next(c for c in creds if c["id"] == cid)


def cli_errors(data):
    """The field errors the command line reports for bad input (exit 2)."""
    done = _check(data)
    assert done.returncode == 2, done.stdout + done.stderr
    return json.loads(done.stdout)["errors"]


def course(date, hours, **extra):
    return {"title": f"course {date}", "date": date, "type": "online_course", "hours": hours, **extra}
