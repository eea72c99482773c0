"""The command line's input in people's words (issue 27, points 3, 5 and 8): a file or standard input
read the same way, one plain message for what cannot be read, values quoted as written in JSON,
nesting refused before the parser recurses, and amounts worded alike whatever their JSON type."""
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from calculator import evaluate_json
from calculator.jsontext import MAX_DEPTH, _nesting, parse_json
from calculator.wording import figure
from helpers import ROOT, cli, event, scenario

VALID = json.dumps(scenario("2026-01-05", [("nasm-cpt", "2024-08-01")], [event("2025-03-01", 14)]))
NOT_UTF8 = VALID.replace("event 2025-03-01", "caf\N{LATIN SMALL LETTER E WITH ACUTE}").encode("latin-1")
BAD_BYTE = NOT_UTF8.index(b"\xe9")


def check(path, stdin=b""):
    """(exit code, the one error message or the parsed result) of `check PATH`."""
    code, out = cli("check", str(path), stdin=stdin)
    answer = json.loads(out)
    return code, (answer["errors"] if code == 2 else answer)


def from_both(tmp_path, data):
    """`check FILE` and `check -` on the same bytes."""
    path = tmp_path / "scenario.json"
    path.write_bytes(data)
    return check(path), check("-", stdin=data)


def test_a_byte_order_mark_is_read_from_a_file_and_from_standard_input(tmp_path):
    plain = check("-", stdin=VALID.encode())
    assert plain[0] == 0
    assert from_both(tmp_path, b"\xef\xbb\xbf" + VALID.encode()) == (plain, plain)


def test_text_that_is_not_utf8_gets_one_plain_message_whichever_way_it_comes(tmp_path):
    from_file, from_stdin = from_both(tmp_path, NOT_UTF8)
    assert from_file == from_stdin == (2, [{"field": "", "message": (
        f"the text is not UTF-8: byte {BAD_BYTE + 1} (0xE9) cannot be read; save the file as UTF-8 and try again")}])


def test_standard_input_is_read_as_bytes_whatever_the_terminals_encoding():
    # Under the C locale Python reads standard input with surrogateescape: a bad byte would pass as "\udce9".
    done = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=NOT_UTF8, capture_output=True, cwd=ROOT,
                          env={**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}, check=False)
    assert done.returncode == 2 and done.stderr == b""
    assert json.loads(done.stdout)["errors"][0]["message"].startswith("the text is not UTF-8")
    assert b"\\udc" not in done.stdout


def test_a_missing_file_and_a_folder_are_named_in_plain_words(tmp_path):
    assert check(tmp_path / "nope.json") == (2, [{"field": "", "message": f'there is no file "{tmp_path / "nope.json"}"'}])
    assert check(tmp_path) == (2, [{"field": "", "message": f'"{tmp_path}" is a folder, not a file'}])


def test_a_path_with_a_byte_that_is_not_utf8_is_not_echoed_as_a_surrogate(tmp_path):
    done = subprocess.run([sys.executable, "-m", "calculator", "check", os.fsencode(tmp_path) + b"/caf\xe9.json"],
                          capture_output=True, cwd=ROOT, check=False)
    assert done.returncode == 2 and b"\\udc" not in done.stdout
    assert json.loads(done.stdout)["errors"][0]["message"] == f'there is no file "{tmp_path}/caf\N{REPLACEMENT CHARACTER}.json"'


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any file")
def test_a_file_this_account_may_not_read(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text(VALID)
    path.chmod(0)
    assert check(path) == (2, [{"field": "", "message": f'"{path}" cannot be read: this account is not allowed to open it'}])


@pytest.mark.parametrize("written, message", [
    ("1e400", "1e400 is more than 10000, the most this field accepts"),
    ("-1E400", "-1E400 is negative; enter 0 or more"),
    ('"1e400"', '"1e400" is not a number'),
])
def test_a_number_beyond_a_float_is_quoted_as_written(written, message):
    text = VALID.replace('"hours": 14', f'"hours": {written}')
    assert json.loads(cli("check", "-", stdin=text)[1])["errors"] == [{"field": "activities[0].hours", "message": message}]


def test_a_number_beyond_a_float_where_no_number_belongs_is_quoted_as_written():
    text = VALID.replace('"title": "event 2025-03-01"', '"title": 1e400')
    assert json.loads(cli("check", "-", stdin=text)[1])["errors"] == [
        {"field": "activities[0].title", "message": "1e400 is not text; write it in quotes"}]


def nested(depth, kind):
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("kind", ["list", "object"])
def test_nesting_past_the_limit_is_refused_before_parsing_the_same_at_every_depth(kind):
    assert parse_json(nested(MAX_DEPTH, kind))[1] is None
    for depth in (MAX_DEPTH + 1, 3_000, 100_000):
        code, out = cli("check", "-", stdin=nested(depth, kind))
        assert code == 2 and out.rstrip("\n") == evaluate_json(nested(depth, kind))
        assert json.loads(out)["errors"] == [{"field": "", "message": f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)"}]


def test_brackets_inside_strings_are_not_nesting():
    text = json.dumps({"as_of": "2026-01-05", "credentials": [], "x": "[{" * 500 + '\\"' + "[" * 500})
    assert _nesting(text) == 2 and parse_json(text)[1] is None


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab'),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\a'), inner, max_size=3),
                           max_leaves=40)


def depth_of(value):
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    return 0


@settings(max_examples=300)
@given(json_values, st.integers(0, MAX_DEPTH + 5))
def test_the_nesting_measured_is_the_values_depth(value, wrap):
    for _ in range(wrap):
        value = [value]
    text = json.dumps(value)
    assert _nesting(text) in (depth_of(value), 0)  # 0: too few brackets to need a closer look
    assert (parse_json(text)[1] is None) == (depth_of(value) <= MAX_DEPTH)


@given(st.integers(0, 200).map(lambda tenths: Decimal(tenths) / 10))
def test_an_amount_reads_the_same_typed_as_an_integer_or_a_float(amount):
    """JavaScript writes 2.0 as 2: the CLI's 2.0 and the browser's 2 give the same bytes."""
    results = set()
    for number in {json.dumps(float(amount)), str(int(amount)) if amount == amount.to_integral() else json.dumps(float(amount))}:
        text = json.dumps(scenario("2026-03-01", [("nsca-cscs", "2019-04-02")], [
            {"date": "2025-03-01", "type": "quiz", "score": 90, "ceus": 0.5}, event("2025-03-02", 1)]))
        text = text.replace('"ceus": 0.5', f'"ceus": {number}').replace('"hours": 1', f'"hours": {number}')
        results.add(evaluate_json(text))
    assert len(results) == 1
    notes = [entry["note"] for entry in json.loads(results.pop())["credentials"][0]["counted"]]
    assert notes[0].startswith(f"passed; {figure(amount, 0.1)} CEU")


@pytest.mark.parametrize("value, precision, written", [
    (2, 0.1, "2.0"), (2.0, 0.1, "2.0"), (Decimal("2"), 0.1, "2.0"), (0.25, 0.1, "0.25"),
    (45, 1, "45"), (45.0, 1, "45"), (2.5, 1, "2.5"), (Decimal("1.40"), 0.1, "1.4"), (Decimal("1E+2"), 1, "100"),
])
def test_figures_are_at_the_units_precision_or_finer_never_rounded(value, precision, written):
    assert figure(value, precision) == written
