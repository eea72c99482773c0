"""The benchmark's report: one table per measurement, then every target with its verdict."""

import json
import os
import platform
from pathlib import Path

from stats import median, spread

PYODIDE_PATHS = ("/pyodide/", "/assets/runtime/")  # Pyodide itself; the memory snapshot
FIRST_LIMIT, REPEAT_LIMIT = 0.5, 0.3  # of the bare page's first / repeat visit
BYTE_LIMITS = {"compressing": 5e6, "plain": 8e6}
FORM_LIMIT_MS = 200


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GiB memory, {platform.platform()}"


def verdict(ok):
    return "PASS" if ok else "MISS"


def mb(value):
    return f"{value / 1e6:.2f} MB"


def calculator_samples(runs, kind):
    """Every calculator visit of one kind over the runs (first visits come from each context)."""
    return [visits[kind] for run in runs for visits in run["calculator"] if kind in visits]


def visit_kinds(runs):
    kinds = []
    for visits in runs[0]["calculator"]:
        kinds += [kind for kind in visits if kind not in kinds]
    return kinds


def visit_table(host, runs):
    """Rows for the bare page and each kind of calculator visit; the target checks."""
    bare = {kind: [run["baseline"][kind]["result"] for run in runs] for kind in ["first", "repeat"]}
    lines = ["| visit | form usable (typed input handled) | `recert:ready` | first result | ÷ bare page |",
             "|---|---|---|---|---|",
             f"| bare page, first | | | {spread(bare['first'], ' ms')} | |",
             f"| bare page, repeat 1 s after | | | {spread(bare['repeat'], ' ms')} | |"]
    checks = []
    for kind in visit_kinds(runs):
        found = calculator_samples(runs, kind)
        failed = [f for f in found if "result" not in f]
        compared = "first" if kind == "first" else "repeat"
        limit = {"first": FIRST_LIMIT, "offline": None}.get(kind, REPEAT_LIMIT)
        cells = [spread([f[mark] for f in found if mark in f], " ms") for mark in ["typed", "ready", "result"]]
        if failed:
            ratio_text, ratio = f"failed in {len(failed)}/{len(found)}: {failed[0].get('failed', '?')}", None
        else:
            ratio = median(f["result"] for f in found) / median(bare[compared])
            ratio_text = f"{ratio:.2f}× bare {compared}"
        lines.append(f"| calculator, {kind} | {' | '.join(cells)} | {ratio_text} |")
        if limit:
            checks.append((f"{host} host: {kind} visit ≤ {limit}× bare {compared}",
                           ratio is not None and ratio <= limit, f"{ratio:.2f}×" if ratio else "failed"))
        typed = [f["typed"] for f in found if "typed" in f]
        if typed and kind != "offline":
            checks.append((f"{host} host: {kind} visit, form usable ≤ {FORM_LIMIT_MS} ms",
                           median(typed) <= FORM_LIMIT_MS, f"{median(typed):.0f} ms"))
    offline = calculator_samples(runs, "offline")
    repeats = [f for kind in visit_kinds(runs) if kind.startswith("repeat") for f in calculator_samples(runs, kind)]
    reached = sorted(set().union(*(f.get("server_paths", []) for f in offline)))
    lines += ["", f"Repeat visits controlled by the service worker: {sum(f['controlled'] for f in repeats)}/{len(repeats)};"
              f" with a Python runtime of their own: {sum(f['new_runtime'] for f in repeats)}/{len(repeats)}."
              f" Requests that reached the server during offline visits: {', '.join(reached) or 'none'}."]
    return lines, checks


def first_visit_bytes(visit):
    """Sums the ledger entries of one first visit and the seconds after it."""
    total = {"requests": 0, "sent": 0, "pyodide": 0, "pages": 0, "after_result": 0, "revalidated": 0,
             "encodings": set(), "twice": set()}
    seen = set()
    for entry in visit["entries"]:
        if entry["status"] == 304:
            total["revalidated"] += 1
        if entry["status"] != 200:
            continue
        total["requests"] += 1
        total["sent"] += entry["sent"]
        total["encodings"].add(entry["encoding"] or "none")
        if entry["path"].startswith(PYODIDE_PATHS):
            total["pyodide"] += entry["sent"]
            if entry["path"] in seen:
                total["twice"].add(entry["path"])
            seen.add(entry["path"])
        if entry["path"] in visit["offline_pages"]:
            total["pages"] += entry["sent"]
        if entry["at"] > visit["wall"]:
            total["after_result"] += entry["sent"]
    return total


