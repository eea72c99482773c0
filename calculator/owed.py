"""What the whole scenario costs, said once: the fees of every credential's result, alike fees of one
organization on one line (a fee the data gives `per = "person"` counted once), one total of the published
amounts, and the fees our sources publish no amount for, each named once with the credentials it concerns."""
from .fees import NOT_PUBLISHED
from .rules import decimal


def owed(credentials):
    """{"total_due", "owed": [line], "unpublished": [{label, organization, credentials}]} for the results."""
    lines, unpublished = {}, {}
    for result in credentials:
        for fee in result["fees"]:
            if fee["amount"] == 0:
                continue  # covered by another fee, or free
            key = (result["organization"], fee["label"], fee["amount"], fee["source"])
            known = fee["amount"] is not None
            line = (lines if known else unpublished).setdefault(key, {
                "label": fee["label"].removesuffix(f": {NOT_PUBLISHED}"), "organization": result["organization"],
                "credentials": []})
            if known:
                line |= {"amount": fee["amount"], "per": fee.get("per", "credential"), "source": fee["source"]}
                line |= {"per_reading": fee["per_reading"]} if "per_reading" in fee else {}
            line["credentials"].append(result["id"])
    for line in lines.values():
        line["count"] = 1 if line["per"] == "person" else len(line["credentials"])
        line["total"] = float(decimal(line["amount"]) * line["count"])
    total = sum((decimal(line["total"]) for line in lines.values()), decimal(0))
    return {"total_due": float(total), "owed": list(lines.values()), "unpublished": list(unpublished.values())}
