//! Text repair: one linear pass that fixes what scraping and bad decoding did to a text, while
//! recording where every output byte came from.
//!
//! It repairs mojibake (UTF-8 read as Latin-1 or Windows-1252: `gÃ¼nlÃ¼k` -> `günlük`, `â€œ` -> `"`),
//! decodes HTML entities (`&amp;`, `&#8220;`, `&eacute;`; not in text the HTML extractor decoded
//! already, see [`References`]), normalizes typography and applies Unicode NFC. The typographic policy is ASCII for punctuation that has an ASCII form, applied consistently:
//!
//! - every double quote (`“ ” „ ‟ « »`, fullwidth) becomes `"`, every single quote or apostrophe
//!   (`‘ ’ ‚ ‛ ‹ ›`) becomes `'`; the spaces French typography puts inside guillemets go with them;
//! - every dash and minus (`‐ ‑ ‒ – — ― −`) becomes `-`, and `…` becomes `...`;
//! - every exotic space (NBSP, thin, narrow, ideographic, ...) and tab becomes a plain space;
//! - soft hyphens, zero-width spaces, BOMs and bidi controls are dropped, as are control
//!   characters; `\r\n`, `\r`, NEL, U+2028 become `\n` and U+2029 becomes a blank line;
//! - a zero-width joiner is kept only between two pictographs (an emoji ZWJ sequence such as 👩‍💻,
//!   one symbol that falls apart without it), and a zero-width non-joiner only between two letters of
//!   the Arabic or Indic scripts (Persian `می‌خواهم`, where it is spelling); anywhere else, and
//!   always between Latin, Cyrillic or Greek letters, they are dropped, so that they never end up
//!   inside a name (`Pu\u{200d}tin` is `Putin`) and its base form;
//! - terminal escape sequences (`ESC [ 31 m` and the other CSI, OSC and two-byte escapes, also the
//!   8-bit CSI U+009B) are removed whole and listed in [`Repaired::removed`].
//!
//! The original characters stay reachable: the returned [`OffsetMap`] maps each output offset to
//! the input offset it came from (a replaced piece maps to the start of what it replaced).
//! It does not collapse white space or split lines: that belongs to the line stage.

use concord_model::{OffsetMap, Repairs};

use crate::entities::{self, Syntax, cp1252_byte};
use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class};

/// A repaired text with its map back to the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// Output offsets to input offsets (plus the `base` given to [`repair`]).
    pub map: OffsetMap,
    /// What was repaired.
    pub repairs: Repairs,
    /// Pieces removed as markup (terminal escape sequences), as `(input offset, text)` with the
    /// input offset plus `base`, in input order.
    pub removed: Vec<(usize, String)>,
}

/// Whether [`repair_with`] decodes character references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum References {
    /// Decode terminated references (`&amp;`, `&#8220;`): plain text that carries escaped HTML.
    Decode,
    /// Leave them: text that was decoded already (HTML text), where a `&amp;lt;` on the page is
    /// the literal `&lt;` and must stay so.
    Keep,
}

/// Repairs `input`, decoding references; offsets in the returned map are `base + input offset`.
pub fn repair(input: &str, base: usize) -> Repaired {
    repair_with(input, base, References::Decode)
}

