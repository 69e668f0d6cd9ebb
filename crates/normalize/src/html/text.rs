//! Text of HTML: character references decoded and white space collapsed, appended to a buffer,
//! optionally recording where each piece of the output came from in the raw page.
//!
//! References are decoded as browsers do, through the crate's one table ([`crate::entities`]); an
//! unknown name is kept literally. Soft hyphens and zero-width spaces are dropped here, everything
//! else typographic is left to [`crate::repair`], which must not decode references a second time.

use concord_model::OffsetMap;

use crate::entities::{self, Syntax};
use crate::swar;

/// White space waiting to be written as one space before the next visible character: it is
/// written only between characters, never at the start of the output.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Gap {
    pending: bool,
    /// Raw offset of the white space (or the element) that opened the gap.
    at: u32,
}

impl Gap {
    /// Opens a gap at raw offset `at` (an open gap keeps where it started).
    pub(crate) fn open(&mut self, at: usize) {
        if !self.pending {
            self.pending = true;
            self.at = at as u32;
        }
    }
}

/// Where a block's text came from: its offsets to raw offsets in the page, and how many
/// references were decoded in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Provenance {
    /// Text offsets to raw byte offsets, an anchor wherever the correspondence jumps.
    pub map: OffsetMap,
    /// Character references decoded.
    pub references: u32,
}

impl Provenance {
    /// Records that text offset `text` comes from raw offset `raw`, unless the last anchor
    /// already says so.
    fn note(&mut self, text: usize, raw: usize) {
        if let Some(&(t, r)) = self.map.anchors.last()
            && text >= t as usize
            && r as usize + (text - t as usize) == raw
        {
            return;
        }
        self.map.push(text, raw);
    }
}

/// Appends `raw` to `out`, decoding references and collapsing white space runs to one space.
/// `gap` carries a pending space across calls so that inline elements join correctly.
pub(crate) fn append(out: &mut String, raw: &str, gap: &mut Gap) {
    Writer {
        out,
        gap,
        base: 0,
        from: None,
    }
    .append(raw);
}

/// [`append`] for `raw` found at byte `base` of the page, recording in `from` where each piece
/// of `out` came from.
pub(crate) fn append_traced(
    out: &mut String,
    raw: &str,
    base: usize,
    gap: &mut Gap,
    from: &mut Provenance,
) {
    Writer {
        out,
        gap,
        base,
        from: Some(from),
    }
    .append(raw);
}

struct Writer<'a> {
    out: &'a mut String,
    gap: &'a mut Gap,
    base: usize,
    from: Option<&'a mut Provenance>,
}

impl Writer<'_> {
    fn append(&mut self, raw: &str) {
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if is_space(b) {
                self.gap.open(self.base + i);
                i += 1;
            } else if b == b'&' {
                match entities::decode(&raw[i..], Syntax::Html) {
                    Some((c, used)) => {
                        if let Some(from) = self.from.as_deref_mut() {
                            from.references += 1;
                        }
                        if c.is_whitespace() {
                            self.gap.open(self.base + i);
                        } else {
                            self.push_char(c, i);
                        }
                        i += used;
                    }
                    None => {
                        self.push_char('&', i);
                        i += 1;
                    }
                }
            } else if let Some((c, len)) = special_at(bytes, i) {
                if c.is_whitespace() {
                    self.gap.open(self.base + i);
                } else if c != '\u{feff}' {
                    self.push_char(c, i);
                }
                i += len;
            } else {
                // A run of plain characters, single spaces between them included: it is copied
                // as it is, and maps to the raw text without a jump.
                let start = i;
                i = plain_run(bytes, i + 1);
                self.start(start);
                self.out.push_str(&raw[start..i]);
            }
        }
    }

    /// Writes a pending space, then notes that the next output byte comes from raw `at`.
    fn start(&mut self, at: usize) {
        if self.gap.pending && !self.out.is_empty() {
            if let Some(from) = self.from.as_deref_mut() {
                from.note(self.out.len(), self.gap.at as usize);
            }
            self.out.push(' ');
        }
        self.gap.pending = false;
        if let Some(from) = self.from.as_deref_mut() {
            from.note(self.out.len(), self.base + at);
        }
    }

    fn push_char(&mut self, c: char, at: usize) {
        if c == '\u{ad}' || c == '\u{200b}' {
            return;
        }
        self.start(at);
        self.out.push(c);
    }
}

