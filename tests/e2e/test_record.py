"""The record on this device (issue 24): certificates attached to activities, kept in IndexedDB across
reloads and browser restarts, exported byte for byte in the audit pack and restored from it in a fresh profile; what each
activity counts toward each credential; a refused storage; two tabs; a damaged record.

One person's record is made once for the module (`attached`) and looked at in several states."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CSCS = "[data-credential]:has(#credential-nsca-cscs)"
CPT = "[data-credential]:has(#credential-nasm-cpt)"
AUDIT_PACK = re.compile("Audit pack")
SIZES = {"clinic.pdf": 300_000, "clinic photo.HEIC": 70_000, "podcast.png": 5_000}


def certificate_bytes(name):
    """Bytes that survive only a byte-for-byte copy: every byte value, a seeded stream per file."""
    size = SIZES[name]
    seed = sum(name.encode())
    return bytes((index * 7 + seed + (index >> 8) * 13) % 256 for index in range(size))


def open_calculator(page):
    page.goto("/calculator/")
    page.evaluate("Recert.ready")


def add_activity(page, title, hours, date="2025-03-01", activity_type="event"):
    rows = page.locator("[data-activity]")
    count = rows.count()
    page.click("[data-add-activity]")
    row = rows.nth(count)  # this row, whatever is added after it
    row.locator("[name=title]").fill(title)
    row.locator("[name=date]").fill(date)
    row.locator("[name=type]").select_option(activity_type)
    row.locator("[name=hours]").fill(str(hours))
    return row


def attach(row, *names):
    row.locator("input[type=file]").set_input_files([
        {"name": name, "mimeType": "image/heic" if name.lower().endswith(".heic") else "application/pdf" if name.endswith(".pdf") else "image/png",
         "buffer": certificate_bytes(name)} for name in names])


def audit_pack(page, tmp_path, name="pack.zip"):
    with page.expect_download() as info:
        page.get_by_role("button", name=AUDIT_PACK).click()
    path = tmp_path / name
    info.value.save_as(path)
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def attached(module_context):
    """A person holding NSCA-CSCS and NASM-CPT, two activities, three certificates: the record's first page."""
    page = module_context.new_page()
    open_calculator(page)
    page.fill("[name=as_of]", "2026-11-23")
    page.check("#credential-nsca-cscs")
    page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
    page.check("#credential-nasm-cpt")
    page.fill(f"{CPT} [name=certified_on]", "2024-12-10")
    page.fill("[name=cpr_valid_until]", "2026-12-01")
    clinic = add_activity(page, "Regional clinic", 8)
    podcast = add_activity(page, "Strength podcast", 30, date="2025-06-01", activity_type="personal_development")
    attach(clinic, "clinic.pdf", "clinic photo.HEIC")
    expect(page.locator("[data-tool-message]")).to_contain_text("Keeping a record on this device")
    attach(podcast, "podcast.png")
    expect(podcast.locator("[data-certificates]")).to_contain_text("podcast.png")
    expect(page.locator("[data-record-usage]")).to_contain_text("2 activities, 3 certificates")
    yield page
    page.close()


def test_the_zip_library_is_published_from_npm_and_kept_offline(site_dir):
    page = (site_dir / "calculator" / "index.html").read_text()
    url = re.search(r'data-zip-library="(/assets/vendor/fflate\.[0-9a-f]{8}\.js)"', page)[1]
    installed = Path(__file__).resolve().parents[2] / "node_modules" / "fflate" / "esm" / "browser.js"
    assert (site_dir / url.lstrip("/")).read_bytes() == installed.read_bytes()
    assert f'"{url}"' in (site_dir / "sw-manifest.js").read_text()  # the service worker's offline set


def test_each_activity_shows_what_it_counts_toward_each_credential(attached):
    clinic, podcast = attached.locator("[data-activity]").all()
    expect(clinic.locator("[data-activity-counts]")).to_contain_text("NSCA")
    expect(clinic.locator("[data-activity-counts] li")).to_have_count(2)
    expect(clinic.locator("[data-activity-counts]")).to_contain_text("0.8 CEU, category A")
    # The same podcast counts at NSCA (category C, capped per year) and nothing at NASM, which says why.
    expect(podcast.locator("[data-activity-counts]")).to_contain_text("category C")
    expect(podcast.locator("[data-activity-counts]")).to_contain_text("at most 0.5 CEU per calendar year")
    expect(podcast.locator("[data-activity-counts]")).to_contain_text("0.0 CEU")


