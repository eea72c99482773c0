"""Figures for content pages: a page names a figure and the build looks it up in calculator/data/.

A content file is a Jinja2 template rendered before Markdown. Its expressions call these
functions (ids are the data's: organization ids such as "nasm", credential ids such as
"acsm-ep", and the keys of the organization's file):

    {{ fee("nasm-cpt") }}                     $99.00, a credential's recertification fee
    {{ fee("nasm", "late_90") }}              a fee by its key in [fees]
    {{ fee("acsm-cpt", source="seed") }}      the figure a given source published (older figures)
    {{ fee("acsm", "late", on="2019-06-01") }}   the figure in force on a day
    {{ fee("nasm-cpt").period }} / .source    where the figure comes from; .source is a link
    {{ required("acsm-ep") }}                 60 CECs; .number is 60, .hours the contact hours
    {{ required_range("acsm") }}              15, 45 or 60 CECs
    {{ hour_value("nasm") }}                  0.1 CEUs (per contact hour); amounts add, subtract, multiply
    {{ cpr_credit("nasm") }}                  what a current CPR/AED card counts
    {{ cpr_valid_after("issa") }}             30 days: how long past the submission a CPR/AED must stay valid
    {{ required_part("ncsf", "ethics") }}     1.0 CEU: a part the total must include (by its topic or label)
    {{ activity("nsca", "event").item_cap }}  .value .rate("semester") .item_cap .year_cap .year_cap_from .pass_score .default_value .rule
    {{ window("acsm", "late") }}              June 30: the end of the late tier whose fee key is "late";
                                              "count" (when credits stop counting), "appeal" (appeal dates);
                                              with personal deadlines a length: "within 90 days" of expiration
    {{ cycle_length("nasm") }}                two years (digits=True: 2 years)
    {{ deadline("acsm") }}                    the deadline, in words
    {{ audit("nasm") }}                       30 days to send documents when picked
    {{ band("nsca", 2024, "2025") }}          the requirement band of people certified in 2025, for the
                                              cycle starting 2024 ("before", "YYYY" or "YYYY-MM"):
                                              .required .max.A .maxima .fee.member .fee.non_member
    {{ discount("nsca", 2018).amount }}       an early discount (.before: the day it ends); two_categories("nsca", 2018)
    {{ distinction("nsca").ceus }}            .per_additional .fee.member .fee.non_member
    {{ category("nsca", 2018, "quiz") }}      D, or "D (our reading)" where the source states none
    {{ quote("nasm", "recertify_for_life") }} a figure another source gives, which our rules do not use
    {{ source("nasm", "guidelines") }}        a Markdown link to a source
    {{ calculator_link("nsca-cscs") }}        the calculator with that credential ticked (a share link)
    {{ names() }}                             NASM, ACSM, NSCA, ACE, NCSF and ISSA: every organization, in data order
    {{ organization_ids() }}                  `nasm`, `acsm`, ... or `issa`, as Markdown code
    {{ credential_ids() }}                    every credential id as Markdown code, a semicolon between organizations

Tables (at a glance, fees, late windows, requirement bands) are in buildlib/figures/tables.py.
A name the data does not have raises FigureError; the build reports it with page and line.
"""
import base64
import json
from datetime import date

from buildlib.figures.values import (Amount, FigureError, Figures, Money, credential_rules, known, organization_rules,
                                    rules_of, source_link)
from calculator import describe, wording
from calculator.rules import credential_index, decimal, in_force, load_rules


def fee(id_, key=None, source=None, on=None):
    rules = rules_of(id_)
    if key is None:
        data = credential_rules(id_)[1] if id_ not in load_rules() else {}
        if "fee" not in data:
            raise FigureError(f"{id_!r} has no single recertification fee (name a fee key, or use band() for fees by band)")
        entries = data["fee"]
    else:
        entries = known(rules["fees"], key, f"fee of {rules['organization']['id']}")
    if source is not None:
        matching = [entry for entry in entries if entry["source"] == source]
        if not matching:
            raise FigureError(f"no {key or 'recertification'} fee of {id_!r} comes from source {source!r}")
        entry = matching[-1]
    else:
        entry = in_force(entries, date.fromisoformat(on) if on else describe.reference_date())
        if entry is None:
            raise FigureError(f"no {key or 'recertification'} fee of {id_!r} is in force on {on or describe.reference_date()}")
    return Money(rules, entry.get("amount"), entry)


