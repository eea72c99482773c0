"""Reading a scenario: each value's type is checked before it is used; every problem is collected
with its field path (fields.py says how each kind of value is read); nothing raises."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property

from .choices import activity_flags, declared_options
from .dates import in_words
from .fields import MAX_HOURS, Problems, show
from .rules import category_ids, credential_index, earned_credential_ids, load_rules, organization_ids, topic_ids

MAX_ACTIVITIES = 20_000

ACTIVITY_TYPES = (
    "event", "online_course", "college_course", "first_aid", "quiz", "ncca_certification",
    "nsca_certification", "personal_development", "cpr_aed", "volunteer", "other",
)
# Besides these, an activity takes the fields the data declares (choices.activity_flags: "nsca_activity").
COMMON_FIELDS = {"title", "date", "type", "approved", "in_scope", "hours", "notes", "topic", "provider", "category"}
TYPE_FIELDS = {
    "event": {"in_scope_hours"},
    "online_course": {"ceus"},
    "college_course": {"credit_hours", "term", "started_on"},
    "quiz": {"score", "ceus"},
    "nsca_certification": {"credential"},
    "other": {"ceus"},
}
ALLOWED_FIELDS = {kind: frozenset(COMMON_FIELDS | TYPE_FIELDS.get(kind, set())) for kind in ACTIVITY_TYPES}
ANY_FIELD = frozenset(COMMON_FIELDS.union(*TYPE_FIELDS.values()))  # when the type is unknown
REQUIRED_FIELDS = {
    "event": ("hours",), "personal_development": ("hours",), "volunteer": ("hours",),
    "other": ("hours",), "college_course": ("credit_hours", "term"), "quiz": ("score",),
}
# How each activity field is read, in the order its errors are listed.
NUMBER_LIMITS = {"hours": MAX_HOURS, "in_scope_hours": MAX_HOURS, "ceus": MAX_HOURS, "credit_hours": MAX_HOURS, "score": 100}
FLAG_DEFAULTS = {"approved": True, "in_scope": True}
DATE_FIELDS = ("date", "started_on")
TEXT_FIELDS = ("title", "notes")
CHOICE_FIELDS = ("term", "credential", "provider", "topic", "category")  # topic, category: ones the rules name
READ_ORDER = (*DATE_FIELDS, *NUMBER_LIMITS, *CHOICE_FIELDS, *FLAG_DEFAULTS, *TEXT_FIELDS)
TERMS = ("semester", "quarter")
DATE_QUESTIONS = {"date": "When did you complete it?"}  # the message for a date left out or empty
# no_activities: the form's "no continuing education to enter yet" (its results wait for it or an activity); checked, not used
TOP_FIELDS = {"as_of", "credentials", "cpr_aed", "activities", "memberships", "options", "no_activities"}


@dataclass
class Held:
    index: int
    id: str
    certified_on: date
    expires_on: date | None
    renewed_through: date | None = None  # the deadline of the last cycle the person says they completed
    earned: Decimal | None = None  # units already earned this cycle, as one total (a studio's roster)


@dataclass
class CprAed:
    valid_until: date
    hands_on_skills: bool | None  # None: not said (the result says what it assumes)


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
    marked: frozenset = frozenset()  # the data-declared activity fields that are true (choices.activity_flags)
    topic: str | None = None
    provider: str | None = None  # the organization that gave the course, when it did
    category: str | None = None  # the category the person files it under, where the data has categories


@dataclass
class Scenario:
    as_of: date
    credentials: list
    cpr_aed: CprAed | None
    activities: list
    memberships: set = field(default_factory=set)
    options: dict = field(default_factory=dict)

    @cached_property
    def in_order(self):
        """The activities in date order; those of one day in an order of their own content, not of the list,
        so that the order in which they were entered changes nothing (which of them a cap trims, which is
        the repeat). Sorted once, every credential counts them in this order; the content compared only
        between activities of one day."""
        days = {}
        for activity in self.activities:
            days.setdefault(activity.date, []).append(activity)
        ordered = []
        for day in sorted(days):
            same_day = days[day]
            ordered += sorted(same_day, key=_content) if len(same_day) > 1 else same_day
        return ordered


def _content(activity):
    fields = vars(activity).items()
    return [(k, sorted(v) if isinstance(v, frozenset) else repr(v)) for k, v in fields if k != "index"]


def read_scenario(data, today):
    """(Scenario, []) when the input is valid, else (None, errors)."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add("", f"{show(data)} is not a scenario: the scenario must be a JSON object")
        return None, problems.errors
    problems.unknown_fields("", data, TOP_FIELDS)
    as_of = today if data.get("as_of") is None else problems.date("as_of", data["as_of"])
    held = _credentials(problems, data.get("credentials"), as_of)
    cpr_aed = _cpr_aed(problems, data.get("cpr_aed"))
    activities = _activities(problems, data.get("activities"))
    memberships = _memberships(problems, data.get("memberships"))
    options = _options(problems, data.get("options"))
    if "no_activities" in data:
        problems.flag("no_activities", data["no_activities"], False)
    if problems.errors:
        return None, problems.errors
    return Scenario(as_of, held, cpr_aed, activities, memberships, options), []


