"""The scenario files both suites run: tests/scenarios/*.json, each named after the rule it pins.

When the contract's ../shared/examples/ happens to sit beside the project, its files whose scenario
is not already here are added as more cases; nothing needs them.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"
SHARED = ROOT.parent / "shared"


def _scenario_key(path):
    return json.dumps(json.loads(path.read_text(encoding="utf-8"))["scenario"], sort_keys=True)


def scenario_files():
    ours = sorted(SCENARIOS.glob("*.json"))
    known = {_scenario_key(path) for path in ours}
    return ours + [path for path in sorted((SHARED / "examples").glob("*.json")) if _scenario_key(path) not in known]