def required(cid):
    rules, data = credential_rules(cid)
    if "required" in data:
        return Amount(rules, data["required"])
    return Amount(rules, describe.latest_cycle_rules(rules)["bands"][0]["ceus"])


def required_range(org):
    rules = organization_rules(org)
    values = sorted({decimal(required(c["id"]).value) for c in rules["credentials"]})
    return wording.joined([Amount(rules, v).number for v in values], "or") + " " + wording.plural(rules["organization"]["unit"], values[-1])


def hour_value(org):
    rules = organization_rules(org)
    return Amount(rules, rules["organization"]["hour_value"])


def cpr_credit(org):
    rules = organization_rules(org)
    if "credit" not in rules["cpr_aed"]:
        raise FigureError(f"{org}: a CPR/AED certification counts nothing in the data")
    return Amount(rules, rules["cpr_aed"]["credit"])


def cpr_valid_after(org):
    rules = organization_rules(org)
    days = rules["cpr_aed"].get("valid_days_after_submission")
    if days is None:
        raise FigureError(f"{org}: the data gives no days a CPR/AED must stay valid after the submission")
    return wording.count(days, "day")


def required_part(org, name):
    rules = organization_rules(org)
    parts = {part.get("topic", part["label"]): part for part in rules.get("required_parts", [])}
    parts |= {part["label"]: part for part in rules.get("required_parts", [])}
    return Amount(rules, known(parts, name, f"required part of {org}")["amount"])


def activity(org, kind):
    rules = organization_rules(org)
    data = known(rules["activities"], kind, f"activity type of {org}")
    amount = lambda key: Amount(rules, data[key]) if key in data else None  # noqa: E731
    cap = rules.get("year_caps", {}).get(data.get("year_cap"))
    cap_entry = in_force(cap["values"], describe.reference_date()) if cap else None
    value = Amount(rules, data["value"]) if "value" in data else (
        Amount(rules, rules["organization"]["hour_value"]) if data["kind"] == "per_hour" else None)
    return Figures(
        f"{org} activity {kind!r}", value=value, item_cap=amount("item_cap"), default_value=amount("default_value"),
        pass_score=data.get("pass_score"), rule=describe.activity_rule(rules, kind),
        rate=lambda term: Amount(rules, known(data.get("rates", {}), term, f"credit-hour term of {org} {kind}")),
        year_cap=Amount(rules, cap_entry["amount"]) if cap_entry else None,
        year_cap_from=wording.long_date(date.fromisoformat(cap_entry["from"])) if cap_entry and "from" in cap_entry else None)


def window(org, name):
    rules = organization_rules(org)
    if name == "appeal":
        if "appeal" not in rules["expired"]:
            raise FigureError(f"{org} has no appeal window in the data")
        return describe.appeal_window(rules)
    if name == "count":
        return wording.window_end(rules["cycle"]["kind"], rules["count_window"]["after_deadline"])
    tiers = {tier["fee"]: tier for tier in rules.get("late", []) if "fee" in tier}
    return wording.window_end(rules["cycle"]["kind"], known(tiers, name, f"late window of {org} (named by its fee key)")["until"])


def cycle_length(org, digits=False):
    return wording.count(organization_rules(org)["cycle"]["years"], "year", words=not digits)


DEADLINES = {
    "anniversary": "your certification's expiration date",
    "calendar": "December 31 of the cycle's last year",
    "fixed": "December 31 of the cycle's last year, the same day for everyone",
}


def deadline(org):
    rules = organization_rules(org)
    text = DEADLINES.get(rules["cycle"]["kind"], DEADLINES["anniversary"])
    return text + (describe.expiration_shown(rules) if text == DEADLINES["anniversary"] else "")


def audit(org):
    rules = organization_rules(org)
    if "days" not in rules.get("audit", {}):
        raise FigureError(f"{org}: the data gives no audit deadline")
    return wording.count(rules["audit"]["days"], "day")


