//! One stage at a time, on intermediate files: `cargo xtask stage NAME --input X --output Y`.
//!
//! Intermediate files are written by `cargo xtask run --emit-intermediate` (or by an earlier
//! `stage` call) through [`concord_model::codec`], so a stage can be rerun, debugged or benchmarked
//! on real input without running the stages before it.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Instant;

use concord_extract::Extractor;
use concord_model::codec::{CodecError, FrameReader};
use concord_model::{Batch, CleanDoc, DocFacts, Item, RawDoc};
use concord_normalize::Normalizer;
use crossbeam_channel::bounded;

use crate::run::{
    BatchingSink, Tap, codec_error, join, normalize_pump, output_error, pump, worker_pool,
};
use crate::{NoProgress, PipelineConfig, PipelineError};

/// How a single stage runs.
#[derive(Clone, Debug)]
pub struct StageOptions {
    /// Worker threads.
    pub threads: usize,
    /// Records per batch (for ingest, which forms the batches).
    pub batch_size: usize,
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
        other => {
            return Err(PipelineError::Output {
                path: output.to_owned(),
                source: std::io::Error::other(format!("no stage named {other}")),
            });
        }
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
    let capacity = 2 * options.threads.max(1);
    let (record_tx, record_rx) = bounded(capacity);
    let (raw_tx, raw_rx) = bounded::<Batch<RawDoc>>(capacity);
    let mut tap = Tap::create(output, "RawDoc")?;
    let (read, decode, counts) = thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut sink = BatchingSink::new(record_tx, options.batch_size, &NoProgress);
            let result = concord_ingest::read_inputs(&config.ingest, inputs, &mut sink);
            sink.flush();
            result
        });
        let decoder = scope.spawn(|| {
            pump("ingest", &pool, record_rx, raw_tx, None, |record| {
                concord_ingest::decode(&config.ingest, record)
            })
        });
        let mut counts = Ok((0, 0));
        for batch in raw_rx {
            let (docs, quarantined) = count(&batch);
            if let Ok((d, q)) = &mut counts {
                *d += docs;
                *q += quarantined;
            }
            if let Err(err) = tap.write(&batch) {
                counts = Err(err);
                break;
            }
        }
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let decode = decoder
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, decode, counts)
    });
    read?;
    decode?;
    let counts = counts?;
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
    let normalizer =
        Normalizer::new(&config.normalize).map_err(|err| PipelineError::Setup(err.to_string()))?;
    let capacity = 2 * options.threads.max(1);
    let (raw_tx, raw_rx) = bounded::<Batch<RawDoc>>(capacity);
    let (clean_tx, clean_rx) = bounded::<Batch<CleanDoc>>(capacity);
    let mut tap = Tap::create(output, "CleanDoc")?;
    let (read, normalized, counts) = thread::scope(|scope| {
        let reader = scope.spawn(move || send_frames(inputs, "RawDoc", raw_tx));
        let normalizer = scope.spawn(|| {
            normalize_pump(
                &pool,
                &normalizer,
                config.repeat_window,
                raw_rx,
                clean_tx,
                None,
            )
        });
        let counts = write_frames(clean_rx, &mut tap);
        (join(reader), join(normalizer), counts)
    });
    read?;
    normalized?;
    let counts = counts?;
    tap.finish()?;
    Ok(counts)
}

/// `CleanDoc` intermediate files to a `DocFacts` intermediate file.
fn extract(
    config: &PipelineConfig,
    options: &StageOptions,
    inputs: &[PathBuf],
    output: &Path,
) -> Result<(u64, u64), PipelineError> {
    let pool = worker_pool(options.threads.max(1))?;
    let extractor =
        Extractor::new(&config.extract).map_err(|err| PipelineError::Setup(err.to_string()))?;
    let capacity = 2 * options.threads.max(1);
    let (clean_tx, clean_rx) = bounded::<Batch<CleanDoc>>(capacity);
    let (facts_tx, facts_rx) = bounded::<Batch<DocFacts>>(capacity);
    let mut tap = Tap::create(output, "DocFacts")?;
    let (read, extracted, counts) = thread::scope(|scope| {
        let reader = scope.spawn(move || send_frames(inputs, "CleanDoc", clean_tx));
        let pump = scope.spawn(|| {
            pump("extract", &pool, clean_rx, facts_tx, None, |doc| {
                extractor.extract(doc)
            })
        });
        let counts = write_frames(facts_rx, &mut tap);
        (join(reader), join(pump), counts)
    });
    read?;
    extracted?;
    let counts = counts?;
    tap.finish()?;
    Ok(counts)
}

