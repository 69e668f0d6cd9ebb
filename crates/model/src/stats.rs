//! What a run did, in numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{CopyKind, Corpus, Repairs};

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
    /// Documents the store of an incremental run held when the run began (0 without a store).
    #[serde(default)]
    pub stored_before: u64,
    /// Records of this run whose document the store already held: not processed again.
    #[serde(default)]
    pub skipped: u64,
    /// Quarantined records by issue kind.
    pub issues_by_kind: BTreeMap<String, u64>,
    /// Malformed byte sequences replaced while decoding, over all documents.
    pub replaced_bytes: u64,
    /// Text repairs made while cleaning, over all documents.
    pub repairs: Repairs,
    /// What reconcile found.
    pub corpus: CorpusCounts,
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

/// How many of each corpus-level result a run found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusCounts {
    /// Stories.
    pub stories: u64,
    /// Copy groups by kind (`exact`, `near`, `translation`).
    pub copy_groups: BTreeMap<String, u64>,
    /// Entities.
    pub entities: u64,
    /// Claims.
    pub claims: u64,
    /// Shared quotes.
    pub quotes: u64,
    /// Suspected machine-translation errors.
    pub mt_damage: u64,
}

impl CorpusCounts {
    /// Counts the results of `corpus`.
    pub fn of(corpus: &Corpus) -> CorpusCounts {
        let mut copy_groups = BTreeMap::new();
        for kind in [CopyKind::Exact, CopyKind::Near, CopyKind::Translation] {
            copy_groups.insert(kind.as_str().to_owned(), 0);
        }
        for group in &corpus.copies {
            *copy_groups
                .entry(group.kind.as_str().to_owned())
                .or_default() += 1;
        }
        CorpusCounts {
            stories: corpus.stories.len() as u64,
            copy_groups,
            entities: corpus.entities.len() as u64,
            claims: corpus.claims.len() as u64,
            quotes: corpus.quotes.len() as u64,
            mt_damage: corpus.mt_damage.len() as u64,
        }
    }
}
