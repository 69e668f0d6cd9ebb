//! `cargo xtask`: concord's command line. A thin front end over `concord-pipeline`: it parses
//! flags, sets up logging and the progress bar, calls the library and prints results.
// A command-line front end prints by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod ci;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use concord_cli::UserCommand;
use concord_measure::bench::{BenchOptions, ChildRequest};
use concord_model::Stage;

/// concord: what the world's press agrees and disagrees on.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    User(UserCommand),
    /// Score a task on development data with the published metric.
    Eval(EvalArgs),
    /// Measure a stage's throughput and memory on a large generated corpus.
    Bench(BenchArgs),
    /// Train a model or build a table from the development data or Debian packages.
    Train(TrainArgs),
    /// Check formatting, lints and tests, then run the pipeline on the samples and fixtures.
    Ci,
    #[command(name = concord_measure::bench::CHILD_COMMAND, hide = true)]
    BenchChild(ChildArgs),
}

/// Arguments of the hidden benchmark child command (see `concord_measure::bench::runner`).
#[derive(Args)]
struct ChildArgs {
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

#[derive(Args)]
struct TrainArgs {
    /// The model: ner (the entity tagger with its base-form rules, trained on ../shared/eval/ner),
    /// or gazetteer (place and organisation names for the tagger, built from Debian's iso-codes,
    /// unicode-cldr-core and libgeonames-common under /usr/share, and beside it the GeoNames place
    /// table of reconcile from libgeonames0's cities).
    /// Or lexicon (the bilingual lexicon of reconcile's similarity, from Debian's FreeDict
    /// dictionaries under /usr/share/dictd: see concord_measure::train::lexicon for the packages).
    #[arg(value_parser = ["ner", "gazetteer", "lexicon"])]
    model: String,
    /// Source data (default: ../shared/eval/ner for ner, /usr/share for gazetteer, /usr/share/dictd
    /// for lexicon).
    #[arg(long, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Where to write it (default: data/models/ner.bin, data/gazetteers/names.tsv,
    /// data/lexicon/lexicon.tsv.gz).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// ner only: the seed of the training order (default: the committed model's), to measure how
    /// much a figure moves with the seed alone.
    #[arg(long)]
    seed: Option<u64>,
}

#[derive(Args)]
struct EvalArgs {
    /// The task: boilerplate (main-text F1 on every set of ../shared/eval/boilerplate, with
    /// trafilatura beside it when installed; `--data` a single set folder scores that one), langid (accuracy per language), ner (conlleval
    /// span F1 and base forms; BSNLP also per document and at first occurrences), numbers (Duckling surface forms read right), quotes (PolNeAR direct
    /// quotations and speakers), similarity (SemEval-2022 Task 8 Pearson per language pair and the
    /// story decision's F1), entities (SlavicNER B-cubed and LEA of cross-document entities),
    /// claims (claims and shared quotes on the hand-made set of data/eval/claims: pairwise grouping
    /// F1 and verdict accuracy), mt-damage (planted machine-translation errors in the SemEval-2022
    /// Task 8 translation pairs).
    #[arg(value_parser = ["boilerplate", "claims", "entities", "langid", "mt-damage", "ner", "numbers", "quotes", "similarity"])]
    task: String,
    /// boilerplate only: score another extractor's output, a folder of `<id>.txt` files.
    #[arg(long, value_name = "DIR")]
    predictions: Option<PathBuf>,
    /// boilerplate only: write concord's text of each page to `DIR/<set>/<id>.txt`, and what it
    /// removed (`reason<TAB>text` per piece) to `DIR/<set>/<id>.removed.tsv`.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// The entity model, for ner and quotes (default: data/models/ner.bin).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Data file or folder in the task's format (default: the dev set under ../shared/eval; for
    /// claims, data/eval/claims).
    #[arg(long, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// similarity: write `row_id,score` lines to this file; entities: one line per gold mention,
    /// `doc<TAB>start<TAB>end<TAB>entity`.
    #[arg(long, value_name = "FILE")]
    write_predictions: Option<PathBuf>,
    /// mt-damage: write the flags on unplanted pairs to this file, for judging by hand.
    #[arg(long, value_name = "FILE")]
    write_flags: Option<PathBuf>,
}

#[derive(Args)]
struct BenchArgs {
    /// The stage to measure (reconcile: on a synthetic corpus of 10k and 100k documents, with
    /// datasketch beside it when installed; report: the report of 100k synthetic documents, load
    /// time in headless Chromium; incremental: adding 1k documents to a store of 100k against a
    /// full rerun).
    #[arg(value_parser = ["ingest", "normalize", "extract", "reconcile", "report", "incremental"])]
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
    /// incremental: documents in the store before 1,000 are added [default: 100000].
    #[arg(long, value_name = "N")]
    stored_docs: Option<usize>,
    /// reconcile: measure this many documents too, after 10k and 100k (for example 1000000, run
    /// once and recorded).
    #[arg(long, value_name = "N")]
    docs: Option<usize>,
}

// Reconcile and the report allocate many small values (entities, mentions, rows); mimalloc
// spends less on them than the system allocator (BENCHMARKS.md, session 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    concord_cli::init_logging();
    concord_cli::report_result(dispatch(cli.command))
}

