//! Cluster mode: one process per machine, the same command on each, over timely-dataflow.
//!
//! ```text
//! process I: read every input ─▶ ingest ─▶ keep the sites it owns ─▶ normalize ─▶ extract
//!            ─▶ docs.jsonl, quarantine.jsonl, facts.bin, manifest.json (its own --out)
//!            ─▶ DocDigest bytes ─────────────────────────timely exchange─▶ process 0
//!            ─▶ blocking postings (key, doc, day) ─by key─▶ the key's owner
//! owner:     a key's postings ─▶ candidate pairs; name pairs given once ─by pair─▶ the pair's owner
//!            ─▶ pairs given by two names; every candidate pair ──────────▶ process 0
//! process 0: every digest, sorted by source location, and the candidate pairs ─▶ Reconciler
//!            (scores the pairs, merges the components) ─▶ corpus files, corpus.bin
//! ```
//!
//! Every process reads every input and keeps the records whose site (`site_key`: URL host,
//! declared site, else folder) hashes (XXH3, so every process agrees) to its index: one site's
//! documents stay on one process, in input order, so normalize's per-site repeated-line window
//! sees what it sees in a single run; reading is cheap next to normalize and extract.
//!
//! Only reconcile's summaries cross the network. The joins that find candidate pairs happen
//! where their keys are: each document's blocking postings (clean-text hash, LSH bands, name
//! keys; [`concord_reconcile::blocking`]) go to the process its key hashes to, which pairs the
//! documents of each key; a pair given only by names, and only once there, goes on to the
//! process its pair hashes to, which keeps it if two names gave it. Process 0 receives the
//! digests and the candidate pairs, the same pairs one process finds, so it scores them and
//! merges the components globally and the corpus is byte for byte a single run's. A peer whose
//! connection breaks, or that does not connect within
//! [`Cluster::timeout`], fails the run with an error naming the process; a slower peer is
//! waited for.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use concord_model::codec::{self, Message};
use std::collections::HashSet;

use concord_model::{
    Batch, Corpus, CorpusCounts, DocDigest, DocFacts, DocId, Item, Manifest, RawDoc, SourceRef,
};
use concord_normalize::repeat::site_key;
use concord_reconcile::blocking::{self, Block, Posting};
use concord_reconcile::{ReconcileConfig, Reconciler, dates, fold};
use concord_report::{Dossier, DossierFiles};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded};
use timely::dataflow::operators::{Exchange, Input, Inspect, Probe};
use timely::dataflow::{InputHandle, ProbeHandle};

use crate::run::{PipelineError, Progress, codec_error, open_frames, output_error, run_local};
use crate::{PipelineConfig, RunOptions};

/// Where this process stands in a cluster run.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// timely's host file: one `host:port` per line, in process order.
    pub hosts: PathBuf,
    /// This process's index (line of `hosts`, from 0).
    pub process: usize,
    /// How long this process waits for the others to connect before the run fails.
    pub timeout: Duration,
}

/// Which process takes a record: the one its site hashes to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Owner {
    process: usize,
    processes: usize,
}

impl Owner {
    /// Whether this process takes `item`. A record quarantined before it was a document goes by
    /// its folder, like a document without URL or declared site.
    pub(crate) fn keeps(&self, item: &Item<RawDoc>) -> bool {
        let key = match item {
            Item::Doc(doc) => site_key(doc),
            Item::Quarantined(issue) => folder_key(&issue.source),
        };
        owner_of(&key, self.processes) == self.process
    }
}

/// The process a site belongs to.
fn owner_of(site: &str, processes: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64(site.as_bytes()) % processes.max(1) as u64) as usize
}

fn folder_key(source: &SourceRef) -> String {
    match source.path.rfind(['/', '\\']) {
        Some(at) => format!("dir:{}", &source.path[..at]),
        None => "dir:.".to_owned(),
    }
}

