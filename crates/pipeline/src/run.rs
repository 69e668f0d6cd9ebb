//! The streaming run: reader thread, stage pumps, rayon pool, output writer.
//!
//! ```text
//! reader ─Batch<Record>─▶ ingest pump ─Batch<RawDoc>─▶ normalize pump ─Batch<CleanDoc>─▶ extract pump
//!                          └───────────────── pool.install(par_iter) ──────────────────┘
//!        ─Batch<DocFacts>─▶ writer (calling thread)
//! ```
//!
//! Memory in flight is bounded in bytes: the reader leases every record's bytes from a [`Budget`]
//! and the writer gives them back (see `budget.rs`); channels also bound the number of batches.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Instant;

use concord_extract::Extractor;
use concord_ingest::{Record, RecordSink};
use concord_model::codec::{CodecError, FrameReader, FrameWriter, Message};
use concord_model::{
    Batch, CleanDoc, Corpus, CorpusCounts, DocFacts, DocId, Issue, IssueKind, Item, Manifest,
    RawDoc, SCHEMA_VERSION, SourceRef, Stage, StageStats,
};
use concord_normalize::{Normalizer, RepeatTracker, RunContext};
use concord_reconcile::{Reconciler, changes};
use concord_report::{Counts, Dossier, OutputFiles, ReportError};
use crossbeam_channel::{Receiver, Sender, bounded};
use rayon::prelude::*;
use serde::Serialize;

use crate::budget::{Budget, Lease, Parcel};
use crate::cluster::{Owner, Share};
use crate::store::{self, Store};
use crate::{PipelineConfig, RunOptions};

