"""Runs trafilatura on every boilerplate set, for `cargo xtask eval boilerplate`; caches its outputs.

Usage: python trafilatura_sets.py SETS_DIR CACHE_DIR
Every folder of SETS_DIR with a ground-truth.json is a set (html/<id>.html.gz pages). Each page is
extracted with trafilatura's defaults and include_comments=False, and the text is written to
CACHE_DIR/<version>/<set>/<id>.txt; a page whose file is already there is not extracted again, so
repeated evaluations are fast. Prints one JSON line: {"version", "dir", "extracted", "cached"}.
"""

import gzip
import json
import pathlib
import sys

import trafilatura


def main() -> None:
    sets, cache = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out = cache / trafilatura.__version__
    extracted = cached = 0
    for folder in sorted(p for p in sets.iterdir() if (p / "ground-truth.json").is_file()):
        target = out / folder.name
        target.mkdir(parents=True, exist_ok=True)
        ids = sorted(json.loads((folder / "ground-truth.json").read_text(encoding="utf-8")))
        for page_id in ids:
            path = target / f"{page_id}.txt"
            if path.exists():
                cached += 1
                continue
            page = gzip.open(folder / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8", errors="replace").read()
            text = trafilatura.extract(page, include_comments=False) or ""
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            extracted += 1
    print(json.dumps({"version": trafilatura.__version__, "dir": str(out), "extracted": extracted, "cached": cached}))


if __name__ == "__main__":
    main()
