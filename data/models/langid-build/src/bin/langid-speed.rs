//! Throughput of concord's language detector on the seed articles (`data/samples/*.txt`):
//! `detect` (whole text, bounded sample) and `detect_paragraphs` (blank-line paragraphs).
//! A benchmark: it prints figures and asserts nothing. Run from the workspace root with
//!   cargo run --release --manifest-path data/models/langid-build/Cargo.toml --bin langid-speed

use std::time::Instant;

use concord_normalize::lang::{DEFAULT_LANGUAGES, LanguageDetector};

fn main() {
    let detector = LanguageDetector::new(DEFAULT_LANGUAGES).expect("default languages");
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("data/samples")
        .expect("run from the workspace root")
        .map(|entry| entry.expect("dir entry").path())
        .collect();
    paths.sort();
    for path in paths {
        docs.push(std::fs::read_to_string(&path).expect("sample text"));
    }
    let reps = 2_000;
    let start = Instant::now();
    for _ in 0..reps {
        for doc in &docs {
            std::hint::black_box(detector.detect(doc));
        }
    }
    let per_doc = start.elapsed().as_secs_f64() / (reps * docs.len()) as f64;
    println!("detect: {:.1} us/doc, {:.0} docs/s", per_doc * 1e6, 1.0 / per_doc);
    let start = Instant::now();
    for _ in 0..reps {
        for doc in &docs {
            let paragraphs: Vec<&str> = doc.split("\n\n").collect();
            std::hint::black_box(detector.detect_paragraphs(&paragraphs));
        }
    }
    let per_doc = start.elapsed().as_secs_f64() / (reps * docs.len()) as f64;
    println!("detect_paragraphs: {:.1} us/doc, {:.0} docs/s", per_doc * 1e6, 1.0 / per_doc);
}