/// ASCII white space as HTML collapses it (vertical tab too, as `char::is_whitespace` says).
fn is_space(b: u8) -> bool {
    CLASS[usize::from(b)] == 1
}

/// A character at byte `i` that is not copied as it is: non-ASCII white space (which collapses)
/// and the invisible characters dropped here (soft hyphen, zero-width space, byte-order mark).
/// Only their lead bytes (0xC2, 0xE1, 0xE2, 0xE3, 0xEF) need a closer look.
fn special_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b = bytes[i];
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    let b2 = bytes.get(i + 2).copied().unwrap_or(0);
    let c = match (b, b1, b2) {
        // U+0085, U+00A0, U+00AD.
        (0xc2, 0x85 | 0xa0 | 0xad, _) => return Some((char::from(b1), 2)),
        // U+1680.
        (0xe1, 0x9a, 0x80) => '\u{1680}',
        // U+2000..=U+200B, U+2028, U+2029, U+202F.
        (0xe2, 0x80, 0x80..=0x8b | 0xa8 | 0xa9 | 0xaf) => {
            char::from_u32(0x2000 + u32::from(b2 - 0x80)).unwrap_or('\u{2000}')
        }
        // U+205F.
        (0xe2, 0x81, 0x9f) => '\u{205f}',
        // U+3000.
        (0xe3, 0x80, 0x80) => '\u{3000}',
        // U+FEFF.
        (0xef, 0xbb, 0xbf) => '\u{feff}',
        _ => return None,
    };
    Some((c, 3))
}

/// What a byte can start, for the run scanner: 0 plain, 1 ASCII white space, 2 `&`, 3 the lead
/// byte of a character that may be special (see [`special_at`]).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
            b'&' => 2,
            0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef => 3,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Whether the character at `i` belongs in a plain run.
fn plain_at(bytes: &[u8], i: usize) -> bool {
    match CLASS[usize::from(bytes[i])] {
        0 => true,
        3 => special_at(bytes, i).is_none(),
        _ => false,
    }
}

/// Whether 8 bytes (little-endian in `x`) all belong to a plain run after a plain character:
/// printable ASCII other than `&`, spaces only single and never last. Conservative: other
/// words go byte by byte.
fn plain_ascii_word(x: u64) -> bool {
    if x & swar::HIGH != 0 {
        return false;
    }
    let space = swar::eq_bytes(x, b' ');
    swar::first_below(x, 0x20) == 0
        && swar::first_eq(x, b'&') == 0
        && space & (space >> 8) == 0
        && space >> 56 == 0
}

