//! What reconcile keeps of one document's quotations: enough to align the same statement across
//! articles and languages, never the document.
//!
//! A [`QuoteDigest`] holds a quotation's place (its span and relative position in the text), its
//! text capped at [`MAX_QUOTE_TEXT`] bytes (for the output), who said it (a name key and the
//! speaker's span, which reconcile maps to an entity through the entity mentions), and
//! language-independent content anchors: name keys, figure values, cognate word keys and the
//! English meanings of its words inside the quote, and its length in characters. A document keeps at most [`MAX_QUOTES`], so the list is bounded
//! whatever the document's length.

use serde::{Deserialize, Serialize};

use crate::Span;

/// How many quotations a digest keeps (attributed ones first, then in text order).
pub const MAX_QUOTES: usize = 8;
/// The longest quotation text kept, in bytes (cut on a character boundary).
pub const MAX_QUOTE_TEXT: usize = 200;
/// How many name keys and how many figure values a quotation keeps (each, the first).
pub const MAX_QUOTE_ANCHORS: usize = 6;
/// How many word keys a quotation keeps (the first distinct).
pub const MAX_QUOTE_WORDS: usize = 16;
/// How many concept keys a quotation keeps (the first distinct).
pub const MAX_QUOTE_CONCEPTS: usize = 24;

/// One quotation of one document, as reconcile aligns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteDigest {
    /// The quoted words in the clean text (without the quote marks).
    pub span: Span,
    /// The quoted words, at most [`MAX_QUOTE_TEXT`] bytes.
    pub text: String,
    /// The speaker's name key (as `fold::name_key` gives it for a person), when found.
    pub speaker_key: Option<u32>,
    /// Where the speaker is named in the text, when found.
    pub speaker_span: Option<Span>,
    /// The quotation's length in characters (capped at `u16::MAX`).
    pub chars: u16,
    /// Where it starts in the text: 0 to 255 of the text's length.
    pub position: u8,
    /// Name keys of the names inside it, in text order, unique, at most [`MAX_QUOTE_ANCHORS`].
    pub names: Vec<u32>,
    /// Figure values inside it, in text order, unique, at most [`MAX_QUOTE_ANCHORS`].
    pub numbers: Vec<f32>,
    /// Keys of its long words that survive translation as cognates ("konsentrasi",
    /// "Konzentration", "concentration" share one): a 16-bit hash of the start of the word's
    /// transliterated consonant skeleton; first distinct, at most [`MAX_QUOTE_WORDS`].
    pub words: Vec<u16>,
    /// Keys of the English meanings of its content words (the bilingual lexicon's translations,
    /// up to three a word; an English word is its own), so that translations meet where cognates
    /// do not ("Grund", "ground"; "Waffe", "weapon"): 16-bit hashes of the pivot concepts,
    /// sorted, unique, at most [`MAX_QUOTE_CONCEPTS`].
    pub concepts: Vec<u16>,
    /// How many content words gave `concepts` (at most 255).
    pub concept_words: u8,
    /// Whether it is a fragment inside a sentence.
    pub partial: bool,
}
