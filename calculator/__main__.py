"""Command line: `python -m calculator check|plan FILE|-`, `roster FILE.csv|-` and `python -m calculator credentials`."""
import argparse
import sys

from . import evaluate, internal_error, list_credentials, parse_json, roster, to_json
from .dates import parse_date
from .input_text import read_text
from .words import quantity


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m calculator", description="Recertification calculator for fitness credentials.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "evaluate a scenario and print the result as JSON"),
                       ("plan", "print the quickest ways to close each credential's gap")):
        command = commands.add_parser(name, help=text)
        command.add_argument("scenario", help="scenario JSON file, or - for standard input")
        command.add_argument("--today", help="the date to use when the scenario has no as_of (YYYY-MM-DD)")
        command.add_argument("--pretty", action="store_true", help="indent the JSON for reading")
    commands.choices["plan"].add_argument("--json", action="store_true", help="print the plans as JSON instead of text")
    commands.add_parser("credentials", help="list the supported credential ids")
    roster_parser = commands.add_parser("roster", help="answer a CSV of trainers' credentials, most urgent first")
    roster_parser.add_argument("file", help="CSV file, or - for standard input")
    roster_parser.add_argument("--as-of", help="the day to evaluate on (YYYY-MM-DD or MM/DD/YYYY; default today)")
    roster_parser.add_argument("--json", action="store_true", help="print JSON (each row's result as check gives it) instead of CSV")
    args = parser.parse_args(argv)
    if args.command == "credentials":
        print(to_json(list_credentials(), pretty=True))
        return 0
    if args.command == "roster":
        return roster_command(args)
    text, problem = read_text(args.scenario)
    data, errors = (None, [{"field": "", "message": problem}]) if problem else parse_json(text)
    result = {"errors": errors} if errors else evaluate(data, _today(args.today))
    if "errors" in result:
        print(to_json(result, args.pretty))
        return 2
    if args.command == "plan":
        print(to_json(_plans(result), args.pretty) if args.json else _plan_text(result))
        return 0
    print(to_json(result, args.pretty))
    return 0


def roster_command(args):
    text, problem = read_text(args.file, keep_mark=True)
    if problem:
        print(to_json({"errors": [{"line": None, "field": "", "message": problem}]}))
        return 2
    return roster.command(text, args.as_of, args.json, sys.stdout, sys.stderr)


def _today(text):
    return parse_date(text) if text else None


def _plans(result):
    return {"as_of": result["as_of"], "credentials": [
        {"id": c["id"], "status": c["status"], "shortfall": c["shortfall"], "unit": c["unit"], "plan": c["plan"]}
        for c in result["credentials"]]}


def _plan_text(result):
    lines = [f"As of {result['as_of']}"]
    for c in result["credentials"]:
        plan = c["plan"]
        required = quantity(f"{c['required']:g}", c["unit"])
        lines.append(f"\n{c['name']} ({c['id']}): {c['status']}, {c['earned']:g} of {required}")
        if not plan["steps"]:
            lines.append("  nothing more to earn this cycle" if c["shortfall"] == 0 else "  no way left to close the gap this cycle")
            continue
        needed = quantity(f"{plan['needed']:g}", c["unit"])
        lines.append(f"  {needed} more by {plan['by']} ({quantity(plan['days_left'], 'day')}). Quickest:")
        lines += [f"  - {step}" for step in plan["steps"]]
        lines.append("  What still counts:")
        lines += [f"  * {option['text']}" for option in plan["options"]]
    return "\n".join(lines)


def run(argv=None):
    """main() without tracebacks: a closed pipe ends quietly; a bug is reported as JSON."""
    try:
        return main(argv)
    except BrokenPipeError:
        sys.stdout = None  # the reader went away (e.g. `| head`); nothing left to say
        return 0
    except Exception:  # a bug in the rules, not bad input: the same answer as the browser's
        print(to_json(internal_error()))
        return 1


if __name__ == "__main__":
    sys.exit(run())
