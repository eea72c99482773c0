"""When activities stop counting, for a credential whose late window outlasts them (NASM: credits count
90 days after expiration, applications a year): the day, what that means for anyone (window_note), and,
for a credential expired while late applications are still open, why (closed_note)."""
from datetime import date

from .dates import in_words


def credit_window(result, completes_by, as_of):
    """{"counts_until", "window_note", "closed_note"}; the notes are None where nothing outlasts the credits."""
    late_until = result["late_until"] and date.fromisoformat(result["late_until"])
    if not late_until or completes_by >= late_until or as_of > late_until:
        return {"counts_until": completes_by.isoformat(), "window_note": None, "closed_note": None}
    accepted = f"Late applications are accepted until {in_words(late_until)}, but only"
    closed = None
    if result["status"] == "expired":  # in a late window, only an unmet requirement expires a credential
        closed = (f"{accepted} when the requirement was met by {in_words(completes_by)}; yours was not, "
                  "so this cycle can no longer be completed.")
    return {"counts_until": completes_by.isoformat(),
            "window_note": f"{accepted} with the requirement met by {in_words(completes_by)}.", "closed_note": closed}
