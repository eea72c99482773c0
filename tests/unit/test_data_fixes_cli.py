"""Issue 17's data fixes, through the command line: the calculator follows what the sources say."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check(scenario):
    done = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=json.dumps(scenario),
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)["credentials"]


def online_cpr(credential, certified_on, as_of):
    return {"as_of": as_of, "credentials": [{"id": credential, "certified_on": certified_on}],
            "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": False}, "activities": []}


def test_acsm_accepts_a_cpr_aed_course_without_a_hands_on_part():
    """ACSM's seed asks only for a current CPR and AED certification; it names no format."""
    (acsm,) = check(online_cpr("acsm-cpt", "2023-02-01", "2026-03-01"))
    assert acsm["cpr_aed_ok"] is True


def test_nasm_still_wants_the_hands_on_part():
    """AFAA/NASM terms: the course must include a hands-on skills component."""
    (nasm,) = check(online_cpr("nasm-cpt", "2025-02-01", "2026-03-01"))
    assert nasm["cpr_aed_ok"] is False


def test_nsca_2018_2020_categories_the_faq_does_not_state_are_marked_as_our_reading():
    """The 2018-2020 FAQ gives no category for an additional NSCA certification or a quiz."""
    activities = [{"title": "CSPS", "date": "2019-05-01", "type": "nsca_certification", "credential": "nsca-csps"},
                  {"title": "Quiz", "date": "2019-06-01", "type": "quiz", "score": 90, "ceus": 0.5},
                  {"title": "Clinic", "date": "2019-07-01", "type": "event", "hours": 5}]
    (cscs,) = check({"as_of": "2020-06-01", "credentials": [{"id": "nsca-cscs", "certified_on": "2015-01-01"}],
                     "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": True}, "activities": activities})
    certification, quiz, event = (next(c for c in cscs["counted"] if c["activity"] == i) for i in range(3))
    assert certification["category"] == "C" and "our reading" in certification["note"]
    assert quiz["category"] == "D" and "our reading" in quiz["note"]
    assert event["category"] == "A" and "our reading" not in event["note"]  # stated: events are category A
