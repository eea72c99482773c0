"""The local web server: serves the built site with the headers Netlify would send.

It adds what the standard library's file server lacks: the rules in buildlib.serving.headers,
the MIME types Pyodide needs (a .wasm served as anything but application/wasm makes it
hang), precompressed `.br`/`.gz` copies when the browser accepts them, and 404.html.

`SiteServer(..., host=PLAIN_HOST)` plays a host that compresses nothing and ignores our cache
rules (object storage, many CDNs for binary types): no Content-Encoding ever, and one
Cache-Control for every file, Netlify's default for files without rules.
"""

import functools
import os
import sys
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from buildlib.serving.headers import headers_for

# Preferred first: the server sends the first encoding the client accepts and has a copy of.
ENCODINGS = [("br", ".br"), ("gzip", ".gz")]
PLAIN_CACHE_CONTROL = "public, max-age=0, must-revalidate"
FOUND = (HTTPStatus.OK, HTTPStatus.NOT_MODIFIED)  # the file itself: the only responses a cache may keep long


class Host:
    """How the server behaves as a host: whether it sends the precompressed copies, and the
    Cache-Control it sends for every file instead of buildlib.serving.headers' (None: those rules)."""

    def __init__(self, name, compresses, cache_control=None):
        self.name, self.compresses, self.cache_control = name, compresses, cache_control


COMPRESSING_HOST = Host("compressing", compresses=True)
PLAIN_HOST = Host("plain", compresses=False, cache_control=PLAIN_CACHE_CONTROL)
HOSTS = {host.name: host for host in [COMPRESSING_HOST, PLAIN_HOST]}


class SiteRequestHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host: a new connection costs a round trip
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".map": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
        ".zip": "application/zip",
        ".gz": "application/gzip",  # asked for by name: the file itself, not a Content-Encoding
    }

    @property
    def host(self):
        return getattr(self.server, "host", COMPRESSING_HOST)

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def end_headers(self):
        headers = headers_for(unquote(urlsplit(self.path).path), found=self.status in FOUND)
        if self.host.cache_control:
            headers["Cache-Control"] = self.host.cache_control
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the standard redirect to the trailing slash
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self.send_not_found()
        encoding, served = self.choose_encoding(path)
        file = open(served, "rb")
        stat = os.fstat(file.fileno())
        if self.not_modified(stat):
            file.close()
            return None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        if self.host.compresses:
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return file

    def choose_encoding(self, path):
        """The encoding to send and the file holding it: a precompressed copy if accepted."""
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        if not self.host.compresses:
            return None, path
        for encoding, suffix in ENCODINGS:
            if encoding in accepted and os.path.isfile(path + suffix):
                return encoding, path + suffix
        return None, path

    def not_modified(self, stat):
        try:
            since = parsedate_to_datetime(self.headers["If-Modified-Since"]).timestamp()
        except (TypeError, ValueError):
            return False
        if int(stat.st_mtime) <= since:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return True
        return False

    def send_not_found(self):
        page = os.path.join(self.directory, "404.html")
        if not os.path.isfile(page):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        file = open(page, "rb")
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(os.fstat(file.fileno()).st_size))
        self.end_headers()
        return file

    def log_message(self, format, *args):
        if os.environ.get("RECERT_QUIET_SERVER") != "1":
            super().log_message(format, *args)


class SiteServer(ThreadingHTTPServer):
    """Serves one built site directory on 127.0.0.1."""

    daemon_threads = True

    def __init__(self, directory, port=8000, address="127.0.0.1", host=COMPRESSING_HOST):
        handler = functools.partial(SiteRequestHandler, directory=os.fspath(directory))
        self.host = host
        super().__init__((address, port), handler)

    @property
    def url(self):
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):  # a cancelled download
            super().handle_error(request, client_address)