/// One document's share of the exchange: its encoded digest, for process 0, and its blocking
/// postings, each for the process owning its key.
struct Summary {
    digest: Vec<u8>,
    postings: Vec<WirePosting>,
}

/// A blocking posting on the wire: the key's kind (its index in [`Block::ALL`]), the key, the
/// document id and its publish day (`i32::MAX` when unknown).
type WirePosting = (u8, u64, u64, i32);

/// A candidate pair of document ids on the wire.
type WirePair = (u64, u64);

/// What the local run of a cluster process needs: which records it keeps, and where its
/// digests go.
pub(crate) struct Share {
    owner: Owner,
    summaries: Sender<Summary>,
    timeout: Duration,
    addresses: Vec<String>,
    /// The years a publish date may be inferred in (blocking orders long name lists by date).
    years: std::ops::RangeInclusive<i32>,
    /// Documents posted so far: a document read twice posts once, as one fold keeps it once.
    posted: Mutex<HashSet<DocId>>,
    /// Encoded digest bytes sent.
    bytes: AtomicU64,
    /// Postings sent.
    postings: AtomicU64,
}

impl Share {
    pub(crate) fn owner(&self) -> Owner {
        self.owner
    }

    /// Hands one digest and its blocking postings to the exchange (waiting while it is behind,
    /// up to the timeout).
    pub(crate) fn send(&self, digest: DocDigest) -> Result<(), PipelineError> {
        let bytes = codec::encode(&digest)
            .map_err(|err| PipelineError::Cluster(format!("cannot encode a digest: {err}")))?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let first = self
            .posted
            .lock()
            .map_err(|_| PipelineError::Cluster("the posted set is poisoned".to_owned()))?
            .insert(digest.id);
        let mut postings = Vec::new();
        if first {
            let day = dates::from_text(&digest, self.years.clone()).day;
            blocking::postings(&digest, digest.id.0, day, &mut postings);
        }
        self.postings
            .fetch_add(postings.len() as u64, Ordering::Relaxed);
        let summary = Summary {
            digest: bytes,
            postings: postings.iter().map(wire_posting).collect(),
        };
        self.summaries
            .send_timeout(summary, self.timeout)
            .map_err(|_| {
                let lost = lost_peer(&self.addresses).unwrap_or_else(|| {
                    format!(
                        "the exchange took no digest for {}s (is every process of the host file running?)",
                        self.timeout.as_secs()
                    )
                });
                let lost = match CONNECTED.load(Ordering::Relaxed) {
                    true => lost,
                    false => not_connected(&self.addresses, self.owner.process, self.timeout),
                };
                PipelineError::Cluster(format!("process {}: {lost}", self.owner.process))
            })
    }
}

fn wire_posting(posting: &Posting<u64>) -> WirePosting {
    let block = Block::ALL
        .iter()
        .position(|b| *b == posting.block)
        .unwrap_or_default() as u8;
    (block, posting.key, posting.member, posting.day)
}

fn from_wire((block, key, member, day): WirePosting) -> Posting<u64> {
    Posting {
        block: Block::ALL[usize::from(block).min(Block::ALL.len() - 1)],
        key,
        member,
        day,
    }
}

/// The process-independent routing hash of a blocking key (the exchange takes it modulo the
/// number of processes).
fn key_route(&(block, key, _, _): &WirePosting) -> u64 {
    fold::mix(key ^ u64::from(block).rotate_right(8))
}

/// The routing hash of a candidate pair.
fn pair_route(&(a, b): &WirePair) -> u64 {
    fold::mix(a ^ fold::mix(b))
}

