//! `concord-normalize`: turns a [`RawDoc`] into a [`CleanDoc`]: the main text without site chrome,
//! the title, the publish date, the language, paragraphs and sentences.
//!
//! Work in progress: see the crate's issue. This stub keeps the workspace building.
#![deny(missing_docs)]

use concord_model::RawDoc;

/// Placeholder so the crate builds; replaced by the normalize implementation.
pub fn body_len(doc: &RawDoc) -> usize {
    doc.body.len()
}
