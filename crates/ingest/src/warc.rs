//! WARC: splitting a (decompressed) WARC stream into records, and turning a payload into a document.
//!
//! Only `response` and `resource` records are documents; `warcinfo`, `request`, `metadata`,
//! `revisit` and `conversion` records are skipped without a trace. A record is located by the byte
//! offset of its `WARC/1.x` line in the decompressed stream. A record whose header cannot be read
//! becomes one `BrokenWarcRecord` issue and reading resumes at the next line starting with `WARC/1.`.
//! A declared `Content-Length` is a claim, not a fact. A length over the record size limit (an
//! oversized or impossible record, such as `99999999999`) is neither read nor skipped as declared:
//! a document record becomes one `TooLarge` issue, and reading resumes at the next line starting
//! with `WARC/1.`, so the records after it are read and counted (the decompressed stream of a
//! multi-member `.warc.gz` is searched the same way; a `WARC/1.` line inside a genuinely huge
//! payload would be taken for a record). A length within the limit is trusted as long as the blank
//! line and the next record (or the end of input) follow the block where it says. A length that is
//! too short makes the rest of the block look like a broken record (reported, then skipped). One
//! that is too long is caught when a `WARC/1.` line starts inside the block and the block's end is
//! not followed by a record, or lies past the end of input: the block is cut before that line, and
//! the bytes from there are read again as the records they are (blocks within the 1 MiB read
//! buffer are checked before they are taken, longer ones once they are).
//!
//! For HTTP responses the HTTP header is parsed here (status, `Content-Type` with its charset,
//! `Content-Encoding`, `Transfer-Encoding`) and removed: the record's bytes are the payload. Decoding
//! undoes chunked transfer encoding and gzip/deflate content encoding (Common Crawl has already done
//! so; other crawlers have not), and refuses payloads whose media type is not text or HTML.

use std::io::Read;
use std::ops::ControlFlow;

use concord_model::{ContentHash, InputFormat, IssueKind, Media};
use memchr::memmem;

use crate::buf::Buf;
use crate::read::Reader;
use crate::{Declared, IngestConfig, Issue, RawDoc, Record, charset, ingest_issue, text_document};

/// The longest WARC header accepted; longer means the record is broken.
const MAX_HEADER: usize = 64 << 10;

/// The marker resynchronisation looks for at the start of a line.
const RESYNC_MARKER: &[u8] = b"WARC/1.";

/// Bytes looked at past a block to check that the next record (or the end of input) follows.
const SEPARATOR_WINDOW: usize = 16;