/// Runs this process's part of a cluster run (see the module doc). Process 0 also writes the
/// corpus-level files and `corpus.bin`; its manifest counts the whole corpus.
pub fn run_cluster(
    config: &PipelineConfig,
    options: &RunOptions,
    cluster: &Cluster,
    progress: &dyn Progress,
) -> Result<Manifest, PipelineError> {
    if options.store.is_some() {
        return Err(PipelineError::Cluster(
            "--store and --cluster cannot be combined yet".to_owned(),
        ));
    }
    let addresses = read_hosts(&cluster.hosts)?;
    let process = cluster.process;
    if process >= addresses.len() {
        return Err(PipelineError::Cluster(format!(
            "--process {process} but {} lists {} processes",
            cluster.hosts.display(),
            addresses.len()
        )));
    }
    let started = Instant::now();
    watch_for_lost_peers();
    let (summary_tx, summary_rx) = bounded::<Summary>(8192);
    let (done_tx, done_rx) = bounded::<Result<Exchanged, String>>(1);
    let setup = Peers {
        addresses: addresses.clone(),
        process,
        config: config.reconcile.clone(),
    };
    // Detached: a failed run returns without waiting for timely's threads.
    std::thread::Builder::new()
        .name(EXCHANGE_THREAD.to_owned())
        .spawn(move || setup.run(summary_rx, done_tx))
        .map_err(|err| PipelineError::Cluster(format!("cannot start the exchange: {err}")))?;
    let share = Share {
        owner: Owner {
            process,
            processes: addresses.len(),
        },
        summaries: summary_tx,
        timeout: cluster.timeout,
        addresses: addresses.clone(),
        years: config.reconcile.first_year..=config.reconcile.last_year,
        posted: Mutex::new(HashSet::new()),
        bytes: AtomicU64::new(0),
        postings: AtomicU64::new(0),
    };
    let mut manifest = run_local(config, options, progress, Some(&share))?;
    let sent = share.bytes.load(Ordering::Relaxed);
    let postings = share.postings.load(Ordering::Relaxed);
    drop(share);
    tracing::info!(
        process,
        digest_bytes = sent,
        postings,
        documents = manifest.documents_out,
        "Digests and blocking postings sent."
    );
    let exchanged = await_exchange(&done_rx, &addresses, process, cluster.timeout)
        .map_err(|why| PipelineError::Cluster(format!("process {process}: {why}")))?;
    if process == 0 {
        let folding = Instant::now();
        let digests = exchanged.digests;
        let corpus = fold(config, &digests, &exchanged.pairs)?;
        // The manifest's reconcile stage is the cluster's fold, not this process's share.
        if let Some(stage) = manifest.stages.iter_mut().find(|s| s.name == "reconcile") {
            stage.received = digests.len() as u64;
            stage.emitted = corpus.doc_links.len() as u64;
            stage.busy_seconds += folding.elapsed().as_secs_f64();
        }
        concord_report::write_corpus(&options.out, &corpus)?;
        write_corpus_bin(&options.out.join("corpus.bin"), &corpus)?;
        manifest.corpus = CorpusCounts::of(&corpus);
        manifest.wall_seconds = started.elapsed().as_secs_f64();
        concord_report::write_file(&options.out.join("manifest.json"), |out| {
            concord_report::write_manifest(out, &manifest)
        })?;
    }
    Ok(manifest)
}

/// Waits for the exchange's result. A slower peer is waited for as long as it takes (a lost one
/// breaks its connection, which ends the wait); a peer that never connects, for `timeout`.
fn await_exchange(
    done: &Receiver<Result<Exchanged, String>>,
    addresses: &[String],
    process: usize,
    timeout: Duration,
) -> Result<Exchanged, String> {
    let waiting = Instant::now();
    loop {
        match done.recv_timeout(Duration::from_millis(200)) {
            Ok(result) => return result,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(lost_peer(addresses)
                    .unwrap_or_else(|| "the exchange stopped without a result".to_owned()));
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some(lost) = lost_peer(addresses) {
                    return Err(lost);
                }
                if !CONNECTED.load(Ordering::Relaxed) && waiting.elapsed() > timeout {
                    return Err(not_connected(addresses, process, timeout));
                }
            }
        }
    }
}