/// Why a run stopped. Bad records never stop a run; these are failures of the run itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// An input named by the user cannot be used.
    #[error(transparent)]
    Input(#[from] concord_ingest::Error),
    /// An output file cannot be written.
    #[error("cannot write {}", path.display())]
    Output {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// An output file cannot be written.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// An intermediate file cannot be encoded or decoded.
    #[error("intermediate file {}", path.display())]
    Codec {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: CodecError,
    },
    /// The worker pool could not be started.
    #[error("cannot start {threads} worker threads: {message}")]
    Pool {
        /// Threads asked for.
        threads: usize,
        /// The pool's error.
        message: String,
    },
    /// An intermediate file cannot be opened.
    #[error("cannot read {}", path.display())]
    Intermediate {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// The normalize stage could not be set up.
    #[error("cannot set up normalize")]
    Normalize(#[from] concord_normalize::Error),
    /// The extract stage could not be set up (its model is missing or damaged).
    #[error("cannot set up extract (`cargo xtask train ner` rebuilds data/models/ner.bin)")]
    Extract(#[from] concord_extract::Error),
    /// The store of an incremental run cannot be used.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A process of a cluster run failed, or lost another.
    #[error("cluster: {0}")]
    Cluster(String),
    /// `explain` was asked about a document that is not in its input, or a path naming several.
    #[error("{0}")]
    NoSuchDocument(String),
    /// Records were lost between input and output: a bug, reported rather than hidden.
    #[error(
        "accounting mismatch: {records_in} records in, {documents_out} documents + {quarantined} quarantined + {skipped} already stored out"
    )]
    Accounting {
        /// Records read.
        records_in: u64,
        /// Documents this run processed and wrote.
        documents_out: u64,
        /// Records quarantined.
        quarantined: u64,
        /// Records whose document the store already held.
        skipped: u64,
    },
}

/// Receives progress of a run (a terminal progress bar, or nothing). Called from several threads.
pub trait Progress: Sync {
    /// The run starts; `total_bytes` is the size of the inputs (0 when unknown, as for stdin).
    fn start(&self, total_bytes: u64) {
        let _ = total_bytes;
    }
    /// Input bytes read so far.
    fn read(&self, bytes: u64) {
        let _ = bytes;
    }
    /// Documents and quarantined records written so far.
    fn written(&self, documents: u64, quarantined: u64) {
        let _ = (documents, quarantined);
    }
    /// The run enters a new phase (after the documents: reconciling, then writing the reports).
    fn phase(&self, phase: Phase) {
        let _ = phase;
    }
}

/// The phases of a run, in order. Only the first streams documents; the others work on the
/// whole corpus and can take a while on large inputs, so a progress display names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading, cleaning and extracting documents, written as they come.
    Documents,
    /// Folding the documents' digests into stories, copy groups and the rest.
    Reconciling,
    /// Writing the corpus-level outputs.
    Reporting,
}

impl Phase {
    /// What the phase does, for a person.
    pub fn describe(self) -> &'static str {
        match self {
            Phase::Documents => "reading documents",
            Phase::Reconciling => "reconciling",
            Phase::Reporting => "writing reports",
        }
    }
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Runs the whole pipeline on `options.inputs` and writes `docs.jsonl`, `quarantine.jsonl`,
/// the corpus-level files, the report and `manifest.json` (plus intermediate files on request)
/// into `options.out`.
///
/// With [`RunOptions::store`] the run is incremental: documents the store holds are not processed
/// again, the corpus-level outputs and the report cover every stored document, and
/// `changes.jsonl` says what changed since the previous run (see `store.rs`).
pub fn run(
    config: &PipelineConfig,
    options: &RunOptions,
    progress: &dyn Progress,
) -> Result<Manifest, PipelineError> {
    run_local(config, options, progress, None)
}

/// [`run`], or with `share` one process's part of a cluster run (see `cluster.rs`): only the
/// documents of its sites, digests sent on instead of folded, `facts.bin` instead of a report.
pub(crate) fn run_local(
    config: &PipelineConfig,
    options: &RunOptions,
    progress: &dyn Progress,
    share: Option<&Share>,
) -> Result<Manifest, PipelineError> {
    let started = Instant::now();
    let threads = options.threads.max(1);
    // A mistyped path fails here, before any output of an earlier run is touched.
    concord_ingest::check_inputs(&options.inputs)?;
    let mut store = options.store.as_deref().map(Store::open).transpose()?;
    let mut outputs = OutputFiles::create(&options.out)?;
    let pool = worker_pool(threads)?;
    let normalizer = Normalizer::new(&config.normalize)?;
    let extractor = Extractor::new(&config.extract)?;
    progress.start(concord_ingest::total_input_bytes(&options.inputs));

    let capacity = options.effective_capacity();
    let (record_tx, record_rx) = bounded::<Parcel<Record>>(capacity);
    let (raw_tx, raw_rx) = bounded::<Parcel<RawDoc>>(capacity);
    let (clean_tx, clean_rx) = bounded::<Parcel<CleanDoc>>(capacity);
    let (facts_tx, facts_rx) = bounded::<Parcel<DocFacts>>(capacity);
    let tap = |name: &str, kind: &str| match options.emit_intermediate {
        true => Tap::create(&options.out.join(name), kind).map(Some),
        false => Ok(None),
    };
    let mut raw_tap = tap("raw.bin", RawDoc::KIND)?;
    let mut clean_tap = tap("clean.bin", CleanDoc::KIND)?;
    let mut facts_tap = match share {
        Some(_) => Some(Tap::create(&options.out.join("facts.bin"), DocFacts::KIND)?),
        None => tap("facts.bin", DocFacts::KIND)?,
    };
    let replaced_bytes = AtomicU64::new(0);

    // A cluster process writes no report: `report --input DIR...` builds it from every process's.
    let mut dossier = match (share, &store) {
        (Some(_), _) => None,
        (None, Some(store)) => Some(Dossier::create_incremental(
            &options.out,
            &store.report_token(),
        )?),
        (None, None) => Some(Dossier::create(&options.out)?),
    };
    let mut reconciler = Reconciler::new(&config.reconcile);
    let mut fold = StageStats {
        name: "reconcile".to_owned(),
        ..StageStats::default()
    };
    let mut resume = Resume::new(store.as_ref(), config.repeat_budget_bytes)?;
    resume.owner = share.map(Share::owner);
    let mut replayed = 0;
    if let Some(store) = &store {
        let replay_started = Instant::now();
        let (mut stored_docs, mut reused) = (0u64, 0u64);
        // The stored documents first, in input order, as one run over everything writes them.
        store.each_doc(|stored| {
            // The previous report in this folder may hold the document already.
            let reported = match dossier.as_mut() {
                Some(dossier) => dossier.reuse_doc(stored.id)?,
                None => true,
            };
            if options.all_documents || !reported {
                let facts = store.facts(&stored)?;
                if options.all_documents {
                    outputs.write_doc(&facts)?;
                    replayed += 1;
                }
                if let (false, Some(dossier)) = (reported, dossier.as_mut()) {
                    dossier.on_doc(&facts)?;
                }
            }
            reconciler.push_digest(stored.digest);
            stored_docs += 1;
            reused += u64::from(reported);
            Ok(())
        })?;
        tracing::debug!(
            stored_docs,
            reused,
            seconds = replay_started.elapsed().as_secs_f64(),
            "Stored documents replayed (reused: taken from the previous report in the folder)."
        );
    }
    let mut writer = Writer {
        outputs: &mut outputs,
        dossier: dossier.as_mut(),
        reconciler: &mut reconciler,
        fold: &mut fold,
        store: store.as_mut(),
        places: HashSet::new(),
        profiles: config.reconcile.profiles,
        forward: share,
    };
    let (read_result, stage_results, write_result) = thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let _span = tracing::info_span!("stage", name = "read").entered();
            let mut sink = BatchingSink::new(record_tx, options.batch_size, capacity, progress);
            let result = concord_ingest::read_inputs(&config.ingest, &options.inputs, &mut sink);
            sink.flush();
            result
        });
        let ingest = scope.spawn(|| {
            pump(
                "ingest",
                &pool,
                record_rx,
                raw_tx,
                raw_tap.as_mut(),
                |record| {
                    let doc = concord_ingest::decode(&config.ingest, record)?;
                    replaced_bytes.fetch_add(doc.decoding.replaced, Ordering::Relaxed);
                    Ok(doc)
                },
            )
        });
        let normalize = scope.spawn(|| {
            normalize_pump(
                &pool,
                &normalizer,
                &mut resume,
                raw_rx,
                clean_tx,
                clean_tap.as_mut(),
            )
        });
        let extract = scope.spawn(|| {
            pump(
                "extract",
                &pool,
                clean_rx,
                facts_tx,
                facts_tap.as_mut(),
                |doc| extractor.extract(doc),
            )
        });
        let write_result = writer.write_and_fold(facts_rx, progress);
        let read_result = join(reader);
        let stage_results = [join(ingest), join(normalize), join(extract)];
        (read_result, stage_results, write_result)
    });
    let read_stats = read_result?;
    let mut stages = Vec::new();
    for result in stage_results {
        stages.push(result?);
    }
    write_result?;
    let places = std::mem::take(&mut writer.places);
    for tap in [raw_tap, clean_tap, facts_tap].into_iter().flatten() {
        tap.finish()?;
    }
    if let Some(store) = &store {
        // Records quarantined by an earlier run and not read again count once in the report.
        store.each_issue(|issue| {
            if let (false, Some(dossier)) =
                (places.contains(&store::place(&issue)), dossier.as_mut())
            {
                dossier.on_issue(&issue)?;
            }
            Ok(())
        })?;
    }
    progress.phase(Phase::Reconciling);
    let corpus = match share {
        // A cluster's corpus is folded on process 0, from every process's digests.
        Some(_) => Corpus::default(),
        None => timed(&mut fold, || reconciler.finish()),
    };
    fold.emitted = corpus.doc_links.len() as u64;
    stages.push(fold);
    progress.phase(Phase::Reporting);
    if share.is_none() {
        concord_report::write_corpus(&options.out, &corpus)?;
    }
    let summary = match &store {
        Some(store) => {
            let changes = changes::changes(&store.summary()?, &corpus);
            concord_report::write_changes(&options.out, &changes)?;
            if let Some(dossier) = dossier.as_mut() {
                dossier.set_changes(changes);
            }
            Some(changes::summary(&corpus))
        }
        None => None,
    };
    let counts = outputs.counts().clone();

    let manifest = Manifest {
        concord_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: SCHEMA_VERSION,
        threads,
        inputs: options
            .inputs
            .iter()
            .map(|path| path.display().to_string())
            .collect(),
        files_seen: read_stats.files,
        bytes_in: read_stats.bytes,
        records_in: read_stats.records,
        documents_out: counts.documents,
        quarantined: counts.quarantined,
        stored_before: resume.stored_before,
        skipped: resume.skipped,
        issues_by_kind: counts.issues_by_kind,
        replaced_bytes: replaced_bytes.into_inner(),
        repairs: counts.repairs,
        corpus: CorpusCounts::of(&corpus),
        stages,
        language_gaps: language_gaps(),
        wall_seconds: started.elapsed().as_secs_f64(),
    };
    outputs.finish(Some(&manifest))?;
    if let Some(mut dossier) = dossier {
        if let Some(store) = &store {
            dossier.set_store_token(store.next_report_token());
        }
        let report_started = Instant::now();
        dossier.finish(&corpus, &manifest)?;
        tracing::debug!(
            seconds = report_started.elapsed().as_secs_f64(),
            "Report written."
        );
    }
    let processed = manifest.documents_out - replayed;
    if manifest.records_in != processed + manifest.quarantined + manifest.skipped {
        return Err(PipelineError::Accounting {
            records_in: manifest.records_in,
            documents_out: processed,
            quarantined: manifest.quarantined,
            skipped: manifest.skipped,
        });
    }
    if let (Some(store), Some(summary)) = (store, summary) {
        // Last: a run killed before this line leaves the store as it was.
        store.commit(&resume.tracker.snapshot(), &summary)?;
    }
    Ok(manifest)
}