/// Repairs `input`, decoding references or not; offsets in the returned map are
/// `base + input offset`.
pub fn repair_with(input: &str, base: usize, references: References) -> Repaired {
    let mut w = Writer {
        input,
        base,
        out: Repaired {
            text: String::with_capacity(input.len()),
            ..Repaired::default()
        },
        run_start: 0,
        need_anchor: true,
    };
    let bytes = input.as_bytes();
    let mut i = 0;
    let mut prev = 0; // start of the previous character, for NFC look-back
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // A run of ASCII that needs nothing (printable, no reference to decode, no space
            // before a non-ASCII character that could be a closing guillemet) is passed whole.
            let mut end = i;
            while let Some(&c) = bytes.get(end) {
                let plain = match c {
                    b'!'..=b'~' => c != b'&' || references == References::Keep,
                    b'\n' => true,
                    b' ' => bytes.get(end + 1).is_none_or(|&n| n < 0x80),
                    _ => false,
                };
                if !plain {
                    break;
                }
                end += 1;
            }
            if end > i {
                prev = end - 1;
                i = end;
                continue;
            }
            match b {
                b'&' if references == References::Decode => {
                    if let Some((decoded, len)) = entities::decode(&input[i..], Syntax::Text) {
                        w.out.repairs.entities += 1;
                        w.put_decoded(decoded, i, i + len);
                        prev = i;
                        i += len;
                        continue;
                    }
                }
                b'\r' => {
                    let len = if bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    w.replace(i, i + len, "\n");
                    prev = i;
                    i += len;
                    continue;
                }
                b'\t' => w.replace(i, i + 1, " "),
                b' ' if input[i + 1..].starts_with('»') => {
                    // `mot »`: the space belongs to the closing guillemet.
                    w.out.repairs.typography += 1;
                    w.replace(i, i + 1 + '»'.len_utf8(), "\"");
                    prev = i;
                    i += 1 + '»'.len_utf8();
                    continue;
                }
                b'\n' | b' ' => {}
                0x1b if escape_len(&bytes[i..]) > 0 => {
                    let len = escape_len(&bytes[i..]);
                    w.remove(i, i + len);
                    prev = i;
                    i += len;
                    continue;
                }
                0..=0x1f | 0x7f => {
                    w.out.repairs.typography += 1;
                    w.replace(i, i + 1, "");
                }
                _ => {}
            }
            prev = i;
            i += 1;
            continue;
        }
        let rest = &input[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '\u{9b}' {
            let len = csi_len(&bytes[i + 2..]).map_or(2, |n| 2 + n);
            if len > 2 {
                w.remove(i, i + len);
                prev = i;
                i += len;
                continue;
            }
        }
        if matches!(c, ZWJ | ZWNJ) && !joiner_kept(c, &input[..i], &input[i + c.len_utf8()..]) {
            w.out.repairs.typography += 1;
            w.replace(i, i + c.len_utf8(), "");
            prev = i;
            i += c.len_utf8();
            continue;
        }
        if let Some((decoded, len)) = mojibake(rest) {
            w.out.repairs.mojibake += 1;
            w.put_decoded(decoded, i, i + len);
            prev = i;
            i += len;
            continue;
        }
        if is_space(c) && rest[c.len_utf8()..].starts_with('»') {
            w.out.repairs.typography += 1;
            let len = c.len_utf8() + '»'.len_utf8();
            w.replace(i, i + len, "\"");
            prev = i;
            i += len;
            continue;
        }
        if c == '«' {
            // `« mot`: swallow the space after the opening guillemet.
            let mut len = c.len_utf8();
            if let Some(next) = input[i + len..].chars().next().filter(|&n| is_space(n)) {
                len += next.len_utf8();
            }
            w.out.repairs.typography += 1;
            w.replace(i, i + len, "\"");
            prev = i;
            i += len;
            continue;
        }
        if let Some(t) = typography(c) {
            w.out.repairs.typography += 1;
            w.replace(i, i + c.len_utf8(), t);
            prev = i;
            i += c.len_utf8();
            continue;
        }
        // NFC, one composition segment at a time: a starter and the marks that follow it.
        let needs_nfc = !is_stable(c)
            || input[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| !is_stable(n));
        if needs_nfc {
            let start = if !is_stable(c) && prev >= w.run_start && prev < i {
                prev
            } else {
                i
            };
            let mut end = i + c.len_utf8();
            for n in input[end..].chars() {
                if is_stable(n) {
                    break;
                }
                end += n.len_utf8();
            }
            let segment = &input[start..end];
            let composed: String = segment.nfc().collect();
            if composed != segment {
                w.replace(start, end, &composed);
            }
            prev = start;
            i = end;
            continue;
        }
        prev = i;
        i += c.len_utf8();
    }
    w.finish()
}

/// Whether `c` starts a composition segment: NFC leaves it alone and nothing before it can combine.
fn is_stable(c: char) -> bool {
    // Latin up to the combining marks and most of Cyrillic are stable: answered without the
    // tables, which cost more than the rest of the loop (a test checks the ranges against them).
    matches!(c, '\0'..='\u{2ff}' | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}')
        || stable_by_tables(c)
}

/// [`is_stable`] from the Unicode tables.
fn stable_by_tables(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

struct Writer<'a> {
    input: &'a str,
    base: usize,
    out: Repaired,
    /// Start of the input run not yet copied.
    run_start: usize,
    /// Whether the next copied run starts a new anchor (after a replacement).
    need_anchor: bool,
}

