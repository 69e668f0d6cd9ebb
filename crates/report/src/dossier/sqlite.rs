//! `concord.sqlite`: the documents, their sentences and mentions (written as each document is
//! written) and the corpus tables (written once the fold finishes), with foreign keys and indexes.
//!
//! Spans are stored twice: as byte offsets into the stored clean text, as in the JSON outputs,
//! and as character offsets, so `substr(text, char_start + 1, char_end - char_start)` shows them.
//! The schema is documented in `docs/SCHEMA.md`; this module holds no documents in memory.

use std::collections::HashMap;
use std::path::Path;

use concord_model::{Corpus, DocFacts, DocId, EntityId, Issue, Manifest, SourceRef, Span, SpanRef};
use rusqlite::{Connection, params};

use super::DocSummary;
use crate::ReportError;

/// The settings of the report database while it is written: no journal (a failed run's file is
/// thrown away), and a page cache of 256 MB (SQLite's default of 2 MB makes the corpus tables'
/// lookups into a large database read the disk cache page by page).
const REPORT_PRAGMAS: &str = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
     PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;";

/// Documents written between two commits.
const DOCS_PER_COMMIT: u64 = 2_000;

/// The tables, in an order that lets every foreign key point backwards or be filled later.
const SCHEMA: &str = r#"
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    size INTEGER NOT NULL,
    first TEXT,
    last TEXT,
    languages TEXT NOT NULL,
    sites TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    lang TEXT NOT NULL,
    lang_confidence REAL NOT NULL,
    site TEXT,
    published TEXT,
    published_from TEXT,
    published_inferred TEXT,
    story_id TEXT REFERENCES stories(id),
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER,
    source_offset INTEGER,
    url TEXT,
    text TEXT NOT NULL
);
CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    geonames_id INTEGER,
    lat REAL,
    lon REAL,
    mention_count INTEGER NOT NULL,
    doc_count INTEGER NOT NULL
);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence_idx INTEGER,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    base TEXT NOT NULL,
    entity_id TEXT REFERENCES entities(id)
);
CREATE TABLE variants (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    count INTEGER NOT NULL,
    mixed_script INTEGER NOT NULL,
    repaired INTEGER NOT NULL
);
CREATE TABLE story_docs (
    story_id TEXT NOT NULL REFERENCES stories(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    score REAL NOT NULL,
    matched TEXT NOT NULL,
    PRIMARY KEY (story_id, doc_id)
) WITHOUT ROWID;
CREATE TABLE copy_groups (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    original_doc_id TEXT REFERENCES documents(id),
    size INTEGER NOT NULL,
    languages TEXT NOT NULL,
    sites TEXT NOT NULL
);
CREATE TABLE copy_group_docs (
    group_id TEXT NOT NULL REFERENCES copy_groups(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    score REAL NOT NULL,
    matched TEXT NOT NULL,
    PRIMARY KEY (group_id, doc_id)
) WITHOUT ROWID;
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    what TEXT NOT NULL,
    verdict TEXT NOT NULL
);
CREATE TABLE claim_stories (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    story_id TEXT NOT NULL REFERENCES stories(id),
    PRIMARY KEY (claim_id, story_id)
) WITHOUT ROWID;
CREATE TABLE claim_values (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    idx INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    value REAL NOT NULL,
    value_max REAL,
    qualifier TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER,
    char_end INTEGER,
    text TEXT NOT NULL,
    attributed_to TEXT,
    as_of TEXT,
    repaired INTEGER NOT NULL,
    PRIMARY KEY (claim_id, idx)
);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    speaker_entity_id TEXT REFERENCES entities(id),
    story_id TEXT REFERENCES stories(id)
);
CREATE TABLE renderings (
    quote_id TEXT NOT NULL REFERENCES quotes(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    lang TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER,
    char_end INTEGER,
    text TEXT NOT NULL
);
CREATE TABLE mt_damage (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER,
    char_end INTEGER,
    text TEXT NOT NULL,
    repair TEXT NOT NULL
);
CREATE TABLE mt_evidence (
    damage_id INTEGER NOT NULL REFERENCES mt_damage(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    char_start INTEGER,
    char_end INTEGER,
    text TEXT NOT NULL
);
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER,
    source_offset INTEGER,
    url TEXT,
    doc_id TEXT,
    message TEXT NOT NULL
);
"#;

/// The tables the fold's results and the quarantine fill, emptied when a run reuses an earlier
/// run's database (the other three, `documents`, `sentences` and `mentions`, hold documents).
const CORPUS_TABLES: [&str; 15] = [
    "meta",
    "stories",
    "entities",
    "variants",
    "story_docs",
    "copy_groups",
    "copy_group_docs",
    "claims",
    "claim_stories",
    "claim_values",
    "quotes",
    "renderings",
    "mt_damage",
    "mt_evidence",
    "quarantine",
];

/// Indexes, created once the bulk inserts are done.
const INDEXES: &str = r#"
CREATE INDEX documents_story ON documents(story_id, published);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX variants_entity ON variants(entity_id, lang);
CREATE INDEX story_docs_doc ON story_docs(doc_id);
CREATE INDEX copy_group_docs_doc ON copy_group_docs(doc_id);
CREATE INDEX claim_stories_story ON claim_stories(story_id);
CREATE INDEX claim_values_doc ON claim_values(doc_id, byte_start);
CREATE INDEX renderings_quote ON renderings(quote_id);
CREATE INDEX renderings_doc ON renderings(doc_id);
CREATE INDEX quotes_story ON quotes(story_id);
CREATE INDEX mt_damage_doc ON mt_damage(doc_id);
CREATE INDEX mt_evidence_damage ON mt_evidence(damage_id);
CREATE INDEX quarantine_kind ON quarantine(kind);
"#;

/// Character offsets of a span's ends, computed in SQL from the stored text (for spans that are
/// known only once the fold finishes, when the text is no longer in memory).
const CHAR_OFFSETS: [&str; 4] = ["claim_values", "renderings", "mt_damage", "mt_evidence"];

/// Maps byte offsets of one text to character offsets, for offsets visited in any order.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    /// Characters before each 256-byte block boundary.
    blocks: Vec<u32>,
}

