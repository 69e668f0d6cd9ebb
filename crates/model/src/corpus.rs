//! The output of reconcile: what the corpus says across documents.
//!
//! Every group (story, copy group, entity, claim, shared quote) has an id that is a function of its
//! members only (a hash of its smallest member), never of processing order, so the same input gives
//! the same ids at any thread count, batch order or shard split. An id may change when a group gains
//! members: anything that must outlive a run refers to documents and spans, not to group ids.
//! Every item points back to its evidence as a document id plus a byte span in that document's
//! clean text.

use std::fmt;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::{DocId, EntityType, Qualifier, SourceRef, Span};

macro_rules! group_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u64);

        impl $name {
            /// The id of the group whose members are keyed by `key` (its smallest member, or the
            /// member's key and the group's own distinguishing bytes).
            pub fn of(key: &[u8]) -> $name {
                let mut hasher = Xxh3::new();
                hasher.update($prefix.as_bytes());
                hasher.update(key);
                $name(hasher.digest())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{:016x}", $prefix, self.0)
            }
        }
    };
}

group_id!(
    /// The id of a story; printed `s-` and 16 hex digits.
    StoryId,
    "s"
);
group_id!(
    /// The id of a copy group; printed `c-` and 16 hex digits.
    CopyGroupId,
    "c"
);
group_id!(
    /// The id of an entity; printed `e-` and 16 hex digits.
    EntityId,
    "e"
);
group_id!(
    /// The id of a claim; printed `k-` and 16 hex digits.
    ClaimId,
    "k"
);
group_id!(
    /// The id of a shared quote; printed `q-` and 16 hex digits.
    QuoteId,
    "q"
);

/// A place in one document: its id and a byte span of its clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SpanRef {
    /// The document.
    pub doc: DocId,
    /// Bytes of its clean text.
    pub span: Span,
}

/// A place in one document with the text found there (kept so outputs read without the document).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SpanText {
    /// The document.
    pub doc: DocId,
    /// Bytes of its clean text.
    pub span: Span,
    /// The text of the span.
    pub text: String,
}

/// Why a document is a member of a group: how strongly, and what it shares with the group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The member document.
    pub doc: DocId,
    /// Similarity to the group (0 to 1; 1 for the member the group was built around).
    pub score: f32,
    /// What matched, for a person: "jaccard 0.93", "names: biden, putin", "figures: 100000".
    pub matched: Vec<String>,
}

/// What makes the members of a copy group copies of one another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CopyKind {
    /// Identical clean text.
    Exact,
    /// The same article with edits (another headline, a footer), in one language.
    Near,
    /// The same article in other languages.
    Translation,
}

impl CopyKind {
    /// The lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact",
            CopyKind::Near => "near",
            CopyKind::Translation => "translation",
        }
    }
}

/// Documents that are copies of one article: exact, near, or translations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// Deterministic id.
    pub id: CopyGroupId,
    /// What kind of copies.
    pub kind: CopyKind,
    /// Members, in order of publication (undated last, then by id).
    pub docs: Vec<DocId>,
    /// The earliest published member, when the dates tell.
    pub original: Option<DocId>,
    /// Languages of the members, sorted.
    pub languages: Vec<String>,
    /// Sites of the members, sorted.
    pub sites: Vec<String>,
    /// Why each member is in the group.
    pub evidence: Vec<Evidence>,
}

/// Articles that report the same event, across languages and publish dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Deterministic id.
    pub id: StoryId,
    /// A short label: the most central entities and the date span.
    pub label: String,
    /// Members, in order of publication (undated last, then by id).
    pub docs: Vec<DocId>,
    /// Languages of the members, sorted.
    pub languages: Vec<String>,
    /// Sites of the members, sorted.
    pub sites: Vec<String>,
    /// Earliest publish date (published or inferred) of a member, ISO 8601.
    pub first: Option<String>,
    /// Latest publish date of a member.
    pub last: Option<String>,
    /// Why each member is in the story.
    pub evidence: Vec<Evidence>,
    /// Whether an analyst's correction changed it (see `corrections` in `concord.toml`).
    #[serde(default)]
    pub corrected: bool,
}

/// A publish date inferred from the text where the document declares none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// The date chosen, or `None` when nothing decides between the candidates.
    pub date: Option<String>,
    /// Every date the evidence allows (ISO 8601), in order.
    pub candidates: Vec<String>,
    /// The spans that decided (weekday and day phrases, years named in the text).
    pub evidence: Vec<SpanRef>,
}

/// How one document relates to the corpus's groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocLink {
    /// The document.
    pub id: DocId,
    /// Where it came from (the sort key of `doc_links.jsonl`).
    pub source: SourceRef,
    /// Its story.
    pub story: Option<StoryId>,
    /// The copy groups it is in.
    pub copy_groups: Vec<CopyGroupId>,
    /// The inferred publish date, when the document had none.
    pub published_inferred: Option<InferredDate>,
}

