//! The streaming output files of a run: `docs.jsonl` and `quarantine.jsonl` as documents arrive,
//! `manifest.json` at the end.
//!
//! Each file is written under a temporary name in the output folder and renamed into place only by
//! [`OutputFiles::finish`], so a run that fails half-way leaves the previous run's outputs as they
//! were instead of truncated ones.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use concord_model::{CleanDoc, DocFacts, Issue, Manifest, RawDoc, Repairs};

use crate::{write_clean_doc, write_facts, write_issue, write_manifest, write_raw_doc};

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A file or folder cannot be created or written.
    #[error("cannot write {}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// `concord.sqlite` cannot be written.
    #[error("cannot write concord.sqlite")]
    Sqlite(#[from] rusqlite::Error),
    /// A value cannot be serialized for the HTML report's data scripts.
    #[error("cannot serialize the report's data")]
    Data(#[from] serde_json::Error),
}

impl ReportError {
    /// An I/O failure on `path`.
    pub fn io(path: &Path, source: io::Error) -> ReportError {
        ReportError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// A document of any stage that can be written as a `docs.jsonl` line.
pub trait DocLine {
    /// Writes the line.
    fn write_line(&self, out: &mut dyn Write) -> io::Result<()>;
    /// The text repairs made while cleaning it, once it has been cleaned.
    fn repairs(&self) -> Option<&Repairs>;
}

impl DocLine for RawDoc {
    fn write_line(&self, out: &mut dyn Write) -> io::Result<()> {
        write_raw_doc(out, self)
    }
    fn repairs(&self) -> Option<&Repairs> {
        None
    }
}

impl DocLine for CleanDoc {
    fn write_line(&self, out: &mut dyn Write) -> io::Result<()> {
        write_clean_doc(out, self)
    }
    fn repairs(&self) -> Option<&Repairs> {
        Some(&self.repairs)
    }
}

impl DocLine for DocFacts {
    fn write_line(&self, out: &mut dyn Write) -> io::Result<()> {
        write_facts(out, self)
    }
    fn repairs(&self) -> Option<&Repairs> {
        Some(&self.doc.repairs)
    }
}

/// What has been written so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Lines of `docs.jsonl`.
    pub documents: u64,
    /// Lines of `quarantine.jsonl`.
    pub quarantined: u64,
    /// Quarantined records by issue kind.
    pub issues_by_kind: BTreeMap<String, u64>,
    /// Text repairs over the documents written.
    pub repairs: Repairs,
}

/// One output file being written under a temporary name.
struct Pending {
    path: PathBuf,
    temporary: PathBuf,
    /// `None` once committed.
    writer: Option<BufWriter<File>>,
    closed: io::Sink,
}

impl Drop for Pending {
    /// A file never committed (the run failed) leaves no partial file behind.
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

impl Pending {
    fn create(dir: &Path, name: &str) -> Result<Pending, ReportError> {
        let path = dir.join(name);
        let temporary = concord_model::codec::partial_path(&path);
        let file =
            File::create(&temporary).map_err(|source| ReportError::io(&temporary, source))?;
        Ok(Pending {
            path,
            temporary,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
            closed: io::sink(),
        })
    }

    fn out(&mut self) -> (&mut dyn Write, &Path) {
        match &mut self.writer {
            Some(writer) => (writer, &self.path),
            // Only `commit` takes the writer, and it consumes the file: never reached.
            None => (&mut self.closed, &self.path),
        }
    }

    /// Flushes the file and renames it into place.
    fn commit(mut self) -> Result<(), ReportError> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        let file = writer
            .into_inner()
            .map_err(|err| ReportError::io(&self.temporary, err.into_error()))?;
        // Durable before it replaces the previous run's file.
        file.sync_data()
            .map_err(|source| ReportError::io(&self.temporary, source))?;
        fs::rename(&self.temporary, &self.path)
            .map_err(|source| ReportError::io(&self.path, source))
    }
}

/// The per-document output files of a run (`docs.jsonl`, `quarantine.jsonl`) and, at the end,
/// `manifest.json`, in one output folder.
pub struct OutputFiles {
    dir: PathBuf,
    docs: Pending,
    quarantine: Pending,
    counts: Counts,
}

impl OutputFiles {
    /// Creates the output folder if needed and starts both files (under temporary names).
    pub fn create(dir: &Path) -> Result<OutputFiles, ReportError> {
        fs::create_dir_all(dir).map_err(|source| ReportError::io(dir, source))?;
        Ok(OutputFiles {
            dir: dir.to_owned(),
            docs: Pending::create(dir, "docs.jsonl")?,
            quarantine: Pending::create(dir, "quarantine.jsonl")?,
            counts: Counts::default(),
        })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one `docs.jsonl` line.
    pub fn write_doc(&mut self, doc: &impl DocLine) -> Result<(), ReportError> {
        self.counts.documents += 1;
        if let Some(repairs) = doc.repairs() {
            self.counts.repairs += repairs;
        }
        let (out, path) = self.docs.out();
        doc.write_line(out)
            .map_err(|source| ReportError::io(path, source))
    }

    /// Writes one `quarantine.jsonl` line.
    pub fn write_issue(&mut self, issue: &Issue) -> Result<(), ReportError> {
        self.counts.quarantined += 1;
        *self
            .counts
            .issues_by_kind
            .entry(issue.kind.as_str().to_owned())
            .or_default() += 1;
        let (out, path) = self.quarantine.out();
        write_issue(out, issue).map_err(|source| ReportError::io(path, source))
    }

    /// What has been written so far.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Renames both files into place and writes `manifest.json` (when given).
    pub fn finish(self, manifest: Option<&Manifest>) -> Result<(), ReportError> {
        self.docs.commit()?;
        self.quarantine.commit()?;
        if let Some(manifest) = manifest {
            write_file(&self.dir.join("manifest.json"), |out| {
                write_manifest(out, manifest)
            })?;
        }
        Ok(())
    }
}

/// Writes a whole file through a temporary name, renamed into place once complete.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ReportError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut pending = Pending::create(dir, &name)?;
    let (out, _) = pending.out();
    write(out).map_err(|source| ReportError::io(path, source))?;
    pending.commit()
}

#[cfg(test)]
mod tests {
    use concord_model::{IssueKind, SourceRef, Stage};

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("concord-report-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn outputs_replace_the_previous_run_only_when_finished() {
        let dir = scratch("replace");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("quarantine.jsonl"), "old\n").unwrap();
        let mut files = OutputFiles::create(&dir).unwrap();
        let issue = Issue::new(
            Stage::Ingest,
            IssueKind::Empty,
            SourceRef::file("a.txt"),
            "empty",
        );
        files.write_issue(&issue).unwrap();
        // Not finished: the old file is untouched.
        assert_eq!(
            fs::read_to_string(dir.join("quarantine.jsonl")).unwrap(),
            "old\n"
        );
        assert_eq!(files.counts().issues_by_kind.get("empty"), Some(&1));
        drop(OutputFiles::create(&dir.join("failed")).unwrap());
        assert!(
            !dir.join("failed/.docs.jsonl.partial").exists(),
            "a failed run leaves no partial file"
        );
        files.finish(None).unwrap();
        let new = fs::read_to_string(dir.join("quarantine.jsonl")).unwrap();
        assert!(new.contains("\"kind\":\"empty\""), "{new}");
        assert!(!dir.join(".quarantine.jsonl.partial").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
