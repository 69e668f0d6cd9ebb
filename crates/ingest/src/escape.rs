//! Keeping file names and URLs that are not valid UTF-8 exactly, as text.
//!
//! Sources name files and URLs as strings, and a lossy conversion would turn every invalid byte into
//! U+FFFD, so that the source could no longer be found. Instead:
//! - a file name keeps its valid UTF-8 as it is, and writes each byte of an invalid sequence as
//!   `\xNN` (two uppercase hex digits); a backslash is written `\\`, so the escaping can be undone
//!   without ambiguity (on Unix, the escaped name read back byte for byte is the name on disk);
//! - a URL keeps its valid UTF-8 as it is and percent-encodes each byte of an invalid sequence
//!   (`%E9`), which is how a client sends such a URL, so the escaped URL requests the same resource.
//!
//! Valid UTF-8 without a backslash comes back unchanged. This module does no other normalisation.

use std::ffi::OsStr;

/// `name` as text: valid UTF-8 kept, invalid bytes as `\xNN`, backslashes doubled.
pub(crate) fn file_name(name: &OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\\') {
            return text.to_owned();
        }
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for piece in chunk.valid().split_inclusive('\\') {
            out.push_str(piece);
            if piece.ends_with('\\') {
                out.push('\\');
            }
        }
        for &byte in chunk.invalid() {
            out.push_str("\\x");
            push_hex(byte, &mut out);
        }
    }
    out
}

/// `url` as text: valid UTF-8 kept, invalid bytes percent-encoded.
pub(crate) fn url(url: &[u8]) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    for chunk in url.utf8_chunks() {
        out.push_str(chunk.valid());
        for &byte in chunk.invalid() {
            out.push('%');
            push_hex(byte, &mut out);
        }
    }
    out
}

fn push_hex(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 15)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn check_name(bytes: &[u8], expected: &str) {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(file_name(OsStr::from_bytes(bytes)), expected);
    }

    #[cfg(unix)]
    #[test]
    fn file_names_keep_every_byte() {
        check_name(b"plain.txt", "plain.txt");
        check_name("Zürich.txt".as_bytes(), "Zürich.txt");
        check_name(b"Z\xfcrich.txt", "Z\\xFCrich.txt");
        check_name(b"a\\b.txt", "a\\\\b.txt");
        check_name(b"\\x\xff\\", "\\\\x\\xFF\\\\");
        check_name(b"\xe2\x82", "\\xE2\\x82");
    }

    #[test]
    fn urls_percent_encode_invalid_bytes() {
        assert_eq!(url(b"https://a.ru/news"), "https://a.ru/news");
        assert_eq!(
            url("https://a.ru/новости".as_bytes()),
            "https://a.ru/новости"
        );
        assert_eq!(
            url(b"https://a.fr/caf\xe9?q=%20"),
            "https://a.fr/caf%E9?q=%20"
        );
    }
}
