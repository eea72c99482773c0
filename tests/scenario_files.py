"""The scenario files both suites run: tests/scenarios/*.json, each named after the rule it pins.

The contract's examples are copied here (renamed after their rules), so the suite is the same
with or without anything beside the project.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"


def scenario_files():
    return sorted(SCENARIOS.glob("*.json"))
