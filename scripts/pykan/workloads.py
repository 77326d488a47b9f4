"""The engine workloads run in the reference implementation pykan 0.2.8.

Usage (with the interpreter of scripts/pykan-env):

    .pykan/venv/bin/python scripts/pykan/workloads.py [W1|W2|W3]...

Prints one JSON line per workload, the same format as kan's `scripts/bench --json`:

    {"workload": "W1", "seconds": ..., "steps_per_second": ..., "evaluations": ...,
     "train_rmse": ..., "peak_mb": ...}

- seconds: wall time of `model.fit(...)` alone (not data generation, model
  construction or the final RMSE); steps_per_second = steps / seconds.
- evaluations: loss+gradient evaluations (closure calls of pykan's L-BFGS, or
  Adam steps), counted by wrapping the optimiser.
- train_rmse: RMSE of the trained model on the whole training set.
- peak_mb: the process's peak resident set (ru_maxrss) in MiB; each workload runs
  in its own process, so this includes the Python + torch baseline (~200-300 MiB)
  but nothing from another workload.

All float64, 2 torch threads, seeded, pykan's defaults otherwise (save_act, grid
updates every 5 steps before step 50), with checkpoint saving and progress bars off.

The workloads (the Swift engine's scripts/bench uses the same definitions):
- W1: KAN([2,5,1], grid=5, k=3), f(x,y) = exp(sin(pi x) + y^2), x, y ~ U[-1,1],
      1,000 training samples, fit(opt="LBFGS", steps=50, lamb=1e-3).
- W2: KAN([8,32,32,1], grid=10, k=3),
      f(x) = sin(pi x1 x2) + cos(x3 + x4) + exp(-(x5^2 + x6^2)) + tanh(x7 x8),
      x ~ U[-1,1]^8, 10,000 training samples, fit(opt="Adam", steps=200,
      batch=1000, lr=1e-2, lamb=0).
- W3: KAN([100,1,1], grid=5, k=3), f(x) = exp(sum_{i=1..100} sin^2(pi x_i / 2) / 100),
      x ~ U[-1,1]^100, 2,000 training samples, fit(opt="LBFGS", steps=20, lamb=0).
Every workload also has a 1,000-sample test set (pykan's fit evaluates it once per step).
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TQDM_DISABLE", "1")

WORKLOADS = {
    "W1": dict(width=[2, 5, 1], grid=5, n_var=2, train=1000, test=1000,
               fit=dict(opt="LBFGS", steps=50, lamb=1e-3)),
    "W2": dict(width=[8, 32, 32, 1], grid=10, n_var=8, train=10000, test=1000,
               fit=dict(opt="Adam", steps=200, batch=1000, lr=1e-2, lamb=0.0)),
    "W3": dict(width=[100, 1, 1], grid=5, n_var=100, train=2000, test=1000,
               fit=dict(opt="LBFGS", steps=20, lamb=0.0)),
}


def target(name, x):
    import torch
    if name == "W1":
        return torch.exp(torch.sin(torch.pi * x[:, [0]]) + x[:, [1]] ** 2)
    if name == "W2":
        return (torch.sin(torch.pi * x[:, [0]] * x[:, [1]]) + torch.cos(x[:, [2]] + x[:, [3]])
                + torch.exp(-(x[:, [4]] ** 2 + x[:, [5]] ** 2)) + torch.tanh(x[:, [6]] * x[:, [7]]))
    if name == "W3":
        return torch.exp((torch.sin(torch.pi * x / 2) ** 2).sum(dim=1, keepdim=True) / 100)
    raise ValueError(name)


def run(name):
    import torch
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(2)
    import kan
    # `kan.MultKAN` is the class (re-exported); the module is in sys.modules.
    multkan = sys.modules["kan.MultKAN"]

    spec = WORKLOADS[name]
    counter = {"evaluations": 0}

    class CountingLBFGS(multkan.LBFGS):
        def step(self, closure):
            def counted():
                counter["evaluations"] += 1
                return closure()
            return super().step(counted)

    class CountingAdam(torch.optim.Adam):
        def step(self, closure=None):
            counter["evaluations"] += 1
            return super().step(closure)

    multkan.LBFGS = CountingLBFGS
    torch.optim.Adam = CountingAdam

    dataset = kan.create_dataset(lambda x: target(name, x), n_var=spec["n_var"],
                                 train_num=spec["train"], test_num=spec["test"], seed=0)
    model = kan.KAN(width=spec["width"], grid=spec["grid"], k=3, seed=1, auto_save=False)
    fit = spec["fit"]
    start = time.perf_counter()
    model.fit(dataset, **fit)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        residual = model(dataset["train_input"]) - dataset["train_label"]
        train_rmse = float(torch.sqrt(torch.mean(residual ** 2)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"workload": name, "seconds": round(seconds, 4),
            "steps_per_second": round(fit["steps"] / seconds, 3),
            "evaluations": counter["evaluations"],
            "train_rmse": train_rmse, "peak_mb": round(peak_mb, 1)}


def main(argv):
    names = argv or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        print(f"workloads.py: error: unknown workload(s) {', '.join(unknown)}; "
              f"choose from {' '.join(WORKLOADS)}", file=sys.stderr)
        return 1
    if len(names) > 1:
        # One process per workload, so that peak_mb belongs to that workload alone.
        status = 0
        for n in names:
            status |= subprocess.call([sys.executable, os.path.abspath(__file__), n])
            sys.stdout.flush()
        return status
    # pykan may still write checkpoints or figures relative to the current folder.
    with tempfile.TemporaryDirectory(prefix="pykan-workload-") as scratch:
        os.chdir(scratch)
        print(json.dumps(run(names[0])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