fn dispatch(command: Command) -> Result<()> {
    match command {
        Command::User(command) => command.dispatch(),
        Command::Eval(args) => eval(args),
        Command::Bench(args) => bench(args),
        Command::Train(args) => train(args),
        Command::Ci => ci::run(&concord_cli::project_root()),
        Command::BenchChild(args) => bench_child(&args),
    }
}

fn eval(args: EvalArgs) -> Result<()> {
    use concord_measure::eval;
    let shared = shared_eval_dir();
    let data = |default: &str| args.data.clone().unwrap_or_else(|| shared.join(default));
    let model = || {
        args.model
            .clone()
            .unwrap_or_else(|| concord_measure::models_dir().join("ner.bin"))
    };
    let report = match args.task.as_str() {
        "boilerplate" => match &args.predictions {
            Some(predictions) => {
                eval::boilerplate::evaluate_predictions(&data("boilerplate/zyte"), predictions)?
            }
            None => boilerplate_sets(&data("boilerplate"), args.dump.as_deref())?,
        },
        "claims" => eval::claims::evaluate(
            &args
                .data
                .clone()
                .unwrap_or_else(|| concord_cli::project_root().join("data/eval/claims")),
            &eval::claims::Sources {
                similarity: shared.join("similarity/semeval2022-task8.pairs.csv"),
                samples: concord_cli::project_root().join("data/samples"),
            },
        )?,
        "entities" => eval::entities::evaluate(
            &data("ner/slavic"),
            &model(),
            args.write_predictions.as_deref(),
        )?,
        "langid" => eval::langid::evaluate(&data("langid"))?,
        "mt-damage" => eval::mt_damage::evaluate(
            &data("similarity/semeval2022-task8.pairs.csv"),
            args.write_flags.as_deref(),
        )?,
        "ner" => eval::ner::evaluate(&data("ner"), &model())?,
        "numbers" => eval::numbers::evaluate(&data("numbers"))?,
        "quotes" => eval::quotes::evaluate_with_model(&data("quotes"), &model())?,
        "similarity" => {
            let data = data("similarity/semeval2022-task8.pairs.csv");
            let pairs = eval::similarity::score_pairs(&data)?;
            if let Some(out) = &args.write_predictions {
                eval::similarity::write_predictions(&pairs, out)?;
            }
            eval::similarity::report(&data, &pairs)
        }
        other => bail!("unknown task {other}"),
    };
    match args.json {
        true => println!(
            "{}",
            eval::to_json(&report).context("serialising the report")?
        ),
        false => print!("{report}"),
    }
    Ok(())
}

