//! Reading and decoding whole streams: JSON Lines splitting, WARC parsing (offsets, URIs, dates,
//! charsets, skipped record types, resynchronisation), gzip (multi-member, truncated), sniffing and
//! the size limit. Each test states the input and the exact list of documents and issues it yields.
#![allow(clippy::result_large_err)] // `decode` returns the design's `Result<RawDoc, Issue>`.

mod support;

use support::{gzip, gzip_members, ingest, warc_record, warc_response};

const MAX: usize = 1 << 20;

fn check(name: &str, bytes: &[u8], expected: &[&str]) {
    check_max(name, bytes, MAX, expected);
}

fn check_max(name: &str, bytes: &[u8], max: usize, expected: &[&str]) {
    let got = ingest(name, bytes, max);
    assert_eq!(got, expected, "input {name}");
}

#[test]
fn jsonl_lines() {
    let input = b"{\"text\":\"one\"}\n\n   \n{\"html\":\"<p>two</p>\",\"url\":\"http://x.org/2\"}\r\nnot json\n{\"title\":\"t\"}\n{\"text\":\"last\"}";
    check(
        "a.jsonl",
        input,
        &[
            "doc a.jsonl:1 jsonl/text UTF-8/utf8: one",
            "doc a.jsonl:4 <http://x.org/2> jsonl/html UTF-8/utf8: <p>two</p>",
            "issue a.jsonl:5 malformed_json",
            "issue a.jsonl:6 missing_body",
            "doc a.jsonl:7 jsonl/text UTF-8/utf8: last",
        ],
    );
    check("blank.ndjson", b"\n  \n\t\n", &["issue blank.ndjson empty"]);
    check("empty.jsonl", b"", &["issue empty.jsonl empty"]);
}

#[test]
fn jsonl_too_large_lines_are_skipped_to_the_next_line() {
    let long = format!("{{\"text\":\"{}\"}}", "x".repeat(200));
    let input = format!("{{\"text\":\"a\"}}\n{long}\n{{\"text\":\"b\"}}\n{long}");
    check_max(
        "big.jsonl",
        input.as_bytes(),
        100,
        &[
            "doc big.jsonl:1 jsonl/text UTF-8/utf8: a",
            "issue big.jsonl:2 too_large",
            "doc big.jsonl:3 jsonl/text UTF-8/utf8: b",
            "issue big.jsonl:4 too_large",
        ],
    );
}

#[test]
fn jsonl_lines_longer_than_the_read_buffer() {
    // 3 MiB lines cross the 1 MiB stream buffer several times.
    let body = "y".repeat(3 << 20);
    let input = format!("{{\"text\":\"{body}\"}}\n{{\"text\":\"{body}\"}}\n{{\"text\":\"z\"}}\n");
    let got = ingest("long.jsonl", input.as_bytes(), 8 << 20);
    assert_eq!(got.len(), 3);
    assert!(got[1].starts_with("doc long.jsonl:2 jsonl/text UTF-8/utf8: yyyy"));
    assert_eq!(got[2], "doc long.jsonl:3 jsonl/text UTF-8/utf8: z");
    let got = ingest("long.jsonl", input.as_bytes(), 2 << 20);
    assert_eq!(
        got,
        [
            "issue long.jsonl:1 too_large",
            "issue long.jsonl:2 too_large",
            "doc long.jsonl:3 jsonl/text UTF-8/utf8: z"
        ]
    );
}

#[test]
fn jsonl_gzip_and_truncation() {
    let lines: String = (1..=2000)
        .map(|i| format!("{{\"text\":\"article number {i} with some words\"}}\n"))
        .collect();
    let packed = gzip(lines.as_bytes());
    let got = ingest("a.jsonl.gz", &packed, MAX);
    assert_eq!(got.len(), 2000);
    assert_eq!(
        got[1999],
        "doc a.jsonl.gz:2000 jsonl/text UTF-8/utf8: article number 2000 with some words"
    );
    // Cut the compressed stream: the lines before the break stay, then one truncated_gzip issue.
    let got = ingest("a.jsonl.gz", &packed[..packed.len() / 2], MAX);
    let (last, kept) = got.split_last().unwrap();
    assert!(
        last.starts_with("issue a.jsonl.gz:") && last.ends_with(" truncated_gzip"),
        "{last}"
    );
    assert!(!kept.is_empty() && kept.iter().all(|d| d.starts_with("doc ")));
    assert_eq!(
        kept.len() + 1,
        last.split([':', ' '])
            .nth(2)
            .unwrap()
            .parse::<usize>()
            .unwrap()
    );
}

