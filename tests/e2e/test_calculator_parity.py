"""The browser gives the same answers as the command line, for every scenario file (tests/scenarios,
and ../shared/examples as more cases when it happens to sit beside the project).

`python -m calculator check -` and `Recert.evaluate` in Chromium (Pyodide in a worker) must
agree: the worker's text byte for byte, and the object Recert.evaluate resolves to.
Pyodide loads once for the whole module (one page).
"""

import io
import json
import zipfile

import pytest

from tests.scenario_files import SCENARIOS, cli_text, scenario_files, scenario_of

SCENARIO_FILES = scenario_files()

# The worker's raw answer, through the same SharedWorker recert.js uses.
WORKER_TEXT = """async (text) => {
  const { RULES_URL } = await import("/js/recert-build.js");
  const port = new SharedWorker("/js/recert-worker.js", { type: "module", name: `recert ${RULES_URL}` }).port;
  return new Promise((resolve) => {
    port.onmessage = ({ data }) => { if (data.type === "result") resolve(data.text); };
    port.start();
    port.postMessage({ type: "evaluate", id: 1, text });
  });
}"""


@pytest.fixture(scope="module")
def calculator_page(browser, site_url):
    context = browser.new_context(base_url=site_url)
    context.add_init_script("window.readyEvents = []; addEventListener('recert:ready', (e) => readyEvents.push(e.detail));")
    page = context.new_page()
    page.goto("/calculator/")
    page.evaluate("Recert.ready")
    yield page
    context.close()


def test_every_project_scenario_is_compared():
    assert set(SCENARIOS.glob("*.json")) <= set(SCENARIO_FILES)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.stem)
def test_browser_matches_command_line(calculator_page, path):
    scenario = scenario_of(path)
    text = json.dumps(scenario)
    expected = cli_text(text)
    assert calculator_page.evaluate(WORKER_TEXT, text) == expected.rstrip("\n")
    assert calculator_page.evaluate("(scenario) => Recert.evaluate(scenario)", scenario) == json.loads(expected)


def test_bad_input_resolves_to_errors(calculator_page):
    for bad in ["not an object", None, {"credentials": "nope"}]:
        result = calculator_page.evaluate("(scenario) => Recert.evaluate(scenario)", bad)
        assert result["errors"], bad
        assert result == json.loads(cli_text(json.dumps(bad)))
    # Values JSON cannot carry resolve to errors too, never a rejected promise.
    assert calculator_page.evaluate("() => { const a = {}; a.a = a; return Recert.evaluate(a); }")["errors"]


def test_version_and_ready_event(calculator_page):
    from calculator import version_info
    assert calculator_page.evaluate("Recert.version") == version_info()
    assert calculator_page.evaluate("readyEvents") == [version_info()]


def test_runtime_files_are_self_hosted_and_served_right(calculator_page, site_dir):
    [folder] = (site_dir / "pyodide").iterdir()  # one folder, named after Pyodide's version
    assert sorted(path.name for path in folder.iterdir() if path.suffix not in (".br", ".gz")) == sorted([
        "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"])
    # A .wasm with another type makes Pyodide's loader hang without an error.
    response = calculator_page.request.get(f"/pyodide/{folder.name}/pyodide.asm.wasm")
    assert response.headers["content-type"] == "application/wasm"
    rules_url = calculator_page.evaluate("import('/js/recert-build.js').then((module) => module.RULES_URL)")
    with zipfile.ZipFile(io.BytesIO(calculator_page.request.get(rules_url).body())) as archive:
        names = archive.namelist()
    assert "calculator/__init__.py" in names and "calculator/data/nsca.toml" in names
    assert all(name.endswith((".py", ".toml")) for name in names)  # sources: host .pyc does not load in Pyodide


