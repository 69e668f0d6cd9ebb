//! What reconcile keeps of one document to find machine-translation damage across a translation
//! pair or a story: the figures as written (span, text, value) and the lowercase words right next
//! to names ("Antony berkedip", "der geboren Jens Stoltemberg"), where a translated name or a lost
//! magnitude word shows. Every list is capped and every kept text is short, so the digest stays a
//! few hundred bytes per document.

use serde::{Deserialize, Serialize};

use crate::Span;

/// How many figures an [`MtDigest`] keeps (the first in text order).
pub const MAX_MT_FIGURES: usize = 10;
/// How many name-side words an [`MtDigest`] keeps (the first in text order).
pub const MAX_MT_WORDS: usize = 32;
/// Longest figure text kept, in bytes (longer figures are left out).
pub const MAX_MT_FIGURE_TEXT: usize = 40;
/// Longest name-side word kept, in bytes.
pub const MAX_MT_WORD: usize = 24;

/// A figure as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MtFigure {
    /// The figure expression in the clean text.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Its value (lower end of a range).
    pub value: f64,
}

/// A lowercase word right before or after a name: where a name translated as a common word shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSide {
    /// The name (the capitalised words of the mention) in the clean text; its text is the
    /// start of the mention's surface (see the digest's `mentions`).
    pub name: Span,
    /// The word.
    pub word: Span,
    /// The word as written.
    pub text: String,
    /// Whether the word follows the name (else it precedes it).
    pub after: bool,
    /// The name as written when no mention holds it: a capitalised word the tagger left out
    /// ("Sandile fiume", where the surname became a common word); `None` for a mention's name.
    pub untagged: Option<String>,
}

/// The machine-translation digest of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MtDigest {
    /// Integral figures written with digits, first in text order, at most [`MAX_MT_FIGURES`].
    pub figures: Vec<MtFigure>,
    /// Words next to names, in text order, at most [`MAX_MT_WORDS`]: after the first occurrence of
    /// each short name followed by a lowercase word, before the first occurrence of each
    /// several-word person name preceded by one; then, as room allows, after the first occurrence
    /// of each capitalised word that no mention holds and the lexicon does not know.
    pub sides: Vec<NameSide>,
}
