"""P1, the 2-D Poisson problem, in pykan 0.2.8 (kan's side: Sources/KanBench/Poisson.swift).

Usage (with the interpreter of scripts/pykan-env):

    .pykan/venv/bin/python scripts/pykan/poisson.py [--schedule G:S,G:S,...]

    laplacian(u) = -2 pi^2 sin(pi x) sin(pi y) on [-1, 1]^2, u = 0 on the boundary,
    exact solution sin(pi x) sin(pi y).

The same problem and recipe as kan's P1: KAN([2,10,1], grid=5, k=5, seed=0, grid_eps=1),
loss mean((laplacian(u) - f)^2) over the 51 x 51 points strictly inside [-1, 1]^2 plus
100 * mean(u^2) over the 404 points of a 102-point grid on the boundary, pykan's LBFGS
(lr 1, history 10, strong Wolfe, 20 iterations per step, tolerances 1e-32, as pykan's
PDE tutorial), 100 / 100 / 400 steps on grids 5 / 10 / 20 (model.refine on all points;
--schedule changes them, as kan's `scripts/bench --json --schedule ... P1`),
no grid updates. The Laplacian comes from torch autograd (gradient, then each diagonal
second derivative), as in pykan's PDE tutorial. float64, 2 torch threads.

Prints one JSON line like kan's `scripts/bench --json P1`: seconds (training, refines
included, error measurement excluded), steps_per_second, evaluations (closure calls),
train_rmse and l2 (the final relative L2 error on the 101 x 101 points strictly inside), peak_mb, and
trace: [seconds, l2] after every step.
"""

import json
import math
import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TQDM_DISABLE", "1")

SCHEDULE = [(5, 100), (10, 100), (20, 400)]


def mesh(n, boundary):
    points = []
    for a in range(n):
        for b in range(n):
            if boundary:
                if a in (0, n - 1) or b in (0, n - 1):
                    points.append((-1 + 2 * a / (n - 1), -1 + 2 * b / (n - 1)))
            else:
                points.append((-1 + 2 * (a + 1) / (n + 1), -1 + 2 * (b + 1) / (n + 1)))
    return points


def run():
    import torch
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(2)
    import kan
    from kan.LBFGS import LBFGS

    inside = torch.tensor(mesh(51, False))
    edge = torch.tensor(mesh(102, True))
    source = -2 * math.pi ** 2 * torch.sin(math.pi * inside[:, 0]) * torch.sin(math.pi * inside[:, 1])
    full = torch.tensor(mesh(101, False))
    solution = torch.sin(math.pi * full[:, 0]) * torch.sin(math.pi * full[:, 1])
    norm = float(torch.linalg.norm(solution))
    everything = torch.cat([inside, edge])

    model = kan.KAN(width=[2, 10, 1], grid=SCHEDULE[0][0], k=5, seed=0, grid_eps=1.0, auto_save=False)

    def laplacian(x):
        x = x.clone().requires_grad_(True)
        u = model(x)[:, 0]
        gradient = torch.autograd.grad(u.sum(), x, create_graph=True)[0]
        total = 0
        for i in range(x.shape[1]):
            total = total + torch.autograd.grad(gradient[:, i].sum(), x, create_graph=True)[0][:, i]
        return total

    evaluations = 0
    seconds = 0.0
    trace = []
    steps_done = 0
    for index, (grid, steps) in enumerate(SCHEDULE):
        start = time.perf_counter()
        measuring = 0.0
        before = seconds
        if index > 0:
            with torch.no_grad():
                model(everything)  # refine fits on the cached inputs
            model = model.refine(grid)
        optimizer = LBFGS(model.parameters(), lr=1, history_size=10, line_search_fn="strong_wolfe",
                          tolerance_grad=1e-32, tolerance_change=1e-32, tolerance_ys=1e-32)
        for _ in range(steps):
            def closure():
                nonlocal evaluations
                evaluations += 1
                optimizer.zero_grad()
                pde = torch.mean((laplacian(inside) - source) ** 2)
                bc = torch.mean(model(edge)[:, 0] ** 2)
                loss = pde + 100 * bc
                loss.backward()
                return loss
            optimizer.step(closure)
            steps_done += 1
            pause = time.perf_counter()
            with torch.no_grad():
                u = model(full)[:, 0]
                l2 = float(torch.linalg.norm(u - solution)) / norm
            trace.append([before + pause - start - measuring, l2])
            # Progress on standard error: a full run takes a long time.
            print(f"P1 grid {grid} step {steps_done}: {trace[-1][0]:.1f} s, relative L2 {l2:.3e}",
                  file=sys.stderr, flush=True)
            measuring += time.perf_counter() - pause
        seconds = before + time.perf_counter() - start - measuring
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    l2 = trace[-1][1]
    return {"workload": "P1", "seconds": round(seconds, 4), "steps_per_second": round(steps_done / seconds, 3),
            "evaluations": evaluations, "train_rmse": l2, "l2": l2, "peak_mb": round(peak_mb, 1), "trace": trace}


def parse_schedule(text):
    """`G:S,G:S,...` as grid sizes and steps, or None when malformed."""
    try:
        stages = [tuple(int(v) for v in part.split(":")) for part in text.split(",")]
    except ValueError:
        return None
    if not stages or any(len(s) != 2 or min(s) <= 0 for s in stages):
        return None
    return stages


def main():
    global SCHEDULE
    arguments = sys.argv[1:]
    if arguments:
        schedule = parse_schedule(arguments[1]) if len(arguments) == 2 and arguments[0] == "--schedule" else None
        if schedule is None:
            print("poisson.py: usage: poisson.py [--schedule G:S,G:S,...]", file=sys.stderr)
            return 2
        SCHEDULE = schedule
    with tempfile.TemporaryDirectory(prefix="pykan-poisson-") as scratch:
        os.chdir(scratch)
        print(json.dumps(run()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
