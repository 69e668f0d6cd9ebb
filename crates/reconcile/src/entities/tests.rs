//! Tests of entity resolution: name keys per feature, joins in several languages and scripts,
//! and the names that must stay apart.

use std::collections::BTreeSet;

use concord_model::{DocId, EntityType, Mention, MentionDigest, Span, StoryId};

use super::key::{initials, name_key, same_acronym};
use super::{DocNames, NameTable, digest, resolve};

use EntityType::{Location as LOC, Organization as ORG, Person as PER};

/// One document: id, language, story, names as (surface, base or "", type).
type Doc = (
    u64,
    &'static str,
    Option<u64>,
    &'static [(&'static str, &'static str, EntityType)],
);

fn digests(docs: &[Doc]) -> Vec<(DocId, &'static str, Option<StoryId>, Vec<MentionDigest>)> {
    docs.iter()
        .map(|&(id, lang, story, names)| {
            let names = names
                .iter()
                .enumerate()
                .map(|(i, &(surface, base, kind))| {
                    let base = if base.is_empty() { surface } else { base };
                    MentionDigest::new(surface.to_owned(), base, kind, [i as u32 * 100])
                })
                .collect();
            (DocId(id), lang, story.map(StoryId), names)
        })
        .collect()
}

/// The clusters of `docs` as sets of `doc:surface`.
fn clusters(docs: &[Doc], table: &NameTable) -> BTreeSet<BTreeSet<String>> {
    let owned = digests(docs);
    let input: Vec<DocNames<'_>> = owned
        .iter()
        .map(|(doc, lang, story, names)| DocNames {
            doc: *doc,
            lang,
            story: *story,
            names,
        })
        .collect();
    let entities = resolve(&input, table);
    entities
        .iter()
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| {
                    let (_, _, _, names) = owned.iter().find(|d| d.0 == m.doc).expect("doc");
                    let n = names
                        .iter()
                        .find(|n| n.spans().any(|s| s == m.span))
                        .expect("span");
                    format!("{}:{}", m.doc.0, n.surface)
                })
                .collect()
        })
        .collect()
}

/// Checks that `docs` cluster into exactly `groups` (each `doc:surface`; unlisted names alone).
fn check(docs: &[Doc], groups: &[&[&str]]) {
    let got = clusters(docs, &NameTable::new());
    for group in groups {
        let want: BTreeSet<String> = group.iter().map(|s| (*s).to_owned()).collect();
        assert!(
            got.contains(&want),
            "want {want:?} as one entity, got {got:?}"
        );
    }
}

/// Checks that the names `a` and `b` (`doc:surface`) are in different entities.
fn check_apart(docs: &[Doc], a: &str, b: &str) {
    let got = clusters(docs, &NameTable::new());
    let together = got.iter().any(|c| c.contains(a) && c.contains(b));
    assert!(!together, "{a} and {b} must stay apart: {got:?}");
}

fn check_keys_equal(pairs: &[(&str, &str, bool)]) {
    for &(a, b, place) in pairs {
        assert_eq!(
            name_key(a, place).words,
            name_key(b, place).words,
            "{a} vs {b}"
        );
    }
}

#[test]
fn transliteration_case_and_diacritics() {
    check_keys_equal(&[
        ("Путин", "Putin", false),
        ("Путіна", "Putin", false),
        ("Πούτιν", "Poutin", false),
        ("Poutin", "Putin", false),
        ("Шойгу", "Shoigu", false),
        ("Schoigu", "Shoigu", false),
        ("Кулеба", "Kuleba", false),
        ("Kouleba", "Kuleba", false),
        ("Столтенберг", "Stoltenberg", false),
        ("ŁUKASZENKA", "Lukaszenka", false),
        ("Шольц", "Scholz", false),
    ]);
}

#[test]
fn inflection_is_stripped() {
    check_keys_equal(&[
        ("Putina", "Putin", false),
        ("Putinem", "Putin", false),
        ("Putinom", "Putin", false),
        ("Putinowi", "Putin", false),
        ("Ukrainy", "Ukraine", true),
        ("Украины", "Ukraina", true),
        ("Україна", "Ukraine", true),
        ("Russland", "Russia", true),
        ("Rusia", "Russia", true),
    ]);
}

