"""Every field of a scenario survives the form (issue 27, point 1): shown on the form, read back, saved
(the local save's and an export file's format), put in a share link and loaded again, it comes back
unchanged, whatever the form can show of it; and a change to one field changes that field only.

The page's own modules (site/js/calculator/), driven in one page load over the scenario files and
generated scenarios (valid, junk and unknown values alike) through a copy of the page's form.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculator import list_credentials
from calculator.choices import activity_flags, declared_options
from calculator.rules import load_rules, organization_ids
from calculator.scenario import ACTIVITY_TYPES
from tests.scenario_files import ROOT, scenario_files

pytestmark = pytest.mark.e2e

SITE_JS = ROOT / "site" / "js"
MODULES = "/form-modules/"  # the page's modules, served from site/js for this test

SETUP = """async (modules) => {
  const { scenarioForm } = await import(`${modules}calculator/scenario-form.js`);
  const { pack, unpack, shareLink, scenarioFromFragment } = await import(`${modules}calculator/saved-scenario.js`);
  const form = document.querySelector("[data-recert-form]").cloneNode(true);
  const copy = scenarioForm(form, document.querySelector("[data-activity-template]"));
  const through = (scenario) => { copy.write(scenario); return copy.read().scenario; };
  // Shown, read, saved, exported, shared, opened and shown again.
  window.roundTrip = (text) => {
    const saved = unpack(pack(through(JSON.parse(text))), "file").scenario;
    return JSON.stringify(through(scenarioFromFragment(new URL(shareLink(saved)).hash).scenario));
  };
  // Shown, then the first activity's title typed over.
  window.editedTitle = (text) => {
    copy.write(JSON.parse(text));
    const title = form.querySelector("[data-activity] [name=title]");
    title.value = "Typed over";
    title.dispatchEvent(new Event("input", { bubbles: true }));
    return JSON.stringify(copy.read().scenario);
  };
}"""


@pytest.fixture(scope="module")
def form(module_context):
    page = module_context.new_page()
    page.route(f"**{MODULES}**", lambda route: route.fulfill(
        path=SITE_JS / route.request.url.split(MODULES, 1)[1], content_type="text/javascript"))
    page.goto("/calculator/")
    page.evaluate(SETUP, MODULES)
    yield page
    page.close()


def round_trip(page, scenario):
    return json.loads(page.evaluate("(text) => roundTrip(text)", json.dumps(scenario)))


# --- generated scenarios: the form's values, values its inputs cannot hold, and fields it has no input for

RULES = load_rules().values()
# Numbers JavaScript holds exactly (beyond 2**53 it writes 1.8e16 as 18692349603367110, another number in Python).
SAFE = 2**53 - 1
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-SAFE, SAFE) | st.floats(-SAFE, SAFE)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
DAYS = st.dates().map(lambda day: day.isoformat()) | st.sampled_from(["2026-02-30", "03/01/2025", "", "2026-13-01"])
NUMBERS = st.integers(0, 200) | st.floats(0, 200) | st.sampled_from(["8", "3,5", -1, 1e21])


def some(value):
    """A plausible value, or any JSON at all."""
    return value | JSON


ACTIVITY = st.fixed_dictionaries({}, optional={
    "title": some(st.text(max_size=12)), "date": some(DAYS),
    "type": some(st.sampled_from([*ACTIVITY_TYPES, "yoga"])),
    **{name: some(NUMBERS) for name in ["hours", "ceus", "credit_hours", "score", "in_scope_hours"]},
    "term": some(st.sampled_from(["semester", "quarter", "trimester"])), "started_on": some(DAYS),
    "credential": some(st.sampled_from(["nsca-cscs", "nsca-cpt", "unknown"])),
    "topic": some(st.sampled_from(["ethics", "Ethics", ""])),
    "provider": some(st.sampled_from([*organization_ids(), "a gym"])),
    **{name: some(st.booleans()) for name in ["approved", "in_scope", *activity_flags(RULES)]},
    "notes": some(st.text(max_size=12)), "a_later_field": JSON,
})
CREDENTIAL = st.fixed_dictionaries(
    {"id": some(st.sampled_from([credential["id"] for credential in list_credentials()] + ["unknown"]))},
    optional={"certified_on": some(DAYS), "expires_on": some(DAYS), "renewed_through": some(DAYS), "a_later_field": JSON})
OPTIONS = st.dictionaries(st.sampled_from([*declared_options(RULES), "a_later_option"]),
                          some(st.booleans() | st.sampled_from(["none", "buy", "held", "cec", "exam", "maybe"]) | DAYS), max_size=4)
SCENARIO = st.fixed_dictionaries({}, optional={
    "as_of": some(DAYS),
    "credentials": st.lists(CREDENTIAL | JSON, max_size=4),
    "cpr_aed": st.none() | st.fixed_dictionaries({}, optional={"valid_until": some(DAYS), "hands_on_skills": some(st.booleans())}) | JSON,
    "activities": st.lists(ACTIVITY | JSON, max_size=4),
    "memberships": st.lists(some(st.sampled_from(organization_ids())), max_size=3),
    "options": OPTIONS | JSON,
    "a_later_field": JSON,
})


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SCENARIO)
def test_a_generated_scenario_comes_back_unchanged(form, scenario):
    assert round_trip(form, scenario) == scenario


@pytest.mark.parametrize("path", scenario_files(), ids=lambda path: path.stem)
def test_each_scenario_file_comes_back_unchanged(form, path):
    scenario = json.loads(path.read_text())["scenario"]
    assert round_trip(form, scenario) == scenario


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SCENARIO.filter(lambda scenario: scenario.get("activities")))
def test_a_change_to_one_field_changes_that_field_only(form, scenario):
    first = scenario["activities"][0]
    expected = {**scenario, "activities": [{**(first if isinstance(first, dict) else {}), "title": "Typed over"},
                                            *scenario["activities"][1:]]}
    assert json.loads(form.evaluate("(text) => editedTitle(text)", json.dumps(scenario))) == expected