/// Splits the WARC stream in `buf` into records.
pub(crate) fn split<R: Read>(reader: &mut Reader<'_>, buf: &mut Buf<'_, R>) -> ControlFlow<()> {
    let mut saw_content = false;
    loop {
        // Records are separated by CRLFs; be lenient about how many.
        loop {
            let avail = buf.available();
            let blank = avail
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
                .count();
            let all = blank == avail.len();
            buf.consume(blank);
            if !all {
                break;
            }
            match buf.fill() {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => return reader.io_issue(&err, reader.offset_source(buf.offset(), None)),
            }
        }
        if buf.available().is_empty() {
            break;
        }
        saw_content = true;
        let start = buf.offset();
        let header_len = match find_header(buf) {
            Ok(found) => found,
            Err(err) => return reader.io_issue(&err, reader.offset_source(start, None)),
        };
        let Some(header_len) = header_len else {
            let why = if buf.available().starts_with(b"WARC/") {
                "WARC header is not terminated by a blank line"
            } else {
                "no WARC/1.x header where a record should start"
            };
            if let ControlFlow::Break(flow) = broken(reader, buf, start, why, false) {
                return flow;
            }
            continue;
        };
        let header = match parse_header(&buf.available()[..header_len]) {
            Ok(header) => header,
            Err(why) => {
                buf.consume(header_len);
                if let ControlFlow::Break(flow) = broken(reader, buf, start, why, true) {
                    return flow;
                }
                continue;
            }
        };
        buf.consume(header_len);
        let is_doc = matches!(header.kind, Kind::Response | Kind::Resource);
        let limit = reader.max_doc_bytes() as u64;
        if header.length > limit {
            // A declared length is a claim: a block this long is not taken (a document would be
            // too large) and not skipped as declared either (an impossible length would swallow
            // every record after it). Reading resumes at the next `WARC/1.` line.
            let source = reader.offset_source(start, header.uri.clone());
            if is_doc {
                let message = format!(
                    "record declares {} bytes, over the limit of {limit} bytes; reading resumes at the next record",
                    header.length
                );
                reader.issue(IssueKind::TooLarge, source.clone(), message)?;
            }
            match resync(buf, false) {
                Ok(()) => continue,
                Err(err) => return reader.io_issue(&err, source),
            }
        }
        // At most the limit, a usize.
        let declared_length = usize::try_from(header.length).unwrap_or(usize::MAX);
        let length = block_length(buf, declared_length);
        if !is_doc {
            match buf.skip(length as u64) {
                Ok(_) => continue,
                Err(err) => return reader.io_issue(&err, reader.offset_source(start, header.uri)),
            }
        }
        let source = reader.offset_source(start, header.uri.clone());
        let mut block = Vec::with_capacity(length);
        match buf.take_into(length, &mut block) {
            Ok(n) if n < length || !record_follows(buf) => {
                // Truncated, or not followed by a record (a block too long for `block_length` to
                // check in the buffer): when a record starts inside the block, the block ends
                // there and the rest is read again as the records it holds.
                if let Some(end) = cut_before_inner_record(&block) {
                    buf.unread(&block[end.next..]);
                    block.truncate(end.block);
                } else if n < length {
                    let message = format!(
                        "record truncated: Content-Length is {length}, the input ends after {n} bytes"
                    );
                    return reader.issue(IssueKind::BrokenWarcRecord, source, message);
                }
            }
            Ok(_) => {}
            Err(err) => return reader.io_issue(&err, source),
        }
        let mut declared = Declared {
            warc_date: header.date,
            ..Declared::default()
        };
        // Some writers omit the WARC Content-Type of responses; the status line still shows HTTP.
        let http = header.http || (header.content_type.0.is_none() && block.starts_with(b"HTTP/"));
        if header.kind == Kind::Response && http {
            match parse_http(&block) {
                Ok(head) => {
                    declared.http_status = Some(head.status);
                    (declared.media_type, declared.http_charset) =
                        head.content_type.map_or((None, None), split_content_type);
                    declared.content_encoding = head.content_encoding;
                    declared.chunked = head.chunked;
                    block.drain(..head.len);
                }
                Err(why) => {
                    reader.issue(IssueKind::BrokenWarcRecord, source, why.to_owned())?;
                    continue;
                }
            }
        } else {
            (declared.media_type, declared.http_charset) = header.content_type;
        }
        if declared.media_type.is_none() {
            declared.media_type = header.identified_type;
        }
        reader.record(Record {
            source,
            format: InputFormat::Warc,
            bytes: block,
            declared,
        })?;
    }
    if !saw_content {
        return reader.issue(IssueKind::Empty, reader.file_source(), "file is empty");
    }
    ControlFlow::Continue(())
}

/// Reports a broken record starting at `start` and skips to the next `WARC/1.` line; `here` allows
/// that line to be the current position. `Break(flow)` means the file ends here and the splitter
/// returns `flow` (the stream failed, or the sink asked to stop).
fn broken<R: Read>(
    reader: &mut Reader<'_>,
    buf: &mut Buf<'_, R>,
    start: u64,
    why: &str,
    here: bool,
) -> ControlFlow<ControlFlow<()>> {
    let source = reader.offset_source(start, None);
    match resync(buf, here) {
        Ok(()) => {
            let skipped = buf.offset() - start;
            let message = format!("{why}; skipped {skipped} bytes to the next record");
            match reader.issue(IssueKind::BrokenWarcRecord, source, message) {
                ControlFlow::Continue(()) => ControlFlow::Continue(()),
                stop => ControlFlow::Break(stop),
            }
        }
        // The stream itself broke while skipping: that is the one issue for this stretch.
        Err(err) => ControlFlow::Break(reader.io_issue(&err, source)),
    }
}

