//! Data problems: values, never panics and never run-stopping errors.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{DocId, SourceRef};

/// The pipeline stage that raised an [`Issue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Reading and decoding input.
    Ingest,
    /// Cleaning text and finding structure.
    Normalize,
    /// Finding entities, figures, dates and quotes.
    Extract,
    /// Grouping and comparing documents.
    Reconcile,
    /// Writing outputs.
    Report,
}

impl Stage {
    /// Every stage, in pipeline order: the one table of stage names.
    pub const ALL: [Stage; 5] = [
        Stage::Ingest,
        Stage::Normalize,
        Stage::Extract,
        Stage::Reconcile,
        Stage::Report,
    ];

    /// The stage with this name (as [`Stage::as_str`] gives it).
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == name)
    }

    /// The lowercase stage name used in outputs and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Normalize => "normalize",
            Stage::Extract => "extract",
            Stage::Reconcile => "reconcile",
            Stage::Report => "report",
        }
    }
}

/// What went wrong with an input record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum IssueKind {
    /// A file or record with no content (or only white space).
    Empty,
    /// Binary content: NUL bytes, or the magic number of a PDF, image or archive.
    Binary,
    /// A record over the configured size limit.
    TooLarge,
    /// A JSON Lines line that is not a JSON object.
    MalformedJson,
    /// A JSON Lines object with neither a `text` nor an `html` string.
    MissingBody,
    /// A WARC record whose header or length cannot be read; reading resumes at the next record.
    BrokenWarcRecord,
    /// A gzip stream that ends early or is corrupt; the records before the break are kept.
    TruncatedGzip,
    /// A file or folder that cannot be read (permissions, vanished, not a regular file).
    Unreadable,
    /// A file whose format cannot be told from its name.
    UnknownFormat,
    /// A document whose text became empty once cleaned.
    NoContent,
    /// A stage failed on this record (a bug in concord, caught so the run goes on).
    InternalError,
}

impl IssueKind {
    /// Every kind, in a fixed order (for manifests and docs).
    pub const ALL: [IssueKind; 11] = [
        IssueKind::Empty,
        IssueKind::Binary,
        IssueKind::TooLarge,
        IssueKind::MalformedJson,
        IssueKind::MissingBody,
        IssueKind::BrokenWarcRecord,
        IssueKind::TruncatedGzip,
        IssueKind::Unreadable,
        IssueKind::UnknownFormat,
        IssueKind::NoContent,
        IssueKind::InternalError,
    ];

    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Empty => "empty",
            IssueKind::Binary => "binary",
            IssueKind::TooLarge => "too_large",
            IssueKind::MalformedJson => "malformed_json",
            IssueKind::MissingBody => "missing_body",
            IssueKind::BrokenWarcRecord => "broken_warc_record",
            IssueKind::TruncatedGzip => "truncated_gzip",
            IssueKind::Unreadable => "unreadable",
            IssueKind::UnknownFormat => "unknown_format",
            IssueKind::NoContent => "no_content",
            IssueKind::InternalError => "internal_error",
        }
    }
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem with one input record, located exactly.
///
/// An input record that does not become a document becomes exactly one quarantining `Issue`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The stage that found the problem.
    pub stage: Stage,
    /// What kind of problem it is.
    pub kind: IssueKind,
    /// Where the record is.
    pub source: SourceRef,
    /// The document, when the problem was found after it got an id.
    pub doc: Option<DocId>,
    /// A lowercase sentence for a person, without a trailing period.
    pub message: String,
}

impl Issue {
    /// An issue about a record that has no document id (yet).
    pub fn new(
        stage: Stage,
        kind: IssueKind,
        source: SourceRef,
        message: impl Into<String>,
    ) -> Issue {
        Issue {
            stage,
            kind,
            source,
            doc: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}): {}",
            self.source,
            self.kind,
            self.stage.as_str(),
            self.message
        )
    }
}
