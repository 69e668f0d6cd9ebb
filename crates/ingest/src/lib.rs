//! `concord-ingest`: turns files, folders and stdin into decoded [`RawDoc`]s.
//!
//! Ingest works in two steps so that the pipeline can parallelise the expensive one:
//! [`read_inputs`] walks the inputs in a fixed order and splits them into undecoded [`Record`]s
//! (sequential, streaming, the only I/O), and [`decode`] turns one record into a [`RawDoc`]
//! (pure, per record, safe to run on many threads).
//!
//! Bad input never panics and never stops a run: every problem becomes an [`Issue`] that takes the
//! place of the record it concerns. This crate does not clean text, detect languages or spawn threads.
//!
//! Formats: plain text (`.txt`), HTML (`.html`, `.htm`), JSON Lines (`.jsonl`, `.ndjson`), WARC
//! (`.warc`), each optionally gzip-compressed (`.gz`; gzip is recognised by its magic number whatever
//! the name). Other names and stdin are sniffed (see `sniff`). Memory is bounded by the record size
//! limit plus a fixed buffer per open stream, never by file size.
#![deny(missing_docs)]
// The stage signature `fn(&Config, Input) -> Result<Output, Issue>` is the design contract; issues
// are the rare path, so their size does not matter.
#![allow(clippy::result_large_err)]

mod buf;
mod charset;
mod escape;
mod jsonl;
mod read;
mod sniff;
mod warc;

use std::io::Read;
use std::ops::ControlFlow;
use std::path::PathBuf;

use concord_model::{
    ContentHash, DocId, InputFormat, Issue, IssueKind, Item, Media, RawDoc, SourceRef, Stage,
};

/// What ingest does with its input.
#[derive(Clone, Debug)]
pub struct IngestConfig {
    /// Records larger than this many bytes (after decompression) are quarantined as too large.
    pub max_doc_bytes: usize,
}

impl IngestConfig {
    /// The default record size limit: 8 MiB.
    pub const DEFAULT_MAX_DOC_BYTES: usize = 8 << 20;
}

/// Facts a container declares about a record, before decoding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declared {
    /// Charset named by an HTTP `Content-Type` header (WARC), or by a WARC `resource` record's
    /// `Content-Type`.
    pub http_charset: Option<String>,
    /// `WARC-Date`.
    pub warc_date: Option<String>,
    /// The lowercase media type (`text/html`) from the HTTP or WARC `Content-Type`, or else from
    /// `WARC-Identified-Payload-Type`.
    pub media_type: Option<String>,
    /// The HTTP `Content-Encoding` (lowercase), when the payload is still compressed.
    pub content_encoding: Option<String>,
    /// Whether the HTTP payload still has chunked transfer encoding.
    pub chunked: bool,
    /// The HTTP status code of a WARC `response` record.
    pub http_status: Option<u16>,
}

/// One input record, split out of its container but not yet decoded.
#[derive(Clone, Debug)]
pub struct Record {
    /// Where it is.
    pub source: SourceRef,
    /// The container it came from.
    pub format: InputFormat,
    /// Its bytes (for WARC: the HTTP payload without headers; for JSONL: the line).
    pub bytes: Vec<u8>,
    /// What the container said about it.
    pub declared: Declared,
}

/// Receives records in input order, and progress as input bytes are consumed.
pub trait RecordSink {
    /// Takes the next record or the issue that replaces it; `Break` stops reading.
    fn record(&mut self, item: Item<Record>) -> ControlFlow<()>;
    /// Called from time to time with the number of input bytes read so far (compressed size).
    fn progress(&mut self, _bytes_read: u64) {}
    /// Called when a file that [`total_input_bytes`] did not count (one found below the top level
    /// of a named folder) is opened, with its size on disk, so that a progress display that
    /// started from that total can grow it. The sizes announced plus that total are the sizes of
    /// every file read.
    fn file(&mut self, _size: u64) {}
}

/// Collects every item in a vector (for tests and small inputs).
impl RecordSink for Vec<Item<Record>> {
    fn record(&mut self, item: Item<Record>) -> ControlFlow<()> {
        self.push(item);
        ControlFlow::Continue(())
    }
}

/// Totals of a [`read_inputs`] call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Files opened, stdin included.
    pub files: u64,
    /// Bytes read from the files (before decompression).
    pub bytes: u64,
    /// Records and issues passed to the sink.
    pub records: u64,
}

/// A failure that stops reading altogether (a named input that does not exist).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input named by the user does not exist.
    #[error("input not found: {}", .0.display())]
    NotFound(PathBuf),
}

/// A first total for a progress display, found without walking: the size of each named file plus
/// the sizes of the regular files directly inside each named folder (no dot-files); stdin and
/// unreadable entries count 0. Files deeper in folders are announced to the sink as they are opened
/// ([`RecordSink::file`]), so a display adds those sizes to its total as the read goes on. Never
/// walks a tree, so it is cheap and safe on symlink cycles.
pub fn total_input_bytes(inputs: &[PathBuf]) -> u64 {
    inputs.iter().map(|input| read::input_bytes(input)).sum()
}