impl<'a> CharOffsets<'a> {
    const BLOCK: usize = 256;

    /// Indexes `text`.
    pub(crate) fn new(text: &'a str) -> CharOffsets<'a> {
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut chars = 0u32;
        for (idx, byte) in text.bytes().enumerate() {
            if idx % Self::BLOCK == 0 {
                blocks.push(chars);
            }
            if byte & 0xc0 != 0x80 {
                chars += 1;
            }
        }
        CharOffsets { text, blocks }
    }

    /// The number of characters before byte `offset` (clamped to the text).
    pub(crate) fn of(&self, offset: u32) -> u32 {
        let offset = (offset as usize).min(self.text.len());
        let block = offset / Self::BLOCK;
        let Some(&before) = self.blocks.get(block) else {
            return self.text.chars().count() as u32;
        };
        let start = block * Self::BLOCK;
        let within = self.text.as_bytes()[start..offset]
            .iter()
            .filter(|&&byte| byte & 0xc0 != 0x80)
            .count() as u32;
        before + within
    }
}

/// The open database of a run.
pub(crate) struct Database {
    conn: Connection,
    docs_since_commit: u64,
    quarantined: u64,
    /// What the store of an incremental run holds once the run is committed (`meta.store`).
    pub(crate) store_token: Option<String>,
}

fn sqlite(error: rusqlite::Error) -> ReportError {
    ReportError::Sqlite(error)
}

/// A JSON array of strings, as stored in the `matched` columns.
fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

impl Database {
    /// Creates `path` afresh (an older file is replaced) with every table.
    pub(crate) fn create(path: &Path) -> Result<Database, ReportError> {
        if path.exists() {
            std::fs::remove_file(path).map_err(|source| ReportError::io(path, source))?;
        }
        let conn = Connection::open(path).map_err(sqlite)?;
        conn.execute_batch(
            // Foreign keys are declared but not enforced while loading: a corpus that names a
            // document the report was not fed must not cost the whole report (the tests run
            // `PRAGMA foreign_key_check` on a consistent corpus).
            REPORT_PRAGMAS,
        )
        .map_err(sqlite)?;
        conn.execute_batch(SCHEMA).map_err(sqlite)?;
        conn.execute_batch("BEGIN").map_err(sqlite)?;
        Ok(Database {
            conn,
            docs_since_commit: 0,
            quarantined: 0,
            store_token: None,
        })
    }

