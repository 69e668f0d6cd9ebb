//! Tests of the tagger: training on a toy set, the binary format, and the committed model.

use std::path::PathBuf;

use concord_model::EntityType::{self, *};

use super::train::{Example, LemmaPair, Tag, TrainConfig, train};
use super::*;
use crate::tokenize::tokenize;

fn example(lang: &str, sentence: &str) -> Example {
    // "Joe/B-PER Biden/I-PER visited Kyiv/B-LOC"
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for item in sentence.split(' ') {
        let (w, t) = item.split_once('/').unwrap_or((item, "O"));
        let kind = |s: &str| match s {
            "PER" => Person,
            "ORG" => Organization,
            "LOC" => Location,
            "EVT" => Event,
            _ => Misc,
        };
        words.push(w.to_owned());
        tags.push(match t.split_at(t.len().min(2)) {
            ("B-", k) => Tag::B(kind(k)),
            ("I-", k) => Tag::I(kind(k)),
            _ => Tag::O,
        });
    }
    Example {
        lang: lang.into(),
        words,
        tags,
        unannotated: Vec::new(),
    }
}

fn toy_model() -> NerModel {
    let data = [
        "Joe/B-PER Biden/I-PER visited Kyiv/B-LOC today .",
        "The/O NATO/B-ORG summit was held in Brussels/B-LOC .",
        "Vladimir/B-PER Putin/I-PER spoke to Joe/B-PER Biden/I-PER .",
        "Ukraine/B-LOC asked NATO/B-ORG for help .",
        "Officials in Moscow/B-LOC said the talks went well .",
        "Biden/B-PER and Putin/B-PER met in Geneva/B-LOC .",
    ];
    let examples: Vec<Example> = data.iter().map(|s| example("en", s)).collect();
    let lemmas = vec![LemmaPair {
        lang: "pl".into(),
        kind: Person,
        surface: "Putina".into(),
        base: "Putin".into(),
    }];
    let config = TrainConfig {
        bits: 12,
        epochs: 10,
        seed: 1,
    };
    train(&examples, &lemmas, &config, |_| {})
}

fn check_tags(model: &NerModel, text: &str, lang: &str, expected: &[(&str, EntityType, &str)]) {
    let tokens = tokenize(text);
    let got: Vec<(String, EntityType, String)> = model
        .tag(text, &tokens, lang)
        .into_iter()
        .map(|m| (m.span.of(text).to_owned(), m.kind, m.base))
        .collect();
    let want: Vec<(String, EntityType, String)> = expected
        .iter()
        .map(|&(a, k, b)| (a.into(), k, b.into()))
        .collect();
    assert_eq!(got, want, "mentions in {text:?}");
}

fn check_sentences(text: &str, expected: &[&str]) {
    let tokens = tokenize(text);
    let got: Vec<&str> = sentences(text, &tokens)
        .into_iter()
        .map(|r| &text[tokens[r.start].start as usize..tokens[r.end - 1].end as usize])
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn sentence_split() {
    check_sentences("Biden spoke. Putin listened.", &["Biden spoke.", "Putin listened."]);
    check_sentences("approx. three times, e.g. this", &["approx. three times, e.g. this"]);
    check_sentences("Title\nBody text", &["Title", "Body text"]);
    check_sentences("", &[]);
}

#[test]
fn toy_training_learns_its_data_and_round_trips() {
    let model = toy_model();
    check_tags(
        &model,
        "Joe Biden visited Kyiv today.",
        "en",
        &[("Joe Biden", Person, "Joe Biden"), ("Kyiv", Location, "Kyiv")],
    );
    let bytes = model.to_bytes();
    let back = NerModel::from_bytes(&bytes).expect("round trip");
    assert_eq!(back, model);
    assert_eq!(back.to_bytes(), bytes, "serialisation is deterministic");
    // Training is deterministic.
    assert_eq!(toy_model().to_bytes(), bytes);
}

#[test]
fn corrupt_models_are_errors() {
    let bytes = toy_model().to_bytes();
    for cut in [0, 7, 12, 40, bytes.len() / 2, bytes.len() - 1] {
        assert!(NerModel::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut wrong = bytes.clone();
    wrong[8] = 99;
    assert!(NerModel::from_bytes(&wrong).is_err(), "wrong version");
    let mut longer = bytes;
    longer.push(0);
    assert!(NerModel::from_bytes(&longer).is_err(), "trailing bytes");
}

#[test]
fn empty_input() {
    let model = toy_model();
    check_tags(&model, "", "en", &[]);
    check_tags(&model, " \n ", "xx", &[]);
    assert!(model.tag_words(&[], "en").is_empty());
}

/// The committed model, when it has been trained (it is built by `cargo xtask train ner`).
fn committed() -> NerModel {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/models/ner.bin");
    NerModel::load(&path).expect("data/models/ner.bin loads")
}

#[test]
fn committed_model_tags_the_seeds() {
    let model = committed();
    let has = |text: &str, lang: &str, surface: &str, kind: EntityType, base: &str| {
        let tokens = tokenize(text);
        let mentions = model.tag(text, &tokens, lang);
        assert!(
            mentions
                .iter()
                .any(|m| m.span.of(text) == surface && m.kind == kind && m.base == base),
            "{surface:?} as {kind:?} ({base}) in {text:?}: got {mentions:?}"
        );
    };
    let id = "Biden mengulangi ke Putin komitmen teguh AS terhadap kedaulatan Ukraina. \
              Sedangkan Menteri Luar Negeri AS di Brussel untuk bertemu sekutu NATO.";
    has(id, "id", "Ukraina", Location, "Ukraina");
    has(id, "id", "NATO", Organization, "NATO");
    let en = "Russia hopes for contact between Vladimir Putin and Joe Biden to ease tensions in Ukraine.";
    has(en, "en", "Joe Biden", Person, "Joe Biden");
    has(en, "en", "Ukraine", Location, "Ukraine");
    let de = "Biden rief den Kremlmieter an. Die NATO warnte, Putins Truppen stünden an der Grenze.";
    has(de, "de", "NATO", Organization, "NATO");
    has(de, "de", "Putins", Person, "Putin");
    let tokens = tokenize(de);
    assert!(
        model
            .tag(de, &tokens, "de")
            .iter()
            .all(|m| !m.span.of(de).contains("Kremlmieter")),
        "Kremlmieter is not a name"
    );
    let pl = "Rozmowa Bidena z Putinem dotyczyła Ukrainy. Sekretarz generalny NATO ostrzegł Rosję.";
    has(pl, "pl", "Ukrainy", Location, "Ukraina");
    has(pl, "pl", "NATO", Organization, "NATO");
    let uk = "Байден попередив Путіна щодо України. Генсек НАТО зустрівся з Зеленським.";
    has(uk, "uk", "Путіна", Person, "Путін");
    has(uk, "uk", "України", Location, "Україна");
    let ru = "Байден провёл переговоры с Путиным о ситуации на Украине.";
    has(ru, "ru", "Путиным", Person, "Путин");
}
