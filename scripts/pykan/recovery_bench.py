"""Formula-recovery bench: runs `kan discover` (and, with --pykan, pykan's automatic
pipeline) on every row of a suite and judges exact recovery with SymPy.

Run through the wrapper `scripts/recovery-bench` (it provides the Python
environment); see `scripts/recovery-bench --help`.

A suite is a TSV file (scripts/suites/*.tsv): name, formula over x1..xn in kan's
text syntax (^ is power, pi is π), ranges lo:hi per variable (comma separated),
expected: "exact" (the formula must come back exactly) or "fit" (judge test RMSE only).

For each row: train and test CSVs (header x1..xn,y; uniform samples of the ranges,
seeded by the row's name) are written to a temporary folder; each tool's last
stdout line is read as JSON with at least `formula` (SymPy syntax), `test_rmse`,
`seconds`. Exact recovery of an "exact" row: the formula must first agree with the
data numerically (relative error below 1e-6 on the test set), then
`simplify(found - truth) == 0` within a time limit (variables carry the sign
their ranges imply, so sqrt(x^2) = x where x > 0). The table shows:
yes / no / num (numerically equal, SymPy could not prove it in time) / - (fit row)
/ n/a (tool not available) / error / timeout.
A second, looser verdict "~yes" is given when the strict one fails but the formula
becomes exact after snapping each float constant to the closest q*b within 0.1 %
(q rational with denominator <= 12; b = 1, pi, 1/pi, sqrt(pi), 1/sqrt(pi), sqrt(2), 1/sqrt(2 pi)): it credits formulas whose
structure is right but whose constants were rounded (pykan prints pi as 3.1416).
"""

import argparse
import fractions
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import zlib

import numpy as np
import sympy as sp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE_DIRS = [os.path.join(ROOT, "scripts", "suites"),
              os.path.join(os.path.dirname(ROOT), "shared", "suites"),
              "/work/shared/suites"]
FUNCTIONS = {"exp": sp.exp, "log": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
             "sqrt": sp.sqrt, "asin": sp.asin, "acos": sp.acos, "atan": sp.atan,
             "tanh": sp.tanh, "abs": sp.Abs, "pi": sp.pi,
             "besselj0": lambda z: sp.besselj(0, z)}


# ---------------------------------------------------------------- suites and data

def suite_path(name):
    for folder in SUITE_DIRS:
        path = os.path.join(folder, f"{name}.tsv")
        if os.path.exists(path):
            return path
    raise SystemExit(f"recovery-bench: error: suite '{name}' not found in {', '.join(SUITE_DIRS)}")


def read_suite(name):
    rows = []
    path = suite_path(name)
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "name":
                continue
            if len(fields) != 4:
                raise SystemExit(f"{path}:{number}: error: expected 4 tab-separated columns")
            row_name, formula, ranges, expected = (x.strip() for x in fields)
            try:
                bounds = [tuple(float(v) for v in r.split(":")) for r in ranges.split(",")]
            except ValueError:
                raise SystemExit(f"{path}:{number}: error: bad ranges '{ranges}'")
            rows.append(dict(suite=name, name=row_name, formula=formula,
                             bounds=bounds, expected=expected))
    return rows


def variables(bounds, names=None):
    """Symbols x1..xn carrying the sign their ranges imply."""
    out = []
    for i, (lo, hi) in enumerate(bounds):
        name = names[i] if names else f"x{i + 1}"
        if lo > 0:
            out.append(sp.Symbol(name, positive=True))
        elif lo >= 0:
            out.append(sp.Symbol(name, nonnegative=True))
        elif hi < 0:
            out.append(sp.Symbol(name, negative=True))
        else:
            out.append(sp.Symbol(name, real=True))
    return out


def parse(text, symbols):
    """A formula in kan's text syntax or SymPy syntax, over the given symbols."""
    local = dict(FUNCTIONS)
    local.update({str(s): s for s in symbols})
    return sp.sympify(text.replace("^", "**"), locals=local)


