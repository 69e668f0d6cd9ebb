//! `cargo xtask bench STAGE`: builds the corpus, runs each measurement in a child process (so each
//! reports its own peak memory) and prints a table. Figures go into docs/BENCHMARKS.md by hand.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use concord_pipeline::bench::{
    Measurement, build_corpus, build_stage_inputs, measure_extract, measure_ingest,
    measure_normalize,
};

/// Arguments of the hidden `bench-child` command: one measurement, printed as JSON.
#[derive(Args)]
pub struct ChildArgs {
    /// Stage to measure.
    #[arg(long)]
    stage: String,
    /// Worker threads.
    #[arg(long)]
    threads: usize,
    /// Inputs.
    #[arg(long, num_args = 1..)]
    input: Vec<PathBuf>,
}

/// Runs one measurement and prints it as one JSON line.
pub fn child(args: &ChildArgs) -> Result<()> {
    let measurement = match args.stage.as_str() {
        "ingest" => measure_ingest(&args.input, args.threads)?,
        "normalize" => measure_normalize(single_input(args)?, args.threads)?,
        "extract" => measure_extract(single_input(args)?, args.threads)?,
        other => bail!("unknown stage {other}"),
    };
    println!("{}", serde_json::to_string(&measurement)?);
    Ok(())
}

fn single_input(args: &ChildArgs) -> Result<&Path> {
    match args.input.as_slice() {
        [input] => Ok(input),
        _ => bail!("{} takes one intermediate file", args.stage),
    }
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
}

