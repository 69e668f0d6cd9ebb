//! Whole documents with odd text (issue 10, item 11): invalid numeric references, terminal escape
//! sequences and zero-width joiners, in plain text and in HTML. Each check states the body and what
//! the clean text and the removed pieces must be. Also: declared fields concord does not interpret
//! reach the clean document (item 12).

use std::sync::OnceLock;

use concord_model::{CleanDoc, Media, RawDoc, RemovalReason, SourceRef};
use concord_normalize::{NormalizeConfig, Normalizer, RunContext};

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| {
        Normalizer::new(&NormalizeConfig::recommended()).expect("recommended config builds")
    })
}

fn clean(body: &str, media: Media) -> CleanDoc {
    let doc = RawDoc::from_text(SourceRef::file("odd.txt"), media, body.to_owned());
    normalizer()
        .normalize(doc, &RunContext::none())
        .expect("a document with article text")
}

const LEAD: &str = "The defence ministry said on Tuesday that the convoy had reached the border \
                    town after a night of heavy fighting, and that more troops would follow.";

/// Normalizes `body` (plain text and, wrapped in an article, HTML) and checks that the clean text
/// contains every string of `present` and none of `absent`, and which pieces were removed as markup.
#[track_caller]
fn check(body: &str, present: &[&str], absent: &[&str], markup: &[&str]) {
    let html = format!("<html><body><article><p>{body}</p></article></body></html>");
    for (media, body) in [(Media::Text, body.to_owned()), (Media::Html, html)] {
        let doc = clean(&body, media);
        for want in present {
            assert!(
                doc.text.contains(want),
                "{media:?}: {want:?} not in {:?}",
                doc.text
            );
        }
        for unwanted in absent {
            assert!(
                !doc.text.contains(unwanted),
                "{media:?}: {unwanted:?} in {:?}",
                doc.text
            );
        }
        let removed: Vec<&str> = doc
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::Markup)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(removed, markup, "{media:?}");
        for r in doc
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::Markup)
        {
            let at = r.raw_offset as usize;
            assert!(
                body[at..].starts_with(&r.text),
                "{media:?}: {r:?} not at its offset"
            );
        }
    }
}

#[test]
fn an_invalid_numeric_reference_is_one_replacement_character() {
    let body = format!("{LEAD} Officials counted &#99999999999999; missiles and &#xD800; drones.");
    check(
        &body,
        &["counted \u{fffd} missiles and \u{fffd} drones"],
        &["999999", "&#"],
        &[],
    );
}

#[test]
fn terminal_escapes_leave_the_text_and_are_listed() {
    let body = format!("{LEAD} \u{1b}[31mBREAKING\u{1b}[0m: 29 soldiers were killed.");
    check(
        &body,
        &["BREAKING: 29 soldiers were killed."],
        &["[31m", "[0m", "\u{1b}"],
        &["\u{1b}[31m", "\u{1b}[0m"],
    );
}

#[test]
fn zero_width_joiners_never_stay_inside_names() {
    let body =
        format!("{LEAD} Pu\u{200d}tin spoke to Stolten&zwj;berg and Kule\u{200c}ba. 👩\u{200d}💻");
    check(
        &body,
        &["Putin spoke to Stoltenberg and Kuleba.", "👩\u{200d}💻"],
        &["Pu\u{200d}", "n\u{200d}b", "e\u{200c}b"],
        &[],
    );
}

#[test]
fn declared_fields_reach_the_clean_document() {
    let mut doc = RawDoc::from_text(SourceRef::file("a.jsonl"), Media::Text, LEAD.to_owned());
    doc.metadata
        .insert("section".to_owned(), r#""world""#.to_owned());
    doc.metadata
        .insert("tags".to_owned(), r#"["flood","rescue"]"#.to_owned());
    let expected = doc.metadata.clone();
    let clean = normalizer()
        .normalize(doc, &RunContext::none())
        .expect("a document with article text");
    assert_eq!(clean.meta, expected);
}
