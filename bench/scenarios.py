"""Scenarios the benchmark evaluates: generated, checked against the rules in this process."""

import base64
import datetime
import json

import calculator

AS_OF = "2026-11-23"
ACTIVITY_KINDS = [
    {"type": "event", "hours": 3},
    {"type": "online_course", "hours": 2, "approved": True},
    {"type": "personal_development", "hours": 1},
    {"type": "quiz", "score": 85, "ceus": 0.2},
]


def scenario(activities):
    """A valid scenario: three credentials (one per organization) and `activities` activities."""
    start = datetime.date(2024, 1, 10)
    return {
        "as_of": AS_OF,
        "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None},
                        {"id": "nasm-cpt", "certified_on": "2020-05-01", "expires_on": None},
                        {"id": "acsm-cpt", "certified_on": "2021-03-15", "expires_on": None}],
        "cpr_aed": {"valid_until": "2027-05-01", "hands_on_skills": True},
        "activities": [{"title": f"Activity {i + 1}",
                        "date": (start + datetime.timedelta(days=i % 900)).isoformat(),
                        **ACTIVITY_KINDS[i % len(ACTIVITY_KINDS)]} for i in range(activities)],
        "memberships": ["nsca"],
    }


def checked_scenario(activities):
    """scenario(activities), after the rules (in this process) accept it."""
    data = scenario(activities)
    result = calculator.evaluate(data)
    if "errors" in result:
        raise SystemExit(f"bench: generated scenario is invalid: {result['errors'][:3]}")
    return data


def share_fragment(data):
    """The calculator's share-link fragment (#s=<base64url of {"version": 2, "scenario": ...}>): its day pinned."""
    code = base64.urlsafe_b64encode(json.dumps({"version": 2, "scenario": data}).encode()).decode().rstrip("=")
    return f"#s={code}"
