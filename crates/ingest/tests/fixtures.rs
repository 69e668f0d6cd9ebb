//! Runs `read_inputs` + `decode` over `data/fixtures/` (a folder of small bad and odd inputs, made by
//! `data/fixtures/make.py` and described in its README) and checks the exact outcome per file, and
//! that every record read became exactly one document or one issue.
#![allow(clippy::result_large_err)] // `decode` returns the design's `Result<RawDoc, Issue>`.

use std::ops::ControlFlow;
use std::path::PathBuf;

use concord_ingest::{IngestConfig, Record, RecordSink, decode, read_inputs};
use concord_model::{Item, Stage};

/// Collects items and progress calls.
#[derive(Default)]
struct Collect {
    items: Vec<Item<Record>>,
    progress: Vec<u64>,
    /// Sizes of the files announced as not counted by `total_input_bytes`.
    announced: Vec<u64>,
}

impl RecordSink for Collect {
    fn record(&mut self, item: Item<Record>) -> ControlFlow<()> {
        self.items.push(item);
        ControlFlow::Continue(())
    }
    fn progress(&mut self, bytes_read: u64) {
        self.progress.push(bytes_read);
    }
    fn file(&mut self, size: u64) {
        self.announced.push(size);
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/fixtures")
}

/// One line per item: `LOCATION doc FORMAT/MEDIA ENCODING/FROM: first words` or `LOCATION KIND`.
fn outcome(config: &IngestConfig) -> (Vec<String>, concord_ingest::ReadStats, Collect) {
    let root = fixtures();
    let mut sink = Collect::default();
    let stats =
        read_inputs(config, std::slice::from_ref(&root), &mut sink).expect("fixtures exist");
    let prefix = format!("{}/", root.to_string_lossy());
    let lines = sink
        .items
        .clone()
        .into_iter()
        .map(
            |item| match item.and_then(|record| decode(config, record)) {
                Item::Doc(doc) => {
                    let words: String = doc.body.chars().take(30).collect();
                    format!(
                        "{} doc {}/{} {}/{}: {}",
                        doc.source.to_string().trim_start_matches(&prefix),
                        doc.format.as_str(),
                        doc.media.as_str(),
                        doc.decoding.encoding,
                        doc.decoding.from,
                        words.trim_end()
                    )
                }
                Item::Quarantined(issue) => {
                    assert_eq!(issue.stage, Stage::Ingest);
                    assert!(!issue.message.is_empty() && !issue.message.ends_with('.'));
                    format!(
                        "{} {}",
                        issue.source.to_string().trim_start_matches(&prefix),
                        issue.kind
                    )
                }
            },
        )
        .collect();
    (lines, stats, sink)
}

fn check(config: &IngestConfig, expected: &[&str]) {
    let (got, stats, sink) = outcome(config);
    assert_eq!(got, expected);
    // Records in = documents + issues, and the stats agree.
    assert_eq!(stats.records as usize, got.len());
    let n_docs = got.iter().filter(|l| l.contains(" doc ")).count();
    let n_issues = got.len() - n_docs;
    assert_eq!(n_docs + n_issues, sink.items.len());
    assert_eq!(sink.progress.last().copied(), Some(stats.bytes));
    assert!(sink.progress.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn fixtures_yield_exactly_the_documented_outcome() {
    let config = IngestConfig {
        max_doc_bytes: IngestConfig::DEFAULT_MAX_DOC_BYTES,
    };
    check(&config, EXPECTED);
}

/// The outcome documented in data/fixtures/README.md.
const EXPECTED: &[&str] = &[
    "README.md doc text/text UTF-8/utf8: # Ingest fixtures\n\nSmall bad a",
    "articles.jsonl:1 doc jsonl/text UTF-8/utf8: The minister said 40 people we",
    "articles.jsonl:2 doc jsonl/html UTF-8/utf8: <p>Der Bürgermeister sprach vo",
    "articles.jsonl:4 malformed_json",
    "articles.jsonl:5 missing_body",
    "articles.jsonl:6 doc jsonl/text UTF-8/utf8: Third article, after a blank l",
    "blank.html empty",
    "bom-utf16le.txt doc text/text UTF-16LE/bom: Текст в UTF-16 с меткой порядк",
    "bom-utf8.txt doc text/text UTF-8/bom: Zürich, 5. März: Ein Text mit",
    "crawl.warc@547 doc warc/html windows-1251/http: <html><head><title>Новости</ti",
    "crawl.warc@988 broken_warc_record",
    "crawl.warc@1219 doc warc/html UTF-8/utf8: <html><body><p>The council app",
    "crawl.warc.gz@547 doc warc/html windows-1251/http: <html><head><title>Новости</ti",
    "crawl.warc.gz@988 broken_warc_record",
    "crawl.warc.gz@1219 doc warc/html UTF-8/utf8: <html><body><p>The council app",
    "empty.txt empty",
    "impossible-length.warc.gz@0 doc warc/html UTF-8/utf8: <html><body><p>Report 0: the r",
    "impossible-length.warc.gz@396 too_large",
    "impossible-length.warc.gz@800 doc warc/html UTF-8/utf8: <html><body><p>Report 2: the r",
    "impossible-length.warc.gz@1196 doc warc/html UTF-8/utf8: <html><body><p>Report 3: the r",
    "impossible-length.warc.gz@1592 doc warc/html UTF-8/utf8: <html><body><p>Report 4: the r",
    "latin1.txt doc text/text windows-1252/detected: Der Bürgermeister sagte, die S",
    "make.py doc text/text UTF-8/utf8: #!/usr/bin/env python3\n\"\"\"Rege",
    "nested/deeper/page.htm doc html/html UTF-8/utf8: <!doctype html><html><body><p>",
    "notes.dat doc text/text UTF-8/utf8: A plain text note with an exte",
    "nul-bytes.txt binary",
    "odd-text.txt doc text/text UTF-8/utf8: The defence ministry said on T",
    "report.pdf binary",
    "russian-cp1251.txt doc text/text windows-1251/detected: Президент России заявил, что п",
    "russian-koi8r.txt doc text/text KOI8-U/detected: Президент России заявил, что п",
    "stray-bytes.txt doc text/text UTF-8/utf8: Ukraine’s foreign minister Dmy",
    "truncated.jsonl.gz:1 doc jsonl/text UTF-8/utf8: Article 1: the committee met a",
    "truncated.jsonl.gz:2 doc jsonl/text UTF-8/utf8: Article 2: the committee met a",
    "truncated.jsonl.gz:3 doc jsonl/text UTF-8/utf8: Article 3: the committee met a",
    "truncated.jsonl.gz:4 doc jsonl/text UTF-8/utf8: Article 4: the committee met a",
    "truncated.jsonl.gz:5 doc jsonl/text UTF-8/utf8: Article 5: the committee met a",
    "truncated.jsonl.gz:6 doc jsonl/text UTF-8/utf8: Article 6: the committee met a",
    "truncated.jsonl.gz:7 doc jsonl/text UTF-8/utf8: Article 7: the committee met a",
    "truncated.jsonl.gz:8 doc jsonl/text UTF-8/utf8: Article 8: the committee met a",
    "truncated.jsonl.gz:9 truncated_gzip",
    "wrong-meta-latin1.html doc html/html UTF-8/utf8: <html><head><meta http-equiv=\"",
    "wrong-meta.html doc html/html windows-1252/detected: <html><head><meta charset=\"utf",
];

#[test]
fn a_small_limit_makes_whole_files_too_large() {
    let config = IngestConfig { max_doc_bytes: 100 };
    let (got, _, _) = outcome(&config);
    let too_large: Vec<&str> = got
        .iter()
        .filter(|l| l.ends_with(" too_large"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        too_large,
        [
            "README.md too_large",
            "articles.jsonl:1 too_large",
            "crawl.warc@547 too_large",
            "crawl.warc@1219 too_large",
            "crawl.warc.gz@547 too_large",
            "crawl.warc.gz@1219 too_large",
            "impossible-length.warc.gz@0 too_large",
            "impossible-length.warc.gz@396 too_large",
            "impossible-length.warc.gz@800 too_large",
            "impossible-length.warc.gz@1196 too_large",
            "impossible-length.warc.gz@1592 too_large",
            "make.py too_large",
            "odd-text.txt too_large",
            "stray-bytes.txt too_large",
            "wrong-meta-latin1.html too_large",
            "wrong-meta.html too_large",
        ]
    );
}

#[test]
fn missing_inputs_are_the_only_error() {
    let config = IngestConfig {
        max_doc_bytes: 1000,
    };
    let mut sink = Collect::default();
    let inputs = [
        fixtures().join("empty.txt"),
        fixtures().join("does-not-exist.txt"),
    ];
    let err = read_inputs(&config, &inputs, &mut sink).unwrap_err();
    assert!(
        matches!(err, concord_ingest::Error::NotFound(path) if path.ends_with("does-not-exist.txt"))
    );
    assert!(
        sink.items.is_empty(),
        "nothing is read when an input is missing"
    );
}

#[test]
fn named_files_keep_the_name_given_and_total_bytes_match() {
    let config = IngestConfig {
        max_doc_bytes: 1000,
    };
    let mut sink = Collect::default();
    let dir = fixtures();
    let inputs = [dir.join("nested/"), dir.join(".hidden.txt")];
    let stats = read_inputs(&config, &inputs, &mut sink).unwrap();
    let sources: Vec<String> = sink
        .items
        .iter()
        .map(|item| match item {
            Item::Doc(record) => record.source.path.clone(),
            Item::Quarantined(issue) => issue.source.path.clone(),
        })
        .collect();
    let root = dir.to_string_lossy();
    assert_eq!(
        sources,
        [
            format!("{root}/nested/deeper/page.htm"),
            format!("{root}/.hidden.txt")
        ]
    );
    assert_eq!(stats.files, 2);
    // Named files and files directly in a named folder are counted up front; deeper ones are
    // announced as they are opened, and together they are every byte read.
    let total = concord_ingest::total_input_bytes(&inputs);
    assert_eq!(
        total,
        std::fs::metadata(dir.join(".hidden.txt")).unwrap().len()
    );
    assert_eq!(stats.bytes, total + sink.announced.iter().sum::<u64>());
    let (_, stats, sink) = outcome(&IngestConfig {
        max_doc_bytes: IngestConfig::DEFAULT_MAX_DOC_BYTES,
    });
    let total = concord_ingest::total_input_bytes(&[dir]);
    assert_eq!(
        sink.announced.len(),
        1,
        "only nested/deeper/page.htm is deeper"
    );
    assert_eq!(stats.bytes, total + sink.announced.iter().sum::<u64>());
}

#[test]
fn symlink_cycles_are_walked_once_and_sizing_does_not_walk() {
    // `a -> .` and `b -> .` make a tree with 2^depth paths; the walk must visit the folder once and
    // sizing the inputs must not walk at all. Both run on a thread so that a hang fails the test.
    let dir = std::env::temp_dir().join(format!("concord-ingest-cycle-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("one.txt"), "one").unwrap();
    std::fs::write(dir.join("sub/two.txt"), "two").unwrap();
    std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("b")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let input = dir.clone();
    std::thread::spawn(move || {
        let config = IngestConfig {
            max_doc_bytes: 1000,
        };
        let total = concord_ingest::total_input_bytes(std::slice::from_ref(&input));
        let mut sink = Collect::default();
        let stats = read_inputs(&config, std::slice::from_ref(&input), &mut sink).unwrap();
        let got: Vec<String> = sink
            .items
            .into_iter()
            .map(|item| match item {
                Item::Doc(record) => format!("doc {}", String::from_utf8_lossy(&record.bytes)),
                Item::Quarantined(issue) => format!(
                    "{} {}",
                    issue.kind,
                    issue.source.path.rsplit('/').next().unwrap()
                ),
            })
            .collect();
        let _ = tx.send((total, stats.bytes, sink.announced, got));
    });
    let outcome = rx.recv_timeout(std::time::Duration::from_secs(20));
    std::fs::remove_dir_all(&dir).unwrap();
    let (total, bytes, announced, got) = outcome.expect("the walk finishes");
    assert_eq!(
        got,
        [
            "unreadable a",
            "unreadable b",
            "doc one",
            "doc two",
            "unreadable up"
        ]
    );
    assert_eq!((total, announced, bytes), (3, vec![3], 6));
}

#[test]
fn special_files_in_a_folder_are_unreadable_issues() {
    // A socket is neither a folder nor a regular file; root can read anything else, so this is the
    // portable way to get an unreadable entry in a test.
    let dir =
        std::env::temp_dir().join(format!("concord-ingest-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "readable").unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(dir.join("b.sock")).unwrap();
    std::fs::write(dir.join("c.txt"), "also readable").unwrap();
    let config = IngestConfig {
        max_doc_bytes: 1000,
    };
    let mut sink = Collect::default();
    read_inputs(&config, std::slice::from_ref(&dir), &mut sink).unwrap();
    let got: Vec<String> = sink
        .items
        .into_iter()
        .map(
            |item| match item.and_then(|record| decode(&config, record)) {
                Item::Doc(doc) => format!("doc {}", doc.body),
                Item::Quarantined(issue) => format!(
                    "{} {}",
                    issue.kind,
                    issue.source.path.rsplit('/').next().unwrap()
                ),
            },
        )
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        got,
        ["doc readable", "unreadable b.sock", "doc also readable"]
    );
}

#[test]
fn names_and_urls_that_are_not_utf8_are_kept_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("concord-ingest-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"Z\xfcrich.txt");
    std::fs::write(dir.join(latin1), "Zurich").unwrap();
    let warc = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a.fr/caf\xe9\r\n\
        Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello\r\n\r\n";
    std::fs::write(dir.join("w.warc"), warc).unwrap();
    let config = IngestConfig {
        max_doc_bytes: 1000,
    };
    let mut sink = Collect::default();
    read_inputs(&config, std::slice::from_ref(&dir), &mut sink).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let root = dir.to_string_lossy().into_owned();
    let got: Vec<String> = sink
        .items
        .iter()
        .map(|item| match item {
            Item::Doc(record) => format!(
                "{} {}",
                record.source.path.trim_start_matches(&root),
                record.source.url.as_deref().unwrap_or("-")
            ),
            Item::Quarantined(issue) => format!("issue {}", issue.kind),
        })
        .collect();
    assert_eq!(got, ["/Z\\xFCrich.txt -", "/w.warc http://a.fr/caf%E9"]);
}
