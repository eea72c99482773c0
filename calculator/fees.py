"""What a person owes for one credential: itemized fees, each with its source."""
from datetime import date, timedelta

from . import choices
from .dates import in_words
from .rules import decimal, in_force, source_text

NOT_PUBLISHED = "not published in our sources"


def fee_item(rules, label, entries, on, count=1):
    """One fee line from versioned entries; an entry without an amount is "not published"."""
    entry = in_force(entries, on) if entries else None
    if entry is None or "amount" not in entry:
        source = source_text(rules, entry["source"]) if entry else NOT_PUBLISHED
        return {"label": f"{label}: {NOT_PUBLISHED}", "amount": None, "currency": "USD", "source": source}
    amount = decimal(entry["amount"]) * count
    item = {"label": label, "amount": float(amount), "currency": "USD", "source": source_text(rules, entry["source"])}
    # per: "person" for one fee whatever the number of credentials (owed.py); per_reading: where that is our reading
    item |= {key: entry[key] for key in ("period", "per", "per_reading") if key in entry}
    return item


def late_fee(rules, cycle, day, on):
    """The late fee of the tier that covers `day` (a day after the deadline), in force on `on`, or None."""
    tier = next((tier for until, tier in cycle.late if day <= until), None)
    if tier is None or "fee" not in tier:  # past every tier, or a tier for which no fee is published
        return None
    return fee_item(rules, tier["label"], rules["fees"][tier["fee"]], on)


def total(items):
    """The sum of the fees, or None when any of them is not published."""
    if any(item["amount"] is None for item in items):
        return None
    return float(sum(decimal(item["amount"]) for item in items))


def recertification_fee(rules, credential, held, cycle, scenario, group, exam_passed=False):
    """The fee for renewing this credential this cycle, after the organization's own options."""
    on, lifetime = scenario.as_of, choices.lifetime_fee(rules, scenario)
    if lifetime != "none":
        life = rules["lifetime_fee"]
        if lifetime == "held":
            return {"label": f"Renewal fee: covered by your {life['label']} payment", "amount": 0.0, "currency": "USD",
                    "source": source_text(rules, life["source"])}
        return fee_item(rules, f"{life['label']} (one-time; replaces every future renewal fee)", rules["fees"][life["fee"]], on)
    if choices.exam_path(rules, scenario):
        exam = rules["paths"]["exam"]
        if exam_passed and exam.get("paid_when_registering"):
            return {"label": "Exam fee: paid when you registered for the exam", "amount": 0.0, "currency": "USD",
                    "source": source_text(rules, exam["source"])}
        return fee_item(rules, "Exam fee (recertifying by retaking the exam)", rules["fees"]["exam"], on)
    if group and "together_fee" in rules["several"]:
        return _together_fee(rules, held, group, on)
    if group and group[0] != held.id:
        return fee_item(rules, f"Additional credential renewed together with {group[0]}", rules["fees"][rules["several"]["additional_fee"]], on)
    if cycle.band is not None:
        return _band_fee(rules, cycle, scenario)
    return fee_item(rules, "Recertification fee", credential["fee"], on)


def own_courses_fee(rules, credential, tally, on):
    """The fee when the organization's own courses alone meet the requirement (ISSA: $0), else None."""
    rule = rules.get("own_courses_fee")
    if rule is None or tally.by_provider[rules["organization"]["id"]] < decimal(credential["required"]):
        return None
    return fee_item(rules, rule["label"], rules["fees"][rule["fee"]], on)


def _together_fee(rules, held, group, on):
    """One fee for the credentials renewed together (NCSF: $100 for two or more), carried by the first."""
    several = rules["several"]
    if group[0] == held.id:
        return fee_item(rules, f"{several['together_label']} ({len(group)})", rules["fees"][several["together_fee"]], on)
    return {"label": f"Renewed together with {group[0]}: covered by its fee", "amount": 0.0, "currency": "USD",
            "source": source_text(rules, several["source"])}


def _band_fee(rules, cycle, scenario):
    """NSCA: the fee depends on the certification band and on membership."""
    member = rules["organization"]["id"] in scenario.memberships
    amount = decimal(cycle.band["fee"]["member" if member else "non_member"])
    label = "Recertification fee (" + ("member" if member else "non-member") + " rate)"
    item = {"label": label, "amount": float(amount), "currency": "USD",
            "source": source_text(rules, cycle.rules["fee_source"]), "period": cycle.rules["fee_period"]}
    discount = cycle.rules.get("early_discount")
    last_early_day = date.fromisoformat(discount["before"]) - timedelta(days=1) if discount else None
    # an early rate is the cycle's own (a day inside it): older cycles that borrow its rules do not get it
    if last_early_day and scenario.as_of <= last_early_day and cycle.start <= last_early_day <= cycle.deadline:
        # The early amount is what is due today; the full one is kept so the actions can say both.
        item |= {"label": f"{label}, early rate through {in_words(last_early_day)}", "amount": float(amount - decimal(discount["amount"])),
                 "early_until": last_early_day.isoformat(), "amount_after": float(amount),
                 "source": source_text(rules, discount["source"])}
    return item

