//! The store of an incremental run (`run --store DIR`): what a later run over a growing corpus
//! needs of the documents an earlier run processed.
//!
//! It is one SQLite file, `DIR/concord-store.sqlite` (SQLite because the project already links it
//! for the report's database, it is the most widely used embedded database, and its transactions
//! make a run all or nothing: killed at any moment, the store is as before the run). It holds:
//! - every document's facts (so the report and `--all-documents` cover the whole corpus) and its
//!   reconcile digest (so reconcile folds old documents without re-reading them), in input order;
//! - every quarantined record, keyed by where it came from, so the report counts them once;
//! - normalize's repeated-line statistics, so the next run cleans as one run over everything would;
//! - the summary of the last run's corpus, from which the next run tells what changed;
//! - the generation (runs committed), from which [`Store::report_token`] names the document set a
//!   report was written for, so the next run into the same folder keeps that report's
//!   per-document parts instead of writing them again.
//!
//! A run writes everything in one transaction, committed when its outputs are written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use concord_model::codec::{self, CodecError};
use concord_model::{
    CorpusSummary, DocDigest, DocFacts, DocId, Issue, RepeatStats, SCHEMA_VERSION,
};
use rusqlite::{Connection, OptionalExtension, params};

/// The file name of the store inside its folder.
pub const STORE_FILE: &str = "concord-store.sqlite";

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error("store {}: {source}", path.display())]
    Sqlite {
        /// The store file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored value cannot be read back.
    #[error("store {}: {source}", path.display())]
    Codec {
        /// The store file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: CodecError,
    },
    /// The store was written by a concord with other message types.
    #[error(
        "store {} holds schema {found}, this concord writes schema {SCHEMA_VERSION}: start a new store (or rerun everything into it)",
        path.display()
    )]
    Schema {
        /// The store file.
        path: PathBuf,
        /// The schema found.
        found: i64,
    },
    /// The folder cannot be created.
    #[error("cannot create store folder {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// An open store, inside the transaction of the current run.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    next_seq: i64,
    /// Runs committed before this one.
    generation: u64,
    /// The sum of [`mix`] over the stored document ids (order-free, updated as documents are added).
    id_sum: u64,
}

/// A 64-bit mix of a document id, so that a sum of them names a set.
fn mix(id: DocId) -> u64 {
    concord_reconcile::fold::mix(id.0.wrapping_add(0x9e37_79b9_7f4a_7c15))
}

/// Where a quarantined record came from and why, as the key a later run recognises it by.
pub fn place(issue: &Issue) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        issue.source.path,
        issue.source.line.map_or(String::new(), |l| l.to_string()),
        issue.source.offset.map_or(String::new(), |o| o.to_string()),
        issue.kind.as_str()
    )
}

/// One stored document, as the next run replays it.
pub struct StoredDoc {
    /// Its id.
    pub id: DocId,
    /// Its facts, encoded: decoded with [`Store::facts`] only when needed (the report of the
    /// previous run may already hold everything a document contributes).
    facts: Vec<u8>,
    /// Its reconcile digest.
    pub digest: DocDigest,
}