/// What the normalize pump goes on from: the repeated-line statistics (an earlier run's, from the
/// store) and the documents not to process again.
pub(crate) struct Resume {
    tracker: RepeatTracker,
    seen: HashSet<DocId>,
    /// Documents the store held when the run began.
    stored_before: u64,
    /// Records of this run whose document the store already held, or (in a cluster) that
    /// another process takes.
    skipped: u64,
    /// In a cluster: which process takes a record (this one keeps its own).
    pub(crate) owner: Option<Owner>,
}

impl Resume {
    /// A fresh start without a store, or where `store` left off.
    pub(crate) fn new(store: Option<&Store>, budget: usize) -> Result<Resume, PipelineError> {
        let Some(store) = store else {
            return Ok(Resume {
                tracker: RepeatTracker::new(budget),
                seen: HashSet::new(),
                stored_before: 0,
                skipped: 0,
                owner: None,
            });
        };
        let tracker = match store.repeat_stats()? {
            Some(stats) => RepeatTracker::resume(&stats, budget),
            None => RepeatTracker::new(budget),
        };
        Ok(Resume {
            tracker,
            seen: store.ids()?,
            stored_before: store.documents()?,
            skipped: 0,
            owner: None,
        })
    }
}

/// Joins a scoped thread, re-raising its panic (a panic is a bug, not a data problem).
pub(crate) fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The normalize stage: a sequential pass on this pump thread that hands each document what the
/// site's earlier documents say about its lines (in input order), then the per-document normalizer
/// in the pool.
///
/// The repeat tracker holds no document back, so every batch goes on as soon as it is cleaned, with
/// its lease; the result depends on neither the thread count nor the batch size.
pub(crate) fn normalize_pump(
    pool: &rayon::ThreadPool,
    normalizer: &Normalizer,
    resume: &mut Resume,
    rx: Receiver<Parcel<RawDoc>>,
    tx: Sender<Parcel<CleanDoc>>,
    mut tap: Option<&mut Tap>,
) -> Result<StageStats, PipelineError> {
    let _span = tracing::info_span!("stage", name = "normalize").entered();
    let mut stats = StageStats {
        name: "normalize".to_owned(),
        ..StageStats::default()
    };
    for Parcel { batch, lease } in rx {
        let started = Instant::now();
        let before = batch.items.len() as u64;
        // Documents an earlier run stored are not cleaned again, nor counted by the tracker; in a
        // cluster, neither are the records another process takes.
        let items: Vec<Item<RawDoc>> = batch
            .items
            .into_iter()
            .filter(|item| !matches!(item, Item::Doc(doc) if resume.seen.contains(&doc.id)))
            .filter(|item| resume.owner.as_ref().is_none_or(|owner| owner.keeps(item)))
            .collect();
        resume.skipped += before - items.len() as u64;
        let received = items.iter().filter(|i| matches!(i, Item::Doc(_))).count() as u64;
        let ready: Vec<Item<(RawDoc, RunContext)>> = items
            .into_iter()
            .map(|item| {
                item.and_then(|doc| {
                    let context = resume.tracker.observe(&doc);
                    Ok((doc, context))
                })
            })
            .collect();
        let items: Vec<Item<CleanDoc>> = pool.install(|| {
            ready
                .into_par_iter()
                .map(|item| {
                    item.and_then(|(doc, context)| {
                        guarded(Stage::Normalize, doc, &|doc| {
                            normalizer.normalize(doc, &context)
                        })
                    })
                })
                .collect()
        });
        let out = Batch {
            seq: batch.seq,
            items,
        };
        let emitted = out.n_docs() as u64;
        stats.received += received;
        stats.emitted += emitted;
        stats.quarantined += received - emitted;
        stats.busy_seconds += started.elapsed().as_secs_f64();
        if let Some(tap) = tap.as_deref_mut() {
            tap.write(&out)?;
        }
        if tx.send(Parcel { batch: out, lease }).is_err() {
            break;
        }
    }
    Ok(stats)
}

