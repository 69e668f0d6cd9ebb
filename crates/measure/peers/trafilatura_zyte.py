"""Times trafilatura on the Zyte benchmark pages, for `cargo xtask bench normalize`.

Usage: python trafilatura_zyte.py ZYTE_DIR OUT_DIR
Reads ZYTE_DIR/ground-truth.json and ZYTE_DIR/html/<id>.html.gz, extracts every page with
trafilatura's defaults (comments excluded) in this one process, writes OUT_DIR/<id>.txt for scoring
with concord's Zyte metric, and prints one JSON line: {"pages", "seconds", "version"}.
Pages are read and decompressed before the clock starts, as concord's benchmark does.
"""

import gzip
import json
import pathlib
import sys
import time

import trafilatura


def main() -> None:
    zyte, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    ids = sorted(json.loads((zyte / "ground-truth.json").read_text(encoding="utf-8")))
    pages = [gzip.open(zyte / "html" / f"{i}.html.gz", "rt", encoding="utf-8", errors="replace").read() for i in ids]
    started = time.perf_counter()
    texts = [trafilatura.extract(page, include_comments=False) for page in pages]
    seconds = time.perf_counter() - started
    for page_id, text in zip(ids, texts):
        (out / f"{page_id}.txt").write_text(text or "", encoding="utf-8")
    print(json.dumps({"pages": len(ids), "seconds": seconds, "version": trafilatura.__version__}))


if __name__ == "__main__":
    main()
