//! The compact per-document summary of entity mentions that reconcile keeps between `push` and
//! `finish`.
//!
//! Reconcile never keeps documents, only digests. For entities a document is reduced to its
//! distinct names: each written form (as in the text, plus extract's base form when it differs)
//! with its type and the byte spans where it occurs. A document that says "Putin" twelve times
//! keeps the word once and twelve spans. The list is bounded ([`MAX_NAMES_PER_DOC`] names of at
//! most [`MAX_NAME_BYTES`] bytes, [`MAX_SPANS_PER_NAME`] spans each), so the state stays a few
//! hundred bytes per document on average whatever the document's length.

use serde::{Deserialize, Serialize};

use crate::{EntityType, Span};

/// Most distinct names kept per document (the most frequent, then the earliest).
pub const MAX_NAMES_PER_DOC: usize = 48;
/// Most spans kept per name (the earliest).
pub const MAX_SPANS_PER_NAME: usize = 24;
/// Longest name kept, in bytes (longer mentions are tagger run-ons, not names).
pub const MAX_NAME_BYTES: usize = 96;

/// One distinct name of one document: how it is written, its base form, type and occurrences.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionDigest {
    /// The text as written ("Putina", "Путіна", "Vlаdimir").
    pub surface: String,
    /// Extract's base form when it differs from the surface ("Putin"), else empty.
    pub base: String,
    /// The type extract gave it.
    pub kind: EntityType,
    /// Where it occurs in the document's clean text, in text order.
    pub spans: Vec<Span>,
}

impl MentionDigest {
    /// The base form: [`MentionDigest::base`], or the surface when they are the same.
    pub fn base_form(&self) -> &str {
        if self.base.is_empty() {
            &self.surface
        } else {
            &self.base
        }
    }
}
