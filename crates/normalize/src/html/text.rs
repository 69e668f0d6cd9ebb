//! Text of HTML: character references decoded and white space collapsed, appended to a buffer,
//! optionally recording where each piece of the output came from in the raw page.
//!
//! References are decoded as browsers do, through the crate's one table ([`crate::entities`]); an
//! unknown name is kept literally. Soft hyphens and zero-width spaces are dropped here, everything
//! else typographic is left to [`crate::repair`], which must not decode references a second time.

use concord_model::OffsetMap;

use crate::entities::{self, Syntax};

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
        let mut run = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() || b == b'&' {
                self.flush(&raw[run..i], run);
                if b == b'&' {
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
                } else {
                    self.gap.open(self.base + i);
                    i += 1;
                }
                run = i;
            } else {
                i += 1;
            }
        }
        self.flush(&raw[run..], run);
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

    /// Copies `s`, found at `at` in the current raw piece (no ASCII white space, no `&` in it).
    fn flush(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        // Unicode white space that is not ASCII (nbsp, thin spaces) also collapses.
        if s.is_ascii() {
            self.start(at);
            self.out.push_str(s);
        } else {
            for (j, c) in s.char_indices() {
                if c.is_whitespace() {
                    self.gap.open(self.base + at + j);
                } else if c != '\u{200b}' && c != '\u{feff}' {
                    self.push_char(c, at + j);
                }
            }
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
