#!/usr/bin/env python3
"""Builds crates/cordon-engine/data/name_groups/names.tsv from OpenSanctions'
`rigour` package (PyPI, MIT; the name data is Wikidata's, CC0).

    pip download --no-deps rigour==1.8.2 -d /tmp/rig
    unzip -q /tmp/rig/rigour-1.8.2-py3-none-any.whl -d /tmp/rig/x
    python3 scripts/name_groups_extract.py /tmp/rig/x/rigour/data/names/persons.txt \
        > crates/cordon-engine/data/name_groups/names.tsv

`persons.txt` holds one line per Wikidata given-name or family-name item:
`form, form, ... => Q123`. A line becomes a *group*: its Latin forms
(folded as the engine folds Latin: diacritics stripped, lower case, letters
only) and the native-script forms the engine looks up before romanising.
Kept:
- Latin forms of one word of at least MIN_LATIN letters;
- native forms of one word in the scripts the engine reads through a
  romaniser of its own or any_ascii, where the romanisation alone does not
  reach the Latin forms: katakana (foreign and Japanese names), Han of two
  or more characters in items that also have a hiragana form (Japanese
  names in kanji, not Chinese transliterations of foreign names nor
  one-character Chinese surnames), Greek, Georgian, Armenian. Hebrew is
  left out: its readings raised the Hebrew locale negatives' alerts
  (he_IL 2.5% -> 4.0%) for a small gain on Hebrew names;
  Cyrillic (romanised by the engine into the Latin forms the groups hold:
  Саша → sasha, Александр → aleksandr), hiragana (romanised well already),
  Arabic, Hangul and other scripts are left out;
- a group only when it has a Latin form and either a kept native form or
  two Latin forms the engine's edit allowance does not already equate.
Items with a one-character Han or Hangul form (a Chinese or Korean
syllable, whose romanisations would equate different families) are left
out. The file's own `X` lines (male and female forms of Russian family names and
patronymics, not Wikidata items) are left out: they are not one name.
Groups with the same Latin forms are merged (the kanji spellings of one
Japanese given name); a merged group keeps its smallest Wikidata id.
The Latin forms are ordered by how many items of the file use them, each
counted once plus once per native-script form it has (the international
spelling of a name first, not a nickname that is also an item of its own:
alexander before sasha; the first is the reading a native form is given),
then ASCII-as-written first, shorter, alphabetical.

Output: a header of `#` lines, then `Qid<TAB>latin forms<TAB>native forms`,
forms separated by single spaces, sorted by Wikidata id.
"""
import collections
import re
import sys
import unicodedata

SOURCE = "rigour 1.8.2 (PyPI, MIT), rigour/data/names/persons.txt; data from Wikidata (CC0)"
MIN_LATIN = 3
SPECIAL = {"ß": "ss", "ø": "o", "æ": "ae", "ı": "i", "đ": "d", "ł": "l",
           "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}


def fold_latin(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return s if re.fullmatch(r"[a-z]+", s) else None


def script_of(c):
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return "HIRAGANA"
    if 0x30A0 <= o <= 0x30FF:
        return "KATAKANA"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "HAN"
    name = unicodedata.name(c, "?")
    return "LATIN" if "LATIN" in name else name.split()[0]


def scripts(s):
    return {script_of(c) for c in s if c.isalpha()}


def osa(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def allowed_edits(n):
    # crates/cordon-engine/src/similarity.rs `allowed_edits`
    return 0 if n <= 3 else 1 if n <= 5 else 2 if n <= 8 else 3


def close(a, b):
    return osa(a, b) <= allowed_edits(max(len(a), len(b)))


def main(path):
    items = []
    freq = collections.Counter()
    ascii_written = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            forms, sep, qid = line.rpartition(" => ")
            if not sep or not re.fullmatch(r"[QX][0-9]+", qid):
                sys.exit(f"{path}:{n}: expected 'forms => Qid'")
            if qid.startswith("X"):
                # OpenSanctions' own lines: the male and female forms of
                # a family name or patronymic, which are not one name.
                continue
            latin, native, hiragana = set(), [], False
            if any(len(f) == 1 and scripts(f) <= {"HAN", "HANGUL"} and scripts(f)
                   for f in forms.split(", ")):
                # A Chinese or Korean syllable (王: wang, wong, ong, vuong;
                # 이: lee, yi, rhee): its romanisations are the CJK
                # readings' business, and equating them joins families.
                continue
            for form in forms.split(", "):
                if any(c.isspace() or c in "·・-" for c in form):
                    continue
                sc = scripts(form)
                if sc == {"LATIN"}:
                    x = fold_latin(form)
                    if x and len(x) >= MIN_LATIN:
                        latin.add(x)
                        if form.isascii():
                            ascii_written.add(x)
                elif len(sc) == 1:
                    s = next(iter(sc))
                    hiragana |= s == "HIRAGANA"
                    native.append((s, unicodedata.normalize("NFC", form.lower())))
            for x in latin:
                freq[x] += 1 + len(native)
            items.append((qid, latin, native, hiragana))

    groups = {}
    for qid, latin, native, hiragana in items:
        if not latin:
            continue
        far = len(latin) >= 2 and not all(close(a, b) for a in latin for b in latin if a < b)
        kept = set()
        for s, form in native:
            if s == "KATAKANA" or s in ("GREEK", "GEORGIAN", "ARMENIAN"):
                kept.add(form)
            elif s == "HAN" and hiragana and len(form) >= 2:
                kept.add(form)
        if not kept and not far:
            continue
        key = frozenset(latin)
        g = groups.setdefault(key, [qid, set()])
        if int(qid[1:]) < int(g[0][1:]):
            g[0] = qid
        g[1] |= kept

    out = sys.stdout
    out.write(f"# Person-name equivalence groups. Source: {SOURCE}.\n")
    out.write("# Licence: rigour is MIT (Copyright (c) 2023-2025 OpenSanctions Datenbanken GmbH);\n")
    out.write("# the name data is Wikidata's, CC0. Made by scripts/name_groups_extract.py.\n")
    out.write("# Columns: Wikidata id, Latin forms (most common first), native-script forms.\n")
    rows = []
    for latin, (qid, native) in groups.items():
        order = sorted(latin, key=lambda x: (-freq[x], x not in ascii_written, len(x), x))
        rows.append((int(qid[1:]), qid, " ".join(order), " ".join(sorted(native))))
    rows.sort()
    for _, qid, lat, nat in rows:
        out.write(f"{qid}\t{lat}\t{nat}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: name_groups_extract.py persons.txt > names.tsv")
    main(sys.argv[1])