/// A batch is closed once its records hold this many bytes, whatever `--batch-size` says, so that
/// a batch of large pages does not take the whole in-flight budget.
const BATCH_BYTES: usize = 1 << 20;

/// The in-flight byte budget of a pipeline whose channels hold `capacity` batches: as many full
/// batches as one channel holds plus the two being formed and written, so the pool never starves
/// for lack of budget while channels elsewhere drain.
fn in_flight_budget(capacity: usize) -> Arc<Budget> {
    Budget::new((BATCH_BYTES * (capacity + 2)) as u64)
}

/// The rayon pool that does every stage's CPU work.
pub(crate) fn worker_pool(threads: usize) -> Result<rayon::ThreadPool, PipelineError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|idx| format!("concord-worker-{idx}"))
        .build()
        .map_err(|err| PipelineError::Pool {
            threads,
            message: err.to_string(),
        })
}

/// Collects records into batches and sends them on, each record's bytes leased from the in-flight
/// budget of a pipeline whose channels hold `capacity` batches; stops the reader when the pipeline
/// is gone.
pub(crate) struct BatchingSink<'a> {
    tx: Sender<Parcel<Record>>,
    batch_size: usize,
    /// Record bytes in the batch being formed.
    bytes: usize,
    seq: u64,
    items: Vec<Item<Record>>,
    budget: Arc<Budget>,
    /// The budget held by the batch being formed.
    lease: Lease,
    progress: &'a dyn Progress,
    disconnected: bool,
}

