//! What an incremental run changed in the corpus since the run before it over the same store.
//!
//! Group ids change as groups gain members, so a run does not compare ids with the run before: it
//! keeps a [`CorpusSummary`] of the groups by what outlives a run (member documents, value spans,
//! variant texts), and the next run matches its groups to those.

use serde::{Deserialize, Serialize};

use crate::{DocId, EntityType, Span, Verdict};

/// What kind of change a [`Change`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChangeKind {
    /// A story none of whose articles was in a story before.
    NewStory,
    /// A story that gained articles.
    StoryGrew,
    /// An entity none of whose variants was known before.
    NewEntity,
    /// A known entity written in a new way.
    NewVariant,
    /// A claim none of whose values was known before.
    NewClaim,
    /// A known claim with new values or another verdict.
    ClaimChanged,
}

impl ChangeKind {
    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::NewStory => "new_story",
            ChangeKind::StoryGrew => "story_grew",
            ChangeKind::NewEntity => "new_entity",
            ChangeKind::NewVariant => "new_variant",
            ChangeKind::NewClaim => "new_claim",
            ChangeKind::ClaimChanged => "claim_changed",
        }
    }
}

/// One change since the previous run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The id of the story, entity or claim in this run's outputs.
    pub item: String,
    /// For a person: the story's label, the entity's name, what the claim counts.
    pub label: String,
    /// What is new: document ids (stories), variant texts (entities), `doc:value` (claims).
    pub added: Vec<String>,
    /// A claim's verdict now.
    pub verdict: Option<Verdict>,
    /// A claim's verdict in the previous run, when it changed.
    pub was: Option<Verdict>,
}

/// A story as a later run recognises it: its member documents, sorted.
pub type StoryMembers = Vec<DocId>;

/// An entity as a later run recognises it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityKnown {
    /// Its type.
    pub kind: EntityType,
    /// Its variant texts, sorted.
    pub variants: Vec<String>,
}

/// A claim as a later run recognises it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimKnown {
    /// Where its values are, sorted.
    pub values: Vec<(DocId, Span)>,
    /// Its verdict.
    pub verdict: Verdict,
}

/// The corpus of a run, reduced to what the next run matches its groups against.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusSummary {
    /// Every story.
    pub stories: Vec<StoryMembers>,
    /// Every entity.
    pub entities: Vec<EntityKnown>,
    /// Every claim.
    pub claims: Vec<ClaimKnown>,
}
