//! One stage at a time, on intermediate files: `cargo xtask stage NAME --input X --output Y`.
//!
//! Intermediate files are written by `cargo xtask run --emit-intermediate` (or by an earlier
//! `stage` call) through [`concord_model::codec`], so a stage can be rerun, debugged or benchmarked
//! on real input without running the stages before it. Each stage runs the same code as in a full
//! run: the same pump threads, pool and order guarantees.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::Instant;

use concord_extract::Extractor;
use concord_model::codec::{CodecError, FrameReader, Message};
use concord_model::{Batch, CleanDoc, DocFacts, DocId, Item, RawDoc, Stage, StageStats};
use concord_normalize::Normalizer;
use concord_reconcile::{Explanation, Reconciler};
use concord_report::{DocLine, OutputFiles};
use crossbeam_channel::{Receiver, Sender};

use crate::budget::Parcel;
use crate::run::{
    BatchingSink, Resume, Tap, codec_error, normalize_pump, open_frames, pump, send_frames,
    stream_stage, worker_pool,
};
use crate::{NoProgress, PipelineConfig, PipelineError, RunOptions};

/// What a stage run did.
#[derive(Clone, Debug)]
pub struct StageSummary {
    /// The stage.
    pub stage: Stage,
    /// Documents written.
    pub documents: u64,
    /// Records quarantined (kept in the output stream).
    pub quarantined: u64,
    /// Input bytes read (ingest: from the input files, compressed size for gzip).
    pub bytes_in: u64,
    /// Bytes of document text the stage produced (raw bodies, clean texts).
    pub text_bytes: u64,
    /// Where the output went (`None`: discarded, as benchmarks do).
    pub output: Option<PathBuf>,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl fmt::Display for StageSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} documents, {} quarantined in {:.2} s",
            self.stage.as_str(),
            self.documents,
            self.quarantined,
            self.seconds,
        )?;
        match &self.output {
            Some(output) => write!(f, " -> {}", output.display()),
            None => Ok(()),
        }
    }
}

/// Runs `stage` from `options.inputs` to `options.out`: an intermediate file for ingest,
/// normalize and extract; a folder for reconcile (the corpus-level files) and report
/// (`docs.jsonl` and `quarantine.jsonl` from any intermediate file).
pub fn run_stage(
    stage: Stage,
    config: &PipelineConfig,
    options: &RunOptions,
) -> Result<StageSummary, PipelineError> {
    run_stage_into(stage, config, options, Some(&options.out))
}

/// Runs `stage` on `options.inputs` the same way as [`run_stage`], and discards its output: the
/// cost of the stage alone, for benchmarks.
pub fn run_stage_discarding(
    stage: Stage,
    config: &PipelineConfig,
    options: &RunOptions,
) -> Result<StageSummary, PipelineError> {
    run_stage_into(stage, config, options, None)
}

