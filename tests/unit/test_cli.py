"""The command line: check, plan and credentials, exit codes 0 and 2, JSON on standard output."""
import json
import subprocess
import sys
from pathlib import Path

from helpers import event, scenario

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=None):
    done = subprocess.run([sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True, text=True, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def test_check_reads_standard_input_and_prints_the_result():
    code, out, err = run("check", "-", stdin=json.dumps(scenario("2026-01-05", [("nasm-cpt", "2024-08-01", "2026-08-01")])))
    assert code == 0 and err == ""
    assert json.loads(out)["credentials"][0]["status"] == "in_progress"


def test_check_reads_a_file(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario("2026-01-05", [("acsm-ep", "2023-01-01")])))
    code, out, _ = run("check", str(path))
    assert code == 0 and json.loads(out)["credentials"][0]["unit"] == "CEC"


def test_bad_input_exits_2_with_errors_and_no_traceback():
    code, out, err = run("check", "-", stdin='{"credentials": [{"id": "nope"}], "activities": [1]}')
    assert code == 2 and "Traceback" not in err
    assert {e["field"] for e in json.loads(out)["errors"]} >= {"credentials[0].id", "credentials[0].certified_on", "activities[0]"}


def test_missing_file_exits_2():
    code, out, _ = run("check", "/no/such/file.json")
    assert code == 2 and json.loads(out) == {"errors": [{"field": "", "message": 'there is no file "/no/such/file.json"'}]}


def test_credentials_lists_all_twenty_of_facts_md_and_facts_more_md():
    code, out, _ = run("credentials")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 20
    assert [c["organization"] for c in listed if c["organization"] not in {"NASM", "ACSM", "NSCA"}] == ["ACE"] * 4 + ["NCSF"] * 2 + ["ISSA"]


def test_plan_prints_the_quickest_route_as_text_and_json():
    data = json.dumps(scenario("2025-07-01", [("nsca-cscs", "2018-03-01")], [event("2024-02-01", 12)]))
    code, out, _ = run("plan", "-", stdin=data)
    assert code == 0 and "Quickest" in out and "hours of live courses or events" in out
    code, out, _ = run("plan", "--json", "-", stdin=data)
    plan = json.loads(out)["credentials"][0]["plan"]
    assert plan["needed"] == 4.8 and plan["steps"]