def evaluator(expr, symbols):
    return sp.lambdify(symbols, expr, modules=["scipy", "numpy"])


def evaluate(f, x):
    with np.errstate(all="ignore"):
        value = np.asarray(f(*x.T), dtype=complex)
    value = np.broadcast_to(value, (x.shape[0],))
    return np.where(np.abs(value.imag) < 1e-12 * (1 + np.abs(value.real)), value.real, np.nan)


def make_data(row, folder, n_train, n_test, seed):
    symbols = variables(row["bounds"])
    truth = parse(row["formula"], symbols)
    f = evaluator(truth, symbols)
    rng = np.random.default_rng(seed + zlib.crc32(row["name"].encode()))

    def sample(n):
        parts, have = [], 0
        for _ in range(100):
            x = np.column_stack([rng.uniform(lo, hi, n) for lo, hi in row["bounds"]])
            y = evaluate(f, x)
            ok = np.isfinite(y) & (np.abs(y) < 1e12)
            parts.append(np.column_stack([x[ok], y[ok]]))
            have += int(ok.sum())
            if have >= n:
                break
        data = np.concatenate(parts)[:n]
        if len(data) < n:
            raise ValueError(f"{row['name']}: the formula is not finite on enough of its ranges")
        return data

    header = ",".join([f"x{i + 1}" for i in range(len(symbols))] + ["y"])
    paths = []
    for kind, n in (("train", n_train), ("test", n_test)):
        data = sample(n)
        path = os.path.join(folder, f"{row['suite']}-{row['name']}-{kind}.csv".replace("/", "_"))
        np.savetxt(path, data, delimiter=",", header=header, comments="", fmt="%.17g")
        paths.append(path)
        if kind == "test":
            test = data
    return truth, symbols, paths[0], paths[1], test


# ---------------------------------------------------------------- judging

class Timeout(Exception):
    pass


def with_time_limit(seconds, function):
    def alarm(signum, frame):
        raise Timeout()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return function()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


SNAP_BASES = [(1.0, sp.Integer(1)), (math.pi, sp.pi), (1 / math.pi, 1 / sp.pi),
              (math.sqrt(math.pi), sp.sqrt(sp.pi)), (1 / math.sqrt(math.pi), 1 / sp.sqrt(sp.pi)),
              (math.sqrt(2), sp.sqrt(2)), (1 / math.sqrt(2 * math.pi), 1 / sp.sqrt(2 * sp.pi))]


def snap_constants(expr, tolerance=1e-3, max_denominator=12):
    """Each float constant replaced by the closest q*b within a relative tolerance,
    q rational with a small denominator, b in SNAP_BASES (1, pi, 1/pi, ...)."""
    replacements = {}
    for atom in expr.atoms(sp.Float):
        v = float(atom)
        best = None
        for factor, symbolic in SNAP_BASES:
            q = fractions.Fraction(v / factor).limit_denominator(max_denominator)
            error = abs(float(q) * factor - v) / max(abs(v), 1e-300)
            if error <= tolerance and (best is None or error < best[0]):
                best = (error, sp.Rational(q.numerator, q.denominator) * symbolic)
        if best is not None:
            replacements[atom] = best[1]
    return expr.xreplace(replacements)


def judge(row, truth, symbols, test, result, simplify_seconds):
    """Returns (verdict, note) for one tool's result on one row."""
    if row["expected"] != "exact":
        return "-", ""
    try:
        found = parse(result["formula"], symbols)
    except Exception as error:  # a formula SymPy cannot read is not a recovery
        return "no", f"unparsable formula: {error}"
    stray = {str(s) for s in found.free_symbols} - {str(s) for s in symbols}
    if stray:
        return "no", f"unknown symbols {sorted(stray)}"
    verdict, note = judge_expression(found, truth, symbols, test, simplify_seconds)
    if verdict != "yes" and found.atoms(sp.Float):
        snapped = snap_constants(found)
        if snapped != found and judge_expression(snapped, truth, symbols, test,
                                                 simplify_seconds)[0] == "yes":
            return "~yes", f"exact after snapping constants: {snapped}"
    return verdict, note


