"""One file for a page's script and every module it imports, so a page needs one request for its
script instead of one per module (over HTTP/1.1, a host allows 6 connections: three round trips for
the calculator's 13 modules, and as many trips through the service worker on a repeat visit).

Each module becomes a function run once, in the order the browser would run the modules (each after
what it imports), returning its exports; an import becomes a destructuring of them:

    const m2 = (() => { const { el } = m1; ...; return { fieldErrors }; })();

The modules' own names stay in their own scope. What this handles, and the build stops on anything
else: `import { a, b as c } from "x"` of a module under site/js (buildlib.assets.source_of),
`export function|async function|const|class name`, and `import.meta.url` (the module's own URL).
A module of a stable URL stays published by itself too (buildlib.assets): other pages and tests use them.
"""

import re
from urllib.parse import urljoin

from buildlib import BuildError

IMPORT = re.compile(r"""^import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["'];?[^\n]*\n""", re.MULTILINE)
EXPORT = re.compile(r"^export\s+(?:async\s+function\*?|function\*?|const|class)\s+([A-Za-z_$][\w$]*)", re.MULTILINE)
LEFT_OVER = re.compile(r"^\s*(?:import|export)\b(?!\s*\()", re.MULTILINE)  # not a dynamic import()
IMPORT_META_URL = "import.meta.url"


def bundle(url, path, source_of):
    """The text of one module that runs the module at `url` (its source at `path`) and its imports;
    source_of(url) is the source file of an imported URL, or None."""
    order, seen = [], set()

    def visit(module_url, module_path):
        seen.add(module_url)
        for spec in IMPORT.findall(module_path.read_text(encoding="utf-8")):
            target = urljoin(module_url, spec[1])
            if target not in seen:
                source = source_of(target)
                if source is None:
                    raise BuildError(f"{module_path}: imports {spec[1]}, which has no file under site/js to bundle")
                visit(target, source)
        order.append((module_url, module_path))

    visit(url, path)
    names = {module_url: f"m{index}" for index, (module_url, _) in enumerate(order)}
    parts = [f"// {url} and what it imports, in one file (buildlib/bundle.py).\n"]
    for module_url, module_path in order:
        parts.append(wrapped(module_url, module_path, names, is_entry=module_url == url))
    return "".join(parts)


def wrapped(url, path, names, is_entry):
    text = path.read_text(encoding="utf-8")

    def imported(match):
        bindings = ", ".join(binding(name.strip(), path) for name in match[1].split(",") if name.strip())
        return f"const {{ {bindings} }} = {names[urljoin(url, match[2])]};\n"

    body = IMPORT.sub(imported, text)
    exports = EXPORT.findall(body)
    body = EXPORT.sub(lambda match: match[0].removeprefix("export").lstrip(), body)
    if LEFT_OVER.search(body):
        raise BuildError(f"{path}: an import or export buildlib/bundle.py cannot bundle (it bundles"
                         " `import {{ a, b as c }} from \"x\"` and `export function|async function|const|class name`)")
    body = body.replace(IMPORT_META_URL, f"new URL({url!r}, {IMPORT_META_URL}).href".replace("'", '"'))
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