def _credentials(problems, value, as_of):
    items = problems.items("credentials", value, "credentials, each with id and certified_on", required=True)
    if value == []:
        problems.add("credentials", "is empty: list at least one credential")
    known, held, seen = credential_index(), [], set()
    for i, item in enumerate(items):
        path = f"credentials[{i}]"
        item = problems.object(path, item, "id and certified_on")
        if item is None:
            continue
        problems.unknown_fields(path, item, {"id", "certified_on", "expires_on", "renewed_through", "earned"})
        cid = problems.choice(f"{path}.id", item.get("id"), known, what="a supported credential")
        if cid and cid in seen:
            problems.add(f"{path}.id", f"{show(cid)} is listed twice")
        seen.add(cid)
        certified = problems.date(f"{path}.certified_on", item.get("certified_on"))
        expires = problems.date(f"{path}.expires_on", item.get("expires_on"), required=False)
        renewed = problems.date(f"{path}.renewed_through", item.get("renewed_through"), required=False)
        earned = problems.number(f"{path}.earned", item.get("earned"))
        if certified and renewed and renewed < certified:
            problems.add(f"{path}.renewed_through", f"{in_words(renewed)} is before the certification date, {in_words(certified)}")
        if certified and as_of and certified > as_of:
            problems.add(f"{path}.certified_on", f"{in_words(certified)} is after the evaluation date, {in_words(as_of)}")
        if certified and expires and expires <= certified:
            problems.add(f"{path}.expires_on", f"{in_words(expires)} is not after the certification date, {in_words(certified)}")
        if cid and certified:
            held.append(Held(i, cid, certified, expires, renewed, earned))
    return held


def _cpr_aed(problems, value):
    if value is None:
        return None
    card = problems.object("cpr_aed", value, "valid_until (or null when you hold no current CPR/AED)")
    if card is None:
        return None
    problems.unknown_fields("cpr_aed", card, {"valid_until", "hands_on_skills"})
    valid_until = problems.date("cpr_aed.valid_until", card.get("valid_until"))
    hands_on = card.get("hands_on_skills")
    if hands_on is not None:
        hands_on = problems.flag("cpr_aed.hands_on_skills", hands_on, None)
    return CprAed(valid_until, hands_on) if valid_until else None


def _activities(problems, value):
    items = problems.items("activities", value, "activities")
    if len(items) > MAX_ACTIVITIES:
        problems.add("activities", f"{len(items)} activities is more than the {MAX_ACTIVITIES} this calculator accepts")
        return []
    activities, flags = [], activity_flags(load_rules().values())
    for i, item in enumerate(items):
        activity = _activity(problems, f"activities[{i}]", i, item, flags)
        if activity:
            activities.append(activity)
    return activities


