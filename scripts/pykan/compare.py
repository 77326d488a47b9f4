"""Engine comparison, kan against pykan 0.2.8, on the workloads W1 W2 W3.

Run through the wrapper `scripts/compare-pykan`; see `scripts/compare-pykan --help`.

For each workload and each round, runs kan's `scripts/bench --json W` and then
`scripts/pykan/workloads.py W` (alternating, so that both see the same machine
load over time), reads the last JSON line of each
({"workload", "seconds", "steps_per_second", "evaluations", "train_rmse", "peak_mb"})
and prints a table with the median over rounds of each figure.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKLOADS = ["W1", "W2", "W3", "P1"]
KEYS = ["seconds", "steps_per_second", "evaluations", "train_rmse", "peak_mb"]


def run(command, timeout):
    """The last JSON line of a command's output, or an error message."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    except OSError as error:
        return None, str(error)
    for line in reversed(done.stdout.strip().splitlines()):
        if line.strip().startswith("{"):
            try:
                result = json.loads(line)
            except json.JSONDecodeError:
                break
            if done.returncode == 0 and all(k in result for k in KEYS):
                return result, ""
            break
    tail = (done.stderr.strip() or done.stdout.strip()).splitlines()
    return None, (tail[-1] if tail else f"exit status {done.returncode}")[:200]


def median(results, key):
    values = [float(r[key]) for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt(value, kind):
    if value is None:
        return "-"
    if kind == "s":
        return f"{value:.3f}"
    if kind == "e":
        return f"{value:.2e}"
    if kind == "i":
        return f"{value:.0f}"
    if kind == "x":
        return f"{value:.2f}x"
    return f"{value:.1f}"


def print_time_to_error(runs):
    """P1: the seconds kan needed to reach the relative L2 error pykan ended with, per round."""
    for kan_run, pykan_run in zip(runs["kan"], runs["pykan"]):
        target = float(pykan_run["l2"])
        reached = next((t for t, l2 in kan_run.get("trace", []) if l2 <= target), None)
        if reached is None:
            print(f"P1: pykan ends at relative L2 {target:.2e} in {pykan_run['seconds']:.1f} s; "
                  f"kan never reaches it (ends at {float(kan_run['l2']):.2e} in {kan_run['seconds']:.1f} s)")
        else:
            print(f"P1: pykan ends at relative L2 {target:.2e} in {pykan_run['seconds']:.1f} s; kan reaches it after "
                  f"{reached:.2f} s: {pykan_run['seconds'] / reached:.1f}x (kan ends at {float(kan_run['l2']):.2e} "
                  f"in {kan_run['seconds']:.1f} s)")


def main():
    parser = argparse.ArgumentParser(
        prog="scripts/compare-pykan",
        description="kan's engine (scripts/bench --json) against pykan 0.2.8 on W1 W2 W3 (and P1, the Poisson problem, "
                    "when named); "
                    "--suite runs the recovery bench through both instead.")
    parser.add_argument("workloads", nargs="*", help="W1 W2 W3 P1 (default W1 W2 W3)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds (default 1)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run (default 3600)")
    parser.add_argument("--bench", default=os.path.join(ROOT, "scripts", "bench"),
                        help="kan's bench command (default scripts/bench)")
    parser.add_argument("--json", metavar="FILE", help="write every run's JSON to FILE")
    parser.add_argument("--p1-schedule", metavar="G:S,...",
                        help="P1's grid sizes and L-BFGS steps for both tools (default 5:100,10:100,20:400; "
                             "pykan takes minutes per step on two cores, so e.g. 5:20 for a side-by-side run)")
    args = parser.parse_args()
    names = args.workloads or WORKLOADS[:3]
    bad = [n for n in names if n not in WORKLOADS]
    if bad:
        raise SystemExit(f"compare-pykan: error: unknown workload(s) {' '.join(bad)}")

    kan_ok = os.access(args.bench, os.X_OK)
    if not kan_ok:
        print(f"compare-pykan: kan's {os.path.relpath(args.bench, ROOT)} is missing: "
              "showing pykan's figures only", flush=True)
    pykan = [sys.executable, os.path.join(ROOT, "scripts", "pykan", "workloads.py")]
    # P1 (the Poisson problem) has its own pykan script: a custom loss, not `fit`.
    pykan_poisson = [sys.executable, os.path.join(ROOT, "scripts", "pykan", "poisson.py")]

    runs = {n: {"kan": [], "pykan": []} for n in names}
    failures = {n: {"kan": "", "pykan": ""} for n in names}
    for name in names:
        for round_ in range(args.rounds):
            for tool in ("kan", "pykan"):
                if tool == "kan" and not kan_ok:
                    continue
                schedule = ["--schedule", args.p1_schedule] if name == "P1" and args.p1_schedule else []
                if tool == "kan":
                    command = [args.bench, "--json"] + schedule + [name]
                else:
                    command = (pykan_poisson + schedule) if name == "P1" else pykan + [name]
                result, error = run(command, args.timeout)
                if result is None:
                    failures[name][tool] = error
                    print(f"{name} round {round_ + 1}: {tool} failed: {error}", flush=True)
                else:
                    runs[name][tool].append(result)
                    shown = {k: v for k, v in result.items() if k != "trace"}
                    print(f"{name} round {round_ + 1}: {tool} {json.dumps(shown)}", flush=True)

    columns = [("workload", 8), ("kan s", 9), ("pykan s", 9), ("pykan/kan", 9),
               ("kan RMSE", 9), ("pykan RMSE", 10), ("kan evals", 9), ("pykan evals", 11),
               ("kan MB", 7), ("pykan MB", 8)]
    print()
    if args.rounds > 1:
        print(f"medians over {args.rounds} rounds")
    print("  ".join(title.rjust(width) for title, width in columns))
    for name in names:
        k, p = runs[name]["kan"], runs[name]["pykan"]
        ks, ps = median(k, "seconds"), median(p, "seconds")
        ratio = ps / ks if ks and ps else None
        cells = [name, fmt(ks, "s"), fmt(ps, "s"), fmt(ratio, "x"),
                 fmt(median(k, "train_rmse"), "e"), fmt(median(p, "train_rmse"), "e"),
                 fmt(median(k, "evaluations"), "i"), fmt(median(p, "evaluations"), "i"),
                 fmt(median(k, "peak_mb"), "m"), fmt(median(p, "peak_mb"), "m")]
        print("  ".join(c.rjust(w) for c, (_, w) in zip(cells, columns)))
    if "P1" in names:
        print_time_to_error(runs["P1"])
    for name in names:
        for tool in ("kan", "pykan"):
            if failures[name][tool]:
                print(f"note: {name} {tool} failed at least once: {failures[name][tool]}")
    if not kan_ok:
        print(f"note: kan's scripts/bench is missing; no kan figures")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(runs, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
