"""Reading a scenario: every problem is collected with its field path; nothing raises."""
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .dates import EARLIEST, LATEST, parse_date
from .rules import credential_index, earned_credential_ids, organization_ids, topics

MAX_HOURS = 10_000          # more hours than anyone logs in a cycle: a typo, not a record
MAX_ACTIVITIES = 20_000

ACTIVITY_TYPES = (
    "event", "online_course", "college_course", "first_aid", "quiz", "ncca_certification",
    "nsca_certification", "personal_development", "cpr_aed", "volunteer", "other",
)
COMMON_FIELDS = {"title", "date", "type", "approved", "in_scope", "hours", "notes", "nsca_activity", "topic", "provider"}
TYPE_FIELDS = {
    "event": {"in_scope_hours"},
    "online_course": {"ceus"},
    "college_course": {"credit_hours", "term", "started_on"},
    "quiz": {"score", "ceus"},
    "nsca_certification": {"credential"},
    "other": {"ceus"},
}
ALLOWED_FIELDS = {kind: frozenset(COMMON_FIELDS | TYPE_FIELDS.get(kind, set())) for kind in ACTIVITY_TYPES}
NUMBER_LIMITS = {"hours": MAX_HOURS, "in_scope_hours": MAX_HOURS, "ceus": MAX_HOURS, "credit_hours": MAX_HOURS, "score": 100}
FLAG_DEFAULTS = {"approved": True, "in_scope": True, "nsca_activity": False}
REQUIRED_FIELDS = {
    "event": ("hours",), "personal_development": ("hours",), "volunteer": ("hours",),
    "other": ("hours",), "college_course": ("credit_hours", "term"), "quiz": ("score",),
}
OPTIONS = {
    "nasm_recertify_for_life": ("none", "buy", "held"),
    "acsm_path": ("cec", "exam"),
}
FLAG_OPTIONS = ("nsca_distinction",)
DATE_OPTIONS = ("acsm_exam_passed_on",)
TOP_FIELDS = {"as_of", "credentials", "cpr_aed", "activities", "memberships", "options"}


@dataclass
class Held:
    index: int
    id: str
    certified_on: date
    expires_on: date | None
    renewed_through: date | None = None  # the deadline of the last cycle the person says they completed


@dataclass
class CprAed:
    valid_until: date
    hands_on_skills: bool


@dataclass
class Activity:
    index: int
    type: str
    date: date
    title: str = ""
    hours: Decimal | None = None
    in_scope_hours: Decimal | None = None
    ceus: Decimal | None = None
    credit_hours: Decimal | None = None
    term: str | None = None
    started_on: date | None = None
    score: Decimal | None = None
    credential: str | None = None
    approved: bool = True
    in_scope: bool = True
    nsca_activity: bool = False
    topic: str | None = None      # e.g. "ethics", for a part some organization requires
    provider: str | None = None   # the organization that gave the course, when it did


@dataclass
class Scenario:
    as_of: date
    credentials: list
    cpr_aed: CprAed | None
    activities: list
    memberships: set = field(default_factory=set)
    options: dict = field(default_factory=dict)


class Problems:
    """Collects field errors in the contract's shape."""

    def __init__(self):
        self.errors = []

    def add(self, path, message):
        self.errors.append({"field": path, "message": message})

    def unknown_fields(self, path, given, allowed):
        for name in sorted(set(given) - set(allowed), key=str):
            self.add(f"{path}.{name}" if path else str(name), f"unknown field {name!r}; expected one of: {', '.join(sorted(allowed))}")

    def date(self, path, value, required=True):
        if value is None:
            if required:
                self.add(path, "is required (a date as YYYY-MM-DD)")
            return None
        day = parse_date(value)
        if day is None:
            self.add(path, f"{_show(value)} is not a valid date: use YYYY-MM-DD between {EARLIEST} and {LATEST}")
        return day

    def number(self, path, value, required=False, upper=MAX_HOURS):
        if value is None:
            if required:
                self.add(path, "is required (a number)")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"{_show(value)} is not a number")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(path, "must be a finite number")
            return None
        if value < 0:
            self.add(path, f"{value} is negative; enter 0 or more")
            return None
        if value > upper:
            self.add(path, f"{value} is more than {upper}, the most this field accepts")
            return None
        return Decimal(str(value))

    def flag(self, path, value, default):
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(path, f"{_show(value)} is not true or false")
            return default
        return value

    def choice(self, path, value, allowed, default=None):
        if value is None:
            if default is None:
                self.add(path, f"is required: one of {', '.join(allowed)}")
            return default
        if value not in allowed:
            self.add(path, f"{_show(value)} is not one of: {', '.join(allowed)}")
            return default
        return value


