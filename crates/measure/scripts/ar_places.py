"""Arabic place names as a similarity feature on the ar-ar pairs of SemEval-2022 Task 8.

The place names come from CLDR's Arabic territories and the Arabic gettext catalogues of GeoNames
and ISO 3166 (Debian: unicode-cldr-core, libgeonames-common, iso-codes). Each text's places are
found with the clitics و ب ل ف ك and the article; the feature is the Jaccard of the two sets,
alone and added to concord's shared similarity. Usage (BENCHMARKS.md, session 14):

  cargo xtask eval similarity --write-predictions /tmp/pred.csv
  python3 crates/measure/scripts/ar_places.py /tmp/pred.csv
"""
import csv
import gettext
import math
import re
import sys
import xml.etree.ElementTree as ET

CSV = "../shared/eval/similarity/semeval2022-task8.pairs.csv"
ARABIC = re.compile("[\u0600-\u06ff]+")
PREFIXES = ["", "و", "ب", "ل", "ف", "ك", "وب", "ول", "بال", "لل", "وال"]


def place_names():
    names = set()
    cldr = ET.parse("/usr/share/unicode/cldr/common/main/ar.xml").getroot()
    names.update(t.text.strip() for t in cldr.iter("territory") if t.text)
    for catalogue in ["geonames.mo", "iso_3166-1.mo"]:
        with open(f"/usr/share/locale/ar/LC_MESSAGES/{catalogue}", "rb") as f:
            for value in gettext.GNUTranslations(f)._catalog.values():
                if isinstance(value, str) and ARABIC.search(value):
                    names.add(value.strip())
    names = {n for n in names if len(n) >= 3}
    by_first = {}
    for name in names:
        words = name.split()
        by_first.setdefault(words[0], []).append(words)
    return len(names), by_first


def places(text, by_first):
    tokens = ARABIC.findall(text)
    found = set()
    for i, token in enumerate(tokens):
        for prefix in PREFIXES:
            if not token.startswith(prefix):
                continue
            base = token[len(prefix):]
            if prefix.endswith("ال") or prefix == "لل":
                base = "ال" + base
            for words in by_first.get(base, []):
                if tokens[i + 1:i + len(words)] == words[1:]:
                    found.add(" ".join(words))
    return found


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (sx * sy)


def main():
    count, by_first = place_names()
    predicted = {r["row_id"]: float(r["score"]) for r in csv.DictReader(open(sys.argv[1]))}
    rows = [r for r in csv.DictReader(open(CSV, encoding="utf-8"))
            if r["lang1"] == "ar" and r["lang2"] == "ar"]
    gold = [-float(r["Overall"]) for r in rows]
    score = [predicted[r["Unnamed: 0"]] for r in rows]
    feature, both, shared = [], 0, 0
    for r in rows:
        a, b = places(r["text1"], by_first), places(r["text2"], by_first)
        feature.append(len(a & b) / len(a | b) if a | b else 0.0)
        both += bool(a and b)
        shared += bool(a & b)
    print(f"{count} Arabic place names; {len(rows)} ar-ar pairs, {both} with places on both "
          f"sides, {shared} sharing one")
    print(f"concord {pearson(score, gold):.3f}, places alone {pearson(feature, gold):.3f}")
    for w in [0.1, 0.2, 0.3, 0.5]:
        print(f"concord + {w} x places: {pearson([s + w * f for s, f in zip(score, feature)], gold):.3f}")


if __name__ == "__main__":
    main()
