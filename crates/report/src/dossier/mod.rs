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

impl DocSummary {
    /// The summary of a document's fields, each bounded.
    pub(crate) fn new(
        title: Option<&str>,
        lang: &str,
        site: Option<&str>,
        published: Option<&str>,
        source: &SourceRef,
    ) -> DocSummary {
        let mut source = source.clone();
        source.path = bounded(&source.path, SOURCE_CHARS);
        source.url = source.url.as_deref().map(|url| bounded(url, SOURCE_CHARS));
        DocSummary {
            title: title.map(|title| bounded(title, TITLE_CHARS)),
            lang: bounded(lang, 16),
            site: site.map(|site| bounded(site, TITLE_CHARS)),
            published: published.map(|date| bounded(date, 40)),
            source,
        }
    }
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
    /// The earlier report whose documents this one takes over, while it does.
    previous: Option<Previous>,
}

/// The earlier report of an incremental run, in the same folder.
struct Previous {
    /// Its `report/articles/` folder.
    articles: PathBuf,
    /// The summaries of its documents not taken over yet.
    docs: HashMap<DocId, DocSummary>,
}

/// A document's article data file inside `report/articles/`, sharded by the id's first byte.
fn article_file(id: DocId) -> PathBuf {
    PathBuf::from(format!("{:02x}", id.0 >> 56)).join(format!("{id}.js"))
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
        Dossier::start(out, None)
    }

    /// [`Dossier::create`] for an incremental run whose store holds what `token` names
    /// (`Store::report_token`). When `out` holds the report of the run that left the store so,
    /// that report's documents are taken over as they are ([`Dossier::reuse_doc`]): their
    /// database rows copied and their article data files hard-linked, not written again.
    pub fn create_incremental(out: &Path, token: &str) -> Result<Dossier, ReportError> {
        Dossier::start(out, Some(token))
    }

    fn start(out: &Path, token: Option<&str>) -> Result<Dossier, ReportError> {
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
        let path = staging.dir.join("concord.sqlite");
        let old_db = out.join("concord.sqlite");
        let old_articles = out.join(ASSET_DIR).join("articles");
        // The token says the earlier report holds exactly the store's documents, as they are.
        let reusable = token.is_some_and(|token| {
            old_articles.is_dir() && Database::store_token(&old_db).as_deref() == Some(token)
        });
        let (db, previous) = if reusable {
            let db = Database::reuse(&old_db, &path)?;
            let docs = db.summaries()?;
            let previous = Previous {
                articles: old_articles,
                docs,
            };
            (db, Some(previous))
        } else {
            (Database::create(&path)?, None)
        };
        Ok(Dossier {
            out: out.to_owned(),
            staging,
            assets,
            db,
            previous,
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
        let path = self.article_path(doc.id)?;
        fs::write(&path, article::script(facts)?)
            .map_err(|source| ReportError::io(&path, source))?;
        self.db.insert_doc(facts)?;
        let summary = DocSummary::new(
            doc.title.as_deref(),
            &doc.lang.code,
            doc.site.as_deref(),
            doc.published.as_ref().map(|date| date.value.as_str()),
            &doc.source,
        );
        self.docs.insert(doc.id, summary);
        Ok(())
    }

    /// Takes a document of the previous report from this folder (see
    /// [`Dossier::create_incremental`]) as it is: its article data file (hard-linked, not
    /// written again), its rows and its summary. Says whether it could; if not, pass the
    /// document's facts to [`Dossier::on_doc`] instead.
    pub fn reuse_doc(&mut self, id: DocId) -> Result<bool, ReportError> {
        let Some(previous) = self.previous.as_mut() else {
            return Ok(false);
        };
        let Some(summary) = previous.docs.remove(&id) else {
            return Ok(false);
        };
        let from = previous.articles.join(article_file(id));
        let to = self.article_path(id)?;
        let linked = fs::hard_link(&from, &to).or_else(|error| match error.kind() {
            std::io::ErrorKind::NotFound => Err(error),
            // A file system without hard links: a copy is still cheaper than the rows.
            _ => fs::copy(&from, &to).map(drop),
        });
        if linked.is_err() {
            // The folder lost the file since: the document is written afresh.
            self.db.delete_doc(id)?;
            return Ok(false);
        }
        self.docs.insert(id, summary);
        Ok(true)
    }

    /// Records what the store of an incremental run holds once this run is committed
    /// (`Store::next_report_token`), so that the next run into this folder may reuse this
    /// report's per-document parts.
    pub fn set_store_token(&mut self, token: String) {
        self.db.store_token = Some(token);
    }

    /// Where a document's article data file goes (its shard folder created on first use).
    fn article_path(&mut self, id: DocId) -> Result<PathBuf, ReportError> {
        let shard = (id.0 >> 56) as usize;
        let articles = self.assets.join("articles");
        if !self.article_dirs[shard] {
            let dir = articles.join(format!("{shard:02x}"));
            fs::create_dir_all(&dir).map_err(|source| ReportError::io(&dir, source))?;
            self.article_dirs[shard] = true;
        }
        Ok(articles.join(article_file(id)))
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
            mut db,
            docs,
            issues,
            changes,
            previous,
            ..
        } = self;
        if let Some(previous) = previous {
            // Documents of the earlier report this run did not have (none when the token held).
            for &id in previous.docs.keys() {
                db.delete_doc(id)?;
            }
        }
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
