"""Evaluation latency: Recert.evaluate round trips (page -> worker -> Python -> page) in the browser,
and the same scenarios in this process's CPython for comparison."""

import json
import time

import calculator
from scenarios import checked_scenario
from stats import percentile
from visits import new_context

EVAL_CALLS = 30
EVAL_SIZES = [1, 100, 1000]
SETTLE_MS = 3000  # the second round waits this long first

EVALUATE_LOOP = """async ([data, calls, warmups]) => {
  await Recert.ready;
  for (let i = 0; i < warmups; i++) await Recert.evaluate(data);
  const times = [];
  let result;
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    result = await Recert.evaluate(data);
    times.push(performance.now() - start);
  }
  return { times, errors: result.errors ?? null };
}"""


def native_evaluate_ms(data, calls):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        calculator.evaluate_json(json.dumps(data))
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_eval_latency(browser, base, runs):
    """From recert:ready on (no warm-up call of our own before the timed ones: the verdict), then
    again once the page has been open SETTLE_MS more; one first visit per run.
    {size: {p50, p95, settled_p50: [one per run], native_p50}}."""
    rows = {size: {"p50": [], "p95": [], "settled_p50": []} for size in EVAL_SIZES}
    scenarios = {size: checked_scenario(size) for size in EVAL_SIZES}
    for _ in range(runs):
        context = new_context(browser)
        page = context.new_page()
        page.goto(base + "/calculator/")
        for size in EVAL_SIZES:
            answer = page.evaluate(EVALUATE_LOOP, [scenarios[size], EVAL_CALLS, 0])
            if answer["errors"]:
                raise SystemExit(f"bench: the browser rejected the {size}-activity scenario: {answer['errors'][:3]}")
            rows[size]["p50"].append(percentile(answer["times"], 0.5))
            rows[size]["p95"].append(percentile(answer["times"], 0.95))
        page.wait_for_timeout(SETTLE_MS)
        for size in EVAL_SIZES:
            answer = page.evaluate(EVALUATE_LOOP, [scenarios[size], EVAL_CALLS, 3])
            rows[size]["settled_p50"].append(percentile(answer["times"], 0.5))
        context.close()
        print("    run (p50 ms): " + "; ".join(f"{size}: {rows[size]['p50'][-1]:.1f}" for size in EVAL_SIZES), flush=True)
    for size in EVAL_SIZES:
        rows[size]["native_p50"] = percentile(native_evaluate_ms(scenarios[size], EVAL_CALLS), 0.5)
    return rows
