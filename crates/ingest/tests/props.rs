//! Property tests: arbitrary bytes read as JSON Lines and as WARC (plain and gzipped) never panic,
//! and every record is accounted for; structured WARC streams with garbage between valid records
//! yield exactly the valid documents plus one broken-record issue per garbage run.
#![allow(clippy::result_large_err)] // `decode` returns the design's `Result<RawDoc, Issue>`.

mod support;

use concord_ingest::{IngestConfig, Record, decode, read_stream};
use concord_model::{IssueKind, Item};
use proptest::prelude::*;

use support::{gzip, gzip_members, warc_record, warc_response};

/// Reads and decodes; returns the items (decoded) in order.
fn run(name: &str, bytes: &[u8], max: usize) -> Vec<Item<concord_model::RawDoc>> {
    let config = IngestConfig { max_doc_bytes: max };
    let mut records: Vec<Item<Record>> = Vec::new();
    let stats = read_stream(&config, name, &mut &bytes[..], &mut records);
    assert_eq!(stats.records as usize, records.len());
    records
        .into_iter()
        .map(|item| item.and_then(|record| decode(&config, record)))
        .collect()
}

fn non_blank_lines(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count()
}

/// Inputs that sniffing treats as a whole binary file or as gzip: excluded from line counting.
fn starts_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x1f\x8b",
        b"%PDF-",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"PK\x03\x04",
        b"PK\x05\x06",
        b"7z\xBC\xAF",
        b"Rar!",
        b"BZh",
        b"\xFD7zXZ",
        b"\x28\xB5\x2F\xFD",
        b"\x7FELF",
        b"\xD0\xCF\x11\xE0",
        b"OggS",
        b"ID3",
        b"\x00\x00\x01\x00",
        b"RIFF",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m)) || (bytes.len() >= 12 && &bytes[4..8] == b"ftyp")
}

/// Bytes that look a little like JSON Lines: braces, quotes, field names, newlines, junk.
fn jsonl_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"text\":\"".to_vec()),
        Just(b"\"}".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b" ".to_vec()),
        Just(b"{\"html\":\"<p>".to_vec()),
        Just(b"\"title\":1,".to_vec()),
        Just(b"\\u00e9\\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..12),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn check_jsonl(bytes: &[u8], max: usize) -> Result<(), TestCaseError> {
    let items = run("p.jsonl", bytes, max);
    if starts_binary(bytes) {
        return Ok(());
    }
    let expected = non_blank_lines(bytes);
    if expected == 0 {
        prop_assert_eq!(items.len(), 1);
        prop_assert!(matches!(&items[0], Item::Quarantined(i) if i.kind == IssueKind::Empty));
    } else {
        prop_assert_eq!(items.len(), expected);
        let mut last_line = 0;
        for item in &items {
            let source = match item {
                Item::Doc(doc) => &doc.source,
                Item::Quarantined(issue) => &issue.source,
            };
            let line = source.line.unwrap_or(0);
            prop_assert!(line > last_line, "lines increase");
            last_line = line;
        }
    }
    Ok(())
}

