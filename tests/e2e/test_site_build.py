"""build.py fails loudly, with one clear line per problem and no traceback, and leaves the old site alone."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path):
    """A copy of the real content to break."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


def run_build(content, out):
    return subprocess.run([sys.executable, "build.py", "--content", str(content), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)


def append(path, text):
    path.write_text(path.read_text() + text)


def assert_fails_clearly(result, message):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert all(line.startswith("build failed: ") for line in result.stderr.splitlines())


def test_broken_internal_link(content, tmp_path):
    append(content / "nsca" / "faq.md", "\nSee [the missing page](/nsca/no-such-page/).\n")
    result = run_build(content, tmp_path / "out")
    assert_fails_clearly(result, "/nsca/faq/ (")
    assert_fails_clearly(result, "links to /nsca/no-such-page/, which does not exist")
    assert not (tmp_path / "out").exists(), "a failed build must not leave a partial site"


def test_missing_anchor(content, tmp_path):
    append(content / "nasm" / "faq.md", "\nSee [fees](/nsca/faq/#no-such-heading).\n")
    result = run_build(content, tmp_path / "out")
    assert_fails_clearly(result, "links to /nsca/faq/#no-such-heading, but /nsca/faq/ has no id 'no-such-heading'")


def test_page_without_title(content, tmp_path):
    (content / "untitled.md").write_text("---\ndescription: no title here\n---\n\nText.\n")
    assert_fails_clearly(run_build(content, tmp_path / "out"), "untitled.md: front matter has no title")


def test_failed_build_keeps_the_previous_site(content, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous build")
    (content / "untitled.md").write_text("---\ntitle:\n---\n")
    assert run_build(content, out).returncode != 0
    assert (out / "index.html").read_text() == "previous build"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "out"], "temporary folders left behind"


def test_template_error(monkeypatch, tmp_path, capsys):
    templates = Path(shutil.copytree(ROOT / "site" / "templates", tmp_path / "site" / "templates"))
    append(templates / "404.html", "{% if %}\n")
    monkeypatch.setattr("buildlib.pages.site.TEMPLATES", templates)
    assert build.main(["--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("build failed: site/templates/404.html:")
