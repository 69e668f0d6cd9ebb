//! The resumable state of normalize's repeated-line statistics.

use serde::{Deserialize, Serialize};

/// How often a line has been seen in the documents of one site so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineCount {
    /// A hash of the site.
    pub site: u64,
    /// The line's key (its letters and digits, lowercased, hashed).
    pub line: u64,
    /// Documents of the site with distinct content that had the line.
    pub documents: u32,
    /// Content hash of the last document that had it (exact copies count once).
    pub last_content: u64,
}

/// normalize's repeated-line statistics, saved at the end of a run and resumed by the next, so
/// that a corpus processed in several runs gets the same clean text as in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatStats {
    /// Every counted line, sorted by site and line.
    pub lines: Vec<LineCount>,
}
