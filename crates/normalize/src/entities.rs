//! Character references (`&amp;`, `&#8220;`, `&eacute;`): the one table of named references and
//! the one decoder that both the HTML text assembly and plain-text repair use, plus the
//! Windows-1252 lookups (from `encoding_rs`) that numeric references and mojibake repair both need.
//!
//! A numeric reference spans all its digits, however many: one whose value is no code point
//! (`&#99999999999999;`, a surrogate) is one U+FFFD, never U+FFFD followed by left-over digits.
//!
//! The table holds the 252 HTML 4 names and the HTML5 names news pages use (typography, spaces,
//! ticks and stars, ASCII punctuation names), each to one character; the full HTML5 table (2,231
//! names, some to two characters) is deliberately not embedded. It is sorted and binary-searched.

/// How references are written where they are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// HTML text, read as browsers do: the `;` is optional, a bad number becomes U+FFFD.
    Html,
    /// Plain text that may carry escaped HTML: only terminated references that decode to a
    /// printable character (`AT&T` and `&#0;` stay as they are).
    Text,
}

/// Decodes the reference at the start of `s` (which starts with `&`): the character and the
/// bytes the reference spans, or `None` when it is not one.
pub(crate) fn decode(s: &str, syntax: Syntax) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let (radix, start) = if hex { (16, 3) } else { (10, 2) };
        let mut end = start;
        // `None` once the value is past any code point; the digits are still consumed.
        let mut value: Option<u32> = Some(0);
        while let Some(d) = b.get(end).and_then(|&c| char::from(c).to_digit(radix)) {
            value = value
                .and_then(|v| v.checked_mul(radix)?.checked_add(d))
                .filter(|&v| v <= 0x10_ffff);
            end += 1;
        }
        if end == start {
            return None;
        }
        let terminated = b.get(end) == Some(&b';');
        if syntax == Syntax::Text && !terminated {
            return None;
        }
        let c = match (syntax, value) {
            (Syntax::Html, Some(0)) => '\u{fffd}',
            // HTML maps references to 0x80..0x9f through Windows-1252.
            (_, Some(v @ 0x80..=0x9f)) => cp1252(v as u8),
            // No code point (too large, a surrogate): a replacement character in either syntax.
            (_, v) => v.and_then(char::from_u32).unwrap_or('\u{fffd}'),
        };
        if syntax == Syntax::Text && c.is_control() && !matches!(c, '\n' | '\t') {
            return None;
        }
        return Some((c, end + usize::from(terminated)));
    }
    let mut end = 1;
    while end <= MAX_NAME && b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        end += 1;
    }
    let c = named(&s[1..end])?;
    let terminated = b.get(end) == Some(&b';');
    if syntax == Syntax::Text && !terminated {
        return None;
    }
    Some((c, end + usize::from(terminated)))
}

/// The character a named reference stands for (`eacute` -> `é`), case-sensitive.
pub(crate) fn named(name: &str) -> Option<char> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Windows-1252 decoding of a byte in 0x80..=0x9f (the five unassigned bytes stay C1 controls, as
/// in the WHATWG encoding `encoding_rs` implements).
pub(crate) fn cp1252(byte: u8) -> char {
    cp1252_high()[usize::from(byte.saturating_sub(0x80)).min(31)]
}

/// The byte a Windows-1252 (or Latin-1) decoder turned into `c`, if any.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(c) {
        return Some(byte);
    }
    // Every character of the high table lies in this range: most text never scans it.
    if !('\u{152}'..='\u{2122}').contains(&c) {
        return None;
    }
    cp1252_high()
        .iter()
        .position(|&h| h == c)
        .map(|i| 0x80 + i as u8)
}

/// Windows-1252 bytes 0x80..=0x9f as `encoding_rs` decodes them, computed once.
fn cp1252_high() -> &'static [char; 32] {
    static HIGH: std::sync::OnceLock<[char; 32]> = std::sync::OnceLock::new();
    HIGH.get_or_init(|| {
        let bytes: Vec<u8> = (0x80..=0x9fu8).collect();
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        let mut high = ['\u{fffd}'; 32];
        for (slot, c) in high.iter_mut().zip(text.chars()) {
            *slot = c;
        }
        high
    })
}

