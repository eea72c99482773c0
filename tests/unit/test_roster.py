"""`python -m calculator roster`: a studio's CSV in, each row answered as `check` answers its scenario."""
import contextlib
import csv
import io
import json
from unittest import mock

import pytest

from calculator.__main__ import run

from helpers import cli_result

AS_OF = "2026-11-23"
HEADER = "name,credential,certified_on,expires_on,renewed_through,cpr_valid_until,earned"
# Each row, and the scenario `check` is given for the same credential and dates (written out by hand).
ROWS = [
    ("Ana,NSCA-CSCS,04/02/2019,,2023-12-31,05/01/2027,6",
     {"id": "nsca-cscs", "certified_on": "2019-04-02", "renewed_through": "2023-12-31", "earned": 6}, "2027-05-01"),
    ("Bo,Certified Strength and Conditioning Specialist,2019-04-02,,,,2.5",
     {"id": "nsca-cscs", "certified_on": "2019-04-02", "earned": 2.5}, None),
    ("Cy,nasm-cpt,2024-08-15,2026-08-31,,2027-01-01,1.9",
     {"id": "nasm-cpt", "certified_on": "2024-08-15", "expires_on": "2026-08-31", "earned": 1.9}, "2027-01-01"),
    ("Dee,NCSF Certified Personal Trainer,2023-03-10,,,2027-03-01,10",
     {"id": "ncsf-cpt", "certified_on": "2023-03-10", "earned": 10}, "2027-03-01"),
    ("Ed,ACSM-EP,2021-06-01,,,2027-01-01,",
     {"id": "acsm-ep", "certified_on": "2021-06-01"}, "2027-01-01"),
    ("Fi,ISSA-CPT,2024-12-20,,,2027-06-30,20",
     {"id": "issa-cpt", "certified_on": "2024-12-20", "earned": 20}, "2027-06-30"),
    ("Gus,ace-cpt,2022-01-15,2024-01-31,,,3",
     {"id": "ace-cpt", "certified_on": "2022-01-15", "expires_on": "2024-01-31", "earned": 3}, None),
    ("Hal,CSPS,2026-09-01,,,2027-01-01,",
     {"id": "nsca-csps", "certified_on": "2026-09-01"}, "2027-01-01"),
]
CSV = "\r\n".join([HEADER] + [row for row, _, _ in ROWS]) + "\r\n"
STATUS_ORDER = ["expired", "late", "in_progress soon", "eligible soon", "in_progress", "eligible", "not_due"]


