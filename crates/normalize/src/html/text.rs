//! Text of HTML: character references decoded and white space collapsed, appended to a buffer.
//!
//! Numeric references and the named references that occur in news pages (Latin-1, typography,
//! a few symbols) are decoded; an unknown name is kept literally, as browsers do for most of them.
//! The full HTML5 table (2,231 names) is deliberately not embedded.

/// Appends `raw` to `out`, decoding references and collapsing white space runs to one space.
/// `space` carries a pending space across calls so that inline elements join correctly; no space is
/// written at the start of `out`.
pub(crate) fn append(out: &mut String, raw: &str, space: &mut bool) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() || b == b'&' {
            flush(out, &raw[run..i], space);
            if b == b'&' {
                let (ch, used) = reference(&raw[i..]);
                match ch {
                    Some(c) if c.is_whitespace() => *space = true,
                    Some(c) => push_char(out, c, space),
                    None => push_char(out, '&', space),
                }
                i += used;
            } else {
                *space = true;
                i += 1;
            }
            run = i;
        } else {
            i += 1;
        }
    }
    flush(out, &raw[run..], space);
}

fn flush(out: &mut String, s: &str, space: &mut bool) {
    if s.is_empty() {
        return;
    }
    // Unicode white space that is not ASCII (nbsp, thin spaces) also collapses.
    if s.is_ascii() {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(s);
    } else {
        for c in s.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                *space |= c.is_whitespace();
            } else {
                push_char(out, c, space);
            }
        }
    }
}

fn push_char(out: &mut String, c: char, space: &mut bool) {
    if c == '\u{ad}' || c == '\u{200b}' {
        return;
    }
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
    out.push(c);
}

/// Decodes the reference at the start of `s` (which starts with `&`): the character (None when it
/// is not a reference) and the bytes consumed.
pub(crate) fn reference(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = start;
        let mut value: u32 = 0;
        while end < b.len() && end - start < 8 {
            let d = match (hex, b[end]) {
                (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
                (true, c @ b'a'..=b'f') => u32::from(c - b'a' + 10),
                (true, c @ b'A'..=b'F') => u32::from(c - b'A' + 10),
                _ => break,
            };
            value = value * if hex { 16 } else { 10 } + d;
            end += 1;
        }
        if end == start {
            return (None, 1);
        }
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        let c = match value {
            0 => '\u{fffd}',
            // Windows-1252 C1 remapping, as browsers do.
            0x80..=0x9f => cp1252(value as u8),
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return (Some(c), end);
    }
    let mut end = 1;
    while end < b.len() && end < 12 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let name = &s[1..end];
    let Some(c) = named(name) else {
        return (None, 1);
    };
    if b.get(end) == Some(&b';') {
        end += 1;
    }
    (Some(c), end)
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    HIGH[usize::from(b - 0x80)]
}

fn named(name: &str) -> Option<char> {
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
        "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
        "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave",
        "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
        "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring",
        "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
        "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash",
        "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "trade" => '™',
        "euro" => '€',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "minus" => '−',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "star" => '☆',
        "check" => '✓',
        "infin" => '∞',
        "ne" => '≠',
        "le" => '≤',
        "ge" => '≥',
        "asymp" => '≈',
        "frasl" => '⁄',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "mu" => 'μ',
        "pi" => 'π',
        "sigma" => 'σ',
        "omega" => 'ω',
        "Omega" => 'Ω',
        _ => {
            let i = LATIN1.iter().position(|n| *n == name)?;
            return char::from_u32(0xa0 + i as u32);
        }
    };
    Some(c)
}
