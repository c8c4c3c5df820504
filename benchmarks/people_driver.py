#!/usr/bin/env python3
"""Solves one min-cost-flow network in DIMACS format with OR-tools and HiGHS, for
`alliance-bench people` (stage 3, people to posts: the network `PeopleMatcher.flowNetwork` builds).

    people_driver.py NETWORK.min [--solvers ortools,highs] [--time-limit 600]

DIMACS min: "p min NODES ARCS", "n ID SUPPLY", "a FROM TO LOW CAP COST" (1-based nodes, LOW 0).
Prints one JSON line: per solver the status, the optimal cost (an integer: every cost is), the
seconds to solve only and to read the file and solve (the file read once per solver, so each
"read_solve" counts its own parse); each solver's answer is also written to stderr as soon as
it is known. `alliance-bench people` starts one process per solver (`--solvers ortools`, then
`--solvers highs`), so that one running out of memory does not lose the other's answer.

- OR-tools: `SimpleMinCostFlow` (network simplex / cost scaling), the arcs added as numpy arrays.
- HiGHS: the LP min c·x, node balance rows (out − in = supply), 0 ≤ x ≤ cap, by `highspy` (dual
  simplex, the default); integral at the optimum since the matrix is a network matrix.
"""
import json
import sys
import time

import numpy as np

# Imported before any clock starts: "read_solve" counts reading the file and solving, not imports.
try:
    from ortools.graph.python import min_cost_flow
except ImportError as error:  # reported per solver
    min_cost_flow = error
try:
    import highspy
except ImportError as error:
    highspy = error


def read_dimacs(path):
    """(nodes, supplies[nodes], from[arcs], to[arcs], cap[arcs], cost[arcs]); nodes 0-based."""
    with open(path, "rb") as f:
        text = f.read()
    first_arc = text.find(b"\na ")
    head = text[: first_arc + 1] if first_arc >= 0 else text
    nodes = 0
    supplies = None
    for line in head.split(b"\n"):
        if line.startswith(b"p "):
            parts = line.split()
            nodes = int(parts[2])
            supplies = np.zeros(nodes, dtype=np.int64)
        elif line.startswith(b"n "):
            parts = line.split()
            supplies[int(parts[1]) - 1] = int(parts[2])
    if first_arc < 0:
        empty = np.zeros(0, dtype=np.int64)
        return nodes, supplies, empty, empty, empty, empty
    body = text[first_arc + 1 :].replace(b"a", b" ").decode("ascii")
    del text
    values = np.fromstring(body, dtype=np.int64, sep=" ").reshape(-1, 5)
    return nodes, supplies, values[:, 0] - 1, values[:, 1] - 1, values[:, 3], values[:, 4]


def solve_ortools(holder):
    if isinstance(min_cost_flow, ImportError):
        raise min_cost_flow

    nodes, supplies, tails, heads, caps, costs = holder.pop()
    start = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_nodes_supplies(np.arange(nodes, dtype=np.int64), supplies)
    status = smcf.solve()
    seconds = time.perf_counter() - start
    ok = status == smcf.OPTIMAL
    return {"status": "optimal" if ok else f"status {status}",
            "cost": int(smcf.optimal_cost()) if ok else None, "solve_seconds": seconds}


def solve_highs(holder, time_limit):
    if isinstance(highspy, ImportError):
        raise highspy

    # The network's only reference is taken from the holder, so that every array can be freed
    # once HiGHS has its own copy (at 71 million arcs the copies alone are several GB).
    nodes, supplies, tails, heads, caps, costs = holder.pop()
    arcs = len(tails)
    start = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    lp = highspy.HighsLp()
    lp.num_col_ = arcs
    lp.num_row_ = nodes
    lp.col_cost_ = costs.astype(np.float64)
    lp.col_lower_ = np.zeros(arcs)
    lp.col_upper_ = caps.astype(np.float64)
    lp.row_lower_ = supplies.astype(np.float64)
    lp.row_upper_ = supplies.astype(np.float64)
    # Column j: +1 in row tail_j (out), −1 in row head_j (in); rows sorted within each column.
    lower = np.minimum(tails, heads)
    upper = np.maximum(tails, heads)
    index = np.empty(2 * arcs, dtype=np.int32)
    value = np.empty(2 * arcs, dtype=np.float64)
    index[0::2] = lower
    index[1::2] = upper
    value[0::2] = np.where(tails < heads, 1.0, -1.0)
    value[1::2] = -value[0::2]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * arcs + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    h.passModel(lp)
    del lp, lower, upper, index, value, tails, heads, caps, costs, supplies
    h.run()
    seconds = time.perf_counter() - start
    status = h.modelStatusToString(h.getModelStatus())
    cost = h.getInfo().objective_function_value if status == "Optimal" else None
    return {"status": "optimal" if status == "Optimal" else status,
            "cost": int(round(cost)) if cost is not None else None, "solve_seconds": seconds}


def main():
    args = sys.argv[1:]
    path = args[0]
    solvers = ["ortools", "highs"]
    time_limit = 600.0
    if "--solvers" in args:
        solvers = [s for s in args[args.index("--solvers") + 1].split(",") if s]
    if "--time-limit" in args:
        time_limit = float(args[args.index("--time-limit") + 1])
    answer = {}
    for solver in solvers:
        start = time.perf_counter()
        try:
            holder = [read_dimacs(path)]
            read_seconds = time.perf_counter() - start
            if solver == "ortools":
                result = solve_ortools(holder)
            elif solver == "highs":
                result = solve_highs(holder, time_limit)
            else:
                result = {"status": "unknown solver"}
            result["read_seconds"] = read_seconds
            result["read_solve_seconds"] = time.perf_counter() - start
        except ImportError as error:
            result = {"status": f"unavailable: {error}"}
        except Exception as error:  # noqa: BLE001 - reported, not raised
            result = {"status": f"failed: {error}"}
        answer[solver] = result
        holder = None
        print(json.dumps({solver: result}), file=sys.stderr, flush=True)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