    /// The `store` token in `meta` of the report database at `path`, if it has one (a report of
    /// an incremental run; see [`Database::reuse`]).
    pub(crate) fn store_token(path: &Path) -> Option<String> {
        let conn =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
        conn.query_row("SELECT value FROM meta WHERE key = 'store'", [], |row| {
            row.get(0)
        })
        .ok()
    }

    /// Starts from a copy of an earlier run's database at `previous`: its documents, sentences
    /// and mentions stay, everything the fold decides (corpus tables, links, indexes) and the
    /// quarantine go, so that the run goes on as if it had just inserted those documents.
    pub(crate) fn reuse(previous: &Path, path: &Path) -> Result<Database, ReportError> {
        if path.exists() {
            std::fs::remove_file(path).map_err(|source| ReportError::io(path, source))?;
        }
        std::fs::copy(previous, path).map_err(|source| ReportError::io(path, source))?;
        let conn = Connection::open(path).map_err(sqlite)?;
        conn.execute_batch(REPORT_PRAGMAS).map_err(sqlite)?;
        // Indexes, and the planner statistics of the earlier run (the run gathers its own).
        let derived: Vec<String> = conn
            .prepare(
                "SELECT type || ' \"' || replace(name, '\"', '\"\"') || '\"' FROM sqlite_master \
                 WHERE (type = 'index' AND name NOT LIKE 'sqlite_autoindex%') \
                 OR (type = 'table' AND name LIKE 'sqlite_stat%') ORDER BY name",
            )
            .and_then(|mut select| {
                select
                    .query_map([], |row| row.get(0))?
                    .collect::<Result<_, _>>()
            })
            .map_err(sqlite)?;
        let mut reset = String::from("BEGIN;");
        for item in derived {
            reset.push_str(&format!("DROP {item};"));
        }
        for table in CORPUS_TABLES {
            reset.push_str(&format!("DELETE FROM {table};"));
        }
        reset.push_str(
            "UPDATE documents SET story_id = NULL, published_inferred = NULL \
             WHERE story_id IS NOT NULL OR published_inferred IS NOT NULL;\
             UPDATE mentions SET entity_id = NULL WHERE entity_id IS NOT NULL;",
        );
        conn.execute_batch(&reset).map_err(sqlite)?;
        Ok(Database {
            conn,
            docs_since_commit: 0,
            quarantined: 0,
            store_token: None,
        })
    }

    /// What the story pages show of every document in the database.
    pub(crate) fn summaries(&self) -> Result<HashMap<DocId, DocSummary>, ReportError> {
        let mut select = self
            .conn
            .prepare(
                "SELECT id, title, lang, site, published, source_path, source_line, \
                 source_offset, url FROM documents",
            )
            .map_err(sqlite)?;
        let mut rows = select.query([]).map_err(sqlite)?;
        let mut docs = HashMap::new();
        while let Some(row) = rows.next().map_err(sqlite)? {
            let id: String = row.get(0).map_err(sqlite)?;
            let Some(id) = parse_id(&id, "") else {
                continue;
            };
            let source = SourceRef {
                path: row.get(5).map_err(sqlite)?,
                line: row
                    .get::<_, Option<i64>>(6)
                    .map_err(sqlite)?
                    .map(|l| l as u64),
                offset: row
                    .get::<_, Option<i64>>(7)
                    .map_err(sqlite)?
                    .map(|o| o as u64),
                url: row.get(8).map_err(sqlite)?,
            };
            let summary = DocSummary::new(
                row.get::<_, Option<String>>(1).map_err(sqlite)?.as_deref(),
                &row.get::<_, String>(2).map_err(sqlite)?,
                row.get::<_, Option<String>>(3).map_err(sqlite)?.as_deref(),
                row.get::<_, Option<String>>(4).map_err(sqlite)?.as_deref(),
                &source,
            );
            docs.insert(DocId(id), summary);
        }
        Ok(docs)
    }

