//! Ingest throughput on one core: read + decode of JSON Lines, plain text and gzipped WARC, built in
//! memory from a vocabulary taken from `data/samples` (word salad compresses about like real text),
//! plus gunzip alone as the baseline for the WARC figure. Run with
//! `cargo bench -p concord-ingest --bench ingest`; throughput is input bytes (decompressed for
//! WARC, so the gzip baseline is comparable) per second.
#![allow(missing_docs, clippy::result_large_err)]

use std::io::{Read, Write};
use std::ops::ControlFlow;

use concord_ingest::{IngestConfig, Record, RecordSink, decode, read_stream};
use concord_model::Item;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

const CONFIG: IngestConfig = IngestConfig {
    max_doc_bytes: IngestConfig::DEFAULT_MAX_DOC_BYTES,
};

/// Decodes every record as it arrives (read and decode on the same core) and counts documents.
struct DecodeSink {
    docs: usize,
    body_bytes: usize,
}

impl RecordSink for DecodeSink {
    fn record(&mut self, item: Item<Record>) -> ControlFlow<()> {
        if let Item::Doc(doc) = item.and_then(|record| decode(&CONFIG, record)) {
            self.docs += 1;
            self.body_bytes += doc.body.len();
        }
        ControlFlow::Continue(())
    }
}

/// A deterministic stream of article-like texts (~3 KB each) over the seed articles' vocabulary.
fn articles(n: usize) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");
    let mut vocabulary: Vec<String> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap();
        vocabulary.extend(text.split_whitespace().map(str::to_owned));
    }
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let mut text = String::with_capacity(3200);
            while text.len() < 3000 {
                text.push_str(&vocabulary[next() as usize % vocabulary.len()]);
                text.push(if next() % 12 == 0 { '\n' } else { ' ' });
            }
            text
        })
        .collect()
}

fn jsonl_input() -> Vec<u8> {
    let mut out = Vec::new();
    for (i, text) in articles(3000).iter().enumerate() {
        let line = serde_json::json!({
            "text": text,
            "title": format!("Article {i}"),
            "url": format!("https://news.example.com/{i}"),
            "published": "2024-05-01",
            "lang": "id",
            "source": "Example News",
            "section": "world",
        });
        serde_json::to_writer(&mut out, &line).unwrap();
        out.push(b'\n');
    }
    out
}

fn warc_plain() -> Vec<u8> {
    let mut out = Vec::new();
    for (i, text) in articles(3000).iter().enumerate() {
        let body = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Article {i}</title></head><body><article><p>{}</p></article></body></html>",
            text.replace('\n', "</p>\n<p>")
        );
        let block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let member = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.com/{i}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        );
        out.extend_from_slice(member.as_bytes());
    }
    out
}

/// One gzip member per record, as Common Crawl writes WARC files.
fn warc_gz(plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for member in plain
        .split_inclusive(|&b| b == b'\n')
        .collect::<Vec<_>>()
        .chunks(40)
    {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for piece in member {
            encoder.write_all(piece).unwrap();
        }
        out.extend(encoder.finish().unwrap());
    }
    out
}

fn run(name: &str, input: &[u8]) -> usize {
    let mut sink = DecodeSink {
        docs: 0,
        body_bytes: 0,
    };
    read_stream(&CONFIG, name, &mut &input[..], &mut sink);
    assert!(sink.docs > 0);
    sink.body_bytes
}

#[divan::bench(sample_count = 20)]
fn jsonl(bencher: divan::Bencher) {
    let input = jsonl_input();
    bencher
        .counter(BytesCount::of_slice(&input))
        .bench(|| run("bench.jsonl", divan::black_box(&input)));
}

/// 1000 files of ~3 KB in a temporary folder, through `read_inputs` (open, read, decode).
#[divan::bench(sample_count = 20)]
fn text_files(bencher: divan::Bencher) {
    let dir = std::env::temp_dir().join(format!("concord-ingest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut total = 0;
    for (i, text) in articles(1000).iter().enumerate() {
        std::fs::write(dir.join(format!("{i:04}.txt")), text).unwrap();
        total += text.len();
    }
    let inputs = [dir.clone()];
    bencher.counter(BytesCount::new(total)).bench(|| {
        let mut sink = DecodeSink {
            docs: 0,
            body_bytes: 0,
        };
        concord_ingest::read_inputs(&CONFIG, divan::black_box(&inputs), &mut sink).unwrap();
        assert_eq!(sink.docs, 1000);
        sink.body_bytes
    });
    std::fs::remove_dir_all(dir).unwrap();
}

#[divan::bench(sample_count = 20)]
fn warc(bencher: divan::Bencher) {
    let plain = warc_plain();
    bencher
        .counter(BytesCount::of_slice(&plain))
        .bench(|| run("bench.warc", divan::black_box(&plain)));
}

#[divan::bench(sample_count = 20)]
fn warc_gz_read_decode(bencher: divan::Bencher) {
    let plain = warc_plain();
    let packed = warc_gz(&plain);
    if let Ok(path) = std::env::var("CONCORD_BENCH_WRITE_WARC_GZ") {
        // For comparing with `zcat` on the very same bytes.
        std::fs::write(path, &packed).unwrap();
    }
    bencher
        .counter(BytesCount::of_slice(&plain))
        .bench(|| run("bench.warc.gz", divan::black_box(&packed)));
}

#[divan::bench(sample_count = 20)]
fn warc_gz_gunzip_only(bencher: divan::Bencher) {
    let plain = warc_plain();
    let packed = warc_gz(&plain);
    bencher.counter(BytesCount::of_slice(&plain)).bench(|| {
        let mut decoder = flate2::read::MultiGzDecoder::new(divan::black_box(&packed[..]));
        let mut buf = vec![0u8; 256 << 10];
        let mut n = 0;
        loop {
            let k = decoder.read(&mut buf).unwrap();
            if k == 0 {
                break n;
            }
            n += k;
        }
    });
}
