"""Formula-recovery bench: runs `kan discover` (and, with --pykan, pykan's automatic
pipeline) on every row of a suite and judges exact recovery with SymPy.

Run through the wrapper `scripts/recovery-bench` (it provides the Python
environment); see `scripts/recovery-bench --help`.

A suite is a TSV file (scripts/suites/*.tsv): name, formula over x1..xn in kan's
text syntax (^ is power, pi is π), ranges lo:hi per variable (comma separated),
expected: "exact" (the formula must come back exactly) or "fit" (judge test RMSE only).

For each row: train and test CSVs (header x1..xn,y; uniform samples of the ranges,
seeded by the row's name and --seed) are written to a temporary folder. With
--noise LEVEL (SRBench's convention) Gaussian noise of standard deviation
LEVEL * RMS(y of the training rows) is added to the training targets only, from a
generator seeded by the row's name and --seed; the test rows stay noiseless.
kan's runs go through `kan sweep --jobs 1` (one manifest of all rows, each row a job with
--timeout as its timeout; docs/sweeps.md), pykan's one by one; a result is kan discover's
JSON document (the job's `result`) or pykan's last stdout line, with at least `formula` (SymPy syntax),
`test_rmse`, `seconds` (and, when present, `exact` and `noise`, recorded as given).
The bench scores the printed formula itself on the noiseless test rows: R^2 and
RMSE from evaluating `formula` with NumPy. A row is flagged "p!=s" (printed !=
scored) when the tool's `test_rmse` differs from that RMSE by more than 1e-6
relative and 1e-12 * RMS(y) absolute.
Exact recovery of an "exact" row: the formula must first agree with the noiseless
test rows numerically (max error below 1e-6 * max|y|, whatever the training noise:
an exact law's snapped constants reproduce them to rounding level), then
`simplify(found - truth) == 0` within a time limit (variables carry the sign
their ranges imply, so sqrt(x^2) = x where x > 0), or, for roots whose sign
SymPy cannot settle, `simplify(found^2 - truth^2) == 0` with found and truth of
one sign, the same, on every test row. The table shows:
yes / no / num (numerically equal, SymPy could not prove it in time) / - (fit row)
/ n/a (tool not available) / error / timeout.
A second, looser verdict "~yes" is given when the strict one fails but the formula
becomes exact after snapping each float constant to the simplest q*b within 0.1 %
(q rational with denominator <= 12; b = 1, pi, 1/pi, sqrt(pi), 1/sqrt(pi), sqrt(2), 1/sqrt(2 pi)): it credits formulas whose
structure is right but whose constants were rounded (pykan prints pi as 3.1416).
"""

import argparse
import datetime
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
# Relative to this script: the repository's suites, then a checkout's sibling shared/suites.
SUITE_DIRS = [os.path.join(ROOT, "scripts", "suites"),
              os.path.join(os.path.dirname(ROOT), "shared", "suites")]
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


NOISE_STREAM = 0x6E6F697365  # "noise": the noise generator's stream, apart from the data's


