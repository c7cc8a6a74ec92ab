"""cordon: sanctions screening with explained scores, for Python.

The lists are loaded exactly as the ``cordon`` command line loads them (the
same discovery of official file names, the same choice of versions, the
same snapshot version), and every answer is the CLI's: ``screen`` returns
the match objects of ``cordon screen --json``, ``screen_batch`` the results
of ``cordon batch``, ``compare`` those of ``cordon compare --json`` and
``goods`` those of ``cordon goods --json``. Screening runs in Rust with the
GIL released; ``screen_batch`` uses every core.

>>> import cordon
>>> s = cordon.Screener(data="data/sample")
>>> s.screen("Acme Example Trading Co")[0]["entity_id"]
'ofac-sdn:90001'

Spark: see :mod:`cordon.spark`.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _cordon
from ._cordon import DEFAULT_LIMIT, DEFAULT_THRESHOLD, CordonError

__all__ = [
    "Screener",
    "CordonError",
    "CordonWarning",
    "goods",
    "BATCH_COLUMNS",
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "__version__",
]

__version__: str = _cordon.__version__

#: The input columns of ``screen_batch`` (and of ``cordon batch``'s CSV):
#: only ``id`` and ``name`` are required.
BATCH_COLUMNS = ("id", "name", "kind", "dob", "country", "id_number")

PathLike = Union[str, "os.PathLike[str]"]


class CordonWarning(UserWarning):
    """What the CLI prints on stderr while loading lists: superseded or
    ignored files, load warnings, lists older than ``max_age`` days."""


def _strings(v: Union[None, str, Iterable[str]]) -> List[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    return [str(x) for x in v]


def _list_specs(lists: Union[None, Mapping[str, PathLike], Iterable[str]]) -> List[str]:
    """``{"ofac-sdn": "/path/sdn.csv"}`` (or ``["ofac-sdn=/path/sdn.csv"]``)
    as the CLI's ``--list FORMAT=PATH`` values."""
    if lists is None:
        return []
    if isinstance(lists, Mapping):
        return [f"{fmt}={os.fspath(path)}" for fmt, path in lists.items()]
    if isinstance(lists, str):
        return [lists]
    return [str(x) for x in lists]


def _arrow_table(table: Any) -> Any:
    """A pyarrow Table of ``table`` (a pyarrow Table or RecordBatch, a
    pandas DataFrame, or any object with ``__arrow_c_stream__``), its party
    columns as text."""
    import pyarrow as pa

    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    elif not isinstance(table, pa.Table):
        if type(table).__module__.startswith("pandas"):
            table = pa.Table.from_pandas(table, preserve_index=False)
        elif hasattr(table, "__arrow_c_stream__"):
            table = pa.table(table)
        else:
            raise TypeError(
                "screen_batch expects a pyarrow Table or RecordBatch, a pandas DataFrame "
                f"or an Arrow stream, not {type(table).__name__}"
            )
    for i, field in enumerate(table.schema):
        key = field.name.strip().lower()
        if key in BATCH_COLUMNS[1:] and not (
            pa.types.is_string(field.type)
            or pa.types.is_large_string(field.type)
            or pa.types.is_null(field.type)
        ):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    return table


