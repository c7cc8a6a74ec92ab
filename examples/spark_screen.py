"""Screen a table of parties on Spark with cordon; write the results as Parquet.

    spark-submit examples/spark_screen.py \\
        --data /lists/ofac_sdn/2024-05-03 --list un-sc=/lists/un/consolidated.xml \\
        parties.csv results.parquet

INPUT is Parquet (a file or folder ending in .parquet, or --input-format
parquet) or CSV with a header (the batch columns ``id,name`` and optionally
``kind,dob,country,id_number``: ``cordon batch``'s). OUTPUT gets one row per
candidate (``cordon.spark.RESULT_SCHEMA``); ``--matches-only`` keeps the
matches alone.

The ``cordon`` package must be importable by the driver and by every
executor's Python: install it on the nodes (``pip install ./python`` from
the repository) or ship a packed virtual environment with ``--archives
cordon-venv.tar.gz#venv`` and ``PYSPARK_PYTHON=./venv/bin/python``. The
list files are read by the driver and shipped to the executors by Spark.
"""

from __future__ import annotations

import argparse
import time

import cordon
import cordon.spark
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="Parquet or CSV input (batch columns id,name,...)")
    p.add_argument("output", help="Parquet output folder")
    p.add_argument("--data", help="list folder (cordon --data)")
    p.add_argument("--list", action="append", default=[], metavar="FORMAT=PATH",
                   help="explicit list file or folder (cordon --list), repeatable")
    p.add_argument("--input-format", choices=["csv", "parquet"])
    p.add_argument("--threshold", type=float)
    p.add_argument("--limit", type=int, default=cordon.DEFAULT_LIMIT)
    p.add_argument("--matches-only", action="store_true")
    p.add_argument("--explain", choices=["none", "matches", "all"], default="matches")
    a = p.parse_args()

    spark = SparkSession.builder.appName("cordon-screen").getOrCreate()
    fmt = a.input_format or ("parquet" if a.input.rstrip("/").endswith(".parquet") else "csv")
    reader = spark.read
    parties = reader.parquet(a.input) if fmt == "parquet" else reader.csv(a.input, header=True)
    lists = dict(spec.split("=", 1) for spec in a.list)
    t0 = time.monotonic()
    results = cordon.spark.screen(
        parties,
        data=a.data,
        lists=lists or None,
        threshold=a.threshold,
        limit=a.limit,
        matches_only=a.matches_only,
        explain=a.explain,
    )
    results.write.mode("overwrite").parquet(a.output)
    elapsed = time.monotonic() - t0
    written = spark.read.parquet(a.output)
    summary = written.agg(
        F.countDistinct("id").alias("parties"),
        F.count(F.lit(1)).alias("rows"),
        F.sum(F.col("match").cast("int")).alias("matches"),
        F.count("error").alias("errors"),
    ).first()
    print(
        f"cordon: {summary['parties']} parties screened in {elapsed:.1f} s "
        f"({summary['rows']} result rows, {summary['matches'] or 0} matches, "
        f"{summary['errors']} errors) -> {a.output}"
    )
    spark.stop()


if __name__ == "__main__":
    main()
