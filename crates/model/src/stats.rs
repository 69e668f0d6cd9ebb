//! What a run did, in numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Repairs;

/// Counters of one stage over a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageStats {
    /// Stage name.
    pub name: String,
    /// Documents that entered the stage.
    pub received: u64,
    /// Documents that left it.
    pub emitted: u64,
    /// Documents it quarantined.
    pub quarantined: u64,
    /// Wall time spent working on batches, in seconds (all threads together count once).
    pub busy_seconds: f64,
}

/// The account of a run, written as `manifest.json`.
///
/// `records_in == documents_out + quarantined` always holds; the pipeline checks it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// concord's version.
    pub concord_version: String,
    /// [`crate::SCHEMA_VERSION`] of the messages.
    pub schema_version: u16,
    /// Worker threads used.
    pub threads: usize,
    /// The inputs as named on the command line.
    pub inputs: Vec<String>,
    /// Files opened (including stdin).
    pub files_seen: u64,
    /// Bytes read from input files (compressed size for gzip).
    pub bytes_in: u64,
    /// Records found in the input (files, JSONL lines, WARC records), good or bad.
    pub records_in: u64,
    /// Documents written to `docs.jsonl`.
    pub documents_out: u64,
    /// Records written to `quarantine.jsonl`.
    pub quarantined: u64,
    /// Quarantined records by issue kind.
    pub issues_by_kind: BTreeMap<String, u64>,
    /// Malformed byte sequences replaced while decoding, over all documents.
    pub replaced_bytes: u64,
    /// Text repairs made while cleaning, over all documents.
    pub repairs: Repairs,
    /// Per-stage counters, in pipeline order.
    pub stages: Vec<StageStats>,
    /// Per detected language that extract does not fully cover, what it lacks ("number words",
    /// "quote cues", ...; see `concord_lang::coverage`): facts in such documents are found with
    /// fallbacks, not the language's own words.
    #[serde(default)]
    pub language_gaps: BTreeMap<String, Vec<String>>,
    /// Wall time of the run in seconds.
    pub wall_seconds: f64,
}
