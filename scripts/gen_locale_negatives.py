#!/usr/bin/env python3
"""Writes crates/cordon-bench/data/locale_negatives.tsv: realistic names of
people and companies in sixteen locales, the negatives of `cordon eval --set
locale-negatives` (crates/cordon-bench/src/eval/locale.rs).

The names come from the Python package Faker (MIT licence), pinned below,
drawn with a fixed seed per locale, so the file is the same on every run:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install faker==40.54.0
    /tmp/venv/bin/python scripts/gen_locale_negatives.py > crates/cordon-bench/data/locale_negatives.tsv

Per locale: person names in the locale's own script, company names, and,
where Faker itself offers a Latin form, Latin person names (Faker's
transliteration of Cyrillic and Greek, the romanised names of its Chinese
and Japanese providers). en_PK and az_AZ are Latin-script names of Muslim
tradition, the form Arabic and Persian given names most often take in
customer data. A name is written once per locale and form.

Names that are really listed are not negatives: the evaluation leaves out
every generated name whose words are those of a listed name and reports how
many it left out (it knows the loaded lists; this script does not).
"""

import sys

import faker
from faker import Faker

VERSION = "40.54.0"
SEED = 2026_12_02

# Locale, person names, company names, Latin person names.
LOCALES = [
    ("fa_IR", 800, 200, 0),
    ("ar_SA", 800, 200, 0),
    ("ar_AA", 400, 0, 0),
    ("ru_RU", 800, 200, 400),
    ("uk_UA", 800, 200, 400),
    ("zh_CN", 800, 200, 400),
    ("ko_KR", 800, 200, 0),
    ("ja_JP", 800, 200, 400),
    ("tr_TR", 800, 200, 0),
    ("he_IL", 800, 200, 0),
    ("el_GR", 800, 200, 400),
    ("hi_IN", 800, 200, 0),
    ("en_PK", 800, 200, 0),
    ("az_AZ", 800, 200, 0),
    ("en_US", 400, 100, 0),
    ("de_DE", 400, 100, 0),
]


def latin_form(loc, fake):
    """A function drawing one Latin person name, or None."""
    if loc in ("zh_CN", "ja_JP"):
        return fake.romanized_name
    if loc in ("ru_RU", "uk_UA"):
        module = __import__(f"faker.providers.internet.{loc}", fromlist=["Provider"])
        internet = module.Provider(fake)
        return lambda: " ".join(w.capitalize() for w in internet._to_ascii(fake.name()).split())
    if loc == "el_GR":
        from faker.providers.internet.el_GR import latinize

        return lambda: " ".join(w.capitalize() for w in latinize(fake.name()).split())
    return None


def draw(make, count, seen, tries_per_name=20):
    """Up to `count` distinct names from `make`."""
    out = []
    tries = 0
    while len(out) < count and tries < count * tries_per_name:
        tries += 1
        name = " ".join(make().split())
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def main():
    if faker.VERSION != VERSION:
        sys.exit(f"Faker {VERSION} is pinned, found {faker.VERSION}")
    w = sys.stdout.write
    w("# Generated names of people and companies in sixteen locales: the negatives\n")
    w("# of `cordon eval --set locale-negatives` (each alert is a false alert).\n")
    w(f"# Source: the Python package Faker {VERSION} (MIT licence), seed {SEED} + locale\n")
    w("# number, written by scripts/gen_locale_negatives.py (run it to regenerate).\n")
    w("# Columns: LOCALE<TAB>FORM<TAB>NAME; FORM is person (own script), company,\n")
    w("# or latin (a Latin-script person name Faker offers for that locale).\n")
    for i, (loc, persons, companies, latins) in enumerate(LOCALES):
        fake = Faker(loc)
        fake.seed_instance(SEED + i)
        seen = set()
        rows = [("person", n) for n in draw(fake.name, persons, seen)]
        rows += [("company", n) for n in draw(fake.company, companies, seen)]
        make_latin = latin_form(loc, fake)
        if latins and make_latin:
            rows += [("latin", n) for n in draw(make_latin, latins, seen)]
        for form, name in rows:
            w(f"{loc}\t{form}\t{name}\n")


if __name__ == "__main__":
    main()