impl<'a> BatchingSink<'a> {
    pub(crate) fn new(
        tx: Sender<Parcel<Record>>,
        batch_size: usize,
        capacity: usize,
        progress: &'a dyn Progress,
    ) -> BatchingSink<'a> {
        let batch_size = batch_size.max(1);
        BatchingSink {
            tx,
            batch_size,
            bytes: 0,
            seq: 0,
            items: Vec::with_capacity(batch_size),
            budget: in_flight_budget(capacity),
            lease: Lease::none(),
            progress,
            disconnected: false,
        }
    }

    pub(crate) fn flush(&mut self) {
        if self.items.is_empty() || self.disconnected {
            return;
        }
        let items = std::mem::replace(&mut self.items, Vec::with_capacity(self.batch_size));
        self.bytes = 0;
        let batch = Batch {
            seq: self.seq,
            items,
        };
        self.seq += 1;
        let lease = std::mem::take(&mut self.lease);
        // A closed channel means the writer stopped (it reports why); stop reading quietly.
        self.disconnected = self.tx.send(Parcel { batch, lease }).is_err();
    }

    /// Leases a record's bytes; when the budget is spent, first sends the batch being formed (it
    /// holds budget too) and then waits for the writer to give bytes back.
    fn lease(&mut self, bytes: usize) {
        let bytes = bytes as u64;
        let lease = match self.budget.try_take(bytes) {
            Some(lease) => lease,
            None => {
                self.flush();
                if self.disconnected {
                    return;
                }
                self.budget.take(bytes)
            }
        };
        self.lease.merge(lease);
    }
}

impl RecordSink for BatchingSink<'_> {
    fn record(&mut self, item: Item<Record>) -> ControlFlow<()> {
        if self.disconnected {
            return ControlFlow::Break(());
        }
        if let Item::Doc(record) = &item {
            self.lease(record.bytes.len());
            self.bytes += record.bytes.len();
        }
        self.items.push(item);
        // Large pages close a batch early, so memory in flight is bounded in bytes, not only in
        // records. Where batches end never changes the output.
        if self.items.len() >= self.batch_size || self.bytes >= BATCH_BYTES {
            self.flush();
        }
        match self.disconnected {
            true => ControlFlow::Break(()),
            false => ControlFlow::Continue(()),
        }
    }

    fn progress(&mut self, bytes_read: u64) {
        self.progress.read(bytes_read);
    }
}