def test_the_record_survives_a_reload(attached):
    attached.reload()
    attached.evaluate("Recert.ready")
    expect(attached.locator("[name=keep_record]")).to_be_checked()
    rows = attached.locator("[data-activity]")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("[name=title]")).to_have_value("Regional clinic")
    expect(rows.nth(0).locator("[data-certificates] li")).to_have_count(2)
    expect(rows.nth(1).locator("[data-certificates]")).to_contain_text("podcast.png")
    expect(attached.locator(f"{CPT} [name=certified_on]")).to_have_value("2024-12-10")
    expect(attached.locator("[data-record-usage]")).to_contain_text("3 certificates (0.4 MB)")


def test_the_audit_pack_holds_every_certificate_byte_for_byte_and_says_what_counted(attached, tmp_path):
    pack = audit_pack(attached, tmp_path)
    expect(attached.locator("[data-tool-message]")).to_contain_text("Audit pack written")
    names = pack.namelist()
    for name in ["activities.csv", "record.html", "result.json", "scenario.json", "record.json"]:
        assert name in names
    certificates = sorted(name for name in names if name.startswith("certificates/"))
    assert len(certificates) == 3
    manifest = json.loads(pack.read("record.json"))
    assert manifest["format"] == "recert-record" and manifest["version"] == 1
    for entry in manifest["activities"]:
        for file in entry["certificates"]:
            assert pack.read(file["file"]) == certificate_bytes(file["name"])  # byte for byte
    clinic_files = [file["file"] for file in manifest["activities"][0]["certificates"]]
    assert all("regional-clinic" in name for name in clinic_files) and clinic_files[1].endswith(".heic")

    scenario = json.loads(pack.read("scenario.json"))
    assert scenario["version"] == 2 and [a["title"] for a in scenario["scenario"]["activities"]] == ["Regional clinic", "Strength podcast"]
    result = json.loads(pack.read("result.json"))
    assert result == attached.evaluate("(s) => Recert.evaluate(s)", scenario["scenario"])

    rows = list(csv.DictReader(io.StringIO(pack.read("activities.csv").decode())))
    assert [row["title"] for row in rows] == ["Regional clinic", "Strength podcast"]
    assert rows[0]["certificate file"] == "; ".join(clinic_files)
    assert rows[1]["amount"] == "30 hours"
    for credential in result["credentials"]:
        for index, row in enumerate(rows):
            counted = [entry for entry in credential["counted"] if entry["activity"] == index]
            assert row[f"{credential['name']}: why"] == "; ".join(entry["note"] for entry in counted)
            assert row[f"{credential['name']}: counted"].startswith(f"{sum(entry['amount'] for entry in counted):.1f} CEU")

    html = pack.read("record.html").decode()
    assert html.startswith("<!doctype html>") and "November 23, 2026" in html and "Strength podcast" in html
    assert all(f'href="{name}"' in html for name in certificates)
    assert all(credential["sources"][0] in html for credential in result["credentials"])


def test_the_pack_restores_the_record_in_a_fresh_profile(attached, browser, base_url, tmp_path):
    pack_path = tmp_path / "first.zip"
    audit_pack(attached, tmp_path, "first.zip")
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        open_calculator(page)
        importer = page.locator("input[type=file][name=import_file]")
        assert ".zip" in importer.get_attribute("accept")
        importer.set_input_files(str(pack_path))
        expect(page.locator("[data-tool-message]")).to_contain_text("2 activities and 3 certificates")
        expect(page.locator("[name=keep_record]")).to_be_checked()
        page.reload()
        page.evaluate("Recert.ready")
        rows = page.locator("[data-activity]")
        expect(rows.nth(1).locator("[name=title]")).to_have_value("Strength podcast")
        expect(rows.nth(0).locator("[data-certificates] li")).to_have_count(2)
        again = audit_pack(page, tmp_path, "again.zip")  # from the new profile's own storage
        for entry in json.loads(again.read("record.json"))["activities"]:
            for file in entry["certificates"]:
                assert again.read(file["file"]) == certificate_bytes(file["name"])
        # Older export files ({version: 1, scenario}) still import beside the packs.
        old = tmp_path / "recertification.json"
        old.write_text(json.dumps({"version": 1, "scenario": json.loads(again.read("scenario.json"))["scenario"]}))
        importer.set_input_files(str(old))
        expect(page.locator("[data-message]")).to_contain_text('Imported "recertification.json"')
        # It replaces the form, but no certificate is deleted unasked: their activities stay, at the end.
        expect(page.locator("[data-message]")).to_contain_text("Kept 2 activities with certificates")
        expect(rows).to_have_count(4)
        expect(rows.nth(2).locator("[data-certificates] li")).to_have_count(2)
        rows.nth(3).locator("[data-remove-activity]").click()  # removed by the person: deleted
        expect(page.locator("[data-record-usage]")).to_contain_text("3 activities")
        page.reload()
        page.evaluate("Recert.ready")
        expect(rows).to_have_count(3)
    finally:
        context.close()


