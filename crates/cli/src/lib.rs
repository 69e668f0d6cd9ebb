//! `concord-cli`: the user commands of concord (`run`, `stage`), defined once with clap and
//! served by two front ends: the installable `concord` binary (`cargo install --path crates/cli`)
//! and `cargo xtask`, which adds the developer commands (eval, bench, train, ci) beside them.
//!
//! It parses flags, checks them, sets up logging and the progress bar, calls
//! `concord-pipeline` and prints results. It holds no pipeline logic.
// A command-line front end prints by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod progress;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use concord_model::Stage;
use concord_pipeline::{PipelineConfig, RunOptions};

pub use progress::Bar;

/// The commands every front end offers.
#[derive(Subcommand)]
pub enum UserCommand {
    /// Run the whole pipeline on files, folders or stdin and write the outputs.
    Run(RunArgs),
    /// Run one stage on an intermediate file (or, for ingest, on input files).
    Stage(StageArgs),
    /// Say why two documents were or were not found to be copies, translations or one story.
    Explain(ExplainArgs),
    /// Build report.html, report.md and concord.sqlite from the output folders of a cluster run
    /// (every process's, copied to one machine).
    Report(ReportArgs),
}

impl UserCommand {
    /// Runs the command.
    pub fn dispatch(self) -> Result<()> {
        match self {
            UserCommand::Run(args) => run(args),
            UserCommand::Stage(args) => stage(args),
            UserCommand::Explain(args) => explain(args),
            UserCommand::Report(args) => report(args),
        }
    }
}

/// Arguments of `run`.
#[derive(Args)]
pub struct RunArgs {
    /// Input files or folders (walked recursively in sorted order); `-` reads stdin.
    /// Accepts .txt, .html/.htm, .jsonl/.ndjson, .warc, and any of these gzipped (.gz).
    /// [default: data/samples]
    #[arg(long = "input", short = 'i', value_name = "PATH", num_args = 1..)]
    inputs: Vec<PathBuf>,
    /// Output folder for docs.jsonl, the corpus-level files and manifest.json.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    process: ProcessArgs,
    /// Also write each stage's output as an intermediate file (raw.bin, ...) in the output folder.
    #[arg(long)]
    emit_intermediate: bool,
    /// For scripted runs: fail (exit 1) when no document comes out or any record is quarantined.
    #[arg(long)]
    strict: bool,
    /// Incremental run over a growing corpus: keep every document's facts in a store in DIR,
    /// process only documents it does not hold yet, write the corpus-level files and the report
    /// for the whole stored corpus, and say what changed since the last run in changes.jsonl.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    /// With --store: write every stored document to docs.jsonl, not only this run's.
    #[arg(long, requires = "store")]
    all_documents: bool,
    /// Quarantine records larger than this many bytes [default: 8388608, or concord.toml's].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_doc_bytes: Option<u64>,
    /// Cluster run: timely's host file (one host:port per line, in process order). Every process
    /// runs the same command with its own --process; each reads every input, keeps the sites that
    /// hash to it and writes their documents to its --out; process 0 also writes the corpus-level
    /// files. `report --input DIR...` builds the report from all the folders.
    #[arg(
        long,
        value_name = "FILE",
        requires = "process_index",
        conflicts_with = "store"
    )]
    cluster: Option<PathBuf>,
    /// With --cluster: this process's index (its line in the host file, from 0).
    #[arg(
        long = "process",
        id = "process_index",
        value_name = "I",
        requires = "cluster"
    )]
    process_index: Option<usize>,
    /// With --cluster: seconds to wait for the other processes to connect before failing (a
    /// process that dies later breaks its connection and fails the run at once).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 600,
        requires = "cluster"
    )]
    cluster_timeout: u64,
    #[command(flatten)]
    config: ConfigArg,
    /// A path given without --input (refused with a hint).
    #[arg(hide = true)]
    stray: Vec<PathBuf>,
}