#[test]
fn mixed_script_lookalikes_are_folded_and_flagged() {
    for (mixed, clean) in [
        ("Vlаdimir", "Vladimir"),
        ("NАТО", "NATO"),
        ("Рutin", "Putin"),
    ] {
        let k = name_key(mixed, false);
        assert!(k.mixed_script, "{mixed} not flagged");
        assert_eq!(k.words, name_key(clean, false).words, "{mixed}");
        assert!(!name_key(clean, false).mixed_script);
    }
}

#[test]
fn acronyms_and_initials() {
    assert_eq!(name_key("NATO", false).words, vec!["#nato".to_owned()]);
    assert_eq!(name_key("NATO-u", false).words, vec!["#nato".to_owned()]);
    assert_eq!(name_key("ОБСЕ", false).words, vec!["#obse".to_owned()]);
    assert!(!name_key("Nato", false).is_acronym());
    assert_eq!(
        initials("North Atlantic Treaty Organization").as_deref(),
        Some("nato")
    );
    assert_eq!(
        initials("Organization for Security and Co-operation in Europe").as_deref(),
        Some("osce")
    );
    assert_eq!(
        initials("Организация по безопасности и сотрудничеству в Европе").as_deref(),
        Some("obse")
    );
    assert!(same_acronym("osce", "ocse"));
    assert!(same_acronym("nato", "otan"));
    assert!(!same_acronym("usa", "sau"));
}

#[test]
fn spellings_typos_and_scripts_join() {
    check(
        &[
            (
                1,
                "en",
                None,
                &[("Jens Stoltenberg", "", PER), ("Putin", "", PER)],
            ),
            (
                2,
                "it",
                None,
                &[("Jens Stoltemberg", "", PER), ("Poutin", "", PER)],
            ),
            (
                3,
                "ru",
                None,
                &[("Йенс Столтенберг", "", PER), ("Путина", "Путин", PER)],
            ),
            (4, "el", None, &[("Πούτιν", "", PER)]),
            (5, "pl", None, &[("Putinem", "Putinem", PER)]),
        ],
        &[
            &[
                "1:Jens Stoltenberg",
                "2:Jens Stoltemberg",
                "3:Йенс Столтенберг",
            ],
            &["1:Putin", "2:Poutin", "3:Путина", "4:Πούτιν", "5:Putinem"],
        ],
    );
}

#[test]
fn surname_after_full_name_in_document() {
    check(
        &[
            (
                1,
                "de",
                None,
                &[("Dmytro Kuleba", "", PER), ("Kuleba", "", PER)],
            ),
            (2, "id", None, &[("Kouleba", "", PER)]),
        ],
        &[&["1:Dmytro Kuleba", "1:Kuleba", "2:Kouleba"]],
    );
}

#[test]
fn acronym_and_expansion() {
    check(
        &[
            (
                1,
                "en",
                None,
                &[
                    ("North Atlantic Treaty Organization", "", ORG),
                    ("NATO", "", ORG),
                ],
            ),
            (2, "fr", None, &[("OTAN", "", ORG)]),
            (
                3,
                "en",
                None,
                &[
                    (
                        "Organization for Security and Co-operation in Europe",
                        "",
                        ORG,
                    ),
                    ("OSCE", "", ORG),
                ],
            ),
            (
                4,
                "it",
                None,
                &[
                    ("OCSE", "", ORG),
                    (
                        "Organization for Cooperation and Security in Europe",
                        "",
                        ORG,
                    ),
                ],
            ),
            (5, "de", None, &[("NАТО", "", ORG)]),
        ],
        &[
            &[
                "1:North Atlantic Treaty Organization",
                "1:NATO",
                "2:OTAN",
                "5:NАТО",
            ],
            &[
                "3:Organization for Security and Co-operation in Europe",
                "3:OSCE",
                "4:OCSE",
                "4:Organization for Cooperation and Security in Europe",
            ],
        ],
    );
}

#[test]
fn places_under_their_exonyms() {
    check(
        &[
            (
                1,
                "id",
                None,
                &[
                    ("Ukraina", "", LOC),
                    ("Rusia", "", LOC),
                    ("Moskow", "", LOC),
                ],
            ),
            (
                2,
                "de",
                None,
                &[
                    ("Ukraine", "", LOC),
                    ("Russland", "", LOC),
                    ("Moskau", "", LOC),
                    ("Kiew", "", LOC),
                ],
            ),
            (
                3,
                "en",
                None,
                &[
                    ("Russia", "", LOC),
                    ("Moscow", "", LOC),
                    ("Kyiv", "", LOC),
                    ("Kiev", "", LOC),
                ],
            ),
            (4, "ru", None, &[("Москва", "", LOC)]),
        ],
        &[
            &["1:Ukraina", "2:Ukraine"],
            &["1:Rusia", "2:Russland", "3:Russia"],
            &["1:Moskow", "2:Moskau", "3:Moscow", "4:Москва"],
            &["2:Kiew", "3:Kyiv", "3:Kiev"],
        ],
    );
}

