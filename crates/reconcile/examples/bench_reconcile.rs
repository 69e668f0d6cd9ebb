//! Measures reconcile on the synthetic corpus: documents per second on this thread, state bytes per
//! document, and what it found against what was planted. With `--texts FILE` it also writes the
//! corpus's clean texts, one per line, for the datasketch comparison (`benches/datasketch_bench.py`);
//! `--phases` times the parts of a digest (MinHash signature, the shared similarity profile, the
//! whole digest without it) and `--blocking` counts candidate pairs and edges.
//!
//! `cargo run --release -p concord-reconcile --features synth --example bench_reconcile -- 100000`
#![allow(clippy::print_stdout)]

use std::io::Write;

use concord_reconcile::synth::{Corpus, measure_with};

/// This thread's CPU time in seconds (Linux schedstat; the wall clock where it is missing).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| {
            use std::sync::OnceLock;
            static START: OnceLock<std::time::Instant> = OnceLock::new();
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_secs_f64()
        })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().as_deref().unwrap_or("10000").parse()?;
    let mut texts = None;
    let mut seed = 7u64;
    let (mut phases, mut blocking) = (false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--texts" => texts = args.next(),
            "--seed" => seed = args.next().ok_or("--seed N")?.parse()?,
            "--phases" => phases = true,
            "--blocking" => blocking = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if let Some(path) = texts {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut failed = None;
        Corpus::new(docs, seed).texts(|line| {
            if failed.is_none()
                && let Err(err) = writeln!(out, "{line}")
            {
                failed = Some(err);
            }
        });
        if let Some(err) = failed {
            return Err(err.into());
        }
        out.flush()?;
        println!("wrote {docs} texts to {path}");
        return Ok(());
    }
    if phases {
        let mut all = Vec::new();
        Corpus::new(docs, seed).for_each(|facts| all.push(facts));
        let t = cpu_seconds();
        for f in &all {
            std::hint::black_box(concord_reconcile::minhash::signature(&f.doc.text));
        }
        let t1 = cpu_seconds();
        for f in &all {
            std::hint::black_box(concord_reconcile::similarity::build_profile(
                f,
                concord_reconcile::similarity::Lexicon::builtin(),
            ));
        }
        let t2 = cpu_seconds();
        for f in &all {
            std::hint::black_box(concord_reconcile::digest::digest(f, false));
        }
        let t3 = cpu_seconds();
        println!(
            "signature {:.1} us, profile {:.1} us, digest {:.1} us",
            (t1 - t) / docs as f64 * 1e6,
            (t2 - t1) / docs as f64 * 1e6,
            (t3 - t2) / docs as f64 * 1e6
        );
        return Ok(());
    }
    if blocking {
        let mut digests = Vec::new();
        Corpus::new(docs, seed)
            .for_each(|facts| digests.push(concord_reconcile::digest::digest(&facts, false)));
        let a = concord_reconcile::analysis::analyse(
            &concord_reconcile::ReconcileConfig::recommended(),
            digests,
        );
        let by = |l| a.edges.iter().filter(|e| e.link == l).count();
        use concord_reconcile::analysis::Link;
        println!(
            "candidates {} edges {} exact {} near {} trans {} story {}",
            a.candidates,
            a.edges.len(),
            by(Link::Exact),
            by(Link::Near),
            by(Link::Translation),
            by(Link::Story)
        );
        let mut df: Vec<u32> = a.rarity.df.values().copied().collect();
        df.sort_unstable();
        println!(
            "names {} max df {:?}",
            df.len(),
            &df[df.len().saturating_sub(10)..]
        );
        return Ok(());
    }
    let f = measure_with(docs, seed, cpu_seconds);
    println!(
        "reconcile {} docs ({:.1} MB text): push {:.3} s, finish {:.3} s, {:.0} docs/s per core (thread CPU time), \
         state {:.0} bytes/doc",
        f.docs,
        f.text_bytes as f64 / 1e6,
        f.push_seconds,
        f.finish_seconds,
        f.docs_per_second(),
        f.state_bytes_per_doc
    );
    println!(
        "found: {} stories (2+ docs), exact {} groups / {} docs, near {} / {}, translation {} / {}",
        f.stories, f.groups[0], f.grouped[0], f.groups[1], f.grouped[1], f.groups[2], f.grouped[2]
    );
    println!(
        "planted: {} events, {} exact copies, {} near copies, {} translations",
        f.planted.events, f.planted.exact, f.planted.near, f.planted.translations
    );
    Ok(())
}
