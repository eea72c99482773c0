"""A studio's roster: a CSV of trainers' credentials in, each row answered as its own scenario.

One row per trainer and credential; columns found by their header, in any order. Each good row is
evaluated exactly as `check` evaluates the scenario row_scenario() makes of it; a bad row is reported
by line and field, and the others are still answered. The command line and the /roster/ page (in the
browser's worker) both run this module.
"""
import csv
import io
import re
from datetime import date
from dataclasses import dataclass
from functools import cache

from . import internal_error, to_json
from .dates import ISO_DATE, parse_date
from .evaluate import evaluate
from .fields import date_problem, show
from .rules import credential_index

COLUMNS = ("name", "credential", "certified_on", "expires_on", "renewed_through", "cpr_valid_until", "earned")
REQUIRED = ("credential", "certified_on")
DATES = ("certified_on", "expires_on", "renewed_through", "cpr_valid_until")
ADDED = ("status", "deadline", "late_until", "shortfall", "unit", "total_due", "verdict")
SOON_DAYS = 90  # "due soon": a manager's horizon, not a rule of any organization
RANKS = {"expired": (0, 0), "late": (1, 1), "in_progress": (2, 4), "eligible": (3, 5), "not_due": (6, 6)}  # (due soon, later)
MAX_ROWS = 10_000
SNIFF_LINES = 50
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# The scenario's fields, as the roster's columns name them (evaluate()'s errors name the former).
SCENARIO_FIELDS = {"credentials[0].certified_on": "certified_on", "credentials[0].expires_on": "expires_on",
                   "credentials[0].renewed_through": "renewed_through", "credentials[0].earned": "earned",
                   "cpr_aed.valid_until": "cpr_valid_until", "cpr_aed": "cpr_valid_until", "credentials[0].id": "credential"}


class Unreadable(Exception):
    """Nothing in the text can be read as a roster (the message says why)."""


@dataclass
class Table:
    header: list  # the header's cells as written
    lines: dict  # line of the file -> cells, for each row that is not blank
    columns: dict  # column name -> index in the header
    delimiter: str
    bom: bool


def roster(table, as_of):
    """{"as_of", "rows", "errors"} for a read table, rows in the file's order."""
    rows, errors = [], []
    for line, cells in table.lines.items():
        values = {column: cells[i].strip() if i < len(cells) else "" for column, i in table.columns.items()}
        scenario, problems = row_scenario(values, as_of)
        result = None if problems else evaluate(scenario)
        if result and "errors" in result:
            problems = [{"field": SCENARIO_FIELDS.get(e["field"], e["field"]), "message": e["message"]} for e in result["errors"]]
        if problems:
            errors += [{"line": line, **problem} for problem in problems]
        else:
            rows.append({"line": line, "name": values.get("name", ""), "credential": scenario["credentials"][0]["id"],
                         "result": result["credentials"][0]})
    return {"as_of": as_of, "rows": rows, "errors": errors}


def row_scenario(values, as_of):
    """(scenario, []) for one row's values by column, or (None, problems by field)."""
    problems = []
    credential = {"id": _credential(values.get("credential", ""), problems)}
    dates = {column: _date(values.get(column, ""), column, problems) for column in DATES}
    credential.update((field, dates[field]) for field in ("certified_on", "expires_on", "renewed_through") if dates[field])
    if not dates["certified_on"] and not any(p["field"] == "certified_on" for p in problems):
        problems.append({"field": "certified_on", "message": "is required (the day the credential was first earned)"})
    earned = _number(values.get("earned", ""), problems)
    if earned is not None:
        credential["earned"] = earned
    if problems:
        return None, problems
    cpr = {"valid_until": dates["cpr_valid_until"]} if dates["cpr_valid_until"] else None
    return {"as_of": as_of, "credentials": [credential], "cpr_aed": cpr}, []


def urgency(row):
    """Sort key, most urgent first: expired, late, due within SOON_DAYS and short, due soon and complete,
    short, complete, not due; then the nearest date."""
    result = row["result"]
    status = result["status"]
    rank = RANKS[status][0 if result["days_left"] <= SOON_DAYS else 1]
    return rank, (status == "late" and result["late_until"]) or result["deadline"], row["line"]


def roster_csv(table, report):
    """The input's columns (as written, extra ones kept) plus ADDED, most urgent first, bad rows last,
    with the input's separator (and byte-order mark, which tells spreadsheet programs it is UTF-8)."""
    out = io.StringIO()
    out.write("\ufeff" if table.bom else "")
    writer = csv.writer(out, delimiter=table.delimiter, lineterminator="\r\n")
    writer.writerow(table.header + list(ADDED))
    width = len(table.header)
    for row in sorted(report["rows"], key=urgency):
        result = row["result"]
        added = [result["status"], result["deadline"], result["late_until"] or "", f"{result['shortfall']:g}", result["unit"],
                 "" if result["total_due"] is None else f"{result['total_due']:.2f}", result["verdict"]]
        writer.writerow(_padded(table.lines[row["line"]], width) + added)
    failed = {}
    for error in report["errors"]:
        failed.setdefault(error["line"], []).append(f"{error['field']}: {error['message']}")
    for line, messages in sorted(failed.items()):
        writer.writerow(_padded(table.lines[line], width) + ["error", "", "", "", "", "", "; ".join(messages)])
    return out.getvalue()


def template_csv():
    """A roster to fill in: the columns and one example row."""
    example = ["Alex Example", "NSCA-CSCS", "2019-04-02", "", "2023-12-31", "2027-05-01", "2.5"]
    return ",".join(COLUMNS) + "\n" + ",".join(example) + "\n"  # "\n": the page carries it in an attribute, where "\r\n" becomes "\n"


