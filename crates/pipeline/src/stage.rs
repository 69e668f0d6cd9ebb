//! One stage at a time, on intermediate files: `cargo xtask stage NAME --input X --output Y`.
//!
//! Intermediate files are written by `cargo xtask run --emit-intermediate` (or by an earlier
//! `stage` call) through [`concord_model::codec`], so a stage can be rerun, debugged or benchmarked
//! on real input without running the stages before it. Each stage runs the same code as in a full
//! run: the same pump threads, pool and order guarantees.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use concord_extract::Extractor;
use concord_model::codec::{CodecError, FrameReader, Message};
use concord_model::{Batch, CleanDoc, DocFacts, Item, RawDoc, StageStats};
use concord_normalize::Normalizer;
use crossbeam_channel::{Receiver, Sender};

use crate::budget::Parcel;
use crate::run::{
    BatchingSink, Tap, codec_error, normalize_pump, open_frames, output_error, pump, send_frames,
    stream_stage, worker_pool,
};
use crate::{NoProgress, PipelineConfig, PipelineError};

/// How a single stage runs.
#[derive(Clone, Debug)]
pub struct StageOptions {
    /// Worker threads.
    pub threads: usize,
    /// Records per batch (for ingest, which forms the batches).
    pub batch_size: usize,
    /// Batches a channel holds; 0 means twice the thread count.
    pub channel_capacity: usize,
}

impl StageOptions {
    fn capacity(&self) -> usize {
        match self.channel_capacity {
            0 => 2 * self.threads.max(1),
            capacity => capacity,
        }
    }
}

/// What a stage run did.
#[derive(Clone, Debug)]
pub struct StageSummary {
    /// The stage.
    pub stage: String,
    /// Documents written.
    pub documents: u64,
    /// Records quarantined (kept in the output stream).
    pub quarantined: u64,
    /// Where the output went.
    pub output: PathBuf,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl fmt::Display for StageSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} documents, {} quarantined in {:.2} s -> {}",
            self.stage,
            self.documents,
            self.quarantined,
            self.seconds,
            self.output.display()
        )
    }
}

