//! The seeds' own report (the whole pipeline on `data/samples`, not a hand-built corpus) in
//! headless Chromium: a reader finds the two stories, the translation pair, the entities with
//! their variants, and each troop figure with its source, date and the article it came from.

#[path = "../crates/report/tests/chromium/mod.rs"]
mod chromium;

use std::path::Path;

use chromium::{Browser, INSTALL, file_url, find_chromium};
use concord_tests::{config, run_into, scratch};

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("json line"))
        .collect()
}

/// Text as the report's HTML writes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_seeds_report_answers_the_analysts_questions() {
    let Some(binary) = find_chromium() else {
        if std::env::var("CI").is_ok_and(|value| value == "true") {
            panic!("CI=true but Chromium is missing: install it with `{INSTALL}`");
        }
        return; // The report crate's browser test says how to install it.
    };
    let out = scratch("seeds-report");
    let run = run_into(&out, &["data/samples"], 2, &config(), false);
    let corpus = |name: &str| -> Vec<serde_json::Value> {
        let (_, text) = run.corpus.iter().find(|(n, _)| n == name).expect(name);
        lines(text)
    };
    let out = out.canonicalize().expect("out");
    let browser = Browser {
        binary,
        profile: out.join("chromium-profile"),
    };
    let overview = browser.dom(&file_url(&out.join("report.html"), ""));
    let stories = corpus("stories.jsonl");
    assert_eq!(stories.len(), 2, "the seeds tell two stories");
    for story in &stories {
        let label = story["label"].as_str().expect("label");
        assert!(
            overview.contains(&escaped(label)),
            "story {label} not in the overview"
        );
    }
    let translation = corpus("copies.jsonl")
        .into_iter()
        .find(|group| group["kind"] == "translation")
        .expect("the translation pair");
    let story_of = |doc: &serde_json::Value| {
        stories
            .iter()
            .find(|s| s["docs"].as_array().is_some_and(|d| d.contains(doc)))
            .expect("a story")
    };
    let april = story_of(&translation["docs"][0]);
    let page = page(&browser, &out, april["id"].as_str().expect("id"));
    assert!(
        page.contains("Translations: 2 articles (de, id)"),
        "the translation pair is not on its story's page"
    );
    for variant in ["Stoltemberg", "Kouleba", "Schoigu"] {
        assert!(
            page.contains(variant),
            "variant {variant} not on the story page"
        );
    }
    // Every troop figure of the story with where it came from.
    let mut checked = 0;
    for claim in corpus("claims.jsonl") {
        let what = claim["what"].as_str().expect("what");
        if !what.starts_with("troops")
            || !claim["stories"]
                .as_array()
                .expect("stories")
                .contains(&april["id"])
        {
            continue;
        }
        assert!(
            page.contains(&escaped(what)),
            "claim {what} not on the story page"
        );
        for value in claim["values"].as_array().expect("values") {
            let text = value["text"].as_str().expect("text");
            assert!(
                page.contains(&escaped(text)),
                "value {text} of {what} not shown"
            );
            if let Some(source) = value["attributed_to"].as_str() {
                assert!(
                    page.contains(&escaped(source)),
                    "source {source} of {text} not shown"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 4,
        "only {checked} troop values on the April story's page"
    );
}

fn page(browser: &Browser, out: &Path, story: &str) -> String {
    browser.dom(&file_url(
        &out.join(format!("report/stories/{story}.html")),
        "",
    ))
}