def page_json(text, as_of):
    """The /roster/ page's answer: what the table shows, most urgent first, and the result CSV. Never raises."""
    try:
        table = read_table(text)
        report = roster(table, as_of)
    except Unreadable as error:
        return to_json({"errors": [{"line": None, "field": "", "message": str(error)}], "unreadable": True})
    except Exception:
        return to_json(internal_error())
    rows = [{"line": row["line"], "name": row["name"], "credential": row["credential"],
             "credential_name": row["result"]["name"], "days_left": row["result"]["days_left"],
             **{field: row["result"][field] for field in ADDED}}
            for row in sorted(report["rows"], key=urgency)]
    return to_json({"as_of": as_of, "rows": rows, "errors": report["errors"], "csv": roster_csv(table, report)})


def read_table(text):
    """The roster's Table; raises Unreadable."""
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header, lines, line = None, {}, 0
    try:
        for cells in reader:
            first, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
            elif len(lines) == MAX_ROWS:
                raise Unreadable(f"more than {MAX_ROWS} rows: split the roster into smaller files")
            else:
                lines[first] = cells
    except csv.Error as error:
        raise Unreadable(f"not CSV: {error} (line {reader.line_num})") from None
    if header is None:
        raise Unreadable("the file is empty: the first line should name the columns, " + _expected())
    columns = {}
    for i, cell in enumerate(header):
        columns.setdefault(re.sub(r"[\s-]+", "_", cell.strip().lower()), i)
    columns = {column: i for column, i in columns.items() if column in COLUMNS}
    if not columns:
        raise Unreadable("no header we recognize: the first line should name the columns, " + _expected())
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise Unreadable(f"the header has no {' or '.join(missing)} column: " + _expected())
    return Table(header, lines, columns, dialect.delimiter, bom)


def _expected():
    return f"such as {', '.join(COLUMNS)} ({' and '.join(REQUIRED)} required)"


def _dialect(text):
    """The Sniffer's reading of the first lines that are not blank (a blank line breaks its count of
    separators per line), else of the header line alone; else plain CSV."""
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line)
            if len(lines) == SNIFF_LINES:
                break
    for sample in ("\n".join(lines), lines[0] if lines else ""):
        try:
            return csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:  # one column, or nothing to go by
            continue
    return csv.excel


def _padded(cells, width):
    return cells[:width] + [""] * (width - len(cells))


def _credential(text, problems):
    if not text:
        problems.append({"field": "credential", "message": "is required: a credential id such as nasm-cpt, or its name or abbreviation"})
        return None
    ids = credential_names().get(_key(text), ())
    if len(ids) == 1:
        return ids[0]
    if ids:
        problems.append({"field": "credential", "message": f"{show(text)} could be {', '.join(ids)}: write one of these ids, "
                                                           "or the abbreviation with the organization (such as NASM-CPT)"})
    else:
        problems.append({"field": "credential", "message": f"{show(text)} is not a credential we know: write its id "
                                                           "(python -m calculator credentials lists them), name or abbreviation"})
    return None


@cache
def credential_names():
    """Every way we accept of writing a credential (case, spaces and punctuation aside) -> the ids it may mean:
    its id, name and abbreviation, each with or without the organization's short name."""
    names = {}
    for cid, (rules, credential) in credential_index().items():
        org = rules["organization"]["short"]
        written = {cid, credential["name"], credential.get("abbreviation", "")}
        written |= {part for name in list(written) for part in name.split(" / ")}  # "Certified Fitness Trainer / Certified ..."
        for name in list(written):
            bare = name.removeprefix(org).strip(" -/")
            written |= {bare, f"{org} {bare}"}
        for name in written:
            if _key(name) and cid not in names.setdefault(_key(name), []):
                names[_key(name)].append(cid)
    return names


def _key(text):
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _date(text, column, problems):
    """The ISO text of a YYYY-MM-DD or MM/DD/YYYY date, or None."""
    if not text:
        return None
    if ISO_DATE.fullmatch(text):
        problem = date_problem(text)
        if problem:
            problems.append({"field": column, "message": f"{show(text)} {problem}"})
        return None if problem else text
    match = US_DATE.fullmatch(text)
    if match:
        month, day, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            pass
    problems.append({"field": column, "message": f"{show(text)} is not a date: write it as YYYY-MM-DD or MM/DD/YYYY"})
    return None


def _number(text, problems):
    """A number as typed (a decimal comma accepted), or None."""
    if not text:
        return None
    if not NUMBER.fullmatch(text):
        problems.append({"field": "earned", "message": f"{show(text)} is not a number of units (such as 2.5), 0 or more"})
        return None
    text = text.replace(",", ".")
    return float(text) if "." in text else int(text)


def command(text, as_of, as_json, out, err):
    """The CLI's `roster`: CSV (bad rows also on `err`) or JSON on `out`; the exit status."""
    day = _date(as_of, "as_of", []) if as_of else date.today().isoformat()
    try:
        if not parse_date(day):
            raise Unreadable(f"--as-of {show(as_of)} is not a date: write it as YYYY-MM-DD or MM/DD/YYYY")
        table = read_table(text)
    except Unreadable as error:
        out.write(to_json({"errors": [{"line": None, "field": "", "message": str(error)}]}) + "\n")
        return 2
    report = roster(table, day)
    if as_json:
        out.write(to_json(report) + "\n")
        return 0
    out.write(roster_csv(table, report))
    for error in report["errors"]:
        err.write(f"line {error['line']}, {error['field']}: {error['message']}\n")
    return 0