/// Arguments of `stage`.
#[derive(Args)]
pub struct StageArgs {
    /// The stage: ingest (input files to raw.bin), normalize (raw.bin to clean.bin), extract
    /// (clean.bin to facts.bin), reconcile (facts.bin to the corpus-level files in a folder) or
    /// report (any .bin file to docs.jsonl in a folder).
    #[arg(value_parser = stage_parser())]
    name: String,
    /// The stage's input: input files or folders for ingest, intermediate .bin files otherwise.
    #[arg(long, short = 'i', value_name = "PATH", required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// The stage's output: a .bin file, or a folder for reconcile and report.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: PathBuf,
    #[command(flatten)]
    process: ProcessArgs,
    #[command(flatten)]
    config: ConfigArg,
}

/// Arguments of `report`.
#[derive(Args)]
pub struct ReportArgs {
    /// The output folders of every process of a cluster run (one of them holds corpus.bin).
    #[arg(long, short = 'i', value_name = "DIR", required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// Where report.html, report.md and concord.sqlite go [default: the folder with corpus.bin].
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Arguments of `explain`.
#[derive(Args)]
pub struct ExplainArgs {
    /// The first document: its id (the `id` of its line in docs.jsonl, 16 hex digits) or its file
    /// (as in `source.path`, or the end of it: `000_e2b0121ecf72bbb5.txt`).
    a: String,
    /// The second document, named the same way.
    b: String,
    /// Input files or folders, run through the pipeline into a scratch folder (removed afterwards)
    /// to find both documents among all of them; default: data/samples.
    #[arg(long, short = 'i', value_name = "PATH", num_args = 1.., conflicts_with = "facts")]
    input: Vec<PathBuf>,
    /// Fold these facts files instead (`facts.bin` from `run --emit-intermediate`): no stage
    /// reruns, for large corpora.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    facts: Vec<PathBuf>,
    #[command(flatten)]
    process: ProcessArgs,
    #[command(flatten)]
    config: ConfigArg,
}

/// The stage names, from the one table in `concord_model::Stage`.
fn stage_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Stage::ALL.map(Stage::as_str))
}

/// Where what the pipeline does is configured.
#[derive(Args, Clone)]
pub struct ConfigArg {
    /// Pipeline options file [default: ./concord.toml when it exists, else the recommended settings].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl ConfigArg {
    /// The pipeline config this argument names.
    pub fn load(&self) -> Result<PipelineConfig> {
        let path = match &self.config {
            Some(path) => path.clone(),
            None if Path::new("concord.toml").is_file() => PathBuf::from("concord.toml"),
            None => return Ok(PipelineConfig::recommended()),
        };
        Ok(PipelineConfig::from_file(&path)?)
    }
}

/// How this process runs (not what it computes).
#[derive(Args, Clone)]
pub struct ProcessArgs {
    /// Worker threads [default: all cores; more than 4 per core are capped].
    #[arg(long, short = 't', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
    /// Records per batch.
    #[arg(long, value_name = "N", default_value_t = RunOptions::DEFAULT_BATCH_SIZE as u32,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    batch_size: u32,
    /// Batches each channel holds [default: twice the thread count].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    channel_capacity: Option<u32>,
}

impl ProcessArgs {
    /// Threads to use: as asked, at most four per core (more only adds switching).
    pub fn threads(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cap = 4 * cores;
        match self.threads {
            None => cores,
            Some(asked) if asked as usize > cap => {
                tracing::warn!(asked, cap, "More threads asked than 4 per core; capped.");
                cap
            }
            Some(asked) => asked as usize,
        }
    }

    /// The run options for `inputs` and `out`.
    pub fn options(&self, inputs: Vec<PathBuf>, out: PathBuf) -> RunOptions {
        RunOptions {
            inputs,
            out,
            threads: self.threads(),
            batch_size: self.batch_size as usize,
            channel_capacity: self.channel_capacity.map_or(0, |n| n as usize),
            emit_intermediate: false,
            store: None,
            all_documents: false,
        }
    }
}

