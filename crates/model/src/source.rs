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

impl SourceRef {
    /// The order of outputs: by path, folder by folder (as ingest walks a folder: entries sorted
    /// by name), then by line, then by byte offset. Within one input argument this is the order
    /// documents are read in, so a run split over several processes can sort its parts by this
    /// key and get a single run's order back.
    pub fn location_cmp(&self, other: &SourceRef) -> std::cmp::Ordering {
        self.path
            .split('/')
            .cmp(other.path.split('/'))
            .then(self.line.cmp(&other.line))
            .then(self.offset.cmp(&other.offset))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_order_folder_by_folder_then_by_position() {
        let at = |path: &str, line: Option<u64>, offset: Option<u64>| SourceRef {
            path: path.to_owned(),
            line,
            offset,
            url: None,
        };
        // "a/b" sorts before "a.b" folder by folder ("a" < "a.b"), unlike plain string order.
        let mut sources = [
            at("a.b", None, None),
            at("a/b", Some(10), None),
            at("a/b", Some(2), None),
            at("crawl.warc", None, Some(900)),
            at("crawl.warc", None, Some(12)),
        ];
        sources.sort_by(SourceRef::location_cmp);
        let shown: Vec<String> = sources.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["a/b:2", "a/b:10", "a.b", "crawl.warc@12", "crawl.warc@900"]
        );
    }
}
