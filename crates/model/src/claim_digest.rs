//! What reconcile keeps of one document's figures for claims: each figure that counts a known
//! concept, with what the sentence says about it (subject, sense, date, source).
//!
//! Read at push time from the document's facts and kept in the [`crate::DocDigest`], so that
//! claims can be built at the end without the documents. Bounded: at most [`MAX_CLAIM_FIGURES`]
//! figures, each string at most [`MAX_CLAIM_TEXT`] bytes.

use serde::{Deserialize, Serialize};

use crate::{Qualifier, Span};

/// How many claimable figures a digest keeps: those of the concepts weighed against each other
/// (troops, casualties, money) first, then the others, each in text order.
pub const MAX_CLAIM_FIGURES: usize = 12;
/// The longest figure text, subject or attribution kept, in bytes (cut on a character boundary).
pub const MAX_CLAIM_TEXT: usize = 48;

/// In what sense a figure counts: what is, or what is planned, wanted or feared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sense {
    /// Stated as a fact ("94,000 were already deployed").
    Actual,
    /// Planned, intended, possible ("a ground operation with 175,000 troops", "ingin mengerahkan").
    Planned,
}

/// How precise the date a figure refers to is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AsOfGrain {
    /// A day (also the publish date).
    Day,
    /// A month that ended before the document was published.
    Month,
    /// A year that ended before the document was published.
    Year,
}

/// One figure of a document that counts a known concept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimFigure {
    /// The figure in the clean text.
    pub span: Span,
    /// The value (lower end of a range).
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// How the value is qualified.
    pub qualifier: Qualifier,
    /// The English concept counted ("troops", "killed", "troops killed", "money USD").
    pub concept: String,
    /// The word naming whose it is, as written ("Russian", "NATO", "Rusia"), when the sentence
    /// names one next to the figure.
    pub subject: Option<String>,
    /// Actual or planned.
    pub sense: Sense,
    /// The last day the figure refers to, from a time expression in its sentence (days since
    /// 1970-01-01); `None`: the publish date decides.
    pub as_of: Option<i32>,
    /// The precision of `as_of`.
    pub grain: AsOfGrain,
    /// Who the sentence attributes it to ("the Ukrainian defense minister").
    pub attributed_to: Option<String>,
    /// The figure's text.
    pub text: String,
    /// Whether the counted noun was taken from another figure of the sentence it is contrasted
    /// with ("175,000 troops ... 94,000 were already deployed").
    pub borrowed: bool,
}
