"""The benchmark's hosts: the project's server (buildlib.serving.server) playing a kind of host, behind
an emulated link (buildlib.serving.link), with a ledger of every response it sends."""

import functools
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from buildlib.serving.link import EmulatedLink
from buildlib.serving.server import HOSTS, SiteRequestHandler, SiteServer

BENCH = Path(__file__).resolve().parent
BASELINE_URL = "/bench-baseline/"


class LedgerHandler(SiteRequestHandler):
    """The project's handler, plus one ledger entry per response: what was sent and how."""

    ledger = None  # a list, set per server by serve()

    def send_response(self, code, message=None):
        self._entry = {"status": int(code), "sent": 0, "encoding": None, "at": time.monotonic()}
        super().send_response(code, message)

    def send_header(self, keyword, value):
        entry = getattr(self, "_entry", None)
        if entry is not None and keyword.lower() == "content-length":
            entry["sent"] = int(value)
        if entry is not None and keyword.lower() == "content-encoding":
            entry["encoding"] = value
        super().send_header(keyword, value)

    def end_headers(self):
        entry = self.__dict__.pop("_entry", None)
        if entry is not None:
            entry.update(path=self.path.split("?")[0], accept_encoding=self.headers.get("Accept-Encoding", ""),
                         declared=entry["sent"], method=self.command)
            entry["sent"] = 0  # counted as the body is written: a cancelled download stops short
            self._body_entry = entry
            self.ledger.append(entry)
        super().end_headers()

    def copyfile(self, source, outputfile):
        entry = self.__dict__.pop("_body_entry", None)
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            if entry is not None:
                entry["sent"] += len(chunk)


@contextmanager
def serve(site_dir, host, link):
    """The site served as `host` ("compressing" or "plain") behind an emulated link (mbps, ms), or
    straight on loopback when link is None. Yields (url, ledger, proxy or None)."""
    os.environ["RECERT_QUIET_SERVER"] = "1"
    server = SiteServer(site_dir, port=0, host=HOSTS[host])
    handler = type("Handler", (LedgerHandler,), {"ledger": []})
    server.RequestHandlerClass = functools.partial(handler, directory=os.fspath(site_dir))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = EmulatedLink(server.server_address[1], *link).start() if link else None
    try:
        yield (proxy.url if proxy else server.url), handler.ledger, proxy
    finally:
        if proxy:
            proxy.close()
        server.shutdown()
        server.server_close()


def add_baseline_page(site_dir):
    """The bare page: the same Pyodide, loadPyodide(), 1+1 (bench/baseline), at BASELINE_URL."""
    target = site_dir / BASELINE_URL.strip("/")
    shutil.copytree(BENCH / "baseline", target)
    [pyodide] = site_dir.glob("pyodide/*/pyodide.mjs")  # the version's folder (buildlib.runtime.pyodide)
    script = target / "baseline.mjs"
    folder = "/" + pyodide.parent.relative_to(site_dir).as_posix()
    script.write_text(script.read_text(encoding="utf-8").replace("PYODIDE", folder), encoding="utf-8")
