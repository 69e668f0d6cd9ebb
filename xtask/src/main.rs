//! `cargo xtask`: concord's command line. A thin front end over `concord-pipeline`: it parses
//! flags, sets up logging and the progress bar, calls the library and prints results.
// A command-line front end prints by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bench;
mod ci;
mod progress;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use concord_pipeline::{PipelineConfig, RunOptions};

/// concord: what the world's press agrees and disagrees on.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline on files, folders or stdin and write the outputs.
    Run(RunArgs),
    /// Run one stage on an intermediate file (or, for ingest, on input files).
    Stage(StageArgs),
    /// Score a task on development data with the published metric.
    Eval(EvalArgs),
    /// Measure a stage's throughput and memory on a large generated corpus.
    Bench(BenchArgs),
    /// Train a model from the development data and write it under data/models.
    Train(TrainArgs),
    /// Check formatting, lints and tests, then run the pipeline on the samples and fixtures.
    Ci,
    #[command(hide = true)]
    BenchChild(bench::ChildArgs),
}

#[derive(Args)]
struct RunArgs {
    /// Input files or folders (walked recursively in sorted order); `-` reads stdin.
    /// Accepts .txt, .html/.htm, .jsonl/.ndjson, .warc, and any of these gzipped (.gz).
    /// [default: data/samples]
    #[arg(long = "input", short = 'i', value_name = "PATH", num_args = 1..)]
    inputs: Vec<PathBuf>,
    /// Output folder for docs.jsonl, quarantine.jsonl and manifest.json.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    process: ProcessArgs,
    /// Also write each stage's output as an intermediate file (raw.bin, ...) in the output folder.
    #[arg(long)]
    emit_intermediate: bool,
    /// Quarantine records larger than this many bytes (default: 8388608, or concord.toml's).
    #[arg(long, value_name = "BYTES")]
    max_doc_bytes: Option<usize>,
    #[command(flatten)]
    config: ConfigArg,
}

/// Where what the pipeline does is configured.
#[derive(Args, Clone)]
struct ConfigArg {
    /// Pipeline options file (default: ./concord.toml when it exists, else the recommended settings).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl ConfigArg {
    fn load(&self) -> Result<PipelineConfig> {
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
struct ProcessArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short = 't', value_name = "N")]
    threads: Option<usize>,
    /// Records per batch.
    #[arg(long, value_name = "N", default_value_t = RunOptions::DEFAULT_BATCH_SIZE)]
    batch_size: usize,
    /// Batches each channel holds (default: twice the thread count).
    #[arg(long, value_name = "N", default_value_t = 0)]
    channel_capacity: usize,
}

impl ProcessArgs {
    fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

#[derive(Args)]
struct StageArgs {
    /// The stage: ingest (input files to raw.bin), normalize (raw.bin to clean.bin), extract
    /// (clean.bin to facts.bin) or report (any .bin file to docs.jsonl in an output folder).
    #[arg(value_parser = ["ingest", "normalize", "extract", "report"])]
    name: String,
    /// The stage's input: input files or folders for ingest, an intermediate .bin file otherwise.
    #[arg(long, short = 'i', value_name = "PATH", required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// The stage's output: a .bin file, or a folder for report.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: PathBuf,
    #[command(flatten)]
    process: ProcessArgs,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Args)]
struct TrainArgs {
    /// The model: ner (the entity tagger with its base-form rules, trained on ../shared/eval/ner),
    /// or gazetteer (place and organisation names for the tagger, built from Debian's iso-codes,
    /// unicode-cldr-core and libgeonames-common under /usr/share).
    #[arg(value_parser = ["ner", "gazetteer"])]
    model: String,
    /// Source data (default: ../shared/eval/ner for ner, /usr/share for gazetteer).
    #[arg(long, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Where to write it (default: data/models/ner.bin, data/gazetteers/names.tsv).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct EvalArgs {
    /// The task: boilerplate (Zyte main-text F1), langid (accuracy per language), ner (conlleval
    /// span F1 and base forms), numbers (Duckling surface forms read right), quotes (PolNeAR direct
    /// quotations and speakers).
    /// entities (SlavicNER B-cubed and LEA of cross-document entities).
    #[arg(value_parser = ["boilerplate", "entities", "langid", "ner", "numbers", "quotes"])]
    task: String,
    /// boilerplate only: score another extractor's output, a folder of `<id>.txt` files.
    #[arg(long, value_name = "DIR")]
    predictions: Option<PathBuf>,
    /// The entity model, for ner and quotes (default: data/models/ner.bin).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Data file or folder in the task's format (default: the dev set under ../shared/eval).
    #[arg(long, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// entities only: write one line per gold mention, `doc<TAB>start<TAB>end<TAB>entity`.
    #[arg(long, value_name = "FILE")]
    write_predictions: Option<PathBuf>,
}

