//! Language identification cost on one core, on the text the pipeline really gives the detector:
//! every Zyte benchmark page (`../shared/eval/boilerplate/zyte/html/*.html.gz`) is normalized once
//! before timing, and `LanguageDetector::detect_paragraphs` is then timed over each page's kept
//! paragraphs (counted in documents). `detect` is timed over the first 200 lines of each language's
//! `sentences.txt` in `../shared/eval/langid` (counted in lines). Run with
//! `cargo bench -p concord-normalize --bench lang`. Without the shared data it times the seed
//! articles instead and says so.
// A bench binary says on stderr which input it timed.
#![allow(missing_docs, clippy::print_stderr)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use concord_model::{Media, RawDoc, SourceRef};
use concord_normalize::lang::{DEFAULT_LANGUAGES, LanguageDetector};
use concord_normalize::{NormalizeConfig, Normalizer, RunContext};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| LanguageDetector::new(DEFAULT_LANGUAGES).expect("default languages"))
}

fn raw(path: &Path, body: String, media: Media) -> RawDoc {
    RawDoc::from_text(SourceRef::file(path.display().to_string()), media, body)
}

/// Sorted paths of a folder (empty if it is missing).
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// The paragraphs the normalizer passes to the detector, one list per document.
fn documents() -> &'static Vec<Vec<String>> {
    static DOCS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let normalizer =
            Normalizer::new(&NormalizeConfig::recommended()).expect("recommended config");
        let mut raws = Vec::new();
        let dir = shared().join("boilerplate/zyte/html");
        for path in listing(&dir) {
            let mut bytes = Vec::new();
            let ok = std::fs::File::open(&path)
                .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
            if ok.is_ok() {
                let body = String::from_utf8_lossy(&bytes).into_owned();
                raws.push(raw(&path, body, Media::Html));
            }
        }
        if raws.is_empty() {
            eprintln!("no pages under {}: timing the seed articles", dir.display());
            let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
            for path in listing(&samples) {
                if let Ok(body) = std::fs::read_to_string(&path) {
                    raws.push(raw(&path, body, Media::Text));
                }
            }
        }
        let mut docs = Vec::new();
        for doc in raws {
            if let Ok(clean) = normalizer.normalize(doc, &RunContext::none()) {
                let paragraphs = clean
                    .paragraphs
                    .iter()
                    .map(|p| p.span.of(&clean.text).to_owned())
                    .collect();
                docs.push(paragraphs);
            }
        }
        docs
    })
}

/// Up to 200 lines of each default language's `sentences.txt`.
fn sentences() -> &'static Vec<String> {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines = Vec::new();
        for code in DEFAULT_LANGUAGES {
            let path = shared().join("langid").join(code).join("sentences.txt");
            if let Ok(text) = std::fs::read_to_string(&path) {
                lines.extend(text.lines().take(200).map(str::to_owned));
            }
        }
        if lines.is_empty() {
            eprintln!("no langid sentences: timing a few fixed lines");
            lines.push("The council voted on Tuesday to expand the tram network.".into());
            lines.push("Die Regierung hat gestern ein neues Gesetz beschlossen.".into());
        }
        lines
    })
}

/// Every page's paragraphs once per iteration: documents per second on one core.
#[divan::bench(sample_count = 30)]
fn detect_paragraphs(bencher: divan::Bencher) {
    let detector = detector();
    let docs = documents();
    let refs: Vec<Vec<&str>> = docs
        .iter()
        .map(|paragraphs| paragraphs.iter().map(String::as_str).collect())
        .collect();
    bencher.counter(ItemsCount::new(refs.len())).bench(|| {
        let mut paragraphs = 0;
        for doc in &refs {
            paragraphs += detector
                .detect_paragraphs(divan::black_box(doc))
                .paragraphs
                .len();
        }
        paragraphs
    });
}

/// Every evaluation sentence once per iteration: lines per second on one core.
#[divan::bench(sample_count = 30)]
fn detect_sentences(bencher: divan::Bencher) {
    let detector = detector();
    let lines = sentences();
    bencher.counter(ItemsCount::new(lines.len())).bench(|| {
        let mut known = 0;
        for line in lines {
            known += usize::from(detector.detect(divan::black_box(line)).code != "und");
        }
        known
    });
}

/// Building a detector: parsing the embedded model and precomputing its backed-off rows (once per
/// run).
#[divan::bench(sample_count = 5)]
fn load() -> LanguageDetector {
    LanguageDetector::new(DEFAULT_LANGUAGES).expect("default languages")
}
