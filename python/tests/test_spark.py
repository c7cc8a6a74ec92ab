"""cordon on a local Spark (``local[2]``): ``cordon.spark.screen`` gives
``cordon batch``'s results record for record. Marked ``spark`` (needs
pyspark and Java 17): ``pytest -m spark`` runs these alone, ``pytest -m
'not spark'`` everything else.

``CORDON_SPARK_NEGATIVES`` sets how many negatives go into the real-data
test (default 100,000: the done-when of issue 16, with every UN positive).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import cordon
import cordon.spark
from conftest import SAMPLE, assert_same_records, cli_batch, real_lists, table_records, write_eval_batch

pytestmark = pytest.mark.spark

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark() -> Any:
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the venv cordon is installed in),
    # not whatever `python3` is first on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("cordon-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield s
    s.stop()


def spark_records(df: Any, out: Path) -> dict:
    """The results written as Parquet (as the example job does), read
    back and grouped into ``cordon batch``'s records."""
    df.write.mode("overwrite").parquet(str(out))
    return table_records(pq.read_table(out))


def test_sample_through_spark_equals_cordon_batch(spark: Any, tmp_path: Path) -> None:
    src = tmp_path / "parties.csv"
    src.write_text(
        "id,name,kind,dob,country,id_number\n"
        "a1,Acme Example Trading Co,,,,\n"
        "a2,Ivan Petrov,person,1970,RU,\n"
        "a3,Bad Date,person,1990-02-30,,\n"
        "a4,Nobody Anywhere,,,,\n"
    )
    cli = cli_batch(["--data", str(SAMPLE)], src, tmp_path / "out.jsonl")
    df = spark.read.csv(str(src), header=True).repartition(3)
    results = cordon.spark.screen(df, data=SAMPLE)
    assert results.schema.simpleString().startswith("struct<id:string,rank:int,entity_id:string")
    assert_same_records(spark_records(results, tmp_path / "out.parquet"), cli)


def test_one_screener_per_python_worker(spark: Any) -> None:
    df = spark.createDataFrame([(str(i), "Acme Example Trading Co") for i in range(40)], "id string, name string")
    cordon.spark.screen(df.repartition(8), data=SAMPLE).count()

    def report(batches: Any) -> Any:
        import pyarrow as pa

        import cordon.spark as cs

        for _ in batches:
            pass
        yield pa.RecordBatch.from_pylist(
            [{"pid": os.getpid(), "screeners": len(cs._SCREENERS)}],
            schema=pa.schema([("pid", pa.int64()), ("screeners", pa.int32())]),
        )

    rows = df.repartition(8).mapInArrow(report, "pid long, screeners int").collect()
    assert {r["screeners"] for r in rows} <= {0, 1}
    assert any(r["screeners"] == 1 for r in rows)


def test_bad_lists_fail_on_the_driver_with_the_clis_message(spark: Any) -> None:
    df = spark.createDataFrame([("1", "x")], "id string, name string")
    with pytest.raises(cordon.CordonError, match="does not exist"):
        cordon.spark.screen(df, data="/nonexistent/lists")
    with pytest.raises(cordon.CordonError, match="columns id and name"):
        cordon.spark.screen(df.withColumnRenamed("name", "nom"), data=SAMPLE)


def test_spark_equals_cordon_batch_on_100k_records_and_the_un_positives(spark: Any, tmp_path: Path) -> None:
    lists = real_lists()
    n = int(os.environ.get("CORDON_SPARK_NEGATIVES", "100000"))
    src = tmp_path / "parties.csv"
    total = write_eval_batch(src, n)
    t0 = time.monotonic()
    cli = cli_batch(lists["flags"], src, tmp_path / "out.jsonl")
    t1 = time.monotonic()
    df = spark.read.csv(str(src), header=True)
    results = cordon.spark.screen(df, data=lists["data"], lists=lists["lists"])
    ours = spark_records(results, tmp_path / "out.parquet")
    t2 = time.monotonic()
    print(f"\n{total} records: cordon batch {t1 - t0:.1f} s, Spark local[2] {t2 - t1:.1f} s")
    assert len(cli) == total
    assert_same_records(ours, cli)
    # The positives are found: most UN-listed persons are matches.
    pos = [r for i, r in cli.items() if i.startswith("pos")]
    assert sum(1 for r in pos if any(m["match"] for m in r["matches"])) > len(pos) // 2
