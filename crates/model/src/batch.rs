//! The unit that moves between stages.

use serde::{Deserialize, Serialize};

use crate::Issue;

/// One record on its way through the pipeline: a document, or the issue that quarantined it.
///
/// Quarantined records keep their place in the stream, so outputs stay in input order and every input
/// record is accounted for exactly once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item<T> {
    /// A document still in the pipeline.
    Doc(T),
    /// A record that left the pipeline, with the reason.
    Quarantined(Issue),
}

impl<T> Item<T> {
    /// Applies a per-document stage, passing quarantined records through untouched.
    pub fn and_then<U>(self, stage: impl FnOnce(T) -> Result<U, Issue>) -> Item<U> {
        match self {
            Item::Doc(doc) => match stage(doc) {
                Ok(out) => Item::Doc(out),
                Err(issue) => Item::Quarantined(issue),
            },
            Item::Quarantined(issue) => Item::Quarantined(issue),
        }
    }
}

/// A run of consecutive items with its sequence number in the stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch<T> {
    /// Position of this batch in the stream, from 0.
    pub seq: u64,
    /// The items, in input order.
    pub items: Vec<Item<T>>,
}

impl<T> Batch<T> {
    /// Number of documents (not quarantined records) in the batch.
    pub fn n_docs(&self) -> usize {
        self.items
            .iter()
            .filter(|item| matches!(item, Item::Doc(_)))
            .count()
    }

    /// The documents of the batch, in order (quarantined records left out).
    pub fn docs(&self) -> impl Iterator<Item = &T> {
        self.items.iter().filter_map(|item| match item {
            Item::Doc(doc) => Some(doc),
            Item::Quarantined(_) => None,
        })
    }
}