/// `eval boilerplate`: one Zyte-format folder (it has a `ground-truth.json`), or every set of a
/// folder of them with trafilatura's figures beside concord's when its Python is found
/// (`CONCORD_PEER_PYTHON`, default /tmp/venv-traf/bin/python); its outputs are cached under
/// target/peer-cache/trafilatura.
fn boilerplate_sets(
    data: &std::path::Path,
    dump: Option<&std::path::Path>,
) -> Result<concord_measure::eval::EvalReport> {
    use concord_measure::eval::boilerplate;
    if data.join("ground-truth.json").is_file() {
        return Ok(boilerplate::evaluate(data)?);
    }
    let python = std::env::var_os("CONCORD_PEER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/venv-traf/bin/python"));
    let peer = match python.exists() {
        true => {
            let cache = concord_cli::project_root().join("target/peer-cache/trafilatura");
            let (dir, version) = boilerplate::trafilatura_outputs(&python, data, &cache)?;
            eprintln!("peer columns: trafilatura {version} (include_comments=False)");
            Some(dir)
        }
        false => {
            eprintln!(
                "trafilatura not found: peer columns left empty (python3 -m venv /tmp/venv-traf && \
                 /tmp/venv-traf/bin/pip install trafilatura==2.3.1 lxml_html_clean)"
            );
            None
        }
    };
    Ok(boilerplate::evaluate_sets(data, peer.as_deref(), dump)?)
}

fn bench(args: BenchArgs) -> Result<()> {
    use concord_measure::bench;
    let options = BenchOptions {
        corpus_dir: args.corpus,
        source_dir: args.source.unwrap_or_else(shared_eval_dir),
        size_mb: args.size_mb,
        input: args.input,
        threads: args.threads,
        stored_docs: args.stored_docs,
        docs: args.docs,
    };
    let mut out = std::io::stdout().lock();
    match args.stage.as_str() {
        "ingest" => bench::ingest(&options, &mut out)?,
        "normalize" => bench::normalize(&options, &mut out)?,
        "extract" => bench::extract(&options, &mut out)?,
        "reconcile" => bench::reconcile(&options, &mut out)?,
        "report" => bench::report(&options, &mut out)?,
        "incremental" => bench::incremental(&options, &mut out)?,
        other => bail!("unknown stage {other}"),
    }
    Ok(())
}

fn bench_child(args: &ChildArgs) -> Result<()> {
    let Some(stage) = Stage::from_name(&args.stage) else {
        bail!("no stage named {}", args.stage);
    };
    let request = ChildRequest {
        stage,
        threads: args.threads,
        inputs: args.input.clone(),
    };
    let measurement = concord_measure::bench::run_child(&request)?;
    println!("{}", serde_json::to_string(&measurement)?);
    Ok(())
}

fn train(args: TrainArgs) -> Result<()> {
    if args.model == "lexicon" {
        return train_lexicon(args);
    }
    use concord_measure::train;
    match args.model.as_str() {
        "ner" => {
            let data = args.data.unwrap_or_else(|| shared_eval_dir().join("ner"));
            let out = args
                .out
                .unwrap_or_else(|| concord_measure::models_dir().join("ner.bin"));
            let mut config = train::TrainConfig::default();
            if let Some(seed) = args.seed {
                config.seed = seed;
            }
            let summary = train::train_ner_with(&data, &train::gazetteer_path(), &out, &config)
                .with_context(|| format!("training the entity tagger on {}", data.display()))?;
            println!("{summary:#?}");
            println!("wrote {}", out.display());
        }
        "gazetteer" => {
            let system = args.data.unwrap_or_else(|| PathBuf::from("/usr/share"));
            let out = args.out.unwrap_or_else(train::gazetteer_path);
            let summary = train::build_gazetteer(&system, &out).with_context(|| {
                format!(
                    "building the gazetteer from {} (needs the Debian packages iso-codes, \
                     unicode-cldr-core, libgeonames-common and libgeonames0)",
                    system.display()
                )
            })?;
            println!("{summary:#?}");
            println!("wrote {}", out.display());
            let places = out.with_file_name("places.tsv.gz");
            let lib = system.parent().unwrap_or(&system).join("lib");
            let library = train::places::find_library(&lib).with_context(|| {
                format!(
                    "no libgeonames.so.0 under {} (install the Debian package libgeonames0)",
                    lib.display()
                )
            })?;
            let summary = train::places::build(&system, &library, &places)
                .with_context(|| format!("building the place table from {}", library.display()))?;
            println!("{summary:#?}");
            println!("wrote {}", places.display());
        }
        other => bail!("unknown model {other}"),
    }
    Ok(())
}

