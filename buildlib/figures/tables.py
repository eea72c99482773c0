"""Tables for content pages, made from the rules data: a page writes {{ fee_table("nasm") }}.

    {{ at_a_glance("acsm") }}               the organization's rules in one table
    {{ fee_table("nasm") }}                 every fee with its source (credentials=False leaves out
                                            the recertification fees, for a page that lists them apart)
    {{ late_table("nsca") }}                what happens after the deadline, window by window
    {{ credentials_table("acsm") }}         each credential's requirement and fee, one fee column per source
    {{ fee_history("acsm", "late", "reinstatement") }}   fees over time, one column per change
    {{ requirement_table("nsca", 2024) }}   requirement bands of a cycle (dated=True: in that cycle's years;
                                            maxima=False: without category maximums)
    {{ band_fee_table("nsca", 2018) }}      fees by band and membership
    {{ organizations_table() }}             the organizations side by side, linking their guides
    {{ credential_list() }}                 every credential's page, by organization

Every fee list ends with the line asking the reader to confirm with the organization.
Each function works for any organization file: a new one needs no code here.
"""
from datetime import date, timedelta

from buildlib.figures.values import Money, organization_rules
from buildlib.figures.single import cycle_length, cycle_rules, deadline, fee, required_range, source
from calculator import describe, wording
from calculator.describe import capital
from calculator.rules import in_force, load_rules

CONFIRM = ("Confirm every amount with your organization before you pay: these figures come from our copies "
           "of its pages, not from the live ones.")


