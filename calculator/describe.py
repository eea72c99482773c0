"""Plain summaries of the rules data for the site's pages (credential pages, comparison, content pages).

Everything here is read from the same data the calculator evaluates, so a page cannot
disagree with the calculator. Fees are those in force on the day we last reviewed our sources.
Sentences are in the trainer's words: the form's labels, never the scenario's field names.
"""
from datetime import date

from . import dates
from .rules import credential_index, decimal, in_force, last_reviewed, load_rules
from .wording import ACTIVITY_NAMES, NOT_PUBLISHED, YEAR_END_KINDS, amount, ends_before, long_date, money, month_day, number, window_end

CYCLE_TEXT = {
    "anniversary": "{years} years; the deadline is your certification's expiration date",
    "calendar": "{years} years, ending December 31; the first cycle ends December 31 of the third year after you certify",
    "fixed": "fixed {years}-year cycles for everyone, ending December 31: 2024-2026, 2027-2029 and so on",
    "month_end": "{years} years from the day you passed the exam, to the last day of that month {years} years later",
}
EXPIRED_ROUTES = {"retake_exam": "take the exam again", "reinstatement": "apply for reinstatement",
                  "appeal": "go through the appeal/reinstatement process",
                  "ask_organization": "ask the organization: our sources publish nothing beyond that"}
OTHER_FEES = {"petition": "Petition, per course not pre-approved", "reinstatement": "Reinstatement", "additional_credential": "Each additional credential renewed together",
              "exam": "Retaking the exam"}
BAND_YEARS = ["In its first year", "In its second year", "In its final year"]


def reference_date():
    """The day whose figures the pages show: the last day we reviewed our sources."""
    reviewed = last_reviewed()
    return date.fromisoformat(reviewed) if reviewed else date.today()


def topic_choices():
    """(topic, label) for each activity topic a required part names, e.g. ("ethics", "Ethics and Professional Practice")."""
    return sorted({(part["topic"], part["label"]) for rules in load_rules().values()
                   for part in rules.get("required_parts", []) if "topic" in part})


def organizations():
    """One summary per organization, in data order."""
    return [organization(rules) for rules in load_rules().values()]


def credential(cid):
    """Everything a credential page shows: requirement, fees, cycle, windows, activities, sources."""
    rules, data = credential_index()[cid]
    return {
        "id": cid,
        "name": data["name"],
        "abbreviation": data["abbreviation"],
        "organization": organization(rules),
        "unit": rules["organization"]["unit"],
        "requirement": requirement(rules, data),
        "fee": credential_fee(rules, data),
        "activities": activities(rules),
    }


def organization(rules):
    org = rules["organization"]
    return {
        "id": org["id"],
        "name": org["name"],
        "short": org["short"],
        "unit": org["unit"],
        "hour_value": units(rules, org["hour_value"]),
        "hour_rate": hour_rate(rules),
        "cycle": cycle_text(rules),
        "credentials": [
            {"id": c["id"], "name": c["name"], "requirement": requirement(rules, c)["summary"], "fee": credential_fee(rules, c)}
            for c in rules["credentials"]
        ],
        "late": [{"label": tier["label"], "until": late_until(rules, tier), "period": tier.get("period", ""),
                  "fee": late_fee(rules, tier)} for tier in rules.get("late", [])],
        "expired": expired_text(rules),
        "cpr_aed": cpr_aed_text(rules),
        "other_fees": [{"label": label, **fee(rules, rules["fees"][key])} for key, label in other_fees(rules).items()],
        "sources": [source(rules, key) for key in rules["sources"]],
    }


def cycle_text(rules):
    text = CYCLE_TEXT.get(rules["cycle"].get("ends", rules["cycle"]["kind"]), "{years} years").format(**rules["cycle"])
    return text + (expiration_shown(rules) if rules["cycle"]["kind"] == "anniversary" else "")


def expiration_shown(rules):
    """', as NASM shows it in your NASM account' where a source says where the expiration date is shown, else ''."""
    shown = rules["organization"].get("expiration_shown_in")
    return f", as {rules['organization']['short']} shows it in {shown}" if shown else ""


def hour_rate(rules):
    """'0.5 CEUs per hour of continuing education, for most home study and seminars', or 'counted in hours'."""
    org = rules["organization"]
    if org["unit"] == "hour":
        return "counted in hours"
    scope = org.get("hour_value_scope")
    return f"{units(rules, org['hour_value'])} per hour of continuing education" + (f", {scope}" if scope else "")


def units(rules, value):
    """A figure in the organization's unit, as pages write it: 0.1 CEU, 2.0 CEUs, 45 CECs."""
    org = rules["organization"]
    return amount(value, org["unit"], org["precision"])


