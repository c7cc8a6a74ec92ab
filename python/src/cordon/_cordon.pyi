"""Typed stubs of the native module (crates/cordon-py). Use the documented
API of :mod:`cordon` instead: it decodes these JSON answers and Arrow
streams."""

import os
from typing import Any, List, Optional, Sequence, Union

__version__: str
DEFAULT_THRESHOLD: float
DEFAULT_LIMIT: int

class CordonError(Exception):
    """An error of cordon; the message is the CLI's."""

class ArrowStream:
    """Record batches, read once through the Arrow C stream interface."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

class Screener:
    def __init__(
        self,
        data: Optional[Union[str, "os.PathLike[str]"]] = None,
        lists: Sequence[str] = ...,
        threshold: Optional[float] = None,
        max_age: Optional[int] = None,
        ownership: Sequence[Union[str, "os.PathLike[str]"]] = ...,
        ownership_rules: Optional[Union[str, "os.PathLike[str]"]] = None,
        ownership_date: Optional[str] = None,
    ) -> None: ...
    @property
    def snapshot(self) -> str: ...
    @property
    def threshold(self) -> float: ...
    @property
    def notes(self) -> List[str]: ...
    def __len__(self) -> int: ...
    def lists_json(self) -> str: ...
    def screen_json(
        self,
        name: Optional[str],
        kind: Optional[str] = None,
        dob: Optional[str] = None,
        country: Sequence[str] = ...,
        identifiers: Sequence[str] = ...,
        gender: Optional[str] = None,
        limit: int = ...,
        threshold: Optional[float] = None,
    ) -> str: ...
    def screen_batch(
        self,
        table: Any,
        limit: int = ...,
        threshold: Optional[float] = None,
        matches_only: bool = False,
        explain: str = "matches",
    ) -> ArrowStream: ...
    def compare_json(
        self,
        a: str,
        b: str,
        kind: Optional[str] = None,
        threshold: Optional[float] = None,
        with_lists: bool = False,
    ) -> str: ...

def goods(code: str, limit: int = 5) -> str: ...
