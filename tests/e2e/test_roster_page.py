"""/roster/: a studio's CSV checked in the browser, as `python -m calculator roster` checks it.

One page load for the module: upload, paste, table, counts, filters, downloads and print are checked on it in turn.
"""
import io
import json
import re

import pytest
from playwright.sync_api import expect

from calculator import roster

AS_OF = "2026-11-23"
# A spreadsheet's export: byte-order mark, semicolons, decimal commas, a blank line, an extra column, one bad row.
TEAM = ("\ufeffName;Credential;Certified On;expires_on;renewed_through;cpr_valid_until;earned;Location\r\n"
        "Ana;NSCA-CSCS;04/02/2019;;2023-12-31;05/01/2027;6;Downtown\r\n"
        "Bo;Certified Strength and Conditioning Specialist;2019-04-02;;;;2,5;Uptown\r\n"
        "\r\n"
        "Cy;nasm-cpt;2024-08-15;2026-08-31;;2027-01-01;1,9;Downtown\r\n"
        "Dee;NASM-CPT;13/01/2020;;;;abc;Uptown\r\n"
        "Ed;ace-cpt;2022-01-15;2024-01-31;;;3;Downtown\r\n"
        "Fi;CSPS;2026-09-01;;;2027-01-01;;Uptown\r\n")


def cli_csv(text):
    """What `python -m calculator roster - --as-of AS_OF` prints for the text."""
    out, err = io.StringIO(), io.StringIO()
    assert roster.command(text, AS_OF, False, out, err) == 0
    return out.getvalue()


def cli_rows(text):
    out = io.StringIO()
    roster.command(text, AS_OF, True, out, io.StringIO())
    return json.loads(out.getvalue())


def many_rows(count):
    credentials = ["nasm-cpt", "NSCA-CSCS", "ACSM-EP", "ace-cpt", "ncsf-cpt", "ISSA-CPT"]
    lines = ["name,credential,certified_on,cpr_valid_until,earned"]
    lines += [f"T{i},{credentials[i % 6]},{2015 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d},{'2027-03-01' if i % 3 else ''},{i % 7}"
              for i in range(count)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def page(module_context):
    page = module_context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto("/roster/")
    page.evaluate("window.Recert.ready")
    page.fill("input[name=as_of]", AS_OF)
    yield page
    assert page.errors == []
    page.close()


def upload(page, text, name="team.csv", encoding="utf-8", timeout=5_000):
    page.set_input_files("input[type=file]", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode(encoding)}])
    expect(page.locator("[data-message]")).to_contain_text(f'Checked "{name}"', timeout=timeout)


def body_rows(page):
    return page.locator("[data-rows] tr")


def test_the_page_is_listed_in_the_navigation_and_kept_offline(page, site_dir):
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Roster")).to_have_attribute("aria-current", "page")
    assert '"/roster/"' in (site_dir / "sw-manifest.js").read_text()
    expect(page.locator("main")).to_contain_text("nothing in it is sent anywhere")


def test_an_uploaded_spreadsheet_fills_the_table_most_urgent_first(page):
    upload(page, TEAM)
    expected = cli_rows(TEAM)
    by_line = {row["line"]: row["result"] for row in expected["rows"]}
    rows = body_rows(page)
    expect(rows).to_have_count(len(expected["rows"]) + 1)  # and one row for the bad line
    lines = [int(text) for text in rows.locator("td:nth-child(2)").all_inner_texts()]
    assert lines == [row["line"] for row in sorted(expected["rows"], key=roster.urgency)] + [6]  # the bad row last
    assert [by_line[line]["status"] for line in lines[:2]] == ["expired", "late"]
    for line, tr in zip(lines[:-1], rows.all()[:-1]):
        expect(tr).to_contain_text(by_line[line]["verdict"])
    expect(rows.last).to_contain_text("certified_on: ")
    expect(page.locator("[data-row-errors]")).to_contain_text('Line 6, earned: "abc" is not a number')


def test_the_counts_per_status(page):
    statuses = [row["result"]["status"] for row in cli_rows(TEAM)["rows"]]
    counts = page.locator("[data-counts]")
    expect(counts.locator("[data-count=expired]")).to_have_text(f"Expired: {statuses.count('expired')}")
    expect(counts.locator("[data-count=late]")).to_have_text(f"Late: {statuses.count('late')}")
    expect(counts.locator("[data-count=not_due]")).to_have_text(f"Nothing due this cycle: {statuses.count('not_due')}")
    expect(counts.locator("[data-count=error]")).to_have_text("Could not be checked: 1")
    assert {"expired", "late", "not_due"} <= set(statuses)


