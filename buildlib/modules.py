"""The modules a page's script imports, for <link rel="modulepreload">: one round trip for the whole
graph instead of one per level of imports."""

import re
from pathlib import Path
from urllib.parse import urljoin

from buildlib.assets import STABLE

SITE_JS = Path(__file__).resolve().parent.parent / "site" / "js"
# Static imports: `import ... from "x"`, `export ... from "x"`, `import "x"` (not dynamic import()).
STATIC_IMPORT = re.compile(r"""(?:^|[;\n])\s*(?:import|export)\s(?:[^;"'()]*?\sfrom\s*)?["']([^"']+)["']""")


def preload_modules(entry):
    """URL paths of the modules site/js/<entry> imports, directly or not, in a stable order.

    Imports from the entry and the files with stable URLs (buildlib.assets.STABLE) are followed;
    a URL with no file under site/js (the build's /js/recert-build.js) is listed, not read.
    """
    def source(url):
        for key, stable in STABLE.items():
            if key.startswith("js/") and (url == stable or stable.endswith("/") and url.startswith(stable)):
                path = SITE_JS / (key[3:] + url[len(stable):] if stable.endswith("/") else key[3:])
                return path if path.is_file() else None
        return None

    found, queue = [], [("/js/" + entry.removeprefix("js/"), SITE_JS / entry.removeprefix("js/"))]
    while queue:
        url, path = queue.pop(0)
        for spec in STATIC_IMPORT.findall(path.read_text(encoding="utf-8")):
            target = urljoin(url, spec)
            if target.startswith("/") and target not in found:
                found.append(target)
                if (file := source(target)):
                    queue.append((target, file))
    return found