/// Checks that every input exists (`-`, stdin, always does), so a caller can refuse a mistyped
/// path before it touches any output. Only a missing path is fatal; permission problems are issues
/// reported while reading.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<(), Error> {
    for input in inputs {
        if input.as_os_str() != "-"
            && std::fs::metadata(input).is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound)
        {
            return Err(Error::NotFound(input.clone()));
        }
    }
    Ok(())
}

/// Reads `inputs` (files, folders walked recursively in sorted order, `-` for stdin) and passes
/// every record, or the issue that replaces it, to `sink` in input order.
///
/// Every input is checked before anything is read, so a mistyped path fails the call at once
/// ([`Error::NotFound`]) instead of after a long partial run. Everything else that goes wrong (a
/// file that cannot be opened, a corrupt stream) is an [`Issue`] passed to the sink.
pub fn read_inputs(
    config: &IngestConfig,
    inputs: &[PathBuf],
    sink: &mut dyn RecordSink,
) -> Result<ReadStats, Error> {
    check_inputs(inputs)?;
    let mut reader = read::Reader::new(config, sink);
    for input in inputs {
        if reader.input(input).is_break() {
            break;
        }
    }
    Ok(reader.stats)
}

/// Reads one stream as if it were a file called `name`: the name gives the format (and is the path
/// in every [`SourceRef`]); `-` or an unknown extension makes ingest sniff the content. Used for
/// input that does not come from the file system (tests, fuzzing, network streams).
pub fn read_stream(
    config: &IngestConfig,
    name: &str,
    input: &mut dyn Read,
    sink: &mut dyn RecordSink,
) -> ReadStats {
    let mut reader = read::Reader::new(config, sink);
    let _ = reader.stream(name, Box::new(input));
    reader.stats
}

/// Decodes one record into a document: charset detection, JSONL fields, HTTP payload.
///
/// Pure and deterministic; a record that cannot become a document comes back as the [`Issue`]
/// (stage `Ingest`) that replaces it.
pub fn decode(config: &IngestConfig, record: Record) -> Result<RawDoc, Issue> {
    if record.bytes.len() > config.max_doc_bytes {
        let message = format!("record is over the limit of {} bytes", config.max_doc_bytes);
        return Err(ingest_issue(IssueKind::TooLarge, record.source, message));
    }
    match record.format {
        InputFormat::Jsonl => jsonl::decode(record),
        InputFormat::Warc => warc::decode(config, record),
        InputFormat::Text | InputFormat::Html => {
            let media = if record.format == InputFormat::Html {
                Media::Html
            } else {
                Media::Text
            };
            let content_hash = ContentHash::of(&record.bytes);
            let http_charset = record.declared.http_charset.as_deref();
            text_document(
                record.source.clone(),
                record.format,
                content_hash,
                record.bytes,
                media,
                http_charset,
            )
        }
    }
}

/// An ingest issue about a record without a document id.
pub(crate) fn ingest_issue(
    kind: IssueKind,
    source: SourceRef,
    message: impl Into<String>,
) -> Issue {
    Issue::new(Stage::Ingest, kind, source, message)
}

/// Turns the bytes of a text or HTML body into a document (no title, date or metadata yet).
pub(crate) fn text_document(
    source: SourceRef,
    format: InputFormat,
    content_hash: ContentHash,
    bytes: Vec<u8>,
    media: Media,
    http_charset: Option<&str>,
) -> Result<RawDoc, Issue> {
    if bytes.trim_ascii().is_empty() {
        return Err(ingest_issue(IssueKind::Empty, source, "no content"));
    }
    if let Some(what) = sniff::binary_magic(&bytes) {
        return Err(ingest_issue(
            IssueKind::Binary,
            source,
            format!("binary content ({what})"),
        ));
    }
    let hints = charset::Hints {
        http_charset,
        html: media == Media::Html,
        url: source.url.as_deref(),
    };
    let (body, decoding) = match charset::to_text(bytes, &hints) {
        Ok(decoded) => decoded,
        Err(charset::NotText::Nul) => {
            return Err(ingest_issue(
                IssueKind::Binary,
                source,
                "binary content (NUL bytes)",
            ));
        }
    };
    if body.trim().is_empty() {
        return Err(ingest_issue(
            IssueKind::Empty,
            source,
            "no content once decoded",
        ));
    }
    Ok(RawDoc {
        id: DocId::new(&source, content_hash),
        content_hash,
        source,
        format,
        media,
        body,
        decoding,
        title: None,
        published: None,
        lang: None,
        site: None,
        metadata: Default::default(),
    })
}