def make_data(row, folder, n_train, n_test, seed, noise=0.0):
    """Writes the train and test CSVs; returns (truth, symbols, train path, test path,
    noiseless test rows, noise std added to the training targets)."""
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
    paths, sigma = [], 0.0
    for kind, n in (("train", n_train), ("test", n_test)):
        data = sample(n)
        if kind == "train" and noise > 0:
            # SRBench: N(0, (level * RMS(y_train))^2) on the training target only.
            # Its own generator, so the inputs do not depend on the noise level.
            noise_rng = np.random.default_rng(
                [seed + zlib.crc32(row["name"].encode()), NOISE_STREAM])
            sigma = noise * float(np.sqrt(np.mean(data[:, -1] ** 2)))
            data[:, -1] += noise_rng.normal(0.0, sigma, len(data))
        tag = f"{kind}-noise{noise:g}" if kind == "train" and noise > 0 else kind
        path = os.path.join(folder, f"{row['suite']}-{row['name']}-{tag}.csv".replace("/", "_"))
        np.savetxt(path, data, delimiter=",", header=header, comments="", fmt="%.17g")
        paths.append(path)
        if kind == "test":
            test = data
    return truth, symbols, paths[0], paths[1], test, sigma


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
    """Each float constant replaced by the simplest q*b within a relative tolerance,
    q rational with a small denominator, b in SNAP_BASES (1, pi, 1/pi, ...): smallest
    denominator first, then the earlier base, then the smaller error. Simplest rather
    than closest, because a constant fitted to noisy data is off by up to the tolerance
    and the closest candidate is then an odd one (1.0004 is 22/(7 pi) within 2e-6)."""
    replacements = {}
    for atom in expr.atoms(sp.Float):
        v = float(atom)
        best = None
        for denominator in range(1, max_denominator + 1):
            for index, (factor, symbolic) in enumerate(SNAP_BASES):
                numerator = round(v / factor * denominator)
                error = abs(numerator / denominator * factor - v) / max(abs(v), 1e-300)
                if numerator == 0 or error > tolerance:
                    continue
                key = (denominator, index, error)
                if best is None or key < best[0]:
                    best = (key, sp.Rational(numerator, denominator) * symbolic)
            if best is not None:
                break
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


def score(result, symbols, test):
    """The printed formula scored by the bench on the noiseless test rows:
    dict(r2, rmse, reported, mismatch, note). r2 and rmse are None when the formula
    cannot be read or evaluated (non-finite values count as unreadable)."""
    out = dict(r2=None, rmse=None, reported=None, mismatch=False, note="")
    try:
        out["reported"] = float(result.get("test_rmse"))
    except (TypeError, ValueError):
        pass
    try:
        found = parse(result["formula"], symbols)
        stray = {str(s) for s in found.free_symbols} - {str(s) for s in symbols}
        if stray:
            raise ValueError(f"unknown symbols {sorted(stray)}")
        pred = evaluate(evaluator(found, symbols), test[:, :-1])
    except Exception as error:
        out["note"] = f"cannot score the formula: {error}"
        return out
    y = test[:, -1]
    if not np.all(np.isfinite(pred)):
        out["note"] = f"the formula is not finite on {int(np.sum(~np.isfinite(pred)))} test rows"
        return out
    residual = float(np.sum((pred - y) ** 2))
    total = float(np.sum((y - np.mean(y)) ** 2))
    out["rmse"] = math.sqrt(residual / len(y))
    out["r2"] = 1.0 - residual / total if total > 0 else (1.0 if residual == 0 else -math.inf)
    reported, computed = out["reported"], out["rmse"]
    if reported is not None:
        difference = abs(reported - computed)
        rms_y = math.sqrt(float(np.mean(y ** 2)))
        if not math.isfinite(reported) or (
                difference > 1e-6 * max(abs(reported), computed) and difference > 1e-12 * rms_y):
            out["mismatch"] = True
            out["note"] = (f"printed != scored: test RMSE of the printed formula {computed:.6g}, "
                           f"reported {reported:.6g}")
    return out


def judge_expression(found, truth, symbols, test, simplify_seconds):
    pred = evaluate(evaluator(found, symbols), test[:, :-1])
    y = test[:, -1]  # noiseless test rows, whatever the training noise
    scale = max(float(np.max(np.abs(y))), 1e-300)
    if not np.all(np.isfinite(pred)) or np.max(np.abs(pred - y)) > 1e-6 * scale:
        return "no", ""
    try:
        difference = with_time_limit(simplify_seconds, lambda: sp.simplify(found - truth))
    except Timeout:
        return "num", "simplify timed out"
    except Exception as error:
        return "num", f"simplify failed: {error}"
    if difference == 0:
        return "yes", ""
    # Roots of ratios: sqrt((x1 + x2)/(x1 - x2)) is (1 + x2/x1)/sqrt(1 - x2^2/x1^2) only
    # where x1 > x2, which SymPy's signs cannot say. If found^2 = truth^2 identically and
    # both have one sign, the same, on every test row (neither vanishes there), they are
    # equal on the box the rows fill: a continuous f with f^2 = t^2 and no zero is t or -t.
    if has_same_constant_sign(pred, truth, symbols, test):
        try:
            squares = with_time_limit(simplify_seconds, lambda: sp.simplify(found ** 2 - truth ** 2))
        except Exception:
            squares = None
        if squares == 0:
            return "yes", "equal squares, same sign on the test rows"
    return "num", f"simplify left {difference}"


