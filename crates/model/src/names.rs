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
pub const MAX_NAMES_PER_DOC: usize = 64;
/// Most spans kept per name (the earliest).
pub const MAX_SPANS_PER_NAME: usize = 40;
/// Longest name kept, in bytes (longer mentions are tagger run-ons, not names).
pub const MAX_NAME_BYTES: usize = 96;

/// One distinct name of one document: how it is written, its base form, type and occurrences.
///
/// Every occurrence is the surface's exact bytes, so an occurrence is its start alone; starts are
/// stored as gaps from the previous one (small numbers, one to three bytes each in the codec).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionDigest {
    /// The text as written ("Putina", "Путіна", "Vlаdimir"), the exact bytes of every span.
    pub surface: String,
    /// How many bytes of the surface begin the base form (extract's dictionary form: "Putina"
    /// gives "Putin", 5 bytes, and no tail).
    pub base_keep: u8,
    /// What follows them in the base form ("Путіна" → "Путін": keep 10 bytes, tail empty;
    /// "Kulebą" → "Kuleba": keep 5, tail "a").
    pub base_tail: String,
    /// The type extract gave it.
    pub kind: EntityType,
    /// The first span's start, then each next start minus the one before (text order).
    pub gaps: Vec<u32>,
}

impl MentionDigest {
    /// A digest of the name `surface` with base form `base` occurring at `starts` (ascending
    /// byte offsets).
    pub fn new(
        surface: String,
        base: &str,
        kind: EntityType,
        starts: impl IntoIterator<Item = u32>,
    ) -> MentionDigest {
        // The longest common prefix on a character boundary, at most 255 bytes.
        let mut keep = 0;
        for ((i, a), b) in surface.char_indices().zip(base.chars()) {
            if a != b || i + a.len_utf8() > usize::from(u8::MAX) {
                break;
            }
            keep = i + a.len_utf8();
        }
        let base_tail = base.get(keep..).unwrap_or_default().to_owned();
        let mut last = 0;
        let gaps = starts
            .into_iter()
            .map(|s| {
                let gap = s.saturating_sub(last);
                last = s;
                gap
            })
            .collect();
        MentionDigest {
            surface,
            base_keep: keep as u8,
            base_tail,
            kind,
            gaps,
        }
    }

    /// The base form.
    pub fn base_form(&self) -> String {
        let keep = self
            .surface
            .get(..usize::from(self.base_keep))
            .unwrap_or(&self.surface);
        let mut out = String::with_capacity(keep.len() + self.base_tail.len());
        out.push_str(keep);
        out.push_str(&self.base_tail);
        out
    }

    /// The spans of the occurrences, in text order.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let len = self.surface.len() as u32;
        self.gaps.iter().scan(0u32, move |at, &gap| {
            *at = at.saturating_add(gap);
            Some(Span {
                start: *at,
                end: at.saturating_add(len),
            })
        })
    }
}