/// The longest name in [`NAMED`].
const MAX_NAME: usize = 14;

/// Named references, sorted by name (byte order) for binary search.
#[rustfmt::skip]
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'), ("AMP", '&'), ("Aacute", 'Á'), ("Acirc", 'Â'), ("Agrave", 'À'), ("Alpha", 'Α'),
    ("Aring", 'Å'), ("Atilde", 'Ã'), ("Auml", 'Ä'), ("Beta", 'Β'), ("COPY", '©'), ("Ccedil", 'Ç'),
    ("Chi", 'Χ'), ("Dagger", '‡'), ("Delta", 'Δ'), ("ETH", 'Ð'), ("Eacute", 'É'), ("Ecirc", 'Ê'),
    ("Egrave", 'È'), ("Epsilon", 'Ε'), ("Eta", 'Η'), ("Euml", 'Ë'), ("GT", '>'), ("Gamma", 'Γ'),
    ("Hat", '^'), ("Iacute", 'Í'), ("Icirc", 'Î'), ("Igrave", 'Ì'), ("Iota", 'Ι'), ("Iuml", 'Ï'),
    ("Kappa", 'Κ'), ("LT", '<'), ("Lambda", 'Λ'), ("Mu", 'Μ'), ("NewLine", '\u{a}'),
    ("NoBreak", '\u{2060}'), ("Ntilde", 'Ñ'), ("Nu", 'Ν'), ("OElig", 'Œ'), ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'), ("Ograve", 'Ò'), ("Omega", 'Ω'), ("Omicron", 'Ο'), ("Oslash", 'Ø'),
    ("Otilde", 'Õ'), ("Ouml", 'Ö'), ("OverBar", '‾'), ("Phi", 'Φ'), ("Pi", 'Π'), ("PlusMinus", '±'),
    ("Prime", '″'), ("Psi", 'Ψ'), ("QUOT", '"'), ("REG", '®'), ("Rho", 'Ρ'), ("Scaron", 'Š'),
    ("Sigma", 'Σ'), ("Sqrt", '√'), ("THORN", 'Þ'), ("TRADE", '™'), ("Tab", '\u{9}'), ("Tau", 'Τ'),
    ("Theta", 'Θ'), ("Uacute", 'Ú'), ("Ucirc", 'Û'), ("Ugrave", 'Ù'), ("Upsilon", 'Υ'),
    ("Uuml", 'Ü'), ("Xi", 'Ξ'), ("Yacute", 'Ý'), ("Yuml", 'Ÿ'), ("ZeroWidthSpace", '\u{200b}'),
    ("Zeta", 'Ζ'), ("aacute", 'á'), ("acirc", 'â'), ("acute", '´'), ("aelig", 'æ'), ("agrave", 'à'),
    ("alefsym", 'ℵ'), ("alpha", 'α'), ("amp", '&'), ("and", '∧'), ("ang", '∠'), ("angst", 'Å'),
    ("apos", '\''), ("approx", '≈'), ("aring", 'å'), ("ast", '*'), ("asymp", '≈'), ("atilde", 'ã'),
    ("auml", 'ä'), ("bdquo", '„'), ("beta", 'β'), ("bigstar", '★'), ("brvbar", '¦'), ("bsol", '\\'),
    ("bull", '•'), ("bullet", '•'), ("cap", '∩'), ("caret", '⁁'), ("ccedil", 'ç'), ("cedil", '¸'),
    ("cent", '¢'), ("check", '✓'), ("checkmark", '✓'), ("chi", 'χ'), ("circ", 'ˆ'), ("clubs", '♣'),
    ("colon", ':'), ("comma", ','), ("commat", '@'), ("compfn", '∘'), ("cong", '≅'), ("copy", '©'),
    ("copysr", '℗'), ("crarr", '↵'), ("cross", '✗'), ("cup", '∪'), ("curren", '¤'), ("dArr", '⇓'),
    ("dagger", '†'), ("darr", '↓'), ("dash", '‐'), ("deg", '°'), ("delta", 'δ'), ("diams", '♦'),
    ("div", '÷'), ("divide", '÷'), ("dollar", '$'), ("dtri", '▿'), ("eacute", 'é'), ("ecirc", 'ê'),
    ("egrave", 'è'), ("ell", 'ℓ'), ("empty", '∅'), ("emsp", '\u{2003}'), ("emsp13", '\u{2004}'),
    ("emsp14", '\u{2005}'), ("ensp", '\u{2002}'), ("epsilon", 'ε'), ("equals", '='), ("equiv", '≡'),
    ("eta", 'η'), ("eth", 'ð'), ("euml", 'ë'), ("euro", '€'), ("excl", '!'), ("exist", '∃'),
    ("female", '♀'), ("flat", '♭'), ("fnof", 'ƒ'), ("forall", '∀'), ("frac12", '½'),
    ("frac13", '⅓'), ("frac14", '¼'), ("frac15", '⅕'), ("frac18", '⅛'), ("frac23", '⅔'),
    ("frac34", '¾'), ("frac38", '⅜'), ("frac58", '⅝'), ("frac78", '⅞'), ("frasl", '⁄'),
    ("gamma", 'γ'), ("ge", '≥'), ("geq", '≥'), ("grave", '`'), ("gt", '>'), ("hArr", '⇔'),
    ("hairsp", '\u{200a}'), ("half", '½'), ("harr", '↔'), ("hbar", 'ℏ'), ("hearts", '♥'),
    ("hellip", '…'), ("horbar", '―'), ("hyphen", '‐'), ("iacute", 'í'), ("icirc", 'î'),
    ("iexcl", '¡'), ("igrave", 'ì'), ("image", 'ℑ'), ("incare", '℅'), ("infin", '∞'), ("int", '∫'),
    ("iota", 'ι'), ("iquest", '¿'), ("isin", '∈'), ("iuml", 'ï'), ("kappa", 'κ'), ("lArr", '⇐'),
    ("lambda", 'λ'), ("lang", '⟨'), ("laquo", '«'), ("larr", '←'), ("lceil", '⌈'), ("lcub", '{'),
    ("ldquo", '“'), ("ldquor", '„'), ("le", '≤'), ("leq", '≤'), ("lfloor", '⌊'), ("lowast", '∗'),
    ("lowbar", '_'), ("loz", '◊'), ("lpar", '('), ("lrarr", '⇆'), ("lrm", '\u{200e}'),
    ("lsaquo", '‹'), ("lsqb", '['), ("lsquo", '‘'), ("lt", '<'), ("ltri", '◃'), ("macr", '¯'),
    ("male", '♂'), ("mdash", '—'), ("mho", '℧'), ("micro", 'µ'), ("middot", '·'), ("minus", '−'),
    ("mldr", '…'), ("mu", 'μ'), ("nabla", '∇'), ("natural", '♮'), ("nbsp", '\u{a0}'),
    ("ndash", '–'), ("ne", '≠'), ("nearr", '↗'), ("ni", '∋'), ("not", '¬'), ("notin", '∉'),
    ("nsub", '⊄'), ("ntilde", 'ñ'), ("nu", 'ν'), ("num", '#'), ("numero", '№'),
    ("numsp", '\u{2007}'), ("nwarr", '↖'), ("oacute", 'ó'), ("ocirc", 'ô'), ("oelig", 'œ'),
    ("ograve", 'ò'), ("ohm", 'Ω'), ("oline", '‾'), ("omega", 'ω'), ("omicron", 'ο'), ("oplus", '⊕'),
    ("or", '∨'), ("ordf", 'ª'), ("ordm", 'º'), ("oslash", 'ø'), ("otilde", 'õ'), ("otimes", '⊗'),
    ("ouml", 'ö'), ("para", '¶'), ("part", '∂'), ("percnt", '%'), ("period", '.'), ("permil", '‰'),
    ("perp", '⊥'), ("phi", 'φ'), ("phone", '☎'), ("pi", 'π'), ("piv", 'ϖ'), ("planck", 'ℏ'),
    ("plus", '+'), ("plusmn", '±'), ("pm", '±'), ("pound", '£'), ("prime", '′'), ("prod", '∏'),
    ("prop", '∝'), ("psi", 'ψ'), ("puncsp", '\u{2008}'), ("quest", '?'), ("quot", '"'),
    ("rArr", '⇒'), ("radic", '√'), ("rang", '⟩'), ("raquo", '»'), ("rarr", '→'), ("rceil", '⌉'),
    ("rcub", '}'), ("rdquo", '”'), ("real", 'ℜ'), ("reg", '®'), ("rfloor", '⌋'), ("rho", 'ρ'),
    ("rlarr", '⇄'), ("rlm", '\u{200f}'), ("rpar", ')'), ("rsaquo", '›'), ("rsqb", ']'),
    ("rsquo", '’'), ("rsquor", '’'), ("rtri", '▹'), ("sbquo", '‚'), ("scaron", 'š'), ("sdot", '⋅'),
    ("searr", '↘'), ("sect", '§'), ("semi", ';'), ("setminus", '∖'), ("sharp", '♯'),
    ("shy", '\u{ad}'), ("sigma", 'σ'), ("sigmaf", 'ς'), ("sim", '∼'), ("sol", '/'), ("spades", '♠'),
    ("squ", '□'), ("square", '□'), ("star", '☆'), ("starf", '★'), ("sub", '⊂'), ("sube", '⊆'),
    ("sum", '∑'), ("sup", '⊃'), ("sup1", '¹'), ("sup2", '²'), ("sup3", '³'), ("supe", '⊇'),
    ("swarr", '↙'), ("szlig", 'ß'), ("tau", 'τ'), ("there4", '∴'), ("theta", 'θ'),
    ("thetasym", 'ϑ'), ("thinsp", '\u{2009}'), ("thorn", 'þ'), ("tilde", '˜'), ("times", '×'),
    ("trade", '™'), ("uArr", '⇑'), ("uacute", 'ú'), ("uarr", '↑'), ("ucirc", 'û'), ("ugrave", 'ù'),
    ("uml", '¨'), ("upsih", 'ϒ'), ("upsilon", 'υ'), ("utri", '▵'), ("uuml", 'ü'), ("verbar", '|'),
    ("weierp", '℘'), ("xi", 'ξ'), ("yacute", 'ý'), ("yen", '¥'), ("yuml", 'ÿ'), ("zeta", 'ζ'),
    ("zwj", '\u{200d}'), ("zwnj", '\u{200c}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `input` in both syntaxes and compares (character, length) with the expectations.
    #[track_caller]
    fn check(input: &str, html: Option<(char, usize)>, text: Option<(char, usize)>) {
        assert_eq!(decode(input, Syntax::Html), html, "html {input:?}");
        assert_eq!(decode(input, Syntax::Text), text, "text {input:?}");
    }

    #[test]
    fn references_decode() {
        check("&amp; x", Some(('&', 5)), Some(('&', 5)));
        check("&amp x", Some(('&', 4)), None);
        check("&AMP;", Some(('&', 5)), Some(('&', 5)));
        check("&eacute;", Some(('é', 8)), Some(('é', 8)));
        check("&alpha;", Some(('α', 7)), Some(('α', 7)));
        check("&infin;", Some(('∞', 7)), Some(('∞', 7)));
        check("&check;", Some(('✓', 7)), Some(('✓', 7)));
        check("&star;", Some(('☆', 6)), Some(('☆', 6)));
        check("&hellip;", Some(('…', 8)), Some(('…', 8)));
        check("&nbsp;", Some(('\u{a0}', 6)), Some(('\u{a0}', 6)));
        check("&thetasym;", Some(('ϑ', 10)), Some(('ϑ', 10)));
        check(
            "&ZeroWidthSpace;",
            Some(('\u{200b}', 16)),
            Some(('\u{200b}', 16)),
        );
        check("&numero;", Some(('№', 8)), Some(('№', 8)));
        check("&unknown;", None, None);
        check("&T", None, None);
        check("&", None, None);
        check("&#8220;", Some(('“', 7)), Some(('“', 7)));
        check("&#x201C;", Some(('“', 8)), Some(('“', 8)));
        check("&#X201c", Some(('“', 7)), None);
        check("&#150;", Some(('–', 6)), Some(('–', 6)));
        check("&#129;", Some(('\u{81}', 6)), None);
        check("&#0;", Some(('\u{fffd}', 4)), None);
        check("&#xD800;", Some(('\u{fffd}', 8)), Some(('\u{fffd}', 8)));
        check("&#x110000;", Some(('\u{fffd}', 10)), Some(('\u{fffd}', 10)));
        // However many digits, the reference is one replacement character and nothing is left.
        check(
            "&#99999999999;",
            Some(('\u{fffd}', 14)),
            Some(('\u{fffd}', 14)),
        );
        check(
            "&#99999999999999;",
            Some(('\u{fffd}', 17)),
            Some(('\u{fffd}', 17)),
        );
        check("&#99999999999999 x", Some(('\u{fffd}', 16)), None);
        check("&#x1F600;", Some(('😀', 9)), Some(('😀', 9)));
        check(
            "&#1114111;",
            Some(('\u{10ffff}', 10)),
            Some(('\u{10ffff}', 10)),
        );
        check("&#;", None, None);
        check("&#xZZ;", None, None);
        check("&#10;", Some(('\n', 5)), Some(('\n', 5)));
    }

    #[test]
    fn table_is_sorted_complete_and_bounded() {
        assert!(
            NAMED.windows(2).all(|w| w[0].0 < w[1].0),
            "NAMED must be sorted"
        );
        assert_eq!(NAMED.iter().map(|(n, _)| n.len()).max(), Some(MAX_NAME));
        // The HTML 4 set spans these code point ranges; spot-check each end of each.
        for (name, c) in [
            ("nbsp", '\u{a0}'),
            ("yuml", 'ÿ'),
            ("Alpha", 'Α'),
            ("omega", 'ω'),
            ("fnof", 'ƒ'),
            ("diams", '♦'),
            ("OElig", 'Œ'),
            ("rlm", '\u{200f}'),
            ("euro", '€'),
            ("apos", '\''),
        ] {
            assert_eq!(named(name), Some(c), "{name}");
        }
        let html4 = NAMED
            .iter()
            .filter(|(n, _)| HTML4_SAMPLE.contains(n))
            .count();
        assert_eq!(html4, HTML4_SAMPLE.len());
    }

    /// Names from each group of the HTML 4 DTDs (Latin-1, symbols, special).
    const HTML4_SAMPLE: &[&str] = &[
        "iexcl", "brvbar", "macr", "frac34", "THORN", "szlig", "divide", "thetasym", "upsih",
        "piv", "bull", "oline", "weierp", "image", "real", "alefsym", "crarr", "lArr", "forall",
        "part", "exist", "empty", "nabla", "isin", "notin", "ni", "prod", "sum", "lowast", "radic",
        "prop", "ang", "and", "or", "cap", "cup", "int", "there4", "sim", "cong", "asymp", "ne",
        "equiv", "le", "ge", "sub", "sup", "nsub", "sube", "supe", "oplus", "otimes", "perp",
        "sdot", "lceil", "rceil", "lfloor", "rfloor", "lang", "rang", "loz", "spades", "clubs",
        "hearts", "circ", "tilde", "ensp", "emsp", "thinsp", "zwnj", "zwj", "lrm", "ndash",
        "mdash", "sbquo", "bdquo", "dagger", "Dagger", "permil", "lsaquo", "rsaquo",
    ];

    /// The table this module held before it read Windows-1252 from `encoding_rs`.
    const CP1252_BEFORE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];

    #[test]
    fn cp1252_from_encoding_rs_is_the_table_it_replaced() {
        for (i, &c) in CP1252_BEFORE.iter().enumerate() {
            assert_eq!(cp1252(0x80 + i as u8), c);
        }
    }

    #[test]
    fn cp1252_round_trips() {
        for byte in 0x80..=0x9fu8 {
            let c = cp1252(byte);
            assert_eq!(cp1252_byte(c), Some(byte), "{byte:#x}");
        }
        assert_eq!(cp1252_byte('é'), Some(0xe9));
        assert_eq!(cp1252_byte('п'), None);
        assert_eq!(cp1252_byte('日'), None);
    }
}
