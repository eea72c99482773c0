"""Statistics for the benchmark: medians, percentiles, and the spread of a set of runs."""

import statistics


def median(values):
    return statistics.median(list(values))


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def spread(values, unit="", digits=0):
    """'1234 (1100–1400)': the median and the range of the runs."""
    values = list(values)
    if not values:
        return "—"
    form = f"{{:.{digits}f}}{unit}"
    text = form.format(median(values))
    if len(values) > 1:
        text += f" ({form.format(min(values))}–{form.format(max(values))})"
    return text