/// Runs a front end: parses nothing itself, only reports the command's error the way every
/// concord command does (`error: ...` on stderr, exit 1; a closed pipe is not an error).
pub fn report_result(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default: warnings).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn run(args: RunArgs) -> Result<()> {
    if let Some(stray) = args.stray.first() {
        bail!(
            "unexpected argument {}: name inputs with --input (for example `run --input {}`)",
            stray.display(),
            stray.display()
        );
    }
    let mut config = args.config.load()?;
    if let Some(max) = args.max_doc_bytes {
        config.ingest.max_doc_bytes = usize::try_from(max).unwrap_or(usize::MAX);
    }
    let inputs = match args.inputs.is_empty() {
        true => vec![default_path("data/samples")],
        false => args.inputs,
    };
    let mut options = args.process.options(inputs, args.out);
    options.emit_intermediate = args.emit_intermediate;
    options.store = args.store;
    options.all_documents = args.all_documents;
    let bar = Bar::new();
    let cluster = match (&args.cluster, args.process_index) {
        (Some(hosts), Some(process)) => Some(concord_pipeline::Cluster {
            hosts: hosts.clone(),
            process,
            timeout: std::time::Duration::from_secs(args.cluster_timeout),
        }),
        _ => None,
    };
    let result = match &cluster {
        Some(cluster) => concord_pipeline::run_cluster(&config, &options, cluster, &bar),
        None => concord_pipeline::run(&config, &options, &bar),
    };
    bar.finish();
    let manifest = result.context("run failed")?;
    let mb = manifest.bytes_in as f64 / 1e6;
    println!(
        "{} documents, {} quarantined, {:.1} MB in {:.2} s ({:.1} MB/s, {} threads) -> {}",
        manifest.documents_out,
        manifest.quarantined,
        mb,
        manifest.wall_seconds,
        mb / manifest.wall_seconds.max(1e-9),
        manifest.threads,
        options.out.display(),
    );
    let corpus = &manifest.corpus;
    let copies: Vec<String> = corpus
        .copy_groups
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    println!(
        "  {} stories, {} entities, {} claims, {} shared quotes, {} suspected MT errors; copy groups: {}",
        corpus.stories,
        corpus.entities,
        corpus.claims,
        corpus.quotes,
        corpus.mt_damage,
        copies.join(", ")
    );
    if let Some(store) = &options.store {
        println!(
            "  store {}: {} documents before this run, {} records already stored and skipped; \
             changes: {}",
            store.display(),
            manifest.stored_before,
            manifest.skipped,
            options.out.join("changes.jsonl").display()
        );
    }
    let report = std::path::absolute(options.out.join("report.html"))
        .unwrap_or_else(|_| options.out.join("report.html"));
    match &cluster {
        Some(cluster) => println!(
            "  cluster process {}: {} records left to other processes; report: `report --input` \
             over every process's output folder",
            cluster.process, manifest.skipped
        ),
        None => println!("  report: {}", report.display()),
    }
    for (kind, count) in &manifest.issues_by_kind {
        println!("  quarantined {count:>6} {kind} (see quarantine.jsonl)");
    }
    if manifest.documents_out == 0 && manifest.skipped == 0 {
        eprintln!(
            "warning: no documents in {} (empty, only hidden files, or every record quarantined)",
            manifest.inputs.join(", ")
        );
    }
    if args.strict {
        if manifest.documents_out == 0 && manifest.skipped == 0 {
            bail!("--strict: no documents came out");
        }
        if manifest.quarantined > 0 {
            bail!(
                "--strict: {} records quarantined (see {})",
                manifest.quarantined,
                options.out.join("quarantine.jsonl").display()
            );
        }
    }
    Ok(())
}

fn report(args: ReportArgs) -> Result<()> {
    let files = concord_pipeline::cluster::report(&args.input, args.out.as_deref())
        .context("report failed")?;
    println!("report: {}", files.html.display());
    Ok(())
}

