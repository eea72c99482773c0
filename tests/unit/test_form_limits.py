"""The browser refuses oversized input before showing it, at the command line's limits (issue 27, point 2)."""
import re

from calculator.jsontext import MAX_INPUT_CHARS
from calculator.scenario import MAX_ACTIVITIES
from tests.scenario_files import ROOT

SAVED_SCENARIO = ROOT / "site" / "js" / "calculator" / "saved-scenario.js"


def js_constant(name):
    [value] = re.findall(rf"^export const {name} = ([\d_]+);", SAVED_SCENARIO.read_text(encoding="utf-8"), re.MULTILINE)
    return int(value.replace("_", ""))


def test_the_browser_limits_are_the_command_lines():
    assert js_constant("MAX_CHARS") == MAX_INPUT_CHARS
    assert js_constant("MAX_ACTIVITIES") == MAX_ACTIVITIES
