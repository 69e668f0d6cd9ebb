//! The committed fuzz seeds (`fuzz/seeds/chain/`, made by `fuzz/seeds/make.py`) through the whole
//! pipeline: each seed without its format byte, under its own name, read, cleaned and extracted at
//! 1 and 4 threads. The run must finish (a panic in any stage ends it), give the same output at any
//! thread count, account for every record, and keep every span of `docs.jsonl` inside its text.

use concord_tests::{config, root, run, scratch};

/// Every `[start, end]` pair of one `docs.jsonl` line lies inside its `text` on character boundaries.
fn check_spans(line: &str) {
    let doc: serde_json::Value = serde_json::from_str(line).expect("docs.jsonl line is JSON");
    let text = doc["text"].as_str().expect("text");
    let mut spans = Vec::new();
    for field in ["paragraphs", "entities", "figures", "dates", "quotes"] {
        for item in doc[field].as_array().into_iter().flatten() {
            spans.push((field, item["span"].clone()));
            if field == "quotes" {
                for extra in ["speaker_span", "cue"] {
                    if !item[extra].is_null() {
                        spans.push((extra, item[extra].clone()));
                    }
                }
            }
        }
    }
    for span in doc["sentences"].as_array().into_iter().flatten() {
        spans.push(("sentences", span.clone()));
    }
    for (field, span) in spans {
        let pair = span.as_array().expect("a span is a pair");
        let (start, end) = (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap());
        assert!(
            start <= end && text.get(start as usize..end as usize).is_some(),
            "{field} span {span} outside the text of {}",
            doc["source"]
        );
    }
}

#[test]
fn fuzz_seeds_run_through_every_stage() {
    let seeds = root().join("fuzz/seeds/chain");
    let input = scratch("fuzz-seeds");
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .expect("fuzz/seeds/chain exists")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    names.sort();
    for seed in &names {
        let bytes = std::fs::read(seed).expect("readable seed");
        let name = seed.file_name().expect("a file name");
        std::fs::write(input.join(name), bytes.get(1..).unwrap_or_default()).expect("scratch");
    }
    let input = input.to_string_lossy().into_owned();
    let one = run(&[input.as_str()], 1, &config());
    let four = run(&[input.as_str()], 4, &config());
    assert_eq!(one.docs, four.docs);
    assert_eq!(one.quarantine, four.quarantine);
    let manifest = &one.manifest;
    assert_eq!(
        manifest.records_in,
        manifest.documents_out + manifest.quarantined
    );
    assert!(manifest.documents_out as usize >= names.len() / 2);
    for line in one.docs.lines() {
        check_spans(line);
    }
}
