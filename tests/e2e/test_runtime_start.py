"""How the calculator's Python runtime starts (buildlib/runtime/pyodide.py, site/js/recert-worker.js).

It starts from the build's memory snapshot; without a usable snapshot it starts Python the normal
way from the trimmed standard library; the big files are served precompressed.
"""

import json

import brotli
import pytest

from test_calculator_offline import recorded_site, site_copy  # noqa: F401 (fixtures)

# The ready message of a worker of its own (a name no page uses), as recert.js receives it.
READY_MESSAGE = """async () => {
  const { RULES_URL } = await import("/js/recert-build.js");
  const port = new SharedWorker("/js/recert-worker.js", { type: "module", name: `recert ${RULES_URL}` }).port;
  return new Promise((resolve) => {
    port.onmessage = ({ data }) => { if (data.type === "ready" || data.type === "failed") resolve(data); };
    port.start();
  });
}"""

SCENARIO = {"as_of": "2026-11-23", "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "expires_on": None}],
            "cpr_aed": None, "activities": [{"title": "Clinic", "date": "2025-03-01", "type": "event", "hours": 8}]}


def runtime_files(site_dir):
    return sorted((site_dir / "assets" / "runtime").glob("snapshot.*.bin"))


def test_starts_from_the_snapshot(page, site_url):
    page.goto(site_url + "/calculator/")
    assert page.evaluate(READY_MESSAGE)["startedFrom"] == "snapshot"
    assert page.evaluate("Recert.evaluate", SCENARIO)["credentials"][0]["earned"] == 0.8


# The messages of a fresh worker to a port that asked for an evaluation at once, until ready.
MESSAGES_UNTIL_READY = """async (text) => {
  const { RULES_URL } = await import("/js/recert-build.js");
  const port = new SharedWorker("/js/recert-worker.js", { type: "module", name: `recert ${RULES_URL}` }).port;
  const messages = [];
  return new Promise((resolve) => {
    port.onmessage = ({ data }) => {
      messages.push(data);
      if (data.type === "ready" || data.type === "failed") resolve(messages);
    };
    port.start();
    port.postMessage({ type: "evaluate", id: 1, text });
  });
}"""


def test_a_request_sent_while_python_starts_is_answered_before_the_warm_up_that_precedes_ready(page, site_url):
    page.goto(site_url + "/about/")  # no calculator: this worker is the first of its name
    messages = page.evaluate(MESSAGES_UNTIL_READY, json.dumps(SCENARIO))
    types = [message["type"] for message in messages]
    assert types.index("result") < types.index("ready"), types
    [result] = [message for message in messages if message["type"] == "result"]
    assert json.loads(result["text"])["credentials"][0]["earned"] == 0.8


def test_without_the_snapshot_python_starts_the_normal_way(page, site_copy, recorded_site):
    for path in runtime_files(site_copy):
        for copy in [path, *path.parent.glob(path.name + ".*")]:
            copy.unlink()
    page.goto(recorded_site.url + "/calculator/")
    ready = page.evaluate(READY_MESSAGE)
    assert ready["type"] == "ready" and ready["startedFrom"] == "start-up"
    assert page.evaluate("Recert.evaluate", SCENARIO)["credentials"][0]["earned"] == 0.8
    paths = {entry["path"] for entry in recorded_site.log}
    assert any(path.startswith("/assets/runtime/fallback/stdlib.") for path in paths)


@pytest.mark.parametrize("pattern", ["pyodide/*/pyodide.asm.wasm", "assets/runtime/snapshot.*.bin"])
def test_big_runtime_files_are_served_with_brotli(page, site_url, site_dir, pattern):
    [path] = site_dir.glob(pattern)
    url = "/" + path.relative_to(site_dir).as_posix()
    assert brotli.decompress((site_dir / (url.lstrip("/") + ".br")).read_bytes()) == path.read_bytes()
    page.goto(site_url + "/about/")
    response = page.request.get(site_url + url, headers={"Accept-Encoding": "br, gzip"})
    assert response.headers.get("content-encoding") == "br"
    assert response.body() == path.read_bytes()  # decoded by the client


def test_the_offline_copy_leaves_out_what_only_the_fallback_needs(site_dir):
    manifest = (site_dir / "sw-manifest.js").read_text()
    assert "/assets/runtime/snapshot." in manifest and "/pyodide.asm.wasm" in manifest
    assert "/fallback/" not in manifest and "python_stdlib.zip" not in manifest and ".br\"" not in manifest
