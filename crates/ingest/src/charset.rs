//! Turns a record's bytes into text: choosing the encoding, then decoding with replacement.
//!
//! The encoding is chosen in this order:
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) always wins;
//! 2. the declarations, in order: the HTTP `Content-Type` charset (WARC), then the HTML
//!    `<meta charset>` / `<meta http-equiv="content-type">` found by a prescan of the first 4096
//!    bytes (HTML only);
//! 3. valid UTF-8, or mostly UTF-8 (a UTF-8 file with a few stray bytes is decoded as UTF-8, the
//!    stray bytes replaced and counted, instead of being read whole as a legacy encoding);
//! 4. detection of a legacy encoding by `chardetng`, helped by the URL's top-level domain.
//!
//! Declarations are often wrong, so the bytes can overrule them:
//! - a declaration of UTF-8 is accepted only if the bytes are valid UTF-8 or *mostly* UTF-8 (a
//!   damaged UTF-8 page: valid multi-byte characters and few malformed sequences, see
//!   `mostly_utf8`); otherwise it is ignored and the next declaration, or detection, decides;
//! - a declaration of any other ASCII-compatible encoding is overruled when the bytes are valid UTF-8
//!   and not pure ASCII: legacy text is practically never valid multi-byte UTF-8 by accident
//!   (the result says `from: "utf8"`). Pure ASCII keeps the declared name, as it decodes identically.
//!
//! Undecodable sequences become U+FFFD and are counted. Records with NUL bytes are binary unless the
//! chosen encoding is UTF-16. This module does not strip markup or normalise white space.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use memchr::{memchr, memmem};

use concord_model::TextDecoding;

/// How many leading bytes of an HTML document are searched for a `<meta>` charset.
pub(crate) const META_PRESCAN_BYTES: usize = 4096;

/// How many bytes `chardetng` sees at most; more rarely changes its guess and costs time.
const DETECT_BYTES: usize = 1 << 20;

/// What the container and the document declare about the encoding.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Hints<'a> {
    /// Charset label from an HTTP `Content-Type` header.
    pub http_charset: Option<&'a str>,
    /// Whether the bytes are HTML (enables the `<meta>` prescan).
    pub html: bool,
    /// The URL of the document (its top-level domain helps detection).
    pub url: Option<&'a str>,
}

/// Why bytes were refused as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotText {
    /// NUL bytes in a record that is not UTF-16.
    Nul,
}

/// Decodes `bytes` to text, choosing the encoding as the module documentation says.
pub(crate) fn to_text(
    bytes: Vec<u8>,
    hints: &Hints<'_>,
) -> Result<(String, TextDecoding), NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, replaced) = decode_lossy(encoding, &bytes[bom_len..]);
        return Ok((text, decoding(encoding, "bom", replaced)));
    }
    let http = hints
        .http_charset
        .and_then(|label| declared(label.as_bytes(), false));
    let meta = if hints.html {
        meta_charset(&bytes).and_then(|label| declared(label, true))
    } else {
        None
    };
    let candidates = [http.map(|e| (e, "http")), meta.map(|e| (e, "meta"))];
    let mut candidates = candidates.into_iter().flatten();
    // A declared non-ASCII-compatible encoding (UTF-16 named by HTTP, ISO-2022-JP) is trusted as is.
    if let Some((encoding, from)) = candidates.clone().next() {
        if !encoding.is_ascii_compatible() {
            let (text, replaced) = decode_lossy(encoding, &bytes);
            return Ok((text, decoding(encoding, from, replaced)));
        }
    }
    if memchr(0, &bytes).is_some() {
        return Err(NotText::Nul);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let first = candidates.next();
            let (encoding, from) = match first {
                Some((encoding, from)) if encoding == UTF_8 || text.is_ascii() => (encoding, from),
                _ => (UTF_8, "utf8"),
            };
            Ok((text, decoding(encoding, from, 0)))
        }
        Err(err) => {
            let bytes = err.into_bytes();
            let mostly = mostly_utf8(&bytes);
            for (encoding, from) in candidates {
                if encoding != UTF_8 || mostly {
                    let (text, replaced) = decode_lossy(encoding, &bytes);
                    return Ok((text, decoding(encoding, from, replaced)));
                }
            }
            if mostly {
                let (text, replaced) = decode_lossy(UTF_8, &bytes);
                return Ok((text, decoding(UTF_8, "utf8", replaced)));
            }
            let encoding = detect(&bytes, hints.url);
            let (text, replaced) = decode_lossy(encoding, &bytes);
            Ok((text, decoding(encoding, "detected", replaced)))
        }
    }
}

