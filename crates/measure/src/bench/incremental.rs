//! `cargo xtask bench incremental`: the time to add 1k documents to a store of 100k (`run
//! --store`), against a full rerun over all 101k documents, on the synthetic corpus of
//! `bench reconcile` written as a JSON Lines feed. Every run is the whole `cargo xtask run`
//! (models loaded, report written), timed by the wall clock at all cores. The two store runs
//! share an output folder, so the add run reuses the fill run's per-document report parts.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use concord_pipeline::{NoProgress, PipelineConfig, RunOptions};
use concord_reconcile::synth;

use super::BenchOptions;
use super::runner::{Result, io_context, table};

/// The corpus's seed (as `bench reconcile`).
const SEED: u64 = 7;
/// Documents in the store, unless `--stored-docs` says otherwise.
const STORED: usize = 100_000;
/// Documents added to it.
const ADDED: usize = 1_000;

/// Runs the bench.
pub fn incremental(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    let stored = options.stored_docs.unwrap_or(STORED).max(1);
    let dir = options.corpus_dir.join(format!("incremental-{stored}"));
    let (base, added) = (dir.join("stored.jsonl"), dir.join("added.jsonl"));
    if !base.exists() || !added.exists() {
        write_feeds(&dir, &base, &added, stored)?;
    }
    let threads = options.all_cores();
    let config = PipelineConfig::recommended();
    let store = dir.join("store");
    let _ = fs::remove_dir_all(&store);
    // Both store runs write into one folder, as an analyst's daily runs do: the add run keeps the
    // fill run's per-document report files and rows.
    let stored_out = dir.join("out-store");
    let fill = timed_run(
        &config,
        std::slice::from_ref(&base),
        &stored_out,
        Some(&store),
        threads,
    )?;
    let add = timed_run(
        &config,
        std::slice::from_ref(&added),
        &stored_out,
        Some(&store),
        threads,
    )?;
    let full = timed_run(
        &config,
        &[base, added],
        &dir.join("out-full"),
        None,
        threads,
    )?;
    writeln!(
        out,
        "cargo xtask bench incremental ({threads} threads, wall clock, whole runs with the report)"
    )
    .map_err(table)?;
    writeln!(out, "| run | documents processed | seconds |").map_err(table)?;
    writeln!(out, "|---|---|---|").map_err(table)?;
    for (name, docs, seconds) in [
        ("fill the store", stored, fill),
        ("add to the store", ADDED, add),
        ("full rerun without a store", stored + ADDED, full),
    ] {
        writeln!(out, "| {name} | {docs} | {seconds:.2} |").map_err(table)?;
    }
    writeln!(
        out,
        "adding {ADDED} documents to a store of {stored}: {:.1}x faster than a full rerun",
        full / add.max(1e-9)
    )
    .map_err(table)
}

fn timed_run(
    config: &PipelineConfig,
    inputs: &[PathBuf],
    out: &Path,
    store: Option<&Path>,
    threads: usize,
) -> Result<f64> {
    let options = RunOptions {
        inputs: inputs.to_vec(),
        out: out.to_owned(),
        threads,
        batch_size: RunOptions::DEFAULT_BATCH_SIZE,
        channel_capacity: 0,
        emit_intermediate: false,
        store: store.map(Path::to_owned),
        all_documents: false,
    };
    let started = Instant::now();
    concord_pipeline::run(config, &options, &NoProgress)?;
    Ok(started.elapsed().as_secs_f64())
}

/// The synthetic corpus as two feeds: the first `stored` documents and the [`ADDED`] after them
/// (same events continue, so the added ones join stored stories).
fn write_feeds(dir: &Path, base: &Path, added: &Path, stored: usize) -> Result<()> {
    fs::create_dir_all(dir).map_err(io_context(format!("creating {}", dir.display())))?;
    let create = |path: &Path| -> Result<BufWriter<fs::File>> {
        fs::File::create(path)
            .map(BufWriter::new)
            .map_err(io_context(format!("creating {}", path.display())))
    };
    let (mut first, mut second) = (create(base)?, create(added)?);
    let mut n = 0;
    let mut failed = None;
    synth::Corpus::new(stored + ADDED, SEED).for_each(|facts| {
        let doc = &facts.doc;
        let line = serde_json::json!({
            "text": doc.text,
            "title": doc.title,
            "published": doc.published.as_ref().map(|p| p.value.clone()),
            "site": doc.site,
        });
        let target = if n < stored { &mut first } else { &mut second };
        n += 1;
        if failed.is_none()
            && let Err(err) = writeln!(target, "{line}")
        {
            failed = Some(err);
        }
    });
    for writer in [&mut first, &mut second] {
        if failed.is_none() {
            failed = writer.flush().err();
        }
    }
    match failed {
        Some(err) => Err(io_context(format!("writing {}", dir.display()))(err)),
        None => Ok(()),
    }
}
