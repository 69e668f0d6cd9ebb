//! Reconcile end to end: the seed articles run through the pipeline give the two stories and the one
//! translation pair, and the same article fed as a text file, a JSON Lines record and a WARC record
//! is one exact copy group. The facts come from the pipeline's `facts.bin`, folded here.

use std::fs;
use std::path::Path;

use concord_model::codec::{FrameReader, Message};
use concord_model::{Batch, CopyKind, Corpus, DocFacts, Item};
use concord_reconcile::{ReconcileConfig, Reconciler};
use concord_tests::{config, run_into, scratch};

/// Runs the pipeline on `inputs` and folds its facts; returns the corpus and the documents' paths
/// by id.
fn reconcile(inputs: &[&str]) -> (Corpus, Vec<(concord_model::DocId, String)>) {
    let out = scratch("reconcile");
    run_into(&out, inputs, 2, &config(), true);
    let file = fs::File::open(out.join("facts.bin")).expect("facts.bin");
    let mut reader =
        FrameReader::new(std::io::BufReader::new(file), DocFacts::KIND).expect("header");
    let mut fold = Reconciler::new(&ReconcileConfig::recommended());
    let mut paths = Vec::new();
    while let Some(batch) = reader.read::<Batch<DocFacts>>().expect("frame") {
        for item in batch.items {
            if let Item::Doc(facts) = item {
                let name = Path::new(&facts.doc.source.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().chars().take(3).collect())
                    .unwrap_or_default();
                paths.push((facts.doc.id, name));
                fold.push(&facts);
            }
        }
    }
    (fold.finish(), paths)
}

fn names(ids: &[concord_model::DocId], paths: &[(concord_model::DocId, String)]) -> Vec<String> {
    let mut out: Vec<String> = ids
        .iter()
        .filter_map(|id| paths.iter().find(|p| p.0 == *id).map(|p| p.1.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn seeds_give_two_stories_and_one_translation_pair() {
    let (corpus, paths) = reconcile(&["data/samples"]);
    let mut stories: Vec<Vec<String>> = corpus
        .stories
        .iter()
        .map(|s| names(&s.docs, &paths))
        .collect();
    stories.sort();
    assert_eq!(stories, [vec!["000", "001", "003"], vec!["002", "004"]]);
    let copies: Vec<(CopyKind, Vec<String>, bool)> = corpus
        .copies
        .iter()
        .map(|g| (g.kind, names(&g.docs, &paths), g.original.is_some()))
        .collect();
    assert_eq!(
        copies,
        [(
            CopyKind::Translation,
            vec!["000".to_owned(), "001".to_owned()],
            false
        )]
    );
    let inferred = corpus
        .doc_links
        .iter()
        .find(|l| l.source.path.contains("004_"))
        .and_then(|l| l.published_inferred.clone())
        .expect("004 has an inferred date");
    assert_eq!(inferred.date.as_deref(), Some("2021-12-02"));
}

const TITLE: &str = "Floods force thousands from their homes";
const BODY: [&str; 3] = [
    "Rescue teams evacuated more than 4,000 people from villages along the river on Sunday, the \
     regional governor said, after two days of heavy rain.",
    "\"The water rose faster than anyone expected,\" said Maria Lopez, who runs the shelter in the \
     town hall. About 300 people spent the night there.",
    "The weather service expects the rain to ease by Tuesday, but warned that the river would stay \
     high for the rest of the week.",
];

#[test]
fn one_article_as_text_jsonl_and_warc_is_one_exact_copy_group() {
    let dir = scratch("copies-input");
    let text = format!("{TITLE}\n\n{}\n", BODY.join("\n\n"));
    fs::write(dir.join("article.txt"), &text).expect("write");
    let record = serde_json::json!({ "title": TITLE, "text": BODY.join("\n\n") });
    fs::write(dir.join("feed.jsonl"), format!("{record}\n")).expect("write");
    let html = format!(
        "<html><head><title>{TITLE}</title></head><body><nav><a href=\"/\">Home</a> | <a \
         href=\"/world\">World</a></nav><article><h1>{TITLE}</h1>{}</article><footer>© 2024 \
         Example News. All rights reserved.</footer></body></html>",
        BODY.iter()
            .map(|p| format!("<p>{}</p>", p.replace('"', "&quot;")))
            .collect::<String>()
    );
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/floods\r\n\
         WARC-Date: 2024-03-05T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    fs::write(dir.join("crawl.warc"), warc).expect("write");
    let dir_name = dir.to_string_lossy().into_owned();
    let (corpus, paths) = reconcile(&[dir_name.as_str()]);
    assert_eq!(paths.len(), 3, "three documents: {paths:?}");
    let exact: Vec<_> = corpus
        .copies
        .iter()
        .filter(|g| g.kind == CopyKind::Exact)
        .collect();
    assert_eq!(exact.len(), 1, "{:#?}", corpus.copies);
    assert_eq!(exact[0].docs.len(), 3, "{:#?}", exact[0]);
    assert_eq!(corpus.stories.len(), 1);
}