class Screener:
    """The lists, loaded and indexed once, screened against many times.

    ``data`` is a folder of list files, searched recursively and recognised
    by their official file names (``sdn.csv`` and companions,
    ``consolidated.xml``, ``*.ftm.json``, ...; the newest version of each
    list), or a data folder kept by ``cordon update``: the CLI's ``--data``.
    Without ``data`` and ``lists``, ``$CORDON_DATA_DIR`` or the platform
    data folder is used, as by the CLI.

    ``lists`` gives list files explicitly, as ``{"FORMAT": PATH}`` (or
    ``["FORMAT=PATH"]``): the CLI's ``--list`` (formats ``ofac-sdn``,
    ``ofac-cons``, ``un-sc``, ``eu-fsf``, ``uk-ofsi``, ``opensanctions``,
    ...). Given with ``data``, a list here replaces the versions of the
    same list found in the folder.

    ``threshold`` is the score at or above which a candidate is a match
    (default :data:`DEFAULT_THRESHOLD`); ``max_age`` the days after which a
    list is reported stale (``--max-age``); ``ownership``,
    ``ownership_rules`` and ``ownership_date`` are the CLI's ownership
    flags.

    Raises :class:`CordonError` with the CLI's message when a list cannot
    be found or loaded. What the CLI prints on stderr while loading is
    issued as :class:`CordonWarning` and kept in :attr:`notes`.
    """

    def __init__(
        self,
        data: Optional[PathLike] = None,
        lists: Union[None, Mapping[str, PathLike], Iterable[str]] = None,
        threshold: Optional[float] = None,
        *,
        max_age: Optional[int] = None,
        ownership: Optional[Sequence[PathLike]] = None,
        ownership_rules: Optional[PathLike] = None,
        ownership_date: Optional[str] = None,
    ) -> None:
        self._native = _cordon.Screener(
            data=None if data is None else os.fspath(data),
            lists=_list_specs(lists),
            threshold=threshold,
            max_age=max_age,
            ownership=[os.fspath(p) for p in ownership or []],
            ownership_rules=None if ownership_rules is None else os.fspath(ownership_rules),
            ownership_date=ownership_date,
        )
        for note in self._native.notes:
            warnings.warn(note, CordonWarning, stacklevel=2)

    @property
    def snapshot(self) -> str:
        """The content version of the loaded lists (``cordon screen
        --json``'s ``snapshot``): the same files give the same version."""
        return self._native.snapshot

    @property
    def threshold(self) -> float:
        """The score at or above which a candidate is a match."""
        return self._native.threshold

    @property
    def notes(self) -> List[str]:
        """What the CLI would print on stderr while loading these lists."""
        return list(self._native.notes)

    def __len__(self) -> int:
        """The number of entities loaded."""
        return len(self._native)

    def __repr__(self) -> str:
        return f"<cordon.Screener snapshot={self.snapshot} entities={len(self)}>"

    def lists(self) -> List[Dict[str, Any]]:
        """The loaded lists: ``cordon lists --json``'s ``lists`` (list id,
        format, files with SHA-256, dates, age, ``stale``, counts,
        warnings)."""
        return json.loads(self._native.lists_json())

    def screen(
        self,
        name: Optional[str],
        kind: Optional[str] = None,
        dob: Optional[str] = None,
        country: Union[None, str, Iterable[str]] = None,
        identifiers: Union[None, str, Iterable[str]] = None,
        limit: int = DEFAULT_LIMIT,
        *,
        gender: Optional[str] = None,
        threshold: Optional[float] = None,
    ) -> List[Dict[str, Any]]:
        """Screens one party; the best ``limit`` candidates, best first.

        ``kind``: ``person``, ``organization``, ``vessel``, ``aircraft`` or
        ``any``; ``dob``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
        ``country``: ISO codes or names; ``identifiers``: ``TYPE:VALUE``
        (``imo:9161003``, ``passport:RU:753129173``) or plain values. The
        name may be ``None`` when identifiers are given.

        Each result is the CLI's match object (``cordon screen --json``):
        ``entity_id``, ``list``, ``kind``, ``name``, ``matched_name``,
        ``score``, ``match``, ``programs``, ``dates_of_birth``,
        ``countries``, ``explanation`` (and ``ownership`` for a party
        captured by an ownership rule). A refused query raises
        :class:`CordonError` naming the field.
        """
        return json.loads(
            self._native.screen_json(
                name,
                kind=kind,
                dob=dob,
                country=_strings(country),
                identifiers=_strings(identifiers),
                gender=gender,
                limit=limit,
                threshold=threshold,
            )
        )

    def screen_batch(
        self,
        table: Any,
        *,
        limit: int = DEFAULT_LIMIT,
        threshold: Optional[float] = None,
        matches_only: bool = False,
        explain: str = "matches",
    ) -> Any:
        """Screens every row of a table on every core (the GIL released):
        ``cordon batch`` on a pyarrow Table or RecordBatch, a pandas
        DataFrame, or any Arrow stream.

        Input columns (found by name, any case): ``id`` and ``name``
        required; ``kind``, ``dob``, ``country`` and ``id_number``
        optional, several countries or identifiers separated by ``;`` or
        ``|`` as in the batch CSV. Non-text party columns (dates, numbers)
        are cast to text.

        Returns a ``pyarrow.Table`` with **one row per candidate**, in input
        order and best first within an input: ``id`` (the input's, same
        type), ``rank`` (1 = best), the match object's fields
        (``entity_id``, ``list``, ``kind``, ``name``, ``matched_name``,
        ``score``, ``match``, ``programs``, ``dates_of_birth``,
        ``countries``), ``explanation`` and ``ownership`` (JSON text, null
        when absent; by default only matches carry their explanation, as
        with ``cordon batch --explain matches``) and ``error``. An input
        with no candidate (or none left by ``matches_only``) keeps one row
        with null candidate fields; a refused row keeps one with ``error``
        (``row N: ...``, the message ``cordon batch`` gives for that line).
        """
        import pyarrow as pa

        stream = self._native.screen_batch(
            _arrow_table(table),
            limit=limit,
            threshold=threshold,
            matches_only=matches_only,
            explain=explain,
        )
        return pa.table(stream)

    def compare(
        self,
        a: str,
        b: str,
        *,
        kind: Optional[str] = None,
        threshold: Optional[float] = None,
        with_lists: bool = False,
    ) -> Dict[str, Any]:
        """Compares two names and explains the score (``cordon compare
        --json``): ``{"score", "match", "explanation"}``. Every word weighs
        alike unless ``with_lists`` (then by its rarity in the loaded
        lists, ``--with-lists``). ``match`` is decided at the compare
        threshold (0.62, as ``cordon compare``) unless ``threshold`` is
        given, not at the screener's screening threshold."""
        return json.loads(
            self._native.compare_json(
                a, b, kind=kind, threshold=threshold, with_lists=with_lists
            )
        )


def goods(code: str, limit: int = 5) -> Dict[str, Any]:
    """An HS code in any national form (``8542.31``, ``85423190``; a
    heading or chapter matches every listed code under it) or a goods
    description, against the export-control lists built in: ``cordon goods
    --json``'s answer (``{"type": "code", "code", "level", "description",
    "hits", ...}`` or ``{"type": "text", "results"}``). An invalid code
    raises :class:`CordonError`."""
    return json.loads(_cordon.goods(code, limit=limit))
