"""Summarizes scripts/bench --compare: for each scenario and figure, the median and the spread
(min-max) of the runs on each side, and the ratio of the medians (working tree / base)."""
import json
import statistics
import sys
from pathlib import Path

folder, rev, runs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
FIGURES = [
    ("stepsPerSecond", "steps/s"),
    ("p50Ms", "overhead p50 ms"),
    ("p99Ms", "overhead p99 ms"),
    ("e2eP50Ms", "e2e p50 ms"),
    ("e2eP99Ms", "e2e p99 ms"),
    ("cpu:orchestrator", "CPU ms/step orchestrator"),
    ("cpu:worker", "CPU ms/step worker"),
    ("cpu:rabbitmq", "CPU ms/step rabbitmq"),
    ("cpu:postgres", "CPU ms/step postgres"),
]


def load(side):
    reports = [json.loads((folder / f"{side}-{i}.json").read_text()) for i in range(1, runs + 1)]
    by_scenario = {}
    for report in reports:
        for scenario in report["scenarios"] + report.get("peers", []):
            # CPU per step by process, in ms, as figures of their own.
            for process, seconds in (scenario.get("cpuSecondsPerStep") or {}).items():
                scenario[f"cpu:{process}"] = seconds * 1000
            by_scenario.setdefault(scenario["name"], []).append(scenario)
        cpu = report["baselines"]
        by_scenario.setdefault("(baselines)", []).append(
            {"stepsPerSecond": cpu["boundStepsPerSecond"]})
    return by_scenario


def describe(values):
    if not values:
        return "–", None
    median = statistics.median(values)
    return f"{median:.2f} ({min(values):.2f}–{max(values):.2f})", median


base, head = load("base"), load("head")
print(f"{runs} interleaved runs each; median (min–max); ratio = working tree / {rev}")
print()
print(f"| scenario | figure | {rev} | working tree | ratio |")
print("|---|---|---|---|---|")
for name in base:
    for key, label in FIGURES:
        before = [s[key] for s in base[name] if s.get(key) is not None]
        after = [s[key] for s in head.get(name, []) if s.get(key) is not None]
        if not before and not after:
            continue
        text_before, median_before = describe(before)
        text_after, median_after = describe(after)
        ratio = f"{median_after / median_before:.3f}" if median_before and median_after else "–"
        label = "bound steps/s" if name == "(baselines)" else label
        print(f"| {name} | {label} | {text_before} | {text_after} | {ratio} |")