# Amounts as JSON types them: JavaScript writes 2.0 as 2, so the browser must word 2 as the CLI words 2.0.
TYPED_AMOUNTS = {
    "as_of": "2026-03-01",
    "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02"}, {"id": "ace-cpt", "certified_on": "2023-01-01"}],
    "cpr_aed": {"valid_until": "2027-01-01", "hands_on_skills": True},
    "activities": [{"date": "2025-03-01", "type": "quiz", "score": 90, "ceus": 2.0},
                   {"date": "2025-03-02", "type": "event", "hours": 14.0},
                   {"date": "2025-03-03", "type": "online_course", "ceus": 3.0}],
}


def test_amounts_are_worded_the_same_whatever_their_json_type(calculator_page):
    as_float = json.dumps(TYPED_AMOUNTS)
    as_integer = as_float.replace(".0,", ",").replace(".0}", "}")
    assert '"ceus": 2.0}' in as_float and '"ceus": 2}' in as_integer and ".0" not in as_integer
    expected = cli_text(as_float)
    assert cli_text(as_integer) == expected
    for text in (as_float, as_integer):
        assert calculator_page.evaluate(WORKER_TEXT, text) == expected.rstrip("\n")
    assert calculator_page.evaluate("(scenario) => Recert.evaluate(scenario)", TYPED_AMOUNTS) == json.loads(expected)
    notes = [entry["note"] for credential in json.loads(expected)["credentials"] for entry in credential["counted"]]
    assert any(note.startswith("passed; 2.0 CEUs") for note in notes)  # NSCA counts in 0.1 CEU
    assert any(note.startswith("14 hours at 0.1 CEU") for note in notes)
    assert any(note.startswith("its stated value of 3.0 CECs") for note in notes)  # ACE counts in 0.1 CEC


# Recert.evaluate of a value nested `depth` levels, raced against a timeout: "timed out" if it never settles.
NESTED = """async ([depth, kind]) => {
  let value = 1;
  for (let i = 0; i < depth; i++) value = kind === "list" ? [value] : { a: value };
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timed out"), 10000));
  const started = performance.now();
  const answer = await Promise.race([Recert.evaluate(value), timeout]);
  return [answer, performance.now() - started];
}"""


@pytest.mark.parametrize("depth", [3_000, 10_000, 100_000])
def test_deep_nesting_gets_the_command_lines_answer_at_once(calculator_page, depth):
    for kind, text in (("list", "[" * depth + "1" + "]" * depth), ("object", '{"a":' * depth + "1" + "}" * depth)):
        expected = json.loads(cli_text(text))
        assert "nested too deeply" in expected["errors"][0]["message"]
        answer, ms = calculator_page.evaluate(NESTED, [depth, kind])
        assert answer == expected, kind
        assert ms < 3000, (kind, ms)  # measured 10-60 ms on an idle 2-core machine
    # The runtime still answers afterwards.
    assert calculator_page.evaluate("(scenario) => Recert.evaluate(scenario)", TYPED_AMOUNTS)["credentials"]


def test_input_only_text_can_carry_gets_the_command_lines_words(calculator_page):
    # As the widget receives a host page's text: a number beyond a float, a topic in capitals, a null flag, no date.
    text = ('{"as_of": "2026-03-01", "credentials": [{"id": "ncsf-cpt", "certified_on": "2024-05-10"}], "activities": ['
            '{"date": "2025-04-01", "type": "event", "hours": 1e400}, {"date": "2025-04-01", "type": "online_course", '
            '"hours": 2, "topic": "Ethics", "approved": null}, {"type": "event", "hours": 3}]}')
    expected = cli_text(text)
    assert calculator_page.evaluate(WORKER_TEXT, text) == expected.rstrip("\n")
    assert json.loads(expected)["errors"] == [
        {"field": "activities[0].hours", "message": "1e400 is more than 10000, the most this field accepts"},
        {"field": "activities[1].approved", "message": "null is not true or false; leave the field out to take the default, true"},
        {"field": "activities[2].date", "message": "When did you complete it?"}]
