//! Property tests of normalize's offsets (issue 10, item 13), and the replay of the committed fuzz
//! seeds in `fuzz/seeds/chain/`: for any text or HTML body built from troublesome pieces (references,
//! mojibake, combining marks, characters NFC expands, escapes, joiners, chrome phrases, tags), the
//! offset map never goes backwards and never points past the raw body, paragraph and sentence spans
//! lie inside the clean text on character boundaries, removed pieces point inside the body, and a
//! document either has text or is one `NoContent` issue. Nothing panics.

use std::sync::OnceLock;

use concord_model::{CleanDoc, IssueKind, Media, RawDoc, SourceRef, Span};
use concord_normalize::{NormalizeConfig, Normalizer, RunContext};
use proptest::prelude::*;

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| {
        Normalizer::new(&NormalizeConfig::recommended()).expect("recommended config builds")
    })
}

/// Pieces that each exercise one repair or one cleaning rule.
const PIECES: &[&str] = &[
    "The minister said on Tuesday that 40 people were evacuated. ",
    "Президент заявил, что переговоры продолжатся. ",
    "Der Bürgermeister sprach von 38 Evakuierten. ",
    "日本語のテキストです。",
    "مرحبا بالعالم. ",
    "\n",
    "\n\n",
    "\r\n",
    "&amp;",
    "&#8220;",
    "&#99999999999999;",
    "&#xD800;",
    "&#",
    "&zwj;",
    "&nbsp;",
    "gÃ¼nlÃ¼k ",
    "â€œ",
    "Ã",
    "e\u{301}",
    "\u{301}",
    "\u{958}",
    "\u{2adc}",
    "\u{fb2c}",
    "\u{1d15e}",
    "\u{1b}[31m",
    "\u{1b}]0;x\u{7}",
    "\u{1b}",
    "\u{9b}2K",
    "Pu\u{200d}tin",
    "\u{1f469}\u{200d}\u{1f4bb}",
    "می\u{200c}خواهم",
    "« contact »",
    "…",
    "\u{2029}",
    "\u{feff}",
    "\u{ad}",
    "\t",
    "Read also: ",
    "Share on Facebook\n",
    "© 2021 All rights reserved\n",
    "5 December 2021 ",
    "<p>",
    "</p>",
    "<br>",
    "<script>var x = 1;</script>",
    "<!-- c -->",
    "<a href=\"/x\">link</a>",
    "<",
    ">",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

/// `span` lies inside `text` on character boundaries.
fn inside(span: Span, text: &str) -> bool {
    span.start <= span.end && text.get(span.start as usize..span.end as usize).is_some()
}

/// Checks the properties of the module documentation on one body.
fn check(body: &str, media: Media) -> Result<(), TestCaseError> {
    let doc = RawDoc::from_text(SourceRef::file("props.txt"), media, body.to_owned());
    let clean: CleanDoc = match normalizer().normalize(doc, &RunContext::none()) {
        Ok(clean) => clean,
        Err(issue) => {
            prop_assert_eq!(issue.kind, IssueKind::NoContent);
            return Ok(());
        }
    };
    prop_assert!(!clean.text.trim().is_empty());
    let mut last = 0;
    for c in 0..=clean.text.len() {
        let raw = clean.offsets.to_raw(c);
        prop_assert!(
            raw <= body.len(),
            "clean {} -> raw {} past {}",
            c,
            raw,
            body.len()
        );
        prop_assert!(raw >= last, "clean {} -> raw {} before {}", c, raw, last);
        last = raw;
    }
    let mut end = 0;
    for p in &clean.paragraphs {
        prop_assert!(inside(p.span, &clean.text), "paragraph {:?}", p.span);
        prop_assert!(p.span.start >= end, "paragraphs overlap");
        end = p.span.end;
    }
    for s in &clean.sentences {
        prop_assert!(inside(*s, &clean.text), "sentence {:?}", s);
    }
    for r in &clean.removed {
        prop_assert!(r.raw_offset as usize <= body.len(), "removed {:?}", r);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn offsets_and_spans_hold_in_text(body in body()) {
        check(&body, Media::Text)?;
    }

    #[test]
    fn offsets_and_spans_hold_in_html(body in body()) {
        check(&format!("<html><body><article>{body}</article></body></html>"), Media::Html)?;
        check(&body, Media::Html)?;
    }
}

/// The committed fuzz seeds, each as text and as HTML (bytes that are not UTF-8 replaced, as
/// ingest would).
#[test]
fn fuzz_seeds_replay() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/chain");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fuzz/seeds/chain exists")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the seed corpus is in place");
    for path in paths {
        let bytes = std::fs::read(&path).expect("readable seed");
        let body = String::from_utf8_lossy(bytes.get(1..).unwrap_or_default()).into_owned();
        for media in [Media::Text, Media::Html] {
            if let Err(err) = check(&body, media) {
                panic!("{}: {err}", path.display());
            }
        }
    }
}
