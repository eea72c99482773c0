"""The person's choices that an organization's data switches on, read through the option names the data declares.

- an exam path (`[paths]`: recertify by passing the exam instead of reporting credits; ACSM),
- a lifetime fee (`[lifetime_fee]`: one payment replaces every later renewal fee; NASM's Recertify for Life),
- recognition with distinction (`[distinction]`: extra credits from the organization's own activities,
  marked by its `activity_flag` field; NSCA's *D).
`declared_options` and `activity_flags` list those names, for reading the scenario and building the form.
"""
from typing import NamedTuple

LIFETIME_CHOICES = ("none", "buy", "held")  # not bought, buy it now, bought before
EXAM_PATH = "exam"  # the `[paths]` value that recertifies by the exam, its date option saying when it was passed


class Option(NamedTuple):
    kind: str  # "choice" (one of `values`, `default` when absent), "flag" (false when absent) or "date"
    values: tuple = ()
    default: str | bool | None = None


def declared_options(organizations):
    """Option name -> Option, for every option the organizations' rules declare, in data order."""
    options = {}
    for rules in organizations:
        if "lifetime_fee" in rules:
            options[rules["lifetime_fee"]["option"]] = Option("choice", LIFETIME_CHOICES, "none")
        if "paths" in rules:
            paths = rules["paths"]
            options[paths["option"]] = Option("choice", tuple(paths["options"]), paths["default"])
            options[paths["passed_on_option"]] = Option("date")
        if "distinction" in rules:
            options[rules["distinction"]["option"]] = Option("flag", default=False)
    return options


def activity_flags(organizations):
    """The activity fields the organizations' rules declare: true marks an activity of the organization's own."""
    return tuple(rules["distinction"]["activity_flag"] for rules in organizations if "distinction" in rules)


def path(rules, scenario):
    """The way chosen to recertify: the `[paths]` option's value, or "ceu" (reporting credits) without one."""
    return scenario.options[rules["paths"]["option"]] if "paths" in rules else "ceu"


def exam_path(rules, scenario):
    return path(rules, scenario) == EXAM_PATH


def exam_passed_on(rules, scenario):
    """When the person passed the exam, if they said so (the exam path's date option)."""
    return scenario.options.get(rules["paths"]["passed_on_option"]) if "paths" in rules else None


def lifetime_fee(rules, scenario):
    """"none", "buy" (pay it now) or "held" (paid before), for an organization with a lifetime fee."""
    return scenario.options[rules["lifetime_fee"]["option"]] if "lifetime_fee" in rules else "none"


def distinction_asked(rules, scenario):
    return "distinction" in rules and scenario.options[rules["distinction"]["option"]]


def counts_for_distinction(rules, activity):
    """Whether the activity is marked as one of the organization's own (the distinction's activity field)."""
    return "distinction" in rules and rules["distinction"]["activity_flag"] in activity.marked