/// The length of a block declared as `length` bytes: `length`, unless the bytes after it are not
/// blank lines then `WARC/` (or the end of input) while a `WARC/1.` line starts inside it. Then the
/// declared length is too long and would swallow the next record: the block ends before that line.
fn block_length<R: Read>(buf: &mut Buf<'_, R>, length: usize) -> usize {
    buf.peek(length.saturating_add(SEPARATOR_WINDOW));
    let avail = buf.available();
    // A block that does not fit in the buffer, or the end of input: nothing to check against.
    let Some(after) = avail.get(length..).filter(|after| !after.is_empty()) else {
        return length;
    };
    if separator_then_record(after) {
        return length;
    }
    cut_before_inner_record(&avail[..length]).map_or(length, |end| end.block)
}

/// Whether `after` (the bytes following a block) is blank lines then `WARC/`, or could still become
/// that (it ends first).
fn separator_then_record(after: &[u8]) -> bool {
    let blank = after
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
        .count();
    let next = &after[blank..];
    next.is_empty() || next.starts_with(b"WARC/") || b"WARC/".starts_with(next)
}

/// Whether the stream at `buf` goes on with a record after the block just taken (or ends).
fn record_follows<R: Read>(buf: &mut Buf<'_, R>) -> bool {
    buf.peek(SEPARATOR_WINDOW);
    separator_then_record(buf.available())
}

/// Where a block that holds the start of another record ends.
struct InnerRecord {
    /// The block's length, before the line breaks that precede the record.
    block: usize,
    /// Where the inner record's `WARC/1.` line starts.
    next: usize,
}

/// The first `WARC/1.` line inside `block`, if any.
fn cut_before_inner_record(block: &[u8]) -> Option<InnerRecord> {
    let at = memmem::find(block, b"\nWARC/1.")?;
    let before = &block[..at];
    let trailing = before
        .iter()
        .rev()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    Some(InnerRecord {
        block: before.len() - trailing,
        next: at + 1,
    })
}

/// Advances to the next line that starts with `WARC/1.` (or to the end of input).
fn resync<R: Read>(buf: &mut Buf<'_, R>, here: bool) -> std::io::Result<()> {
    if here {
        buf.ensure(RESYNC_MARKER.len())?;
        if buf.available().starts_with(RESYNC_MARKER) {
            return Ok(());
        }
    }
    let finder = memmem::Finder::new(b"\nWARC/1.");
    loop {
        let avail = buf.available();
        if let Some(at) = finder.find(avail) {
            buf.consume(at + 1);
            return Ok(());
        }
        if buf.at_eof() {
            let n = avail.len();
            buf.consume(n);
            return Ok(());
        }
        // Keep a marker's worth of bytes in case it straddles the refill.
        let keep = avail.len().min(RESYNC_MARKER.len());
        let n = avail.len() - keep;
        buf.consume(n);
        buf.fill()?;
    }
}

/// Finds the length of the WARC header at the start of `buf` (through the blank line), reading more
/// input as needed; `None` if the bytes there are not a WARC header or it does not end in time.
fn find_header<R: Read>(buf: &mut Buf<'_, R>) -> std::io::Result<Option<usize>> {
    buf.ensure(5)?;
    if !buf.available().starts_with(b"WARC/") {
        return Ok(None);
    }
    let mut searched = 0usize;
    loop {
        let avail = buf.available();
        let window = &avail[..avail.len().min(MAX_HEADER)];
        // Resume a little before the old end: the terminator may straddle it.
        if let Some(end) = header_end(window, searched.saturating_sub(3)) {
            return Ok(Some(end));
        }
        searched = window.len();
        if window.len() >= MAX_HEADER || buf.at_eof() {
            return Ok(None);
        }
        buf.fill()?;
    }
}

/// The index just past the blank line (`\r\n\r\n` or `\n\n`) that ends a header, searching from `from`.
fn header_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(nl) = memchr::memchr(b'\n', &bytes[at..]) {
        let after = at + nl + 1;
        match bytes.get(after) {
            Some(b'\n') => return Some(after + 1),
            Some(b'\r') if bytes.get(after + 1) == Some(&b'\n') => return Some(after + 2),
            _ => at = after,
        }
    }
    None
}

/// The WARC record types concord distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Response,
    Resource,
    Other,
}

