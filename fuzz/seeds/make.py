#!/usr/bin/env python3
"""Writes the seed corpus of the `chain` fuzz target into fuzz/seeds/chain/ (deterministic).

Each seed is one byte choosing how the rest is read (0 text, 1 HTML, 2 JSON Lines, 3 WARC; see
fuzz_targets/chain.rs) followed by an input that once broke a stage or exercises a hard path. The
seeds are replayed in `cargo test` (crates/normalize/tests/props.rs as text and HTML, and the
whole pipeline over them in tests/fuzz_seeds.rs), so keep them small.
"""

import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chain")
TEXT, HTML, JSONL, WARC = b"\x00", b"\x01", b"\x02", b"\x03"
LEAD = b"The defence ministry said on Tuesday that 40 soldiers had reached the border town. "


def warc(block, length=None):
    head = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a.example/x\r\n"
        f"Content-Type: text/plain\r\nContent-Length: {len(block) if length is None else length}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


SEEDS = {
    "invalid-reference.txt": TEXT + LEAD + b"Officials counted &#99999999999999; missiles.\n",
    "invalid-reference.html": HTML + b"<p>" + LEAD + b"&#99999999999999 and &#xD800; and &#0;</p>",
    "ansi-escapes.txt": TEXT + LEAD + b"\x1b[31mBREAKING\x1b[0m: \x1b]0;title\x07 29 killed. \x1b(B\x1bc\n",
    "joiners.txt": TEXT + LEAD + "Pu\u200dtin met Kule\u200cba. \U0001F469\u200d\U0001F4BB \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645".encode(),
    "nfc-expands.txt": TEXT + LEAD + "\u0958\u2adc\ufb2c\U0001d15e e\u0301 \u0301\u0301".encode() * 3,
    "mojibake.txt": TEXT + LEAD + "gÃ¼nlÃ¼k â€œQuoteâ€\u009d Ã".encode(),
    "stray-bytes.txt": TEXT + LEAD + b"Kuleba\xc0 met NATO\xf4 allies \xe2\x80\x94 again.",
    "long-number.txt": TEXT + LEAD + b"They counted " + b"9" * 4000 + b" troops and 1" + b",000" * 300 + b" tanks.",
    "nested-tags.html": HTML + b"<div>" * 3000 + LEAD + b"</div>" * 10,
    "broken-html.html": HTML + b"<p>" + LEAD + b"<a href='x>unterminated <script>var a='</p><!-- open",
    "quotes.txt": TEXT + LEAD + "\u00ab\u00a0Nous\u00a0\u00bb, said \u201cthe \u201eminister\u201d \"\" ' \u2019 \u00bb\u00bb".encode(),
    "dates.txt": TEXT + b"5 December 2021\n" + LEAD + b"On 31.12.9999 at 99:99, December 99, 2021, and 2021-13-45.",
    "jsonl-meta.jsonl": JSONL + b'{"text": "' + LEAD + b'", "section": "world", "tags": ["a", {"b": null}], "title": 5}\n{"html": "<p>x</p>"}\n',
    "warc-impossible.warc": WARC + warc(b"one " + LEAD) + warc(LEAD, 99999999999) + warc(b"three " + LEAD),
    "warc-too-long.warc": WARC + warc(b"short " + LEAD, 5000) + warc(b"next " + LEAD),
    "empty.txt": TEXT,
    "controls.txt": TEXT + bytes(range(1, 32)) + LEAD + b"\x7f\x85",
}


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
