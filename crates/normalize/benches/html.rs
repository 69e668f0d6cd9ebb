//! HTML main-content extraction throughput on one core: `html::extract` over every page of the
//! Zyte benchmark (`../shared/eval/boilerplate/zyte/html/*.html.gz`, decompressed into memory
//! before timing), counted in pages and input bytes per second. Run with
//! `cargo bench -p concord-normalize --bench html`. Without the shared data it times a synthetic
//! page instead and says so.
// A bench binary says on stderr which input it timed.
#![allow(missing_docs, clippy::print_stderr)]

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use concord_normalize::html;
use divan::counter::{BytesCount, ItemsCount};

fn main() {
    divan::main();
}

fn pages() -> &'static Vec<String> {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/boilerplate/zyte/html");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        let mut pages = Vec::new();
        for path in paths {
            let mut bytes = Vec::new();
            let ok = std::fs::File::open(&path)
                .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
            if ok.is_ok() {
                pages.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        if pages.is_empty() {
            eprintln!("no pages under {}: timing a synthetic page", dir.display());
            let para = "<p>The council voted on Tuesday to expand the tram network, adding three lines.</p>";
            let chrome = "<li><a href=/x>Section</a></li>".repeat(200);
            pages.push(format!(
                "<html><head><title>T</title><script>{}</script></head><body><nav><ul>{chrome}</ul></nav><article>{}</article><footer>{chrome}</footer></body></html>",
                "var a = 1;".repeat(5000),
                para.repeat(30)
            ));
        }
        pages
    })
}

/// All pages once per iteration: pages/s and bytes/s on one core.
#[divan::bench(sample_count = 20)]
fn extract_pages(bencher: divan::Bencher) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    bencher
        .counter(ItemsCount::new(pages.len()))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            let mut blocks = 0;
            for page in pages {
                blocks += html::extract(divan::black_box(page), None).blocks.len();
            }
            blocks
        });
}
