#!/usr/bin/env python3
"""Markdown tables of docs/calibration.md from the curve CSV that
`cordon eval --curve --split both --curve-csv FILE` writes.

    python3 scripts/calibration_tables.py docs/calibration_curve.csv

Prints, for `combined-tune` and `combined-holdout`: the curve at 0.60-0.95
(step 0.05) and around the optimum (0.66-0.81), then the per-set hit rates
(FPR for the negatives) at the thresholds the page discusses, the derived
alias cases per list, then the best-F1 and best-hit-rate-within-0.1%-FPR points of each combined curve.
Only the standard library.
"""

import csv
import sys

PER_SET_THRESHOLDS = ["0.60", "0.70", "0.71", "0.76", "0.80", "0.85", "0.90", "0.95"]


def pct(x, digits=1):
    return "-" if x == "" else f"{float(x) * 100:.{digits}f}%"


def load(path):
    rows = {}
    order = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["set"] not in rows:
                rows[r["set"]] = {}
                order.append(r["set"])
            rows[r["set"]][r["threshold"]] = r
    return rows, order


def combined_table(points, thresholds, bold=()):
    out = [
        "| threshold | hit rate | recall@any | FPR (flagged of 50,000) | precision | F1 | wrong top matches |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in thresholds:
        r = points[t]
        name = f"**{t}**" if t in bold else t
        out.append(
            f"| {name} | {pct(r['hit_rate'])} | {pct(r['recall_any'])} | "
            f"{pct(r['false_positive_rate'], 3)} ({int(r['flagged_negatives'])}) | "
            f"{pct(r['precision'])} | {pct(r['f1'])} | {r['wrong_top_matches']} |"
        )
    return "\n".join(out)


def main():
    rows, order = load(sys.argv[1])
    steps = [f"{x / 100:.2f}" for x in range(60, 96, 5)]
    tune_pts = [r for r in rows["combined-tune"].values() if r["f1"]]
    best_f1 = max(tune_pts, key=lambda r: (float(r["f1"]), float(r["threshold"])))["threshold"]
    within = [r for r in tune_pts if r["false_positive_rate"] and float(r["false_positive_rate"]) <= 0.001]
    best_hit = max(within, key=lambda r: (float(r["hit_rate"]), -float(r["threshold"])))["threshold"]
    start = min(66, round(float(best_f1) * 100) - 1)
    around = [f"{x / 100:.2f}" for x in range(start, 82)]
    for c in ["combined-tune", "combined-holdout"]:
        p = rows[c]
        first = next(iter(p.values()))
        print(f"`{c}` ({int(first['positives']):,} positives, {int(first['negatives']):,} negatives):\n")
        print(combined_table(p, steps))
        print()
    for c in ["combined-tune", "combined-holdout"]:
        print(f"`{c}`:\n")
        print(combined_table(rows[c], around, bold=(best_f1, best_hit) if c == "combined-tune" else ()))
        print()
    head = "| set | n | " + " | ".join(PER_SET_THRESHOLDS) + " |"
    print(head)
    print("|---" * (len(PER_SET_THRESHOLDS) + 2) + "|")
    for s in order:
        if s.startswith("combined"):
            continue
        p = rows[s]
        first = next(iter(p.values()))
        if s == "negatives":
            cells = [
                f"{pct(p[t]['false_positive_rate'], 3)} ({int(p[t]['flagged_negatives'])})"
                for t in PER_SET_THRESHOLDS
            ]
            print(f"| negatives (FPR, flagged) | {int(first['negatives']):,} | " + " | ".join(cells) + " |")
        else:
            cells = [pct(p[t]["hit_rate"]) for t in PER_SET_THRESHOLDS]
            print(f"| {s} | {int(first['positives']):,} | " + " | ".join(cells) + " |")
    print()
    lists = sorted({s.split("/", 1)[1] for s in order if s.startswith("aliases-tune/") or s.startswith("aliases-holdout/")
                    or s.startswith("partial-aliases-")})
    print("| list | variants tune | variants holdout | partial tune | partial holdout |")
    print("|---|---|---|---|---|")
    for lst in lists:
        cells = []
        for pre in ["aliases-tune", "aliases-holdout", "partial-aliases-tune", "partial-aliases-holdout"]:
            p = rows.get(f"{pre}/{lst}")
            cells.append(f"{int(next(iter(p.values()))['positives']):,}" if p else "0")
        print(f"| {lst} | " + " | ".join(cells) + " |")
    print()
    for c in ["combined-tune", "combined-holdout"]:
        pts = sorted(rows[c].values(), key=lambda r: float(r["threshold"]))
        best = max((r for r in pts if r["f1"]), key=lambda r: (float(r["f1"]), float(r["threshold"])))
        within = [r for r in pts if r["false_positive_rate"] and float(r["false_positive_rate"]) <= 0.001]
        hit = max(within, key=lambda r: (float(r["hit_rate"]), -float(r["threshold"])))
        for what, r in [("best F1", best), ("best hit rate with FPR <= 0.1%", hit)]:
            print(
                f"{c}: {what} at {r['threshold']}: hit {pct(r['hit_rate'])} ({r['hits']}), "
                f"recall@any {pct(r['recall_any'])}, FPR {pct(r['false_positive_rate'], 3)} "
                f"({r['flagged_negatives']}), precision {pct(r['precision'])}, F1 {pct(r['f1'], 2)}"
            )


if __name__ == "__main__":
    main()
