"""The widget on another *site*, as a gym's page embeds it: the host page at http://localhost:<port>,
the site at http://127.0.0.1:<port>, in three browser profiles:
- "default": a context of Chromium as Playwright starts it (Chromium 156 gives a frame of another
  site no storage: no Cache Storage, no service worker, no SharedWorker);
- "cookies-blocked": a profile with third-party cookies blocked in its preferences (the same);
- "cookies-allowed": a profile that allows them (the frame gets storage of its own, partitioned).

The host page has a strict Content-Security-Policy of its own: only what content/embed.md says such a
page must allow. One host page load per profile, with two widgets; its init script records, in every
frame, the CSP violations and, on the host, the widgets' messages and when recert:ready fired.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.scenario_files import SCENARIOS, cli_text, scenario_of

EXAMPLE = SCENARIOS / "nsca_cscs_event_hours_count_a_tenth_ceu_each.json"
BAD_INPUT = SCENARIOS / "bad_input_negative_hours_and_unknown_credential.json"

PROFILES = {
    "default": None,
    "cookies-blocked": {"cookie_controls_mode": 1, "block_third_party_cookies": True},
    "cookies-allowed": {"cookie_controls_mode": 0, "block_third_party_cookies": False},
}

# What content/embed.md says a host page with a strict policy must allow, and nothing more.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none';
               script-src {site};
               frame-src {site};
               require-trusted-types-for 'script'">
<title>A gym's page</title></head>
<body>
<h1>Our gym</h1>
<script src="{site}/embed.js" data-credentials="nsca-cscs"></script>
<p>Between the two calculators.</p>
<script src="{site}/embed.js" data-organization="acsm"></script>
</body></html>
"""

RECORDER = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
if (window.top === window) {
  window.received = [];
  addEventListener("message", (event) => received.push(event.data && event.data.type));
  addEventListener("recert:ready", () => { window.readyAt = performance.now(); });
}
"""

READY_TIMEOUT_MS = 60_000
READY_WITHIN = """(ms) => Promise.race([Recert.ready, new Promise((resolve, reject) =>
  setTimeout(() => reject(new Error(`no Recert.ready within ${ms} ms`)), ms))])"""

# Whether the frame may use storage (Cache Storage): what decides between the shared and a dedicated runtime.
STORAGE_GIVEN = "caches.keys().then(() => true, () => false)"


@pytest.fixture(scope="module", params=list(PROFILES))
def host(request, browser, playwright, browser_type_launch_args, site_url, other_origin, tmp_path_factory):
    preferences = PROFILES[request.param]
    if preferences is None:
        context = browser.new_context()
    else:
        profile = tmp_path_factory.mktemp(request.param)
        (profile / "Default").mkdir()
        (profile / "Default" / "Preferences").write_text(json.dumps({"profile": preferences}))
        context = playwright.chromium.launch_persistent_context(profile, **browser_type_launch_args)
    context.add_init_script(RECORDER)
    (other_origin.dir / "gym.html").write_text(HOST_PAGE.replace("{site}", site_url))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(other_origin.url.replace("127.0.0.1", "localhost") + "/gym.html")
    page.profile = request.param
    page.evaluate(READY_WITHIN, READY_TIMEOUT_MS)  # the host's CSP forbids wait_for_function's eval
    yield page
    context.close()


def widget_frames(page):
    frames = [frame for frame in page.frames if "/widget/" in frame.url]
    assert len(frames) == 2
    return frames


def test_ready_on_another_site(host, site_url):
    assert host.url.startswith("http://localhost:") and site_url.startswith("http://127.0.0.1:")
    from calculator import version_info
    assert host.evaluate("Recert.version") == version_info()
    print(f"\n{host.profile}: Recert.ready {host.evaluate('readyAt'):.0f} ms after navigation")
    for frame in widget_frames(host):
        expect(frame.locator("[data-recert-status]")).to_contain_text("Rules")


def test_evaluate_answers_like_the_command_line(host):
    for path, kind in ((EXAMPLE, "credentials"), (BAD_INPUT, "errors")):
        scenario = scenario_of(path)
        expected = cli_text(json.dumps(scenario)).rstrip("\n")
        assert kind in json.loads(expected)
        # Through JSON.stringify, the object keeps its key order and numbers as the page got them.
        answered = host.evaluate("(scenario) => Recert.evaluate(scenario).then(JSON.stringify)", scenario)
        assert answered == host.evaluate("(text) => JSON.stringify(JSON.parse(text))", expected), path.name


def test_widgets_share_one_runtime(host):
    """The origin's SharedWorker where the frame gets storage; else the first widget's own worker,
    which the second reaches through it: one Python runtime for both either way."""
    frames = widget_frames(host)
    storage = {frame.evaluate(STORAGE_GIVEN) for frame in frames}
    assert storage == {host.profile == "cookies-allowed"}
    runtimes = [frame.evaluate("Recert.ready.then(() => [Recert.runtime, Recert.sharedRuntime])") for frame in frames]
    assert runtimes[0][0] and runtimes[0] == runtimes[1]
    assert runtimes[0][1] == storage.pop()


def test_status_says_plainly_when_offline_use_is_unavailable(host):
    refused = host.profile != "cookies-allowed"
    for frame in widget_frames(host):
        status = frame.locator("[data-recert-status]")
        expect(status).to_have_attribute("data-state", "ready")
        expect(status).not_to_contain_text("WebAssembly")
        note = frame.locator("[data-offline-note]")
        if refused:
            expect(note).to_be_visible()
            expect(note).to_contain_text("cannot work offline here")
        else:
            expect(note).to_be_hidden()


def test_strict_host_policy_is_enough(host):
    received = host.evaluate("received")
    assert {"recert:listening", "recert:ready", "recert:resize", "recert:result"} <= set(received)
    for frame in [host.main_frame, *widget_frames(host)]:
        assert frame.evaluate("violations") == [], frame.url
    assert host.errors == []