def test_the_record_survives_a_browser_restart(browser_type, browser_type_launch_args, base_url, tmp_path):
    """The browser closed and opened again on the same profile folder, as a person's browser restarts: the
    record is there, its certificate byte for byte."""
    def start_browser():
        return browser_type.launch_persistent_context(tmp_path / "profile", base_url=base_url, **browser_type_launch_args)

    context = start_browser()
    page = context.new_page()
    open_calculator(page)
    page.check("#credential-nasm-cpt")
    page.fill(f"{CPT} [name=certified_on]", "2024-12-10")
    attach(add_activity(page, "Regional clinic", 8), "clinic.pdf")
    expect(page.locator("[data-tool-message]")).to_contain_text("Keeping a record on this device")  # said once written
    context.close()

    context = start_browser()
    try:
        page = context.new_page()
        open_calculator(page)
        expect(page.locator("[name=keep_record]")).to_be_checked()
        row = page.locator("[data-activity]")
        expect(row.locator("[name=title]")).to_have_value("Regional clinic")
        expect(row.locator("[data-certificates]")).to_contain_text("clinic.pdf")
        pack = audit_pack(page, tmp_path)  # the day not pinned: evaluated on today
        [entry] = json.loads(pack.read("record.json"))["activities"]
        assert pack.read(entry["certificates"][0]["file"]) == certificate_bytes("clinic.pdf")
    finally:
        context.close()


def test_the_calendar_file_rings_before_each_deadline_late_tier_and_the_cpr_card(attached, tmp_path):
    with attached.expect_download() as info:
        attached.click("[name=calendar]")
    path = tmp_path / "r.ics"
    info.value.save_as(path)
    text = path.read_bytes().decode().replace("\r\n ", "")  # unfolded
    held = [{"id": "nsca-cscs", "certified_on": "2019-04-02"}, {"id": "nasm-cpt", "certified_on": "2024-12-10"}]
    result = attached.evaluate("(s) => Recert.evaluate(s)", {"as_of": "2026-11-23", "credentials": held, "activities": []})
    events = text.split("BEGIN:VEVENT")[1:]
    days = [re.search(r"DTSTART;VALUE=DATE:(\d{8})", event)[1] for event in events]
    # Each deadline, the last day of each late tier (NASM has two) and the CPR/AED card's end (December 1,
    # 2026), which comes before both deadlines.
    expected = [c["deadline"] for c in result["credentials"]] + [t["until"] for c in result["credentials"] for t in c["late_tiers"]]
    assert sorted(days) == sorted(day.replace("-", "") for day in expected + ["2026-12-01"])
    assert len(result["credentials"][1]["late_tiers"]) == 2
    for event in events:
        assert [line for line in event.split("\r\n") if line.startswith("TRIGGER")] == ["TRIGGER:-P90D", "TRIGGER:-P30D", "TRIGGER:-P7D"]
        assert event.count("BEGIN:VALARM") == 3
        assert not re.search(r"\((?:today|[\d,]+ days?)\)", event)  # nothing that is only true on one day
    assert "On November 23\\, 2026 the calculator said" in text
    assert "CPR/AED certification ends" in text