/// The header fields concord uses.
#[derive(Debug)]
struct WarcHeader {
    kind: Kind,
    length: u64,
    uri: Option<String>,
    date: Option<String>,
    /// Whether `Content-Type` is `application/http` (the block starts with an HTTP header).
    http: bool,
    /// Media type and charset of `Content-Type` when it is not `application/http`.
    content_type: (Option<String>, Option<String>),
    /// Media type of `WARC-Identified-Payload-Type`.
    identified_type: Option<String>,
}

fn parse_header(header: &[u8]) -> Result<WarcHeader, &'static str> {
    let mut lines = header
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let version = lines.next().unwrap_or_default();
    if !version.starts_with(b"WARC/") {
        return Err("no WARC/1.x header where a record should start");
    }
    let mut kind = None;
    let mut length = None;
    let mut parsed = WarcHeader {
        kind: Kind::Other,
        length: 0,
        uri: None,
        date: None,
        http: false,
        content_type: (None, None),
        identified_type: None,
    };
    for line in lines {
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"WARC-Type") {
            kind = Some(if value.eq_ignore_ascii_case(b"response") {
                Kind::Response
            } else if value.eq_ignore_ascii_case(b"resource") {
                Kind::Resource
            } else {
                Kind::Other
            });
        } else if name.eq_ignore_ascii_case(b"Content-Length") {
            length = Some(parse_decimal(value).ok_or("Content-Length is not a number")?);
        } else if name.eq_ignore_ascii_case(b"WARC-Target-URI") {
            let value = value
                .strip_prefix(b"<")
                .and_then(|v| v.strip_suffix(b">"))
                .unwrap_or(value);
            // Kept exactly: invalid bytes are percent-encoded, not replaced.
            parsed.uri = Some(crate::escape::url(value));
        } else if name.eq_ignore_ascii_case(b"WARC-Date") {
            parsed.date = Some(String::from_utf8_lossy(value).into_owned());
        } else if name.eq_ignore_ascii_case(b"Content-Type") {
            parsed.http = value
                .get(..16)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"application/http"));
            if !parsed.http {
                parsed.content_type = split_content_type(value);
            }
        } else if name.eq_ignore_ascii_case(b"WARC-Identified-Payload-Type") {
            parsed.identified_type = split_content_type(value).0;
        }
    }
    parsed.length = length.ok_or("WARC header has no Content-Length")?;
    parsed.kind = kind.ok_or("WARC header has no WARC-Type")?;
    Ok(parsed)
}

fn parse_decimal(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')),
    )
}

/// What the HTTP response header of a `response` record says.
struct HttpHead<'a> {
    len: usize,
    status: u16,
    content_type: Option<&'a [u8]>,
    content_encoding: Option<String>,
    chunked: bool,
}

