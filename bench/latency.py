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


def measure_eval_latency(browser, base):
    """From recert:ready on (no warm-up call of our own before the timed ones: the verdict), then
    again once the page has been open SETTLE_MS more. {size: {p50, p95, settled_p50, native_p50}}."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base + "/calculator/")
    rows = {}
    for size in EVAL_SIZES:
        data = checked_scenario(size)
        answer = page.evaluate(EVALUATE_LOOP, [data, EVAL_CALLS, 0])
        if answer["errors"]:
            raise SystemExit(f"bench: the browser rejected the {size}-activity scenario: {answer['errors'][:3]}")
        native = native_evaluate_ms(data, EVAL_CALLS)
        rows[size] = {"p50": percentile(answer["times"], 0.5), "p95": percentile(answer["times"], 0.95),
                      "native_p50": percentile(native, 0.5)}
    page.wait_for_timeout(SETTLE_MS)
    for size in EVAL_SIZES:
        answer = page.evaluate(EVALUATE_LOOP, [checked_scenario(size), EVAL_CALLS, 3])
        rows[size]["settled_p50"] = percentile(answer["times"], 0.5)
    context.close()
    return rows