fn train_lexicon(args: TrainArgs) -> Result<()> {
    use concord_measure::train::lexicon;
    let dictd = args
        .data
        .unwrap_or_else(|| PathBuf::from("/usr/share/dictd"));
    let out = args.out.unwrap_or_else(lexicon::lexicon_path);
    let summary = lexicon::build_lexicon(&dictd, &shared_eval_dir().join("langid"), &out)
        .with_context(|| format!("building the lexicon from {}", dictd.display()))?;
    println!("{summary:#?}");
    println!("wrote {}", out.display());
    Ok(())
}

/// `../shared/eval` beside the project.
fn shared_eval_dir() -> PathBuf {
    // Beside the checkout, or beside the folder of worktrees (/work/wt/<name>).
    let root = concord_cli::project_root();
    let beside = root.join("../shared/eval");
    match beside.exists() {
        true => beside,
        false => root.join("../../shared/eval"),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every `cargo xtask ...` command the README and the docs show parses, so a documented
    /// command cannot rot unnoticed.
    #[test]
    fn documented_commands_parse() {
        let root = concord_cli::project_root();
        let mut checked = 0;
        for doc in ["README.md", "docs/BENCHMARKS.md", "docs/ARCHITECTURE.md"] {
            let text = std::fs::read_to_string(root.join(doc)).unwrap_or_default();
            for line in text.lines() {
                // Commands in code blocks and in the first cell of tables, not mentions in prose.
                let start = match line.trim_start().starts_with("cargo xtask ") {
                    true => line.find("cargo xtask "),
                    false => line.find("| `cargo xtask ").map(|at| at + 3),
                };
                let Some(start) = start else {
                    continue;
                };
                let command = &line[start..];
                // The command ends at a comment, a closing backtick or a shell operator.
                let end = command
                    .find(['#', '`', '|', '>', ';', '&', ')', '(', ','])
                    .unwrap_or(command.len());
                let words: Vec<&str> = command[..end].split_whitespace().skip(1).collect();
                if words.len() < 2
                    || words.iter().any(|word| {
                        word.contains("...")
                            || word.contains('[')
                            || word.starts_with('<')
                            || word.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    })
                {
                    continue;
                }
                if let Err(err) = Cli::try_parse_from(&words) {
                    panic!("{doc}: `{}` does not parse: {err}", words.join(" "));
                }
                checked += 1;
            }
        }
        assert!(checked > 10, "only {checked} documented commands found");
    }

    /// Every command's `--help` renders, and clap's own consistency checks pass.
    #[test]
    fn every_help_renders() {
        Cli::command().debug_assert();
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|command| command.get_name().to_owned())
            .collect();
        for name in names {
            let err = match Cli::try_parse_from(["xtask", &name, "--help"]) {
                Ok(_) => panic!("{name} --help did not print help"),
                Err(err) => err,
            };
            assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp, "{name}");
            assert!(err.to_string().contains("Usage"), "{name}: {err}");
        }
    }

    /// Impossible process flags are refused with a message, not silently changed.
    #[test]
    fn impossible_flags_are_refused() {
        for bad in [
            &["xtask", "run", "--threads", "0"][..],
            &["xtask", "run", "--batch-size", "0"],
            &["xtask", "run", "--channel-capacity", "0"],
            &[
                "xtask",
                "stage",
                "frobnicate",
                "--input",
                "x",
                "--output",
                "y",
            ],
        ] {
            assert!(Cli::try_parse_from(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
