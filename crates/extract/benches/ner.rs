//! Entity tagging throughput on one core: tokenizing, and tagging with the committed model
//! (`data/models/ner.bin`, loaded once before timing), over the seed articles in `data/samples/`,
//! counted in tokens per second. Run with `cargo bench -p concord-extract --bench ner`.
#![allow(missing_docs)]

use std::path::Path;
use std::sync::OnceLock;

use concord_extract::ner::NerModel;
use concord_extract::tokenize::{Token, tokenize};
use concord_model::Span;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A seed article: its text, tokens, sentences (one per line: the bench cannot use normalize) and
/// a language guess from its contents.
type Sample = (String, Vec<Token>, Vec<Span>, &'static str);

/// The seed articles.
fn samples() -> &'static Vec<Sample> {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(root().join("data/samples"))
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|text| {
                let lang = if text.contains(" yang ") {
                    "id"
                } else if text.contains(" die ") {
                    "de"
                } else {
                    "en"
                };
                let tokens = tokenize(&text);
                let mut sentences = Vec::new();
                let mut start = 0;
                for line in text.split_inclusive('\n') {
                    sentences.push(Span::new(start, start + line.trim_end().len()));
                    start += line.len();
                }
                (text, tokens, sentences, lang)
            })
            .collect()
    })
}

fn model() -> &'static NerModel {
    static MODEL: OnceLock<NerModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        NerModel::load(&root().join("data/models/ner.bin")).expect("data/models/ner.bin")
    })
}

fn token_count() -> usize {
    samples().iter().map(|(_, t, _, _)| t.len()).sum()
}

#[divan::bench]
fn tokenize_samples(bencher: divan::Bencher) {
    let samples = samples();
    bencher.counter(ItemsCount::new(token_count())).bench(|| {
        let mut out = Vec::new();
        for (text, _, _, _) in samples {
            concord_extract::tokenize::tokenize_into(divan::black_box(text), &mut out);
            divan::black_box(&out);
        }
    });
}

#[divan::bench]
fn tag_samples(bencher: divan::Bencher) {
    let samples = samples();
    let model = model();
    bencher.counter(ItemsCount::new(token_count())).bench(|| {
        for (text, tokens, sentences, lang) in samples {
            divan::black_box(model.tag(divan::black_box(text), tokens, sentences, lang));
        }
    });
}
