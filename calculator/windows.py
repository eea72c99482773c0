"""When activities stop counting, for a credential whose late window outlasts them (NASM: credits count
90 days after expiration, applications a year): the day, and one sentence on what it means, which says
why the credential can no longer be renewed when that is the reason although late applications are open."""
from datetime import date

from .verdict import in_words


def windows(result, completes_by, as_of):
    """{"counts_until", "window_note"} for a credential's result; the note is None where nothing outlasts the credits."""
    late_until = result["late_until"] and date.fromisoformat(result["late_until"])
    note = None
    if late_until and completes_by < late_until and as_of <= late_until:
        accepted = f"Late applications are accepted until {in_words(late_until)}, but only"
        if result["status"] == "expired":  # in a late window, only an unmet requirement expires a credential
            note = (f"{accepted} when the requirement was met by {in_words(completes_by)}; yours was not, "
                    "so this cycle can no longer be completed.")
        else:
            note = f"{accepted} with the requirement met by {in_words(completes_by)}."
    return {"counts_until": completes_by.isoformat(), "window_note": note}