def source(rules, key):
    """A source for a page: title, edition, address (or where to find it) and the day we reviewed our copy."""
    entry = rules["sources"][key]
    return {"key": key, "title": entry["title"], "edition": entry["edition"], "url": entry.get("url"),
            "where": entry.get("where", ""), "held": entry["held"], "reviewed": entry.get("reviewed")}


def requirement(rules, data):
    if "required" in data:
        parts = [f"{units(rules, part['amount'])} {part['label']}" for part in rules.get("required_parts", [])]
        within = f", including {' and '.join(parts)}" if parts else ""
        return {"summary": f"{units(rules, data['required'])} per cycle{within}", "bands": []}
    cycle_rules = latest_cycle_rules(rules)
    bands = [band(rules, entry) for entry in cycle_rules["bands"]]
    return {"summary": f"{bands[0]['required']} per cycle when certified before it began; less when certified during it",
            "bands": bands, "first_cycle": cycle_rules["first_cycle"], "fee_period": cycle_rules["fee_period"]}


def latest_cycle_rules(rules):
    return max(rules["cycle_rules"], key=lambda entry: entry["first_cycle"])


def band_when(entry):
    """When a requirement band's people certified, relative to the cycle."""
    if entry["year"] == -1:
        return "Before the cycle began"
    when = BAND_YEARS[entry["year"]]
    if entry["year"] == len(BAND_YEARS) - 1:
        when += ", January 1 to June 30" if entry.get("from_month", 1) == 1 else ", July 1 to December 31"
    return when


def band(rules, entry):
    if not entry.get("due", True):
        return {"when": band_when(entry), "required": None, "max": {}, "fee": None,
                "note": "nothing due this cycle; the first cycle is the next one"}
    return {"when": band_when(entry), "required": units(rules, entry["ceus"]),
            "max": {k: number(v, rules["organization"]["precision"]) for k, v in entry["max"].items()},
            "fee": {k: money(v) for k, v in entry["fee"].items()}, "note": ""}


def credential_fee(rules, data):
    """The recertification fee; with requirement bands, the range over bands and membership."""
    if "fee" in data:
        return fee(rules, data["fee"])
    cycle_rules = latest_cycle_rules(rules)
    amounts = [amount for entry in cycle_rules["bands"] if "fee" in entry for amount in entry["fee"].values()]
    return {"amount": None, "text": f"{money(min(amounts))} to {money(max(amounts))}, by certification date and membership",
            "period": cycle_rules["fee_period"], "source": source(rules, cycle_rules["fee_source"])}


def fee(rules, entries, on=None):
    """The fee entry in force on `on` (the reference date by default): amount, text, period, source."""
    entry = in_force(entries, on or reference_date()) if entries else None
    if entry is None or "amount" not in entry:
        return {"amount": None, "text": NOT_PUBLISHED, "period": "", "source": source(rules, entry["source"]) if entry else None}
    return {"amount": float(decimal(entry["amount"])), "text": money(entry["amount"]),
            "period": entry.get("period", ""), "source": source(rules, entry["source"])}


def late_fee(rules, tier):
    """A late tier's fee; a tier without one has none in our sources."""
    if "fee" not in tier:
        return {"amount": None, "text": "no late fee in our sources", "period": "", "source": source(rules, tier["source"])}
    return fee(rules, rules["fees"][tier["fee"]])


def other_fees(rules):
    """Fee key -> label of the fees a page lists besides the renewal and late fees; the data labels those of its rules."""
    labels = {key: label for key, label in OTHER_FEES.items() if key in rules["fees"]}
    if "lifetime_fee" in rules:
        labels[rules["lifetime_fee"]["fee"]] = f"{rules['lifetime_fee']['label']} (one-time)"
    for table, key, label in (("several", "together_fee", "together_label"), ("own_courses_fee", "fee", "label"),
                              ("expired", "fee", "fee_label")):
        if label in rules.get(table, {}):
            labels[rules[table][key]] = rules[table][label]
    return labels


def late_until(rules, tier):
    """'until June 30', 'up to 90 days after your expiration date', 'before 1 year after your expiration date'."""
    end = window_end(rules["cycle"]["kind"], tier["until"])
    if rules["cycle"]["kind"] in YEAR_END_KINDS:
        return f"until {end}"
    return f"{'before' if ends_before(tier['until']) else 'up to'} {end} after your expiration date"


def appeal_window(rules):
    """'February 1 to March 15': the days of the year on which hardship appeals are accepted."""
    appeal = rules["expired"]["appeal"]
    return " to ".join(month_day(dates.month_day(2001, appeal[end])) for end in ("from", "until"))


