"""Plain summaries of the rules data for the site's generated pages (credential pages, comparison).

Everything here is read from the same data the calculator evaluates, so a page cannot
disagree with the calculator. Fees are those in force on the newest source date.
"""
from datetime import date

from .fees import NOT_PUBLISHED
from .rules import credential_index, decimal, in_force, load_rules, newest_source_date, show
from .words import quantity

CYCLE_TEXT = {
    "anniversary": "{years} years from certification or the last renewal; the deadline is the expiration date in your account",
    "calendar": "{years} years, ending December 31; the first cycle ends December 31 of the third year after you certify",
    "fixed": "fixed {years}-year cycles for everyone, ending December 31 (2024-2026, 2027-2029, ...)",
}
ACTIVITY_NAMES = {
    "event": "Live or live-streamed course, seminar, conference or workshop",
    "online_course": "Online course, home study or recorded webinar",
    "college_course": "College course",
    "first_aid": "First Aid certification",
    "quiz": "Quiz",
    "ncca_certification": "Another NCCA-accredited certification",
    "nsca_certification": "An additional NSCA certification",
    "personal_development": "Personal development (reading, podcasts, self-study)",
    "cpr_aed": "CPR/AED course",
    "volunteer": "Volunteering",
    "other": "Other activity",
}


def reference_date():
    return date.fromisoformat(newest_source_date())


def organizations():
    """One summary per organization, in data order, for the comparison page."""
    return [_organization(rules) for rules in load_rules().values()]


def credential(cid):
    """Everything a credential page shows: requirement, fees, cycle, windows, activities, sources."""
    rules, data = credential_index()[cid]
    on = reference_date()
    org = rules["organization"]
    return {
        "id": cid,
        "name": data["name"],
        "abbreviation": data["abbreviation"],
        "organization": _organization(rules),
        "unit": org["unit"],
        "requirement": _requirement(rules, data),
        "fee": _credential_fee(rules, data, on),
        "activities": _activities(rules),
        "checked": newest_source_date(),
    }


def _organization(rules):
    org, on = rules["organization"], reference_date()
    return {
        "id": org["id"],
        "name": org["name"],
        "short": org["short"],
        "unit": org["unit"],
        "hour_value": float(decimal(org["hour_value"])),
        "cycle": CYCLE_TEXT[rules["cycle"]["kind"]].format(**rules["cycle"]),
        "credentials": [
            {"id": c["id"], "name": c["name"], "requirement": _requirement(rules, c)["summary"], "fee": _credential_fee(rules, c, on)}
            for c in rules["credentials"]
        ],
        "late": [
            {"label": tier["label"], "after_deadline": _offset_text(tier["until"]), "fee": _fee(rules, rules["fees"][tier["fee"]], on)}
            for tier in rules.get("late", [])
        ],
        "expired": _expired_text(rules),
        "cpr_aed": "Adult CPR and AED must be current" + (", with a hands-on skills part" if rules["cpr_aed"]["hands_on"] else ""),
        "other_fees": _other_fees(rules, on),
        "sources": [dict(source, key=key) for key, source in rules["sources"].items()],
    }


def _requirement(rules, data):
    unit = rules["organization"]["unit"]
    if "required" in data:
        return {"summary": f"{quantity(show(rules, data['required']), unit)} per cycle", "bands": []}
    cycle_rules = max(rules["cycle_rules"], key=lambda entry: entry["first_cycle"])
    bands = [_band(band, unit) for band in cycle_rules["bands"]]
    return {"summary": f"{quantity(bands[0]['ceus'], unit)} per cycle when certified before it began; less when certified during it",
            "bands": bands, "two_categories": True, "first_cycle": cycle_rules["first_cycle"]}


def _band(band, unit):
    if band["year"] == -1:
        when = "Before the cycle began"
    else:
        when = ["In its first year", "In its second year", "In its final year"][band["year"]]
        if band["year"] == 2:
            when += ", January 1 to June 30" if band.get("from_month", 1) == 1 else ", July 1 to December 31"
    if not band.get("due", True):
        return {"when": when, "ceus": None, "max": {}, "fee": None, "note": "nothing due this cycle; the first cycle is the next one"}
    return {"when": when, "ceus": f"{decimal(band['ceus']):.1f}", "max": {k: f"{decimal(v):.1f}" for k, v in band["max"].items()},
            "fee": band["fee"], "note": ""}