def table(header, rows):
    """A Markdown table, with blank lines around it."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n\n" + "\n".join(lines) + "\n\n"


def with_source(money):
    """Where a fee comes from: its source link and what the period adds to it."""
    return "; ".join(part for part in (money.source, money.note) if part) or "–"


def noted(money):
    """A fee with its period, for a table cell: $35.00 (the 2018-2020 figure, carried forward: ...)."""
    return f"{money} ({money.note})" if money.note else str(money)


def fee_rows(org, credentials=True):
    rules = organization_rules(org)
    rows = []
    if credentials:
        for credential in rules["credentials"]:
            if "fee" in credential:
                label = "Recertification fee" if len(rules["credentials"]) == 1 else f"Recertification fee, {credential['name']}"
                rows.append((label, fee(credential["id"])))
    rows += [(tier["label"], fee(org, tier["fee"])) for tier in rules.get("late", []) if "fee" in tier]  # a tier may have none
    rows += [(label, fee(org, key)) for key, label in describe.other_fees(rules).items()]
    return rows


def fee_table(org, credentials=True):
    rows = [(label, money, with_source(money)) for label, money in fee_rows(org, credentials)]
    return table(["Fee", "Amount", "Where the figure comes from"], rows) + CONFIRM + "\n"


def after_deadline(rules, tier, previous):
    """When a late tier applies: 'January 1 to June 30' or 'More than 90 days, up to 1 year after expiration'."""
    kind = rules["cycle"]["kind"]
    end = wording.window_end(kind, tier["until"])
    if kind in wording.YEAR_END_KINDS:
        start = "January 1" if previous is None else f"the day after {wording.window_end(kind, previous['until'])}"
        return f"{start} to {end}"
    up_to = "before" if wording.ends_before(tier["until"]) else "up to"
    if previous is None:
        return f"{up_to} {end} after expiration"
    return f"More than {wording.window_end(kind, previous['until'])}, {up_to} {end} after expiration"


def late_table(org):
    rules = organization_rules(org)
    tiers = rules.get("late", [])
    single = rules["credentials"][0] if len(rules["credentials"]) == 1 and "fee" in rules["credentials"][0] else None
    rows = [(f"By {deadline(org)}", "Normal recertification" + (f", {fee(single['id'])}" if single else ""))]
    for previous, tier in zip([None] + tiers[:-1], tiers):
        charge = f"late fee {noted(fee(org, tier['fee']))}" if "fee" in tier else describe.late_fee(rules, tier)["text"]
        carried = f" ({tier['period']})" if tier.get("period") else ""
        rows.append((capital(after_deadline(rules, tier, previous)), f"{tier['label']}{carried}: {charge}"))
    if tiers:
        last = wording.window_end(rules["cycle"]["kind"], tiers[-1]["until"])
        when = (f"After {last}" if rules["cycle"]["kind"] in wording.YEAR_END_KINDS else
                f"{last} or more after expiration" if wording.ends_before(tiers[-1]["until"]) else f"More than {last} after expiration")
    else:
        when = f"After {deadline(org)}"
    closed = "Every window has closed: " if tiers else "No late window is published in our sources: "
    rows.append((when, closed + describe.expired_routes(rules)))
    return table(["When", "What happens"], rows) + CONFIRM + "\n"


def at_a_glance(org):
    rules = organization_rules(org)
    kind, credentials = rules["cycle"]["kind"], rules["credentials"]
    cycle = {"anniversary": cycle_length(org, digits=True),
             "calendar": f"{cycle_length(org, digits=True)}, ending December 31",
             "fixed": f"Fixed {rules['cycle']['years']}-year periods ending December 31, the same for everyone"}[kind]
    if "cycle_rules" in rules:
        requirement = f"{describe.requirement(rules, credentials[0])['bands'][0]['required']}, less if you certified during the cycle"
    elif len(credentials) == 1:
        requirement = describe.requirement(rules, credentials[0])["summary"]
    else:
        requirement = f"{required_range(org)}, depending on the credential"
    hour = capital(describe.hour_rate(rules))
    rows = [("Cycle", cycle), ("Deadline", capital(deadline(org))), ("Unit", hour), ("Requirement", requirement)]
    latest = describe.latest_cycle_rules(rules) if "cycle_rules" in rules else None
    if latest and latest.get("two_categories"):
        rows.append(("Categories", f"{rules['organization']['unit']}s from at least two categories; each category has a maximum"))
    rows.append(("CPR/AED", capital(describe.cpr_aed_text(rules))))
    if len(credentials) == 1 and "fee" in credentials[0]:
        rows.append(("Fee", f"{fee(credentials[0]['id'])} per renewal"))
    else:
        amounts = sorted({fee(c["id"]).amount for c in credentials if "fee" in c} - {None})
        by_credential = f"{wording.money(amounts[0])} to {wording.money(amounts[-1])}, by credential" if amounts else "By credential"
        rows.append(("Fee", capital(describe.credential_fee(rules, credentials[0])["text"]) if latest else by_credential))
    for tier in rules.get("late", []):
        rows.append((tier["label"] + (f" ({tier['period']})" if tier.get("period") else ""),
                     f"{capital(describe.late_until(rules, tier))}, late fee {noted(fee(org, tier['fee']))}"))
    rows.append(("After that", capital(describe.expired_routes(rules))))
    audit = rules.get("audit", {})
    rows.append(("Audit", f"Random; {wording.count(audit['days'], 'day')} to send proof if picked" if "days" in audit
                 else "Random; documents are needed only if you are picked"))
    return table(["Item", "Rule"], rows)


def credentials_table(org):
    rules = organization_rules(org)
    sources = list(dict.fromkeys(entry["source"] for c in rules["credentials"] for entry in c.get("fee", [])))
    unit = rules["organization"]["unit"]
    header = ["Credential", "Its page", f"{unit}s per cycle"]
    header += [f"Fee, {rules['sources'][key]['edition']}" for key in sources] or ["Fee"]
    rows = []
    for credential in rules["credentials"]:
        row = [credential["name"], f"[{credential['abbreviation']}](/credentials/{credential['id']}/)",
               describe.requirement(rules, credential)["summary"].removesuffix(" per cycle")]
        by_source = {entry["source"]: entry for entry in credential.get("fee", [])}
        row += [Money(rules, by_source[key].get("amount"), by_source[key]) if key in by_source else wording.NOT_PUBLISHED
                for key in sources] or [describe.credential_fee(rules, credential)["text"]]
        rows.append(row)
    notes = f"Fees from {wording.joined([source(org, key) for key in sources])}.\n\n" if sources else ""
    return table(header, rows) + notes + CONFIRM + "\n"


def fee_history(org, *keys):
    """Fees over time: one column per date on which one of them changed."""
    rules = organization_rules(org)
    starts = sorted({entry.get("from", "") for key in keys for entry in rules["fees"][key]})
    labels = {tier["fee"]: tier["label"] for tier in rules.get("late", []) if "fee" in tier} | describe.other_fees(rules)

    def header(start):
        editions = {rules["sources"][entry["source"]]["edition"] for key in keys for entry in rules["fees"][key]
                    if entry.get("from") == start}
        if start and len(editions) == 1 and start in next(iter(editions)):
            return capital(editions.pop())  # the date is the source's own, e.g. "version dated after 2025-02-22"
        if start:
            return f"From {wording.long_date(date.fromisoformat(start))}"
        first = date.fromisoformat(starts[1]) - timedelta(days=1) if len(starts) > 1 else None
        return f"Until {wording.long_date(first)}" if first else "Always"

    rows = []
    for key in keys:
        cells = [labels.get(key, key)]
        for start in starts:
            on = date.fromisoformat(start) if start else date.fromisoformat(starts[1]) - timedelta(days=1)
            entry = in_force(rules["fees"][key], on)
            cells.append(Money(rules, entry.get("amount"), entry) if entry else "–")
        rows.append(cells)
    return table(["Fee"] + [header(start) for start in starts], rows)


def band_rows(org, cycle, dated):
    rules, entry = cycle_rules(org, cycle)
    for band in entry["bands"]:
        when = describe.band_when(band)
        if dated:
            year = cycle + band["year"]
            when = (f"Before {cycle}" if band["year"] < 0 else
                    f"During {year}" if band["year"] < 2 else
                    f"{'January to June' if band.get('from_month', 1) == 1 else 'July to December'} {year}")
        yield rules, band, when


def requirement_table(org, cycle, dated=False, maxima=True):
    unit = None
    rows = []
    for rules, band, when in band_rows(org, cycle, dated):
        unit = rules["organization"]["unit"]
        if not band.get("due", True):
            rows.append([when, "Nothing this cycle"] + (["–"] * len(band_letters(org, cycle)) if maxima else []))
            continue
        summary = describe.band(rules, band)
        rows.append([when, summary["required"]] + (list(summary["max"].values()) if maxima else []))
    header = ["You certified", f"{unit}s needed"] + ([f"Max {letter}" for letter in band_letters(org, cycle)] if maxima else [])
    return table(header, rows)


def band_letters(org, cycle):
    _, entry = cycle_rules(org, cycle)
    return list(entry["bands"][0]["max"])


def band_fee_table(org, cycle):
    rows, short = [], None
    for rules, band, when in band_rows(org, cycle, dated=True):
        short = rules["organization"]["short"]
        if band.get("due", True):
            rows.append([when] + [wording.money(band["fee"][key]) for key in ("member", "non_member")])
    _, entry = cycle_rules(org, cycle)
    note = f"Per credential; {entry['fee_period']}. Source: {source(org, entry['fee_source'])}."
    return table(["Certified", f"{short} member", "Non-member"], rows) + note + "\n\n" + CONFIRM + "\n"


def organizations_table(pages=()):
    """The organizations side by side; `pages` (the site's URLs) decides which guides are linked."""
    rows = []
    for org, rules in load_rules().items():
        kind = rules["cycle"]["kind"]
        reach = "up to " if "cycle_rules" in rules else ""
        end = (f"{wording.long_date(current_deadline(rules))} for the current cycle" if kind == "fixed"
               else {"anniversary": "Your expiration date", "calendar": "December 31"}[kind])
        guides = [f"[{label}](/{org}/{slug}/)" for slug, label in (("guidelines", "Guidelines"), ("faq", "FAQ"))
                  if f"/{org}/{slug}/" in pages]
        cycle = cycle_length(org, digits=True) + (", fixed for everyone" if kind == "fixed" else "")
        rows.append([f"**{rules['organization']['short']}**", cycle, capital(reach + required_range(org)), end,
                     " · ".join(guides) or "–"])
    return table(["Organization", "Cycle", "Continuing education", "Deadline", "Guides"], rows)


def current_deadline(rules):
    """The deadline of the fixed cycle that holds the reference date."""
    years, first = rules["cycle"]["years"], rules["cycle"]["first_start"]
    year = describe.reference_date().year
    return date(first + (year - first) // years * years + years - 1, 12, 31)


def credential_list():
    parts = []
    for rules in load_rules().values():
        items = [f"- [{c['name']} ({c['abbreviation']})](/credentials/{c['id']}/)" for c in rules["credentials"]]
        parts.append(f"**{rules['organization']['short']}**\n\n" + "\n".join(items))
    return "\n\n" + "\n\n".join(parts) + "\n\n"


TABLES = {f.__name__: f for f in (at_a_glance, fee_table, late_table, credentials_table, fee_history,
                                  requirement_table, band_fee_table, organizations_table, credential_list)}
