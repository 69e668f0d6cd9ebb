//! The benchmark runs behind `cargo xtask bench STAGE`: build the corpus, run each measurement
//! in a child process (so each reports its own peak memory) and write a table to the writer the
//! front end gives. Figures go into docs/BENCHMARKS.md by hand.
//!
//! The child protocol: the front end's own executable is started again with the hidden command
//! [`CHILD_COMMAND`] and [`ChildRequest::args`]; it calls [`run_child`] and prints the
//! [`Measurement`] as one JSON line on stdout, which the parent reads back.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use concord_model::Stage;

use super::{
    Measurement, build_corpus, build_stage_inputs, measure_extract, measure_ingest,
    measure_normalize,
};
use crate::eval::EvalReport;

/// The hidden subcommand of the front end that runs one measurement.
pub const CHILD_COMMAND: &str = "bench-child";

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BenchError {
    /// The pipeline failed on the benchmark input.
    #[error(transparent)]
    Pipeline(#[from] concord_pipeline::PipelineError),
    /// An evaluation beside the benchmark failed.
    #[error(transparent)]
    Eval(#[from] crate::eval::EvalError),
    /// Writing the table, building the corpus or running a child process failed.
    #[error("{what}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A child process failed or printed something else than a measurement.
    #[error("{0}")]
    Child(String),
}

pub(super) type Result<T> = std::result::Result<T, BenchError>;

/// A failed write of the table.
pub(super) fn table(source: io::Error) -> BenchError {
    BenchError::Io {
        what: "writing the benchmark table".to_owned(),
        source,
    }
}

pub(super) fn io_context(what: impl fmt::Display) -> impl FnOnce(io::Error) -> BenchError {
    let what = what.to_string();
    move |source| BenchError::Io { what, source }
}

/// One measurement a child process makes.
#[derive(Clone, Debug)]
pub struct ChildRequest {
    /// The stage.
    pub stage: Stage,
    /// Worker threads.
    pub threads: usize,
    /// Inputs: input files for ingest, one intermediate file otherwise.
    pub inputs: Vec<PathBuf>,
}

impl ChildRequest {
    /// The command-line arguments after [`CHILD_COMMAND`].
    pub fn args(&self) -> Vec<String> {
        let mut args = vec![
            "--stage".to_owned(),
            self.stage.as_str().to_owned(),
            "--threads".to_owned(),
            self.threads.to_string(),
            "--input".to_owned(),
        ];
        args.extend(self.inputs.iter().map(|path| path.display().to_string()));
        args
    }
}

/// Runs one measurement in this process (the child's side of the protocol).
pub fn run_child(request: &ChildRequest) -> Result<Measurement> {
    let single = || match request.inputs.as_slice() {
        [input] => Ok(input.as_path()),
        _ => Err(BenchError::Child(format!(
            "{} takes one intermediate file",
            request.stage.as_str()
        ))),
    };
    Ok(match request.stage {
        Stage::Ingest => measure_ingest(&request.inputs, request.threads)?,
        Stage::Normalize => measure_normalize(single()?, request.threads)?,
        Stage::Extract => measure_extract(single()?, request.threads)?,
        other => {
            return Err(BenchError::Child(format!(
                "no child measurement for {}",
                other.as_str()
            )));
        }
    })
}

/// Where the corpus comes from and goes.
pub struct BenchOptions {
    /// Cache folder for generated corpora.
    pub corpus_dir: PathBuf,
    /// Development data to build them from.
    pub source_dir: PathBuf,
    /// Size of the large corpus per format, in MB (ingest only).
    pub size_mb: u64,
    /// Measure this input instead of the generated corpus (input files for ingest, an
    /// intermediate file for normalize and extract).
    pub input: Option<PathBuf>,
    /// The thread count of the "all cores" runs (default: every core).
    pub threads: Option<usize>,
    /// Documents in the store (incremental only; default 100,000).
    pub stored_docs: Option<usize>,
    /// A further corpus size to measure (reconcile only).
    pub docs: Option<usize>,
}

impl BenchOptions {
    /// The thread count of the all-cores runs.
    pub fn all_cores(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    /// Measures a user-named input alone, if there is one; `true` when it did.
    fn measure_given(&self, out: &mut dyn Write, stage: Stage, unit: &str) -> Result<bool> {
        let Some(input) = &self.input else {
            return Ok(false);
        };
        let name = stage.as_str();
        writeln!(out, "cargo xtask bench {name} --input {}", input.display()).map_err(table)?;
        header(out, unit)?;
        for threads in thread_counts(self.all_cores()) {
            let m = spawn_child(stage, threads, input)?;
            row(out, "input", &m, m.tokens as f64 / m.seconds)?;
        }
        Ok(true)
    }
}

/// Ingest throughput per format at one thread and all cores, on a small and a large corpus, plus
/// `zcat` on the same `.warc.gz` for comparison.
/// Ingest throughput per format (see the module docs).
pub fn ingest(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    if options.measure_given(out, Stage::Ingest, "-")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let small_mb = (options.size_mb / 10).max(1);
    writeln!(
        out,
        "cargo xtask bench ingest --size-mb {} ({} cores)",
        options.size_mb, all_cores
    )
    .map_err(table)?;
    writeln!(
        out,
        "{:<8} {:>7} {:>7} {:>9} {:>9} {:>10} {:>10} {:>10}",
        "format", "size", "threads", "docs", "MB", "MB/s", "docs/s", "peak MiB"
    )
    .map_err(table)?;
    let mut peaks = Vec::new();
    for size_mb in [small_mb, options.size_mb] {
        tracing::info!(
            "building the {size_mb} MB corpus under {} (cached)",
            options.corpus_dir.display()
        );
        let corpus =
            build_corpus(&options.source_dir, &options.corpus_dir, size_mb).map_err(io_context(
                format!("building the corpus from {}", options.source_dir.display()),
            ))?;
        for (format, path, _) in &corpus.formats {
            for threads in thread_counts(all_cores) {
                let m = spawn_child(Stage::Ingest, threads, path)?;
                let mb = m.content_bytes as f64 / 1e6;
                writeln!(
                    out,
                    "{:<8} {:>6}M {:>7} {:>9} {:>9.1} {:>10.1} {:>10.0} {:>10.1}",
                    format,
                    size_mb,
                    threads,
                    m.documents,
                    mb,
                    mb / m.seconds,
                    m.documents as f64 / m.seconds,
                    m.peak_rss_kib as f64 / 1024.0
                )
                .map_err(table)?;
                peaks.push((format.clone(), size_mb, threads, m.peak_rss_kib, m.seconds));
            }
        }
        if size_mb == options.size_mb {
            let warc = corpus
                .formats
                .iter()
                .find(|(format, ..)| format == "warc.gz")
                .map(|(_, path, _)| path.clone());
            if let Some(warc) = warc {
                let zcat = time_zcat(&warc)?;
                writeln!(out, "zcat {} > /dev/null: {:.2} s", warc.display(), zcat)
                    .map_err(table)?;
                for (format, size, threads, _, seconds) in &peaks {
                    if format == "warc.gz" && *size == size_mb {
                        writeln!(
                            out,
                            "  warc.gz ingest at {threads} thread(s): {:.0}% of zcat's speed",
                            100.0 * zcat / seconds
                        )
                        .map_err(table)?;
                    }
                }
            }
        }
    }
    writeln!(
        out,
        "peak memory, large vs small corpus (same format and threads):"
    )
    .map_err(table)?;
    for (format, size, threads, peak, _) in peaks.iter().filter(|row| row.1 == options.size_mb) {
        let small = peaks
            .iter()
            .find(|row| &row.0 == format && row.1 == small_mb && row.2 == *threads);
        if let Some((_, _, _, small_peak, _)) = small {
            let ratio = *peak as f64 / (*small_peak).max(1) as f64;
            writeln!(
                out,
                "  {format:<8} {threads} thread(s): {size} MB {:.1} MiB vs {small_mb} MB {:.1} MiB ({:+.1}%)",
                *peak as f64 / 1024.0,
                *small_peak as f64 / 1024.0,
                100.0 * (ratio - 1.0)
            ).map_err(table)?;
        }
    }
    Ok(())
}

fn thread_counts(all_cores: usize) -> Vec<usize> {
    match all_cores {
        1 => vec![1],
        n => vec![1, n],
    }
}

/// Runs a measurement `REPEATS` times in fresh processes; returns the median time with the largest
/// peak memory. Peak memory depends on how full the bounded channels get (a run whose reader is
/// slower than the workers, e.g. on a cold page cache, stays lower), so the largest of the runs is
/// the bound actually reached.
fn spawn_child(stage: Stage, threads: usize, input: &Path) -> Result<Measurement> {
    let mut runs = Vec::with_capacity(REPEATS);
    for _ in 0..REPEATS {
        runs.push(spawn_child_once(stage, threads, input)?);
    }
    let peak = runs.iter().map(|m| m.peak_rss_kib).max().unwrap_or(0);
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let mut median = runs.swap_remove(REPEATS / 2);
    median.peak_rss_kib = peak;
    Ok(median)
}

/// Runs per measurement (odd, for a median).
const REPEATS: usize = 3;

fn spawn_child_once(stage: Stage, threads: usize, input: &Path) -> Result<Measurement> {
    let exe = std::env::current_exe().map_err(io_context("locating the front end's binary"))?;
    let request = ChildRequest {
        stage,
        threads,
        inputs: vec![input.to_owned()],
    };
    let output = Command::new(exe)
        .arg(CHILD_COMMAND)
        .args(request.args())
        .stderr(Stdio::inherit())
        .output()
        .map_err(io_context("running a benchmark child"))?;
    if !output.status.success() {
        return Err(BenchError::Child(format!(
            "benchmark child failed ({})",
            output.status
        )));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|err| BenchError::Child(format!("reading the benchmark child's figures: {err}")))
}

/// Median wall time of `zcat FILE > /dev/null` over `REPEATS` runs.
fn time_zcat(path: &Path) -> Result<f64> {
    let mut times = Vec::with_capacity(REPEATS);
    for _ in 0..REPEATS {
        let started = Instant::now();
        let status = Command::new("zcat")
            .arg(path)
            .stdout(Stdio::null())
            .status()
            .map_err(io_context("running zcat"))?;
        if !status.success() {
            return Err(BenchError::Child(format!("zcat failed ({status})")));
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(times[REPEATS / 2])
}

fn header(out: &mut dyn Write, unit: &str) -> Result<()> {
    writeln!(
        out,
        "{:<14} {:>7} {:>9} {:>9} {:>10} {:>10} {:>12} {:>10}",
        "input", "threads", "docs", "MB", "MB/s", "docs/s", unit, "peak MiB"
    )
    .map_err(table)
}

fn row(out: &mut dyn Write, name: &str, m: &Measurement, per_second: f64) -> Result<()> {
    let mb = m.content_bytes as f64 / 1e6;
    writeln!(
        out,
        "{:<14} {:>7} {:>9} {:>9.1} {:>10.2} {:>10.1} {:>12.0} {:>10.1}",
        name,
        m.threads,
        m.documents,
        mb,
        mb / m.seconds,
        m.documents as f64 / m.seconds,
        per_second,
        m.peak_rss_kib as f64 / 1024.0
    )
    .map_err(table)
}

/// Normalize on the Zyte pages and on news texts, at one thread and all cores; trafilatura on the
/// same Zyte pages, with both extractors' F1 under the benchmark's metric.
pub fn normalize(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    if options.measure_given(out, Stage::Normalize, "-")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let inputs = build_stage_inputs(&options.source_dir, &options.corpus_dir, all_cores)?;
    writeln!(out, "cargo xtask bench normalize ({all_cores} cores)").map_err(table)?;
    header(out, "-")?;
    let mut zyte_one_thread = None;
    for (name, path) in [
        ("zyte (html)", &inputs.zyte_raw),
        ("texts (plain)", &inputs.texts_raw),
    ] {
        for threads in thread_counts(all_cores) {
            let m = spawn_child(Stage::Normalize, threads, path)?;
            row(out, name, &m, 0.0)?;
            if name.starts_with("zyte") && threads == 1 {
                zyte_one_thread = Some(m.documents as f64 / m.seconds);
            }
        }
    }
    let zyte_dir = options.source_dir.join("boilerplate/zyte");
    let concord_f1 = crate::eval::boilerplate::evaluate(&zyte_dir)?;
    writeln!(out, "concord F1 on the Zyte pages: {}", f1_of(&concord_f1)).map_err(table)?;
    match trafilatura(&zyte_dir)? {
        Some((pages_per_second, f1, version)) => {
            writeln!(
                out,
                "trafilatura {version}: {pages_per_second:.1} pages/s on one core, F1 {f1}"
            )
            .map_err(table)?;
            if let Some(ours) = zyte_one_thread {
                writeln!(
                    out,
                    "concord / trafilatura pages per second per core: {:.1}x",
                    ours / pages_per_second
                )
                .map_err(table)?;
            }
        }
        None => writeln!(
            out,
            "trafilatura not measured: install it with `python3 -m venv /tmp/venv-traf && \
             /tmp/venv-traf/bin/pip install trafilatura` (or set CONCORD_PEER_PYTHON)"
        )
        .map_err(table)?,
    }
    Ok(())
}

/// Extract on normalized news texts, at one thread and all cores.
pub fn extract(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    if options.measure_given(out, Stage::Extract, "tokens/s")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let inputs = build_stage_inputs(&options.source_dir, &options.corpus_dir, all_cores)?;
    writeln!(out, "cargo xtask bench extract ({all_cores} cores)").map_err(table)?;
    header(out, "tokens/s")?;
    for threads in thread_counts(all_cores) {
        let m = spawn_child(Stage::Extract, threads, &inputs.texts_clean)?;
        row(out, "texts (clean)", &m, m.tokens as f64 / m.seconds)?;
    }
    Ok(())
}

fn f1_of(report: &EvalReport) -> String {
    report
        .summary
        .iter()
        .find(|(name, _)| name == "f1")
        .map_or_else(|| "?".to_owned(), |(_, value)| format!("{value:.3}"))
}

/// Runs the trafilatura peer script; `None` when no Python with trafilatura is found.
fn trafilatura(zyte_dir: &Path) -> Result<Option<(f64, String, String)>> {
    let python = std::env::var_os("CONCORD_PEER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/venv-traf/bin/python"));
    if !python.exists() {
        return Ok(None);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/trafilatura_zyte.py");
    let out_dir = std::env::temp_dir().join("concord-trafilatura-zyte");
    let output = Command::new(&python)
        .arg(&script)
        .arg(zyte_dir)
        .arg(&out_dir)
        .stderr(Stdio::inherit())
        .output()
        .map_err(io_context(format!("running {}", python.display())))?;
    if !output.status.success() {
        return Err(BenchError::Child(format!(
            "trafilatura peer failed ({})",
            output.status
        )));
    }
    let figures: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|err| BenchError::Child(format!("reading trafilatura's figures: {err}")))?;
    let pages = figures["pages"].as_f64().unwrap_or(0.0);
    let seconds = figures["seconds"].as_f64().unwrap_or(f64::INFINITY);
    let version = figures["version"].as_str().unwrap_or("?").to_owned();
    let report = crate::eval::boilerplate::evaluate_predictions(zyte_dir, &out_dir)?;
    Ok(Some((pages / seconds, f1_of(&report), version)))
}