impl Writer<'_> {
    /// Copies the pending run, then writes `with` in place of `input[start..end]`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.flush(start);
        let at = self.out.text.len();
        self.out.map.push(at, self.base + start);
        self.out.text.push_str(with);
        // A replacement longer than what it replaces (NFC expands `क़` to two characters) maps
        // its extra bytes to the end of the piece, one anchor each: offsets never run past the
        // piece into the next one and then back.
        for extra in (end - start)..with.len() {
            self.out.map.push(at + extra, self.base + end);
        }
        self.run_start = end;
        self.need_anchor = true;
    }

    /// Writes the character that `input[start..end]` encodes (a character reference or a
    /// mojibake sequence) in its place, repaired as a literal one would be: typography
    /// normalised, a joiner dropped unless it joins (one rule whatever encoded the character).
    fn put_decoded(&mut self, decoded: char, start: usize, end: usize) {
        let joiner = matches!(decoded, ZWJ | ZWNJ);
        let (before, after) = (&self.input[..start], &self.input[end..]);
        let mut buf = [0u8; 4];
        let piece = if joiner && !joiner_kept(decoded, before, after) {
            self.out.repairs.typography += 1;
            ""
        } else if let Some(t) = typography(decoded) {
            self.out.repairs.typography += 1;
            t
        } else {
            decoded.encode_utf8(&mut buf)
        };
        self.replace(start, end, piece);
    }

    /// Removes `input[start..end]` as markup: it leaves the text and is listed in `removed`.
    fn remove(&mut self, start: usize, end: usize) {
        self.out
            .removed
            .push((self.base + start, self.input[start..end].to_owned()));
        self.replace(start, end, "");
    }

    fn flush(&mut self, upto: usize) {
        if upto > self.run_start {
            if self.need_anchor {
                self.out
                    .map
                    .push(self.out.text.len(), self.base + self.run_start);
                self.need_anchor = false;
            }
            self.out.text.push_str(&self.input[self.run_start..upto]);
        }
        self.run_start = upto;
    }

    fn finish(mut self) -> Repaired {
        self.flush(self.input.len());
        if self.need_anchor {
            // Anchor the end too, so the end offset maps past the last replacement.
            self.out
                .map
                .push(self.out.text.len(), self.base + self.input.len());
        }
        self.out
    }
}

const ZWJ: char = '\u{200d}';
const ZWNJ: char = '\u{200c}';

/// Whether a joiner `c` between `before` and `after` stays (see the module documentation).
fn joiner_kept(c: char, before: &str, after: &str) -> bool {
    let (Some(prev), Some(next)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if c == ZWJ {
        // An emoji modifier or VS16 may sit between the pictograph and the joiner.
        let prev = before
            .chars()
            .rev()
            .find(|&p| !matches!(p, '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'))
            .unwrap_or(prev);
        is_pictograph(prev) && is_pictograph(next)
    } else {
        joining_script(prev) && joining_script(next)
    }
}

/// Pictographs that emoji ZWJ sequences join (the blocks of `Extended_Pictographic` news text
/// meets): symbols, dingbats, arrows, and the emoji planes.
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21ff}' | '\u{2300}'..='\u{23ff}' | '\u{2600}'..='\u{27bf}'
        | '\u{2b00}'..='\u{2bff}' | '\u{1f000}'..='\u{1faff}')
}