/// A GeoNames place.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoRef {
    /// GeoNames id.
    pub id: u64,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// One way an entity is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// The text as written.
    pub text: String,
    /// The language of the documents it is written in.
    pub lang: String,
    /// How often it occurs.
    pub count: u32,
    /// Whether it mixes scripts ("Vlаdimir" with a Cyrillic "а").
    pub mixed_script: bool,
    /// Whether it is a machine-translation artefact that was repaired ("Kulebanach").
    pub repaired: bool,
}

/// One real person, organisation, place or event under all its names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Deterministic id.
    pub id: EntityId,
    /// The canonical name.
    pub name: String,
    /// The type, by vote of its mentions.
    pub kind: EntityType,
    /// Where it is, for places the gazetteer knows.
    pub geonames: Option<GeoRef>,
    /// Every variant with its language and count.
    pub variants: Vec<Variant>,
    /// Every mention.
    pub mentions: Vec<SpanRef>,
    /// The documents that mention it, sorted.
    pub docs: Vec<DocId>,
    /// Whether an analyst's correction changed it (see `corrections` in `concord.toml`).
    #[serde(default)]
    pub corrected: bool,
}

/// How the values of a claim relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// One source only.
    Single,
    /// The values for the same time overlap.
    Agree,
    /// Values for different dates that move in one direction (a growing count).
    Changed,
    /// Disjoint values for the same thing at the same time.
    Conflict,
    /// The disagreement is explained by a translation error.
    MtDamage,
}

impl Verdict {
    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Single => "single",
            Verdict::Agree => "agree",
            Verdict::Changed => "changed",
            Verdict::Conflict => "conflict",
            Verdict::MtDamage => "mt_damage",
        }
    }
}

/// One source's value for a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimValue {
    /// The document.
    pub doc: DocId,
    /// The value (lower end of a range).
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// How the value is qualified.
    pub qualifier: Qualifier,
    /// The figure in the clean text.
    pub span: Span,
    /// The figure's text.
    pub text: String,
    /// Who the sentence attributes it to.
    pub attributed_to: Option<String>,
    /// The date the value refers to (ISO 8601).
    pub as_of: Option<String>,
    /// Whether the value was repaired from machine-translation damage.
    pub repaired: bool,
}

/// Figures that count the same thing in the same sense, reconciled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Deterministic id.
    pub id: ClaimId,
    /// The stories the values come from.
    pub stories: Vec<StoryId>,
    /// What is counted, for a person ("troops (Russian)").
    pub what: String,
    /// Every value with its source.
    pub values: Vec<ClaimValue>,
    /// How the values relate.
    pub verdict: Verdict,
    /// Whether an analyst's correction changed it (see `corrections` in `concord.toml`).
    #[serde(default)]
    pub corrected: bool,
}

/// One article's rendering of a shared quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rendering {
    /// The document.
    pub doc: DocId,
    /// Its language.
    pub lang: String,
    /// The quoted words in the clean text.
    pub span: Span,
    /// The quoted words.
    pub text: String,
}

/// The same statement reported in several articles and languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedQuote {
    /// Deterministic id.
    pub id: QuoteId,
    /// The speaker.
    pub speaker: Option<EntityId>,
    /// The story it belongs to.
    pub story: Option<StoryId>,
    /// Every rendering.
    pub renderings: Vec<Rendering>,
}

/// A suspected machine-translation error, with the evidence and a proposed repair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MtDamage {
    /// The damaged document.
    pub doc: DocId,
    /// The damaged words.
    pub span: Span,
    /// Their text.
    pub text: String,
    /// What the other renderings say at the same place.
    pub evidence: Vec<SpanText>,
    /// The proposed repair.
    pub repair: String,
}

/// Everything reconcile found across the documents of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Stories, largest first, then by id.
    pub stories: Vec<Story>,
    /// Copy groups, by kind, then largest first, then by id.
    pub copies: Vec<CopyGroup>,
    /// One link per document, sorted by source location.
    pub doc_links: Vec<DocLink>,
    /// Entities, most mentioned first, then by id.
    pub entities: Vec<Entity>,
    /// Claims, conflicts first, then by id.
    pub claims: Vec<Claim>,
    /// Shared quotes, most renderings first, then by id.
    pub quotes: Vec<SharedQuote>,
    /// Suspected machine-translation damage, by document and span.
    pub mt_damage: Vec<MtDamage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_ids_depend_on_kind_and_key_only() {
        let key = 0x1234_u64.to_le_bytes();
        assert_eq!(StoryId::of(&key), StoryId::of(&key));
        assert_ne!(StoryId::of(&key).0, CopyGroupId::of(&key).0);
        let shown = StoryId::of(&key).to_string();
        assert!(shown.starts_with("s-") && shown.len() == 18, "{shown}");
    }
}