def test_two_tabs_editing_the_record_keep_each_others_changes(attached, module_context):
    other = module_context.new_page()
    try:
        open_calculator(other)
        expect(other.locator("[data-activity]")).to_have_count(2)
        add_activity(attached, "Added in the first tab", 2)
        # The other tab hears of it and shows it, without a reload.
        expect(other.locator("[data-activity] [name=title]").nth(2)).to_have_value("Added in the first tab")
        # Both tabs edit at once, each its own activity.
        attached.locator("[data-activity] [name=title]").nth(0).fill("Clinic, edited in the first tab")
        other.locator("[data-activity] [name=title]").nth(1).fill("Podcast, edited in the second tab")
        titles = ["Clinic, edited in the first tab", "Podcast, edited in the second tab", "Added in the first tab"]
        for page in [attached, other]:
            for index, title in enumerate(titles):
                expect(page.locator("[data-activity] [name=title]").nth(index)).to_have_value(title)
        third = module_context.new_page()
        open_calculator(third)
        for index, title in enumerate(titles):
            expect(third.locator("[data-activity] [name=title]").nth(index)).to_have_value(title)
        expect(third.locator("[data-activity]").nth(0).locator("[data-certificates] li")).to_have_count(2)
        third.close()
        # Both tabs edit the same activity at once, each a field of its own: neither change is lost.
        other.locator("[data-activity]").nth(2).locator("[name=hours]").fill("5")
        attached.locator("[data-activity]").nth(2).locator("[name=title]").fill("Added, renamed in the first tab")
        for page in [attached, other]:
            row = page.locator("[data-activity]").nth(2)
            expect(row.locator("[name=title]")).to_have_value("Added, renamed in the first tab")
            expect(row.locator("[name=hours]")).to_have_value("5")
        attached.reload()
        attached.evaluate("Recert.ready")
        row = attached.locator("[data-activity]").nth(2)
        expect(row.locator("[name=title]")).to_have_value("Added, renamed in the first tab")
        expect(row.locator("[name=hours]")).to_have_value("5")
    finally:
        other.close()


DAMAGE = """async () => {
  const db = await new Promise((resolve) => { const request = indexedDB.open("recert-record"); request.onsuccess = () => resolve(request.result); });
  const transaction = db.transaction("activities", "readwrite");
  transaction.objectStore("activities").put({ id: "damaged", activity: "not an activity" }, "damaged");
  await new Promise((resolve) => { transaction.oncomplete = resolve; });
  db.close();
}"""
STORED_IDS = """async () => {
  const db = await new Promise((resolve) => { const request = indexedDB.open("recert-record"); request.onsuccess = () => resolve(request.result); });
  const keys = await new Promise((resolve) => { const request = db.transaction("activities").objectStore("activities").getAllKeys(); request.onsuccess = () => resolve(request.result); });
  db.close();
  return keys;
}"""


def test_a_damaged_entry_is_reported_and_the_rest_kept(attached):
    kept = attached.locator("[data-activity]").count()  # 2, or 3 after the two-tab test in the same worker
    attached.evaluate(DAMAGE)
    attached.reload()
    attached.evaluate("Recert.ready")
    expect(attached.locator("[data-tool-message]")).to_contain_text("1 entry of the record is damaged")
    expect(attached.locator("[data-activity]")).to_have_count(kept)
    expect(attached.locator("[data-activity]").nth(0).locator("[data-certificates] li")).to_have_count(2)
    attached.locator("[data-activity] [name=hours]").nth(0).fill("9")  # a later write leaves it as it is
    expect(attached.locator("[data-activity] [data-activity-counts]").nth(0)).to_contain_text("0.9 CEU")
    attached.wait_for_timeout(500)
    assert "damaged" in attached.evaluate(STORED_IDS)


QUOTA = """IDBObjectStore.prototype.put = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""
NO_INDEXEDDB = """Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("denied", "SecurityError"); } });"""


@pytest.mark.parametrize("refusal, message", [(QUOTA, "storage for the site is full"), (NO_INDEXEDDB, "does not allow it here")])
def test_a_refused_storage_is_said_and_loses_nothing(browser, base_url, tmp_path, refusal, message):
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.add_init_script(refusal)
        open_calculator(page)
        page.fill("[name=as_of]", "2026-11-23")
        page.check("#credential-nsca-cscs")
        page.fill(f"{CSCS} [name=certified_on]", "2019-04-02")
        clinic = add_activity(page, "Regional clinic", 8)
        attach(clinic, "clinic.pdf")
        expect(page.locator("[data-tool-message]")).to_contain_text(message)
        expect(page.locator("[data-tool-message]")).to_contain_text("Nothing you typed is lost" if refusal == QUOTA else "stay on this page")
        expect(clinic.locator("[name=title]")).to_have_value("Regional clinic")
        expect(clinic.locator("[data-certificates]")).to_contain_text("clinic.pdf")
        clinic.locator("[name=hours]").fill("9")  # the form keeps working
        expect(clinic.locator("[data-activity-counts]")).to_contain_text("0.9 CEU")
        pack = audit_pack(page, tmp_path)  # the certificate is still in the page: the pack has it
        manifest = json.loads(pack.read("record.json"))
        file = manifest["activities"][0]["certificates"][0]
        assert pack.read(file["file"]) == certificate_bytes("clinic.pdf")
    finally:
        context.close()
