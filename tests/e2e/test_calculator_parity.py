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
