//! `concord-model`: every type that crosses a concord stage boundary, and the codec that writes them
//! to intermediate files.
//!
//! The stages (`ingest`, `normalize`, `extract`, `reconcile`, `report`) never depend on one another;
//! they agree only on the types defined here. Each type is a wire contract: changing a field changes
//! the schema, so [`SCHEMA_VERSION`] must be bumped with it, and [`codec`] refuses files written with
//! another version.
//!
//! This crate deliberately holds no logic beyond small invariants (stable ids, counters, calendar
//! arithmetic in [`civil`]), does no
//! I/O except through the `std::io` traits handed to the codec, and spawns no threads.
#![deny(missing_docs)]

mod batch;
mod changes;
pub mod civil;
mod claim_digest;
mod clean;
pub mod codec;
mod corpus;
mod digest;
mod facts;
mod id;
mod issue;
mod mt_digest;
mod names;
pub mod profile;
mod quote_digest;
mod raw;
mod repeat;
mod source;
mod stats;

pub use batch::{Batch, Item};
pub use changes::{Change, ChangeKind, ClaimKnown, CorpusSummary, EntityKnown, StoryMembers};
pub use claim_digest::{AsOfGrain, ClaimFigure, MAX_CLAIM_FIGURES, MAX_CLAIM_TEXT, Sense};
pub use clean::{
    CleanDoc, DateSource, LangGuess, OffsetMap, Paragraph, PublishDate, RemovalReason, Removed,
    Repairs, Span,
};
pub use corpus::{
    Claim, ClaimId, ClaimValue, CopyGroup, CopyGroupId, CopyKind, Corpus, DocLink, Entity,
    EntityId, Evidence, GeoRef, InferredDate, MtDamage, QuoteId, Rendering, SharedQuote, SpanRef,
    SpanText, Story, StoryId, Variant, Verdict,
};
pub use digest::{
    DateClue, DocDigest, MAX_DATES, MAX_FIGURES, MAX_NAMES, MAX_PARAGRAPHS, MAX_SEQUENCE,
    MAX_SPEAKERS, NameAnchor, NamedYear, SIGNATURE_LEN, Signature,
};
pub use facts::{DocFacts, EntityType, Figure, Granularity, Mention, Qualifier, Quote, TimeExpr};
pub use id::{ContentHash, DocId};
pub use issue::{Issue, IssueKind, Stage};
pub use mt_digest::{
    MAX_MT_FIGURE_TEXT, MAX_MT_FIGURES, MAX_MT_WORD, MAX_MT_WORDS, MtDigest, MtFigure, NameSide,
};
pub use names::{MAX_NAME_BYTES, MAX_NAMES_PER_DOC, MAX_SPANS_PER_NAME, MentionDigest};
pub use profile::{Profile, Weighted};
pub use quote_digest::{
    MAX_QUOTE_ANCHORS, MAX_QUOTE_CONCEPTS, MAX_QUOTE_TEXT, MAX_QUOTE_WORDS, MAX_QUOTES, QuoteDigest,
};
pub use raw::{InputFormat, Media, RawDoc, TextDecoding};
pub use repeat::{LineCount, RepeatStats};
pub use source::SourceRef;
pub use stats::{CorpusCounts, Manifest, StageStats};

/// Version of the wire format of every message in this crate.
///
/// Bump it whenever a message type changes shape; intermediate files written under another version
/// are rejected by [`codec`] instead of being misread.
pub const SCHEMA_VERSION: u16 = 5;
