"""The scenario files both suites run: tests/scenarios/*.json, each named after the rule it pins.

The contract's examples are copied here (renamed after their rules), so the suite is the same
with or without anything beside the project.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"


def scenario_files():
    return sorted(SCENARIOS.glob("*.json"))


def scenario_of(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("scenario", data)


def cli_text(scenario_text):
    """What `python -m calculator check -` prints for this scenario text (a result or errors)."""
    completed = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=scenario_text,
                               capture_output=True, text=True, cwd=ROOT, check=False)
    assert completed.returncode in (0, 2), completed.stderr
    return completed.stdout
