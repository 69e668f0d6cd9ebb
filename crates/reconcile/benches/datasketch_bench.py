"""The datasketch peer of `cargo xtask bench reconcile`: MinHash (128 permutations) over the same
word 3-shingles of the same texts, then MinHashLSH (threshold 0.5) insert and query for every
document. Reads one text per line (written by `cargo xtask bench reconcile`) and prints
documents per second of CPU time on one core.

    python3 -m venv /tmp/ds-venv && /tmp/ds-venv/bin/pip install datasketch
    CONCORD_DATASKETCH_PYTHON=/tmp/ds-venv/bin/python cargo xtask bench reconcile
    (it writes target/bench-corpus/reconcile-texts-100000.txt and runs this script on it)
"""

import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def main(path):
    with open(path, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f]
    started = time.process_time()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    pairs = 0
    for key, text in enumerate(texts):
        words = WORD.findall(text.lower())
        shingles = [" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)]
        sig = MinHash(num_perm=128)
        sig.update_batch(shingles)
        pairs += len(lsh.query(sig))
        lsh.insert(key, sig)
    seconds = time.process_time() - started
    print(
        f"datasketch {len(texts)} docs: {seconds:.2f} s CPU, {len(texts) / seconds:.0f} docs/s "
        f"per core, {pairs} candidate pairs"
    )


if __name__ == "__main__":
    main(sys.argv[1])
