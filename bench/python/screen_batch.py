"""Throughput of ``cordon.Screener.screen_batch`` on a batch CSV, to set
beside ``cordon batch`` on the same file (BENCHMARKS.md, "Python and
Spark"):

    python3 bench/python/screen_batch.py --data DIR [--list FORMAT=PATH]... INPUT.csv [--rounds N]

Reads INPUT (the batch columns, as text) into a pyarrow Table, loads the
lists (timed), then screens the table ``--rounds`` times (timed, with the
explanations of matches as ``cordon batch`` gives them) and prints the
records per second of each round and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings

import pyarrow as pa
import pyarrow.csv as pacsv

import cordon


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("--data")
    p.add_argument("--list", action="append", default=[])
    p.add_argument("--rounds", type=int, default=2)
    a = p.parse_args()
    warnings.simplefilter("ignore", cordon.CordonWarning)
    table = pacsv.read_csv(a.input, convert_options=pacsv.ConvertOptions(
        column_types={c: pa.string() for c in cordon.BATCH_COLUMNS}, strings_can_be_null=False))
    t0 = time.perf_counter()
    s = cordon.Screener(data=a.data, lists=a.list or None)
    print(f"load: {time.perf_counter() - t0:.2f} s, {len(s)} entities, snapshot {s.snapshot}")
    for r in range(a.rounds):
        t0 = time.perf_counter()
        out = s.screen_batch(table)
        dt = time.perf_counter() - t0
        print(f"round {r + 1}: {table.num_rows} records in {dt:.2f} s = {table.num_rows / dt:,.0f} records/s "
              f"({out.num_rows} result rows)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
