"""Writes scripts/suites/feynman.tsv from pykan's own list of AI Feynman equations.

Usage (with the interpreter of scripts/pykan-env):

    .pykan/venv/bin/python scripts/pykan/feynman_tsv.py > scripts/suites/feynman.tsv

pykan 0.2.8 ships the equations with the variable ranges the KAN paper used
(`kan.feynman.get_feynman_dataset(name)` -> symbols, SymPy expression, torch
function, ranges). This script calls it for the chosen names, renames the
variables to x1..xn in pykan's column order, turns float constants into exact
rationals (pykan writes 1/2 as 0.5), prints the formula in kan's text syntax
(`^` for powers) and checks numerically that the printed formula equals pykan's
torch function on random points of the ranges.
"""

import math
import os
import sys

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np
import sympy as sp
import torch

torch.set_default_dtype(torch.float64)
from kan.feynman import get_feynman_dataset  # noqa: E402

# Few variables and closed forms over the default library: reachable for a KAN.
NAMES = [
    "I.6.20a", "I.6.20", "I.6.20b", "I.8.4", "I.10.7", "I.12.1", "I.12.4", "I.13.4",
    "I.14.3", "I.14.4", "I.15.10", "I.16.6", "I.18.4", "I.25.13", "I.26.2", "I.27.6",
    "I.29.4", "I.30.5", "I.34.10", "I.34.14", "I.34.27", "I.37.4", "I.39.10", "I.39.11",
    "I.43.31", "I.47.23", "I.48.20", "II.3.24", "II.4.23", "II.8.31", "II.11.28",
    "II.13.23", "II.27.18", "II.34.2a", "II.38.14", "III.8.54", "III.15.12",
    "III.15.14", "III.17.37",
]

# pykan's torch function disagrees with its own SymPy expression here:
# I.16.6 computes u*v/(1 + u*v/c^2) instead of (u + v)/(1 + u*v/c^2).
TORCH_DIFFERS = {"I.16.6"}


def number(value):
    """A range bound as text: pykan writes 2*pi as a torch scalar."""
    v = float(value)
    if abs(v - round(v)) < 1e-12:
        return str(int(round(v)))
    return repr(v)


def row(name):
    symbols, expr, f, ranges = get_feynman_dataset(name)
    if not isinstance(symbols, (list, tuple)):
        symbols = [symbols]
    n = len(symbols)
    if len(np.array(ranges, dtype=object).shape) == 1 and n > 1 or len(ranges) != n:
        ranges = [ranges] * n if not isinstance(ranges[0], (list, tuple)) else ranges
    bounds = [(float(lo), float(hi)) for lo, hi in ranges]
    new = [sp.Symbol(f"x{i + 1}", real=True, positive=True if lo > 0 else None)
           for i, (lo, hi) in enumerate(bounds)]
    formula = sp.nsimplify(expr.subs(dict(zip(symbols, new))), rational=True)
    text = sp.sstr(formula).replace("**", "^")

    # The printed formula must equal pykan's torch function on the ranges.
    rng = np.random.default_rng(0)
    x = np.column_stack([rng.uniform(lo, hi, 200) for lo, hi in bounds])
    plain = [sp.Symbol(f"x{i + 1}") for i in range(n)]
    reparsed = sp.sympify(text.replace("^", "**"), locals={str(s): s for s in plain})
    ours = sp.lambdify(plain, reparsed, "numpy")(*x.T)
    theirs = f(torch.tensor(x)).numpy().ravel()
    ok = np.isfinite(ours) & np.isfinite(theirs)
    if ok.sum() < 150 or not np.allclose(ours[ok], theirs[ok], rtol=1e-9, atol=1e-12):
        if name not in TORCH_DIFFERS:
            raise SystemExit(f"feynman_tsv: {name}: transcription does not match pykan's function")
        print(f"feynman_tsv: {name}: pykan's torch function differs from its expression; "
              "the expression (the physics) is kept", file=sys.stderr)
    spans = ",".join(f"{number(lo)}:{number(hi)}" for lo, hi in bounds)
    return f"{name}\t{text}\t{spans}\texact"


def main():
    print("# AI Feynman equations as a formula-recovery suite, with the variable ranges the")
    print("# KAN paper used (transcribed from pykan 0.2.8 kan/feynman.py by")
    print("# scripts/pykan/feynman_tsv.py; variables renamed x1..xn in pykan's order).")
    print("# Columns as in paper.tsv: name, formula (^ is power, pi is π), ranges lo:hi per")
    print("# variable, expected (every row is a closed form over the default library: exact).")
    print("name\tformula\tranges\texpected")
    for name in NAMES:
        print(row(name))


if __name__ == "__main__":
    main()
