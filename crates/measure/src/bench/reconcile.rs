//! `cargo xtask bench reconcile`: the fold on the deterministic synthetic corpus
//! (`concord_reconcile::synth`) at two sizes, with datasketch's MinHash + LSH beside it on the
//! same texts when a Python with datasketch is found.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use concord_model::{DocDigest, DocFacts};
use concord_reconcile::digest;
use concord_reconcile::synth::{self, Figures};

use super::runner::{Result, io_context, table};
use super::{BenchError, BenchOptions};

/// The synthetic corpus's seed: fixed, so every run measures the same documents.
const SEED: u64 = 7;

/// The corpus size datasketch is measured on, beside concord's figures for it.
const PEER_DOCS: usize = 100_000;

/// Runs the bench: 10k and 100k documents (the second shows how time grows with the corpus).
pub fn reconcile(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "cargo xtask bench reconcile (one thread, thread CPU time)"
    )
    .map_err(table)?;
    writeln!(
        out,
        "| docs | MB text | push s | finish s | docs/s | state B/doc | stories | exact | near | translation |"
    )
    .map_err(table)?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|").map_err(table)?;
    let mut sizes = vec![10_000, PEER_DOCS];
    sizes.extend(options.docs.filter(|n| !sizes.contains(n)));
    let mut compared = None;
    for &docs in &sizes {
        let f = synth::measure_with(docs, SEED, cpu_seconds);
        row(out, &f)?;
        if docs == PEER_DOCS {
            compared = Some(f);
        }
    }
    for &docs in &sizes[1..] {
        all_cores(options, out, docs)?;
    }
    let Some(compared) = compared else {
        return Ok(());
    };
    writeln!(
        out,
        "planted in {} docs: {} events, {} exact copies, {} near copies, {} translations",
        compared.docs,
        compared.planted.events,
        compared.planted.exact,
        compared.planted.near,
        compared.planted.translations
    )
    .map_err(table)?;
    match datasketch(&options.corpus_dir, compared.docs)? {
        Some(peer) => {
            writeln!(out, "{peer}").map_err(table)?;
            if let Some(rate) = peer_rate(&peer) {
                writeln!(
                    out,
                    "concord / datasketch docs per second per core: {:.1}x",
                    compared.docs_per_second() / rate
                )
                .map_err(table)?;
            }
        }
        None => writeln!(
            out,
            "datasketch not measured: `python3 -m venv /tmp/ds-venv && /tmp/ds-venv/bin/pip install \
             datasketch` (or set CONCORD_DATASKETCH_PYTHON)"
        )
        .map_err(table)?,
    }
    Ok(())
}

/// The same corpus with the digests built on every core (wall clock; `finish` is one thread).
fn all_cores(options: &BenchOptions, out: &mut dyn Write, docs: usize) -> Result<()> {
    let threads = options.all_cores();
    let started = std::time::Instant::now();
    let f = synth::measure_digesting(
        docs,
        SEED,
        || started.elapsed().as_secs_f64(),
        |batch, profiles| digest_on_threads(batch, threads, profiles),
    );
    writeln!(
        out,
        "all cores ({threads} threads, wall clock, digests in parallel): {} docs, push {:.3} s, \
         finish {:.3} s, {:.0} docs/s",
        f.docs,
        f.push_seconds,
        f.finish_seconds,
        f.docs_per_second()
    )
    .map_err(table)
}

/// The digests of `batch`, in order, built on `threads` scoped threads.
fn digest_on_threads(batch: &[DocFacts], threads: usize, profiles: bool) -> Vec<DocDigest> {
    let part = batch.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = batch
            .chunks(part)
            .map(|docs| {
                scope.spawn(move || {
                    docs.iter()
                        .map(|facts| digest::digest(facts, profiles))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn row(out: &mut dyn Write, f: &Figures) -> Result<()> {
    writeln!(
        out,
        "| {} | {:.1} | {:.3} | {:.3} | {:.0} | {:.0} | {} | {} / {} | {} / {} | {} / {} |",
        f.docs,
        f.text_bytes as f64 / 1e6,
        f.push_seconds,
        f.finish_seconds,
        f.docs_per_second(),
        f.state_bytes_per_doc,
        f.stories,
        f.groups[0],
        f.grouped[0],
        f.groups[1],
        f.grouped[1],
        f.groups[2],
        f.grouped[2],
    )
    .map_err(table)
}

/// The peer's line, `datasketch N docs: S s CPU, R docs/s per core, P candidate pairs`; `None`
/// when no Python with datasketch is found.
fn datasketch(corpus_dir: &Path, docs: usize) -> Result<Option<String>> {
    let python = std::env::var_os("CONCORD_DATASKETCH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/ds-venv/bin/python"));
    if !python.exists() {
        return Ok(None);
    }
    fs::create_dir_all(corpus_dir)
        .map_err(io_context(format!("creating {}", corpus_dir.display())))?;
    let texts = corpus_dir.join(format!("reconcile-texts-{docs}.txt"));
    write_texts(&texts, docs)?;
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../reconcile/benches/datasketch_bench.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(&texts)
        .stderr(Stdio::inherit())
        .output()
        .map_err(io_context(format!("running {}", python.display())))?;
    if !output.status.success() {
        return Err(BenchError::Child(format!(
            "datasketch peer failed ({})",
            output.status
        )));
    }
    Ok(Some(
        String::from_utf8_lossy(&output.stdout).trim().to_owned(),
    ))
}

/// The synthetic corpus's clean texts, one per line, as the peer reads them.
fn write_texts(path: &Path, docs: usize) -> Result<()> {
    let file =
        fs::File::create(path).map_err(io_context(format!("creating {}", path.display())))?;
    let mut writer = BufWriter::new(file);
    let mut failed = None;
    synth::Corpus::new(docs, SEED).texts(|line| {
        if failed.is_none()
            && let Err(err) = writeln!(writer, "{line}")
        {
            failed = Some(err);
        }
    });
    if let Some(err) = failed.or_else(|| writer.flush().err()) {
        return Err(io_context(format!("writing {}", path.display()))(err));
    }
    Ok(())
}

/// The docs/s figure of the peer's line.
fn peer_rate(line: &str) -> Option<f64> {
    let before = line.split(" docs/s").next()?;
    before.rsplit(' ').next()?.parse().ok()
}

/// This thread's CPU time in seconds (Linux schedstat), so a busy machine does not distort it;
/// the wall clock where schedstat is missing.
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| {
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_secs_f64()
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_peer_rate_is_read_from_its_line() {
        let line = "datasketch 100000 docs: 71.79 s CPU, 1393 docs/s per core, 12 candidate pairs";
        assert_eq!(super::peer_rate(line), Some(1393.0));
        assert_eq!(super::peer_rate("nothing"), None);
    }
}