#[derive(Args)]
struct BenchArgs {
    /// The stage to measure.
    #[arg(value_parser = ["ingest", "normalize", "extract"])]
    stage: String,
    /// Where the generated corpora live (built on first use).
    #[arg(long, value_name = "DIR", default_value = "target/bench-corpus")]
    corpus: PathBuf,
    /// Size of the large corpus per format, in MB (ingest; a tenth of it is measured too, to
    /// compare peak memory).
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    size_mb: u64,
    /// Measure this input instead of the generated corpus: input files for ingest, an intermediate
    /// file (from `cargo xtask run --emit-intermediate`) for normalize (raw.bin) and extract (clean.bin).
    #[arg(long, value_name = "PATH")]
    input: Option<PathBuf>,
    /// Threads of the all-cores runs (default: every core); one thread is always measured too.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Source data for the corpus (default: ../shared/eval).
    #[arg(long, value_name = "DIR")]
    source: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(command: Command) -> Result<()> {
    match command {
        Command::Run(args) => run(args),
        Command::Stage(args) => stage(args),
        Command::Eval(args) => eval(args),
        Command::Bench(args) => bench(args),
        Command::Train(args) => train(args),
        Command::Ci => ci::run(&project_root()),
        Command::BenchChild(args) => bench::child(&args),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn run(args: RunArgs) -> Result<()> {
    let mut config = args.config.load()?;
    if let Some(max) = args.max_doc_bytes {
        config.ingest.max_doc_bytes = max;
    }
    let options = RunOptions {
        inputs: match args.inputs.is_empty() {
            true => vec![default_path("data/samples")],
            false => args.inputs,
        },
        out: args.out,
        threads: args.process.threads(),
        batch_size: args.process.batch_size,
        channel_capacity: args.process.channel_capacity,
        emit_intermediate: args.emit_intermediate,
    };
    let bar = progress::Bar::new();
    let result = concord_pipeline::run(&config, &options, &bar);
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
    for (kind, count) in &manifest.issues_by_kind {
        println!("  quarantined {count:>6} {kind} (see quarantine.jsonl)");
    }
    Ok(())
}

fn stage(args: StageArgs) -> Result<()> {
    let config = args.config.load()?;
    let options = concord_pipeline::stage::StageOptions {
        threads: args.process.threads(),
        batch_size: args.process.batch_size,
        channel_capacity: args.process.channel_capacity,
    };
    let summary = concord_pipeline::stage::run_stage(
        &args.name,
        &config,
        &options,
        &args.input,
        &args.output,
    )
    .with_context(|| format!("stage {} failed", args.name))?;
    println!("{summary}");
    Ok(())
}

fn eval(args: EvalArgs) -> Result<()> {
    let shared = shared_eval_dir();
    let report = match args.task.as_str() {
        "boilerplate" => {
            let data = args.data.unwrap_or_else(|| shared.join("boilerplate/zyte"));
            match &args.predictions {
                Some(predictions) => {
                    concord_pipeline::eval::boilerplate::evaluate_predictions(&data, predictions)?
                }
                None => concord_pipeline::eval::boilerplate::evaluate(&data)?,
            }
        }
        "entities" => {
            let data = args.data.unwrap_or_else(|| shared.join("ner/slavic"));
            let model = args
                .model
                .unwrap_or_else(|| concord_pipeline::models_dir().join("ner.bin"));
            concord_pipeline::eval::entities::evaluate(
                &data,
                &model,
                args.write_predictions.as_deref(),
            )?
        }
        "langid" => {
            let data = args.data.unwrap_or_else(|| shared.join("langid"));
            concord_pipeline::eval::langid::evaluate(&data)?
        }
        "ner" => {
            let data = args.data.unwrap_or_else(|| shared.join("ner"));
            let model = args
                .model
                .unwrap_or_else(|| concord_pipeline::models_dir().join("ner.bin"));
            concord_pipeline::eval::ner::evaluate(&data, &model)?
        }
        "numbers" => {
            let data = args.data.unwrap_or_else(|| shared.join("numbers"));
            concord_pipeline::eval::numbers::evaluate(&data)?
        }
        "quotes" => {
            let data = args.data.unwrap_or_else(|| shared.join("quotes"));
            let model = args
                .model
                .unwrap_or_else(|| concord_pipeline::models_dir().join("ner.bin"));
            let model = concord_extract::ner::NerModel::load(&model)
                .with_context(|| format!("loading the entity model {}", model.display()))?;
            concord_pipeline::eval::quotes::evaluate_with(&data, |text| {
                model.tag(text, &concord_extract::tokenize::tokenize(text), "en")
            })?
        }
        other => bail!("unknown task {other}"),
    };
    match args.json {
        true => println!("{}", serde_json_string(&report)?),
        false => print!("{report}"),
    }
    Ok(())
}

fn serde_json_string(report: &concord_pipeline::eval::EvalReport) -> Result<String> {
    concord_pipeline::eval::to_json(report).context("serialising the report")
}

fn bench(args: BenchArgs) -> Result<()> {
    let source = args.source.unwrap_or_else(shared_eval_dir);
    let options = bench::BenchOptions {
        corpus_dir: args.corpus,
        source_dir: source,
        size_mb: args.size_mb,
        input: args.input,
        threads: args.threads,
    };
    match args.stage.as_str() {
        "ingest" => bench::ingest(&options),
        "normalize" => bench::normalize(&options),
        "extract" => bench::extract(&options),
        other => bail!("unknown stage {other}"),
    }
}

fn train(args: TrainArgs) -> Result<()> {
    let data = args.data.unwrap_or_else(|| shared_eval_dir().join("ner"));
    let out = args
        .out
        .unwrap_or_else(|| concord_pipeline::models_dir().join("ner.bin"));
    match args.model.as_str() {
        "ner" => {
            let summary = concord_pipeline::train::train_ner(&data, &out)
                .with_context(|| format!("training the entity tagger on {}", data.display()))?;
            println!("{summary:#?}");
            println!("wrote {}", out.display());
            Ok(())
        }
        other => bail!("unknown model {other}"),
    }
}

/// The workspace root: the parent of this crate's manifest folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `../shared/eval` beside the project.
fn shared_eval_dir() -> PathBuf {
    project_root().join("../shared/eval")
}

/// A default path inside the project. Kept relative when run from the project root, so document
/// ids (which hash the path) do not depend on where the clone lives.
fn default_path(relative: &str) -> PathBuf {
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