/// The fold of a single run, over every process's digests in source order, with the candidate
/// pairs the owners of the blocking keys found.
fn fold(
    config: &PipelineConfig,
    encoded: &[Vec<u8>],
    pairs: &[WirePair],
) -> Result<Corpus, PipelineError> {
    let mut digests = encoded
        .iter()
        .map(|bytes| codec::decode::<DocDigest>(bytes))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| PipelineError::Cluster(format!("a digest from a peer is damaged: {err}")))?;
    digests.sort_by(|a, b| a.source.location_cmp(&b.source));
    let mut reconciler = Reconciler::new(&config.reconcile);
    for digest in digests {
        reconciler.push_digest(digest);
    }
    let pairs: Vec<blocking::Pair<DocId>> =
        pairs.iter().map(|&(a, b)| (DocId(a), DocId(b))).collect();
    Ok(reconciler.finish_blocked(&pairs))
}

/// Written under a temporary name and renamed into place, as every output.
fn write_corpus_bin(path: &Path, corpus: &Corpus) -> Result<(), PipelineError> {
    let temporary = codec::partial_path(path);
    let file = fs::File::create(&temporary).map_err(|err| output_error(&temporary, err))?;
    let codec_err = |source| PipelineError::Codec {
        path: path.to_owned(),
        source,
    };
    let mut writer =
        codec::FrameWriter::new(std::io::BufWriter::new(file), Corpus::KIND).map_err(codec_err)?;
    writer.write(corpus).map_err(codec_err)?;
    writer.finish().map(drop).map_err(codec_err)?;
    fs::rename(&temporary, path).map_err(|err| output_error(path, err))
}

/// The addresses of timely's host file, in process order (blank lines and `#` comments skipped).
fn read_hosts(path: &Path) -> Result<Vec<String>, PipelineError> {
    let text = fs::read_to_string(path).map_err(|source| PipelineError::Intermediate {
        path: path.to_owned(),
        source,
    })?;
    let hosts: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect();
    match hosts.is_empty() {
        true => Err(PipelineError::Cluster(format!(
            "{} lists no host:port",
            path.display()
        ))),
        false => Ok(hosts),
    }
}

/// What the exchange gives process 0 (the other processes get it empty).
#[derive(Default)]
struct Exchanged {
    /// Every process's encoded digests.
    digests: Vec<Vec<u8>>,
    /// The candidate pairs, from every key's owner.
    pairs: Vec<WirePair>,
}

/// The timely side of one process: one worker whose input is this process's summaries and
/// whose output, on process 0, is every process's digests and the candidate pairs.
struct Peers {
    addresses: Vec<String>,
    process: usize,
    config: ReconcileConfig,
}

impl Peers {
    fn run(self, summaries: Receiver<Summary>, done: Sender<Result<Exchanged, String>>) {
        let config = timely::Config {
            communication: timely::CommunicationConfig::Cluster {
                threads: 1,
                process: self.process,
                addresses: self.addresses.clone(),
                report: false,
                zerocopy: false,
            },
            worker: timely::WorkerConfig::default(),
        };
        let summaries = Arc::new(Mutex::new(Some(summaries)));
        let reply = done.clone();
        let addresses = self.addresses.clone();
        let reconcile = self.config;
        let started = timely::execute(config, move |worker| {
            // timely starts the workers once every process has connected.
            CONNECTED.store(true, Ordering::Relaxed);
            let taken = summaries.lock().ok().and_then(|mut slot| slot.take());
            let summaries = taken?;
            let result = exchange(worker, summaries, &addresses, &reconcile);
            if result.is_err() {
                // The dataflow cannot complete without the lost peer: drop it so the worker ends,
                // and say so now rather than after timely's threads.
                for id in worker.installed_dataflows() {
                    worker.drop_dataflow(id);
                }
                let _ = reply.send(result);
                return None;
            }
            Some(result)
        });
        match started {
            // After the join every connection is shut down cleanly: a process that exited
            // before that would look lost to the others.
            Ok(guards) => {
                for result in guards.join().into_iter().flatten().flatten() {
                    let _ = done.send(result);
                }
            }
            Err(message) => {
                let _ = done.send(Err(format!("cannot join the cluster: {message}")));
            }
        }
    }
}