    /// Removes a document's rows (one whose other parts cannot be reused after all).
    pub(crate) fn delete_doc(&mut self, id: DocId) -> Result<(), ReportError> {
        let id = id.to_string();
        for table in ["sentences", "mentions"] {
            self.conn
                .execute(&format!("DELETE FROM {table} WHERE doc_id = ?1"), [&id])
                .map_err(sqlite)?;
        }
        self.conn
            .execute("DELETE FROM documents WHERE id = ?1", [&id])
            .map_err(sqlite)?;
        Ok(())
    }

    fn commit_now_and_then(&mut self) -> Result<(), ReportError> {
        self.docs_since_commit += 1;
        if self.docs_since_commit >= DOCS_PER_COMMIT {
            self.conn.execute_batch("COMMIT; BEGIN").map_err(sqlite)?;
            self.docs_since_commit = 0;
        }
        Ok(())
    }

    /// Inserts a document with its sentences and mentions.
    pub(crate) fn insert_doc(&mut self, facts: &DocFacts) -> Result<(), ReportError> {
        let doc = &facts.doc;
        let id = doc.id.to_string();
        self.conn
            .prepare_cached(
                "INSERT INTO documents (id, title, lang, lang_confidence, site, published, \
                 published_from, format, content_hash, source_path, source_line, source_offset, \
                 url, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .map_err(sqlite)?
            .execute(params![
                id,
                doc.title,
                doc.lang.code,
                f64::from(doc.lang.confidence),
                doc.site,
                doc.published.as_ref().map(|date| &date.value),
                doc.published.as_ref().map(|date| date.from.as_str()),
                doc.format.as_str(),
                doc.content_hash.to_string(),
                doc.source.path,
                doc.source.line.map(|line| line as i64),
                doc.source.offset.map(|offset| offset as i64),
                doc.source.url,
                doc.text,
            ])
            .map_err(sqlite)?;
        let chars = CharOffsets::new(&doc.text);
        {
            let mut insert = self
                .conn
                .prepare_cached(
                    "INSERT INTO sentences (doc_id, idx, byte_start, byte_end, char_start, \
                     char_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sqlite)?;
            for (idx, span) in doc.sentences.iter().enumerate() {
                insert
                    .execute(params![
                        id,
                        idx as i64,
                        span.start,
                        span.end,
                        chars.of(span.start),
                        chars.of(span.end)
                    ])
                    .map_err(sqlite)?;
            }
        }
        let mut insert = self
            .conn
            .prepare_cached(
                "INSERT INTO mentions (doc_id, byte_start, byte_end, char_start, char_end, \
                 sentence_idx, text, type, base) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(sqlite)?;
        for mention in &facts.entities {
            let span = mention.span;
            insert
                .execute(params![
                    id,
                    span.start,
                    span.end,
                    chars.of(span.start),
                    chars.of(span.end),
                    sentence_of(&doc.sentences, span).map(|idx| idx as i64),
                    span.of(&doc.text),
                    mention.kind.as_str(),
                    mention.base,
                ])
                .map_err(sqlite)?;
        }
        drop(insert);
        self.commit_now_and_then()
    }

    /// Inserts a quarantined record.
    pub(crate) fn insert_issue(&mut self, issue: &Issue) -> Result<(), ReportError> {
        self.quarantined += 1;
        self.conn
            .prepare_cached(
                "INSERT INTO quarantine (id, stage, kind, source_path, source_line, \
                 source_offset, url, doc_id, message) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(sqlite)?
            .execute(params![
                self.quarantined as i64,
                issue.stage.as_str(),
                issue.kind.as_str(),
                issue.source.path,
                issue.source.line.map(|line| line as i64),
                issue.source.offset.map(|offset| offset as i64),
                issue.source.url,
                issue.doc.map(|doc| doc.to_string()),
                issue.message,
            ])
            .map_err(sqlite)?;
        Ok(())
    }

    /// Writes the corpus tables, links documents and mentions to them, computes the character
    /// offsets of the corpus spans, creates the indexes and commits.
    pub(crate) fn write_corpus_tables(
        &mut self,
        corpus: &Corpus,
        manifest: &Manifest,
    ) -> Result<(), ReportError> {
        self.write_corpus(corpus, manifest)?;
        for table in CHAR_OFFSETS {
            // byte offsets -> characters: the length of the text's first `byte_start` bytes;
            // both ends from one lookup of the text.
            let sql = format!(
                "UPDATE {table} SET (char_start, char_end) = \
                 (SELECT length(CAST(substr(CAST(d.text AS BLOB), 1, {table}.byte_start) AS TEXT)), \
                         length(CAST(substr(CAST(d.text AS BLOB), 1, {table}.byte_end) AS TEXT)) \
                  FROM documents d WHERE d.id = {table}.doc_id)"
            );
            self.conn.execute_batch(&sql).map_err(sqlite)?;
        }
        self.conn.execute_batch(INDEXES).map_err(sqlite)?;
        self.conn.execute_batch("COMMIT").map_err(sqlite)?;
        Ok(())
    }

    /// Updates the query planner's statistics and closes the file.
    pub(crate) fn close(self) -> Result<(), ReportError> {
        self.conn.execute_batch("PRAGMA optimize").map_err(sqlite)?;
        self.conn.close().map_err(|(_, error)| sqlite(error))
    }

    fn write_corpus(&mut self, corpus: &Corpus, manifest: &Manifest) -> Result<(), ReportError> {
        let conn = &self.conn;
        let mut meta = conn
            .prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")
            .map_err(sqlite)?;
        for (key, value) in [
            ("concord_version", manifest.concord_version.clone()),
            ("schema_version", manifest.schema_version.to_string()),
            ("documents", manifest.documents_out.to_string()),
            ("quarantined", manifest.quarantined.to_string()),
        ] {
            meta.execute(params![key, value]).map_err(sqlite)?;
        }
        if let Some(token) = &self.store_token {
            meta.execute(params!["store", token]).map_err(sqlite)?;
        }

        let mut story = conn
            .prepare(
                "INSERT INTO stories (id, label, size, first, last, languages, sites) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(sqlite)?;
        let mut story_doc = conn
            .prepare(
                "INSERT OR IGNORE INTO story_docs (story_id, doc_id, position, score, matched) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(sqlite)?;
        for item in &corpus.stories {
            let id = item.id.to_string();
            story
                .execute(params![
                    id,
                    item.label,
                    item.docs.len() as i64,
                    item.first,
                    item.last,
                    item.languages.join(","),
                    item.sites.join(","),
                ])
                .map_err(sqlite)?;
            let evidence: HashMap<DocId, (f32, &[String])> = item
                .evidence
                .iter()
                .map(|evidence| (evidence.doc, (evidence.score, evidence.matched.as_slice())))
                .collect();
            for (position, doc) in item.docs.iter().enumerate() {
                let (score, matched) = evidence.get(doc).copied().unwrap_or((0.0, &[]));
                story_doc
                    .execute(params![
                        id,
                        doc.to_string(),
                        position as i64,
                        f64::from(score),
                        json_list(matched)
                    ])
                    .map_err(sqlite)?;
            }
        }

        let mut link = conn
            .prepare("UPDATE documents SET story_id = ?2, published_inferred = ?3 WHERE id = ?1")
            .map_err(sqlite)?;
        for doc_link in &corpus.doc_links {
            let inferred = doc_link
                .published_inferred
                .as_ref()
                .and_then(|inferred| inferred.date.clone());
            link.execute(params![
                doc_link.id.to_string(),
                doc_link.story.map(|story| story.to_string()),
                inferred
            ])
            .map_err(sqlite)?;
        }

        let mut group = conn
            .prepare(
                "INSERT INTO copy_groups (id, kind, original_doc_id, size, languages, sites) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite)?;
        let mut group_doc = conn
            .prepare(
                "INSERT OR IGNORE INTO copy_group_docs (group_id, doc_id, position, score, matched) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(sqlite)?;
        for item in &corpus.copies {
            let id = item.id.to_string();
            group
                .execute(params![
                    id,
                    item.kind.as_str(),
                    item.original.map(|doc| doc.to_string()),
                    item.docs.len() as i64,
                    item.languages.join(","),
                    item.sites.join(","),
                ])
                .map_err(sqlite)?;
            for (position, doc) in item.docs.iter().enumerate() {
                let (score, matched) = item
                    .evidence
                    .iter()
                    .find(|evidence| evidence.doc == *doc)
                    .map(|evidence| (evidence.score, evidence.matched.as_slice()))
                    .unwrap_or((0.0, &[]));
                group_doc
                    .execute(params![
                        id,
                        doc.to_string(),
                        position as i64,
                        f64::from(score),
                        json_list(matched)
                    ])
                    .map_err(sqlite)?;
            }
        }

        let mut entity = conn
            .prepare(
                "INSERT INTO entities (id, name, type, geonames_id, lat, lon, mention_count, \
                 doc_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(sqlite)?;
        let mut variant = conn
            .prepare(
                "INSERT INTO variants (entity_id, text, lang, count, mixed_script, repaired) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite)?;
        let mut mention = conn
            .prepare(
                "UPDATE mentions SET entity_id = ?1 \
                 WHERE doc_id = ?2 AND byte_start = ?3 AND byte_end = ?4",
            )
            .map_err(sqlite)?;
        // The lookup of a mention by document and start must not scan the table.
        conn.execute_batch("CREATE INDEX mentions_doc ON mentions(doc_id, byte_start)")
            .map_err(sqlite)?;
        let mut links: Vec<(DocId, Span, usize)> = Vec::new();
        for (idx, item) in corpus.entities.iter().enumerate() {
            let id = item.id.to_string();
            entity
                .execute(params![
                    id,
                    item.name,
                    item.kind.as_str(),
                    item.geonames.map(|geo| geo.id as i64),
                    item.geonames.map(|geo| geo.lat),
                    item.geonames.map(|geo| geo.lon),
                    item.mentions.len() as i64,
                    item.docs.len() as i64,
                ])
                .map_err(sqlite)?;
            for v in &item.variants {
                variant
                    .execute(params![
                        id,
                        v.text,
                        v.lang,
                        i64::from(v.count),
                        v.mixed_script,
                        v.repaired
                    ])
                    .map_err(sqlite)?;
            }
            links.extend(item.mentions.iter().map(|at| (at.doc, at.span, idx)));
        }
        // In the order of the index, so the lookups walk it instead of jumping about it. A
        // mention two entities claim goes, as before, to the later entity.
        links.sort_unstable_by_key(|&(doc, span, idx)| (doc, span.start, span.end, idx));
        for (doc, span, idx) in links {
            let id = corpus.entities[idx].id.to_string();
            mention
                .execute(params![id, doc.to_string(), span.start, span.end])
                .map_err(sqlite)?;
        }

        let mut claim = conn
            .prepare("INSERT INTO claims (id, what, verdict) VALUES (?1, ?2, ?3)")
            .map_err(sqlite)?;
        let mut claim_story = conn
            .prepare("INSERT OR IGNORE INTO claim_stories (claim_id, story_id) VALUES (?1, ?2)")
            .map_err(sqlite)?;
        let mut value = conn
            .prepare(
                "INSERT INTO claim_values (claim_id, idx, doc_id, value, value_max, qualifier, \
                 byte_start, byte_end, text, attributed_to, as_of, repaired) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .map_err(sqlite)?;
        for item in &corpus.claims {
            let id = item.id.to_string();
            claim
                .execute(params![id, item.what, item.verdict.as_str()])
                .map_err(sqlite)?;
            for story in &item.stories {
                claim_story
                    .execute(params![id, story.to_string()])
                    .map_err(sqlite)?;
            }
            for (idx, v) in item.values.iter().enumerate() {
                value
                    .execute(params![
                        id,
                        idx as i64,
                        v.doc.to_string(),
                        v.value,
                        v.value_max,
                        v.qualifier.as_str(),
                        v.span.start,
                        v.span.end,
                        v.text,
                        v.attributed_to,
                        v.as_of,
                        v.repaired,
                    ])
                    .map_err(sqlite)?;
            }
        }

        let mut quote = conn
            .prepare("INSERT INTO quotes (id, speaker_entity_id, story_id) VALUES (?1, ?2, ?3)")
            .map_err(sqlite)?;
        let mut rendering = conn
            .prepare(
                "INSERT INTO renderings (quote_id, doc_id, lang, byte_start, byte_end, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite)?;
        for item in &corpus.quotes {
            let id = item.id.to_string();
            quote
                .execute(params![
                    id,
                    item.speaker.map(|speaker: EntityId| speaker.to_string()),
                    item.story.map(|story| story.to_string())
                ])
                .map_err(sqlite)?;
            for r in &item.renderings {
                rendering
                    .execute(params![
                        id,
                        r.doc.to_string(),
                        r.lang,
                        r.span.start,
                        r.span.end,
                        r.text
                    ])
                    .map_err(sqlite)?;
            }
        }

        let mut damage = conn
            .prepare(
                "INSERT INTO mt_damage (id, doc_id, byte_start, byte_end, text, repair) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite)?;
        let mut evidence = conn
            .prepare(
                "INSERT INTO mt_evidence (damage_id, doc_id, byte_start, byte_end, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(sqlite)?;
        for (idx, item) in corpus.mt_damage.iter().enumerate() {
            let id = idx as i64 + 1;
            damage
                .execute(params![
                    id,
                    item.doc.to_string(),
                    item.span.start,
                    item.span.end,
                    item.text,
                    item.repair
                ])
                .map_err(sqlite)?;
            for e in &item.evidence {
                evidence
                    .execute(params![
                        id,
                        e.doc.to_string(),
                        e.span.start,
                        e.span.end,
                        e.text
                    ])
                    .map_err(sqlite)?;
            }
        }
        Ok(())
    }

    /// For every entity, one mention per variant (text and language of its document), the first
    /// by document id and position: where a variant's link points.
    pub(crate) fn variant_mentions(
        &self,
    ) -> Result<HashMap<(EntityId, String, String), SpanRef>, ReportError> {
        let mut found = HashMap::new();
        let mut select = self
            .conn
            .prepare(
                "SELECT m.entity_id, m.text, d.lang, m.doc_id, m.byte_start, m.byte_end \
                 FROM mentions m JOIN documents d ON d.id = m.doc_id \
                 WHERE m.entity_id IS NOT NULL ORDER BY m.doc_id DESC, m.byte_start DESC",
            )
            .map_err(sqlite)?;
        let mut rows = select.query([]).map_err(sqlite)?;
        while let Some(row) = rows.next().map_err(sqlite)? {
            let entity: String = row.get(0).map_err(sqlite)?;
            let text: String = row.get(1).map_err(sqlite)?;
            let lang: String = row.get(2).map_err(sqlite)?;
            let doc: String = row.get(3).map_err(sqlite)?;
            let (Some(entity), Some(doc)) = (parse_id(&entity, "e-"), parse_id(&doc, "")) else {
                continue;
            };
            let start: u32 = row.get(4).map_err(sqlite)?;
            let end: u32 = row.get(5).map_err(sqlite)?;
            // Rows come last-first, so the first mention is the one left in the map.
            found.insert(
                (EntityId(entity), text, lang),
                SpanRef {
                    doc: DocId(doc),
                    span: Span { start, end },
                },
            );
        }
        Ok(found)
    }
}

/// Parses an id printed as `prefix` and 16 hex digits.
fn parse_id(text: &str, prefix: &str) -> Option<u64> {
    u64::from_str_radix(text.strip_prefix(prefix)?, 16).ok()
}

/// The index of the sentence holding `span`'s start.
pub(crate) fn sentence_of(sentences: &[Span], span: Span) -> Option<usize> {
    let idx = sentences.partition_point(|sentence| sentence.end <= span.start);
    sentences
        .get(idx)
        .filter(|sentence| sentence.start <= span.start)
        .map(|_| idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Путин said «hi» to Πούτιν. ".repeat(40);
        let chars = CharOffsets::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(
                chars.of(byte as u32),
                text[..byte].chars().count() as u32,
                "{byte}"
            );
        }
        assert_eq!(chars.of(text.len() as u32), text.chars().count() as u32);
        assert_eq!(chars.of(u32::MAX), text.chars().count() as u32);
        assert_eq!(CharOffsets::new("").of(3), 0);
    }

    #[test]
    fn sentence_of_finds_the_holding_sentence() {
        let sentences = [Span::new(0, 10), Span::new(11, 20), Span::new(22, 30)];
        for (start, expected) in [
            (0, Some(0)),
            (9, Some(0)),
            (10, None),
            (11, Some(1)),
            (21, None),
            (29, Some(2)),
            (30, None),
        ] {
            assert_eq!(
                sentence_of(&sentences, Span::new(start, start + 1)),
                expected,
                "{start}"
            );
        }
    }
}
