#!/usr/bin/env python3
"""SymPy's `simplify` on the identity table (Tests/SymbolicTests/Data/identities.txt);
`factor` and `apart` on the rows marked so.

Prints one tab-separated line per row: line number, seconds, and SymPy's result in
kan's text syntax (`^` for powers, `abs`, `e`), so that kan can parse it back and
measure it with its own complexity. Run by `scripts/bench-symbolic --sympy`.
"""
import re
import sys
import time

import sympy
from sympy.parsing.sympy_parser import parse_expr


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [part.strip() for part in line.split("|")]
            if len(fields) < 2:
                continue
            positive = []
            operation = "simplify"
            if len(fields) >= 3 and fields[2].startswith("positive:"):
                positive = fields[2][len("positive:"):].split()
            elif len(fields) >= 3 and (fields[2] == "factor" or fields[2].startswith("apart:")):
                operation = fields[2]
            rows.append((number, fields[0], positive, operation))
    return rows


def to_sympy(text, positive):
    text = text.replace("^", "**")
    text = re.sub(r"\babs\(", "Abs(", text)
    names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    functions = {"sin", "cos", "tan", "exp", "log", "sqrt", "Abs", "sign", "sinh", "cosh",
                 "tanh", "asin", "acos", "atan", "atanh", "pi"}
    local = {name: sympy.Symbol(name, positive=True) if name in positive else sympy.Symbol(name)
             for name in names - functions}
    return parse_expr(text, local_dict=local)


def to_kan(expr):
    text = sympy.sstr(expr)
    text = text.replace("**", "^")
    text = re.sub(r"\bAbs\(", "abs(", text)
    text = re.sub(r"\bE\b", "e", text)
    return text


def main():
    path = sys.argv[1]
    total = 0.0
    rows = read_table(path)
    for number, text, positive, operation in rows:
        expr = to_sympy(text, positive)
        start = time.perf_counter()
        if operation == "factor":
            result = sympy.factor(expr)
        elif operation.startswith("apart:"):
            result = sympy.apart(expr, sympy.Symbol(operation[len("apart:"):].strip()))
        else:
            result = sympy.simplify(expr)
        elapsed = time.perf_counter() - start
        total += elapsed
        print(f"{number}\t{elapsed}\t{to_kan(result)}")
    print(f"sympy {sympy.__version__} total: {total * 1e3:.1f} ms over {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