def _credential_fee(rules, data, on):
    """The recertification fee; for NSCA a range over certification bands and membership."""
    if "fee" in data:
        return _fee(rules, data["fee"], on)
    cycle_rules = max(rules["cycle_rules"], key=lambda entry: entry["first_cycle"])
    amounts = [amount for band in cycle_rules["bands"] if "fee" in band for amount in band["fee"].values()]
    return {"amount": None, "text": f"${min(amounts)} to ${max(amounts)}, by certification date and membership",
            "period": cycle_rules["fee_period"], "source": dict(rules["sources"][cycle_rules["fee_source"]])}


def _fee(rules, entries, on):
    entry = in_force(entries, on) if entries else None
    if entry is None or "amount" not in entry:
        return {"amount": None, "text": NOT_PUBLISHED, "period": "", "source": _source(rules, entry)}
    return {"amount": float(decimal(entry["amount"])), "text": f"${decimal(entry['amount']):.2f}",
            "period": entry.get("period", ""), "source": _source(rules, entry)}


def _source(rules, entry):
    return dict(rules["sources"][entry["source"]]) if entry else None


def _other_fees(rules, on):
    names = {"petition": "Petition, per course not pre-approved", "recertify_for_life": "Recertify for Life (one-time)",
             "reinstatement": "Reinstatement", "additional_credential": "Each additional credential renewed together",
             "exam": "Retaking the exam"}
    return [{"label": label, **_fee(rules, rules["fees"][key], on)} for key, label in names.items() if key in rules["fees"]]


def _offset_text(offset):
    parts = [quantity(n, unit.removesuffix("s")) for unit, n in offset.items() if n > 0]
    text = " and ".join(parts) + " after the deadline"
    early = -offset.get("days", 0)  # a window that ends "before" a day: {"years": 1, "days": -1}
    return text if early <= 0 else ("the day" if early == 1 else quantity(early, "day")) + f" before {text}"


def _expired_text(rules):
    routes = {"retake_exam": "take the exam again", "reinstatement": "apply for reinstatement",
              "appeal": "go through the appeal/reinstatement process (hardship appeals: February 1 to March 15 after the deadline, for the spring review)"}
    return "After the last window: " + ", or ".join(routes[r] for r in rules["expired"]["routes"]) + "."


def _activities(rules):
    unit = rules["organization"]["unit"]
    rows = []
    for kind, kind_rules in rules["activities"].items():
        rows.append({"type": kind, "name": ACTIVITY_NAMES[kind], "rule": _activity_text(rules, kind_rules, unit)})
    return rows


def _activity_text(rules, kind_rules, unit):
    kind = kind_rules["kind"]
    if kind == "none":
        return "Does not count: " + kind_rules["reason"]
    rate = decimal(rules["organization"]["hour_value"])
    text = {
        "per_hour": f"{quantity(rate, unit)} per hour",
        "approved_value": f"its pre-approved {unit} value (pre-approval required)",
        "fixed": f"{quantity(decimal(kind_rules.get('value', 0)), unit)} each",
        "per_credit_hour": ", ".join(f"{quantity(decimal(v), unit)} per {term} credit hour" for term, v in kind_rules.get("rates", {}).items()),
        "quiz": f"counts with a score of {kind_rules.get('pass_score')} or more",
    }[kind]
    if "item_cap" in kind_rules:
        text += f", at most {quantity(kind_rules['item_cap'], unit)} each"
    if "year_cap" in kind_rules:
        cap = rules["year_caps"][kind_rules["year_cap"]]
        entry = in_force(cap["values"], reference_date())
        if entry:
            text += f", at most {quantity(entry['amount'], unit)} per calendar year" + (f" (from {entry['from']})" if "from" in entry else "")
    if kind_rules.get("unapproved") == "petition":
        text += "; not pre-approved: by petition, with a fee per course"
    if kind_rules.get("condition"):
        text += f"; {kind_rules['condition']}"
    return text
