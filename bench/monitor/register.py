#!/usr/bin/env python3
"""A deterministic synthetic customer register for the monitoring benchmark.

    python3 bench/monitor/register.py N NEGATIVES.csv > register.csv

Writes N customers (`id,name,kind,dob,country,id_number`): persons whose
first, middle and last names are drawn (with a fixed seed) from the name
columns of `eval/candgen_negatives_us.csv`, with a date of birth and a
nationality from the same file, and one in ten an organisation made of a
last name and a business word. Realistic name frequencies, no real party.
"""
import csv
import random
import sys

n = int(sys.argv[1])
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
first = [r["first_name"] for r in rows if r["first_name"]]
middle = [r["middle_name"] for r in rows if r["middle_name"]]
last = [r["last_name"] for r in rows if r["last_name"]]
dobs = [r["date_of_birth"] for r in rows if r["date_of_birth"]]
countries = sorted({r["nationality"] for r in rows if r["nationality"]})
words = ["Holdings", "Trading", "Logistics", "Consulting", "Foods", "Partners",
         "Industries", "Capital", "Software", "Shipping"]
forms = ["LLC", "Ltd", "Inc", "GmbH", "SA", "BV"]
rng = random.Random(20240501)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["id", "name", "kind", "dob", "country", "id_number"])
for i in range(n):
    if i % 10 == 9:
        name = f"{rng.choice(last)} {rng.choice(words)} {rng.choice(forms)}"
        w.writerow([f"s{i}", name, "organization", "", rng.choice(countries), ""])
    else:
        parts = [rng.choice(first)]
        if rng.random() < 0.3:
            parts.append(rng.choice(middle))
        parts.append(rng.choice(last))
        w.writerow([f"s{i}", " ".join(parts), "person", rng.choice(dobs),
                    rng.choice(countries), ""])