#[test]
fn warc_records_offsets_uris_dates_and_charsets() {
    let info = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    let request = warc_record(
        "request",
        "http://a.ru/",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\n\r\n",
    );
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("<p>Привет, мир</p>")
        .0
        .into_owned();
    let response = warc_response("http://a.ru/", "text/html; charset=windows-1251", &cp1251);
    let resource = warc_record(
        "resource",
        "file:///notes.txt",
        "text/plain; charset=utf-8",
        "günlük".as_bytes(),
    );
    let metadata = warc_record(
        "metadata",
        "http://a.ru/",
        "application/warc-fields",
        b"via: x\r\n",
    );
    let pdf = warc_response("http://a.ru/x.pdf", "application/pdf", b"%PDF-1.4 ...");
    let parts = [info, request, response, resource, metadata, pdf];
    let mut offsets = Vec::new();
    let mut plain = Vec::new();
    for part in &parts {
        offsets.push(plain.len());
        plain.extend_from_slice(part);
    }
    let expected = [
        format!(
            "doc c.warc@{} <http://a.ru/> warc/html windows-1251/http: <p>Привет, мир</p>",
            offsets[2]
        ),
        format!(
            "doc c.warc@{} <file:///notes.txt> warc/text UTF-8/http: günlük",
            offsets[3]
        ),
        format!("issue c.warc@{} binary", offsets[5]),
    ];
    check("c.warc", &plain, &expected.each_ref().map(String::as_str));
    // The same as multi-member gzip: offsets stay those of the decompressed stream.
    let gz = gzip_members(&parts);
    let expected_gz = expected
        .clone()
        .map(|line| line.replacen("c.warc@", "c.warc.gz@", 1));
    check(
        "c.warc.gz",
        &gz,
        &expected_gz.each_ref().map(String::as_str),
    );
    // Unknown name: sniffed.
    let expected_sniffed = expected.map(|line| line.replacen("c.warc@", "crawl.bin@", 1));
    check(
        "crawl.bin",
        &gz,
        &expected_sniffed.each_ref().map(String::as_str),
    );
}