/// Sends every batch of the intermediate files `inputs` (holding `kind` messages) down `tx`.
fn send_frames<T: serde::de::DeserializeOwned>(
    inputs: &[PathBuf],
    kind: &str,
    tx: crossbeam_channel::Sender<Batch<T>>,
) -> Result<(), PipelineError> {
    for input in inputs {
        let mut reader = open_frames(input, kind)?;
        while let Some(batch) = reader
            .read::<Batch<T>>()
            .map_err(|source| codec_error(input, source))?
        {
            if tx.send(batch).is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Copies every batch to `tap`, counting documents and quarantined records.
fn write_frames<T: serde::Serialize>(
    rx: crossbeam_channel::Receiver<Batch<T>>,
    tap: &mut Tap,
) -> Result<(u64, u64), PipelineError> {
    let mut totals = (0, 0);
    for batch in rx {
        let (docs, quarantined) = count(&batch);
        totals.0 += docs;
        totals.1 += quarantined;
        tap.write(&batch)?;
    }
    Ok(totals)
}

fn open_frames(path: &Path, kind: &str) -> Result<FrameReader<BufReader<File>>, PipelineError> {
    let file = File::open(path).map_err(|source| output_error(path, source))?;
    FrameReader::new(BufReader::new(file), kind).map_err(|source| codec_error(path, source))
}

/// An intermediate file (`RawDoc` or `CleanDoc`) to `docs.jsonl` and `quarantine.jsonl` in the
/// folder `output`.
fn report(inputs: &[PathBuf], output: &Path) -> Result<(u64, u64), PipelineError> {
    fs::create_dir_all(output).map_err(|source| output_error(output, source))?;
    let docs_path = output.join("docs.jsonl");
    let quarantine_path = output.join("quarantine.jsonl");
    let create = |path: &Path| {
        File::create(path)
            .map(BufWriter::new)
            .map_err(|source| output_error(path, source))
    };
    let mut docs = create(&docs_path)?;
    let mut quarantine = create(&quarantine_path)?;
    let mut totals = (0, 0);
    for input in inputs {
        let file = File::open(input).map_err(|source| output_error(input, source))?;
        let reader =
            FrameReader::open(BufReader::new(file)).map_err(|source| codec_error(input, source))?;
        let result = match reader.kind() {
            "RawDoc" => copy_out::<RawDoc>(reader, input, &mut docs, &mut quarantine),
            "CleanDoc" => copy_out::<CleanDoc>(reader, input, &mut docs, &mut quarantine),
            "DocFacts" => copy_out::<DocFacts>(reader, input, &mut docs, &mut quarantine),
            other => Err(codec_error(
                input,
                CodecError::KindMismatch {
                    found: other.to_owned(),
                    expected: "RawDoc, CleanDoc or DocFacts".to_owned(),
                },
            )),
        };
        let (d, q) = result?;
        totals.0 += d;
        totals.1 += q;
    }
    docs.flush()
        .map_err(|source| output_error(&docs_path, source))?;
    quarantine
        .flush()
        .map_err(|source| output_error(&quarantine_path, source))?;
    Ok(totals)
}

/// A document of any stage that `report` can write as a `docs.jsonl` line.
trait Reportable: serde::de::DeserializeOwned {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Reportable for RawDoc {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_raw_doc(out, self)
    }
}

impl Reportable for DocFacts {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_facts(out, self)
    }
}

impl Reportable for CleanDoc {
    fn write_line(&self, out: &mut dyn Write) -> std::io::Result<()> {
        concord_report::write_clean_doc(out, self)
    }
}

/// Writes every item of an intermediate file to the documents or the quarantine.
fn copy_out<T: Reportable>(
    mut reader: FrameReader<BufReader<File>>,
    input: &Path,
    docs: &mut dyn Write,
    quarantine: &mut dyn Write,
) -> Result<(u64, u64), PipelineError> {
    let mut totals = (0, 0);
    while let Some(batch) = reader
        .read::<Batch<T>>()
        .map_err(|source| codec_error(input, source))?
    {
        for item in &batch.items {
            match item {
                Item::Doc(doc) => {
                    totals.0 += 1;
                    doc.write_line(docs)
                        .map_err(|source| output_error(input, source))?;
                }
                Item::Quarantined(issue) => {
                    totals.1 += 1;
                    concord_report::write_issue(quarantine, issue)
                        .map_err(|source| output_error(input, source))?;
                }
            }
        }
    }
    Ok(totals)
}

fn count<T>(batch: &Batch<T>) -> (u64, u64) {
    let docs = batch.n_docs() as u64;
    (docs, batch.items.len() as u64 - docs)
}