#[test]
fn glued_artefacts_are_repaired() {
    let docs: &[Doc] = &[
        (
            1,
            "id",
            Some(7),
            &[("Dmytro Kuleba", "", PER), ("Kulebanach", "", PER)],
        ),
        (
            2,
            "de",
            Some(7),
            &[("Goltz", "", PER), ("Goltzschätzen", "", PER)],
        ),
    ];
    check(
        docs,
        &[
            &["1:Dmytro Kuleba", "1:Kulebanach"],
            &["2:Goltz", "2:Goltzschätzen"],
        ],
    );
    let owned = digests(docs);
    let input: Vec<DocNames<'_>> = owned
        .iter()
        .map(|(doc, lang, story, names)| DocNames {
            doc: *doc,
            lang,
            story: *story,
            names,
        })
        .collect();
    let entities = resolve(&input, &NameTable::new());
    let kuleba = entities
        .iter()
        .find(|e| e.variants.iter().any(|v| v.text == "Kulebanach"))
        .expect("kuleba");
    assert_eq!(kuleba.name, "Dmytro Kuleba");
    assert!(
        kuleba
            .variants
            .iter()
            .any(|v| v.text == "Kulebanach" && v.repaired)
    );
    assert!(
        kuleba
            .variants
            .iter()
            .any(|v| v.text == "Dmytro Kuleba" && !v.repaired)
    );
}

#[test]
fn different_people_with_one_surname_stay_apart() {
    // Two full names, two first names: never one.
    let docs: &[Doc] = &[
        (
            1,
            "en",
            Some(1),
            &[
                ("Boris Johnson", "", PER),
                ("Johnson", "", PER),
                ("Brexit", "", ORG),
            ],
        ),
        (
            2,
            "en",
            Some(2),
            &[("Lyndon Johnson", "", PER), ("Vietnam", "", LOC)],
        ),
        (
            3,
            "en",
            Some(2),
            &[("Johnson", "", PER), ("Vietnam", "", LOC)],
        ),
        (
            4,
            "en",
            Some(3),
            &[("Johnson", "", PER), ("Brexit", "", ORG)],
        ),
        (5, "en", Some(9), &[("Johnson", "", PER)]),
    ];
    check_apart(docs, "1:Boris Johnson", "2:Lyndon Johnson");
    // The bare surname follows its story, then its co-occurring entities.
    check(
        docs,
        &[
            &["1:Boris Johnson", "1:Johnson", "4:Johnson"],
            &["2:Lyndon Johnson", "3:Johnson"],
        ],
    );
    // Nothing tells who document 5 means: it joins neither.
    check_apart(docs, "5:Johnson", "1:Johnson");
    check_apart(docs, "5:Johnson", "3:Johnson");
    // Look-alike names of other things stay apart.
    check_apart(
        &[
            (1, "en", None, &[("Paris", "", LOC)]),
            (2, "en", None, &[("Peru", "", LOC)]),
        ],
        "1:Paris",
        "2:Peru",
    );
    check_apart(
        &[
            (1, "pl", None, &[("Maria Kowalska", "", PER)]),
            (2, "pl", None, &[("Marek Kowalski", "", PER)]),
        ],
        "1:Maria Kowalska",
        "2:Marek Kowalski",
    );
}

