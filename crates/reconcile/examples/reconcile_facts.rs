//! Reconciles a `facts.bin` written by `cargo xtask run --emit-intermediate` and prints the corpus
//! and the explanation of every pair: a tool for tuning thresholds by hand.
//!
//! `cargo run -p concord-reconcile --example reconcile_facts -- /tmp/rc-out/facts.bin`
#![allow(clippy::print_stdout)]

use std::fs::File;
use std::io::BufReader;

use concord_model::codec::FrameReader;
use concord_model::{Batch, DocFacts, Item, codec::Message};
use concord_reconcile::{ReconcileConfig, Reconciler};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: reconcile_facts FACTS.bin")?;
    let mut reader = FrameReader::new(BufReader::new(File::open(path)?), DocFacts::KIND)?;
    let mut fold = Reconciler::new(&ReconcileConfig::recommended());
    let mut ids = Vec::new();
    while let Some(batch) = reader.read::<Batch<DocFacts>>()? {
        for item in batch.items {
            if let Item::Doc(facts) = item {
                ids.push((facts.doc.source.path.clone(), facts.doc.id));
                fold.push(&facts);
            }
        }
    }
    for (i, (pa, a)) in ids.iter().enumerate() {
        for (pb, b) in &ids[i + 1..] {
            println!("== {pa} / {pb}");
            if let Some(explanation) = fold.explain(*a, *b) {
                println!("{explanation}");
            }
        }
    }
    let corpus = fold.finish();
    println!("{corpus:#?}");
    Ok(())
}
