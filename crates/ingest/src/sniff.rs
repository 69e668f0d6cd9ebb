//! Telling formats apart: by file name, and by the first bytes when the name does not say.
//!
//! Sniffing looks only at the start of a stream (after gzip decompression); it never reads a whole
//! file. It recognises containers and markup, not languages or encodings.

use concord_model::InputFormat;

/// How many leading bytes are examined when sniffing a stream.
pub(crate) const SNIFF_BYTES: usize = 8192;

/// The gzip magic number.
pub(crate) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Magic numbers of common binary formats that are never text, with their names.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-zip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (b"BZh", "bzip2 stream"),
    (b"\xFD7zXZ\x00", "xz stream"),
    (b"\x28\xB5\x2F\xFD", "zstd stream"),
    (b"\x7FELF", "ELF executable"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "OLE2 document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
];

/// The name of the binary format `bytes` start with, if it is a known one (gzip included, for
/// payloads that are still compressed).
pub(crate) fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&GZIP_MAGIC) {
        return Some("gzip stream");
    }
    if bytes.starts_with(b"RIFF") && bytes.len() >= 12 {
        return Some("RIFF media");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/ISO media");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, name)| name)
}

/// The format a file name announces, ignoring a trailing `.gz`; `None` for unknown names and `-`.
pub(crate) fn format_from_name(name: &str) -> Option<InputFormat> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let file = strip_suffix_ignore_case(file, ".gz").unwrap_or(file);
    let (_, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(InputFormat::Text),
        "html" | "htm" | "xhtml" => Some(InputFormat::Html),
        "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
        "warc" => Some(InputFormat::Warc),
        _ => None,
    }
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = name.len().checked_sub(suffix.len())?;
    (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(suffix)).then(|| &name[..cut])
}

/// What the first bytes of a stream of unknown format look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A known container or markup.
    Format(InputFormat),
    /// Clearly not text, with a short reason.
    Binary(&'static str),
}

/// Sniffs `head` (the first up to [`SNIFF_BYTES`] of a decompressed stream): `WARC/` starts a WARC
/// file; a known binary magic number or a NUL byte (outside UTF-16 text) makes it binary; a first
/// non-blank `{` means JSON Lines; a first non-blank `<` followed by a letter, `!` or `?` means HTML;
/// anything else is text.
pub(crate) fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"WARC/") {
        return Sniffed::Format(InputFormat::Warc);
    }
    if let Some(name) = binary_magic(head) {
        return Sniffed::Binary(name);
    }
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let head = &head[..head.len().min(SNIFF_BYTES)];
    if !utf16 && memchr::memchr(0, head).is_some() {
        return Sniffed::Binary("NUL bytes");
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = text.trim_ascii_start();
    if rest.first() == Some(&b'{') {
        return Sniffed::Format(InputFormat::Jsonl);
    }
    if rest.first() == Some(&b'<') {
        rest = &rest[1..];
        if rest
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'!' || b == b'?')
        {
            return Sniffed::Format(InputFormat::Html);
        }
    }
    Sniffed::Format(InputFormat::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_name(name: &str, expected: Option<InputFormat>) {
        assert_eq!(format_from_name(name), expected, "{name}");
    }

    fn check_sniff(head: &[u8], expected: Sniffed) {
        assert_eq!(sniff(head), expected, "{:?}", String::from_utf8_lossy(head));
    }

    #[test]
    fn names() {
        check_name("a/b/news.TXT", Some(InputFormat::Text));
        check_name("x.htm", Some(InputFormat::Html));
        check_name("x.html.gz", Some(InputFormat::Html));
        check_name("crawl.warc.GZ", Some(InputFormat::Warc));
        check_name("a.ndjson", Some(InputFormat::Jsonl));
        check_name("a.jsonl.gz", Some(InputFormat::Jsonl));
        check_name("dir.warc/file", None);
        check_name("-", None);
        check_name("notes.dat", None);
        check_name("x.gz", None);
    }

    #[test]
    fn sniffing() {
        use InputFormat::*;
        check_sniff(b"WARC/1.0\r\n", Sniffed::Format(Warc));
        check_sniff(b"%PDF-1.7\n", Sniffed::Binary("PDF"));
        check_sniff(b"\x89PNG\r\n\x1a\nxxxx", Sniffed::Binary("PNG image"));
        check_sniff(b"hello\0world", Sniffed::Binary("NUL bytes"));
        check_sniff(b"\xFF\xFEh\0i\0", Sniffed::Format(Text));
        check_sniff(b"  \n{\"text\": 1}\n", Sniffed::Format(Jsonl));
        check_sniff(b"\xEF\xBB\xBF<!DOCTYPE html>", Sniffed::Format(Html));
        check_sniff(b"<p>x", Sniffed::Format(Html));
        check_sniff(b"< 3 is less", Sniffed::Format(Text));
        check_sniff(b"", Sniffed::Format(Text));
        check_sniff(b"Plain words.", Sniffed::Format(Text));
    }
}