/// One exchange of a cluster run: what a process puts in goes to the process `route` hashes it
/// to, which collects it.
struct Route<D: timely::ExchangeData + Clone> {
    /// `None` once closed.
    input: Option<InputHandle<u64, timely::container::CapacityContainerBuilder<Vec<D>>>>,
    probe: ProbeHandle<u64>,
    received: Arc<Mutex<Vec<D>>>,
}

impl<D: timely::ExchangeData + Clone> Route<D> {
    /// Builds the route's dataflow. Every process builds the same routes in the same order.
    fn new(worker: &mut timely::worker::Worker, route: fn(&D) -> u64) -> Route<D> {
        let received: Arc<Mutex<Vec<D>>> = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&received);
        let mut input = InputHandle::new();
        let probe = ProbeHandle::new();
        worker.dataflow::<u64, _, _>(|scope| {
            scope
                .input_from(&mut input)
                .exchange(move |item: &D| route(item))
                .inspect(move |item: &D| {
                    if let Ok(mut all) = sink.lock() {
                        all.push(item.clone());
                    }
                })
                .probe_with(&probe);
        });
        Route {
            input: Some(input),
            probe,
            received,
        }
    }

    fn send(&mut self, item: D) {
        if let Some(input) = self.input.as_mut() {
            input.send(item);
        }
    }

    /// Says this process puts in nothing more.
    fn close(&mut self) {
        if let Some(input) = self.input.take() {
            input.close();
        }
    }

    fn take(&self) -> Result<Vec<D>, String> {
        let all = self
            .received
            .lock()
            .map(|mut all| std::mem::take(&mut *all));
        all.map_err(|_| "the exchange's buffer is poisoned".to_owned())
    }
}

/// Steps the worker until every route in `routes` has delivered everything (every process has
/// closed its input), while the connections hold.
fn settle(
    worker: &mut timely::worker::Worker,
    done: &dyn Fn() -> bool,
    addresses: &[String],
) -> Result<(), String> {
    // The others may take longer over their documents: wait while their connections hold.
    while !done() {
        if let Some(lost) = lost_peer(addresses) {
            return Err(lost);
        }
        worker.step_or_park(Some(Duration::from_millis(50)));
    }
    Ok(())
}

