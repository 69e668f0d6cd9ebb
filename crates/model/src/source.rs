//! Where a record came from.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The exact place a record was read from, precise enough to find it again by hand.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file path as the user named it (or as found under a named folder); `-` for stdin.
    pub path: String,
    /// 1-based line number, for line-oriented containers (JSON Lines).
    pub line: Option<u64>,
    /// Byte offset of the record in the (decompressed) file, for WARC records.
    pub offset: Option<u64>,
    /// The URL of the page, where the input states it.
    pub url: Option<String>,
}

impl SourceRef {
    /// A whole file (or stdin, as `-`).
    pub fn file(path: impl Into<String>) -> SourceRef {
        SourceRef {
            path: path.into(),
            line: None,
            offset: None,
            url: None,
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, "@{offset}")?;
        }
        Ok(())
    }
}