/// Decodes a line that is not valid UTF-8 (JSON Lines): mostly-UTF-8 with replacement, else detected.
pub(crate) fn repair_line(bytes: &[u8]) -> (String, TextDecoding) {
    if mostly_utf8(bytes) {
        let (text, replaced) = decode_lossy(UTF_8, bytes);
        return (text, decoding(UTF_8, "utf8", replaced));
    }
    let encoding = detect(bytes, None);
    let (text, replaced) = decode_lossy(encoding, bytes);
    (text, decoding(encoding, "detected", replaced))
}

/// The [`TextDecoding`] of valid UTF-8.
pub(crate) fn utf8_decoding() -> TextDecoding {
    decoding(UTF_8, "utf8", 0)
}

fn decoding(encoding: &'static Encoding, from: &str, replaced: u64) -> TextDecoding {
    TextDecoding {
        encoding: encoding.name().to_owned(),
        from: from.to_owned(),
        replaced,
    }
}

/// Resolves a declared label. In a `<meta>`, UTF-16 means UTF-8 and x-user-defined means
/// windows-1252 (WHATWG); the "replacement" encoding is no usable declaration.
fn declared(label: &[u8], in_meta: bool) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    if encoding == encoding_rs::REPLACEMENT {
        return None;
    }
    if in_meta {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            return Some(UTF_8);
        }
        if encoding == encoding_rs::X_USER_DEFINED {
            return Some(WINDOWS_1252);
        }
    }
    Some(encoding)
}

/// Whether invalid UTF-8 is a damaged UTF-8 document rather than a legacy encoding. It must have at
/// least one valid multi-byte character (without one there is no evidence for UTF-8 and detection
/// decides), and either four of them per malformed sequence, or malformed sequences that are rare
/// (at most one per KiB) and not more than eight per valid multi-byte character.
///
/// Legacy text decoded as UTF-8 is almost all malformed sequences: over 10,000 documents of 5 to 100
/// sentences in 41 language/encoding pairs (the langid sentences re-encoded in cp1250-1257, cp874,
/// KOI8-R/U, ISO-8859-2/7) have at most 0.14 valid multi-byte characters per malformed sequence
/// outside Romanian and Thai, whose high malformed density keeps them out of the second rule; one
/// 5-sentence Romanian cp1250 document (6 valid, 1 malformed) is taken for UTF-8 by either rule. A
/// UTF-8 article with one to three stray bytes is recognised whenever it has a multi-byte
/// character (a quote mark, a dash, a letter), instead of being read whole as windows-1252.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut malformed = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += count_lead_bytes(valid.as_bytes());
                break;
            }
            Err(err) => {
                let valid_up_to = err.valid_up_to();
                multibyte += count_lead_bytes(&rest[..valid_up_to]);
                malformed += 1;
                let bad = err.error_len().unwrap_or(rest.len() - valid_up_to);
                rest = &rest[valid_up_to + bad..];
            }
        }
    }
    let rare = malformed.saturating_mul(1024) <= bytes.len().max(1024)
        && multibyte.saturating_mul(8) >= malformed;
    multibyte > 0 && (multibyte >= 4 * malformed || rare)
}

fn count_lead_bytes(valid_utf8: &[u8]) -> usize {
    valid_utf8.iter().filter(|&&b| b >= 0xC0).count()
}

/// Guesses a legacy encoding with `chardetng` (never UTF-8: the caller has ruled it out).
fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    let tld = url.and_then(tld_of);
    detector.guess(tld.as_deref().map(str::as_bytes), false)
}

/// The lowercase top-level domain of a URL's host, if it is alphabetic ASCII.
fn tld_of(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split(':').next().unwrap_or(host).trim_end_matches('.');
    let (_, tld) = host.rsplit_once('.')?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

/// Decodes with `encoding`, replacing malformed sequences by U+FFFD; returns the text and how many
/// sequences were replaced. No BOM handling: callers strip it.
pub(crate) fn decode_lossy(encoding: &'static Encoding, bytes: &[u8]) -> (String, u64) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, n: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n.saturating_mul(3))
            .saturating_add(16)
    };
    let mut out = String::with_capacity(room(&decoder, bytes.len()));
    let mut src = bytes;
    let mut replaced = 0u64;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = room(&decoder, src.len());
                out.reserve(more);
            }
            DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    (out, replaced)
}

