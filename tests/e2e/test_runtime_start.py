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

READ_MS = 2000  # a visit's page left open after ready, as a person reads it
MAX_VISITS = 5

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


def test_a_repeat_visit_runs_the_code_the_browser_compiled_on_an_earlier_one(browser, site_url, tmp_path):
    """V8 keeps the wasm's compiled and optimized code beside a response the browser fetched itself (its
    HTTP cache, or the service worker's answer), not beside one the worker reads from Cache Storage. The
    worker asks the browser first, so a repeat visit (the third, as a rule: the first two each leave a copy,
    the HTTP cache's then the service worker's) starts from that code: Python's first answer is not in the
    baseline tier. A busy machine may take a visit more to have the code optimized and kept."""
    context = browser.new_context(base_url=site_url)
    visits = []  # per visit: (compiled the wasm, deserialized the kept code)
    while len(visits) < MAX_VISITS and not any(deserialized for _, deserialized in visits):
        trace = tmp_path / f"trace-{len(visits)}.json"
        browser.start_tracing(path=trace, categories=["v8.wasm"])
        page = context.new_page()
        page.goto("/calculator/")
        page.evaluate("Recert.ready")
        page.wait_for_timeout(READ_MS)  # V8 keeps its code once the optimizing has settled
        page.close()  # its worker with it: the next visit compiles the wasm again
        browser.stop_tracing()
        names = {event["name"] for event in json.loads(trace.read_text())["traceEvents"]}
        visits.append(("wasm.StartStreamingCompilation" in names, "wasm.Deserialize" in names))
    context.close()
    assert visits[0] == (True, False) and visits[-1] == (True, True), visits