def offline_set(site_dir):
    """The service worker's manifest (buildlib/runtime/offline.py) with the size of each of its files."""
    text = (site_dir / "sw-manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(text[text.index("{"):text.rindex("}") + 1])

    def file_of(url):
        path = site_dir / url.lstrip("/")
        return path / "index.html" if url.endswith("/") else path

    manifest["bytes"] = {url: file_of(url).stat().st_size for url in manifest["urls"]}
    return manifest


def offline_lines(offline, totals, link_mbps):
    """What the offline set weighs, and what its pages add to a first visit of the calculator."""
    pages = offline["network_first"]
    added = median(t["pages"] for t in totals)
    return ["", f"Offline set (`/sw-manifest.js`): {len(offline['urls'])} files, {mb(sum(offline['bytes'].values()))}"
                f" as files; of them every page but the calculator's and the search index: {len(pages)} files,"
                f" {mb(sum(offline['bytes'][url] for url in pages))}. A first visit downloads those after its result"
                f" (the service worker's install): {mb(added)} as this host sends them, median,"
                f" {added * 8 / (link_mbps * 1e6):.2f} s of the link on their own."]


def bytes_table(host, runs, offline, link_mbps):
    """The first visits followed by the longest wait: their bytes, and the checks."""
    visits = [run["calculator"][-1]["first"] for run in runs]
    totals = [first_visit_bytes({**visit, "offline_pages": set(offline["network_first"])}) for visit in visits]
    after = visits[0]["after_s"]
    lines = [f"| responses | bytes through the link (first visit and the {after} s after its result, headers included) |"
             " bodies sent by the server | of them Pyodide and the snapshot | of them the other pages offline |"
             " of them after the first result | revalidated (304) | downloaded twice | Content-Encoding |",
             "|---|---|---|---|---|---|---|---|---|"]
    for visit, t in zip(visits, totals):
        t["link"] = visit["link_bytes"] if visit["link_bytes"] is not None else t["sent"]
        lines.append(f"| {t['requests']} | {mb(t['link'])} | {mb(t['sent'])} | {mb(t['pyodide'])} | {mb(t['pages'])} |"
                     f" {mb(t['after_result'])} | {t['revalidated']} | {', '.join(sorted(t['twice'])) or 'none'} |"
                     f" {', '.join(sorted(t['encodings']))} |")
    sent = median(t["link"] for t in totals)
    twice = set().union(*(t["twice"] for t in totals))
    checks = [(f"{host} host: first visit and the {after} s after ≤ {BYTE_LIMITS[host] / 1e6:.0f} MB",
               sent <= BYTE_LIMITS[host], mb(sent)),
              (f"{host} host: no runtime file downloaded twice", not twice, ", ".join(sorted(twice)) or "none")]
    return lines + offline_lines(offline, totals, link_mbps), checks


def eval_table(rows):
    lines = ["| activities | p50 (from `recert:ready` on) | p95 | p50 once the page has been open 3 s more |"
             " native CPython p50 (same code, this process) |", "|---|---|---|---|---|"]
    for size, row in rows.items():
        cells = [spread(row[key], " ms", 1) for key in ("p50", "p95", "settled_p50")]
        lines.append(f"| {size} | {' | '.join(cells)} | {row['native_p50']:.2f} ms |")
    p50 = median(rows[100]["p50"])
    return lines, [("eval p50 < 5 ms at 100 activities", p50 < 5, f"{p50:.1f} ms")]


def content_table(total):
    lines = ["| page | requests | sent | of it Pyodide |", "|---|---|---|---|",
             f"| /nsca/faq/ | {total['requests']} | {total['sent'] / 1e3:.1f} kB | {total['pyodide'] / 1e3:.1f} kB |"]
    return lines, [("content page: no Pyodide bytes", total["pyodide"] == 0, f"{total['pyodide'] / 1e3:.1f} kB"),
                   ("content page < 50 kB transferred", total["sent"] < 50_000, f"{total['sent'] / 1e3:.1f} kB")]


def reproducible_table(result):
    lines = [f"Two snapshots made from the same inputs: {result['size'] / 1e6:.2f} MB each,"
             f" {result['differing']} bytes differ."]
    return lines, [("snapshot byte-identical from build to build", result["differing"] == 0,
                    f"{result['differing']} bytes differ")]


def build_table(rows):
    lines = ["| build | median time | all runs | peak RSS |", "|---|---|---|---|"]
    for label, row in rows.items():
        lines.append(f"| {label} | {row['seconds']:.2f} s | {', '.join(f'{s:.2f}' for s in row['all'])} |"
                     f" {row['peak_mb']:.0f} MB |")
    generated = [(int(label.split()[0][1:]), row["seconds"]) for label, row in rows.items() if label != "real site"]
    if not generated:
        return lines, []
    pages, seconds = generated[-1]
    return lines, [(f"{pages:,}-page build < 10 s", seconds < 10, f"{seconds:.2f} s")]


def report(context, sections):
    lines = ["# Benchmark results", "", "Written by `.venv/bin/python bench/run.py`; numbers are from one run of it.",
             "Times are medians over the runs, with the range of the runs in brackets.", ""]
    lines += [f"- {key}: {value}" for key, value in context.items()]
    all_checks = []
    for title, (table, checks) in sections:
        lines += ["", f"## {title}", "", *table]
        all_checks += checks
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, ok, value in all_checks]
    return "\n".join(lines) + "\n"