/// Feeds this process's summaries into the exchange as they come, then finds the candidate
/// pairs of the blocking keys this process owns (see the module doc). Process 0 returns every
/// digest and every candidate pair.
fn exchange(
    worker: &mut timely::worker::Worker,
    summaries: Receiver<Summary>,
    addresses: &[String],
    config: &ReconcileConfig,
) -> Result<Exchanged, String> {
    let mut digests = Route::<Vec<u8>>::new(worker, |_| 0);
    let mut postings = Route::<WirePosting>::new(worker, key_route);
    let mut named = Route::<WirePair>::new(worker, pair_route);
    let mut pairs = Route::<WirePair>::new(worker, |_| 0);
    let check = |addresses: &[String]| match lost_peer(addresses) {
        Some(lost) => Err(lost),
        None => Ok(()),
    };
    let mut send = |summary: Summary| {
        digests.send(summary.digest);
        for posting in summary.postings {
            postings.send(posting);
        }
    };
    loop {
        check(addresses)?;
        match summaries.recv_timeout(Duration::from_millis(20)) {
            Ok(summary) => {
                send(summary);
                for summary in summaries.try_iter().take(1024) {
                    send(summary);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        worker.step();
    }
    digests.close();
    postings.close();
    settle(
        worker,
        &|| digests.probe.done() && postings.probe.done(),
        addresses,
    )?;
    // The keys this process owns: their pairs, name pairs on to the pair's owner.
    let mut owned: Vec<Posting<u64>> = postings.take()?.into_iter().map(from_wire).collect();
    let (mut direct, mut by_name) = (Vec::new(), Vec::new());
    blocking::grouped_pairs(config, &mut owned, &mut direct, &mut by_name);
    // A pair two of this process's names give is a candidate already; the rest go on once.
    blocking::count_named(&mut by_name, &mut direct);
    let (owned_postings, name_pairs) = (owned.len(), by_name.len());
    drop(owned);
    for pair in by_name {
        named.send(pair);
    }
    named.close();
    settle(worker, &|| named.probe.done(), addresses)?;
    let mut mine = named.take()?;
    blocking::named_candidates(&mut mine, &mut direct);
    drop(mine);
    direct.sort_unstable();
    direct.dedup();
    tracing::info!(
        owned_postings,
        name_pairs_sent = name_pairs,
        candidate_pairs_sent = direct.len(),
        "Blocking keys joined."
    );
    for pair in direct {
        pairs.send(pair);
    }
    pairs.close();
    settle(worker, &|| pairs.probe.done(), addresses)?;
    Ok(Exchanged {
        digests: digests.take()?,
        pairs: pairs.take()?,
    })
}

/// The thread that runs timely for this process.
const EXCHANGE_THREAD: &str = "concord-exchange";

/// Whether every process of the cluster has connected to this one.
static CONNECTED: AtomicBool = AtomicBool::new(false);

/// The error of a process that could not reach all the others in time.
fn not_connected(addresses: &[String], process: usize, timeout: Duration) -> String {
    let others: Vec<String> = addresses
        .iter()
        .enumerate()
        .filter(|(at, _)| *at != process)
        .map(|(at, address)| format!("process {at} at {address}"))
        .collect();
    format!(
        "not connected to every other process within {}s ({}): is each one running with this host file?",
        timeout.as_secs(),
        others.join(", ")
    )
}

/// The first peer whose connection broke: its index and timely's message.
static LOST: Mutex<Option<(usize, String)>> = Mutex::new(None);

/// timely's network threads (`timely:recv-J`, `timely:send-J`) panic when the connection to
/// process J breaks; the hook records which process was lost, and stays quiet about it: the run
/// reports it as an error.
fn watch_for_lost_peers() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current().name().map(str::to_owned);
            let peer = name.as_deref().and_then(|name| {
                let rest = name
                    .strip_prefix("timely:recv-")
                    .or_else(|| name.strip_prefix("timely:send-"))?;
                rest.parse::<usize>().ok()
            });
            match peer {
                Some(peer) => {
                    let message = info
                        .payload()
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    if let Ok(mut lost) = LOST.lock() {
                        lost.get_or_insert((peer, message));
                    }
                }
                // A worker failing because a peer is gone says nothing new.
                None if name
                    .as_deref()
                    .is_some_and(|n| n.starts_with("timely:") || n == EXCHANGE_THREAD)
                    && LOST.lock().is_ok_and(|lost| lost.is_some()) => {}
                None => previous(info),
            }
        }));
    });
}

fn lost_peer(addresses: &[String]) -> Option<String> {
    let (peer, message) = LOST.lock().ok()?.clone()?;
    let address = addresses.get(peer).map_or("?", String::as_str);
    Some(format!("lost process {peer} ({address}): {message}"))
}

