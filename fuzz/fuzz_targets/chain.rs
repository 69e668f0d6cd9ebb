//! Fuzzes the whole per-document chain: any bytes, read as a text, HTML, JSON Lines or WARC file
//! (the first byte chooses), decoded by ingest, cleaned by normalize and read by extract. Nothing may
//! panic, and every offset a stage emits must stay inside the text it points into.
#![no_main]

use std::sync::OnceLock;

use concord_extract::{ExtractConfig, Extractor};
use concord_ingest::{IngestConfig, Record, decode, read_stream};
use concord_model::{CleanDoc, DocFacts, Item, RawDoc, Span};
use concord_normalize::{NormalizeConfig, Normalizer, RunContext};
use libfuzzer_sys::fuzz_target;

fn stages() -> &'static (Normalizer, Extractor) {
    static STAGES: OnceLock<(Normalizer, Extractor)> = OnceLock::new();
    STAGES.get_or_init(|| {
        let normalizer =
            Normalizer::new(&NormalizeConfig::recommended()).expect("normalizer builds");
        let ner_model = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/models/ner.bin").into();
        let extractor = Extractor::new(&ExtractConfig { ner_model }).expect("extractor builds");
        (normalizer, extractor)
    })
}

const NAMES: [&str; 4] = ["fuzz.txt", "fuzz.html", "fuzz.jsonl", "fuzz.warc"];

fuzz_target!(|data: &[u8]| {
    let (name, data) = match data.split_first() {
        Some((&first, rest)) => (NAMES[usize::from(first) % NAMES.len()], rest),
        None => (NAMES[0], data),
    };
    let config = IngestConfig {
        max_doc_bytes: 1 << 16,
    };
    let (normalizer, extractor) = stages();
    let mut items: Vec<Item<Record>> = Vec::new();
    read_stream(&config, name, &mut &data[..], &mut items);
    for item in items {
        let Item::Doc(raw) = item.and_then(|record| decode(&config, record)) else {
            continue;
        };
        let Ok(clean) = normalizer.normalize(raw.clone(), &RunContext::none()) else {
            continue;
        };
        check_clean(&raw, &clean);
        if let Ok(facts) = extractor.extract(clean) {
            check_facts(&facts);
        }
    }
});

/// `span` lies inside `text` on character boundaries.
fn inside(span: Span, text: &str) -> bool {
    let (start, end) = (span.start as usize, span.end as usize);
    start <= end && text.get(start..end).is_some()
}

fn check_clean(raw: &RawDoc, clean: &CleanDoc) {
    let text = &clean.text;
    let mut last = 0;
    for c in 0..=text.len() {
        let at = clean.offsets.to_raw(c);
        assert!(at <= raw.body.len(), "clean {c} maps past the raw body");
        assert!(at >= last, "the offset map goes backwards at clean {c}");
        last = at;
    }
    for p in &clean.paragraphs {
        assert!(inside(p.span, text), "paragraph {:?}", p.span);
    }
    for s in &clean.sentences {
        assert!(inside(*s, text), "sentence {s:?}");
    }
    for r in &clean.removed {
        assert!(r.raw_offset as usize <= raw.body.len(), "removed {r:?}");
    }
}

fn check_facts(facts: &DocFacts) {
    let text = &facts.doc.text;
    let spans = facts
        .entities
        .iter()
        .map(|m| m.span)
        .chain(facts.figures.iter().map(|f| f.span))
        .chain(facts.dates.iter().map(|d| d.span))
        .chain(facts.quotes.iter().map(|q| q.span))
        .chain(facts.quotes.iter().filter_map(|q| q.speaker_span))
        .chain(facts.quotes.iter().filter_map(|q| q.cue));
    for span in spans {
        assert!(inside(span, text), "fact span {span:?}");
    }
    // Not asserted yet: a figure's value is finite (a 4,000-digit number gives `inf`, written as
    // `null`; extract's side of issue 10 item 11).
    for figure in &facts.figures {
        assert!(
            (figure.sentence as usize) < facts.doc.sentences.len().max(1),
            "figure sentence {figure:?}"
        );
    }
}
