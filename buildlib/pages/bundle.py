"""One file for a page's script and every module it imports, so a page needs one request for its
script instead of one per module (a host speaking HTTP/1.1 gets 6 connections: the calculator's 14
modules took three round trips on a first visit, and as many trips through the service worker on a
repeat visit).

The modules import each other by the URLs they would have under /js/ (`/js/calculator/app.js`,
`./dom.js`), and the module at /js/<path> is the file site/js/<path>. Each module becomes a function
run once, in the order the browser would run the modules (each after what it imports), returning
its exports; an import becomes a destructuring of them:

    const m2 = (() => { const { el } = m1; ...; return { fieldErrors }; })();

So each module's own names stay in its own scope. Handled, and the build stops on anything else:
`import { a, b as c } from "x"`, `export function|async function|const|class name`, `import.meta.url`
(the module's own URL, under /js/) and dynamic `import()` (left to the browser).
"""

import re
from urllib.parse import urljoin

from buildlib import BuildError

IMPORT = re.compile(r"""^import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["'];?[^\n]*\n""", re.MULTILINE)
EXPORT = re.compile(r"^export\s+(?:async\s+function\*?|function\*?|const|class)\s+([A-Za-z_$][\w$]*)", re.MULTILINE)
LEFT_OVER = re.compile(r"^\s*(?:import|export)\b(?!\s*\()", re.MULTILINE)  # not a dynamic import()
IMPORT_META_URL = "import.meta.url"
MODULES_URL = "/js/"


def bundle(url, folder):
    """(text, files): one module that runs the module at `url` (under /js/) and what it imports, each
    from `folder` (site/js), and the files it holds."""
    order, seen = [], set()

    def visit(module_url, path):
        seen.add(module_url)
        for _, spec in IMPORT.findall(path.read_text(encoding="utf-8")):
            target = urljoin(module_url, spec)
            source = folder / target.removeprefix(MODULES_URL)
            if not target.startswith(MODULES_URL) or not source.is_file():
                raise BuildError(f"{path}: imports {spec}, which is no file under {folder.name}/ to bundle")
            if target not in seen:
                visit(target, source)
        order.append((module_url, path))

    visit(url, folder / url.removeprefix(MODULES_URL))
    names = {module_url: f"m{index}" for index, (module_url, _) in enumerate(order)}
    parts = [f"// {url} and the modules it imports, in one file (buildlib/pages/bundle.py).\n"]
    parts += [wrapped(module_url, path, names, is_entry=module_url == url) for module_url, path in order]
    return "".join(parts), [path for _, path in order]


def wrapped(url, path, names, is_entry):
    def imported(match):
        bindings = ", ".join(binding(name.strip(), path) for name in match[1].split(",") if name.strip())
        return f"const {{ {bindings} }} = {names[urljoin(url, match[2])]};\n"

    body = IMPORT.sub(imported, path.read_text(encoding="utf-8"))
    exports = EXPORT.findall(body)
    body = EXPORT.sub(lambda match: match[0].removeprefix("export").lstrip(), body)
    if LEFT_OVER.search(body):
        raise BuildError(f"{path}: an import or export buildlib/pages/bundle.py cannot bundle (it bundles"
                         ' `import { a, b as c } from "x"` and `export function|async function|const|class name`)')
    body = body.replace(IMPORT_META_URL, f'new URL("{url}", {IMPORT_META_URL}).href')
    if is_entry:
        return f"// {url}\n{{\n{body}}}\n"
    return f"// {url}\nconst {names[url]} = (() => {{\n{body}return {{ {', '.join(exports)} }};\n}})();\n"


def binding(name, path):
    """`a` -> `a`, `a as b` -> `a: b` (destructuring)."""
    parts = name.split()
    if len(parts) == 3 and parts[1] == "as":
        return f"{parts[0]}: {parts[2]}"
    if len(parts) != 1:
        raise BuildError(f"{path}: cannot bundle the import of {name!r}")
    return name
