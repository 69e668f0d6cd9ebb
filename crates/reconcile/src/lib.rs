//! `concord-reconcile`: the barrier stage. It folds over every document's facts and finds what
//! only shows across documents: exact and near copies, translations, stories, and (part 2)
//! entities under all their names, claims, shared quotes and machine-translation damage.
//!
//! It is a fold, not a per-document function: [`Reconciler::push`] takes each document's facts
//! and keeps only a compact digest of it (never the document), [`Reconciler::merge`] joins two
//! partial folds from two shards in either order, and [`Reconciler::finish`] gives the
//! [`Corpus`]. A fold merged from shards in any order gives the same corpus, byte for byte, as one
//! fold over everything.
//!
//! It does no I/O, spawns no threads and depends on no other stage.
#![deny(missing_docs)]

pub mod entities;

use concord_model::{Corpus, DocFacts};

/// What reconcile does: its thresholds (set in `concord.toml`).
#[derive(Clone, Debug)]
pub struct ReconcileConfig {}

impl ReconcileConfig {
    /// The recommended settings.
    pub fn recommended() -> ReconcileConfig {
        ReconcileConfig {}
    }
}

/// The fold over a corpus.
#[derive(Clone, Debug)]
pub struct Reconciler {
    config: ReconcileConfig,
}

impl Reconciler {
    /// An empty fold.
    pub fn new(config: &ReconcileConfig) -> Reconciler {
        Reconciler {
            config: config.clone(),
        }
    }

    /// Folds one document in, keeping only its digest.
    pub fn push(&mut self, facts: &DocFacts) {
        let _ = facts;
    }

    /// Joins another partial fold (from another shard); the order of merging does not matter.
    pub fn merge(self, other: Reconciler) -> Reconciler {
        let _ = other;
        self
    }

    /// The corpus-level results.
    pub fn finish(self) -> Corpus {
        let _ = self.config;
        Corpus::default()
    }
}
