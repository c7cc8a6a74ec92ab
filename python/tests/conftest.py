"""Shared helpers of the Python package's tests: the repository, the
``cordon`` binary the answers are compared with, the shared data, and a
deterministic batch input built from the evaluation sets."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import evalbatch

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"


def cordon_bin() -> Path:
    """The CLI the package is compared with: ``$CORDON_BIN``, else the
    workspace's debug build (``cargo build -p cordon``)."""
    b = Path(os.environ.get("CORDON_BIN", REPO / "target" / "debug" / "cordon"))
    if not b.is_file():
        pytest.fail(f"no cordon binary at {b}: run `cargo build -p cordon` or set CORDON_BIN")
    return b


def run_cli(*args: Any, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the CLI (without writing the audit trail); fails the test
    when it fails (with ``check``)."""
    p = subprocess.run(
        [str(cordon_bin()), "--no-audit", *map(str, args)], capture_output=True, text=True, cwd=REPO
    )
    if check and p.returncode != 0:
        pytest.fail(f"cordon --no-audit {' '.join(map(str, args))}: exit {p.returncode}\n{p.stderr}")
    return p


def cli_error(*args: Any) -> str:
    """The CLI's error message for a command that must fail."""
    p = run_cli(*args, check=False)
    assert p.returncode != 0, p.stdout
    lines = [l for l in p.stderr.splitlines() if l.startswith("cordon: error: ")]
    assert lines, p.stderr
    return lines[-1][len("cordon: error: "):]


def shared_data() -> Path:
    """``$CORDON_DATA``; the test is skipped without it (as the Rust tests
    are) and fails when it is set but a file is missing."""
    d = os.environ.get("CORDON_DATA")
    if not d:
        pytest.skip("skipping: CORDON_DATA not set")
    return Path(d)


def real_lists() -> Dict[str, Any]:
    """The 2024 SDN (a folder) and the newest UN list (a file), the
    done-when's lists, as Screener arguments and CLI flags."""
    d = shared_data()
    sdn = d / "lists" / "ofac_sdn" / "2024-05-03"
    un = d / "lists" / "un" / "consolidated_2026-02-27.xml"
    for p in (sdn, un):
        assert p.exists(), f"CORDON_DATA is set but {p} is missing"
    return {
        "data": str(sdn),
        "lists": {"un-sc": str(un)},
        "flags": ["--data", str(sdn), "--list", f"un-sc={un}"],
    }


def write_eval_batch(path: Path, negatives: int) -> int:
    """Writes the eval batch (see ``evalbatch.write``) from ``$CORDON_DATA``;
    returns the number of records."""
    d = shared_data() / "eval"
    for name in (evalbatch.NEGATIVES, evalbatch.POSITIVES):
        assert (d / name).is_file(), f"CORDON_DATA is set but {d / name} is missing"
    return evalbatch.write(path, negatives, d)


def cli_batch(flags: List[str], input_csv: Path, out: Path, *extra: str) -> Dict[str, Dict[str, Any]]:
    """``cordon batch`` on ``input_csv``: its JSONL records by id."""
    run_cli(*flags, "batch", input_csv, "-o", out, *extra)
    recs: Dict[str, Dict[str, Any]] = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            recs[r["id"]] = r
    return recs


def error_reason(e: Optional[str]) -> Optional[str]:
    """An error without its place (``FILE:LINE: `` or ``row N: ``)."""
    if e is None:
        return None
    head, _, reason = e.partition(": ")
    if head.startswith("row ") or ":" in head:
        return reason
    return e


def table_records(table: Any) -> Dict[str, Dict[str, Any]]:
    """``screen_batch`` rows (one per candidate) grouped into
    ``cordon batch``'s records: ``{"id", "matches", "error"}``."""
    recs: Dict[str, Dict[str, Any]] = {}
    for r in table.to_pylist():
        rec = recs.setdefault(str(r["id"]), {"id": str(r["id"]), "matches": [], "error": None})
        if r["error"] is not None:
            rec["error"] = r["error"]
        if r["entity_id"] is None:
            continue
        m = {k: r[k] for k in ("entity_id", "list", "kind", "name", "matched_name", "score",
                               "match", "programs", "dates_of_birth", "countries")}
        if r["explanation"] is not None:
            m["explanation"] = json.loads(r["explanation"])
        if r["ownership"] is not None:
            m["ownership"] = json.loads(r["ownership"])
        m["rank"] = r["rank"]
        rec["matches"].append(m)
    for rec in recs.values():
        rec["matches"].sort(key=lambda m: m.pop("rank"))
    return recs


def assert_same_records(ours: Dict[str, Dict[str, Any]], cli: Dict[str, Dict[str, Any]]) -> None:
    """Record for record: the same ids, the same matches (every field,
    scores exactly), the same errors (without their place)."""
    assert sorted(ours) == sorted(cli), "different ids"
    for i, c in cli.items():
        o = ours[i]
        assert error_reason(o["error"]) == error_reason(c["error"]), i
        assert o["matches"] == c["matches"], i
