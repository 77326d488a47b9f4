"""pykan 0.2.8's automatic formula-discovery pipeline, for side-by-side comparison
with `kan discover`.

Usage (with the interpreter of scripts/pykan-env):

    .pykan/venv/bin/python scripts/pykan/discover.py TRAIN.csv TEST.csv [--seed N]

CSV files: a header row, the target in the last column, variables named by the header.
Prints one JSON line with the keys of `kan discover --format json`: formula (SymPy
syntax, constants rounded to 4 digits as pykan's tutorials do with ex_round),
latex, text (`^` for powers), complexity (nodes of the SymPy expression tree),
train_rmse, test_rmse, r2 (of the formula on the test set), seconds (the
pipeline's wall time), plus network_test_rmse (of the KAN before auto_symbolic).
On failure it prints {"error": "..."} and exits with status 1.

The recipe is pykan's tutorial one (hellokan / API docs), all 1,000-ish samples full
batch, float64, 1 thread, seeded:
    model = KAN([n, 5, 1], grid=5, k=3)
    fit(LBFGS, 50 steps, lamb=1e-3); prune(); fit(50)
    refine(10); fit(50)
    auto_symbolic()   (pykan's whole default library, weight_simple 0.8)
    fit(50); symbolic_formula(); ex_round(., 4)
pykan's checkpoints are written to a temporary folder, its chatter to stderr.
"""

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import traceback

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TQDM_DISABLE", "1")


def read_csv(path):
    import numpy as np
    with open(path) as f:
        header = [h.strip() for h in f.readline().strip().split(",")]
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    if data.shape[1] != len(header) or data.shape[1] < 2:
        raise ValueError(f"{path}: expected {len(header)} numeric columns, at least 2")
    return header, data


def round_floats(expr, digits):
    import sympy
    return expr.xreplace({a: sympy.Float(round(float(a), digits))
                          for a in expr.atoms(sympy.Float)})


def rmse(f, x, y):
    import numpy as np
    with np.errstate(all="ignore"):
        pred = np.broadcast_to(np.asarray(f(*x.T), dtype=float), y.shape)
    return float(np.sqrt(np.mean((pred - y) ** 2))), pred


def pipeline(train_path, test_path, seed):
    import numpy as np
    import sympy
    import torch
    torch.set_default_dtype(torch.float64)
    # One thread: the tensors are small, and on a loaded machine libgomp's
    # barrier spinning with 2 threads slowed a pipeline run from about a minute
    # to over 15 minutes.
    torch.set_num_threads(1)
    from kan import KAN

    header, train = read_csv(train_path)
    header_test, test = read_csv(test_path)
    if header_test != header:
        raise ValueError("train and test CSV headers differ")
    names, n = header[:-1], len(header) - 1
    dataset = {
        "train_input": torch.tensor(train[:, :-1]), "train_label": torch.tensor(train[:, -1:]),
        "test_input": torch.tensor(test[:, :-1]), "test_label": torch.tensor(test[:, -1:]),
    }
    np.random.seed(seed)
    torch.manual_seed(seed)

    start = time.perf_counter()
    # auto_save must stay on: prune() and refine() make models that log to ./model.
    model = KAN(width=[n, 5, 1], grid=5, k=3, seed=seed)
    model.fit(dataset, opt="LBFGS", steps=50, lamb=1e-3)
    model = model.prune()
    model.fit(dataset, opt="LBFGS", steps=50)
    model = model.refine(10)
    model.fit(dataset, opt="LBFGS", steps=50)
    with torch.no_grad():
        net = model(dataset["test_input"]) - dataset["test_label"]
        network_test_rmse = float(torch.sqrt(torch.mean(net ** 2)))
    model.auto_symbolic()
    model.fit(dataset, opt="LBFGS", steps=50)
    symbols = [sympy.Symbol(name) for name in names]
    formula = model.symbolic_formula(var=symbols)[0][0]
    formula = round_floats(sympy.sympify(formula), 4)
    seconds = time.perf_counter() - start

    f = sympy.lambdify(symbols, formula, modules=["numpy", "scipy"])
    train_rmse, _ = rmse(f, train[:, :-1], train[:, -1])
    test_rmse, pred = rmse(f, test[:, :-1], test[:, -1])
    y = test[:, -1]
    r2 = float(1 - np.sum((pred - y) ** 2) / max(np.sum((y - y.mean()) ** 2), 1e-300))
    return {
        "formula": sympy.sstr(formula),
        "latex": sympy.latex(formula),
        "text": sympy.sstr(formula).replace("**", "^"),
        "complexity": sum(1 for _ in sympy.preorder_traversal(formula)),
        "train_rmse": train_rmse, "test_rmse": test_rmse, "r2": r2,
        "seconds": round(seconds, 3), "network_test_rmse": network_test_rmse,
    }


def main():
    parser = argparse.ArgumentParser(description="pykan's automatic discovery pipeline")
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    train, test = os.path.abspath(args.train), os.path.abspath(args.test)
    try:
        with tempfile.TemporaryDirectory(prefix="pykan-discover-") as scratch:
            os.chdir(scratch)  # pykan saves checkpoints under ./model
            with contextlib.redirect_stdout(sys.stderr):
                result = pipeline(train, test, args.seed)
    except Exception as error:  # pykan crashes on some data: report, don't die
        traceback.print_exc(file=sys.stderr)
        message = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        print(json.dumps({"error": message}), flush=True)
        return 1
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
