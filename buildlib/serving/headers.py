"""HTTP response headers, defined once for the local server and for Netlify.

RULES is a list of (pattern, headers) in Netlify's `for` syntax, where `*` matches
anything. Every rule that matches a path applies, and a later rule overrides a header
set by an earlier one (the way Netlify merges rules for the same path).
`buildlib.serving.netlify` writes netlify.toml from these rules.

Cache-Control depends on whether a file was found, which a path pattern cannot say: a file that never
changes under its name is kept a year, anything else (a missing file under the same folder included) is
revalidated, so an error is never kept. The local server decides per response; for Netlify the build
writes one rule per such file (buildlib.serving.netlify.headers_file).
"""

import re

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    # Pyodide and Pagefind compile WebAssembly; nothing else needs more than 'self'.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",  # Pagefind's UI draws its search icon as a data: SVG
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# The widget is made to be embedded on other sites.
WIDGET_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "frame-ancestors 'none'", "frame-ancestors *")

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in [
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb",
])

REVALIDATE = "no-cache"  # HTML, every file with a stable name, and every error
IMMUTABLE = "public, max-age=31536000, immutable"
# Fingerprinted files (see buildlib.pages.assets) never change under the same name, nor do Pyodide's under the
# path of its version (buildlib.runtime.pyodide).
IMMUTABLE_FOLDERS = ("/assets/", "/pyodide/")

# No rule sets Content-Encoding for the .br/.gz copies: a static host sends them only to whoever asks
# for them by name, and the worker that does (site/js/recert-worker.js) decodes them itself; declaring
# an encoding would make the browser decode them first.
RULES = [
    ("/*", {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }),
    ("/widget/*", {"Content-Security-Policy": WIDGET_CONTENT_SECURITY_POLICY}),
    # The wheel and its lock, for developers' own Pyodide on their own sites (buildlib.runtime.wheel).
    ("/python/*", {"Access-Control-Allow-Origin": "*"}),
]


def _matches(pattern, path):
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return re.match(regex, path) is not None


def headers_for(path, found=True):
    """The headers the site sends for a URL path such as '/nsca/faq/'; `found`: the response is the file
    itself (200 or 304), not an error."""
    merged = {"Cache-Control": cache_control(path, found)}
    for pattern, headers in RULES:
        if _matches(pattern, path):
            merged.update(headers)
    return merged


def cache_control(path, found):
    return IMMUTABLE if found and path.startswith(IMMUTABLE_FOLDERS) else REVALIDATE