/// Finds the charset label declared by a `<meta>` element in the first [`META_PRESCAN_BYTES`] bytes,
/// skipping comments (a simplified form of the WHATWG prescan).
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let mut at = 0;
    while let Some(found) = memchr(b'<', &head[at..]) {
        let tag = &head[at + found..];
        if tag.starts_with(b"<!--") {
            let end = memmem::find(&tag[4..], b"-->")?;
            at += found + 4 + end + 3;
            continue;
        }
        if tag.len() > 5
            && tag[1..5].eq_ignore_ascii_case(b"meta")
            && matches!(tag[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        {
            let (used, label) = meta_attributes(&tag[5..]);
            if label.is_some() {
                return label;
            }
            at += found + 5 + used;
            continue;
        }
        at += found + 1;
    }
    None
}

/// Parses the attributes of one `<meta` tag; returns the bytes used and the declared charset label.
fn meta_attributes(tag: &[u8]) -> (usize, Option<&[u8]>) {
    let mut charset = None;
    let mut content = None;
    let mut content_type = false;
    let mut i = 0;
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while i < tag.len() && (is_space(tag[i]) || tag[i] == b'/') {
            i += 1;
        }
        if i >= tag.len() || tag[i] == b'>' {
            break;
        }
        let name_start = i;
        while i < tag.len() && !is_space(tag[i]) && !matches!(tag[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < tag.len() && is_space(tag[i]) {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if i < tag.len() && tag[i] == b'=' {
            i += 1;
            while i < tag.len() && is_space(tag[i]) {
                i += 1;
            }
            if i < tag.len() && matches!(tag[i], b'"' | b'\'') {
                let quote = tag[i];
                let start = i + 1;
                let end = memchr(quote, &tag[start..]).map_or(tag.len(), |n| start + n);
                value = &tag[start..end];
                i = (end + 1).min(tag.len());
            } else {
                let start = i;
                while i < tag.len() && !is_space(tag[i]) && tag[i] != b'>' {
                    i += 1;
                }
                value = &tag[start..i];
            }
        }
        if name.eq_ignore_ascii_case(b"charset") {
            charset.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            content_type |= value.eq_ignore_ascii_case(b"content-type");
        } else if name.eq_ignore_ascii_case(b"content") {
            content.get_or_insert(value);
        }
    }
    let label = charset.or_else(|| {
        if content_type {
            content.and_then(charset_in_content_type)
        } else {
            None
        }
    });
    (i, label.filter(|label| !label.is_empty()))
}

/// The charset parameter of a `Content-Type` value such as `text/html; charset="koi8-r"`.
pub(crate) fn charset_in_content_type(value: &[u8]) -> Option<&[u8]> {
    let lower: Cow<'_, [u8]> = if value.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(value.to_ascii_lowercase())
    } else {
        Cow::Borrowed(value)
    };
    let at = memmem::find(&lower, b"charset")?;
    let mut rest = &value[at + 7..];
    rest = rest.trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    if let Some(quoted) = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")) {
        rest = quoted;
    }
    let end = rest
        .iter()
        .position(|&b| matches!(b, b';' | b'"' | b'\'' | b' ' | b'\t' | b','))
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `bytes` with `hints` and compares text, encoding name, source and replacement count.
    fn check(bytes: &[u8], hints: Hints<'_>, expected: Result<(&str, &str, &str, u64), NotText>) {
        let got =
            to_text(bytes.to_vec(), &hints).map(|(text, d)| (text, d.encoding, d.from, d.replaced));
        let expected = expected.map(|(text, encoding, from, replaced)| {
            (
                text.to_owned(),
                encoding.to_owned(),
                from.to_owned(),
                replaced,
            )
        });
        assert_eq!(got, expected, "input {:?}", String::from_utf8_lossy(bytes));
    }

    fn plain() -> Hints<'static> {
        Hints::default()
    }

    fn html() -> Hints<'static> {
        Hints {
            html: true,
            ..Hints::default()
        }
    }

    fn http(label: &'static str) -> Hints<'static> {
        Hints {
            http_charset: Some(label),
            html: true,
            url: None,
        }
    }

    const TR_UTF8: &str = "Bugün günlük gazetelerde önemli haberler çıktı ve herkes okudu.";
    const RU_UTF8: &str =
        "Президент России заявил сегодня, что переговоры продолжатся на следующей неделе.";

    fn latin1(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn plain_utf8_and_ascii() {
        check(
            b"hello world",
            plain(),
            Ok(("hello world", "UTF-8", "utf8", 0)),
        );
        check(
            TR_UTF8.as_bytes(),
            plain(),
            Ok((TR_UTF8, "UTF-8", "utf8", 0)),
        );
    }

    #[test]
    fn byte_order_marks() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice("günlük".as_bytes());
        check(&utf8, plain(), Ok(("günlük", "UTF-8", "bom", 0)));
        let mut le = vec![0xFF, 0xFE];
        le.extend("günlük".encode_utf16().flat_map(u16::to_le_bytes));
        check(&le, plain(), Ok(("günlük", "UTF-16LE", "bom", 0)));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Привет".encode_utf16().flat_map(u16::to_be_bytes));
        check(&be, plain(), Ok(("Привет", "UTF-16BE", "bom", 0)));
        // The BOM beats a contrary declaration.
        check(
            &utf8,
            http("windows-1251"),
            Ok(("günlük", "UTF-8", "bom", 0)),
        );
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let text =
            "Der Bürgermeister sagte, die Straße werde wegen der Bauarbeiten gesperrt, günlük.";
        check(
            &latin1(text),
            plain(),
            Ok((text, "windows-1252", "detected", 0)),
        );
        check(
            &encode(encoding_rs::KOI8_R, RU_UTF8),
            plain(),
            Ok((RU_UTF8, "KOI8-U", "detected", 0)),
        );
        check(
            &encode(encoding_rs::WINDOWS_1251, RU_UTF8),
            plain(),
            Ok((RU_UTF8, "windows-1251", "detected", 0)),
        );
    }

    #[test]
    fn http_and_meta_declarations() {
        check(
            &latin1("günlük"),
            http("ISO-8859-1"),
            Ok(("günlük", "windows-1252", "http", 0)),
        );
        let cp1251 = encode(encoding_rs::WINDOWS_1251, "<p>Привет</p>");
        check(
            &cp1251,
            http("windows-1251"),
            Ok(("<p>Привет</p>", "windows-1251", "http", 0)),
        );
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        page.extend(encode(encoding_rs::KOI8_R, "Привет"));
        let expected = "<html><head><meta charset=\"koi8-r\"></head><body>Привет";
        check(&page, html(), Ok((expected, "KOI8-R", "meta", 0)));
        // Meta is not looked at in plain text.
        let mut equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>".to_vec();
        equiv.extend(encode(encoding_rs::WINDOWS_1251, "Привет"));
        let got = to_text(equiv.clone(), &html()).unwrap().1;
        assert_eq!(
            (got.encoding.as_str(), got.from.as_str()),
            ("windows-1251", "meta")
        );
        // HTTP wins over meta when both are plausible.
        let got = to_text(page.clone(), &http("windows-1251")).unwrap().1;
        assert_eq!(
            (got.encoding.as_str(), got.from.as_str()),
            ("windows-1251", "http")
        );
        // ASCII-only bytes keep the declared name.
        check(
            b"<p>plain</p>",
            http("iso-8859-2"),
            Ok(("<p>plain</p>", "ISO-8859-2", "http", 0)),
        );
    }

    #[test]
    fn wrong_declarations_are_overruled_by_the_bytes() {
        // Declared UTF-8, bytes Latin-1: detection decides.
        let mut page = b"<meta charset=utf-8><p>".to_vec();
        page.extend(latin1(
            "Der Bürgermeister sagte, die Straße werde gesperrt.",
        ));
        let got = to_text(page, &html()).unwrap();
        assert!(got.0.contains("Bürgermeister"), "{}", got.0);
        assert_eq!((got.1.from.as_str(), got.1.replaced), ("detected", 0));
        // Declared Latin-1 (HTTP), bytes valid UTF-8 with non-ASCII: UTF-8 wins.
        check(
            TR_UTF8.as_bytes(),
            http("iso-8859-1"),
            Ok((TR_UTF8, "UTF-8", "utf8", 0)),
        );
        // HTTP says UTF-8 wrongly, meta is right.
        let mut page = b"<meta charset=windows-1251>".to_vec();
        page.extend(encode(encoding_rs::WINDOWS_1251, "Привет, мир"));
        let got = to_text(page, &http("utf-8")).unwrap();
        assert_eq!(
            (got.1.encoding.as_str(), got.1.from.as_str()),
            ("windows-1251", "meta")
        );
        assert!(got.0.ends_with("Привет, мир"));
    }

    #[test]
    fn damaged_utf8_is_repaired_not_redetected() {
        let mut bytes = TR_UTF8.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        let expected: String = TR_UTF8[..10].to_owned() + "\u{FFFD}" + &TR_UTF8[10..];
        check(&bytes, plain(), Ok((&expected, "UTF-8", "utf8", 1)));
        check(&bytes, http("utf-8"), Ok((&expected, "UTF-8", "http", 1)));
    }

    #[test]
    fn stray_bytes_in_mostly_ascii_utf8_are_replaced_and_counted() {
        // Two kilobytes of English with four multi-byte characters and two stray bytes: the whole
        // file used to be read as windows-1252 ("Dmytro KulebaÀ", "NATOô", nothing replaced).
        let before = "Ukraine\u{2019}s foreign minister Dmytro Kuleba";
        let middle = " said on Tuesday that NATO";
        let after = " allies had agreed to send more air defence systems \u{2014} a decision \
                     taken after weeks of talks. ";
        let tail = "The ministers met in Brussels and again in Vilnius. ".repeat(40);
        let mut bytes = before.as_bytes().to_vec();
        bytes.push(0xC0);
        bytes.extend_from_slice(middle.as_bytes());
        bytes.push(0xF4);
        bytes.extend_from_slice(after.as_bytes());
        bytes.extend_from_slice(tail.as_bytes());
        bytes.extend_from_slice("\u{201C}End.\u{201D}".as_bytes());
        assert!(bytes.len() >= 2048);
        let expected = format!("{before}\u{FFFD}{middle}\u{FFFD}{after}{tail}\u{201C}End.\u{201D}");
        check(&bytes, plain(), Ok((&expected, "UTF-8", "utf8", 2)));
        check(&bytes, html(), Ok((&expected, "UTF-8", "utf8", 2)));
        // One stray byte in a short text with one multi-byte character.
        check(
            b"Kuleba\xC0 met Stoltenberg \xE2\x80\x94 again.",
            plain(),
            Ok((
                "Kuleba\u{FFFD} met Stoltenberg \u{2014} again.",
                "UTF-8",
                "utf8",
                1,
            )),
        );
        // No multi-byte character at all: no evidence for UTF-8, detection decides.
        check(
            &latin1("Caf\u{E9} opens, said the mayor."),
            plain(),
            Ok((
                "Caf\u{E9} opens, said the mayor.",
                "windows-1252",
                "detected",
                0,
            )),
        );
    }

    #[test]
    fn nul_bytes_are_binary_except_in_utf16() {
        check(b"abc\0def", plain(), Err(NotText::Nul));
        check(
            b"a\0b\0",
            http("utf-16le"),
            Ok(("ab", "UTF-16LE", "http", 0)),
        );
    }

    #[test]
    fn meta_prescan() {
        let found =
            |s: &str| meta_charset(s.as_bytes()).map(|l| String::from_utf8_lossy(l).into_owned());
        assert_eq!(found("<META CHARSET='KOI8-R'>"), Some("KOI8-R".into()));
        assert_eq!(
            found("<!-- <meta charset=big5> --><meta charset=utf-8>"),
            Some("utf-8".into())
        );
        assert_eq!(found("<meta name=x content='charset=koi8-r'>"), None);
        assert_eq!(
            found("<meta content=\"text/html;charset=cp1251\" http-equiv=content-type>"),
            Some("cp1251".into())
        );
        assert_eq!(found("<metadata charset=x>"), None);
        assert_eq!(
            found(&format!("{}<meta charset=koi8-r>", " ".repeat(5000))),
            None
        );
        assert_eq!(found("<meta charset="), None);
    }

    #[test]
    fn top_level_domains() {
        assert_eq!(
            tld_of("https://user@www.example.RU:8080/path?q"),
            Some("ru".into())
        );
        assert_eq!(tld_of("http://10.0.0.1/"), None);
        assert_eq!(tld_of("localhost"), None);
    }
}
