"""The rules as a wheel for developers who run their own Pyodide (buildlib/runtime/wheel.py, content/embed.md):
a bare Pyodide page installs it, by its URL or through the lock entry pyodide-build made, and
evaluates a scenario the way the rules do in this process."""

import json
import zipfile

import pytest

import calculator
from buildlib.runtime import pyodide, wheel
from test_runtime_start import SCENARIO

PYODIDE = f"/pyodide/{pyodide.PYODIDE_VERSION}/"
WHEEL_URL = wheel.URL + wheel.WHEEL_NAME

# In a page of the site: Pyodide as anyone would start it, then the wheel, then one evaluation.
EVALUATE_WITH = """async ([pyodide_url, config, install, scenario]) => {
  const { loadPyodide } = await import(pyodide_url + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: pyodide_url, ...config });
  await pyodide.loadPackage(install);
  pyodide.globals.set("scenario", JSON.stringify(scenario));
  return pyodide.runPython("import calculator; calculator.evaluate_json(scenario)");
}"""


@pytest.fixture
def bare_page(page, site_url):
    page.goto(site_url + "/about/")
    return page


def test_the_wheel_is_pure_and_named_as_pip_expects(site_dir):
    path = site_dir / WHEEL_URL.lstrip("/")
    assert path.name == f"recert_calculator-{wheel.VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        info = f"recert_calculator-{wheel.VERSION}.dist-info"
        assert f"{info}/RECORD" in names and "Tag: py3-none-any" in archive.read(f"{info}/WHEEL").decode()
    assert "calculator/__init__.py" in names and "calculator/data/nsca.toml" in names


def test_loading_the_wheel_by_its_url_gives_import_calculator(bare_page):
    result = bare_page.evaluate(EVALUATE_WITH, [PYODIDE, {}, WHEEL_URL, SCENARIO])
    assert json.loads(result) == calculator.evaluate(SCENARIO)


def test_the_lock_entry_made_by_pyodide_build_installs_it_by_name(bare_page, site_dir, site_url):
    lock = json.loads((site_dir / "python" / "pyodide-lock.json").read_text())
    entry = lock["packages"]["recert-calculator"]
    assert (entry["file_name"], entry["imports"], entry["version"]) == (wheel.WHEEL_NAME, ["calculator"], wheel.VERSION)
    assert lock["info"] == json.loads((pyodide.PYODIDE_PACKAGE / "pyodide-lock.json").read_text())["info"]
    # An absolute lock URL: the wheel's file name is resolved against it.
    result = bare_page.evaluate(EVALUATE_WITH, [PYODIDE, {"lockFileURL": f"{site_url}/python/pyodide-lock.json"},
                                                "recert-calculator", SCENARIO])
    assert json.loads(result) == calculator.evaluate(SCENARIO)


def test_the_embed_page_gives_the_wheel_and_lock_addresses(site_dir):
    page = (site_dir / "embed" / "index.html").read_text()
    assert WHEEL_URL in page and "/python/pyodide-lock.json" in page and pyodide.PYODIDE_VERSION in page
