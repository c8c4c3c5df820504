#!/usr/bin/env python3
"""Solves the stage-1 MPS model with HiGHS (highspy) for the alliance benchmark harness.

Usage: highs_driver.py MODEL.mps TIME_LIMIT LOG_FILE

The MPS file written by GLPK does not record the optimization sense, so the model is
switched to maximization after reading. Prints one JSON object on stdout:
  read_seconds  time to read the model
  trace         [[seconds, incumbent or null, bound or null], ...] from HiGHS callbacks
                (every improving solution, and the bounds about twice a second)
  objective, bound, gap, status, total_seconds
Seconds count from just before the model is read. HiGHS's own log goes to LOG_FILE.
Exit code 3 when highspy is not importable (the harness then skips HiGHS).
"""
import json
import math
import os
import sys
import time


def finite(value):
    """The value, or None for an infinite or missing one (JSON has no infinity)."""
    if value is None or not math.isfinite(value) or abs(value) >= 1e30:
        return None
    return float(value)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    model, time_limit, log_file = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    # HiGHS prints a banner on the C level: keep the real stdout for the JSON answer only.
    sys.stdout.flush()
    answer_fd = os.dup(1)
    os.dup2(2, 1)
    try:
        import highspy
    except ImportError as error:
        print(f"highspy is not importable: {error}", file=sys.stderr)
        return 3

    h = highspy.Highs()
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("log_file", log_file)
    start = time.monotonic()
    h.readModel(model)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    read_seconds = time.monotonic() - start
    h.setOptionValue("time_limit", time_limit)

    trace = []
    last = {"t": -1.0}

    def note(event, always):
        now = time.monotonic() - start
        if not always and now - last["t"] < 0.5:
            return
        last["t"] = now
        data = event.data_out
        trace.append([now, finite(data.mip_primal_bound), finite(data.mip_dual_bound)])

    h.cbMipImprovingSolution.subscribe(lambda e: note(e, True))
    h.cbMipInterrupt.subscribe(lambda e: note(e, False))
    h.cbMipLogging.subscribe(lambda e: note(e, False))

    h.run()
    total = time.monotonic() - start
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    objective = finite(info.objective_function_value) if info.primal_solution_status == 2 else None
    bound = finite(info.mip_dual_bound)
    gap = finite(info.mip_gap) if objective is not None else None
    trace.append([total, objective, bound])
    sys.stdout.flush()
    os.dup2(answer_fd, 1)
    print(json.dumps({"read_seconds": read_seconds, "trace": trace, "objective": objective,
                      "bound": bound, "gap": gap, "status": status, "total_seconds": total}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