@cache
def _fields_of(kind, flags):
    """For an activity type (None: not known): the fields it may have, and (name, required) for each
    field that is read when present (or always, when required), in READ_ORDER."""
    allowed = ALLOWED_FIELDS.get(kind, ANY_FIELD)
    required = ("date", *REQUIRED_FIELDS.get(kind, ()))
    return allowed | {"type", *flags}, tuple((name, name in required) for name in READ_ORDER if name in allowed)


def _activity(problems, path, index, item, flags):
    item = problems.object(path, item, "type and date")
    if item is None:
        return None
    kind = problems.choice(f"{path}.type", item.get("type"), ACTIVITY_TYPES)
    allowed, fields = _fields_of(kind, flags)
    problems.unknown_fields(path, item, allowed)
    values = {name: _activity_field(problems, f"{path}.{name}", name, item.get(name), required)
              for name, required in fields if required or name in item}
    marked = frozenset(name for name in flags if name in item and problems.flag(f"{path}.{name}", item[name], False))
    if kind == "online_course" and item.get("hours") is None and item.get("ceus") is None:
        problems.missing(f"{path}.hours", "a number; or give the approved ceus of the course")
    if not kind or not values["date"]:
        return None
    values.pop("notes", None)  # for the person's own records: checked, not used
    return Activity(index, kind, marked=marked, **{name: value for name, value in values.items() if value is not None})


def _activity_field(problems, path, name, value, required):
    if name in NUMBER_LIMITS:
        return problems.number(path, value, required, upper=NUMBER_LIMITS[name])
    if name in FLAG_DEFAULTS:
        return problems.flag(path, value, FLAG_DEFAULTS[name])
    if name in DATE_FIELDS:
        return problems.date(path, value, required, question=DATE_QUESTIONS.get(name))
    if name in TEXT_FIELDS:
        return problems.text(path, value) or None
    if name == "topic":
        return _named(problems, path, value, topic_ids(), "topic")
    if name == "category":
        return _named(problems, path, value, category_ids(), "category")
    allowed, what = {
        "term": (TERMS, None),
        "credential": (earned_credential_ids("nsca_certification"), "a credential of the organization that counts it"),
        "provider": (organization_ids(), "an organization"),
    }[name]
    return problems.choice(path, value, allowed, default=None if required else "", what=what) or None


def _named(problems, path, value, names, what):
    """A topic or category the rules name, whatever its case ("Ethics" is "ethics"); empty or null: none."""
    if value in (None, ""):
        return None
    known = {name.casefold(): name for name in names}
    if isinstance(value, str) and value.strip().casefold() in known:
        return known[value.strip().casefold()]
    accepted = f"use one of {', '.join(names)}, or leave it out" if names else f"these rules name no {what}; leave it out"
    problems.add(path, f"{show(value)} is not a {what} the rules count: {accepted}")
    return None


def _memberships(problems, value):
    items = problems.items("memberships", value, 'organization ids, such as ["nsca"]')
    return {problems.choice(f"memberships[{i}]", org, organization_ids(), what="an organization", listed=True)
            for i, org in enumerate(items)} - {None}


def _options(problems, value):
    if value is None:
        value = {}
    options = problems.object("options", value, "option names and values") or {}
    declared = declared_options(load_rules().values())
    problems.unknown_fields("options", options, declared)
    return {name: _option(problems, f"options.{name}", option, options[name]) if name in options else option.default
            for name, option in declared.items()}


def _option(problems, path, option, value):
    if option.kind == "date":  # the day something happened, when known: null is "not known"
        return problems.date(path, value, required=False)
    if option.kind == "flag":
        return problems.flag(path, value, option.default)
    if value is None:
        problems.add(path, f"null is not one of: {', '.join(option.values)}; leave it out to take the default, {show(option.default)}")
        return option.default
    return problems.choice(path, value, option.values, default=option.default)
