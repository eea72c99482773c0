"""Writing the site: a fresh output folder, templates rendered to URLs, a sitemap."""

import shutil
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path

import jinja2

from buildlib import BuildError
from buildlib.pages.assets import Assets
from buildlib.pages.checks import broken_links

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


@contextmanager
def fresh_folder(out_dir):
    """Yields an empty folder beside out_dir that replaces out_dir only if the block succeeds."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        yield work
        work.chmod(0o755)
        old = work.with_name(work.name + "-old")
        if out_dir.exists():
            out_dir.rename(old)
        work.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def template_error(error):
    """One line saying which template failed, where, and why."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if frame.filename.startswith(str(TEMPLATES))]
    name, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if frames:
        name, line = frames[-1].filename, frames[-1].lineno
    where = f"{Path(name).relative_to(TEMPLATES.parent.parent)}:{line}" if name else "template"
    return f"{where}: {getattr(error, 'message', None) or error}"


class Site:
    """The output folder, the templates, and the record of pages written so far."""

    def __init__(self, out_dir, base_url, name, **about):
        self.out_dir = Path(out_dir)
        self.base_url = base_url
        self.pages = {}  # url -> where the page comes from, for error messages
        self.sitemap = []
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(asset=Assets(out_dir), site={"name": name, "base_url": base_url, **about})

    def render(self, template, page, in_sitemap=True, **context):
        """Renders a page (a dict with url, title and maybe more) to the file served at its url."""
        url = page["url"]
        try:
            text = self.env.get_template(template).render(page=page, **context)
        except Exception as error:  # any failure inside a template (asset() included) is the template's error
            raise BuildError(template_error(error)) from None
        target = self.out_dir / url.lstrip("/")
        if url.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if target.suffix == ".html":
            self.pages[url] = page.get("source") or f"site/templates/{template}"
        if in_sitemap:
            self.sitemap.append(url)

    def make_pages(self, pages, template):
        """Renders each page (a dict with at least url and title) through the template."""
        for page in pages:
            self.render(template, page)

    def check_links(self):
        problems = broken_links(self.out_dir, self.pages, self.base_url)
        if problems:
            raise BuildError("\n".join(problems))