def cycle_rules(org, cycle):
    rules = organization_rules(org)
    entries = {entry["first_cycle"]: entry for entry in rules.get("cycle_rules", [])}
    return rules, known(entries, cycle, f"cycle of {org} (by its first year)")


def band(org, cycle, certified):
    """The band of people certified `certified` ("before", "YYYY" or "YYYY-MM"), in the cycle starting `cycle`."""
    rules, entry = cycle_rules(org, cycle)
    if certified == "before":
        year, month = -1, 1
    else:
        year, month = int(certified[:4]) - cycle, int(certified[5:7]) if len(certified) > 4 else 1
    matching = [b for b in entry["bands"] if b["year"] == year and b.get("from_month", 1) <= month]
    if not matching:
        raise FigureError(f"{org} {cycle}: no requirement band for people certified {certified!r}")
    found = max(matching, key=lambda b: b.get("from_month", 1))
    if not found.get("due", True):
        raise FigureError(f"{org} {cycle}: nothing is due for people certified {certified!r}")
    precision = rules["organization"]["precision"]
    return Figures(f"{org} {cycle} band {certified!r}", required=Amount(rules, found["ceus"]),
                   max={k: wording.number(v, precision) for k, v in found["max"].items()},
                   maxima="/".join(wording.number(v, precision) for v in found["max"].values()),
                   fee=Figures("its fee", **{k: Money(rules, v, {"source": entry["fee_source"], "period": entry["fee_period"]})
                                             for k, v in found["fee"].items()}))


def discount(org, cycle):
    rules, entry = cycle_rules(org, cycle)
    data = entry.get("early_discount")
    if not data:
        raise FigureError(f"{org} {cycle}: no early discount in the data")
    return Figures(f"{org} {cycle} early discount", amount=Money(rules, data["amount"], data),
                   before=wording.long_date(date.fromisoformat(data["before"])))


def two_categories(org, cycle):
    """The day before which people had to report from two categories ('' when everyone must)."""
    rules, entry = cycle_rules(org, cycle)
    before = date.fromisoformat(known(entry, "two_categories", f"rule of {org} {cycle}")["certified_before"])
    return "" if before.year > 9000 else wording.long_date(before)


def distinction(org):
    rules = organization_rules(org)
    data = known(rules, "distinction", f"part of {org}'s data")
    return Figures(f"{org} distinction", ceus=Amount(rules, data["ceus"]), per_additional=Amount(rules, data["per_additional_credential"]),
                   fee=Figures("its fee", **{k: Money(rules, v, data) for k, v in data["fee"].items()}))


def category(org, cycle, kind):
    _, entry = cycle_rules(org, cycle)
    letter = known(entry["categories"], kind, f"activity type with a category in {org} {cycle}")
    return letter + (" (our reading)" if kind in entry.get("categories_reading", {}).get("types", ()) else "")


def quote(org, key):
    return known(organization_rules(org).get("quotes", {}), key, f"quotation of {org}")["text"]


def source(org, key):
    return source_link(organization_rules(org), key)


def share_link(scenario):
    """A calculator link holding a scenario, in the calculator's own share-link format (#s=base64url JSON)."""
    code = base64.urlsafe_b64encode(json.dumps(scenario, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"/calculator/#s={code}"


def calculator_link(cid, text=None):
    credential_rules(cid)
    name = text or credential_index()[cid][1]["abbreviation"]
    return f"[{name}]({share_link({'credentials': [{'id': cid}]})})"


def calculator_links(org):
    """One calculator link per credential of the organization, each with that credential ticked."""
    return " · ".join(calculator_link(c["id"]) for c in organization_rules(org)["credentials"])


def names(last="and"):
    return wording.joined([rules["organization"]["short"] for rules in load_rules().values()], last)


def organization_ids(last="or"):
    return wording.joined([f"`{org_id}`" for org_id in load_rules()], last)


def credential_ids():
    return "; ".join(", ".join(f"`{c['id']}`" for c in rules["credentials"]) for rules in load_rules().values())


FUNCTIONS = {f.__name__: f for f in (
    fee, required, required_range, hour_value, cpr_credit, cpr_valid_after, required_part, activity, window, cycle_length, deadline, audit,
    band, discount, two_categories, distinction, category, quote, source, calculator_link, calculator_links, names,
    organization_ids, credential_ids)}
