//! Fuzzes the WARC reader and decoder: any bytes (gzip-compressed when they start with the gzip magic)
//! must give items at strictly increasing offsets inside the stream, without panicking.
#![no_main]

use concord_ingest::{IngestConfig, Record, decode, read_stream};
use concord_model::Item;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (limit, data) = match data.split_first() {
        Some((&first, rest)) => (usize::from(first) * 16 + 1, rest),
        None => (1, data),
    };
    let config = IngestConfig {
        max_doc_bytes: limit,
    };
    let mut items: Vec<Item<Record>> = Vec::new();
    let stats = read_stream(&config, "fuzz.warc", &mut &data[..], &mut items);
    assert_eq!(stats.records as usize, items.len());
    let mut last = None;
    for item in items {
        if let Item::Doc(record) = &item {
            assert!(
                record.bytes.len() <= limit,
                "a record never exceeds the limit"
            );
        }
        let item = item.and_then(|record| decode(&config, record));
        let source = match &item {
            Item::Doc(doc) => &doc.source,
            Item::Quarantined(issue) => &issue.source,
        };
        if let Some(offset) = source.offset {
            assert!(
                last.is_none_or(|last| offset > last),
                "offsets must increase"
            );
            last = Some(offset);
        }
    }
});