/// Builds the report (`report.html`, `report.md`, `concord.sqlite`) of a cluster run from the
/// output folders of all its processes: every process's `facts.bin`, merged by source location
/// (the order of a single run), and process 0's `corpus.bin` and manifest. Written to `out`, by
/// default the folder holding `corpus.bin`.
pub fn report(dirs: &[PathBuf], out: Option<&Path>) -> Result<DossierFiles, PipelineError> {
    let Some(main) = dirs.iter().find(|dir| dir.join("corpus.bin").is_file()) else {
        return Err(PipelineError::Cluster(
            "no corpus.bin in the folders given: add process 0's output folder".to_owned(),
        ));
    };
    let corpus = read_corpus(&main.join("corpus.bin"))?;
    let mut manifest = read_manifest(&main.join("manifest.json"))?;
    let mut cursors = Vec::new();
    for dir in dirs {
        if dir != main {
            let other = read_manifest(&dir.join("manifest.json"))?;
            manifest.documents_out += other.documents_out;
            manifest.quarantined += other.quarantined;
            for (kind, count) in other.issues_by_kind {
                *manifest.issues_by_kind.entry(kind).or_default() += count;
            }
        }
        cursors.push(Cursor::open(&dir.join("facts.bin"))?);
    }
    // The folders together hold every record once.
    manifest.skipped = 0;
    let mut dossier = Dossier::create(out.unwrap_or(main))?;
    while let Some(item) = next_in_order(&mut cursors)? {
        match item {
            Item::Doc(facts) => dossier.on_doc(&facts)?,
            Item::Quarantined(issue) => dossier.on_issue(&issue)?,
        }
    }
    Ok(dossier.finish(&corpus, &manifest)?)
}

/// The items of one process's `facts.bin`, one batch at a time.
struct Cursor {
    path: PathBuf,
    reader: codec::FrameReader<std::io::BufReader<fs::File>>,
    batch: std::collections::VecDeque<Item<DocFacts>>,
}

impl Cursor {
    fn open(path: &Path) -> Result<Cursor, PipelineError> {
        Ok(Cursor {
            path: path.to_owned(),
            reader: open_frames(path, DocFacts::KIND)?,
            batch: Default::default(),
        })
    }

    /// The next item's place, reading on when the batch is used up.
    fn head(&mut self) -> Result<Option<&SourceRef>, PipelineError> {
        while self.batch.is_empty() {
            let next = self
                .reader
                .read::<Batch<DocFacts>>()
                .map_err(|source| codec_error(&self.path, source))?;
            match next {
                Some(batch) => self.batch.extend(batch.items),
                None => return Ok(None),
            }
        }
        Ok(self.batch.front().map(|item| match item {
            Item::Doc(facts) => &facts.doc.source,
            Item::Quarantined(issue) => &issue.source,
        }))
    }
}

/// The first item in source order among the cursors' next ones.
fn next_in_order(cursors: &mut [Cursor]) -> Result<Option<Item<DocFacts>>, PipelineError> {
    let mut best: Option<(usize, SourceRef)> = None;
    for (at, cursor) in cursors.iter_mut().enumerate() {
        let Some(source) = cursor.head()? else {
            continue;
        };
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| source.location_cmp(b) == std::cmp::Ordering::Less);
        if better {
            best = Some((at, source.clone()));
        }
    }
    Ok(best.and_then(|(at, _)| cursors[at].batch.pop_front()))
}

fn read_corpus(path: &Path) -> Result<Corpus, PipelineError> {
    let mut reader = open_frames(path, Corpus::KIND)?;
    match reader.read::<Corpus>() {
        Ok(Some(corpus)) => Ok(corpus),
        Ok(None) => Err(PipelineError::Cluster(format!(
            "{} is empty",
            path.display()
        ))),
        Err(source) => Err(codec_error(path, source)),
    }
}

fn read_manifest(path: &Path) -> Result<Manifest, PipelineError> {
    let text = fs::read_to_string(path).map_err(|source| PipelineError::Intermediate {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text)
        .map_err(|err| PipelineError::Cluster(format!("{}: {err}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_site_has_one_owner_and_both_processes_get_some() {
        let sites: Vec<String> = (0..64).map(|i| format!("site{i}.example")).collect();
        let owners: Vec<usize> = sites.iter().map(|s| owner_of(s, 2)).collect();
        assert!(owners.contains(&0) && owners.contains(&1));
        assert_eq!(
            owners,
            sites.iter().map(|s| owner_of(s, 2)).collect::<Vec<_>>()
        );
        assert!(sites.iter().all(|s| owner_of(s, 1) == 0));
    }
}
