"""The person's choices that an organization's data switches on, read through the option names the data declares.

- an exam path (`[paths]`: recertify by passing the exam instead of reporting credits; ACSM),
- a lifetime fee (`[lifetime_fee]`: one payment replaces every later renewal fee; NASM's Recertify for Life),
- recognition with distinction (`[distinction]`: extra credits from the organization's own activities; NSCA's *D).
"""


def path(rules, scenario):
    """The way chosen to recertify: the `[paths]` option's value, or "ceu" (reporting credits) without one."""
    return scenario.options[rules["paths"]["option"]] if "paths" in rules else "ceu"


def exam_path(rules, scenario):
    return path(rules, scenario) == "exam"


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
    return "distinction" in rules and getattr(activity, rules["distinction"]["activity_flag"])
