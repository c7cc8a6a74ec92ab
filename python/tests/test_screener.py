"""The Python API gives the CLI's answers: screen, batch, compare, lists,
goods, snapshot, and its error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

import cordon
from conftest import (
    SAMPLE,
    assert_same_records,
    cli_batch,
    cli_error,
    real_lists,
    run_cli,
    table_records,
    write_eval_batch,
)


@pytest.fixture(scope="module")
def sample() -> cordon.Screener:
    with pytest.warns(cordon.CordonWarning, match="ignored"):
        return cordon.Screener(data=str(SAMPLE))


def test_screen_returns_the_clis_match_objects(sample: cordon.Screener) -> None:
    for args in (
        dict(name="Acme Example Trading Co"),
        dict(name="Ivan Petrov", kind="person", dob="1970", country=["RU"]),
        dict(name="Acme Example Trading Co", limit=2),
    ):
        ours = sample.screen(**args)
        flags = ["--data", SAMPLE, "screen", args["name"], "--json"]
        if "kind" in args:
            flags += ["--kind", args["kind"]]
        if "dob" in args:
            flags += ["--dob", args["dob"]]
        for c in args.get("country", []):
            flags += ["--country", c]
        if "limit" in args:
            flags += ["--limit", str(args["limit"])]
        cli = json.loads(run_cli(*flags).stdout)
        assert ours == cli["matches"], args
        assert sample.snapshot == cli["snapshot"]
    best = sample.screen("Acme Example Trading Co")[0]
    assert best["entity_id"] == "ofac-sdn:90001" and best["match"] is True


def test_threshold_of_the_screener_and_of_a_call(sample: cordon.Screener) -> None:
    strict = cordon.Screener(data=str(SAMPLE), threshold=0.99)
    assert strict.threshold == 0.99
    assert not strict.screen("Acme Example Trading Co")[0]["match"]
    assert sample.screen("Acme Example Trading Co", threshold=0.99)[0]["match"] is False
    assert sample.threshold == cordon.DEFAULT_THRESHOLD


def test_explicit_lists_load_as_the_list_flag(sample: cordon.Screener) -> None:
    s = cordon.Screener(lists={"ofac-sdn": SAMPLE / "sdn.csv"})
    cli = json.loads(run_cli("--list", f"ofac-sdn={SAMPLE / 'sdn.csv'}", "screen", "x", "--json").stdout)
    assert s.snapshot == cli["snapshot"]
    assert len(s) == len(sample)


def test_lists_are_the_cli_lists(sample: cordon.Screener) -> None:
    cli = json.loads(run_cli("--data", SAMPLE, "lists", "--json").stdout)
    assert sample.lists() == cli["lists"]
    assert sample.lists()[0]["list"] == "ofac-sdn"


@pytest.mark.parametrize(
    "kwargs, flags",
    [
        (dict(data="/nonexistent/lists"), ["--data", "/nonexistent/lists", "screen", "x"]),
        (dict(lists={"nonsense": "x"}), ["--list", "nonsense=x", "screen", "x"]),
        (
            dict(lists=[f"ofac-sdn={SAMPLE / 'sdn.csv'}", f"ofac-sdn={SAMPLE}"]),
            ["--list", f"ofac-sdn={SAMPLE / 'sdn.csv'}", "--list", f"ofac-sdn={SAMPLE}", "screen", "x"],
        ),
        (
            dict(lists={"un-sc": SAMPLE / "sdn.csv"}),
            ["--list", f"un-sc={SAMPLE / 'sdn.csv'}", "screen", "x"],
        ),
    ],
)
def test_load_errors_carry_the_clis_message(kwargs, flags) -> None:
    with pytest.raises(cordon.CordonError) as e:
        cordon.Screener(**kwargs)
    assert str(e.value) == cli_error(*flags)


@pytest.mark.parametrize(
    "kwargs, flags",
    [
        (dict(name="Ivan Petrov", dob="not-a-date"), ["--dob", "not-a-date"]),
        (dict(name="Ivan Petrov", dob="2999-01-01"), ["--dob", "2999-01-01"]),
        (dict(name="Ivan Petrov", country="Atlantis"), ["--country", "Atlantis"]),
        (dict(name="   "), []),
    ],
)
def test_refused_queries_carry_the_clis_message(sample: cordon.Screener, kwargs, flags) -> None:
    with pytest.raises(cordon.CordonError) as e:
        sample.screen(**kwargs)
    assert str(e.value) == cli_error("--data", SAMPLE, "screen", kwargs["name"], *flags)


def test_bad_arguments_are_refused(sample: cordon.Screener) -> None:
    with pytest.raises(cordon.CordonError, match="threshold must be between 0 and 1"):
        cordon.Screener(data=str(SAMPLE), threshold=1.5)
    with pytest.raises(cordon.CordonError, match="limit must be at least 1"):
        sample.screen("x", limit=0)
    with pytest.raises(cordon.CordonError, match="unknown kind"):
        sample.screen("x", kind="planet")
    with pytest.raises(TypeError, match="pyarrow Table"):
        sample.screen_batch([{"id": 1, "name": "x"}])
    with pytest.raises(cordon.CordonError, match="columns must include id and name"):
        sample.screen_batch(pa.table({"name": ["x"]}))


def test_compare_is_the_clis_compare(sample: cordon.Screener) -> None:
    a, b = "Vladimir Putin", "Putin Vladimir Vladimirovich"
    cli = json.loads(run_cli("compare", a, b, "--json").stdout)
    assert sample.compare(a, b) == cli
    cli = json.loads(run_cli("--data", SAMPLE, "compare", a, b, "--kind", "person", "--with-lists", "--json").stdout)
    assert sample.compare(a, b, kind="person", with_lists=True) == cli


def test_goods_is_the_clis_goods() -> None:
    for code in ("8542.31", "ball bearings"):
        cli = json.loads(run_cli("goods", code, "--json").stdout)
        assert cordon.goods(code) == cli[0]
    with pytest.raises(cordon.CordonError) as e:
        cordon.goods("9999.99")
    p = run_cli("goods", "9999.99", check=False)
    assert p.returncode == 2
    assert f"cordon: error: {e.value}" in p.stderr


SAMPLE_BATCH = """id,name,kind,dob,country,id_number
a1,Acme Example Trading Co,,,,
a2,Ivan Petrov,person,1970,RU;UA,
a3,Nobody Anywhere,person,,,
a4,Bad Date,person,1990-02-30,,
a5,,,,,
a6,Acme Example Trading Co,vessel,,,
"""


def test_screen_batch_equals_cordon_batch_on_pandas_and_arrow(sample: cordon.Screener, tmp_path: Path) -> None:
    import pandas as pd

    src = tmp_path / "parties.csv"
    src.write_text(SAMPLE_BATCH)
    cli = cli_batch(["--data", str(SAMPLE)], src, tmp_path / "out.jsonl")
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    from_pandas = sample.screen_batch(df)
    assert_same_records(table_records(from_pandas), cli)
    from_arrow = sample.screen_batch(pa.Table.from_pandas(df, preserve_index=False))
    assert from_arrow.equals(from_pandas)
    # One row per candidate, input order, rank order.
    ids = from_pandas.column("id").to_pylist()
    assert ids == sorted(ids, key=lambda x: int(x[1:]))
    assert from_pandas.schema.field("score").type == pa.float64()
    assert "row 4: " in table_records(from_pandas)["a4"]["error"]
    assert cli["a4"]["error"].startswith(f"{src}:5: ")
    # Options as `cordon batch --matches-only --limit 2 --explain all`.
    cli = cli_batch(["--data", str(SAMPLE)], src, tmp_path / "out2.jsonl",
                    "--matches-only", "--limit", "2", "--explain", "all")
    ours = sample.screen_batch(df, matches_only=True, limit=2, explain="all")
    assert_same_records(table_records(ours), cli)


def test_screen_batch_keeps_the_id_type_and_casts_party_columns(sample: cordon.Screener) -> None:
    import datetime

    t = pa.table({
        "ID": pa.array([7, 8], pa.int64()),
        "Name": ["Ivan Petrov", "Acme Example Trading Co"],
        "dob": pa.array([datetime.date(1970, 1, 1), None], pa.date32()),
    })
    out = sample.screen_batch(t)
    assert out.schema.field("id").type == pa.int64()
    assert set(out.column("id").to_pylist()) == {7, 8}
    first = sample.screen("Ivan Petrov", dob="1970-01-01")
    rows = [r for r in out.to_pylist() if r["id"] == 7]
    assert [r["entity_id"] for r in rows] == [m["entity_id"] for m in first]
    assert [r["score"] for r in rows] == [m["score"] for m in first]


def test_an_empty_table_gives_an_empty_result(sample: cordon.Screener) -> None:
    out = sample.screen_batch(pa.table({"id": pa.array([], pa.string()), "name": pa.array([], pa.string())}))
    assert out.num_rows == 0 and "entity_id" in out.column_names


def test_screen_batch_equals_cordon_batch_on_the_real_lists(tmp_path: Path) -> None:
    lists = real_lists()
    src = tmp_path / "parties.csv"
    write_eval_batch(src, 5000)
    cli = cli_batch(lists["flags"], src, tmp_path / "out.jsonl")
    with pytest.warns(cordon.CordonWarning, match="STALE"):
        s = cordon.Screener(data=lists["data"], lists=lists["lists"])
    cli_snapshot = json.loads(run_cli(*lists["flags"], "screen", "x", "--json").stdout)["snapshot"]
    assert s.snapshot == cli_snapshot
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(src, convert_options=pacsv.ConvertOptions(
        column_types={c: pa.string() for c in cordon.BATCH_COLUMNS}, strings_can_be_null=False))
    ours = table_records(s.screen_batch(table))
    assert_same_records(ours, cli)
    assert sum(1 for r in cli.values() if r["error"]) == 1
    assert sum(1 for r in cli.values() if any(m["match"] for m in r["matches"])) > 300


def test_screen_batch_releases_the_gil(sample: cordon.Screener) -> None:
    import threading
    import time

    table = pa.table({
        "id": [str(i) for i in range(80000)],
        "name": ["Acme Example Trading Co", "Ivan Petrov", "Nobody Anywhere", "Petrov Trading"] * 20000,
    })
    took = []

    def work() -> None:
        t0 = time.perf_counter()
        sample.screen_batch(table)
        took.append(time.perf_counter() - t0)

    t = threading.Thread(target=work)
    t.start()
    longest, last = 0.0, time.perf_counter()
    while t.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    t.join()
    # Held through the call, the GIL would stop this loop for all of it.
    assert took[0] > 0.2, "the batch is too quick to tell"
    assert longest < took[0] / 2, (longest, took[0])
