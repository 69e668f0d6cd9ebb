//! Diagnostics of reconcile on the synthetic corpus, beside the measurement that
//! `cargo xtask bench reconcile` makes: `--phases` times the parts of a digest (MinHash signature,
//! the shared similarity profile, the whole digest without it; wall clock), `--finish` times
//! `analysis::analyse` and `Analysis::corpus` apart (wall clock; with `--part1`, also both on
//! digests without part 2's mentions, quotes, claims and MT anchors), `--blocking` counts candidate
//! pairs and edges by kind.
//!
//! `cargo run --release -p concord-reconcile --features synth --example reconcile_phases -- 100000 --phases`
#![allow(clippy::print_stdout)]

use std::time::Instant;

use concord_reconcile::synth::Corpus;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().as_deref().unwrap_or("10000").parse()?;
    let mut seed = 7u64;
    let (mut phases, mut blocking, mut finish, mut part1) = (false, false, false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().ok_or("--seed N")?.parse()?,
            "--phases" => phases = true,
            "--blocking" => blocking = true,
            "--finish" => finish = true,
            "--part1" => part1 = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if phases {
        let mut all = Vec::new();
        Corpus::new(docs, seed).for_each(|facts| all.push(facts));
        let t = Instant::now();
        for f in &all {
            std::hint::black_box(concord_reconcile::minhash::signature(&f.doc.text));
        }
        let t1 = t.elapsed().as_secs_f64();
        for f in &all {
            std::hint::black_box(concord_reconcile::similarity::build_profile(
                f,
                concord_reconcile::similarity::Lexicon::builtin(),
            ));
        }
        let t2 = t.elapsed().as_secs_f64();
        for f in &all {
            std::hint::black_box(concord_reconcile::digest::digest(f, false));
        }
        let t3 = t.elapsed().as_secs_f64();
        println!(
            "signature {:.1} us, profile {:.1} us, digest {:.1} us",
            t1 / docs as f64 * 1e6,
            (t2 - t1) / docs as f64 * 1e6,
            (t3 - t2) / docs as f64 * 1e6
        );
        // The parts of the digest that part 2 (entities, quotes, claims, MT damage) added.
        let part = |name: &str, f: &dyn Fn(&concord_model::DocFacts)| {
            let t = Instant::now();
            all.iter().for_each(f);
            println!(
                "  of it {name} {:.1} us",
                t.elapsed().as_secs_f64() / docs as f64 * 1e6
            );
        };
        use concord_reconcile::{claims, entities, mt, quotes};
        use std::hint::black_box;
        part("mentions", &|f| {
            black_box(entities::digest(&f.doc.text, &f.entities));
        });
        part("quotes", &|f| {
            black_box(quotes::digest(f));
        });
        part("claims", &|f| {
            black_box(claims::digest(f));
        });
        part("mt", &|f| {
            black_box(mt::digest(f));
        });
        return Ok(());
    }
    if finish {
        let mut digests = Vec::new();
        Corpus::new(docs, seed)
            .for_each(|facts| digests.push(concord_reconcile::digest::digest(&facts, false)));
        let t = Instant::now();
        let a = concord_reconcile::analysis::analyse(
            &concord_reconcile::ReconcileConfig::recommended(),
            digests,
        );
        let t1 = t.elapsed().as_secs_f64();
        let corpus = a.corpus();
        let t2 = t.elapsed().as_secs_f64();
        println!(
            "analyse {t1:.3} s, corpus {:.3} s ({} entities)",
            t2 - t1,
            corpus.entities.len()
        );
        if part1 {
            // Copies, translations and stories alone: part 2's digest fields emptied.
            let mut digests = Vec::new();
            Corpus::new(docs, seed).for_each(|facts| {
                let mut d = concord_reconcile::digest::digest(&facts, false);
                d.mentions.clear();
                d.quoted.clear();
                d.claims.clear();
                d.mt = Default::default();
                digests.push(d);
            });
            let t = Instant::now();
            let a = concord_reconcile::analysis::analyse(
                &concord_reconcile::ReconcileConfig::recommended(),
                digests,
            );
            let corpus = a.corpus();
            println!(
                "part 1 alone: analyse and corpus {:.3} s ({} stories)",
                t.elapsed().as_secs_f64(),
                corpus.stories.len()
            );
        }
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
    if !phases && !blocking {
        println!(
            "nothing asked: pass --phases or --blocking (the measurement is `cargo xtask bench reconcile`)"
        );
    }
    Ok(())
}