/// Runs a per-document stage over every batch of `rx`, in the pool, keeping order; sends results on.
///
/// Runs on its own (non-pool) thread: only this thread blocks on channels.
pub(crate) fn pump<I: Send + Located, O: Send + Serialize>(
    name: &str,
    pool: &rayon::ThreadPool,
    rx: Receiver<Parcel<I>>,
    tx: Sender<Parcel<O>>,
    mut tap: Option<&mut Tap>,
    stage: impl Fn(I) -> Result<O, Issue> + Sync,
) -> Result<StageStats, PipelineError> {
    let _span = tracing::info_span!("stage", name).entered();
    let mut stats = StageStats {
        name: name.to_owned(),
        ..StageStats::default()
    };
    for Parcel { batch, lease } in rx {
        let started = Instant::now();
        let received = batch.n_docs() as u64;
        let items: Vec<Item<O>> = pool.install(|| {
            batch
                .items
                .into_par_iter()
                .map(|item| item.and_then(|input| guarded(stage_of(name), input, &stage)))
                .collect()
        });
        let out = Batch {
            seq: batch.seq,
            items,
        };
        let emitted = out.n_docs() as u64;
        stats.received += received;
        stats.emitted += emitted;
        stats.quarantined += received - emitted;
        stats.busy_seconds += started.elapsed().as_secs_f64();
        tracing::debug!(seq = out.seq, received, emitted, "Batch done.");
        if let Some(tap) = tap.as_deref_mut() {
            tap.write(&out)?;
        }
        if tx.send(Parcel { batch: out, lease }).is_err() {
            break;
        }
    }
    Ok(stats)
}

/// Something a stage takes, with the place it came from (for the issue that replaces it when the
/// stage fails on it).
pub(crate) trait Located {
    fn source(&self) -> &SourceRef;
    fn doc(&self) -> Option<DocId>;
}

impl Located for Record {
    fn source(&self) -> &SourceRef {
        &self.source
    }
    fn doc(&self) -> Option<DocId> {
        None
    }
}

impl Located for RawDoc {
    fn source(&self) -> &SourceRef {
        &self.source
    }
    fn doc(&self) -> Option<DocId> {
        Some(self.id)
    }
}

impl Located for CleanDoc {
    fn source(&self) -> &SourceRef {
        &self.source
    }
    fn doc(&self) -> Option<DocId> {
        Some(self.id)
    }
}

/// The stage a pump runs, by its name.
fn stage_of(name: &str) -> Stage {
    Stage::from_name(name).unwrap_or(Stage::Extract)
}

/// Runs `stage` on one input; a panic inside it (a bug) becomes an `internal_error` issue in the
/// input's place, reported on stderr through the log, and the run goes on.
pub(crate) fn guarded<I: Located, O>(
    stage: Stage,
    input: I,
    work: &(impl Fn(I) -> Result<O, Issue> + Sync),
) -> Result<O, Issue> {
    let source = input.source().clone();
    let doc = input.doc();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(input))) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            tracing::error!(stage = stage.as_str(), %source, panic = %what, "A stage failed on a record; it is quarantined as internal_error.");
            Err(Issue {
                stage,
                kind: IssueKind::InternalError,
                source,
                doc,
                message: format!(
                    "{} failed on this record (a bug in concord): {what}",
                    stage.as_str()
                ),
            })
        }
    }
}

/// An intermediate file that a stage's output batches are copied to, written under a temporary
/// name (`.NAME.partial` beside it) and renamed into place by [`Tap::finish`]: a stage that fails
/// half-way never leaves a partial file under the real name for the next stage to read. The
/// file is synced before the rename (a crash right after it leaves the whole file, not an empty
/// one), and a tap dropped unfinished removes its temporary file.
pub(crate) struct Tap {
    path: PathBuf,
    temporary: PathBuf,
    /// `None` once finished.
    writer: Option<FrameWriter<BufWriter<File>>>,
}

impl Drop for Tap {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            // Best effort: the run is failing already, and its error is the one to report.
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

impl Tap {
    pub(crate) fn create(path: &Path, kind: &str) -> Result<Tap, PipelineError> {
        let temporary = concord_model::codec::partial_path(path);
        let file = File::create(&temporary).map_err(|source| output_error(&temporary, source))?;
        let writer = FrameWriter::new(BufWriter::new(file), kind)
            .map_err(|source| codec_error(path, source))?;
        Ok(Tap {
            path: path.to_owned(),
            temporary,
            writer: Some(writer),
        })
    }