def roster(*args, stdin=""):
    """(exit code, standard output, standard error) of `python -m calculator roster ARGS`, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()))):
        code = run(["roster", *args])
    return code, out.getvalue(), err.getvalue()


def as_json(text, as_of=AS_OF):
    code, out, _ = roster("-", "--as-of", as_of, "--json", stdin=text)
    assert code == 0, out
    return json.loads(out)


def as_rows(text, as_of=AS_OF, separator=","):
    code, out, _ = roster("-", "--as-of", as_of, stdin=text)
    assert code == 0, out
    return list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline=""), delimiter=separator))


def test_each_row_is_what_check_gives_for_the_same_credential_and_dates():
    report = as_json(CSV)
    assert report["as_of"] == AS_OF and report["errors"] == []
    assert [row["line"] for row in report["rows"]] == list(range(2, 2 + len(ROWS)))
    for row, (_, credential, cpr_until) in zip(report["rows"], ROWS):
        cpr = {"valid_until": cpr_until} if cpr_until else None
        expected = cli_result({"as_of": AS_OF, "credentials": [credential], "cpr_aed": cpr})
        assert row["result"] == expected
        assert (row["credential"], row["name"]) == (credential["id"], ROWS[row["line"] - 2][0].split(",")[0])


def test_the_rows_cover_every_status():
    statuses = {row["result"]["status"] for row in as_json(CSV)["rows"]}
    assert statuses == {"expired", "late", "in_progress", "eligible", "not_due"}


def test_earned_is_counted_as_entered_whatever_the_organization_counts_by():
    for row in as_json(CSV)["rows"]:
        entered = ROWS[row["line"] - 2][1].get("earned")
        reported = [c["amount"] for c in row["result"]["counted"] if c.get("item") == "earned"]
        assert reported == ([entered] if entered else [])


def test_a_total_spanning_categories_and_parts_is_taken_as_the_organization_counts_it():
    rows = {row["name"]: row["result"] for row in as_json(CSV)["rows"]}
    assert rows["Ana"]["status"] == "eligible" and rows["Ana"]["categories_ok"]  # 6 CEUs, more than any one category holds
    assert rows["Dee"]["shortfall"] == 0 and all(part["shortfall"] == 0 for part in rows["Dee"]["required_parts"])


def test_the_csv_is_sorted_by_urgency_and_carries_the_results():
    rows = as_rows(CSV)
    header = rows[0]
    assert header == HEADER.split(",") + ["status", "deadline", "late_until", "shortfall", "unit", "total_due", "verdict"]
    by_name = {row["name"]: row["result"] for row in as_json(CSV)["rows"]}
    ranks = []
    for cells in rows[1:]:
        record = dict(zip(header, cells))
        result = by_name[record["name"]]
        assert (record["status"], record["deadline"], record["verdict"], record["unit"]) == (
            result["status"], result["deadline"], result["verdict"], result["unit"])
        assert record["late_until"] == (result["late_until"] or "")
        assert float(record["shortfall"]) == result["shortfall"]
        assert record["total_due"] == ("" if result["total_due"] is None else f"{result['total_due']:.2f}")
        soon = result["status"] in ("in_progress", "eligible") and result["days_left"] <= 90
        ranks.append(STATUS_ORDER.index(result["status"] + (" soon" if soon else "")))
    assert ranks == sorted(ranks) and len(ranks) == len(ROWS)
    assert ranks[0] == 0 and ranks[-1] == STATUS_ORDER.index("not_due")


def test_a_bad_row_is_named_by_line_and_field_and_the_others_are_answered():
    text = "\n".join([HEADER, ROWS[0][0], "Ivy,Certified Personal Trainer,2020-01-01,,,,", "Jo,NASM-CPT,13/01/2020,,,,abc",
                      "Kit,Zumba Master,2020-02-30,,,,", "Lu,nasm-cpt,2027-01-01,,,,", "Mo,,2020-01-01,,,2027-02-31,-1", ROWS[2][0]])
    report = as_json(text)
    assert [row["line"] for row in report["rows"]] == [2, 8]
    errors = {(error["line"], error["field"]): error["message"] for error in report["errors"]}
    assert set(errors) == {(3, "credential"), (4, "certified_on"), (4, "earned"), (5, "credential"), (5, "certified_on"),
                           (6, "certified_on"), (7, "credential"), (7, "cpr_valid_until"), (7, "earned")}
    assert "nasm-cpt" in errors[3, "credential"] and "ncsf-cpt" in errors[3, "credential"]  # the candidates
    assert '"13/01/2020"' in errors[4, "certified_on"] and "MM/DD/YYYY" in errors[4, "certified_on"]
    assert '"Zumba Master"' in errors[5, "credential"] and "February 2020 has 29 days" in errors[5, "certified_on"]
    assert "after the evaluation date" in errors[6, "certified_on"]
    code, out, err = roster("-", "--as-of", AS_OF, stdin=text)
    assert code == 0
    assert "line 4, certified_on: " in err and "line 7, cpr_valid_until: " in err
    last = list(csv.reader(io.StringIO(out)))[-5:]  # bad rows last, saying what is wrong
    assert [cells[0] for cells in last] == ["Ivy", "Jo", "Kit", "Lu", "Mo"]
    assert all(cells[len(HEADER.split(","))] == "error" for cells in last)
    assert "earned: " in last[1][-1] and "certified_on: " in last[1][-1]


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("\n\n  \n", "the file is empty"),
    ('{"as_of": "2026-11-23", "credentials": []}', "no header we recognize"),
    ("trainer,cert,date\nAna,CSCS,2019-04-02\n", "no header we recognize"),
    ("name,credential,expires_on\nAna,CSCS,2026-12-31\n", "no certified_on column"),
])
def test_nothing_readable_exits_2_with_one_message(text, message):
    code, out, _ = roster("-", stdin=text)
    assert code == 2
    [error] = json.loads(out)["errors"]
    assert message in error["message"] and error["field"] == ""


def test_a_bad_as_of_or_a_missing_file_exits_2(tmp_path):
    code, out, _ = roster("-", "--as-of", "2026-02-30", stdin=CSV)
    assert code == 2 and "--as-of" in json.loads(out)["errors"][0]["message"]
    code, out, _ = roster(str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv" in json.loads(out)["errors"][0]["message"]


def test_as_of_may_be_written_mm_dd_yyyy_and_defaults_to_today():
    assert as_json(CSV, "11/23/2026") == as_json(CSV)
    code, out, _ = roster("-", "--json", stdin=CSV)
    assert code == 0 and json.loads(out)["as_of"] == __import__("datetime").date.today().isoformat()


def spreadsheet(text, separator=",", bom=False, newline="\r\n"):
    """The roster as a spreadsheet program saves it."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator=newline).writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


@pytest.mark.parametrize("separator, bom, newline", [(";", True, "\r\n"), (";", False, "\n"), ("\t", False, "\n"), (",", True, "\n")])
def test_separators_and_byte_order_marks_read_the_same(separator, bom, newline):
    text = spreadsheet(CSV, separator, bom, newline)
    assert as_json(text) == as_json(CSV)
    code, out, _ = roster("-", "--as-of", AS_OF, stdin=text)
    assert out.startswith("\ufeff") == bom  # kept, so a spreadsheet program reads the output as UTF-8 again
    assert out.removeprefix("\ufeff").splitlines()[0] == separator.join(HEADER.split(",") + [
        "status", "deadline", "late_until", "shortfall", "unit", "total_due", "verdict"])


