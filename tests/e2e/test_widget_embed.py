"""The widget on another site: /embed.js on a page of a second origin, and a plain iframe."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "nsca_cscs_event_hours_count_a_tenth_ceu_each.json"

# Records, per iframe, the widget's messages and the recert:ready events on the host page.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A studio's page</title><link rel="icon" href="data:,"></head>
<body>
<h1>Our studio</h1>
<script>
  window.received = [];
  window.readyEvents = [];
  addEventListener("message", (event) => {
    const frame = [...document.querySelectorAll("iframe")].findIndex((f) => f.contentWindow === event.source);
    received.push({ frame, origin: event.origin, type: event.data && event.data.type, data: event.data });
  });
  addEventListener("recert:ready", (event) => readyEvents.push(event.detail));
</script>
<script src="{site}/embed.js" data-credentials="nsca-cscs" data-theme="dark" data-accent="#0a7"></script>
<p>Between the two calculators.</p>
<script src="{site}/embed.js" data-organization="acsm" data-credentials="acsm-cpt"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def host(browser, site_url, other_origin):
    (other_origin.dir / "studio.html").write_text(HOST_PAGE.replace("{site}", site_url))
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(other_origin.url + "/studio.html")
    page.evaluate("Recert.ready")
    page.errors = errors
    yield page
    context.close()


def widget_frames(page):
    return [frame for frame in page.frames if "/widget/" in frame.url]


def messages(page, kind, frame):
    return [m for m in page.evaluate("received") if m["type"] == kind and m["frame"] == frame]


def test_two_widgets_post_results_and_resize(host, site_url):
    iframes = host.locator("iframe")
    expect(iframes).to_have_count(2)
    for index in (0, 1):
        expect(iframes.nth(index)).not_to_have_attribute("height", "720")  # resized by a message
        host.wait_for_function("(i) => received.some((m) => m.type === 'recert:result' && m.frame === i)", arg=index)
        assert all(m["origin"] == site_url for m in messages(host, "recert:result", index))
        heights = [m["data"]["height"] for m in messages(host, "recert:resize", index)]
        assert iframes.nth(index).get_attribute("height") == str(heights[-1])
    assert host.errors == []


def test_one_python_runtime_for_both_widgets(host):
    frames = widget_frames(host)
    assert len(frames) == 2
    runtimes = {frame.evaluate("Recert.ready.then(() => Recert.runtime)") for frame in frames}
    assert len(runtimes) == 1 and None not in runtimes


def test_attributes_set_credentials_organization_and_look(host):
    dark, acsm = widget_frames(host)
    assert dark.evaluate("document.documentElement.dataset.theme") == "dark"
    assert dark.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()") == "#0a7"
    expect(dark.locator("#credential-nsca-cscs")).to_be_checked()
    expect(acsm.locator("#credential-acsm-cpt")).to_be_checked()
    expect(acsm.locator("[data-organization=acsm]")).to_be_visible()
    expect(acsm.locator("[data-organization=nsca]")).to_be_hidden()


def test_result_follows_the_visitors_input(host):
    frame = widget_frames(host)[0]
    frame.fill("[data-credential]:has(#credential-nsca-cscs) [name=certified_on]", "2019-04-02")
    host.wait_for_function("() => received.some((m) => m.type === 'recert:result' && m.frame === 0 && m.data.result.credentials)")
    result = messages(host, "recert:result", 0)[-1]["data"]["result"]
    assert result["credentials"][0]["id"] == "nsca-cscs"
    expect(frame.locator("[data-results] article [data-ask-ce]")).to_be_visible()  # no status before the CE
    frame.check("[name=no_activities]")
    expect(frame.locator("[data-results] article [data-verdict]")).to_be_visible()
    expect(frame.locator("[data-results] [data-owed]")).to_contain_text("Confirm with your organization before you pay.")


def test_host_page_gets_the_contract(host):
    from calculator import evaluate_json, version_info
    assert host.evaluate("Recert.version") == version_info()
    assert host.evaluate("readyEvents") == [version_info()]
    scenario = json.loads(EXAMPLE.read_text())["scenario"]
    expected = json.loads(evaluate_json(json.dumps(scenario)))
    assert host.evaluate("(scenario) => Recert.evaluate(scenario)", scenario) == expected
    assert host.evaluate("Recert.evaluate('nonsense')")["errors"]


def test_plain_iframe(page, site_url, other_origin, collect_errors):
    (other_origin.dir / "plain.html").write_text(
        f'<!doctype html><title>Plain</title><link rel="icon" href="data:,"><iframe src="{site_url}/widget/?organization=nsca&amp;theme=dark" '
        'title="Recertification calculator" width="100%" height="900"></iframe>')
    errors = collect_errors(page)
    page.goto(other_origin.url + "/plain.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-organization=nsca]")).to_be_visible()
    expect(frame.locator("[data-organization=nasm]")).to_be_hidden()
    expect(frame.locator("[data-recert-status]")).to_contain_text("Rules", timeout=30_000)
    assert errors == []


def test_host_requests_need_not_wait_for_ready(browser, site_url, other_origin):
    """A request sent as soon as the page loads is answered as the command line answers it; the widget
    says it takes requests (recert:listening) before it says it is ready."""
    from calculator import evaluate_json
    (other_origin.dir / "studio.html").write_text(HOST_PAGE.replace("{site}", site_url))
    context = browser.new_context()
    page = context.new_page()
    page.goto(other_origin.url + "/studio.html")
    scenario = json.loads(EXAMPLE.read_text())["scenario"]
    assert page.evaluate("(scenario) => Recert.evaluate(scenario)", scenario) == json.loads(evaluate_json(json.dumps(scenario)))
    page.evaluate("Recert.ready")
    order = [m["type"] for m in page.evaluate("received") if m["frame"] == 0 and m["type"] in ("recert:listening", "recert:ready")]
    assert order == ["recert:listening", "recert:ready"]
    context.close()