fn parse_http(block: &[u8]) -> Result<HttpHead<'_>, &'static str> {
    if !block.starts_with(b"HTTP/") {
        return Err("response record does not start with an HTTP status line");
    }
    let window = &block[..block.len().min(MAX_HEADER)];
    let Some(len) = header_end(window, 0) else {
        return Err("HTTP header is not terminated by a blank line");
    };
    let mut lines = block[..len]
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(|&b| b == b' ')
        .filter(|part| !part.is_empty())
        .nth(1)
        .and_then(parse_decimal)
        .and_then(|n| u16::try_from(n).ok())
        .ok_or("HTTP status line has no status code")?;
    let mut head = HttpHead {
        len,
        status,
        content_type: None,
        content_encoding: None,
        chunked: false,
    };
    for line in lines {
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"Content-Type") {
            head.content_type = Some(value);
        } else if name.eq_ignore_ascii_case(b"Content-Encoding") {
            head.content_encoding = Some(String::from_utf8_lossy(value).to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case(b"Transfer-Encoding") {
            head.chunked = value
                .to_ascii_lowercase()
                .windows(7)
                .any(|w| w == b"chunked");
        }
    }
    Ok(head)
}

/// Splits a `Content-Type` value into the lowercase media type and the charset label.
fn split_content_type(value: &[u8]) -> (Option<String>, Option<String>) {
    let media = value
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    let media = (!media.is_empty()).then(|| String::from_utf8_lossy(media).to_ascii_lowercase());
    let charset =
        charset::charset_in_content_type(value).map(|l| String::from_utf8_lossy(l).into_owned());
    (media, charset)
}

/// Turns a WARC record's payload into a document.
pub(crate) fn decode(config: &IngestConfig, record: Record) -> Result<RawDoc, Issue> {
    let content_hash = ContentHash::of(&record.bytes);
    let Record {
        source,
        bytes,
        declared,
        ..
    } = record;
    let media = match declared.media_type.as_deref() {
        None
        | Some("" | "application/octet-stream" | "unknown/unknown" | "application/unknown") => {
            sniff_media(&bytes)
        }
        Some(t) if t.contains("html") || t.ends_with("/xml") || t.ends_with("+xml") => Media::Html,
        Some(t) if t.starts_with("text/") => {
            if t == "text/plain" {
                Media::Text
            } else {
                sniff_media(&bytes)
            }
        }
        Some(other) => {
            let message = format!("payload is {other}, not HTML or text");
            return Err(ingest_issue(IssueKind::Binary, source, message));
        }
    };
    let mut payload = bytes;
    if declared.chunked {
        if let Some(joined) = dechunk(&payload) {
            payload = joined;
        }
    }
    match declared.content_encoding.as_deref() {
        Some("gzip" | "x-gzip") => {
            payload = inflate(
                flate2::read::MultiGzDecoder::new(&payload[..]),
                config,
                &source,
                payload.clone(),
            )?;
        }
        Some("deflate") => {
            payload = inflate(
                flate2::read::ZlibDecoder::new(&payload[..]),
                config,
                &source,
                payload.clone(),
            )?;
        }
        _ => {}
    }
    let published = declared.warc_date;
    let http_charset = declared.http_charset.as_deref();
    let mut doc = text_document(
        source,
        InputFormat::Warc,
        content_hash,
        payload,
        media,
        http_charset,
    )?;
    doc.published = published;
    if let Some(status) = declared.http_status {
        doc.metadata
            .insert("http_status".to_owned(), status.to_string());
    }
    Ok(doc)
}

/// HTML if the first non-blank byte opens a tag, text otherwise.
fn sniff_media(bytes: &[u8]) -> Media {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.trim_ascii_start().first() == Some(&b'<') {
        Media::Html
    } else {
        Media::Text
    }
}

/// Decompresses a content-encoded payload, keeping the raw bytes when they do not decompress.
fn inflate<R: Read>(
    decoder: R,
    config: &IngestConfig,
    source: &concord_model::SourceRef,
    raw: Vec<u8>,
) -> Result<Vec<u8>, Issue> {
    let mut out = Vec::new();
    let limit = config.max_doc_bytes as u64 + 1;
    match decoder.take(limit).read_to_end(&mut out) {
        Ok(n) if n as u64 >= limit => {
            let message = format!(
                "decompressed payload is over the limit of {} bytes",
                config.max_doc_bytes
            );
            Err(ingest_issue(IssueKind::TooLarge, source.clone(), message))
        }
        Ok(_) => Ok(out),
        Err(_) => Ok(raw),
    }
}

/// Undoes HTTP chunked transfer encoding; `None` if the bytes are not chunked after all.
fn dechunk(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        let nl = memchr::memchr(b'\n', rest)?;
        let line = rest[..nl].strip_suffix(b"\r").unwrap_or(&rest[..nl]);
        let size_hex = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        if size_hex.is_empty() || size_hex.len() > 12 {
            return None;
        }
        let size = usize::from_str_radix(std::str::from_utf8(size_hex).ok()?, 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        // A truncated last chunk keeps what there is.
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_ends() {
        assert_eq!(header_end(b"a\r\nb\r\n\r\nbody", 0), Some(8));
        assert_eq!(header_end(b"a\nb\n\nbody", 0), Some(5));
        assert_eq!(header_end(b"a\r\nb\r\n", 0), None);
    }

    #[test]
    fn http_heads() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=KOI8-R\r\nTransfer-Encoding: Chunked\r\n\r\nX";
        let head = parse_http(block).ok().unwrap();
        assert_eq!(
            (head.len, head.status, head.chunked),
            (block.len() - 1, 200, true)
        );
        assert_eq!(
            split_content_type(head.content_type.unwrap()),
            (Some("text/html".into()), Some("KOI8-R".into()))
        );
        assert!(parse_http(b"HTTP/1.1 OK\r\n\r\n").is_err());
        assert!(parse_http(b"<html>").is_err());
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
    }
}