impl BenchOptions {
    fn all_cores(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    /// Measures a user-named input alone, if there is one; `true` when it did.
    fn measure_given(&self, stage: &str, unit: &str) -> Result<bool> {
        let Some(input) = &self.input else {
            return Ok(false);
        };
        println!("cargo xtask bench {stage} --input {}", input.display());
        header(unit);
        for threads in thread_counts(self.all_cores()) {
            let m = spawn_child(stage, threads, input)?;
            row("input", &m, m.tokens as f64 / m.seconds);
        }
        Ok(true)
    }
}

/// Ingest throughput per format at one thread and all cores, on a small and a large corpus, plus
/// `zcat` on the same `.warc.gz` for comparison.
pub fn ingest(options: &BenchOptions) -> Result<()> {
    if options.measure_given("ingest", "-")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let small_mb = (options.size_mb / 10).max(1);
    println!(
        "cargo xtask bench ingest --size-mb {} ({} cores)",
        options.size_mb, all_cores
    );
    println!(
        "{:<8} {:>7} {:>7} {:>9} {:>9} {:>10} {:>10} {:>10}",
        "format", "size", "threads", "docs", "MB", "MB/s", "docs/s", "peak MiB"
    );
    let mut peaks = Vec::new();
    for size_mb in [small_mb, options.size_mb] {
        eprintln!(
            "building the {size_mb} MB corpus under {} (cached)",
            options.corpus_dir.display()
        );
        let corpus =
            build_corpus(&options.source_dir, &options.corpus_dir, size_mb).with_context(|| {
                format!("building the corpus from {}", options.source_dir.display())
            })?;
        for (format, path, _) in &corpus.formats {
            for threads in thread_counts(all_cores) {
                let m = spawn_child("ingest", threads, path)?;
                let mb = m.content_bytes as f64 / 1e6;
                println!(
                    "{:<8} {:>6}M {:>7} {:>9} {:>9.1} {:>10.1} {:>10.0} {:>10.1}",
                    format,
                    size_mb,
                    threads,
                    m.documents,
                    mb,
                    mb / m.seconds,
                    m.documents as f64 / m.seconds,
                    m.peak_rss_kib as f64 / 1024.0
                );
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
                println!("zcat {} > /dev/null: {:.2} s", warc.display(), zcat);
                for (format, size, threads, _, seconds) in &peaks {
                    if format == "warc.gz" && *size == size_mb {
                        println!(
                            "  warc.gz ingest at {threads} thread(s): {:.0}% of zcat's speed",
                            100.0 * zcat / seconds
                        );
                    }
                }
            }
        }
    }
    println!("peak memory, large vs small corpus (same format and threads):");
    for (format, size, threads, peak, _) in peaks.iter().filter(|row| row.1 == options.size_mb) {
        let small = peaks
            .iter()
            .find(|row| &row.0 == format && row.1 == small_mb && row.2 == *threads);
        if let Some((_, _, _, small_peak, _)) = small {
            let ratio = *peak as f64 / (*small_peak).max(1) as f64;
            println!(
                "  {format:<8} {threads} thread(s): {size} MB {:.1} MiB vs {small_mb} MB {:.1} MiB ({:+.1}%)",
                *peak as f64 / 1024.0,
                *small_peak as f64 / 1024.0,
                100.0 * (ratio - 1.0)
            );
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
fn spawn_child(stage: &str, threads: usize, input: &Path) -> Result<Measurement> {
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

fn spawn_child_once(stage: &str, threads: usize, input: &Path) -> Result<Measurement> {
    let exe = std::env::current_exe().context("locating the xtask binary")?;
    let output = Command::new(exe)
        .args([
            "bench-child",
            "--stage",
            stage,
            "--threads",
            &threads.to_string(),
            "--input",
        ])
        .arg(input)
        .stderr(Stdio::inherit())
        .output()
        .context("running a benchmark child")?;
    if !output.status.success() {
        bail!("benchmark child failed ({})", output.status);
    }
    serde_json::from_slice(&output.stdout).context("reading the benchmark child's figures")
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
            .context("running zcat")?;
        if !status.success() {
            bail!("zcat failed ({status})");
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(times[REPEATS / 2])
}

fn header(unit: &str) {
    println!(
        "{:<14} {:>7} {:>9} {:>9} {:>10} {:>10} {:>12} {:>10}",
        "input", "threads", "docs", "MB", "MB/s", "docs/s", unit, "peak MiB"
    );
}

fn row(name: &str, m: &Measurement, per_second: f64) {
    let mb = m.content_bytes as f64 / 1e6;
    println!(
        "{:<14} {:>7} {:>9} {:>9.1} {:>10.2} {:>10.1} {:>12.0} {:>10.1}",
        name,
        m.threads,
        m.documents,
        mb,
        mb / m.seconds,
        m.documents as f64 / m.seconds,
        per_second,
        m.peak_rss_kib as f64 / 1024.0
    );
}

/// Normalize on the Zyte pages and on news texts, at one thread and all cores; trafilatura on the
/// same Zyte pages, with both extractors' F1 under the benchmark's metric.
pub fn normalize(options: &BenchOptions) -> Result<()> {
    if options.measure_given("normalize", "-")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let inputs = build_stage_inputs(&options.source_dir, &options.corpus_dir, all_cores)
        .context("building the intermediate files")?;
    println!("cargo xtask bench normalize ({all_cores} cores)");
    header("-");
    let mut zyte_one_thread = None;
    for (name, path) in [
        ("zyte (html)", &inputs.zyte_raw),
        ("texts (plain)", &inputs.texts_raw),
    ] {
        for threads in thread_counts(all_cores) {
            let m = spawn_child("normalize", threads, path)?;
            row(name, &m, 0.0);
            if name.starts_with("zyte") && threads == 1 {
                zyte_one_thread = Some(m.documents as f64 / m.seconds);
            }
        }
    }
    let zyte_dir = options.source_dir.join("boilerplate/zyte");
    let concord_f1 = concord_pipeline::eval::boilerplate::evaluate(&zyte_dir)?;
    println!("concord F1 on the Zyte pages: {}", f1_of(&concord_f1));
    match trafilatura(&zyte_dir)? {
        Some((pages_per_second, f1, version)) => {
            println!("trafilatura {version}: {pages_per_second:.1} pages/s on one core, F1 {f1}");
            if let Some(ours) = zyte_one_thread {
                println!(
                    "concord / trafilatura pages per second per core: {:.1}x",
                    ours / pages_per_second
                );
            }
        }
        None => println!(
            "trafilatura not measured: install it with `python3 -m venv /tmp/venv-traf && \
             /tmp/venv-traf/bin/pip install trafilatura` (or set CONCORD_PEER_PYTHON)"
        ),
    }
    Ok(())
}

/// Extract on normalized news texts, at one thread and all cores.
pub fn extract(options: &BenchOptions) -> Result<()> {
    if options.measure_given("extract", "tokens/s")? {
        return Ok(());
    }
    let all_cores = options.all_cores();
    let inputs = build_stage_inputs(&options.source_dir, &options.corpus_dir, all_cores)
        .context("building the intermediate files")?;
    println!("cargo xtask bench extract ({all_cores} cores)");
    header("tokens/s");
    for threads in thread_counts(all_cores) {
        let m = spawn_child("extract", threads, &inputs.texts_clean)?;
        row("texts (clean)", &m, m.tokens as f64 / m.seconds);
    }
    Ok(())
}

fn f1_of(report: &concord_pipeline::eval::EvalReport) -> String {
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
        .with_context(|| format!("running {}", python.display()))?;
    if !output.status.success() {
        bail!("trafilatura peer failed ({})", output.status);
    }
    let figures: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("reading trafilatura's figures")?;
    let pages = figures["pages"].as_f64().unwrap_or(0.0);
    let seconds = figures["seconds"].as_f64().unwrap_or(f64::INFINITY);
    let version = figures["version"].as_str().unwrap_or("?").to_owned();
    let report = concord_pipeline::eval::boilerplate::evaluate_predictions(zyte_dir, &out_dir)?;
    Ok(Some((pages / seconds, f1_of(&report), version)))
}
