"""A fictional seventh organization (tests/seventh_organization/zfa.toml) is a data file and nothing else:
with RECERT_DATA_DIR naming a folder that holds it beside the real ones, the command line knows it."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT, course, event, scenario

FICTIONAL = ROOT / "tests" / "seventh_organization" / "zfa.toml"
CARD = {"valid_until": "2030-01-01", "hands_on_skills": True}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for path in [*(ROOT / "calculator" / "data").glob("*.toml"), FICTIONAL]:
        shutil.copy(path, folder)
    return folder


def run(data_dir, *args, data=None):
    done = subprocess.run([sys.executable, "-m", "calculator", *args], input=json.dumps(data) if data else None,
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "RECERT_DATA_DIR": str(data_dir)})
    assert done.returncode == 0 and done.stderr == "", done.stdout + done.stderr
    return json.loads(done.stdout)


def check(data_dir, data):
    return run(data_dir, "check", "-", data=data)["credentials"][0]


def test_the_command_line_lists_the_seventh_organization_last_in_its_data_order(data_dir):
    listed = run(data_dir, "credentials")
    assert listed[-1] == {"id": "zfa-coach", "name": "ZFA Certified Coach", "organization": "ZFA"}
    assert len(listed) == 21


def test_its_rules_come_from_its_file_three_year_cycle_to_the_month_end_and_a_nutrition_part(data_dir):
    nutrition = event("2025-08-01", 4, topic="nutrition")
    c = check(data_dir, scenario("2026-03-01", [("zfa-coach", "2024-05-10")], [course("2024-08-01", 12), nutrition], cpr_aed=CARD))
    assert (c["organization"], c["unit"], c["deadline"], c["required"], c["earned"], c["status"], c["total_due"]) == (
        "ZFA", "credit", "2027-05-31", 4.0, 4.0, "eligible", 70.0)
    short = check(data_dir, scenario("2026-03-01", [("zfa-coach", "2024-05-10")], [course("2024-08-01", 16)], cpr_aed=CARD))
    assert short["earned"] == 4.0 and short["shortfall"] == 1.0  # the Nutrition part is missing


def test_its_late_tiers_come_from_its_file(data_dir):
    held = [("zfa-coach", "2024-05-10", "2027-05-31")]
    first_month = check(data_dir, scenario("2027-06-20", held, [course("2024-08-01", 12), event("2025-08-01", 4, topic="nutrition")], cpr_aed=CARD))
    later = check(data_dir, scenario("2027-07-20", held, [course("2024-08-01", 12), event("2025-08-01", 4, topic="nutrition")], cpr_aed=CARD))
    assert [fee["amount"] for fee in first_month["fees"]] == [70.0]
    assert [fee["amount"] for fee in later["fees"]] == [70.0, 20.0]


def test_an_activity_type_its_file_does_not_list_counts_nothing_and_says_why(data_dir):
    c = check(data_dir, scenario("2026-03-01", [("zfa-coach", "2024-05-10")], [{"title": "q", "date": "2025-01-01", "type": "quiz", "score": 90}]))
    assert c["counted"][0]["amount"] == 0 and "ZFA" in c["counted"][0]["note"]


def test_its_choices_are_read_through_the_option_names_its_file_declares(data_dir):
    # zfa.toml: [lifetime_fee] option "zfa_for_life" ($300), [distinction] option "zfa_honours" (2 credits of
    # activities marked "zfa_activity", $10 for non-members), [paths] option "zfa_path" with "zfa_exam_passed_on".
    activities = [course("2024-08-01", 12, zfa_activity=True), event("2025-08-01", 4, topic="nutrition")]
    chosen = {"zfa_for_life": "buy", "zfa_honours": True, "zfa_path": "exam", "zfa_exam_passed_on": "2026-02-01"}
    c = check(data_dir, scenario("2026-03-01", [("zfa-coach", "2024-05-10")], activities, cpr_aed=CARD, options=chosen))
    assert [fee["amount"] for fee in c["fees"]] == [300.0, 10.0] and c["path"] == "exam" and c["required"] == 0
    assert (c["distinction"]["required"], c["distinction"]["earned"], c["distinction"]["met"]) == (2.0, 3.0, True)
    plain = check(data_dir, scenario("2026-03-01", [("zfa-coach", "2024-05-10")], activities, cpr_aed=CARD))
    assert [fee["amount"] for fee in plain["fees"]] == [70.0] and plain["path"] == "credits" and "distinction" not in plain


def test_without_the_folder_the_seventh_organization_is_unknown():
    done = subprocess.run([sys.executable, "-m", "calculator", "credentials"], capture_output=True, text=True, cwd=ROOT,
                          env={key: value for key, value in os.environ.items() if key != "RECERT_DATA_DIR"})
    assert "zfa-coach" not in done.stdout