fn run_stage_into(
    stage: Stage,
    config: &PipelineConfig,
    options: &RunOptions,
    output: Option<&Path>,
) -> Result<StageSummary, PipelineError> {
    let started = Instant::now();
    let inputs = options.inputs.as_slice();
    let mut counts = Counted::default();
    match stage {
        Stage::Ingest => ingest(config, options, output, &mut counts)?,
        Stage::Normalize => normalize(config, options, output, &mut counts)?,
        Stage::Extract => extract(config, options, output, &mut counts)?,
        Stage::Reconcile => reconcile(config, inputs, output, &mut counts)?,
        Stage::Report => report(inputs, output, &mut counts)?,
    };
    Ok(StageSummary {
        stage,
        documents: counts.documents,
        quarantined: counts.quarantined,
        bytes_in: counts.bytes_in,
        text_bytes: counts.text_bytes,
        output: output.map(Path::to_owned),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What a stage wrote.
#[derive(Default)]
struct Counted {
    documents: u64,
    quarantined: u64,
    bytes_in: u64,
    text_bytes: u64,
}

impl Counted {
    fn add<T: Text>(&mut self, batch: &Batch<T>) {
        for item in &batch.items {
            match item {
                Item::Doc(doc) => {
                    self.documents += 1;
                    self.text_bytes += doc.text().len() as u64;
                }
                Item::Quarantined(_) => self.quarantined += 1,
            }
        }
    }
}

/// A document with text: the raw body, or the clean text.
trait Text {
    fn text(&self) -> &str;
}

impl Text for RawDoc {
    fn text(&self) -> &str {
        &self.body
    }
}

impl Text for CleanDoc {
    fn text(&self) -> &str {
        &self.text
    }
}

impl Text for DocFacts {
    fn text(&self) -> &str {
        &self.doc.text
    }
}

/// An intermediate file for a stage's output, or nothing.
fn tap_for<T: Message>(output: Option<&Path>) -> Result<Option<Tap>, PipelineError> {
    output.map(|path| Tap::create(path, T::KIND)).transpose()
}

/// Input files to `RawDoc` batches.
fn ingest(
    config: &PipelineConfig,
    options: &RunOptions,
    output: Option<&Path>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let mut tap = tap_for::<RawDoc>(output)?;
    let capacity = options.effective_capacity();
    let mut bytes_in = 0;
    stream_stage(
        capacity,
        |tx| {
            let mut sink = BatchingSink::new(tx, options.batch_size, capacity, &NoProgress);
            let result = concord_ingest::read_inputs(&config.ingest, &options.inputs, &mut sink);
            sink.flush();
            bytes_in = result?.bytes;
            Ok(())
        },
        |rx, tx| {
            pump("ingest", &pool, rx, tx, None, |record| {
                concord_ingest::decode(&config.ingest, record)
            })
        },
        |batch| write_counted(tap.as_mut(), &batch, counts),
    )?;
    counts.bytes_in = bytes_in;
    tap.map(Tap::finish).transpose()?;
    Ok(())
}

/// `RawDoc` intermediate files to `CleanDoc` batches.
fn normalize(
    config: &PipelineConfig,
    options: &RunOptions,
    output: Option<&Path>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let normalizer = Normalizer::new(&config.normalize)?;
    transform::<RawDoc, CleanDoc>(options, output, counts, |rx, tx| {
        let mut resume = Resume::new(None, config.repeat_budget_bytes)?;
        normalize_pump(&pool, &normalizer, &mut resume, rx, tx, None)
    })
}

/// `CleanDoc` intermediate files to `DocFacts` batches.
fn extract(
    config: &PipelineConfig,
    options: &RunOptions,
    output: Option<&Path>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let extractor = Extractor::new(&config.extract)?;
    transform::<CleanDoc, DocFacts>(options, output, counts, |rx, tx| {
        pump("extract", &pool, rx, tx, None, |doc| extractor.extract(doc))
    })
}

/// Streams the `I` batches of the intermediate files `options.inputs` through `stage` into an `O`
/// file (or nowhere).
fn transform<I: Message + Send, O: Message + Text + Send>(
    options: &RunOptions,
    output: Option<&Path>,
    counts: &mut Counted,
    stage: impl FnOnce(Receiver<Parcel<I>>, Sender<Parcel<O>>) -> Result<StageStats, PipelineError>
    + Send,
) -> Result<(), PipelineError> {
    let mut tap = tap_for::<O>(output)?;
    stream_stage(
        options.effective_capacity(),
        |tx| send_frames::<I>(&options.inputs, tx),
        stage,
        |batch| write_counted(tap.as_mut(), &batch, counts),
    )?;
    tap.map(Tap::finish).transpose()?;
    Ok(())
}

/// Copies a batch to `tap` (when there is one), counting its documents and quarantined records.
fn write_counted<T: serde::Serialize + Text>(
    tap: Option<&mut Tap>,
    batch: &Batch<T>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    counts.add(batch);
    match tap {
        Some(tap) => tap.write(batch),
        None => Ok(()),
    }
}

/// `DocFacts` intermediate files to the corpus-level files in the folder `output`.
/// Folds the facts files `inputs` (`facts.bin` from `run --emit-intermediate` or `stage
/// extract`) into one reconciler.
fn fold_facts(
    config: &PipelineConfig,
    inputs: &[PathBuf],
    counts: &mut Counted,
) -> Result<Reconciler, PipelineError> {
    let mut reconciler = Reconciler::new(&config.reconcile);
    for input in inputs {
        let mut reader = open_frames(input, DocFacts::KIND)?;
        while let Some(batch) = reader
            .read::<Batch<DocFacts>>()
            .map_err(|source| codec_error(input, source))?
        {
            counts.add(&batch);
            for doc in batch.docs() {
                reconciler.push(doc);
            }
        }
    }
    Ok(reconciler)
}

/// Why the documents `a` and `b` of the facts files `inputs` were or were not joined into a copy
/// group or a story, as reconcile decides over all of `inputs`. Each is named by its id (16 hex
/// digits, as in `docs.jsonl`) or by its file (the path as in `source.path`, or its end).
pub fn explain(
    config: &PipelineConfig,
    inputs: &[PathBuf],
    a: &str,
    b: &str,
) -> Result<Explanation, PipelineError> {
    let reconciler = fold_facts(config, inputs, &mut Counted::default())?;
    let (a, b) = (find_doc(&reconciler, a)?, find_doc(&reconciler, b)?);
    reconciler
        .explain(a, b)
        .ok_or_else(|| PipelineError::NoSuchDocument(format!("{a} or {b} is not in the input")))
}

/// The document of the fold that `key` names: an id, else the one record of a file whose path is
/// `key` or ends with `/key`.
fn find_doc(reconciler: &Reconciler, key: &str) -> Result<DocId, PipelineError> {
    let digests = reconciler.digests();
    if key.len() == 16
        && let Ok(id) = u64::from_str_radix(key, 16)
        && digests.iter().any(|d| d.id == DocId(id))
    {
        return Ok(DocId(id));
    }
    let suffix = format!("/{key}");
    let mut found: Vec<&concord_model::DocDigest> = digests
        .iter()
        .filter(|d| d.source.path == key || d.source.path.ends_with(&suffix))
        .collect();
    found.sort_by(|x, y| x.source.location_cmp(&y.source));
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(PipelineError::NoSuchDocument(format!(
            "no document {key:?} in the input (name it by the `id` of docs.jsonl or by its file)"
        ))),
        many => Err(PipelineError::NoSuchDocument(format!(
            "{key:?} holds {} documents; name one by its id: {}",
            many.len(),
            many.iter()
                .take(5)
                .map(|d| d.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn reconcile(
    config: &PipelineConfig,
    inputs: &[PathBuf],
    output: Option<&Path>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    let corpus = fold_facts(config, inputs, counts)?.finish();
    if let Some(output) = output {
        std::fs::create_dir_all(output)
            .map_err(|source| crate::run::output_error(output, source))?;
        concord_report::write_corpus(output, &corpus)?;
    }
    Ok(())
}

/// Intermediate files of any stage to `docs.jsonl` and `quarantine.jsonl` in the folder `output`.
fn report(
    inputs: &[PathBuf],
    output: Option<&Path>,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    let Some(dir) = output else {
        // Discarded: the cost of reading the files is what is left to measure.
        for input in inputs {
            let mut reader = open_frames(input, None)?;
            count_frames(&mut reader, input, counts)?;
        }
        return Ok(());
    };
    let mut files = OutputFiles::create(dir)?;
    for input in inputs {
        let reader = open_frames(input, None)?;
        match reader.kind() {
            "RawDoc" => copy::<RawDoc>(&mut files, reader, input)?,
            "CleanDoc" => copy::<CleanDoc>(&mut files, reader, input)?,
            "DocFacts" => copy::<DocFacts>(&mut files, reader, input)?,
            other => {
                let expected = "RawDoc, CleanDoc or DocFacts".to_owned();
                let source = CodecError::KindMismatch {
                    found: other.to_owned(),
                    expected,
                };
                return Err(codec_error(input, source));
            }
        }
    }
    counts.documents = files.counts().documents;
    counts.quarantined = files.counts().quarantined;
    files.finish(None)?;
    Ok(())
}

/// Writes every item of an intermediate file to the documents or the quarantine.
fn copy<T: Message + DocLine>(
    files: &mut OutputFiles,
    mut reader: FrameReader<BufReader<File>>,
    input: &Path,
) -> Result<(), PipelineError> {
    while let Some(batch) = reader
        .read::<Batch<T>>()
        .map_err(|source| codec_error(input, source))?
    {
        for item in &batch.items {
            match item {
                Item::Doc(doc) => files.write_doc(doc)?,
                Item::Quarantined(issue) => files.write_issue(issue)?,
            }
        }
    }
    Ok(())
}

/// Counts the items of an intermediate file of any kind without decoding the documents' types.
fn count_frames(
    reader: &mut FrameReader<BufReader<File>>,
    input: &Path,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    match reader.kind() {
        "RawDoc" => count_all::<RawDoc>(reader, input, counts),
        "CleanDoc" => count_all::<CleanDoc>(reader, input, counts),
        _ => count_all::<DocFacts>(reader, input, counts),
    }
}

fn count_all<T: Message + Text>(
    reader: &mut FrameReader<BufReader<File>>,
    input: &Path,
    counts: &mut Counted,
) -> Result<(), PipelineError> {
    while let Some(batch) = reader
        .read::<Batch<T>>()
        .map_err(|source| codec_error(input, source))?
    {
        counts.add(&batch);
    }
    Ok(())
}