def expired_text(rules):
    return ("After the last window: " if rules.get("late") else "After the deadline: ") + expired_routes(rules)


def expired_routes(rules):
    """What remains once every window has closed: 'take the exam again.'"""
    routes = []
    for route in rules["expired"]["routes"]:
        text = EXPIRED_ROUTES[route].replace("the organization", rules["organization"]["short"])
        if route == "appeal" and "appeal" in rules["expired"]:
            review = rules["expired"]["appeal"].get("review")
            text += f" (hardship appeals: {appeal_window(rules)} after the deadline" + (f", for {review})" if review else ")")
        routes.append(text)
    return ", or ".join(routes) + "."


def cpr_aed_text(rules):
    cpr = rules["cpr_aed"]
    if not cpr["required"]:
        return "Our sources name no current certification you must hold"
    text = "A current " + ("adult " if cpr.get("adult") else "") + "CPR and AED certification"
    if cpr.get("online_ok_unless_lapsed"):
        text += " that includes a skills evaluation; a renewal may be an online course with one, but after a lapse the course must be attended in person"
    elif cpr["hands_on"]:
        text += ", with a hands-on skills part"
    if cpr.get("format_unstated"):
        text += "; the source does not spell out the course format"
    if cpr.get("credit"):
        text += f"; it counts {units(rules, cpr['credit'])} toward the requirement"
    if cpr.get("valid_days_after_submission"):
        text += f"; valid at least {cpr['valid_days_after_submission']} days after the day you submit"
    return text


def activity_name(rules, kind):
    return rules["activities"][kind].get("name", ACTIVITY_NAMES[kind])


def activities(rules):
    return [{"type": kind, "name": activity_name(rules, kind), "rule": activity_rule(rules, kind)} for kind in rules["activities"]]


def activity_rule(rules, kind):
    """How one activity type counts, in a sentence fragment."""
    kind_rules = rules["activities"][kind]
    if kind_rules["kind"] == "none":  # ruled out by a source, or a value our sources do not publish (the reason says so)
        return ("Does not count: " + kind_rules["reason"]) if kind_rules.get("ruled_out") else capital(kind_rules["reason"])
    parts = [_value_text(rules, kind_rules)]
    if "item_cap" in kind_rules:
        parts.append(f"at most {units(rules, kind_rules['item_cap'])} each")
    cap = year_cap(rules, kind_rules)
    if cap:
        parts.append(cap)
    text = ", ".join(parts)
    unapproved = kind_rules.get("unapproved")
    if unapproved == "petition":
        petition = fee(rules, rules["fees"].get("petition"))
        text += "; not pre-approved: only by petition, " + (
            f"{petition['text']} per course" if petition["amount"] is not None else f"its fee {NOT_PUBLISHED}")
    elif unapproved:
        text += f"; not pre-approved: counts as {activity_name(rules, unapproved).split(' (')[0].lower()}"
    for key in ("condition", "note", "reading"):
        if kind_rules.get(key):
            text += f"; {kind_rules[key]}"
    return text


def capital(text):
    return text[:1].upper() + text[1:]


def _value_text(rules, kind_rules):
    unit = rules["organization"]["unit"]
    kind = kind_rules["kind"]
    if kind == "per_hour":
        return f"{units(rules, rules['organization']['hour_value'])} per hour"
    if kind == "approved_value":
        return f"its pre-approved {unit} value; pre-approval required"
    if kind == "fixed":
        return f"{units(rules, kind_rules['value'])} each"
    if kind == "per_credit_hour":
        rates = kind_rules["rates"]
        if len(set(rates.values())) == 1:  # the same for every kind of term: the source names none
            return f"{units(rules, next(iter(rates.values())))} per credit hour"
        return ", ".join(f"{units(rules, value)} per {term} credit hour" for term, value in rates.items())
    text = f"counts with a score of {kind_rules['pass_score']} or more"
    if "default_value" in kind_rules:
        text += f"; {units(rules, kind_rules['default_value'])} each on older pages when the quiz states no value"
    return text


def year_cap(rules, kind_rules):
    """'at most 5 CECs per calendar year from January 1, 2025', or '' without a cap in force."""
    if "year_cap" not in kind_rules:
        return ""
    cap = rules["year_caps"][kind_rules["year_cap"]]
    entry = in_force(cap["values"], reference_date())
    if entry is None:
        return ""
    text = f"at most {units(rules, entry['amount'])} per calendar year"
    if sum(other.get("year_cap") == kind_rules["year_cap"] for other in rules["activities"].values()) > 1:
        text += f" for {cap['label']} together"
    return text + (f" from {long_date(date.fromisoformat(entry['from']))}" if "from" in entry else "")

