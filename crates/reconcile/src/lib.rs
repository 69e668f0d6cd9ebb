//! `concord-reconcile`: the barrier stage. It folds over every document's facts and finds what
//! only shows across documents: exact and near copies, translations, stories, and (part 2)
//! entities under all their names, claims, shared quotes and machine-translation damage.
//!
//! It is a fold, not a per-document function: [`Reconciler::push`] takes each document's facts
//! and keeps only a compact [`DocDigest`] of it (never the document), [`Reconciler::merge`] joins
//! two partial folds from two shards in either order, and [`Reconciler::finish`] gives the
//! [`Corpus`]. A fold merged from shards in any order gives the same corpus, byte for byte, as one
//! fold over everything: finish sorts the digests by document id before anything else, and every
//! later step is a function of that set.
//!
//! How it decides (details in each module):
//! - exact copies: identical clean text (XXH3 of the text, so two scrapes of one article with
//!   different site chrome meet);
//! - near copies: MinHash of word 3-shingles with LSH banding ([`minhash`]), estimated Jaccard at
//!   least [`ReconcileConfig::near_jaccard`];
//! - translations: documents in two languages whose names and numbers come in the same order, with
//!   the same paragraph shape ([`score::translation_score`]);
//! - stories: the story score ([`score::story_score`]: rare names, figures, dates, shared text)
//!   over candidate pairs from blocking (LSH bands, rare name keys), clustered so that no story's
//!   known publish dates span more than [`ReconcileConfig::story_days`];
//! - publish dates: inferred from a weekday-day-month phrase, decided by a year named in the text
//!   or by the story ([`dates`]).
//!
//! It does no I/O, spawns no threads and depends on no other stage.
#![deny(missing_docs)]

pub mod analysis;
pub mod blocking;
pub mod changes;
pub mod claims;
pub mod corrections;
pub mod dates;
pub mod digest;
pub mod entities;
pub mod explain;
pub mod fold;
mod fxhash;
pub mod minhash;
pub mod mt;
pub mod places;
pub mod quotes;
pub mod score;
pub mod similarity;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
#[cfg(test)]
mod tests;
mod topics;
mod unionfind;

use concord_model::{Corpus, DocDigest, DocFacts, DocId};

pub use explain::Explanation;

/// What reconcile does: its thresholds (set in `concord.toml`).
#[derive(Clone, Debug, PartialEq)]
pub struct ReconcileConfig {
    /// Estimated Jaccard of word 3-shingles from which two texts are near copies.
    pub near_jaccard: f32,
    /// Translation score from which two documents in different languages are one article.
    pub translation_min: f32,
    /// Story score from which two documents report one event.
    pub story_min: f32,
    /// The most days a story's known publish dates may span (and two members' dates differ).
    pub story_days: i32,
    /// First year a publish date may be inferred in.
    pub first_year: i32,
    /// Last year a publish date may be inferred in.
    pub last_year: i32,
    /// Blocking lists (LSH buckets, documents sharing a name) up to this length give all their
    /// pairs; longer ones give each document with its neighbours only.
    pub block_max: u32,
    /// How many neighbours (in publish-date order) a document is paired with in a long name list.
    pub block_window: u32,
    /// Whether digests carry the shared similarity profile. It costs most of the time per document
    /// and decides nothing (stories use [`score::story_score`]), so it is off by default; `explain`
    /// shows the shared score when it is on.
    pub profiles: bool,
    /// An analyst's corrections, applied after every decision ([`corrections`]).
    pub corrections: corrections::Corrections,
}

impl ReconcileConfig {
    /// The recommended settings.
    pub fn recommended() -> ReconcileConfig {
        ReconcileConfig {
            near_jaccard: 0.5,
            translation_min: 0.55,
            story_min: 0.42,
            story_days: 14,
            first_year: 1990,
            last_year: 2030,
            block_max: 64,
            block_window: 8,
            profiles: false,
            corrections: corrections::Corrections::default(),
        }
    }
}

impl Default for ReconcileConfig {
    fn default() -> ReconcileConfig {
        ReconcileConfig::recommended()
    }
}

/// The fold over a corpus: the digests seen so far.
#[derive(Clone, Debug)]
pub struct Reconciler {
    config: ReconcileConfig,
    digests: Vec<DocDigest>,
}

impl Reconciler {
    /// An empty fold.
    pub fn new(config: &ReconcileConfig) -> Reconciler {
        Reconciler {
            config: config.clone(),
            digests: Vec::new(),
        }
    }

    /// Folds one document in, keeping only its digest.
    pub fn push(&mut self, facts: &DocFacts) {
        self.digests
            .push(digest::digest(facts, self.config.profiles));
    }

    /// Folds in a digest built elsewhere (with [`digest::digest`], for example in a worker pool;
    /// pass [`ReconcileConfig::profiles`]).
    pub fn push_digest(&mut self, digest: DocDigest) {
        self.digests.push(digest);
    }

    /// Joins another partial fold (from another shard); the order of merging does not matter.
    pub fn merge(mut self, other: Reconciler) -> Reconciler {
        self.digests.extend(other.digests);
        self
    }

    /// The digests held, in arrival order (to write a partial fold to an intermediate file).
    pub fn digests(&self) -> &[DocDigest] {
        &self.digests
    }

    /// How many documents the fold holds.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether the fold holds no document.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Why two documents of the fold were or were not joined; `None` when either is not in it.
    pub fn explain(&self, a: DocId, b: DocId) -> Option<Explanation> {
        let analysis = analysis::analyse(&self.config, self.digests.clone());
        explain::explain(&analysis, a, b)
    }

    /// The corpus-level results.
    pub fn finish(self) -> Corpus {
        analysis::analyse(&self.config, self.digests).corpus()
    }

    /// [`Reconciler::finish`] with the candidate pairs found where the blocking keys are (the
    /// processes of a cluster run, [`blocking`]) instead of here: the same pairs give the same
    /// corpus.
    pub fn finish_blocked(self, pairs: &[blocking::Pair<DocId>]) -> Corpus {
        analysis::analyse_blocked(&self.config, self.digests, pairs).corpus()
    }
}