def judge_expression(found, truth, symbols, test, simplify_seconds):
    pred = evaluate(evaluator(found, symbols), test[:, :-1])
    y = test[:, -1]
    scale = max(1.0, float(np.max(np.abs(y))))
    if not np.all(np.isfinite(pred)) or np.max(np.abs(pred - y)) > 1e-6 * scale:
        return "no", ""
    try:
        difference = with_time_limit(simplify_seconds, lambda: sp.simplify(found - truth))
    except Timeout:
        return "num", "simplify timed out"
    except Exception as error:
        return "num", f"simplify failed: {error}"
    return ("yes", "") if difference == 0 else ("num", f"simplify left {difference}")


# ---------------------------------------------------------------- tools

def last_json_line(stdout):
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line on standard output")


def run_tool(command, timeout):
    """Runs one discovery command; returns (result dict or None, status, wall seconds)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "timeout", time.perf_counter() - start
    wall = time.perf_counter() - start
    try:
        result = last_json_line(done.stdout)
    except ValueError:
        result = None
    if result is not None and "error" in result:
        return result, "error", wall
    if done.returncode != 0 or result is None or "formula" not in result:
        tail = (done.stderr.strip().splitlines() or ["exit status %d" % done.returncode])[-1]
        return {"error": tail[:300]}, "error", wall
    return result, "ok", wall


def kan_available(kan, timeout):
    """Whether `kan discover` exists (scripts/kan builds kan first when needed)."""
    if not os.path.exists(kan):
        return False, f"{kan} not found"
    try:
        done = subprocess.run([kan, "discover", "--help"], capture_output=True, text=True,
                              timeout=max(timeout, 1800), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return False, "building or starting kan timed out"
    if done.returncode != 0:
        lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
        return False, (lines[-1] if lines else f"exit status {done.returncode}")[:200]
    # ArgumentParser answers `--help` with the top-level help (status 0) when there
    # is no `discover` subcommand: require the subcommand's own usage line.
    if "kan discover" not in done.stdout:
        return False, "kan has no `discover` subcommand yet"
    return True, ""


# ---------------------------------------------------------------- table

def cell(text, width):
    text = str(text)
    return text[:width].ljust(width)


def fmt_rmse(value):
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "-"
    return "nan" if math.isnan(v) else f"{v:.2e}"


def main():
    parser = argparse.ArgumentParser(
        prog="scripts/recovery-bench",
        description="Formula-recovery bench: kan discover (and pykan) on a suite.")
    parser.add_argument("--suite", default="paper", help="paper, feynman or all (default paper)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only this row (repeat, or comma-separate names)")
    parser.add_argument("--pykan", action="store_true", help="also run pykan's pipeline")
    parser.add_argument("--no-kan", action="store_true", help="run pykan only (with --pykan)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    parser.add_argument("--simplify-timeout", type=float, default=30,
                        help="seconds for SymPy's simplify per judgement (default 30)")
    parser.add_argument("--train", type=int, default=1000, help="training points (default 1000)")
    parser.add_argument("--test", type=int, default=1000, help="test points (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="data seed (default 0)")
    parser.add_argument("--kan", default=os.path.join(ROOT, "scripts", "kan"),
                        help="the kan command (default scripts/kan)")
    parser.add_argument("--formulas", action="store_true", help="print the formulas found")
    parser.add_argument("--json", metavar="FILE", help="write every result to FILE as JSON")
    parser.add_argument("--keep-data", metavar="DIR", help="write the CSV files to DIR and keep them")
    args = parser.parse_args()

    suites = ["paper", "feynman"] if args.suite == "all" else [args.suite]
    rows = [row for s in suites for row in read_suite(s)]
    only = {n.strip() for item in args.only for n in item.split(",") if n.strip()}
    if only:
        unknown = only - {r["name"] for r in rows}
        if unknown:
            raise SystemExit(f"recovery-bench: error: no row named {', '.join(sorted(unknown))}")
        rows = [r for r in rows if r["name"] in only]

    tools = []
    if not args.no_kan:
        ok, why = kan_available(args.kan, args.timeout)
        tools.append(("kan", ok, why))
        if not ok:
            print(f"kan discover not available: {why}", flush=True)
    if args.pykan:
        tools.append(("pykan", True, ""))
    if not tools:
        raise SystemExit("recovery-bench: error: nothing to run (--no-kan without --pykan)")

    pykan_script = os.path.join(ROOT, "scripts", "pykan", "discover.py")
    commands = {
        "kan": lambda train, test: [args.kan, "discover", train, "--test", test,
                                    "--format", "json", "--quiet"],
        "pykan": lambda train, test: [sys.executable, pykan_script, train, test],
    }

    widths = dict(name=16, expected=6, exact=7, rmse=9, sec=8)
    head = cell("name", widths["name"]) + " " + cell("expect", widths["expected"])
    for tool, _, _ in tools:
        head += " | " + cell(f"{tool} exact", widths["exact"] + 6) + cell("test RMSE", widths["rmse"] + 1) \
            + cell("seconds", widths["sec"])
    print(head)
    print("-" * len(head), flush=True)

    records, totals = [], {t: dict(recovered=0, snapped=0, seconds=0.0)
                                for t, _, _ in tools}
    exact_rows = 0
    folder_context = tempfile.TemporaryDirectory(prefix="recovery-bench-")
    folder = args.keep_data or folder_context.name
    os.makedirs(folder, exist_ok=True)
    with folder_context:
        for row in rows:
            line = cell(row["name"], widths["name"]) + " " + cell(row["expected"], widths["expected"])
            record = dict(suite=row["suite"], name=row["name"], truth=row["formula"],
                          expected=row["expected"])
            exact_rows += row["expected"] == "exact"
            try:
                truth, symbols, train, test_path, test = make_data(
                    row, folder, args.train, args.test, args.seed)
            except Exception as error:
                print(line + f" | data error: {error}", flush=True)
                record["error"] = f"data: {error}"
                records.append(record)
                continue
            notes = []
            for tool, available, _ in tools:
                if not available:
                    verdict, rmse, seconds, result, status = "n/a", "-", "-", None, "n/a"
                else:
                    result, status, wall = run_tool(commands[tool](train, test_path), args.timeout)
                    seconds = f"{wall:.1f}"
                    totals[tool]["seconds"] += wall
                    rmse = "-"
                    if status == "ok":
                        verdict, note = judge(row, truth, symbols, test, result,
                                              args.simplify_timeout)
                        rmse = fmt_rmse(result.get("test_rmse"))
                        if note:
                            notes.append(f"{tool}: {note}")
                        if verdict == "yes":
                            totals[tool]["recovered"] += 1
                        if verdict == "~yes":
                            totals[tool]["snapped"] += 1
                    else:
                        verdict = status
                        if result and result.get("error"):
                            notes.append(f"{tool}: {result['error']}")
                    if args.formulas and result and result.get("formula"):
                        notes.append(f"{tool}: {result['formula']}")
                record[tool] = dict(verdict=verdict, status=status, seconds=seconds,
                                    result=result)
                line += " | " + cell(verdict, widths["exact"] + 6) + cell(rmse, widths["rmse"] + 1) \
                    + cell(seconds, widths["sec"])
            print(line, flush=True)
            for note in notes:
                print(" " * (widths["name"] + 1) + "  " + note, flush=True)
            records.append(record)

    print("-" * len(head))
    for tool, available, why in tools:
        if available:
            print(f"{tool}: recovered {totals[tool]['recovered']}/{exact_rows} exact rows "
                  f"(+{totals[tool]['snapped']} more after snapping constants), "
                  f"total {totals[tool]['seconds']:.1f} s")
        else:
            print(f"{tool}: recovered 0/{exact_rows} (kan discover not available: {why})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(records, f, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