/// Letters of the scripts where a ZWNJ is spelling: Arabic (Persian, Urdu, Kurdish, Pashto) and
/// the Indic scripts, Devanagari to Sinhala.
fn joining_script(c: char) -> bool {
    matches!(c,
        '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{8a0}'..='\u{8ff}'
        | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{900}'..='\u{dff}')
}

/// The length of the terminal escape sequence at the start of `bytes` (which starts with ESC), or
/// 0 when it is not one: CSI (`ESC [` parameters, intermediates, a final byte), OSC (`ESC ]` up to
/// BEL or `ESC \`, at most 256 bytes), or a two-byte escape (`ESC` and one of `@`..`_`, `(`, `)`,
/// `=`, `>`, `7`, `8`, `c`).
fn escape_len(bytes: &[u8]) -> usize {
    match bytes.get(1) {
        Some(b'[') => csi_len(&bytes[2..]).map_or(0, |n| 2 + n),
        Some(b']') => {
            let body = &bytes[2..bytes.len().min(2 + 256)];
            for (at, &b) in body.iter().enumerate() {
                match b {
                    0x07 => return 2 + at + 1,
                    0x1b if body.get(at + 1) == Some(&b'\\') => return 2 + at + 2,
                    // Text, not an OSC string: a line break or another control.
                    b'\n' | b'\r' | 0x00..=0x06 | 0x08 => return 0,
                    _ => {}
                }
            }
            0
        }
        Some(
            b'@'..=b'Z' | b'\\' | b'^' | b'_' | b'(' | b')' | b'=' | b'>' | b'7' | b'8' | b'c',
        ) => {
            // A charset designation takes one more byte (`ESC ( B`).
            if matches!(bytes[1], b'(' | b')') {
                if bytes.get(2).is_some_and(u8::is_ascii_alphanumeric) {
                    3
                } else {
                    0
                }
            } else {
                2
            }
        }
        _ => 0,
    }
}

/// The length of a CSI sequence's body (after `ESC [` or U+009B): parameter bytes `0`..`?`, then
/// intermediate bytes ` `..`/`, then one final byte `@`..`~`; at most 64 bytes.
fn csi_len(body: &[u8]) -> Option<usize> {
    let mut at = 0;
    while body.get(at).is_some_and(|b| (0x30..=0x3f).contains(b)) && at < 64 {
        at += 1;
    }
    while body.get(at).is_some_and(|b| (0x20..=0x2f).contains(b)) && at < 64 {
        at += 1;
    }
    body.get(at)
        .filter(|b| (0x40..=0x7e).contains(*b))
        .map(|_| at + 1)
}

/// White space other than `\n` that the policy turns into a plain space.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{1680}'
    )
}

/// The normalized form of a typographic character, if the policy changes it.
pub(crate) fn typography(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{1680}' => {
            " "
        }
        '\u{ad}'
        | '\u{200b}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{180e}' => "",
        '\u{80}'..='\u{84}' | '\u{86}'..='\u{9f}' => "",
        '\u{85}' | '\u{2028}' => "\n",
        '\u{2029}' => "\n\n",
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2039}' | '\u{203a}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '«' | '»' | '\u{301d}' | '\u{301e}'
        | '\u{ff02}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => "-",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// A UTF-8 sequence misread as Windows-1252 / Latin-1 at the start of `s`: the character it
/// encodes and how many bytes of `s` it spans.
fn mojibake(s: &str) -> Option<(char, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    // A lead byte (0xc2..=0xf4) read as Latin-1 is `Â`..=`ô`: most characters stop here.
    if !('\u{c2}'..='\u{f4}').contains(&first) {
        return None;
    }
    let lead = cp1252_byte(first)?;
    let continuation = match lead {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        0xf0..=0xf4 => 3,
        _ => return None,
    };
    let mut buf = [lead, 0, 0, 0];
    let mut len = first.len_utf8();
    for slot in buf.iter_mut().skip(1).take(continuation) {
        let (at, c) = chars.next()?;
        let byte = cp1252_byte(c).filter(|b| (0x80..=0xbf).contains(b))?;
        *slot = byte;
        len = at + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&buf[..=continuation])
        .ok()?
        .chars()
        .next()?;
    plausible(decoded, continuation).then_some((decoded, len))
}