/// The end of the run of plain characters from `i` (no white space, `&` or special character;
/// single ASCII spaces between plain characters belong to the run).
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    loop {
        // The byte before `i` is plain and not a space: whole words of plain ASCII go first.
        while let Some(chunk) = bytes.get(i..i + 8) {
            if !plain_ascii_word(swar::load(chunk)) {
                break;
            }
            i += 8;
        }
        while i < bytes.len() && plain_at(bytes, i) {
            i += 1;
        }
        if i + 1 < bytes.len() && bytes[i] == b' ' && plain_at(bytes, i + 1) {
            i += 2;
        } else {
            return i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends `pieces` (each at its offset in `page`) and checks the text and that every
    /// expected `(text offset, raw snippet)` pair maps to a raw offset where the snippet starts.
    #[track_caller]
    fn check(page: &str, pieces: &[&str], text: &str, at: &[(usize, &str)], references: u32) {
        let mut out = String::new();
        let mut gap = Gap::default();
        let mut from = Provenance::default();
        for piece in pieces {
            let base = page.find(piece).expect("piece is in the page");
            append_traced(&mut out, piece, base, &mut gap, &mut from);
        }
        assert_eq!(out, text);
        assert_eq!(from.references, references);
        for &(t, snippet) in at {
            let raw = from.map.to_raw(t);
            assert!(
                page[raw..].starts_with(snippet),
                "text {t} ({:?}) -> raw {raw} ({:?}), want {snippet:?}",
                &out[t..],
                &page[raw..]
            );
        }
        // Compact: consecutive anchors never continue each other.
        for w in from.map.anchors.windows(2) {
            assert_ne!(w[0].1 + (w[1].0 - w[0].0), w[1].1, "{:?}", from.map.anchors);
        }
    }

    #[test]
    fn text_maps_to_raw_offsets() {
        check(
            "<p>The <b>Kremlin</b> said</p>",
            &["The ", "Kremlin", " said"],
            "The Kremlin said",
            &[
                (0, "The"),
                (3, " <b>"),
                (4, "Kremlin"),
                (11, " said"),
                (12, "said"),
            ],
            0,
        );
        check(
            "<p>Tom &amp;   Jerry&nbsp;&rsquo;s caf&eacute; &#8220;x&#8221;</p>",
            &["Tom &amp;   Jerry&nbsp;&rsquo;s caf&eacute; &#8220;x&#8221;"],
            "Tom & Jerry ’s café “x”",
            &[
                (4, "&amp;"),
                (5, "   Jerry"),
                (6, "Jerry"),
                (11, "&nbsp;"),
                (12, "&rsquo;"),
                (15, "s caf"),
                (20, "&eacute;"),
                (22, " &#8220;"),
                (23, "&#8220;"),
                (26, "x&#8221;"),
            ],
            6,
        );
        check(
            "<p>a\u{a0}\u{a0}b soft\u{ad}ly AT&T</p>",
            &["a\u{a0}\u{a0}b soft\u{ad}ly AT&T"],
            "a b softly AT&T",
            &[(1, "\u{a0}\u{a0}b"), (2, "b"), (8, "ly"), (13, "&T")],
            0,
        );
    }

    #[test]
    fn runs_and_special_characters() {
        // Single spaces stay inside a copied run; other white space and invisible characters
        // break it, and the map still points at each word.
        check(
            "<p>one two  three\u{2009}four\u{200b}five\u{feff}six\u{3000}seven\u{0b}eight</p>",
            &["one two  three\u{2009}four\u{200b}five\u{feff}six\u{3000}seven\u{0b}eight"],
            "one two three fourfivesix seven eight",
            &[
                (4, "two"),
                (7, "  three"),
                (8, "three"),
                (14, "four"),
                (18, "five"),
                (22, "six"),
                (26, "seven"),
                (32, "eight"),
            ],
            0,
        );
        // Characters sharing a lead byte with the special ones are copied as they are.
        check(
            "<p>\u{2013} \u{201c}x\u{201d} \u{a9} \u{3001}</p>",
            &["\u{2013} \u{201c}x\u{201d} \u{a9} \u{3001}"],
            "\u{2013} \u{201c}x\u{201d} \u{a9} \u{3001}",
            &[(0, "\u{2013}"), (4, "\u{201c}x")],
            0,
        );
        // A space before a reference or at the end of a piece opens a gap instead.
        check(
            "<p>a &amp; b </p><i>c</i>",
            &["a &amp; b ", "c"],
            "a & b c",
            &[(2, "&amp;"), (4, "b"), (6, "c")],
            1,
        );
    }

    #[test]
    fn plain_words_agree_with_bytes() {
        // A word is plain when each of its bytes would extend the run byte by byte.
        let by_bytes = |w: &[u8; 8]| {
            w.iter()
                .all(|&b| (0x21..0x80).contains(&b) && b != b'&' || b == b' ')
                && !w.windows(2).any(|p| p == b"  ")
                && w[7] != b' '
        };
        for w in [
            b"abcdefgh",
            b"ab cd ef",
            b" abcdefg",
            b"abcdefg ",
            b"ab  cdef",
            b"ab&cdefg",
            b"ab\tcdefg",
            b"ab\ncdefg",
            b"~!@#$%^*",
            b"a b c d.",
            b"\x7fabcdefg",
            b"abc\x1fefgh",
        ] {
            assert_eq!(plain_ascii_word(swar::load(w)), by_bytes(w), "{w:?}");
        }
        let mut w = *b"abcdefgh";
        for (i, high) in [0x80u8, 0xc2, 0xe2, 0xff].into_iter().enumerate() {
            w[i * 2] = high;
            assert!(!plain_ascii_word(swar::load(&w)));
        }
    }

    #[test]
    fn plain_append_decodes_once() {
        let mut out = String::new();
        append(
            &mut out,
            " &amp;lt;b&amp;gt; &lt;i&gt; ",
            &mut Gap::default(),
        );
        assert_eq!(out, "&lt;b&gt; <i>");
    }
}
