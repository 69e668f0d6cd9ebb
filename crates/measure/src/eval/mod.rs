//! Accuracy evaluation against the published metrics of each development set.
//!
//! Each task module reads a data file or folder in its documented format, runs concord's own code on
//! it and returns an [`EvalReport`]. The metric of each task follows the dataset's published one
//! exactly, so figures compare with published peers.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

pub mod boilerplate;
pub mod claims;
pub mod entities;
pub mod langid;
pub mod mt_damage;
pub mod ner;
pub mod numbers;
pub mod quotes;
pub mod similarity;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A data file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A data file is not in the expected format.
    #[error("{}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// One row of an evaluation table: a language, a type, a document set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalRow {
    /// What the row is about (`en`, `PER`, `all`).
    pub name: String,
    /// Number of items scored.
    pub n: u64,
    /// Named figures (`precision`, `recall`, `f1`, `accuracy`), as fractions in `[0, 1]`.
    pub metrics: Vec<(String, f64)>,
}

/// The result of one evaluation: a table plus the headline figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    /// Task name (`boilerplate`, `langid`, ...).
    pub task: String,
    /// The data evaluated.
    pub data: String,
    /// Per-row figures.
    pub rows: Vec<EvalRow>,
    /// Headline figures (for example the mean over languages).
    pub summary: Vec<(String, f64)>,
    /// Published peer figures for comparison, `(peer, metric, value)`.
    pub peers: Vec<(String, String, f64)>,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} on {}", self.task, self.data)?;
        let metric_names: Vec<&str> = self
            .rows
            .first()
            .map(|row| row.metrics.iter().map(|(name, _)| name.as_str()).collect())
            .unwrap_or_default();
        write!(f, "{:<24} {:>7}", "", "n")?;
        for name in &metric_names {
            write!(f, " {name:>10}")?;
        }
        writeln!(f)?;
        for row in &self.rows {
            write!(f, "{:<24} {:>7}", row.name, row.n)?;
            for (_, value) in &row.metrics {
                match value.is_nan() {
                    true => write!(f, " {:>10}", "-")?,
                    false => write!(f, " {value:>10.4}")?,
                }
            }
            writeln!(f)?;
        }
        for (name, value) in &self.summary {
            writeln!(f, "{name}: {value:.4}")?;
        }
        for (peer, metric, value) in &self.peers {
            writeln!(f, "  peer {peer}: {metric} {value:.3}")?;
        }
        Ok(())
    }
}

/// The report as pretty JSON.
pub fn to_json(report: &EvalReport) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(report)
}
