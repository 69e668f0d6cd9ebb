//! `concord-ingest`: turns files, folders and stdin into decoded [`RawDoc`]s.
//!
//! Ingest works in two steps so that the pipeline can parallelise the expensive one:
//! [`read_inputs`] walks the inputs in a fixed order and splits them into undecoded [`Record`]s
//! (sequential, streaming, the only I/O), and [`decode`] turns one record into a [`RawDoc`]
//! (pure, per record, safe to run on many threads).
//!
//! Bad input never panics and never stops a run: every problem becomes an [`Issue`] that takes the
//! place of the record it concerns. This crate does not clean text, detect languages or spawn threads.
#![deny(missing_docs)]

use std::ops::ControlFlow;
use std::path::PathBuf;

use concord_model::{InputFormat, Issue, Item, RawDoc, SourceRef};

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
#[derive(Clone, Debug, Default)]
pub struct Declared {
    /// Charset named by an HTTP `Content-Type` header (WARC).
    pub http_charset: Option<String>,
    /// `WARC-Date`.
    pub warc_date: Option<String>,
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

/// Sums the sizes of the files under `inputs` (for progress display); unreadable entries count 0.
pub fn total_input_bytes(inputs: &[PathBuf]) -> u64 {
    let _ = inputs;
    0
}

/// Reads `inputs` (files, folders walked recursively in sorted order, `-` for stdin) and passes
/// every record, or the issue that replaces it, to `sink` in input order.
pub fn read_inputs(
    config: &IngestConfig,
    inputs: &[PathBuf],
    sink: &mut dyn RecordSink,
) -> Result<ReadStats, Error> {
    let _ = (config, inputs, sink);
    Ok(ReadStats::default())
}

/// Decodes one record into a document: charset detection, JSONL fields, HTTP payload.
pub fn decode(config: &IngestConfig, record: Record) -> Result<RawDoc, Issue> {
    let _ = (config, record);
    unreachable!("stub replaced by the ingest implementation")
}
