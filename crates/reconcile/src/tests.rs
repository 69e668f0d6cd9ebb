//! The fold's contract: one fold, or shards merged in any order, or documents pushed in any order,
//! give the same corpus byte for byte (checked on the synthetic corpus with its planted copies,
//! near copies and translations).

use concord_model::DocFacts;
use proptest::prelude::*;

use crate::synth::Corpus;
use crate::{ReconcileConfig, Reconciler};

fn documents(n: usize, seed: u64) -> Vec<DocFacts> {
    let mut all = Vec::new();
    Corpus::new(n, seed).for_each(|facts| all.push(facts));
    all
}

fn encoded(fold: Reconciler) -> Vec<u8> {
    let corpus = fold.finish();
    let mut out = Vec::new();
    let mut writer = concord_model::codec::FrameWriter::new(&mut out, "Corpus").expect("header");
    writer.write(&corpus).expect("corpus encodes");
    drop(writer);
    out
}

fn fold_of(docs: &[&DocFacts]) -> Reconciler {
    let mut fold = Reconciler::new(&ReconcileConfig::recommended());
    for facts in docs {
        fold.push(facts);
    }
    fold
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn shards_and_orders_give_the_same_corpus(
        seed in 0u64..1000,
        order_seed in any::<u64>(),
        shards in 1usize..5,
        reverse_merge in any::<bool>(),
    ) {
        let docs = documents(60, seed);
        let reference = encoded(fold_of(&docs.iter().collect::<Vec<_>>()));

        // Shuffle (deterministically from order_seed), split into shards, merge in some order.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut state = order_seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut parts: Vec<Reconciler> = (0..shards)
            .map(|s| {
                let mine: Vec<&DocFacts> =
                    order.iter().skip(s).step_by(shards).map(|&i| &docs[i]).collect();
                fold_of(&mine)
            })
            .collect();
        if reverse_merge {
            parts.reverse();
        }
        let mut merged = parts.remove(0);
        for part in parts {
            merged = if reverse_merge { part.merge(merged) } else { merged.merge(part) };
        }
        prop_assert_eq!(encoded(merged), reference);
    }
}

#[test]
fn the_synthetic_corpus_is_found_again() {
    let docs = documents(400, 3);
    let mut fold = Reconciler::new(&ReconcileConfig::recommended());
    for facts in &docs {
        fold.push(facts);
    }
    let corpus = fold.finish();
    let groups =
        |kind: concord_model::CopyKind| corpus.copies.iter().filter(|g| g.kind == kind).count();
    let truth = Corpus::new(400, 3).for_each(|_| {});
    assert_eq!(groups(concord_model::CopyKind::Exact), truth.exact);
    let near = groups(concord_model::CopyKind::Near);
    assert!(
        near >= truth.near * 9 / 10 && near <= truth.near,
        "{near} of {}",
        truth.near
    );
    let translations = groups(concord_model::CopyKind::Translation);
    assert!(
        translations >= truth.translations * 8 / 10 && translations <= truth.translations * 13 / 10,
        "{translations} of {}",
        truth.translations
    );
    assert_eq!(corpus.doc_links.len(), docs.len());
}

/// A story of `docs` with nothing else known (for the tests of what runs on stories).
pub(crate) fn bare_story(key: &[u8], docs: Vec<concord_model::DocId>) -> concord_model::Story {
    concord_model::Story {
        id: concord_model::StoryId::of(key),
        label: String::new(),
        docs,
        languages: Vec::new(),
        sites: Vec::new(),
        first: None,
        last: None,
        evidence: Vec::new(),
        corrected: false,
    }
}
