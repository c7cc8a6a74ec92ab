"""A deterministic batch input built from the shared evaluation sets, for
the tests and the benchmarks (``bench/python/``): ``cordon batch``'s CSV
columns ``id,name,kind,dob,country,id_number``.

    python3 python/tests/evalbatch.py N OUT.csv [EVAL_DIR]

writes N records of ``candgen_negatives_us.csv`` (its 50,000 rows as they
are, then perturbed, round after round: the words reversed and no date of
birth; a doubled letter in the last word; both), every 5,000th with an
impossible date of birth (an error record), followed by every UN positive
of ``candgen_positives_un_untreated.csv``. EVAL_DIR defaults to
``$CORDON_DATA/eval``.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

NEGATIVES = "candgen_negatives_us.csv"
POSITIVES = "candgen_positives_un_untreated.csv"


def _typo(name: str) -> str:
    """The last word with its second letter doubled."""
    words = name.split()
    if words and len(words[-1]) > 2:
        w = words[-1]
        words[-1] = w[:2] + w[1] + w[2:]
    return " ".join(words)


def write(path: Path, negatives: int, eval_dir: Path) -> int:
    """Writes the batch to ``path``; returns the number of records."""
    with open(eval_dir / NEGATIVES, newline="", encoding="utf-8") as f:
        neg = list(csv.DictReader(f))
    with open(eval_dir / POSITIVES, newline="", encoding="utf-8") as f:
        pos = list(csv.DictReader(f))
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "kind", "dob", "country", "id_number"])
        for i in range(negatives):
            row = neg[i % len(neg)]
            variant = (i // len(neg)) % 4
            name, dob = row["full_name"], row["date_of_birth"]
            if variant in (1, 3):
                name, dob = " ".join(reversed(name.split())), ""
            if variant in (2, 3):
                name = _typo(name)
            if i % 5000 == 4999:
                dob = "1990-02-30"
            w.writerow([f"neg{i + 1}", name, "person", dob, row["nationality"], ""])
            n += 1
        for i, row in enumerate(pos):
            w.writerow([f"pos{i + 1}", row["full_name"], "person", row["date_of_birth"],
                        row["nationality"], ""])
            n += 1
    return n


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    eval_dir = Path(sys.argv[3]) if len(sys.argv) == 4 else Path(os.environ["CORDON_DATA"]) / "eval"
    print(write(Path(sys.argv[2]), int(sys.argv[1]), eval_dir), "records written to", sys.argv[2])
