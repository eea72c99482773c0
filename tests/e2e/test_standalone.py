"""The suite stands alone: what a newcomer's clone holds is enough, with no ../shared beside it.

Proves it by copying the project into an empty temporary folder (the files git knows: tracked, and
new ones not ignored, i.e. what a clone holds once they are committed) and running there the tests
that read scenario files, unit and end-to-end: all pass and none is skipped. To stay fast the copy
reuses this checkout's .venv and node_modules through symlinks and the site this session already
serves (RECERT_DIST) instead of setting up and building again.
"""
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

from tests.scenario_files import ROOT

SMOKE_TESTS = [
    "tests/unit/test_scenarios.py",
    "tests/e2e/test_calculator_parity.py::test_every_project_scenario_is_compared",
    "tests/e2e/test_widget_embed.py::test_host_page_gets_the_contract",
    "tests/e2e/test_calculator_page.py::test_fees_the_sources_do_not_publish",
]


def project_files():
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def copy_project(folder):
    for name in project_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    for reused in (".venv", "node_modules"):
        (folder / reused).symlink_to(ROOT / reused)


def test_a_copy_with_nothing_beside_it_passes_without_skips(tmp_path, site_dir):
    copy = tmp_path / "project"
    copy_project(copy)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]  # no ../shared beside the copy
    report = tmp_path / "report.xml"
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    done = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider",
                           "-rs", f"--junitxml={report}", *SMOKE_TESTS],
                          cwd=copy, env=environment | {"RECERT_DIST": str(site_dir)}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert int(suite.get("skipped")) == 0 and int(suite.get("failures")) == 0 and int(suite.get("errors")) == 0
    assert int(suite.get("tests")) > len(list((copy / "tests" / "scenarios").glob("*.json")))  # every scenario ran