    pub(crate) fn write(&mut self, value: &impl Serialize) -> Result<(), PipelineError> {
        let writer = self
            .writer
            .as_mut()
            .expect("a tap is written only before it finishes");
        writer
            .write(value)
            .map_err(|source| codec_error(&self.path, source))
    }

    pub(crate) fn finish(mut self) -> Result<(), PipelineError> {
        let writer = self.writer.take().expect("a tap finishes once");
        let result = (|| {
            let file = writer
                .finish()
                .map_err(|source| codec_error(&self.path, source))?
                .into_inner()
                .map_err(|e| output_error(&self.temporary, e.into_error()))?;
            file.sync_all()
                .map_err(|source| output_error(&self.temporary, source))?;
            std::fs::rename(&self.temporary, &self.path)
                .map_err(|source| output_error(&self.path, source))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temporary);
        }
        result
    }
}

/// The calling thread's end of the pipeline: writes each document and quarantined record, folds
/// the document into reconcile, and adds both to the store of an incremental run.
struct Writer<'a> {
    outputs: &'a mut OutputFiles,
    dossier: Option<&'a mut Dossier>,
    reconciler: &'a mut Reconciler,
    fold: &'a mut StageStats,
    store: Option<&'a mut Store>,
    /// Where this run's quarantined records came from (see [`store::place`]).
    places: HashSet<String>,
    profiles: bool,
    /// In a cluster, where digests go instead of the local fold.
    forward: Option<&'a Share>,
}

impl Writer<'_> {
    fn write_and_fold(
        &mut self,
        rx: Receiver<Parcel<DocFacts>>,
        progress: &dyn Progress,
    ) -> Result<(), PipelineError> {
        for Parcel {
            batch,
            lease: _lease,
        } in rx
        {
            for item in &batch.items {
                match item {
                    Item::Doc(doc) => self.document(doc)?,
                    Item::Quarantined(issue) => {
                        self.outputs.write_issue(issue)?;
                        if let Some(dossier) = self.dossier.as_deref_mut() {
                            dossier.on_issue(issue)?;
                        }
                        if let Some(store) = self.store.as_deref_mut() {
                            store.add_issue(issue)?;
                            self.places.insert(store::place(issue));
                        }
                    }
                }
            }
            let Counts {
                documents,
                quarantined,
                ..
            } = self.outputs.counts();
            progress.written(*documents, *quarantined);
        }
        Ok(())
    }

    fn document(&mut self, doc: &DocFacts) -> Result<(), PipelineError> {
        self.outputs.write_doc(doc)?;
        if let Some(dossier) = self.dossier.as_deref_mut() {
            dossier.on_doc(doc)?;
        }
        self.fold.received += 1;
        let profiles = self.profiles;
        let digest = timed(self.fold, || {
            concord_reconcile::digest::digest(doc, profiles)
        });
        if let Some(store) = self.store.as_deref_mut() {
            store.add_doc(doc, &digest)?;
        }
        match self.forward {
            Some(share) => share.send(digest)?,
            None => self.reconciler.push_digest(digest),
        }
        Ok(())
    }
}

/// Runs `work`, adding its wall time to `stats`.
fn timed<T>(stats: &mut StageStats, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    stats.busy_seconds += started.elapsed().as_secs_f64();
    result
}

pub(crate) fn output_error(path: &Path, source: io::Error) -> PipelineError {
    PipelineError::Output {
        path: path.to_owned(),
        source,
    }
}

pub(crate) fn codec_error(path: &Path, source: CodecError) -> PipelineError {
    PipelineError::Codec {
        path: path.to_owned(),
        source,
    }
}