def test_filters_by_status_and_by_name(page):
    page.select_option("select[name=status]", "expired")
    visible = page.locator("[data-rows] tr:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("Ed")
    page.select_option("select[name=status]", "")
    page.fill("input[name=search]", "nsca-cscs")
    expect(visible).to_have_count(2)
    page.fill("input[name=search]", "")
    expect(visible).to_have_count(body_rows(page).count())


def test_a_phone_gets_one_card_per_trainer_each_cell_under_its_column_name(page):
    upload(page, TEAM)
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
        first = body_rows(page).first
        assert first.evaluate("(row) => getComputedStyle(row).display") != "table-row"  # a card
        labels = first.locator("td").evaluate_all("(cells) => cells.map((cell) => cell.dataset.label ?? null)")
        headers = page.locator("[data-rows]").locator("xpath=..").locator("th").all_inner_texts()
        assert headers[0] == "Name" and labels == [None, *headers[1:]]  # the name is the card's title
        expect(first.locator("td").nth(4)).to_have_text(re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}\b"))  # the deadline in words
        name, line = (first.locator("td").nth(i).bounding_box()["y"] for i in range(2))
        assert name < line  # the card is titled with the trainer's name
        heights = page.evaluate("""[...document.querySelectorAll('[data-filters] :is(input, select, button)')]
            .filter((control) => control.checkVisibility()).map((control) => control.getBoundingClientRect().height)""")
        assert len(heights) == 4 and min(heights) >= 44  # for a finger, as on the calculator
    finally:
        page.set_viewport_size(size)


def test_a_roster_left_open_overnight_is_checked_for_the_new_day_unless_one_was_chosen(module_context):
    page = module_context.new_page()  # of its own: its clock
    page.clock.set_fixed_time("2026-11-23T18:00:00")
    page.goto("/roster/")
    page.evaluate("Recert.ready")
    upload(page, TEAM)
    source = page.locator("[data-source]")
    expect(source).to_contain_text("as of November 23, 2026")
    page.clock.set_fixed_time("2026-11-24T07:30:00")  # the studio manager comes back to the tab
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("input[name=as_of]")).to_have_value("2026-11-24")
    expect(source).to_contain_text("as of November 24, 2026")
    page.fill("input[name=as_of]", "2026-11-30")  # a day chosen: it stays
    expect(source).to_contain_text("as of November 30, 2026")
    page.clock.set_fixed_time("2026-11-25T07:30:00")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("input[name=as_of]")).to_have_value("2026-11-30")
    expect(source).to_contain_text("as of November 30, 2026")
    page.close()


def test_the_result_csv_is_what_the_command_line_gives(page):
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the results CSV").click()
    assert download.value.suggested_filename == f"team-checked-{AS_OF}.csv"
    assert open(download.value.path(), encoding="utf-8", newline="").read() == cli_csv(TEAM)


def test_the_template_csv_reads_as_a_roster(page):
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the template CSV").click()
    text = open(download.value.path(), encoding="utf-8", newline="").read()
    assert text == roster.template_csv()
    assert len(cli_rows(text)["rows"]) == 1


def test_pasted_rows_from_a_spreadsheet(page):
    pasted = "name\tcredential\tcertified_on\nGus\tACSM-EP\t06/01/2021\nHal\tISSA-CPT\t2024-12-20\n"
    page.fill("textarea[name=pasted]", pasted)
    page.get_by_role("button", name="Check the pasted rows").click()
    expect(page.locator("[data-message]")).to_have_text("Checked the pasted rows: 2 rows.")
    expect(body_rows(page)).to_have_count(2)
    expect(page.locator("[data-row-errors]")).to_be_hidden()


def test_a_file_in_windows_1252_and_one_that_is_not_a_roster(page):
    upload(page, "name,credential,certified_on\nJosé,CSCS,2019-04-02\n", name="excel.csv", encoding="cp1252")
    expect(body_rows(page).first).to_contain_text("José")
    page.set_input_files("input[type=file]", files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello\nworld\n"}])
    expect(page.locator("[data-message]")).to_contain_text('Could not read "notes.txt": no header we recognize')
    expect(page.locator("[data-output]")).to_be_hidden()


def test_a_thousand_rows(page):
    text = many_rows(1000)
    upload(page, text, name="big.csv", timeout=60_000)  # speed is bench/roster_speed.py's; a loaded machine is slow
    expect(body_rows(page)).to_have_count(1000)
    counted = sum(int(text.split(": ")[1]) for text in page.locator("[data-counts] li").all_inner_texts()
                  if not text.startswith("Due within"))
    assert counted == 1000


def test_printing_shows_the_table_without_the_controls(page):
    page.emulate_media(media="print")
    expect(page.locator("[data-filters]")).to_be_hidden()
    expect(page.locator("[data-roster-input]")).to_be_hidden()
    expect(body_rows(page).first).to_be_visible()
    page.emulate_media(media="screen")