#[test]
fn warc_date_and_http_status_reach_the_document() {
    let config = concord_ingest::IngestConfig { max_doc_bytes: MAX };
    let input = warc_response("https://news.example.com/a", "text/html", b"<p>hello</p>");
    let mut items = Vec::new();
    concord_ingest::read_stream(&config, "d.warc", &mut &input[..], &mut items);
    let [concord_model::Item::Doc(record)] = &items[..] else {
        panic!("{items:?}")
    };
    let doc = concord_ingest::decode(&config, record.clone()).unwrap();
    assert_eq!(doc.published.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(
        doc.metadata.get("http_status").map(String::as_str),
        Some("200")
    );
    assert_eq!(
        doc.content_hash,
        concord_model::ContentHash::of(b"<p>hello</p>")
    );
    assert_eq!(
        doc.id,
        concord_model::DocId::new(&doc.source, doc.content_hash)
    );
}

#[test]
fn warc_broken_records_resynchronise() {
    let good1 = warc_response("http://a/1", "text/html", b"<p>one</p>");
    let bad_length = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n".to_vec();
    let good2 = warc_response("http://a/2", "text/html", b"<p>two</p>");
    let garbage = b"this line is not a WARC header\r\nnor this one\r\n".to_vec();
    let good3 = warc_response("http://a/3", "text/html", b"<p>three</p>");
    let no_http = warc_record(
        "response",
        "http://a/4",
        "application/http; msgtype=response",
        b"<p>no status line</p>",
    );
    let good4 = warc_response("http://a/5", "text/html", b"<p>five</p>");
    let parts = [good1, bad_length, good2, garbage, good3, no_http, good4];
    let mut offsets = Vec::new();
    let mut plain = Vec::new();
    for part in &parts {
        offsets.push(plain.len());
        plain.extend_from_slice(part);
    }
    let expected = [
        format!(
            "doc b.warc@{} <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
            offsets[0]
        ),
        format!("issue b.warc@{} broken_warc_record", offsets[1]),
        format!(
            "doc b.warc@{} <http://a/2> warc/html UTF-8/utf8: <p>two</p>",
            offsets[2]
        ),
        format!("issue b.warc@{} broken_warc_record", offsets[3]),
        format!(
            "doc b.warc@{} <http://a/3> warc/html UTF-8/utf8: <p>three</p>",
            offsets[4]
        ),
        format!("issue b.warc@{} broken_warc_record", offsets[5]),
        format!(
            "doc b.warc@{} <http://a/5> warc/html UTF-8/utf8: <p>five</p>",
            offsets[6]
        ),
    ];
    check("b.warc", &plain, &expected.each_ref().map(String::as_str));
}

#[test]
fn warc_content_length_too_long_does_not_swallow_the_next_record() {
    let good = warc_response("http://a/1", "text/html", b"<p>one</p>");
    let text = String::from_utf8(good).expect("ASCII record");
    let length: usize = text
        .split("Content-Length: ")
        .nth(1)
        .and_then(|rest| rest.split("\r\n").next())
        .and_then(|digits| digits.parse().ok())
        .expect("the helper writes a length");
    // Thirty bytes more than the block has: the next record's first bytes.
    let long = text
        .replace(
            &format!("Content-Length: {length}\r\n"),
            &format!("Content-Length: {}\r\n", length + 30),
        )
        .into_bytes();
    let next = warc_response("http://a/2", "text/html", b"<p>two</p>");
    let last = warc_response("http://a/3", "text/html", b"<p>three</p>");
    let mut plain = long.clone();
    plain.extend_from_slice(&next);
    plain.extend_from_slice(&last);
    check(
        "l.warc",
        &plain,
        &[
            "doc l.warc@0 <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
            &format!(
                "doc l.warc@{} <http://a/2> warc/html UTF-8/utf8: <p>two</p>",
                long.len()
            ),
            &format!(
                "doc l.warc@{} <http://a/3> warc/html UTF-8/utf8: <p>three</p>",
                long.len() + next.len()
            ),
        ],
    );
}

#[test]
fn warc_truncated_record_and_truncated_gzip() {
    let good = warc_response("http://a/1", "text/html", b"<p>one</p>");
    let second = warc_response("http://a/2", "text/html", &b"<p>two</p>".repeat(2000));
    let mut plain = good.clone();
    plain.extend_from_slice(&second[..second.len() - 100]);
    check(
        "t.warc",
        &plain,
        &[
            "doc t.warc@0 <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
            &format!("issue t.warc@{} broken_warc_record", good.len()),
        ],
    );
    let gz = gzip_members(&[good.clone(), second]);
    let cut = &gz[..gz.len() - 200];
    check(
        "t.warc.gz",
        cut,
        &[
            "doc t.warc.gz@0 <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
            &format!("issue t.warc.gz@{} truncated_gzip", good.len()),
        ],
    );
}

#[test]
fn warc_too_large_records_are_skipped() {
    let small = warc_response("http://a/1", "text/html", b"<p>one</p>");
    let big = warc_response("http://a/2", "text/html", &b"<p>big</p>".repeat(100));
    let parts = [small.clone(), big, small.clone()];
    let plain: Vec<u8> = parts.concat();
    check_max(
        "l.warc",
        &plain,
        500,
        &[
            "doc l.warc@0 <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
            &format!("issue l.warc@{} too_large", small.len()),
            &format!(
                "doc l.warc@{} <http://a/1> warc/html UTF-8/utf8: <p>one</p>",
                plain.len() - small.len()
            ),
        ],
    );
}

#[test]
fn warc_payload_encodings_are_undone() {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let body = gzip(b"<p>zipped and chunked</p>");
    let (first, second) = body.split_at(10);
    block.extend(format!("{:x}\r\n", first.len()).bytes());
    block.extend_from_slice(first);
    block.extend(format!("\r\n{:x}\r\n", second.len()).bytes());
    block.extend_from_slice(second);
    block.extend_from_slice(b"\r\n0\r\n\r\n");
    let record = warc_record(
        "response",
        "http://z/",
        "application/http; msgtype=response",
        &block,
    );
    check(
        "z.warc",
        &record,
        &["doc z.warc@0 <http://z/> warc/html UTF-8/utf8: <p>zipped and chunked</p>"],
    );
}

#[test]
fn whole_files_and_sniffing() {
    check(
        "a.txt",
        b"Hello.\n",
        &["doc a.txt text/text UTF-8/utf8: Hello.\n"],
    );
    check(
        "a.html.gz",
        &gzip(b"<p>Hi</p>"),
        &["doc a.html.gz html/html UTF-8/utf8: <p>Hi</p>"],
    );
    check(
        "-",
        b"<!doctype html><p>x</p>",
        &["doc - html/html UTF-8/utf8: <!doctype html><p>x</p>"],
    );
    check(
        "-",
        b"{\"text\":\"x\"}\n",
        &["doc -:1 jsonl/text UTF-8/utf8: x"],
    );
    check(
        "-",
        b"Just words.",
        &["doc - text/text UTF-8/utf8: Just words."],
    );
    check(
        "notes.dat",
        &gzip(b"plain text in a gzip"),
        &["doc notes.dat text/text UTF-8/utf8: plain text in a gzip"],
    );
    check("-", b"%PDF-1.5\n", &["issue - binary"]);
    check("x.txt", b"%PDF-1.5\n", &["issue x.txt binary"]);
    check("x.txt", b"text\0with nul", &["issue x.txt binary"]);
    check("x.dat", b"text\0with nul", &["issue x.dat binary"]);
    check("x.txt", b"", &["issue x.txt empty"]);
    check("x.html", b" \r\n\t", &["issue x.html empty"]);
    check("x.txt", b"\xEF\xBB\xBF", &["issue x.txt empty"]);
    check("x.warc", b"", &["issue x.warc empty"]);
    check("x.txt.gz", &gzip(b""), &["issue x.txt.gz empty"]);
    check(
        "x.txt.gz",
        &gzip(b"Hello")[..12],
        &["issue x.txt.gz truncated_gzip"],
    );
    check("x.gz", &gzip(&gzip(b"double")), &["issue x.gz binary"]);
    check_max("x.txt", b"0123456789", 9, &["issue x.txt too_large"]);
    check_max(
        "x.txt",
        b"012345678",
        9,
        &["doc x.txt text/text UTF-8/utf8: 012345678"],
    );
}

/// `record` with its `Content-Length` replaced by `length`.
fn with_length(record: &[u8], length: &str) -> Vec<u8> {
    let text = String::from_utf8(record.to_vec()).expect("ASCII record");
    let (head, rest) = text.split_once("Content-Length: ").expect("a length");
    let (_, rest) = rest.split_once("\r\n").expect("a header line");
    format!("{head}Content-Length: {length}\r\n{rest}").into_bytes()
}

/// One good record, one declaring `length`, then `after` good records: the expected outcome is a
/// document for each good record and `claim` for the bad one, in the plain and the gzip form.
fn check_resynchronised(length: &str, after: usize, body: usize, claim: &str) {
    let first = warc_response("http://a/0", "text/html", b"<p>first</p>");
    let bad = with_length(
        &warc_response("http://a/bad", "text/html", b"<p>bad</p>"),
        length,
    );
    let mut parts = vec![first, bad];
    for i in 1..=after {
        let page = format!("<p>page {i:03}</p>{}", "x".repeat(body));
        parts.push(warc_response(
            &format!("http://a/{i}"),
            "text/html",
            page.as_bytes(),
        ));
    }
    let mut offsets = Vec::new();
    let mut at = 0;
    for part in &parts {
        offsets.push(at);
        at += part.len();
    }
    for (name, bytes) in [
        ("r.warc", parts.concat()),
        ("r.warc.gz", gzip_members(&parts)),
    ] {
        let mut expected = vec![
            format!("doc {name}@0 <http://a/0> warc/html UTF-8/utf8: <p>first</p>"),
            claim
                .replace("NAME", name)
                .replace("OFFSET", &offsets[1].to_string()),
        ];
        for i in 1..=after {
            let body: String = format!("<p>page {i:03}</p>{}", "x".repeat(body))
                .chars()
                .take(40)
                .collect();
            expected.push(format!(
                "doc {name}@{} <http://a/{i}> warc/html UTF-8/utf8: {body}",
                offsets[i + 1]
            ));
        }
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        check_max(name, &bytes, 8 << 20, &expected);
    }
}

#[test]
fn warc_impossible_content_length_resynchronises_on_the_next_record() {
    // 102 records: the one claiming 99999999999 bytes is quarantined and the 100 after it are read.
    check_resynchronised("99999999999", 100, 20, "issue NAME@OFFSET too_large");
    // Over any u64: not a number at all, a broken record.
    check_resynchronised(
        "99999999999999999999999",
        100,
        20,
        "issue NAME@OFFSET broken_warc_record",
    );
}

#[test]
fn warc_content_length_too_long_beyond_the_read_buffer_does_not_swallow_records() {
    // Within the limit but longer than the 1 MiB read buffer: the block is taken as declared, then
    // found not to be followed by a record (100 records of 30 kB follow) or to run past the end of
    // input (5 records follow); either way the records inside it are read again.
    let bad = "doc NAME@OFFSET <http://a/bad> warc/html UTF-8/utf8: <p>bad</p>";
    check_resynchronised("1500000", 100, 30_000, bad);
    check_resynchronised("1500000", 5, 30_000, bad);
}