#[test]
fn table_labels_join_and_keep_apart() {
    let table = NameTable::from_votes([
        ("Unia Europejska", ORG, "EU"),
        ("Европейский союз", ORG, "EU"),
        ("EU", ORG, "EU"),
        ("Paris Hilton", PER, "Hilton"),
    ]);
    let docs: &[Doc] = &[
        (
            1,
            "pl",
            None,
            &[("Unii Europejskiej", "Unia Europejska", ORG)],
        ),
        (
            2,
            "ru",
            None,
            &[
                ("Евросоюз", "", ORG),
                ("Европейского союза", "Европейский союз", ORG),
            ],
        ),
        (3, "cs", None, &[("EU", "", ORG)]),
    ];
    let got = clusters(docs, &table);
    let want: BTreeSet<String> = ["1:Unii Europejskiej", "2:Европейского союза", "3:EU"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert!(got.contains(&want), "{got:?}");
}

#[test]
fn canonical_name_and_type_vote() {
    let docs: &[Doc] = &[
        (
            1,
            "ru",
            None,
            &[("Путина", "Путин", PER), ("Владимир Путин", "", PER)],
        ),
        (
            2,
            "de",
            None,
            &[("Wladimir Putin", "", PER), ("Putins", "Putin", PER)],
        ),
        (
            3,
            "en",
            None,
            &[("Vladimir Putin", "", PER), ("Putin", "", ORG)],
        ),
        (4, "en", None, &[("Vladimir Putin", "", PER)]),
    ];
    let owned = digests(docs);
    let input: Vec<DocNames<'_>> = owned
        .iter()
        .map(|(doc, lang, story, names)| DocNames {
            doc: *doc,
            lang,
            story: *story,
            names,
        })
        .collect();
    let entities = resolve(&input, &NameTable::new());
    let putin = &entities[0];
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.kind, PER);
    assert_eq!(putin.docs.len(), 4);
    assert!(
        putin
            .variants
            .iter()
            .any(|v| v.text == "Путина" && v.lang == "ru")
    );
}

#[test]
fn order_of_documents_does_not_matter() {
    let docs: Vec<Doc> = vec![
        (3, "en", Some(1), &[("Johnson", "", PER), ("NATO", "", ORG)]),
        (
            1,
            "en",
            Some(1),
            &[("Boris Johnson", "", PER), ("Kyiv", "", LOC)],
        ),
        (
            2,
            "de",
            Some(2),
            &[
                ("Lyndon Johnson", "", PER),
                ("Kiew", "", LOC),
                ("North Atlantic Treaty Organization", "", ORG),
            ],
        ),
    ];
    let owned = digests(&docs);
    let run = |order: &[usize]| {
        let input: Vec<DocNames<'_>> = order
            .iter()
            .map(|&i| {
                let (doc, lang, story, names) = &owned[i];
                DocNames {
                    doc: *doc,
                    lang,
                    story: *story,
                    names,
                }
            })
            .collect();
        resolve(&input, &NameTable::new())
    };
    let first = run(&[0, 1, 2]);
    for order in [[2, 1, 0], [1, 0, 2], [1, 2, 0]] {
        assert_eq!(run(&order), first, "order {order:?}");
    }
}

#[test]
fn digest_keeps_each_name_once_with_its_spans() {
    let text = "Putin met Biden. Putin left.";
    let m = |s: usize, e: usize, base: &str| Mention {
        span: Span::new(s, e),
        kind: PER,
        base: base.to_owned(),
    };
    let d = digest(
        text,
        &[m(0, 5, "Putin"), m(10, 15, "Biden"), m(17, 22, "Putin")],
    );
    assert_eq!(d.len(), 2);
    assert_eq!(d[1].surface, "Putin");
    assert_eq!(
        d[1].spans().collect::<Vec<_>>(),
        vec![Span::new(0, 5), Span::new(17, 22)]
    );
    assert_eq!(d[1].gaps, vec![0, 17]);
    assert!(
        d[1].base_tail.is_empty() && d[1].base_keep == 5,
        "a base equal to the surface is not kept twice"
    );
    let inflected = MentionDigest::new("Путіна".to_owned(), "Путін", PER, [3]);
    assert_eq!(
        (inflected.base_keep, inflected.base_tail.as_str()),
        (10, "")
    );
    assert_eq!(inflected.base_form(), "Путін");
    let other = MentionDigest::new("Kulebą".to_owned(), "Kuleba", PER, [3]);
    assert_eq!((other.base_keep, other.base_tail.as_str()), (5, "a"));
    assert_eq!(other.base_form(), "Kuleba");
}

#[test]
fn arabic_names_join_by_their_consonants() {
    check(
        &[
            (
                1,
                "en",
                None,
                &[
                    ("Jens Stoltenberg", "", PER),
                    ("Antony Blinken", "", PER),
                    ("Lavrov", "", PER),
                ],
            ),
            (
                2,
                "ar",
                None,
                &[
                    ("ستولتنبرغ", "", PER),
                    ("بلينكن", "", PER),
                    ("لافروف", "", PER),
                ],
            ),
        ],
        &[
            &["1:Jens Stoltenberg", "2:ستولتنبرغ"],
            &["1:Antony Blinken", "2:بلينكن"],
            &["1:Lavrov", "2:لافروف"],
        ],
    );
}
