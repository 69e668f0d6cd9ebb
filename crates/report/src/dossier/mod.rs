//! The report an analyst opens: `report.html` (with the pages and scripts it links, in
//! `report/`), `report.md` and `concord.sqlite`, every item traceable to its sentence.
//!
//! A [`Dossier`] is fed each document as it is written ([`Dossier::on_doc`]: the article view's
//! data file and the document's database rows) and each quarantined record
//! ([`Dossier::on_issue`]), then, once reconcile's fold has finished, [`Dossier::finish`] writes
//! the corpus pages, the Markdown dossier and the corpus tables. It never holds the documents:
//! only a small summary per document (title, language, site, date, source) for the story pages.
//!
//! The HTML is static and offline: every style and script is a file in the output folder, the
//! pages' Content-Security-Policy allows no other script (and no inline one), and data loaded on
//! demand comes as script files (browsers refuse `fetch()` on `file://`). All untrusted text goes
//! through [`escape`] for the context it lands in.

mod article;
mod assets;
pub mod escape;
mod html;
mod markdown;
pub mod sample;
pub mod scale;
mod sqlite;
mod svg;
#[cfg(test)]
mod tests;
mod view;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use concord_model::{Change, Corpus, DocFacts, DocId, Issue, Manifest, SourceRef};

use self::sqlite::Database;
use crate::ReportError;

/// The folder, next to `report.html`, that holds every other file of the HTML report.
pub const ASSET_DIR: &str = "report";

/// Quarantined records listed one by one on the overview (all are in `concord.sqlite`).
const ISSUES_SHOWN: usize = 200;

/// The files [`Dossier::finish`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DossierFiles {
    /// `report.html`, the page to open.
    pub html: PathBuf,
    /// `report.md`, the dossier per story.
    pub markdown: PathBuf,
    /// `concord.sqlite`.
    pub sqlite: PathBuf,
}

/// What the story pages show of a document (bounded: a title cut to a few hundred characters).
#[derive(Clone, Debug)]
pub(crate) struct DocSummary {
    pub(crate) title: Option<String>,
    pub(crate) lang: String,
    pub(crate) site: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) source: SourceRef,
}

/// Longest title (and site) kept per document, in characters.
const TITLE_CHARS: usize = 300;
/// Longest source path and URL kept per document, in characters.
const SOURCE_CHARS: usize = 1_000;