/// Runs stage `name` from `inputs` to `output`.
pub fn run_stage(
    name: &str,
    config: &PipelineConfig,
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
) -> Result<StageSummary, PipelineError> {
    let started = Instant::now();
    let (documents, quarantined) = match name {
        "ingest" => ingest(config, options, inputs, output)?,
        "normalize" => normalize(config, options, inputs, output)?,
        "extract" => extract(config, options, inputs, output)?,
        "report" => report(inputs, output)?,
        other => return Err(PipelineError::UnknownStage(other.to_owned())),
    };
    Ok(StageSummary {
        stage: name.to_owned(),
        documents,
        quarantined,
        output: output.to_owned(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Input files to `RawDoc` batches in `output`.
fn ingest(
    config: &PipelineConfig,
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
) -> Result<(u64, u64), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let mut tap = Tap::create(output, RawDoc::KIND)?;
    let mut counts = (0, 0);
    stream_stage(
        options.capacity(),
        |tx| {
            let mut sink =
                BatchingSink::new(tx, options.batch_size, options.capacity(), &NoProgress);
            let result = concord_ingest::read_inputs(&config.ingest, inputs, &mut sink);
            sink.flush();
            result.map(drop).map_err(PipelineError::from)
        },
        |rx, tx| {
            pump("ingest", &pool, rx, tx, None, |record| {
                concord_ingest::decode(&config.ingest, record)
            })
        },
        |batch| write_counted(&mut tap, &batch, &mut counts),
    )?;
    tap.finish()?;
    Ok(counts)
}

/// `RawDoc` intermediate files to a `CleanDoc` intermediate file.
fn normalize(
    config: &PipelineConfig,
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
) -> Result<(u64, u64), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let normalizer = Normalizer::new(&config.normalize)?;
    transform::<RawDoc, CleanDoc>(options, inputs, output, |rx, tx| {
        normalize_pump(&pool, &normalizer, config.repeat_window, rx, tx, None)
    })
}

/// `CleanDoc` intermediate files to a `DocFacts` intermediate file.
fn extract(
    config: &PipelineConfig,
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
) -> Result<(u64, u64), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let extractor = Extractor::new(&config.extract)?;
    transform::<CleanDoc, DocFacts>(options, inputs, output, |rx, tx| {
        pump("extract", &pool, rx, tx, None, |doc| extractor.extract(doc))
    })
}

/// Streams the `I` batches of intermediate files `inputs` through `stage` into an `O` file.
fn transform<I: Message + Send, O: Message + Send>(
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
    stage: impl FnOnce(Receiver<Parcel<I>>, Sender<Parcel<O>>) -> Result<StageStats, PipelineError>
    + Send,
) -> Result<(u64, u64), PipelineError> {
    let mut tap = Tap::create(output, O::KIND)?;
    let mut counts = (0, 0);
    stream_stage(
        options.capacity(),
        |tx| send_frames::<I>(inputs, tx),
        stage,
        |batch| write_counted(&mut tap, &batch, &mut counts),
    )?;
    tap.finish()?;
    Ok(counts)
}

/// Copies a batch to `tap`, adding its documents and quarantined records to `counts`.
fn write_counted<T: serde::Serialize>(
    tap: &mut Tap,
    batch: &Batch<T>,
    counts: &mut (u64, u64),
) -> Result<(), PipelineError> {
    let docs = batch.n_docs() as u64;
    counts.0 += docs;
    counts.1 += batch.items.len() as u64 - docs;
    tap.write(batch)
}

/// Intermediate files of any stage to `docs.jsonl` and `quarantine.jsonl` in the folder `output`.
fn report(inputs: &[PathBuf], output: &Path) -> Result<(u64, u64), PipelineError> {
    fs::create_dir_all(output).map_err(|source| output_error(output, source))?;
    let mut out = ReportFiles {
        docs_path: output.join("docs.jsonl"),
        quarantine_path: output.join("quarantine.jsonl"),
        docs: create(&output.join("docs.jsonl"))?,
        quarantine: create(&output.join("quarantine.jsonl"))?,
        counts: (0, 0),
    };
    for input in inputs {
        let reader = open_frames(input, None)?;
        match reader.kind() {
            "RawDoc" => out.copy::<RawDoc>(reader, input)?,
            "CleanDoc" => out.copy::<CleanDoc>(reader, input)?,
            "DocFacts" => out.copy::<DocFacts>(reader, input)?,
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
    out.docs
        .flush()
        .map_err(|source| output_error(&out.docs_path, source))?;
    out.quarantine
        .flush()
        .map_err(|source| output_error(&out.quarantine_path, source))?;
    Ok(out.counts)
}

fn create(path: &Path) -> Result<BufWriter<File>, PipelineError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|source| output_error(path, source))
}

/// A document of any stage that `report` can write as a `docs.jsonl` line.
trait Reportable: Message {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Reportable for RawDoc {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_raw_doc(out, self)
    }
}

impl Reportable for CleanDoc {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_clean_doc(out, self)
    }
}

impl Reportable for DocFacts {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_facts(out, self)
    }
}

/// The two output files of `report`, with what was written to them.
struct ReportFiles {
    docs_path: PathBuf,
    quarantine_path: PathBuf,
    docs: BufWriter<File>,
    quarantine: BufWriter<File>,
    counts: (u64, u64),
}

impl ReportFiles {
    /// Writes every item of an intermediate file to the documents or the quarantine.
    fn copy<T: Reportable>(
        &mut self,
        mut reader: FrameReader<BufReader<File>>,
        input: &Path,
    ) -> Result<(), PipelineError> {
        while let Some(batch) = reader
            .read::<Batch<T>>()
            .map_err(|source| codec_error(input, source))?
        {
            for item in &batch.items {
                match item {
                    Item::Doc(doc) => {
                        self.counts.0 += 1;
                        doc.write_line(&mut self.docs)
                            .map_err(|source| output_error(&self.docs_path, source))?;
                    }
                    Item::Quarantined(issue) => {
                        self.counts.1 += 1;
                        concord_report::write_issue(&mut self.quarantine, issue)
                            .map_err(|source| output_error(&self.quarantine_path, source))?;
                    }
                }
            }
        }
        Ok(())
    }
}
