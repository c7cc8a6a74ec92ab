"""cordon on Apache Spark: screen a DataFrame of parties with ``mapInArrow``.

>>> from cordon import spark as cordon_spark
>>> results = cordon_spark.screen(df, data="/lists/ofac_sdn/2024-05-03",
...                               lists={"un-sc": "/lists/un/consolidated.xml"})

The list files are shipped to the executors once, with
``SparkContext.addFile`` (a data folder recursively, each explicit list
file or folder as given); every Python worker loads them into one
:class:`cordon.Screener`, kept in a module-level cache for the worker's
life (Spark reuses its Python workers), and screens each Arrow batch of
its partition with :meth:`cordon.Screener.screen_batch` on
``spark.task.cpus`` threads. The results are ``cordon batch``'s, one row
per candidate (see :meth:`cordon.Screener.screen_batch`), with ``id`` as
text.

Sizing: each task screens on ``spark.task.cpus`` cores (default 1), so a
job runs ``executors × executor cores`` batches at once; every Python
worker holds its own index (about 130 MB for the SDN and UN lists). See
the README ("Python and Spark") for the measured records per core-second.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, Iterable, Iterator, Mapping, Optional, Set, Tuple, Union

import cordon

__all__ = ["screen", "RESULT_SCHEMA"]

#: The Spark schema of the results (``id`` as text; the other columns as
#: :meth:`cordon.Screener.screen_batch` gives them).
RESULT_SCHEMA = (
    "id string, rank int, entity_id string, list string, kind string, name string, "
    "matched_name string, score double, match boolean, programs array<string>, "
    "dates_of_birth array<string>, countries array<string>, explanation string, "
    "ownership string, error string"
)

# One Screener per Python worker, per set of lists and options.
_SCREENERS: Dict[Tuple[Any, ...], "cordon.Screener"] = {}
_LOCK = threading.Lock()
# The paths this driver has shipped, per SparkContext.
_ADDED: Set[Tuple[int, str]] = set()


def _executor_screener(key: Tuple[Any, ...]) -> "cordon.Screener":
    """The worker's Screener for `key` (loaded on first use)."""
    with _LOCK:
        screener = _SCREENERS.get(key)
        if screener is None:
            from pyspark import SparkFiles, TaskContext

            data, lists, threshold, max_age = key
            if "RAYON_NUM_THREADS" not in os.environ:
                # The task's share of the executor's cores, before rayon's
                # pool starts.
                ctx = TaskContext.get()
                cpus = ctx.cpus() if ctx is not None else 1
                os.environ["RAYON_NUM_THREADS"] = str(max(1, cpus))
            screener = cordon.Screener(
                data=None if data is None else SparkFiles.get(data),
                lists={fmt: SparkFiles.get(name) for fmt, name in lists},
                threshold=threshold,
                max_age=max_age,
            )
            _SCREENERS[key] = screener
        return screener


def _ship(sc: Any, path: Union[str, "os.PathLike[str]"], shipped: Dict[str, str]) -> str:
    """Adds `path` (a file or folder) to the files every executor gets;
    the name `SparkFiles.get` finds it under."""
    path = os.path.abspath(os.fspath(path))
    if not os.path.exists(path):
        raise cordon.CordonError(f"list path {path} does not exist")
    name = os.path.basename(path.rstrip(os.sep))
    other = shipped.get(name)
    if other is not None and other != path:
        raise cordon.CordonError(
            f"{path} and {other} would reach the executors under the same name {name!r}: "
            "rename one, or put the lists in one data folder"
        )
    if other is None:
        # Spark ships a path once per application; adding it again only
        # logs a warning.
        if (id(sc), path) not in _ADDED:
            sc.addFile(path, recursive=os.path.isdir(path))
            _ADDED.add((id(sc), path))
        shipped[name] = path
    return name


def screen(
    df: Any,
    data: Optional[Union[str, "os.PathLike[str]"]] = None,
    lists: Optional[Mapping[str, Union[str, "os.PathLike[str]"]]] = None,
    *,
    threshold: Optional[float] = None,
    limit: int = cordon.DEFAULT_LIMIT,
    matches_only: bool = False,
    explain: str = "matches",
    max_age: Optional[int] = None,
    check: bool = True,
) -> Any:
    """Screens every row of the Spark DataFrame ``df`` (the batch columns
    ``id, name`` and optionally ``kind, dob, country, id_number``, any
    type: they are cast to text) against the lists of ``data`` (a folder,
    the CLI's ``--data``) and ``lists`` (``{"FORMAT": PATH}``, the CLI's
    ``--list``). Returns a DataFrame of :data:`RESULT_SCHEMA`: one row per
    candidate, as :meth:`cordon.Screener.screen_batch` and ``cordon batch``
    give them.

    The paths must be readable by the driver, which ships them to the
    executors (``SparkContext.addFile``). With ``check`` (the default) the
    driver loads the lists once first, so a list that does not load fails
    here, with the CLI's message, rather than in every task.
    """
    if data is None and not lists:
        raise cordon.CordonError("give data=FOLDER or lists={FORMAT: PATH} to screen against")
    spark = df.sparkSession
    sc = spark.sparkContext
    if check:
        cordon.Screener(data=data, lists=lists, threshold=threshold, max_age=max_age)
    shipped: Dict[str, str] = {}
    data_name = None if data is None else _ship(sc, data, shipped)
    list_names = tuple(sorted((fmt, _ship(sc, p, shipped)) for fmt, p in (lists or {}).items()))
    key = (data_name, list_names, threshold, max_age)

    columns: Dict[str, str] = {}
    for c in df.columns:
        k = c.strip().lower()
        if k in cordon.BATCH_COLUMNS and k not in columns:
            columns[k] = c
    missing = [c for c in ("id", "name") if c not in columns]
    if missing:
        raise cordon.CordonError(
            f"the DataFrame must have columns id and name (and optionally kind, dob, country, "
            f"id_number); found {df.columns}"
        )
    from pyspark.sql import functions as F

    parties = df.select(
        [F.col(f"`{columns[k]}`").cast("string").alias(k) for k in cordon.BATCH_COLUMNS if k in columns]
    )
    options = dict(limit=limit, threshold=threshold, matches_only=matches_only, explain=explain)

    def screen_partition(batches: Iterable[Any]) -> Iterator[Any]:
        screener = _executor_screener(key)
        for batch in batches:
            if batch.num_rows == 0:
                continue
            yield from screener.screen_batch(batch, **options).to_batches()

    return parties.mapInArrow(screen_partition, RESULT_SCHEMA)
