//! What reconcile keeps of one document: a compact, fixed-budget digest.
//!
//! Reconcile is a fold over every document of a run, so it must never hold the documents
//! themselves. A [`DocDigest`] is all it keeps: the document's identity and place, its language,
//! site and publish date, the clues a missing publish date can be inferred from, a hash of its clean
//! text (exact copies), a MinHash [`Signature`] of its word shingles (near copies), and a few
//! bounded lists of language-independent anchors (name keys, figure values, paragraph lengths,
//! the order names and numbers appear in) that tell translations and stories apart. Every list has
//! a fixed cap, so a digest is well under 1.5 KB whatever the document's length.
//!
//! Building a digest from a document's facts is reconcile's job; this module only defines the
//! message, so that partial folds can be written to intermediate files and merged elsewhere.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{DocId, EntityType, Profile, SourceRef, Span};

/// How many MinHash values a [`Signature`] holds.
pub const SIGNATURE_LEN: usize = 64;
/// How many name keys a digest keeps (the most mentioned).
pub const MAX_NAMES: usize = 24;
/// How many figure values a digest keeps (the first in text order).
pub const MAX_FIGURES: usize = 12;
/// How many anchors of the ordered anchor sequence a digest keeps (the first in text order).
pub const MAX_SEQUENCE: usize = 48;
/// How many paragraph lengths a digest keeps (the first).
pub const MAX_PARAGRAPHS: usize = 32;
/// How many quoted speakers a digest keeps (the first quoted).
pub const MAX_SPEAKERS: usize = 8;
/// How many resolved day dates and named years a digest keeps (each list).
pub const MAX_DATES: usize = 8;

/// A MinHash signature over the word shingles of a clean text: [`SIGNATURE_LEN`] 16-bit minima
/// (one-permutation hashing with densification). Two signatures agree at a position with
/// probability equal to the Jaccard similarity of the two shingle sets.
///
/// Serialized as one byte string (2 bytes per value), so its size does not depend on the values.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature(pub [u16; SIGNATURE_LEN]);

impl Signature {
    /// The signature of a text too short to have a shingle: it matches nothing.
    pub const EMPTY: Signature = Signature([u16::MAX; SIGNATURE_LEN]);

    /// Whether this is the signature of a text without shingles.
    pub fn is_empty(&self) -> bool {
        self == &Signature::EMPTY
    }
}

impl Serialize for Signature {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = [0u8; SIGNATURE_LEN * 2];
        for (chunk, value) in bytes.chunks_exact_mut(2).zip(self.0) {
            chunk.copy_from_slice(&value.to_le_bytes());
        }
        serializer.serialize_bytes(&bytes)
    }
}

impl<'de> Deserialize<'de> for Signature {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Signature, D::Error> {
        struct SignatureVisitor;
        impl Visitor<'_> for SignatureVisitor {
            type Value = Signature;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} bytes of MinHash values", SIGNATURE_LEN * 2)
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Signature, E> {
                if bytes.len() != SIGNATURE_LEN * 2 {
                    return Err(E::invalid_length(bytes.len(), &self));
                }
                let mut values = [0u16; SIGNATURE_LEN];
                for (value, chunk) in values.iter_mut().zip(bytes.chunks_exact(2)) {
                    *value = u16::from_le_bytes([chunk[0], chunk[1]]);
                }
                Ok(Signature(values))
            }
            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Signature, E> {
                self.visit_bytes(&bytes)
            }
        }
        deserializer.deserialize_bytes(SignatureVisitor)
    }
}

/// A name the document mentions, keyed so that spellings across languages and scripts meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameAnchor {
    /// The name key (a hash of the transliterated, case-folded consonant skeleton; of the surname
    /// for persons).
    pub key: u32,
    /// How often the document mentions it (capped at 255).
    pub count: u8,
    /// The entity type of its first mention.
    pub kind: EntityType,
    /// The name as written in its first mention (base form), for labels and explanations.
    pub shown: String,
}

/// A weekday with a day and month but no year ("Thursday (December 2nd)"): what a missing publish
/// year can be inferred from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateClue {
    /// Where the phrase is in the clean text.
    pub span: Span,
    /// The month, 1..=12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
    /// The day of the week, 0 = Monday .. 6 = Sunday.
    pub weekday: u8,
}

/// A year named in the text, with where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedYear {
    /// The year.
    pub year: i32,
    /// The time expression that names it.
    pub span: Span,
}

/// What reconcile keeps of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocDigest {
    /// The document.
    pub id: DocId,
    /// Where it came from (outputs are sorted by it).
    pub source: SourceRef,
    /// Its language (ISO 639-1 or `und`).
    pub lang: String,
    /// Its site, when stated.
    pub site: Option<String>,
    /// Its declared publish date, as days since 1970-01-01.
    pub published: Option<i32>,
    /// A weekday-day-month phrase without a year, for documents without a publish date.
    pub clue: Option<DateClue>,
    /// Years named in the text (first occurrences, sorted by year), at most [`MAX_DATES`].
    pub years: Vec<NamedYear>,
    /// Day dates resolved in the text, as days since 1970-01-01, sorted, unique, at most
    /// [`MAX_DATES`].
    pub dates: Vec<i32>,
    /// XXH3 of the clean text: equal for exact copies, however differently they were scraped.
    pub text_hash: u64,
    /// Length of the clean text in bytes.
    pub text_len: u32,
    /// MinHash of the word shingles of the clean text.
    pub signature: Signature,
    /// The most mentioned names, most mentioned first, at most [`MAX_NAMES`].
    pub names: Vec<NameAnchor>,
    /// Figure values of 10 or more, first in text order, unique, at most [`MAX_FIGURES`].
    pub figures: Vec<f32>,
    /// Language-independent anchors in text order: a 16-bit hash of a person or organisation name
    /// key or of a figure value, with its position in the text (0 to 255 of the text's length); at
    /// most [`MAX_SEQUENCE`]. Translations keep both the order and, roughly, the positions.
    pub sequence: Vec<(u16, u8)>,
    /// Paragraph lengths in characters, at most [`MAX_PARAGRAPHS`].
    pub paragraphs: Vec<u16>,
    /// Number of quotations.
    pub quotes: u16,
    /// Name keys of the quoted speakers (first quoted first, unique), at most [`MAX_SPEAKERS`].
    pub speakers: Vec<u32>,
    /// The similarity profile the story and translation scores compare.
    pub profile: Profile,
    /// The document's names, each distinct one once with its spans (for entities), at most
    /// [`crate::MAX_NAMES_PER_DOC`].
    pub mentions: Vec<crate::MentionDigest>,
    /// The document's quotations for shared quotes (attributed first), at most
    /// [`crate::MAX_QUOTES`].
    pub quoted: Vec<crate::QuoteDigest>,
    /// The figures that count a known concept, for claims, at most [`crate::MAX_CLAIM_FIGURES`].
    pub claims: Vec<crate::ClaimFigure>,
    /// Figures as written and words next to names, for machine-translation damage.
    pub mt: crate::MtDigest,
}
