//! Helpers shared by the ingest integration tests: building WARC and gzip inputs, and describing what
//! ingest made of an input in one line per record, so that tests compare plain strings.
#![allow(dead_code)]

use std::io::Write;

use concord_ingest::{IngestConfig, Record, decode, read_stream};
use concord_model::{Item, RawDoc, SourceRef};

/// One WARC record with the given type, target URI, content type and block.
pub fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A WARC `response` record with an HTTP header carrying `http_content_type`.
pub fn warc_response(uri: &str, http_content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {http_content_type}\r\nServer: test\r\n\r\n")
            .into_bytes();
    block.extend_from_slice(body);
    warc_record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

/// Gzips `bytes` as one member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Gzips each part as its own member and concatenates them, as Common Crawl writes WARC files.
pub fn gzip_members(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.iter().flat_map(|part| gzip(part)).collect()
}

/// `path[:line][@offset]`.
pub fn location(source: &SourceRef) -> String {
    source.to_string()
}

/// One line per record: `doc LOCATION [url] FORMAT/MEDIA ENCODING/FROM[/replaced]: BODY` (body cut
/// to 40 characters), or `issue LOCATION KIND`.
pub fn describe_doc(doc: &RawDoc) -> String {
    let body: String = doc.body.chars().take(40).collect();
    let url = doc
        .source
        .url
        .as_deref()
        .map(|u| format!(" <{u}>"))
        .unwrap_or_default();
    let replaced = if doc.decoding.replaced > 0 {
        format!("/{}", doc.decoding.replaced)
    } else {
        String::new()
    };
    format!(
        "doc {}{url} {}/{} {}/{}{replaced}: {body}",
        location(&doc.source),
        doc.format.as_str(),
        doc.media.as_str(),
        doc.decoding.encoding,
        doc.decoding.from,
    )
}

/// Runs `read_stream` and `decode` over `bytes` named `name`; returns one description per item.
pub fn ingest(name: &str, bytes: &[u8], max_doc_bytes: usize) -> Vec<String> {
    let config = IngestConfig { max_doc_bytes };
    let mut items: Vec<Item<Record>> = Vec::new();
    let stats = read_stream(&config, name, &mut &bytes[..], &mut items);
    assert_eq!(stats.records, items.len() as u64);
    assert!(stats.bytes <= bytes.len() as u64);
    items
        .into_iter()
        .map(|item| describe(&config, item))
        .collect()
}

/// Decodes one item and describes the result.
pub fn describe(config: &IngestConfig, item: Item<Record>) -> String {
    match item.and_then(|record| decode(config, record)) {
        Item::Doc(doc) => describe_doc(&doc),
        Item::Quarantined(issue) => format!("issue {} {}", location(&issue.source), issue.kind),
    }
}