def _show(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def read_scenario(data, today):
    """(Scenario, []) when the input is valid, else (None, errors)."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add("", "the scenario must be a JSON object")
        return None, problems.errors
    problems.unknown_fields("", data, TOP_FIELDS)
    as_of = problems.date("as_of", data["as_of"]) if data.get("as_of") is not None else today
    held = _credentials(problems, data.get("credentials"), as_of)
    cpr_aed = _cpr_aed(problems, data.get("cpr_aed"))
    activities = _activities(problems, data.get("activities", []))
    memberships = _memberships(problems, data.get("memberships", []))
    options = _options(problems, data.get("options", {}))
    if problems.errors:
        return None, problems.errors
    return Scenario(as_of, held, cpr_aed, activities, memberships, options), []


def _items(problems, path, value, required):
    if value is None and not required:
        return []
    if not isinstance(value, list):
        problems.add(path, "must be a list" + ("" if value is not None else " and is required"))
        return []
    return value


def _credentials(problems, value, as_of):
    items = _items(problems, "credentials", value, required=True)
    if value == []:
        problems.add("credentials", "list at least one credential")
    known, held, seen = credential_index(), [], set()
    for i, item in enumerate(items):
        path = f"credentials[{i}]"
        if not isinstance(item, dict):
            problems.add(path, "must be an object with id and certified_on")
            continue
        problems.unknown_fields(path, item, {"id", "certified_on", "expires_on", "renewed_through"})
        cid = item.get("id")
        if not isinstance(cid, str) or cid not in known:
            problems.add(f"{path}.id", f"{_show(cid)} is not a supported credential; use one of: {', '.join(known)}")
        elif cid in seen:
            problems.add(f"{path}.id", f"{cid} is listed twice")
        else:
            seen.add(cid)
        certified = problems.date(f"{path}.certified_on", item.get("certified_on"))
        expires = problems.date(f"{path}.expires_on", item.get("expires_on"), required=False)
        renewed = problems.date(f"{path}.renewed_through", item.get("renewed_through"), required=False)
        if certified and renewed and renewed < certified:
            problems.add(f"{path}.renewed_through", f"{renewed} is before certified_on {certified}")
        if certified and as_of and certified > as_of:
            problems.add(f"{path}.certified_on", f"{certified} is after the evaluation date {as_of}")
        if certified and expires and expires <= certified:
            problems.add(f"{path}.expires_on", f"{expires} is not after certified_on {certified}")
        if isinstance(cid, str) and cid in known and certified:
            held.append(Held(i, cid, certified, expires, renewed))
    return held


def _cpr_aed(problems, value):
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.add("cpr_aed", "must be an object with valid_until, or null when you hold no current CPR/AED")
        return None
    problems.unknown_fields("cpr_aed", value, {"valid_until", "hands_on_skills"})
    valid_until = problems.date("cpr_aed.valid_until", value.get("valid_until"))
    hands_on = problems.flag("cpr_aed.hands_on_skills", value.get("hands_on_skills"), True)
    return CprAed(valid_until, hands_on) if valid_until else None


def _activities(problems, value):
    items = _items(problems, "activities", value, required=False)
    if len(items) > MAX_ACTIVITIES:
        problems.add("activities", f"{len(items)} activities is more than the {MAX_ACTIVITIES} this calculator accepts")
        return []
    activities = []
    for i, item in enumerate(items):
        activity = _activity(problems, f"activities[{i}]", i, item)
        if activity:
            activities.append(activity)
    return activities


def _activity(problems, path, index, item):
    if not isinstance(item, dict):
        problems.add(path, "must be an object with type and date")
        return None
    kind = problems.choice(f"{path}.type", item.get("type"), ACTIVITY_TYPES)
    allowed = ALLOWED_FIELDS.get(kind, COMMON_FIELDS)
    if kind and not item.keys() <= allowed:
        problems.unknown_fields(path, item, allowed)
    day = problems.date(f"{path}.date", item.get("date"))
    title = item.get("title", "")
    if not isinstance(title, str):
        problems.add(f"{path}.title", "must be text")
        title = ""
    # Only the fields present are read: most activities carry two or three of them.
    numbers = {name: problems.number(f"{path}.{name}", item[name], upper=NUMBER_LIMITS[name])
               for name in NUMBER_LIMITS.keys() & item.keys() & allowed}
    for name in REQUIRED_FIELDS.get(kind, ()):
        if item.get(name) is None:
            problems.add(f"{path}.{name}", "is required " + ("(a number)" if name in NUMBER_LIMITS else "(semester or quarter)"))
    if kind == "online_course" and item.get("hours") is None and item.get("ceus") is None:
        problems.add(f"{path}.hours", "is required for an online course (or give its approved ceus)")
    extra = {name: problems.flag(f"{path}.{name}", item[name], default) for name, default in FLAG_DEFAULTS.items() if name in item}
    if "term" in item and "term" in allowed:
        extra["term"] = problems.choice(f"{path}.term", item["term"], ("semester", "quarter"))
    if "started_on" in item and "started_on" in allowed:
        extra["started_on"] = problems.date(f"{path}.started_on", item["started_on"], required=False)
    for name, known in (("topic", topics()), ("provider", organization_ids())):
        if item.get(name) is not None:
            extra[name] = problems.choice(f"{path}.{name}", item[name], known, default="") or None
    credential = item.get("credential")
    if credential is not None:
        earned = earned_credential_ids(kind)
        if credential not in earned:
            problems.add(f"{path}.credential", f"{_show(credential)} is not a credential this activity can name; use one of: {', '.join(earned)}")
        else:
            extra["credential"] = credential
    if not kind or not day:
        return None
    return Activity(index, kind, day, title, **numbers, **extra)


def _memberships(problems, value):
    items = _items(problems, "memberships", value, required=False)
    chosen = set()
    for i, org in enumerate(items):
        if problems.choice(f"memberships[{i}]", org, organization_ids(), default="") == org:
            chosen.add(org)
    return chosen


def _options(problems, value):
    if value is None:
        value = {}
    if not isinstance(value, dict):
        problems.add("options", "must be an object")
        return {}
    problems.unknown_fields("options", value, set(OPTIONS) | set(FLAG_OPTIONS) | set(DATE_OPTIONS))
    chosen = {name: problems.choice(f"options.{name}", value.get(name), allowed, default=allowed[0]) for name, allowed in OPTIONS.items()}
    chosen.update({name: problems.flag(f"options.{name}", value.get(name), False) for name in FLAG_OPTIONS})
    chosen.update({name: problems.date(f"options.{name}", value.get(name), required=False) for name in DATE_OPTIONS})
    return chosen
