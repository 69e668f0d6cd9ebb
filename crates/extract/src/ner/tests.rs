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
        not_news: false,
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
        ..TrainConfig::default()
    };
    let gazetteer =
        super::gazetteer::Gazetteer::from_names([("Geneva", Location), ("Kyiv", Location)]);
    train(&examples, &lemmas, gazetteer, &config, |_| {})
}

fn check_tags(model: &NerModel, text: &str, lang: &str, expected: &[(&str, EntityType, &str)]) {
    let got: Vec<(String, EntityType, String)> = tag(model, text, lang)
        .into_iter()
        .map(|m| (m.span.of(text).to_owned(), m.kind, m.base))
        .collect();
    let want: Vec<(String, EntityType, String)> = expected
        .iter()
        .map(|&(a, k, b)| (a.into(), k, b.into()))
        .collect();
    assert_eq!(got, want, "mentions in {text:?}");
}

/// Sentences as byte spans, roughly as normalize splits them (the tests cannot use normalize): at
/// every line break, and after `.`, `!` or `?` and a space before anything but a lowercase letter.
fn rough_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' if next == Some(' ') => {
                let after = text[i + 2..].chars().next();
                (!after.is_some_and(char::is_lowercase)).then_some(i + 1)
            }
            _ => None,
        };
        if let Some(end) = end {
            if end > start {
                out.push(Span::new(start, end));
            }
            start = end + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Tags `text` with its rough sentences.
fn tag(model: &NerModel, text: &str, lang: &str) -> Vec<Mention> {
    model.tag(text, &tokenize(text), &rough_sentences(text), lang)
}

fn check_sentence_tokens(text: &str, sentences: &[(usize, usize)], expected: &[&str]) {
    let tokens = tokenize(text);
    let spans: Vec<Span> = sentences.iter().map(|&(a, b)| Span::new(a, b)).collect();
    let got: Vec<&str> = sentence_tokens(&tokens, &spans)
        .into_iter()
        .map(|r| &text[tokens[r.start].start as usize..tokens[r.end - 1].end as usize])
        .collect();
    assert_eq!(got, expected, "{text:?} {sentences:?}");
}

#[test]
fn sentences_come_from_the_document() {
    let text = "Biden spoke. Putin listened.";
    check_sentence_tokens(
        text,
        &[(0, 12), (13, 28)],
        &["Biden spoke.", "Putin listened."],
    );
    // The tagger does not split again: one span is one sentence.
    check_sentence_tokens(text, &[(0, 28)], &[text]);
    // Text outside every span is tagged as runs of its own, so no token is lost.
    check_sentence_tokens("Title\nBody text", &[(6, 15)], &["Title", "Body text"]);
    check_sentence_tokens("Title\nBody text", &[], &["Title\nBody text"]);
    check_sentence_tokens("", &[], &[]);
    check_sentence_tokens("", &[(0, 0)], &[]);
    // Runs longer than the decoder takes are cut.
    let long = "a ".repeat(MAX_SENTENCE + 5);
    let tokens = tokenize(&long);
    let ranges = sentence_tokens(&tokens, &[Span::new(0, long.len())]);
    assert_eq!(ranges, [0..MAX_SENTENCE, MAX_SENTENCE..MAX_SENTENCE + 5]);
}

#[test]
fn rough_sentences_stand_in_for_normalize() {
    let got: Vec<Span> = rough_sentences("Biden spoke. Putin listened, e.g. twice.\nNext");
    assert_eq!(
        got,
        [Span::new(0, 12), Span::new(13, 40), Span::new(41, 45)]
    );
}

#[test]
fn toy_training_learns_its_data_and_round_trips() {
    let model = toy_model();
    check_tags(
        &model,
        "Joe Biden visited Kyiv today.",
        "en",
        &[
            ("Joe Biden", Person, "Joe Biden"),
            ("Kyiv", Location, "Kyiv"),
        ],
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

/// Checks that the committed model finds each `(surface, type, base)` in `text`; `absent` surfaces
/// must not be inside any mention. Returns the failures, so one run shows them all.
fn seed_failures(
    model: &NerModel,
    lang: &str,
    text: &str,
    expected: &[(&str, EntityType, &str)],
    absent: &[&str],
) -> Vec<String> {
    let mentions = tag(model, text, lang);
    let mut failures = Vec::new();
    for &(surface, kind, base) in expected {
        let found = mentions
            .iter()
            .any(|m| m.span.of(text) == surface && m.kind == kind && m.base == base);
        if !found {
            failures.push(format!(
                "{lang}: {surface:?} {kind:?} {base:?} in {mentions:?}"
            ));
        }
    }
    for a in absent {
        if mentions.iter().any(|m| m.span.of(text).contains(a)) {
            failures.push(format!("{lang}: {a:?} is not a name: {mentions:?}"));
        }
    }
    failures
}

#[test]
fn committed_model_tags_the_seeds() {
    let model = committed();
    let mut failures = Vec::new();
    // Sentences adapted from the seed articles in data/samples/.
    failures.extend(seed_failures(
        &model,
        "id",
        "Biden mengulangi ke Putin komitmen teguh AS terhadap kedaulatan Ukraina. \
         Sedangkan Menteri Luar Negeri AS di Brussel untuk bertemu sekutu NATO.",
        &[
            ("Ukraina", Location, "Ukraina"),
            ("NATO", Organization, "NATO"),
        ],
        &["kedaulatan", "Menteri", "komitmen"],
    ));
    // Lowercase common words and capitalised titles are no names (they were tagged MISC and EVT
    // while NERGrit's unannotated types could hide behind any word).
    failures.extend(seed_failures(
        &model,
        "id",
        "Moskow harus \"meredakan ketegangan\", ini adalah pesan yang ingin dia kirim Joe Biden a \
         Putin setelah pengepungan pasukan Kremlin dikerahkan di dekat perbatasan dengan Ukraina. \
         Kremlin juga menegaskan bahwa kedua kepala negara tersebut bermaksud untuk mendorong \
         dialog di sektor-sektor terpenting untuk keamanan dunia, termasuk krisis Ukraina.",
        &[
            ("Joe Biden", Person, "Joe Biden"),
            ("Ukraina", Location, "Ukraina"),
        ],
        &[
            "perbatasan",
            "bahwa",
            "ketegangan",
            "dunia",
            "harus",
            "dialog",
        ],
    ));
    failures.extend(seed_failures(
        &model,
        "id",
        "Dalam waktu sekitar tiga minggu, Rusia telah mengerahkan dua tentara dan tiga divisi \
         pasukan lintas udara di dekat perbatasan barat dan di daerah latihan.",
        &[],
        &["Dalam", "dua", "perbatasan", "barat", "latihan"],
    ));
    failures.extend(seed_failures(
        &model,
        "en",
        "Russia hopes for contact between Vladimir Putin and Joe Biden to ease tensions in Ukraine.",
        &[
            ("Joe Biden", Person, "Joe Biden"),
            ("Vladimir Putin", Person, "Vladimir Putin"),
            ("Ukraine", Location, "Ukraine"),
        ],
        &[],
    ));
    failures.extend(seed_failures(
        &model,
        "de",
        "Biden rief den Kremlmieter an. Die NATO warnte, Putins Truppen stünden an der Grenze.",
        &[("NATO", Organization, "NATO"), ("Putins", Person, "Putin")],
        &["Kremlmieter"],
    ));
    failures.extend(seed_failures(
        &model,
        "pl",
        "Rozmowa Bidena z Putinem dotyczyła Ukrainy. Sekretarz generalny NATO ostrzegł Rosję.",
        &[
            ("Ukrainy", Location, "Ukraina"),
            ("NATO", Organization, "NATO"),
            ("Bidena", Person, "Biden"),
        ],
        &[],
    ));
    failures.extend(seed_failures(
        &model,
        "uk",
        "Байден попередив Путіна щодо України. Генсек НАТО зустрівся з Зеленським.",
        &[
            ("Путіна", Person, "Путін"),
            ("України", Location, "Україна"),
        ],
        &[],
    ));
    failures.extend(seed_failures(
        &model,
        "ru",
        "Байден провёл переговоры с Путиным о ситуации на Украине.",
        &[("Путиным", Person, "Путин")],
        &[],
    ));
    failures.extend(seed_failures(
        &model,
        "fr",
        "La Russie espère un contact entre Vladimir Poutine et Joe Biden pour apaiser les tensions en Ukraine.",
        &[("Joe Biden", Person, "Joe Biden"), ("Ukraine", Location, "Ukraine")],
        &[],
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn odd_inputs_never_panic_and_spans_fit() {
    let model = committed();
    let long_word = "Ж".repeat(5000);
    let many_names = "Putin ".repeat(1000);
    for text in [
        "👍🏽 Biden 👍🏽",
        "\u{0301}\u{0301}NATO\u{0301}",
        "«»„“()[]",
        "a\u{200b}b\u{feff}c",
        "مرحبا Putin",
        long_word.as_str(),
        many_names.as_str(),
        "Dr. Müller-Lüdenscheidt's U.S.-Russia talks, 13,000 troops.",
    ] {
        for lang in ["en", "de", "pl", "ru", "xx", ""] {
            for m in tag(&model, text, lang) {
                assert!(!m.span.is_empty(), "{text:?}");
                assert!(
                    text.get(m.span.start as usize..m.span.end as usize)
                        .is_some()
                );
                assert!(!m.base.is_empty(), "{text:?}: {m:?}");
            }
        }
    }
}

fn check_propagate(
    model: &NerModel,
    words: &str,
    found: &[(usize, usize, EntityType)],
    expected: &[(usize, usize, EntityType)],
) {
    let words: Vec<&str> = words.split(' ').collect();
    let mut context = DocContext::new(model, words.len());
    for (i, start) in context.starts.iter_mut().enumerate() {
        *start = i == 0 || words[i - 1] == ".";
    }
    let mut spans = found.to_vec();
    propagate(words.len(), |i| words[i], &context, &mut spans);
    assert_eq!(spans, expected, "{words:?}");
}

#[test]
fn names_recur_in_a_document() {
    let model = committed();
    let check = |words: &str, found: &[_], expected: &[_]| {
        check_propagate(&model, words, found, expected);
    };
    // "Alain Sutter ... Sutter": the surname alone is a person too.
    check(
        "Alain Sutter traf . Sutter sagte , Sutter",
        &[(0, 2, Person)],
        &[(0, 2, Person), (4, 5, Person), (7, 8, Person)],
    );
    // One-word names of any type; lowercase words and first names are left alone.
    check(
        "NATO warnte . nato und Alain und NATO",
        &[(0, 1, Organization)],
        &[(0, 1, Organization), (7, 8, Organization)],
    );
    check("Alain Sutter . Alain", &[(0, 2, Person)], &[(0, 2, Person)]);
    check("Nichts hier", &[], &[]);
}

#[test]
fn one_type_per_word_in_a_document() {
    let model = committed();
    let check = |words: &str, found: &[_], expected: &[_]| {
        check_propagate(&model, words, found, expected);
    };
    // A lone word typed as a person and as a place, with no full name ending in it, is the place.
    check(
        "Kremlin menolak . Kremlin dan Kremlin",
        &[(0, 1, Location), (3, 4, Person), (5, 6, Person)],
        &[(0, 1, Location), (3, 4, Location), (5, 6, Location)],
    );
    // A full name ending in it makes every lone occurrence the person.
    check(
        "Sergei Shoigu kata . yang Shoigu",
        &[(0, 2, Person), (5, 6, Organization)],
        &[(0, 2, Person), (5, 6, Person)],
    );
    // Two surnames of the document joined by a hyphen name a meeting, not a person.
    check(
        "Antony Blinken . Sergey Lavrov . Blinken-Lavrov",
        &[(0, 2, Person), (3, 5, Person), (6, 7, Person)],
        &[(0, 2, Person), (3, 5, Person)],
    );
    // Other types are left as the tagger gave them.
    check(
        "Germany won . Germany said",
        &[(0, 1, Organization), (3, 4, Location)],
        &[(0, 1, Organization), (3, 4, Location)],
    );
}

#[test]
fn common_words_before_a_name_at_a_sentence_start() {
    let model = committed();
    // "The Kremlin" at a sentence start, with "Kremlin" alone elsewhere: the name is "Kremlin".
    check_propagate(
        &model,
        "The Kremlin said . Kremlin",
        &[(0, 2, Organization), (4, 5, Location)],
        &[(1, 2, Location), (4, 5, Location)],
    );
    // A first word the training text never showed is dropped only from a "person" whose rest
    // is a place elsewhere: before a surname it may be a first name.
    check_propagate(
        &model,
        "Xqzvw Kremlin said . Kremlin . Xqzvw Kachin said . Kachin",
        &[
            (0, 2, Person),
            (4, 5, Location),
            (6, 8, Person),
            (10, 11, Person),
        ],
        &[
            (1, 2, Location),
            (4, 5, Location),
            (6, 8, Person),
            (10, 11, Person),
        ],
    );
    // Left alone when the rest never stands alone, and away from sentence starts.
    check_propagate(
        &model,
        "The Hague said . and The Kremlin . Kremlin",
        &[(0, 2, Location), (5, 7, Location), (8, 9, Location)],
        &[(0, 2, Location), (5, 7, Location), (8, 9, Location)],
    );
}

#[test]
fn names_of_several_words_recur_in_their_forms() {
    let model = committed();
    // The headline's "Европейская комиссия" is the organisation found in the text as
    // "Европейской комиссии"; lowercase "европейская комиссия" and one word alone are not.
    check_propagate(
        &model,
        "Европейская комиссия решила . Решение Европейской комиссии . европейская комиссия",
        &[(5, 7, Organization)],
        &[(0, 2, Organization), (5, 7, Organization)],
    );
}

#[test]
fn short_names_of_organisations() {
    let model = committed();
    // "Европейская комиссия ... Комиссии": the head word alone, capitalised, is the organisation;
    // not at a sentence start, and not next to another capitalised word.
    check_propagate(
        &model,
        "Европейская комиссия заявила . Решение Комиссии , Комиссия Путина . Комиссия",
        &[(0, 2, Organization)],
        &[(0, 2, Organization), (5, 6, Organization)],
    );
    // A word usually capitalised in the training text (German nouns) is no short name.
    check_propagate(
        &model,
        "die Europäische Kommission sagte , die Kommission",
        &[(1, 3, Organization)],
        &[(1, 3, Organization)],
    );
}

#[test]
fn forms_of_one_word() {
    assert!(same_word("комиссия", "комиссией"));
    assert!(same_word("parlamento", "parlamento"));
    assert!(!same_word("конгресс", "конгрессмены"));
    assert!(!same_word("bank", "banks"), "too short to tell");
}

#[test]
fn forms_of_address_are_left_out_of_names() {
    let words = ["Mr", ".", "Blinken", "M", "Night", "Herr", "Scholz", "Frau"];
    let word = |i: usize| words[i];
    assert_eq!(trim_title(0, 3, Misc, word), Some((2, 3, Person)));
    assert_eq!(trim_title(5, 7, Organization, word), Some((6, 7, Person)));
    assert_eq!(trim_title(2, 3, Person, word), Some((2, 3, Person)));
    // An initial without a full stop stays; a title alone is no name.
    assert_eq!(trim_title(3, 5, Person, word), Some((3, 5, Person)));
    assert_eq!(trim_title(7, 8, Person, word), None);
    assert_eq!(trim_title(0, 2, Person, word), None);
}
