"""The template variables of the calculator's form (site/templates/calculator_form.html).

Besides pyodide.form_context() (credentials, activity types, topics), what each organization's data
declares (calculator/choices.py), in the form's words, so a new organization's choices get their controls
from its data file alone:
- `option_controls`: organization id -> the controls of its options (`[lifetime_fee]`, `[paths]`, `[distinction]`);
- `activity_flags`: the checkbox each activity row gets for a distinction's `activity_flag`;
- `earned_credentials`: the credentials an additional-certification activity can name;
- `credential_words`: credential id -> the words the credential picker finds it by (its abbreviation);
- `activity_categories`: the categories an activity can be filed under, and for each organization whose
  data has categories, each activity type's category in its newest `[[cycle_rules]]` ("C (our reading)").
"""
from dataclasses import dataclass

from buildlib.runtime import pyodide
from calculator import choices
from calculator.rules import category_ids, credential_index, earned_credential_ids, load_rules
from calculator.words import noun

LIFETIME_LABELS = {"none": "Not bought", "buy": "Buy it now", "held": "Already bought"}


@dataclass
class Control:
    kind: str  # "select", "checkbox" or "date"
    name: str  # the scenario option (or activity field) it sets
    label: str
    hint: str = ""
    values: tuple = ()  # (value, label) of a select
    default: str = ""
    shown_when: str = ""  # "option=value" (a select's value) or "option" (a ticked checkbox); always shown if empty


def context():
    organizations = load_rules()
    return {**pyodide.form_context(),
            "option_controls": {org_id: option_controls(rules) for org_id, rules in organizations.items()},
            "activity_flags": [control for rules in organizations.values() for control in activity_flag_controls(rules)],
            "earned_credentials": [(cid, credential_index()[cid][1]["name"]) for cid in earned_credential_ids("nsca_certification")],
            "credential_words": {cid: credential.get("abbreviation", "") for cid, (_, credential) in credential_index().items()},
            "activity_categories": {"names": category_ids(), "by_type": {
                org_id: by_type for org_id, rules in organizations.items() if (by_type := categories_by_type(rules))}}}


def option_controls(rules):
    """The controls of an organization's options, in the order the form shows them."""
    controls = []
    if "lifetime_fee" in rules:
        fee = rules["lifetime_fee"]
        controls.append(Control("select", fee["option"], fee["label"], default="none",
                                values=tuple((value, LIFETIME_LABELS[value]) for value in choices.LIFETIME_CHOICES)))
    if "paths" in rules:
        paths, units = rules["paths"], noun(2, rules["organization"]["unit"])
        values = tuple((value, "Retake the exam" if value == choices.EXAM_PATH else f"Report continuing education ({units})")
                       for value in paths["options"])
        controls.append(Control("select", paths["option"], "Way to recertify", values=values, default=paths["default"]))
        controls.append(Control("date", paths["passed_on_option"], "Exam passed on", hint="(empty if not yet)",
                                shown_when=f"{paths['option']}={choices.EXAM_PATH}"))
    if "distinction" in rules:
        controls.append(Control("checkbox", rules["distinction"]["option"], f"Aim for {rules['distinction']['label']}"))
    return controls


def activity_flag_controls(rules):
    """An activity's checkbox marking it as one of the organization's own, shown once its distinction is asked for."""
    if "distinction" not in rules:
        return []
    distinction, short = rules["distinction"], rules["organization"]["short"]
    return [Control("checkbox", distinction["activity_flag"], f"One of {short}'s activities, toward {distinction['label']}",
                    shown_when=distinction["option"])]


def categories_by_type(rules):
    """Each activity type's category in the organization's newest cycle rules, "(our reading)" where the
    sources state none ({} where its data has no categories)."""
    newest = max(rules.get("cycle_rules", []), key=lambda entry: entry["first_cycle"], default={})
    reading = newest.get("categories_reading", {}).get("types", ())
    return {kind: name + (" (our reading)" if kind in reading else "") for kind, name in newest.get("categories", {}).items()}