def has_same_constant_sign(pred, truth, symbols, test):
    """Whether `pred` (the found formula's values) and the truth's values on the test rows
    are all of one sign, the same, and far from 0 (above 1e-9 of their largest value)."""
    try:
        values = evaluate(evaluator(truth, symbols), test[:, :-1])
    except Exception:
        return False
    if not (np.all(np.isfinite(values)) and np.all(np.isfinite(pred))):
        return False
    floor = 1e-9 * max(float(np.max(np.abs(values))), 1e-300)
    for sign in (1.0, -1.0):
        if np.all(sign * values > floor) and np.all(sign * pred > floor):
            return True
    return False


# ---------------------------------------------------------------- tools

def last_json_line(stdout):
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line on standard output")


def run_tool(command, timeout):
    """Runs one discovery command; returns (result dict or None, status, wall seconds).
    On timeout the command's whole process group is killed (scripts/kan and pykan's
    wrapper may have children that would otherwise keep the pipes open)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        return None, "timeout", time.perf_counter() - start
    except BaseException:  # Ctrl-C: do not leave the run behind
        kill_group(process)
        raise
    wall = time.perf_counter() - start
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
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


def toml_string(text):
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(str(text))


def run_kan_sweep(kan, jobs, timeout, stages, folder):
    """Runs every row's `kan discover` through `kan sweep --jobs 1` (timed runs go one at a
    time); returns {row key: (result dict or None, status, wall seconds)} as run_tool does.

    jobs: [(key, train path, test path)]. The manifest gives each row its own timeout (the
    sweep kills a job after it: "timeout"); each result is the job's line in
    results.jsonl (docs/sweeps.md). The sweep folder is new for every bench run, so nothing is
    resumed from an earlier build of kan."""
    if not jobs:
        return {}
    os.makedirs(folder, exist_ok=True)
    manifest = os.path.join(folder, "kan-rows.toml")
    with open(manifest, "w") as f:
        f.write(f"[defaults]\ntimeout = {float(timeout)!r}\n")
        if stages:
            f.write(f"stages = {toml_string(stages)}\n")
        for key, train, test in jobs:
            f.write(f"\n[[job]]\nname = {toml_string(key)}\ndata = {toml_string(train)}\n"
                    f"test = {toml_string(test)}\n")
    output = os.path.join(folder, "kan-rows.sweep")
    # Progress lines on stderr (one per row) show the runs as they end; the summary is not needed.
    command = [kan, "sweep", manifest, "--jobs", "1", "--output", output, "--format", "json"]
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    if done.returncode == 130:
        raise KeyboardInterrupt
    if done.returncode not in (0, 1):
        raise SystemExit(f"recovery-bench: error: kan sweep failed (exit status {done.returncode})")
    records = {}
    with open(os.path.join(output, "results.jsonl")) as f:
        for line in f:
            line = line.strip()
            if line:
                record = json.loads(line)
                records[record["name"]] = record
    results = {}
    for key, _, _ in jobs:
        record = records.get(key)
        if record is None:
            results[key] = ({"error": "no result from kan sweep"}, "error", 0.0)
            continue
        wall = float(record.get("seconds") or 0.0)
        status = record.get("status")
        result = record.get("result")
        if status == "timeout":
            results[key] = (None, "timeout", wall)
        elif status == "ok" and isinstance(result, dict) and "formula" in result:
            results[key] = (result, "ok", wall)
        elif isinstance(result, dict) and "error" in result:
            results[key] = (result, "error", wall)
        else:
            tail = record.get("error") or f"exit status {record.get('exit_code')}"
            results[key] = ({"error": str(tail)[:300]}, "error", wall)
    return results


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def kan_has_sweep(kan):
    """Whether this kan has `kan sweep` (builds before it do not)."""
    try:
        done = subprocess.run([kan, "sweep", "--help"], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and "kan sweep" in done.stdout


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


def git_commit(folder):
    """`git rev-parse --short HEAD` of the repository holding folder, with "+dirty"
    when tracked files differ from it; (toplevel, commit) or (None, None)."""
    def git(*arguments):
        done = subprocess.run(["git", "-C", folder, *arguments], capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=30)
        return done.stdout.strip() if done.returncode == 0 else None
    try:
        top, commit = git("rev-parse", "--show-toplevel"), git("rev-parse", "--short", "HEAD")
        if not top or not commit:
            return None, None
        if git("status", "--porcelain", "--untracked-files=no"):
            commit += "+dirty"
        return top, commit
    except (OSError, subprocess.TimeoutExpired):
        return None, None


def provenance(args, suites, rows):
    """The header lines a figure is quoted with: what ran, on which data, when, built from what."""
    level = (f"noise {args.noise:g} (Gaussian, std = {args.noise:g} x RMS(y_train), "
             f"training rows only; test rows noiseless)" if args.noise > 0 else "noise 0")
    lines = [f"suite {'+'.join(suites)} ({len(rows)} rows), {level}, data seed {args.seed}, "
             f"{args.train} train / {args.test} test points"
             + (f", kan stages {args.stages}" if args.stages else "")]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    top, commit = git_commit(ROOT)
    when = f"{now}, load average {os.getloadavg()[0]:.1f}, bench commit {commit or 'unknown'}"
    meta = dict(suites=suites, rows=len(rows), noise=args.noise, seed=args.seed,
                train=args.train, test=args.test, timeout=args.timeout, date=now,
                commit=commit, kan=None, kan_commit=None, stages=args.stages)
    if not args.no_kan and not args.dry_run:
        kan_path = os.path.realpath(args.kan)
        kan_top, kan_commit = git_commit(os.path.dirname(kan_path))
        if kan_top is None:
            when += f", kan {args.kan} (not in a git repository)"
        elif kan_top == top:
            when += f", kan {args.kan}"
        else:
            when += f", kan {args.kan} (commit {kan_commit} of {kan_top})"
        meta.update(kan=args.kan, kan_commit=kan_commit)
    lines.append(when)
    return lines, meta


def fmt_r2(value):
    if value is None:
        return "-"
    if value == 1.0:
        return "1"
    return f"{value:.6f}" if value > -10 else f"{value:.2e}"


def dry_run(rows, args, folder):
    """Parses and samples every row (with the noise), checks that the truth, printed as
    SymPy text, scores R^2 = 1 and is judged exact: no tool is run."""
    widths = dict(name=16, expected=6)
    head = (cell("name", widths["name"]) + " " + cell("expect", widths["expected"]) + " "
            + cell("vars", 5) + cell("y on test rows", 24) + cell("noise std", 11) + "check")
    print(head)
    print("-" * len(head), flush=True)
    failures = 0
    for row in rows:
        line = cell(row["name"], widths["name"]) + " " + cell(row["expected"], widths["expected"]) + " "
        try:
            truth, symbols, _, _, test, sigma = make_data(
                row, folder, args.train, args.test, args.seed, args.noise)
            scored = score(dict(formula=str(truth)), symbols, test)
            verdict, note = judge(row, truth, symbols, test, dict(formula=str(truth)),
                                  args.simplify_timeout)
            y = test[:, -1]
            ok = scored["r2"] is not None and scored["r2"] > 1 - 1e-12 \
                and verdict in ("yes", "-")
            check = "ok" if ok else f"FAILED: R2 {fmt_r2(scored['r2'])}, judged {verdict} {note}"
            line += (cell(len(symbols), 5) + cell(f"{y.min():.3g} .. {y.max():.3g}", 24)
                     + cell(f"{sigma:.3g}", 11) + check)
            failures += not ok
        except Exception as error:
            line += f"data error: {error}"
            failures += 1
        print(line, flush=True)
    print("-" * len(head))
    print(f"dry run: {len(rows) - failures}/{len(rows)} rows parse, sample and score their own truth")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(
        prog="scripts/recovery-bench",
        description="Formula-recovery bench: kan discover (and pykan) on a suite.",
        epilog="Suites: scripts/suites/NAME.tsv: paper (the KAN paper's examples), feynman "
               "(39 AI Feynman rows with the KAN paper's ranges), feynman100 (AI Feynman's 100 "
               "equations with their original ranges); 'all' is paper + feynman (not feynman100). "
               "The table header gives the noise level, data seed, date, load and git commit.")
    parser.add_argument("--suite", default="paper",
                        help="paper, feynman, feynman100, all (= paper,feynman) or a "
                             "comma-separated list (default paper)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only this row (repeat, or comma-separate names)")
    parser.add_argument("--noise", type=float, default=0.0, metavar="LEVEL",
                        help="add Gaussian noise of std LEVEL x RMS(y_train) to the training "
                             "targets only (SRBench's convention, e.g. 0.001, 0.01, 0.1; "
                             "seeded by row name and --seed; default 0)")
    parser.add_argument("--pykan", action="store_true", help="also run pykan's pipeline")
    parser.add_argument("--no-kan", action="store_true", help="run pykan only (with --pykan)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds per tool run on one row; the run is killed after it "
                             "and the row reads 'timeout' (default 900)")
    parser.add_argument("--simplify-timeout", type=float, default=30,
                        help="seconds for SymPy's simplify per judgement (default 30)")
    parser.add_argument("--train", type=int, default=1000, help="training points (default 1000)")
    parser.add_argument("--test", type=int, default=1000, help="test points (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="data seed (default 0)")
    parser.add_argument("--kan", default=os.path.join(ROOT, "scripts", "kan"),
                        help="the kan command (default scripts/kan)")
    parser.add_argument("--stages", metavar="LIST",
                        help="pass --stages LIST to kan discover (e.g. networks,decomposition,"
                             "rationalisation,selection: the KAN path without the direct stages)")
    parser.add_argument("--formulas", action="store_true", help="print the formulas found")
    parser.add_argument("--json", metavar="FILE",
                        help="write {meta, summary, rows} to FILE as JSON (per row and tool: "
                             "verdict, test_r2, test_rmse_scored, printed_ne_scored, the tool's result)")
    parser.add_argument("--keep-data", metavar="DIR", help="write the CSV files to DIR and keep them")
    parser.add_argument("--dry-run", action="store_true",
                        help="only parse and sample every row (and check the judge on its own "
                             "truth); run no tool")
    args = parser.parse_args()
    if args.noise < 0 or not math.isfinite(args.noise):
        parser.error("--noise must be a finite level >= 0")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    bench_start = time.perf_counter()

    suites = []
    for item in args.suite.split(","):
        item = item.strip()
        for s in (["paper", "feynman"] if item == "all" else [item] if item else []):
            if s not in suites:
                suites.append(s)
    if not suites:
        parser.error("--suite is empty")
    rows = [row for s in suites for row in read_suite(s)]
    only = {n.strip() for item in args.only for n in item.split(",") if n.strip()}
    if only:
        unknown = only - {r["name"] for r in rows}
        if unknown:
            raise SystemExit(f"recovery-bench: error: no row named {', '.join(sorted(unknown))} "
                             f"in suite {'+'.join(suites)}")
        rows = [r for r in rows if r["name"] in only]

    folder_context = tempfile.TemporaryDirectory(prefix="recovery-bench-")
    folder = args.keep_data or folder_context.name
    os.makedirs(folder, exist_ok=True)
    header_lines, meta = provenance(args, suites, rows)
    for text in header_lines:
        print(text)
    if args.dry_run:
        with folder_context:
            return dry_run(rows, args, folder)

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
        "pykan": lambda train, test: [sys.executable, pykan_script, train, test],
    }

    noisy = args.noise > 0
    widths = dict(name=16, expected=6, exact=13, r2=10, rmse=10, sec=8, flag=4, sigma=7)
    head = cell("name", widths["name"]) + " " + cell("expect", widths["expected"])
    for tool, _, _ in tools:
        head += (" | " + cell(f"{tool} exact", widths["exact"]) + cell("test R²", widths["r2"])
                 + cell("test RMSE", widths["rmse"]) + cell("seconds", widths["sec"])
                 + cell("p≠s", widths["flag"]))
        if noisy:
            head += cell("σest/σ", widths["sigma"])
    print("exact: yes / ~yes (after snapping constants) / num (equal on the test rows, not "
          "proved) / no / - (fit row); test R² and RMSE: of the printed formula on the noiseless "
          "test rows, computed by the bench; p≠s: the tool's test_rmse differs from it"
          + ("; σest/σ: the tool's noise estimate over the std of the noise added" if noisy else ""))
    print(head)
    print("-" * len(head), flush=True)

    records = []
    totals = {t: dict(recovered=0, snapped=0, seconds=0.0, r2_good=0, scored=0, min_r2=None,
                      min_r2_row=None, mismatches=0, claimed=0, claimed_wrong=0, runs=0)
              for t, _, _ in tools}
    exact_rows = 0
    with folder_context:
        # Every row's data first, then all of kan's runs in one `kan sweep` (one at a time),
        # then each row judged and printed as before.
        prepared = []
        for row in rows:
            try:
                prepared.append((row, make_data(row, folder, args.train, args.test, args.seed,
                                                args.noise), None))
            except Exception as error:
                prepared.append((row, None, error))
        kan_results = {}
        if any(tool == "kan" and available for tool, available, _ in tools):
            kan_jobs = [(f"{row['suite']}/{row['name']}", data[2], data[3])
                        for row, data, _ in prepared if data is not None]
            if kan_has_sweep(args.kan):
                with tempfile.TemporaryDirectory(prefix="recovery-bench-sweep-") as sweep_folder:
                    kan_results = run_kan_sweep(args.kan, kan_jobs, args.timeout, args.stages, sweep_folder)
            else:
                # A kan built before `kan sweep` (to compare with an older commit): one
                # `kan discover` per row, killed after --timeout, as the bench ran before.
                print("kan has no `sweep` subcommand: running kan discover row by row", flush=True)
                for key, train, test in kan_jobs:
                    kan_results[key] = run_tool(
                        [args.kan, "discover", train, "--test", test, "--format", "json", "--quiet"]
                        + (["--stages", args.stages] if args.stages else []), args.timeout)
        for row, data, data_error in prepared:
            line = cell(row["name"], widths["name"]) + " " + cell(row["expected"], widths["expected"])
            record = dict(suite=row["suite"], name=row["name"], truth=row["formula"],
                          expected=row["expected"], noise=args.noise)
            exact_rows += row["expected"] == "exact"
            if data_error is not None:
                error = data_error
                print(line + f" | data error: {error}", flush=True)
                record["error"] = f"data: {error}"
                records.append(record)
                continue
            truth, symbols, train, test_path, test, sigma = data
            record["noise_std"] = sigma
            notes = []
            for tool, available, _ in tools:
                scored = dict(r2=None, rmse=None, mismatch=False, note="")
                t = totals[tool]
                if not available:
                    verdict, seconds, result, status = "n/a", "-", None, "n/a"
                else:
                    t["runs"] += 1
                    if tool == "kan":
                        result, status, wall = kan_results[f"{row['suite']}/{row['name']}"]
                    else:
                        result, status, wall = run_tool(commands[tool](train, test_path), args.timeout)
                    seconds = f"{wall:.1f}"
                    t["seconds"] += wall
                    if status == "ok":
                        verdict, note = judge(row, truth, symbols, test, result,
                                              args.simplify_timeout)
                        if note:
                            notes.append(f"{tool}: {note}")
                        if verdict == "yes":
                            t["recovered"] += 1
                        if verdict == "~yes":
                            t["snapped"] += 1
                        scored = score(result, symbols, test)
                        if scored["note"]:
                            notes.append(f"{tool}: {scored['note']}")
                        if scored["mismatch"]:
                            t["mismatches"] += 1
                        claim = result.get("exact")
                        if isinstance(claim, bool) and claim:
                            t["claimed"] += 1
                            if verdict not in ("yes", "~yes", "num"):
                                t["claimed_wrong"] += 1
                                notes.append(f"{tool}: reports exact, judged {verdict}")
                    else:
                        verdict = status
                        if result and result.get("error"):
                            notes.append(f"{tool}: {result['error']}")
                    if args.formulas and result and result.get("formula"):
                        origin = result.get("origin")
                        notes.append(f"{tool}: {result['formula']}" + (f"   [{origin}]" if origin else ""))
                r2 = scored["r2"]
                if r2 is not None:
                    t["scored"] += 1
                    t["r2_good"] += r2 >= 0.99
                    if t["min_r2"] is None or r2 < t["min_r2"]:
                        t["min_r2"], t["min_r2_row"] = r2, row["name"]
                estimate = (result or {}).get("noise")
                ratio = (f"{float(estimate) / sigma:.2f}"
                         if isinstance(estimate, (int, float)) and sigma > 0 else "-")
                record[tool] = dict(verdict=verdict, status=status, seconds=seconds,
                                    test_r2=r2, test_rmse_scored=scored["rmse"],
                                    printed_ne_scored=scored["mismatch"], result=result)
                line += (" | " + cell(verdict, widths["exact"]) + cell(fmt_r2(r2), widths["r2"])
                         + cell(fmt_rmse(scored["rmse"]), widths["rmse"]) + cell(seconds, widths["sec"])
                         + cell("≠" if scored["mismatch"] else "", widths["flag"]))
                if noisy:
                    line += cell(ratio, widths["sigma"])
            print(line, flush=True)
            for note in notes:
                print(" " * (widths["name"] + 1) + "  " + note, flush=True)
            records.append(record)

    print("-" * len(head))
    summary = {}
    for tool, available, why in tools:
        t = totals[tool]
        summary[tool] = dict(t, exact_rows=exact_rows, rows=len(rows), available=available)
        if not available:
            print(f"{tool}: recovered 0/{exact_rows} (kan discover not available: {why})")
            continue
        worst = "-" if t["min_r2"] is None else f"{fmt_r2(t['min_r2'])} ({t['min_r2_row']})"
        unscored = t["runs"] - t["scored"]
        print(f"{tool}: exact {t['recovered']}/{exact_rows} exact rows "
              f"(+{t['snapped']} more after snapping constants)")
        print(f"{tool}: test R² ≥ 0.99 on {t['r2_good']}/{len(rows)} rows; minimum test R² {worst}"
              + (f"; {unscored} rows without a scorable formula (timeout, error or unreadable)"
               if unscored else ""))
        print(f"{tool}: printed≠scored on {t['mismatches']} rows"
              + (f"; reports exact on {t['claimed']} rows, {t['claimed_wrong']} of them judged "
                 f"neither yes, ~yes nor num" if t["claimed"] else ""))
        print(f"{tool}: total {t['seconds']:.1f} s")
    print(f"bench: {time.perf_counter() - bench_start:.1f} s wall in all")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(meta=meta, summary=summary, rows=records), f, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