def test_a_semicolon_file_with_decimal_commas():
    text = "name;credential;certified_on;earned\r\nBo;CSCS;2019-04-02;2,5\r\n"
    [row] = as_json(text)["rows"]
    assert row["result"]["earned"] == 2.5


def test_columns_in_any_order_any_case_with_blank_lines_and_extra_columns():
    text = ("\r\n\ufeffLocation,EARNED,Credential,Employee ID,Certified On,Name\r\n\r\n"
            "Downtown,6,NSCA-CSCS,E-17,2019-04-02,Ana\r\n,,,\r\n , ,,,,\r\n\r\n"
            "Uptown,,nasm-cpt,E-18,2024-08-15,Bo\r\n")
    report = as_json(text.replace("\r\n\ufeff", "\ufeff", 1))
    assert [(row["line"], row["name"]) for row in report["rows"]] == [(3, "Ana"), (7, "Bo")]
    assert report["errors"] == []
    ana = cli_result({"as_of": AS_OF, "credentials": [{"id": "nsca-cscs", "certified_on": "2019-04-02", "earned": 6}], "cpr_aed": None})
    assert report["rows"][0]["result"] == ana
    rows = as_rows(text.replace("\r\n\ufeff", "\ufeff", 1))
    assert rows[0][:6] == ["Location", "EARNED", "Credential", "Employee ID", "Certified On", "Name"]
    assert {tuple(row[:6]) for row in rows[1:]} == {("Downtown", "6", "NSCA-CSCS", "E-17", "2019-04-02", "Ana"),
                                                    ("Uptown", "", "nasm-cpt", "E-18", "2024-08-15", "Bo")}


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers_right():
    text = f'{HEADER}\n"Ana\nMaria",CSCS,2019-04-02,,,,\nBo,Certified Strength,2019-04-02,,,,\n'
    report = as_json(text)
    assert report["rows"][0]["line"] == 2 and report["rows"][0]["name"] == "Ana\nMaria"
    assert report["errors"][0]["line"] == 4


@pytest.mark.parametrize("written, cid", [
    ("NSCA-CSCS", "nsca-cscs"), ("cscs", "nsca-cscs"), ("Certified Strength and Conditioning Specialist", "nsca-cscs"),
    ("NSCA Certified Strength and Conditioning Specialist", "nsca-cscs"), ("nsca cscs", "nsca-cscs"),
    ("NASM CPT", "nasm-cpt"), ("ACSM/NCHPAD CIFT", "acsm-cift"), ("TSAC-F", "nsca-tsacf"),
    ("Certified Fitness Trainer", "issa-cpt"), ("ACE Medical Exercise Specialist", "ace-mes"),
])
def test_a_credential_as_organizations_write_it(written, cid):
    [row] = as_json(f"credential,certified_on\n{written},2024-01-10\n")["rows"]
    assert row["credential"] == cid


def test_the_template_reads_as_a_roster():
    from calculator.roster import template_csv
    report = as_json(template_csv())
    assert len(report["rows"]) == 1 and report["errors"] == []


def test_the_page_gets_the_rows_sorted_and_the_same_csv():
    from calculator import roster_page_json
    page = json.loads(roster_page_json(CSV, AS_OF))
    code, out, _ = roster("-", "--as-of", AS_OF, stdin=CSV)
    assert page["csv"] == out
    again = as_json(out)  # the result read back in: its added columns are extra columns
    assert sorted((row["name"], row["result"]) for row in again["rows"]) == sorted((row["name"], row["result"]) for row in as_json(CSV)["rows"])
    by_name = {row["name"]: row["result"] for row in as_json(CSV)["rows"]}
    assert [row["name"] for row in page["rows"]] == [cells[0] for cells in as_rows(CSV)[1:]]
    for row in page["rows"]:
        assert {k: row[k] for k in ("status", "deadline", "verdict", "total_due")} == {
            k: by_name[row["name"]][k] for k in ("status", "deadline", "verdict", "total_due")}
    unreadable = json.loads(roster_page_json("hello", AS_OF))
    assert unreadable["unreadable"] and "no header we recognize" in unreadable["errors"][0]["message"]


def test_a_blank_line_does_not_hide_the_separator():
    text = "name;credential;certified_on;earned\r\nAna;CSCS;2019-04-02;6\r\n\r\nBo;nasm-cpt;2024-08-15;1,9\r\n"
    assert [row["name"] for row in as_json(text)["rows"]] == ["Ana", "Bo"]