impl Store {
    /// Opens (or creates) the store in `dir` and begins the run's transaction.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(STORE_FILE);
        let conn = Connection::open(&path).map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let mut store = Store {
            conn,
            path,
            next_seq: 0,
            generation: 0,
            id_sum: 0,
        };
        store.init()?;
        Ok(store)
    }

    fn sqlite(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn codec(&self) -> impl Fn(CodecError) -> StoreError + '_ {
        |source| StoreError::Codec {
            path: self.path.clone(),
            source,
        }
    }

    fn init(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = DELETE;
                 PRAGMA synchronous = FULL;
                 CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                 CREATE TABLE IF NOT EXISTS docs (
                     seq INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE,
                     facts BLOB NOT NULL, digest BLOB NOT NULL);
                 CREATE TABLE IF NOT EXISTS issues (
                     seq INTEGER PRIMARY KEY, place TEXT NOT NULL UNIQUE, issue BLOB NOT NULL);
                 BEGIN IMMEDIATE;",
            )
            .map_err(self.sqlite())?;
        let schema: Option<Vec<u8>> = self.state("schema")?;
        match schema {
            None => self.put_state("schema", &i64::from(SCHEMA_VERSION).to_le_bytes())?,
            Some(bytes) => {
                let found = bytes.try_into().map(i64::from_le_bytes).unwrap_or(i64::MIN);
                if found != i64::from(SCHEMA_VERSION) {
                    return Err(StoreError::Schema {
                        path: self.path.clone(),
                        found,
                    });
                }
            }
        }
        self.next_seq = self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), -1) + 1 FROM docs", [], |r| {
                r.get(0)
            })
            .map_err(self.sqlite())?;
        self.generation = self
            .state("generation")?
            .and_then(|bytes| bytes.try_into().ok())
            .map_or(0, u64::from_le_bytes);
        self.id_sum = self.ids()?.into_iter().map(mix).fold(0, u64::wrapping_add);
        Ok(())
    }

    fn state(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.sqlite())
    }

    fn put_state(&self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO state (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(self.sqlite())
    }

    /// How many documents the store holds.
    pub fn documents(&self) -> Result<u64, StoreError> {
        Ok(self.next_seq as u64)
    }

    /// Names what the store holds after `generation` committed runs: its folder, the generation
    /// and its set of documents. A report written by a run records the token the store has once
    /// that run is committed; the next run finds the same token only if nothing came between.
    fn token(&self, generation: u64) -> String {
        let folder = self
            .path
            .canonicalize()
            .unwrap_or_else(|_| self.path.clone());
        let mut hash = mix(DocId(generation));
        for byte in folder.to_string_lossy().bytes() {
            hash = mix(DocId(hash ^ u64::from(byte)));
        }
        format!(
            "{hash:016x}-{generation}-{}-{:016x}",
            self.next_seq, self.id_sum
        )
    }

    /// The token of the store as the last committed run left it (see [`Store::token`]).
    pub fn report_token(&self) -> String {
        self.token(self.generation)
    }

    /// The token the store will have once this run is committed, with the documents added so far.
    pub fn next_report_token(&self) -> String {
        self.token(self.generation + 1)
    }

    /// The ids of every stored document (8 bytes each in memory).
    pub fn ids(&self) -> Result<HashSet<DocId>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT id FROM docs")
            .map_err(self.sqlite())?;
        let rows = statement
            .query_map([], |r| r.get::<_, i64>(0))
            .map_err(self.sqlite())?;
        let mut ids = HashSet::new();
        for id in rows {
            ids.insert(DocId(id.map_err(self.sqlite())? as u64));
        }
        Ok(ids)
    }

    /// Every stored document in input order, one at a time (the store is read as it goes, never
    /// loaded whole).
    pub fn each_doc(
        &self,
        mut visit: impl FnMut(StoredDoc) -> Result<(), crate::PipelineError>,
    ) -> Result<(), crate::PipelineError> {
        let mut statement = self
            .conn
            .prepare("SELECT id, facts, digest FROM docs ORDER BY seq")
            .map_err(self.sqlite())?;
        let mut rows = statement.query([]).map_err(self.sqlite())?;
        while let Some(row) = rows.next().map_err(self.sqlite())? {
            let id: i64 = row.get(0).map_err(self.sqlite())?;
            let facts: Vec<u8> = row.get(1).map_err(self.sqlite())?;
            let digest: Vec<u8> = row.get(2).map_err(self.sqlite())?;
            visit(StoredDoc {
                id: DocId(id as u64),
                facts,
                digest: codec::decode(&digest).map_err(self.codec())?,
            })?;
        }
        Ok(())
    }

    /// A stored document's facts.
    pub fn facts(&self, stored: &StoredDoc) -> Result<DocFacts, StoreError> {
        codec::decode(&stored.facts).map_err(self.codec())
    }

    /// Every stored quarantined record, in the order first seen.
    pub fn each_issue(
        &self,
        mut visit: impl FnMut(Issue) -> Result<(), crate::PipelineError>,
    ) -> Result<(), crate::PipelineError> {
        let mut statement = self
            .conn
            .prepare("SELECT issue FROM issues ORDER BY seq")
            .map_err(self.sqlite())?;
        let mut rows = statement.query([]).map_err(self.sqlite())?;
        while let Some(row) = rows.next().map_err(self.sqlite())? {
            let issue: Vec<u8> = row.get(0).map_err(self.sqlite())?;
            visit(codec::decode(&issue).map_err(self.codec())?)?;
        }
        Ok(())
    }

    /// Adds a document processed by this run.
    pub fn add_doc(&mut self, facts: &DocFacts, digest: &DocDigest) -> Result<(), StoreError> {
        let facts_bytes = codec::encode(facts).map_err(self.codec())?;
        let digest_bytes = codec::encode(digest).map_err(self.codec())?;
        let added = self
            .conn
            .prepare_cached(
                "INSERT INTO docs (seq, id, facts, digest) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![
                    self.next_seq,
                    facts.doc.id.0 as i64,
                    facts_bytes,
                    digest_bytes
                ])
            })
            .map_err(self.sqlite())?;
        // The same document twice in one run (a file named twice) is stored once.
        if added > 0 {
            self.next_seq += 1;
            self.id_sum = self.id_sum.wrapping_add(mix(facts.doc.id));
        }
        Ok(())
    }

    /// Adds a quarantined record unless the same place was quarantined before; says whether it
    /// is new.
    pub fn add_issue(&mut self, issue: &Issue) -> Result<bool, StoreError> {
        let place = place(issue);
        let bytes = codec::encode(issue).map_err(self.codec())?;
        let added = self
            .conn
            .prepare_cached(
                "INSERT INTO issues (place, issue) VALUES (?1, ?2) ON CONFLICT(place) DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![place, bytes]))
            .map_err(self.sqlite())?;
        Ok(added > 0)
    }

    /// Normalize's repeated-line statistics after the last run.
    pub fn repeat_stats(&self) -> Result<Option<RepeatStats>, StoreError> {
        self.state("repeat")?
            .map(|bytes| codec::decode(&bytes).map_err(self.codec()))
            .transpose()
    }

    /// The summary of the last run's corpus (empty before the first run).
    pub fn summary(&self) -> Result<CorpusSummary, StoreError> {
        Ok(self
            .state("summary")?
            .map(|bytes| codec::decode(&bytes).map_err(self.codec()))
            .transpose()?
            .unwrap_or_default())
    }

    /// Records this run's statistics and corpus summary and commits the run.
    pub fn commit(self, repeat: &RepeatStats, summary: &CorpusSummary) -> Result<(), StoreError> {
        self.put_state("repeat", &codec::encode(repeat).map_err(self.codec())?)?;
        self.put_state("summary", &codec::encode(summary).map_err(self.codec())?)?;
        self.put_state("generation", &(self.generation + 1).to_le_bytes())?;
        self.conn.execute_batch("COMMIT").map_err(self.sqlite())
    }
}
