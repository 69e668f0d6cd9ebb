//! The compact per-document profile that reconcile compares documents by.
//!
//! A [`Profile`] is what reconcile keeps of a document to tell whether two documents report the
//! same story or are translations of each other: a bounded set of language-independent anchors
//! (pivot concepts of the content words, name keys, figure values, resolved dates) plus the raw
//! stems for documents in the same language. Every list is bounded by a constant below and sorted
//! by key, so a profile is a few hundred bytes whatever the document's length, and two profiles are
//! compared by merging sorted lists. Keys are 32-bit hashes; their meaning (which word or name they
//! stand for) is not kept, the evidence of a match points back into the documents instead.
//!
//! Building a profile (which needs the text, the facts and the bilingual lexicon) and comparing two
//! profiles are reconcile's job; this module only defines the message.

use serde::{Deserialize, Serialize};

/// How many pivot concepts a profile keeps (the highest weighted).
pub const MAX_CONCEPTS: usize = 64;
/// How many same-language stems a profile keeps (the highest weighted).
pub const MAX_STEMS: usize = 48;
/// How many name keys a profile keeps (the most mentioned).
pub const MAX_NAMES: usize = 32;
/// How many figure values a profile keeps (the first in text order).
pub const MAX_NUMBERS: usize = 16;
/// How many content words of the headline and lead a profile keeps as [`Profile::lead`].
pub const MAX_LEAD: usize = 24;
/// How many resolved dates a profile keeps (the first in text order).
pub const MAX_DATES: usize = 12;

/// A hashed feature with a quantised weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Weighted {
    /// The feature's 32-bit key (a hash of the concept, stem or name).
    pub key: u32,
    /// Its weight in the document, quantised to 1..=255 (0 is never stored).
    pub weight: u8,
}

/// What reconcile keeps of one document to compare it with others.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The document's language (ISO 639-1 code, as normalize detected it).
    pub lang: String,
    /// Content words read (stopwords, numbers and one-letter words left out).
    pub words: u32,
    /// Of those, how many the bilingual lexicon mapped to a pivot concept.
    pub mapped: u32,
    /// Pivot concepts of the content words (English headwords, hashed), sorted by key; weighted by
    /// term frequency times rarity. At most [`MAX_CONCEPTS`].
    pub concepts: Vec<Weighted>,
    /// Pivot concepts of the first [`MAX_LEAD`] content words (headline and lead), sorted, unique.
    pub lead: Vec<u32>,
    /// Raw stems of the content words (for documents in one language), sorted by key. At most
    /// [`MAX_STEMS`].
    pub stems: Vec<Weighted>,
    /// Name keys: each word of each entity mention's base form, transliterated to Latin, case
    /// folded and hashed, sorted by key, weighted by mentions. At most [`MAX_NAMES`].
    pub names: Vec<Weighted>,
    /// Figure values (hashed after rounding to 3 significant digits), sorted, unique. At most
    /// [`MAX_NUMBERS`].
    pub numbers: Vec<u32>,
    /// Resolved dates named in the text, as days since 1970-01-01, sorted, unique. At most
    /// [`MAX_DATES`].
    pub dates: Vec<i32>,
}
