//! Fuzzes the JSON Lines reader and decoder: any bytes, plain or (when they start with the gzip magic)
//! compressed, must give one item per non-blank line, in increasing line order, without panicking.
#![no_main]

use concord_ingest::{IngestConfig, Record, decode, read_stream};
use concord_model::Item;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a small record limit so that the too-large path is exercised too.
    let (limit, data) = match data.split_first() {
        Some((&first, rest)) => (usize::from(first) * 8 + 1, rest),
        None => (1, data),
    };
    let config = IngestConfig {
        max_doc_bytes: limit,
    };
    let mut items: Vec<Item<Record>> = Vec::new();
    let stats = read_stream(&config, "fuzz.jsonl", &mut &data[..], &mut items);
    assert_eq!(stats.records as usize, items.len());
    let mut last_line = 0;
    for item in items {
        let item = item.and_then(|record| decode(&config, record));
        let source = match &item {
            Item::Doc(doc) => &doc.source,
            Item::Quarantined(issue) => &issue.source,
        };
        if let Some(line) = source.line {
            assert!(line > last_line, "lines must increase");
            last_line = line;
        }
    }
});