/// Whether a repaired character is one a news text plausibly contains; two-byte sequences are
/// easy to hit by accident (`ß“`), so they must decode to a common alphabet.
fn plausible(c: char, continuation: usize) -> bool {
    let code = c as u32;
    match continuation {
        1 => matches!(
            code,
            0xa0..=0x24f | 0x300..=0x36f | 0x370..=0x52f | 0x590..=0x6ff
        ),
        _ => !(0xe000..=0xf8ff).contains(&code) && !(0x80..=0x9f).contains(&code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Repairs `input` and compares the text and the repair counts (mojibake, entities, typography).
    #[track_caller]
    fn check(input: &str, expected: &str, counts: (u32, u32, u32)) {
        let out = repair(input, 0);
        assert_eq!(out.text, expected, "input: {input:?}");
        let r = &out.repairs;
        assert_eq!(
            (r.mojibake, r.entities, r.typography),
            counts,
            "input: {input:?}"
        );
        // Every anchor maps into the input, and text that was copied maps to itself.
        for &(clean, raw) in &out.map.anchors {
            assert!(clean as usize <= out.text.len() && raw as usize <= input.len());
        }
    }

    #[test]
    fn mojibake_is_repaired() {
        check("gÃ¼nlÃ¼k", "günlük", (2, 0, 0));
        check("â€œQuoteâ€\u{9d} done", "\"Quote\" done", (2, 0, 2));
        check("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет", (6, 0, 0));
        check("Å‚Ã³dÅº", "łódź", (3, 0, 0));
        check("cafÃ© au lait", "café au lait", (1, 0, 0));
        check("10Â\u{a0}km", "10 km", (1, 0, 1));
        // Legitimate Latin-1 text next to quotes is left alone.
        check("Gruß“ und „Straße“", "Gruß\" und \"Straße\"", (0, 0, 3));
        check("Ä ist ein Buchstabe", "Ä ist ein Buchstabe", (0, 0, 0));
        check("Ã la carte", "Ã la carte", (0, 0, 0));
        // A joiner decoded from mojibake follows the rule of a literal one: out of a name, kept
        // inside an emoji sequence.
        check("Put\u{e2}\u{20ac}\u{8d}in", "Putin", (1, 0, 1));
        check(
            "\u{1f468}\u{e2}\u{20ac}\u{8d}\u{1f469}",
            "\u{1f468}\u{200d}\u{1f469}",
            (1, 0, 0),
        );
    }

    #[test]
    fn entities_are_decoded() {
        check("Tom &amp; Jerry", "Tom & Jerry", (0, 1, 0));
        check("&#8220;Hi&#8221;", "\"Hi\"", (0, 2, 2));
        check("caf&eacute; &#x201C;x&#x201D;", "café \"x\"", (0, 3, 2));
        check(
            "AT&T and &unknown; &#xZZ;",
            "AT&T and &unknown; &#xZZ;",
            (0, 0, 0),
        );
        check("&#150; &nbsp;", "-  ", (0, 2, 2));
    }

    /// Repairs already-decoded `input` (HTML text) and compares text and counts.
    #[track_caller]
    fn check_decoded(input: &str, expected: &str, counts: (u32, u32, u32)) {
        let out = repair_with(input, 0, References::Keep);
        assert_eq!(out.text, expected, "input: {input:?}");
        let r = &out.repairs;
        assert_eq!((r.mojibake, r.entities, r.typography), counts);
    }

    #[test]
    fn decoded_text_keeps_its_references() {
        check_decoded(
            "&lt;b&gt; &amp;amp; “x”",
            "&lt;b&gt; &amp;amp; \"x\"",
            (0, 0, 2),
        );
        check_decoded("gÃ¼n &eacute;", "gün &eacute;", (1, 0, 0));
        check("&lt;b&gt; &alpha;&check;", "<b> α✓", (0, 4, 0));
    }

    #[test]
    fn typography_is_normalized() {
        check("“Hello” ‘world’ it’s", "\"Hello\" 'world' it's", (0, 0, 5));
        check("« contact »", "\"contact\"", (0, 0, 2));
        check("«\u{a0}contact\u{a0}»", "\"contact\"", (0, 0, 2));
        check("2019–2020 — yes − 5", "2019-2020 - yes - 5", (0, 0, 3));
        check("wait…", "wait...", (0, 0, 1));
        check(
            "soft\u{ad}hyphen zero\u{200b}width\u{feff}",
            "softhyphen zerowidth",
            (0, 0, 3),
        );
        check("a\u{a0}b\u{202f}c\u{2009}d", "a b c d", (0, 0, 3));
        check("line\r\nbreak\rhere\tx", "line\nbreak\nhere x", (0, 0, 0));
        check("bell\u{7}", "bell", (0, 0, 1));
        // Joiners between letters of Latin script are dropped; emoji sequences and Persian keep theirs.
        check("ZWJ\u{200d}dropped", "ZWJdropped", (0, 0, 1));
        check(
            "Pu\u{200d}tin and Kule\u{200c}ba",
            "Putin and Kuleba",
            (0, 0, 2),
        );
        check("Pu&zwj;tin", "Putin", (0, 1, 1));
        check(
            "\u{200d}lead and trail\u{200d}",
            "lead and trail",
            (0, 0, 2),
        );
        check(
            "coder \u{1f469}\u{200d}\u{1f4bb} and \u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
            "coder \u{1f469}\u{200d}\u{1f4bb} and \u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
            (0, 0, 0),
        );
        check(
            "\u{1f44d}\u{1f3fd}\u{200d}\u{2642}",
            "\u{1f44d}\u{1f3fd}\u{200d}\u{2642}",
            (0, 0, 0),
        );
        check("می\u{200c}خواهم", "می\u{200c}خواهم", (0, 0, 0));
        check("Путин\u{200c}у", "Путину", (0, 0, 1));
        // Plain ASCII runs are passed whole, up to what needs repair.
        check(
            "a long plain run, then « quoted »",
            "a long plain run, then \"quoted\"",
            (0, 0, 2),
        );
        check(
            "plain text ending in a space ",
            "plain text ending in a space ",
            (0, 0, 0),
        );
        check(
            "tab\tand del\u{7f} and &amp; mid-run",
            "tab and del and & mid-run",
            (0, 1, 1),
        );
        check_decoded(
            "plain &amp; kept, then »",
            "plain &amp; kept, then\"",
            (0, 0, 1),
        );
    }

    /// Repairs `input` and compares the text and what was removed as markup.
    #[track_caller]
    fn check_removed(input: &str, expected: &str, removed: &[(usize, &str)]) {
        let out = repair(input, 10);
        assert_eq!(out.text, expected, "input: {input:?}");
        let got: Vec<(usize, &str)> = out
            .removed
            .iter()
            .map(|(at, t)| (*at, t.as_str()))
            .collect();
        assert_eq!(got, removed, "input: {input:?}");
    }

    #[test]
    fn terminal_escapes_are_removed_and_listed() {
        check_removed(
            "\u{1b}[31mAlert\u{1b}[0m: 5 dead",
            "Alert: 5 dead",
            &[(10, "\u{1b}[31m"), (20, "\u{1b}[0m")],
        );
        check_removed(
            "a\u{1b}[1;38;5;196mb\u{1b}]0;title\u{7}c\u{1b}(Bd\u{1b}ce",
            "abcde",
            &[
                (11, "\u{1b}[1;38;5;196m"),
                (25, "\u{1b}]0;title\u{7}"),
                (36, "\u{1b}(B"),
                (40, "\u{1b}c"),
            ],
        );
        check_removed("x\u{9b}2Ky", "xy", &[(11, "\u{9b}2K")]);
        // A lone ESC is a control character: dropped, not markup; `[31m` without ESC is text.
        check_removed("a\u{1b} [31m", "a [31m", &[]);
        let out = repair("\u{1b}[31mAlert", 0);
        assert_eq!(out.map.to_raw(0), 5);
    }

    #[test]
    fn stable_ranges_agree_with_the_tables() {
        for range in [
            '\0'..='\u{2ff}',
            '\u{400}'..='\u{482}',
            '\u{48a}'..='\u{52f}',
        ] {
            for c in range {
                assert!(stable_by_tables(c), "{c:?} is not stable");
            }
        }
        for c in ['\u{300}', '\u{483}', '\u{212b}', '\u{340}'] {
            assert!(!is_stable(c), "{c:?} is stable");
        }
    }

    #[test]
    fn text_is_nfc() {
        check("Cafe\u{301} re\u{301}sume\u{301}", "Café résumé", (0, 0, 0));
        check("\u{212b}ngstr\u{f6}m", "\u{c5}ngstr\u{f6}m", (0, 0, 0));
        check("already NFC: é ü ñ", "already NFC: é ü ñ", (0, 0, 0));
    }

    /// Maps each `(clean, raw)` pair through the offset map of `repair(input)`.
    #[track_caller]
    fn check_map(input: &str, pairs: &[(usize, usize)]) {
        let out = repair(input, 0);
        for &(clean, raw) in pairs {
            assert_eq!(
                out.map.to_raw(clean),
                raw,
                "clean {clean} of {:?}",
                out.text
            );
        }
    }

    #[test]
    fn offsets_of_expanding_replacements_stay_inside_the_piece() {
        // NFC turns U+0958 (3 bytes) into U+0915 U+093C (6 bytes): the extra bytes map to the end
        // of the piece, not past it (the map used to reach raw 4, 5 in a 3-byte body).
        check_map("\u{958}", &[(0, 0), (3, 3), (4, 3), (6, 3)]);
        check_map("\u{958}ab", &[(3, 3), (5, 3), (6, 3), (7, 4)]);
    }

    #[test]
    fn offsets_map_back() {
        // "gÃ¼n ok" -> "gün ok": `n` is at clean 3, raw 5.
        check_map("gÃ¼n ok", &[(0, 0), (1, 1), (3, 5), (5, 7)]);
        // "&amp; x" -> "& x": ` x` follows the entity.
        check_map("&amp; x", &[(0, 0), (1, 5), (2, 6)]);
        check_map("plain", &[(0, 0), (4, 4)]);
        check_map("a…b", &[(0, 0), (1, 1), (4, 4)]);
    }
}