/// Bytes that look a little like WARC: headers, lengths, CRLFs, junk.
fn warc_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"WARC/1.0\r\n".to_vec()),
        Just(b"WARC-Type: response\r\n".to_vec()),
        Just(b"WARC-Type: resource\r\n".to_vec()),
        Just(b"Content-Type: application/http; msgtype=response\r\n".to_vec()),
        (0u32..60).prop_map(|n| format!("Content-Length: {n}\r\n").into_bytes()),
        Just(b"\r\n".to_vec()),
        Just(b"HTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"<p>x</p>".to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn check_warc(
    name: &str,
    bytes: &[u8],
    decompressed_len: usize,
    max: usize,
) -> Result<(), TestCaseError> {
    let items = run(name, bytes, max);
    let mut last = None;
    for item in &items {
        let (source, at_end) = match item {
            Item::Doc(doc) => (&doc.source, false),
            // A stream that breaks is located where it broke, which may be its very end.
            Item::Quarantined(issue) => (&issue.source, true),
        };
        prop_assert_eq!(&source.path, name);
        if let Some(offset) = source.offset {
            let end = decompressed_len.max(1) + usize::from(at_end);
            prop_assert!((offset as usize) < end);
            prop_assert!(last.is_none_or(|last| offset > last), "offsets increase");
            last = Some(offset);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_jsonl(bytes in prop::collection::vec(any::<u8>(), 0..400), max in 1usize..64) {
        check_jsonl(&bytes, max)?;
        check_jsonl(&bytes, 1 << 20)?;
    }

    #[test]
    fn jsonl_like_bytes(bytes in jsonl_like(), max in 8usize..200) {
        check_jsonl(&bytes, max)?;
        // Gzipped, the same lines come out.
        let plain = run("p.jsonl", &bytes, max).len();
        let packed = run("p.jsonl.gz", &gzip(&bytes), max).len();
        if !starts_binary(&bytes) {
            prop_assert_eq!(plain, packed);
        }
    }

    #[test]
    fn arbitrary_bytes_as_warc(bytes in prop::collection::vec(any::<u8>(), 0..400), max in 1usize..100) {
        check_warc("p.warc", &bytes, bytes.len(), max)?;
        check_warc("p.warc.gz", &gzip(&bytes), bytes.len(), max)?;
        // Broken gzip: any prefix of a compressed stream.
        let packed = gzip(&bytes);
        let cut = &packed[..packed.len() * 2 / 3];
        check_warc("p.warc.gz", cut, bytes.len(), max)?;
    }

    #[test]
    fn warc_like_bytes(bytes in warc_like(), max in 1usize..100) {
        check_warc("p.warc", &bytes, bytes.len(), max)?;
        check_warc("p.warc.gz", &gzip_members(&[bytes.clone(), bytes.clone()]), 2 * bytes.len(), max)?;
    }

    /// Valid records with garbage runs between them: every document and its offset comes out, plus
    /// exactly one broken-record issue per garbage run; skipped types leave no trace.
    #[test]
    fn valid_records_survive_garbage(
        parts in prop::collection::vec(
            prop_oneof![
                (0u8..4, "[a-z ]{1,30}").prop_map(|(kind, text)| (kind, text.into_bytes())),
                // Garbage: one or more lines that do not start with "WARC/1." and are not blank.
                "[a-zA-Z0-9:;.<>/-][a-zA-Z0-9 :;.<>/-]{0,39}(\r\n[a-zA-Z0-9 :;.<>/-]{1,40}){0,3}\r\n"
                    .prop_map(|g| (9u8, g.into_bytes())),
            ],
            0..12,
        ),
        gz in any::<bool>(),
    ) {
        let mut members = Vec::new();
        let mut expected = Vec::new();
        let mut offset = 0usize;
        let mut last_was_garbage = false;
        for (kind, text) in &parts {
            let bytes = match kind {
                0 => warc_response("http://x/", "text/html", format!("<p>{}</p>", String::from_utf8_lossy(text)).as_bytes()),
                1 => warc_record("resource", "http://y/", "text/plain", &[b"t".as_slice(), text].concat()),
                2 => warc_record("request", "http://x/", "application/http; msgtype=request", text),
                3 => warc_record("warcinfo", "", "application/warc-fields", text),
                _ => text.clone(),
            };
            match kind {
                0 | 1 => expected.push(format!("doc@{offset}")),
                9 if !last_was_garbage && !text.trim_ascii().is_empty() => expected.push(format!("broken@{offset}")),
                _ => {}
            }
            last_was_garbage = *kind == 9;
            offset += bytes.len();
            members.push(bytes);
        }
        let (name, input) = if gz { ("s.warc.gz", gzip_members(&members)) } else { ("s.warc", members.concat()) };
        let items = run(name, &input, 1 << 20);
        let got: Vec<String> = items.iter().map(|item| match item {
            Item::Doc(doc) => format!("doc@{}", doc.source.offset.unwrap_or(u64::MAX)),
            Item::Quarantined(issue) if issue.kind == IssueKind::BrokenWarcRecord => format!("broken@{}", issue.source.offset.unwrap_or(u64::MAX)),
            Item::Quarantined(issue) => format!("{}@{:?}", issue.kind, issue.source.offset),
        }).collect();
        if members.is_empty() {
            prop_assert_eq!(got, vec!["empty@None".to_owned()]);
        } else {
            prop_assert_eq!(got, expected);
        }
    }
}
