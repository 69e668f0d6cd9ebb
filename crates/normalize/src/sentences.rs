//! Sentence segmentation.
//!
//! Stub: replaced by the segmenter.

use concord_model::Span;

/// Splits `text` (in language `lang`, ISO 639-1 or `und`) into sentence spans relative to `text`.
pub fn split(text: &str, lang: &str) -> Vec<Span> {
    let _ = lang;
    if text.trim().is_empty() {
        Vec::new()
    } else {
        vec![Span::new(0, text.len())]
    }
}