/// `text` cut to `chars` characters, with an ellipsis when cut.
fn bounded(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The quarantine as the overview shows it: counts by kind and the first records.
#[derive(Debug, Default)]
pub(crate) struct IssueLog {
    pub(crate) by_kind: BTreeMap<&'static str, u64>,
    pub(crate) shown: Vec<Issue>,
    pub(crate) total: u64,
}

/// Writes the HTML report, the Markdown dossier and the SQLite database of one run.
///
/// Call [`Dossier::create`] before the first document, [`Dossier::on_doc`] for every document
/// and [`Dossier::on_issue`] for every quarantined record as they are written (in output order),
/// and [`Dossier::finish`] with reconcile's [`Corpus`] and the run's [`Manifest`].
pub struct Dossier {
    out: PathBuf,
    staging: Staging,
    assets: PathBuf,
    db: Database,
    docs: HashMap<DocId, DocSummary>,
    issues: IssueLog,
    article_dirs: [bool; 256],
    /// What an incremental run changed, for the overview's "Since the last run".
    changes: Option<Vec<Change>>,
}

/// The report's files while they are written: `out/.report.partial/`, removed when the report
/// is dropped unfinished (a failed run leaves the previous run's report as it was).
struct Staging {
    dir: PathBuf,
    committed: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The files of the report, in the order they are moved into place (the page to open last).
const REPORT_FILES: [&str; 4] = ["concord.sqlite", "report.md", ASSET_DIR, "report.html"];

impl Staging {
    /// Moves every file of the report from the staging folder into `out`, replacing the previous
    /// run's, and removes the staging folder.
    fn commit(mut self, out: &Path) -> Result<(), ReportError> {
        for name in REPORT_FILES {
            let from = self.dir.join(name);
            let to = out.join(name);
            if to.is_dir() {
                // Out of the way first: a folder cannot be renamed over a non-empty one.
                let old = self.dir.join(format!("{name}.old"));
                fs::rename(&to, &old).map_err(|source| ReportError::io(&to, source))?;
            }
            fs::rename(&from, &to).map_err(|source| ReportError::io(&to, source))?;
        }
        self.committed = true;
        fs::remove_dir_all(&self.dir).map_err(|source| ReportError::io(&self.dir, source))
    }
}

impl Dossier {
    /// Starts a report for the folder `out` (created if missing). Everything is written under
    /// `out/.report.partial/` and moved into place by [`Dossier::finish`]: `out/report.html`,
    /// `out/report/` (replaced whole), `out/report.md` and `out/concord.sqlite`.
    pub fn create(out: &Path) -> Result<Dossier, ReportError> {
        fs::create_dir_all(out).map_err(|source| ReportError::io(out, source))?;
        let dir = out.join(".report.partial");
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|source| ReportError::io(&dir, source))?;
        }
        let staging = Staging {
            dir,
            committed: false,
        };
        let assets = staging.dir.join(ASSET_DIR);
        for dir in ["articles", "stories", "data"] {
            let dir = assets.join(dir);
            fs::create_dir_all(&dir).map_err(|source| ReportError::io(&dir, source))?;
        }
        assets::write(&assets)?;
        let db = Database::create(&staging.dir.join("concord.sqlite"))?;
        Ok(Dossier {
            out: out.to_owned(),
            staging,
            assets,
            db,
            docs: HashMap::new(),
            issues: IssueLog::default(),
            article_dirs: [false; 256],
            changes: None,
        })
    }

    /// Takes one written document: writes its article view's data file and its rows of
    /// `documents`, `sentences` and `mentions`, and keeps its summary.
    pub fn on_doc(&mut self, facts: &DocFacts) -> Result<(), ReportError> {
        let doc = &facts.doc;
        let shard = (doc.id.0 >> 56) as usize;
        let dir = self.assets.join("articles").join(format!("{shard:02x}"));
        if !self.article_dirs[shard] {
            fs::create_dir_all(&dir).map_err(|source| ReportError::io(&dir, source))?;
            self.article_dirs[shard] = true;
        }
        let path = dir.join(format!("{}.js", doc.id));
        fs::write(&path, article::script(facts)?)
            .map_err(|source| ReportError::io(&path, source))?;
        self.db.insert_doc(facts)?;
        let mut source = doc.source.clone();
        source.path = bounded(&source.path, SOURCE_CHARS);
        source.url = source.url.as_deref().map(|url| bounded(url, SOURCE_CHARS));
        self.docs.insert(
            doc.id,
            DocSummary {
                title: doc
                    .title
                    .as_deref()
                    .map(|title| bounded(title, TITLE_CHARS)),
                lang: bounded(&doc.lang.code, 16),
                site: doc.site.as_deref().map(|site| bounded(site, TITLE_CHARS)),
                published: doc.published.as_ref().map(|date| bounded(&date.value, 40)),
                source,
            },
        );
        Ok(())
    }

    /// Takes one quarantined record: a row of `quarantine`, and a line on the overview for the
    /// first few hundred.
    pub fn on_issue(&mut self, issue: &Issue) -> Result<(), ReportError> {
        self.db.insert_issue(issue)?;
        *self.issues.by_kind.entry(issue.kind.as_str()).or_default() += 1;
        self.issues.total += 1;
        if self.issues.shown.len() < ISSUES_SHOWN {
            self.issues.shown.push(issue.clone());
        }
        Ok(())
    }

    /// Shows what an incremental run changed since the previous run (`changes.jsonl`) in the
    /// overview.
    pub fn set_changes(&mut self, changes: Vec<Change>) {
        self.changes = Some(changes);
    }

    /// Writes `report.html` and its pages, `report.md` and the corpus tables of
    /// `concord.sqlite`.
    pub fn finish(self, corpus: &Corpus, manifest: &Manifest) -> Result<DossierFiles, ReportError> {
        let Dossier {
            out,
            staging,
            assets,
            db,
            docs,
            issues,
            changes,
            ..
        } = self;
        let finished = Finished {
            corpus,
            manifest,
            docs: &docs,
            issues: &issues,
            changes: changes.as_deref(),
        };
        db_finish_and_view(db, &finished, |view| {
            html::write(&staging.dir, &assets, view)?;
            let markdown = staging.dir.join("report.md");
            fs::write(&markdown, markdown::render(view))
                .map_err(|source| ReportError::io(&markdown, source))
        })?;
        staging.commit(&out)?;
        Ok(DossierFiles {
            html: out.join("report.html"),
            markdown: out.join("report.md"),
            sqlite: out.join("concord.sqlite"),
        })
    }
}

/// Variants shown per entity on a story page, HTML or Markdown (the most frequent: an entity of a
/// large corpus has thousands of spellings, and a story lists each of its entities).
const VARIANTS_PER_STORY_ENTITY: usize = 24;

/// What the finished report is built from.
struct Finished<'a> {
    corpus: &'a Corpus,
    manifest: &'a Manifest,
    docs: &'a HashMap<DocId, DocSummary>,
    issues: &'a IssueLog,
    changes: Option<&'a [Change]>,
}

/// Fills the database, builds the view (which needs the database's mention links) and hands it
/// to `write`.
fn db_finish_and_view<T>(
    mut db: Database,
    finished: &Finished<'_>,
    write: impl FnOnce(&view::View<'_>) -> Result<T, ReportError>,
) -> Result<T, ReportError> {
    db.write_corpus_tables(finished.corpus, finished.manifest)?;
    let variant_links = db.variant_mentions()?;
    db.close()?;
    let mut view = view::View::new(
        finished.corpus,
        finished.manifest,
        finished.docs,
        finished.issues,
        variant_links,
    );
    view.changes = finished.changes;
    write(&view)
}