fn stage(args: StageArgs) -> Result<()> {
    let Some(stage) = Stage::from_name(&args.name) else {
        bail!("no stage named {}", args.name);
    };
    let config = args.config.load()?;
    let options = args.process.options(args.input, args.output);
    let summary = concord_pipeline::stage::run_stage(stage, &config, &options)
        .with_context(|| format!("stage {} failed", stage.as_str()))?;
    println!("{summary}");
    Ok(())
}

/// The root of the checkout this binary was built from.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A default path inside the project. Kept relative when run from the project root, so document
/// ids (which hash the path) do not depend on where the clone lives.
pub fn default_path(relative: &str) -> PathBuf {
    match Path::new(relative).exists() {
        true => PathBuf::from(relative),
        false => project_root().join(relative),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn explain(args: ExplainArgs) -> Result<()> {
    let config = args.config.load()?;
    // Without facts files, the inputs run through the stages into a scratch folder first.
    let scratch = match args.facts.is_empty() {
        true => Some(scratch_run(&args, &config)?),
        false => None,
    };
    let facts = match &scratch {
        Some(dir) => vec![dir.0.join("facts.bin")],
        None => args.facts.clone(),
    };
    let explanation = concord_pipeline::stage::explain(&config, &facts, &args.a, &args.b)
        .context("explain failed")?;
    // Through `write!`, so a closed pipe is an error `report_result` recognises, not a panic.
    write!(std::io::stdout().lock(), "{explanation}")?;
    Ok(())
}

/// A scratch folder of this process, removed when dropped (also when the run fails).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the pipeline on `args`' inputs into a new scratch folder with the intermediate files.
fn scratch_run(args: &ExplainArgs, config: &PipelineConfig) -> Result<Scratch> {
    let inputs = match args.input.is_empty() {
        true => vec![default_path("data/samples")],
        false => args.input.clone(),
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("concord-explain-{}-{nanos}", std::process::id()));
    // `create_dir`, not `create_dir_all`: a folder already there is not ours to write into.
    std::fs::create_dir(&dir)
        .with_context(|| format!("creating the scratch folder {}", dir.display()))?;
    let scratch = Scratch(dir);
    let mut options = args.process.options(inputs, scratch.0.clone());
    options.emit_intermediate = true;
    let bar = Bar::new();
    let result = concord_pipeline::run(config, &options, &bar);
    bar.finish();
    result.context("running the pipeline on the inputs failed")?;
    Ok(scratch)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(subcommand)]
        command: UserCommand,
    }

    #[test]
    fn explain_names_a_missing_document() {
        let err = error_of(&["concord", "explain", "nosuch.txt", "0000000000000000"]);
        assert!(err.contains("no document \"nosuch.txt\""), "{err}");
    }

    fn error_of(args: &[&str]) -> String {
        let cli = Cli::try_parse_from(args).expect("parses");
        match cli.command.dispatch() {
            Ok(()) => panic!("{args:?} succeeded"),
            Err(err) => format!("{err:#}"),
        }
    }

    #[test]
    fn a_positional_input_gets_a_hint() {
        let message = error_of(&["concord", "run", "data/samples"]);
        assert!(message.contains("--input data/samples"), "{message}");
    }

    #[test]
    fn an_output_folder_that_cannot_be_made_is_named() {
        let message = error_of(&[
            "concord",
            "run",
            "--input",
            "-",
            "--out",
            "/proc/concord-cannot-be-here",
        ]);
        assert!(
            message.contains("/proc/concord-cannot-be-here"),
            "{message}"
        );
    }

    #[test]
    fn unknown_stages_are_refused_by_the_parser() {
        assert!(
            Cli::try_parse_from(["concord", "stage", "frobnicate", "-i", "x", "-o", "y"]).is_err()
        );
        for stage in Stage::ALL {
            let parsed =
                Cli::try_parse_from(["concord", "stage", stage.as_str(), "-i", "x", "-o", "y"]);
            assert!(parsed.is_ok(), "{}", stage.as_str());
        }
    }
}
