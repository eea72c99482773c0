"""The rules data: one TOML file per organization in data/, loaded once and looked up by date."""
import os
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

DATA_DIR_VARIABLE = "RECERT_DATA_DIR"  # another folder of organization files (tests, a trial edit of the data)


def data_folder():
    """The folder of organization files: calculator/data/, or the one RECERT_DATA_DIR names."""
    other = os.environ.get(DATA_DIR_VARIABLE)
    return Path(other) if other else resources.files("calculator") / "data"


@cache
def load_rules():
    """Every organization's rules, keyed by organization id: one TOML file each, in their `order`."""
    files = sorted((f for f in data_folder().iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    loaded = [tomllib.loads(f.read_text("utf-8")) for f in files]
    loaded.sort(key=lambda rules: (rules["organization"].get("order", 999), rules["organization"]["id"]))
    return {rules["organization"]["id"]: rules for rules in loaded}


def organization_ids():
    return tuple(load_rules())


def topic_ids():
    """The activity topics the rules count, such as "ethics": those a `[[required_parts]]` names."""
    return tuple(sorted({part["topic"] for rules in load_rules().values()
                         for part in rules.get("required_parts", []) if "topic" in part}))


def category_ids():
    """The categories an activity can be filed under: every category an organization's data names
    (its `[[cycle_rules]]` categories and maximums), none where no data has categories."""
    names = set()
    for rules in load_rules().values():
        for entry in rules.get("cycle_rules", []):
            names.update(entry.get("categories", {}).values())
            names.update(name for band in entry.get("bands", []) for name in band.get("max", {}))
    return tuple(sorted(names))


@cache
def credential_index():
    """Credential id -> (organization rules, credential rules), in data order."""
    return {
        credential["id"]: (rules, credential)
        for rules in load_rules().values()
        for credential in rules["credentials"]
    }


def data_order(cid):
    """A credential's place in the data (organization order, then file order): ties are broken by it,
    never by the order in which a scenario lists its credentials."""
    return _positions()[cid]


@cache
def _positions():
    return {cid: n for n, cid in enumerate(credential_index())}


@cache
def earned_credential_ids(kind):
    """The credentials an activity of this type can name as the one earned: those of an organization whose data
    counts earning another of its own credentials toward the ones already held (type "nsca_certification")."""
    return tuple(cid for cid, (rules, _) in credential_index().items()
                 if rules["activities"].get(kind, {}).get("for_credentials_already_held"))


def in_force(entries, on):
    """The newest entry whose `from`/`until` dates admit the day `on`, or None."""
    chosen = None
    for entry in entries:
        starts = date.fromisoformat(entry["from"]) if "from" in entry else date.min
        ends = date.fromisoformat(entry["until"]) if "until" in entry else date.max
        if starts <= on <= ends and (chosen is None or starts >= chosen[0]):
            chosen = (starts, entry)
    return chosen[1] if chosen else None


def source_text(rules, key):
    """A one-line citation for a source key: title, edition, and its address or where to find it."""
    source = rules["sources"][key]
    return f'{source["title"]} ({source["edition"]}): {source.get("url") or source["where"]}'


def decimal(value):
    """An exact decimal for a number from the data or the scenario."""
    return value if isinstance(value, Decimal) else _decimal_of(value)


@cache
def _decimal_of(number):  # the data's figures recur on every activity: convert each once
    return Decimal(str(number))


def show(rules, value):
    """A number in the organization's unit precision, for sentences (0.1 CEU, 1 CEC)."""
    places = 1 if decimal(rules["organization"]["precision"]) < 1 else 0
    return f"{decimal(value):.{places}f}"


def last_reviewed():
    """The latest day on which we reviewed our copy of a source (or None when no source says)."""
    days = [source["reviewed"] for rules in load_rules().values() for source in rules["sources"].values() if "reviewed" in source]
    return max(days, default=None)

