"""Junk through window.Recert gets the same field errors as the command line, and a bug in the rules
gets the command line's one short sentence, never a traceback (that goes to the console).

The full walk over every field is tests/unit/test_junk_in_every_field.py; these are a few of its cases.
"""
import json
import subprocess
import sys
import zipfile

import pytest

from calculator import INTERNAL_ERROR
from test_calculator_offline import recorded_site, site_copy  # noqa: F401 (fixtures)
from tests.scenario_files import ROOT

BASE = {"as_of": "2026-03-01", "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}], "cpr_aed": None,
        "activities": [{"type": "event", "date": "2025-03-01", "hours": 8}]}
EVENT = BASE["activities"][0]
JUNK = {
    "hours true": {"activities": [EVENT | {"hours": True}]},
    "hours 1e308": {"activities": [EVENT | {"hours": 1e308}]},
    "notes object": {"activities": [EVENT | {"notes": {"a": 1}}]},
    "title list": {"activities": [EVENT | {"title": [1]}]},
    "impossible date": {"activities": [EVENT | {"date": "2026-02-30"}]},
    "term null": {"activities": [{"type": "college_course", "date": "2025-03-01", "credit_hours": 3, "term": None}]},
    "id a list": {"credentials": [{"id": [], "certified_on": "2019-04-02"}]},
    "no id": {"credentials": [{"certified_on": "2019-04-02"}]},
    "membership null": {"memberships": [None]},
    "option empty": {"options": {"acsm_path": ""}},
}


def cli(text):
    done = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=text, capture_output=True, text=True, cwd=ROOT)
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="module")
def calculator_page(module_context):
    page = module_context.new_page()
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    yield page
    page.close()


def test_junk_gets_the_same_errors_as_the_command_line(calculator_page):
    answers = {}
    for name, change in JUNK.items():
        scenario = BASE | change
        code, expected = cli(json.dumps(scenario))
        assert code == 2, name
        answers[name] = (calculator_page.evaluate("(scenario) => Recert.evaluate(scenario)", scenario), expected)
    assert {name: got for name, (got, _) in answers.items()} == {name: want for name, (_, want) in answers.items()}


def break_the_rules(site):
    """The copy's rules archive with an evaluate() that raises, and no snapshot (which holds the real rules)."""
    [archive] = (site / "assets" / "runtime" / "fallback").glob("calculator.*.zip")
    with zipfile.ZipFile(archive) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files["calculator/evaluate.py"] += b"\n\ndef evaluate(data, today=None):\n    raise ZeroDivisionError('a bug in the rules')\n"
    with zipfile.ZipFile(archive, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    for path in (site / "assets" / "runtime").glob("snapshot.*"):
        path.unlink()


def test_a_bug_in_the_rules_gets_the_command_lines_short_message(browser, site_copy, recorded_site):
    break_the_rules(site_copy)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.add_init_script("delete window.SharedWorker")  # a dedicated worker, whose console Playwright reports
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(recorded_site.url + "/calculator/")
    page.evaluate("Recert.ready")
    result = page.evaluate("(scenario) => Recert.evaluate(scenario)", BASE)
    context.close()
    assert result == {"errors": [{"field": "", "message": INTERNAL_ERROR}]}
    assert any("ZeroDivisionError: a bug in the rules" in text for text in console), console