/// Runs one per-document stage between a producer and a consumer: `produce` fills a bounded
/// channel on its own thread, `stage` turns batches into batches on a pump thread (its CPU work in
/// the worker pool), and `consume` takes the results on the calling thread, in order.
pub(crate) fn stream_stage<I: Send, O: Send>(
    capacity: usize,
    produce: impl FnOnce(Sender<Parcel<I>>) -> Result<(), PipelineError> + Send,
    stage: impl FnOnce(Receiver<Parcel<I>>, Sender<Parcel<O>>) -> Result<StageStats, PipelineError>
    + Send,
    mut consume: impl FnMut(Batch<O>) -> Result<(), PipelineError>,
) -> Result<StageStats, PipelineError> {
    let (in_tx, in_rx) = bounded::<Parcel<I>>(capacity);
    let (out_tx, out_rx) = bounded::<Parcel<O>>(capacity);
    let (produced, stats, consumed) = thread::scope(|scope| {
        let producer = scope.spawn(move || produce(in_tx));
        let pump = scope.spawn(move || stage(in_rx, out_tx));
        // On a consumer error, stop taking batches: dropping the receiver stops the others. A
        // parcel's lease goes back once `consume` is done with its batch.
        let consumed = out_rx.into_iter().try_for_each(
            |Parcel {
                 batch,
                 lease: _lease,
             }| consume(batch),
        );
        (join(producer), join(pump), consumed)
    });
    consumed?;
    produced?;
    stats
}

/// Sends every batch of the intermediate files `inputs` down `tx`, in order.
pub(crate) fn send_frames<T: Message>(
    inputs: &[PathBuf],
    tx: Sender<Parcel<T>>,
) -> Result<(), PipelineError> {
    for input in inputs {
        let mut reader = open_frames(input, T::KIND)?;
        while let Some(batch) = reader
            .read::<Batch<T>>()
            .map_err(|source| codec_error(input, source))?
        {
            if tx.send(Parcel::unbudgeted(batch)).is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Opens an intermediate file holding `kind` messages (any kind when `kind` is `None`).
pub(crate) fn open_frames(
    path: &Path,
    kind: impl Into<Option<&'static str>>,
) -> Result<FrameReader<io::BufReader<File>>, PipelineError> {
    let file = File::open(path).map_err(|source| PipelineError::Intermediate {
        path: path.to_owned(),
        source,
    })?;
    let reader = io::BufReader::with_capacity(1 << 20, file);
    let result = match kind.into() {
        Some(kind) => FrameReader::new(reader, kind),
        None => FrameReader::open(reader),
    };
    result.map_err(|source| codec_error(path, source))
}

/// What extract lacks per detected language, for the manifest (from `concord_lang::coverage`).
fn language_gaps() -> BTreeMap<String, Vec<String>> {
    concord_lang::coverage::COVERAGE
        .iter()
        .map(|c| (c.lang.to_owned(), c.gaps()))
        .filter(|(_, gaps)| !gaps.is_empty())
        .map(|(lang, gaps)| (lang, gaps.into_iter().map(str::to_owned).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_record(path: &str) -> Record {
        Record {
            source: SourceRef::file(path),
            format: concord_model::InputFormat::Text,
            bytes: b"text".to_vec(),
            declared: concord_ingest::Declared::default(),
        }
    }

    #[test]
    fn a_panic_in_a_stage_quarantines_the_record_and_names_it() {
        let result: Result<(), Issue> = guarded(Stage::Ingest, doc_record("a/b.txt"), &|_| {
            panic!("offset 12 is not a char boundary")
        });
        let issue = result.expect_err("the panic became an issue");
        assert_eq!(issue.kind, IssueKind::InternalError);
        assert_eq!(issue.stage, Stage::Ingest);
        assert_eq!(issue.source.path, "a/b.txt");
        assert!(
            issue.message.contains("not a char boundary"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn a_tap_is_renamed_when_finished_and_removed_when_dropped() {
        let dir = std::env::temp_dir().join(format!("concord-tap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("clean.bin");
        let partial = concord_model::codec::partial_path(&path);
        let mut tap = Tap::create(&path, "test").unwrap();
        tap.write(&1u32).unwrap();
        assert!(partial.exists() && !path.exists());
        tap.finish().unwrap();
        assert!(path.exists() && !partial.exists());
        std::fs::remove_file(&path).unwrap();
        // A run that fails half-way drops its tap: neither name is left behind.
        let mut tap = Tap::create(&path, "test").unwrap();
        tap.write(&1u32).unwrap();
        drop(tap);
        assert!(!path.exists() && !partial.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stage_that_does_not_panic_is_untouched() {
        let result = guarded(Stage::Ingest, doc_record("a.txt"), &|record| {
            Ok(record.bytes.len())
        });
        assert_eq!(result, Ok(4));
    }
}
