"""HTTP response headers, defined once for the local server and for Netlify.

RULES is a list of (pattern, headers) in Netlify's `for` syntax, where `*` matches
anything. Every rule that matches a path applies, and a later rule overrides a header
set by an earlier one (the way Netlify merges rules for the same path).
`buildlib.netlify` writes netlify.toml from these rules.
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

IMMUTABLE = "public, max-age=31536000, immutable"

RULES = [
    ("/*", {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        # HTML and every file with a stable name must be revalidated.
        "Cache-Control": "no-cache",
    }),
    # Fingerprinted files (see buildlib.assets) never change under the same name, nor do Pyodide's
    # under the path of its version (buildlib.runtime). No rule sets Content-Encoding for the .br/.gz
    # copies: a static host sends them only to whoever asks for them by name, and the worker that
    # does (site/js/recert-worker.js) decodes them itself; declaring an encoding would make the
    # browser decode them first.
    ("/assets/*", {"Cache-Control": IMMUTABLE}),
    ("/pyodide/*", {"Cache-Control": IMMUTABLE}),
    ("/widget/*", {"Content-Security-Policy": WIDGET_CONTENT_SECURITY_POLICY}),
    # The wheel and its lock, for developers' own Pyodide on their own sites (buildlib.wheel).
    ("/python/*", {"Access-Control-Allow-Origin": "*"}),
]


def _matches(pattern, path):
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return re.match(regex, path) is not None


def headers_for(path):
    """The headers the site sends for a URL path such as '/nsca/faq/'."""
    merged = {}
    for pattern, headers in RULES:
        if _matches(pattern, path):
            merged.update(headers)
    return merged
