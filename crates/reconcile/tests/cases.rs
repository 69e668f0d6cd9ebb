//! Hand-made cases in several languages, one feature each: exact copies across scrapes, near copies,
//! translations (and a same-story article that is not one), stories bounded in time, and publish
//! dates inferred from a weekday phrase, by the text or by the story.

use concord_model::{
    CleanDoc, ContentHash, CopyKind, Corpus, DateSource, DocFacts, DocId, EntityType, Figure,
    Granularity, InputFormat, LangGuess, Mention, OffsetMap, Paragraph, PublishDate, Qualifier,
    Quote, Repairs, SourceRef, Span, TimeExpr,
};
use concord_reconcile::{ReconcileConfig, Reconciler};

/// A document: its path, language, publish date, paragraphs, and the names, figures, quoted
/// speakers and time expressions found in it (located by searching the text).
struct Doc<'a> {
    path: &'a str,
    lang: &'a str,
    published: Option<&'a str>,
    text: &'a str,
    people: &'a [&'a str],
    places: &'a [&'a str],
    figures: &'a [(&'a str, f64)],
    speakers: &'a [&'a str],
    /// `(phrase, resolved start, granularity, note)`.
    dates: &'a [(&'a str, Option<&'a str>, Granularity, Option<&'a str>)],
}

impl Default for Doc<'_> {
    fn default() -> Self {
        Doc {
            path: "a.txt",
            lang: "en",
            published: None,
            text: "",
            people: &[],
            places: &[],
            figures: &[],
            speakers: &[],
            dates: &[],
        }
    }
}

fn find_all(text: &str, needle: &str) -> Vec<Span> {
    text.match_indices(needle)
        .map(|(at, _)| Span::new(at, at + needle.len()))
        .collect()
}

fn facts(d: &Doc) -> DocFacts {
    let text = d.text.to_owned();
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Paragraph {
            span: Span::new(start, start + part.len()),
            lang: LangGuess {
                code: d.lang.to_owned(),
                confidence: 1.0,
            },
        });
        start += part.len() + 2;
    }
    let mut entities = Vec::new();
    for (names, kind) in [
        (d.people, EntityType::Person),
        (d.places, EntityType::Location),
    ] {
        for name in names {
            for span in find_all(&text, name) {
                entities.push(Mention {
                    span,
                    kind,
                    base: (*name).to_owned(),
                });
            }
        }
    }
    entities.sort_by_key(|m| m.span);
    let mut figures = Vec::new();
    for (phrase, value) in d.figures {
        for span in find_all(&text, phrase) {
            figures.push(Figure {
                span,
                value: *value,
                value_max: None,
                qualifier: Qualifier::Exact,
                unit: None,
                counted: None,
                counted_base: None,
                sentence: 0,
            });
        }
    }
    figures.sort_by_key(|f| f.span);
    let dates = d
        .dates
        .iter()
        .map(|(phrase, start, granularity, note)| TimeExpr {
            span: find_all(&text, phrase)
                .first()
                .copied()
                .unwrap_or(Span::new(0, 0)),
            start: start.map(str::to_owned),
            end: None,
            granularity: *granularity,
            note: note.map(str::to_owned),
        })
        .collect();
    let quotes = d
        .speakers
        .iter()
        .map(|speaker| Quote {
            span: Span::new(0, 1),
            speaker: Some((*speaker).to_owned()),
            speaker_span: None,
            cue: None,
            partial: false,
        })
        .collect();
    let source = SourceRef::file(d.path);
    let content_hash = ContentHash::of(format!("{}{}", d.path, text).as_bytes());
    DocFacts {
        doc: CleanDoc {
            id: DocId::new(&source, content_hash),
            content_hash,
            source,
            format: InputFormat::Text,
            title: None,
            published: d.published.map(|value| PublishDate {
                value: value.to_owned(),
                from: DateSource::Declared,
            }),
            site: None,
            lang: LangGuess {
                code: d.lang.to_owned(),
                confidence: 1.0,
            },
            text,
            paragraphs,
            sentences: Vec::new(),
            removed: Vec::new(),
            offsets: OffsetMap::default(),
            repairs: Repairs::default(),
            meta: Default::default(),
        },
        entities,
        figures,
        dates,
        quotes,
    }
}

fn reconcile(docs: &[Doc]) -> (Vec<DocId>, Corpus) {
    reconcile_with(&ReconcileConfig::recommended(), docs)
}

fn reconcile_with(config: &ReconcileConfig, docs: &[Doc]) -> (Vec<DocId>, Corpus) {
    let mut fold = Reconciler::new(config);
    let mut ids = Vec::new();
    for d in docs {
        let f = facts(d);
        ids.push(f.doc.id);
        fold.push(&f);
    }
    (ids, fold.finish())
}

/// The groups of `kind` as lists of document indices, sorted.
fn groups(ids: &[DocId], corpus: &Corpus, kind: Option<CopyKind>) -> Vec<Vec<usize>> {
    let index = |id: &DocId| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
    let mut out: Vec<Vec<usize>> = match kind {
        Some(kind) => corpus
            .copies
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.docs.iter().map(index).collect())
            .collect(),
        None => corpus
            .stories
            .iter()
            .filter(|s| s.docs.len() > 1)
            .map(|s| s.docs.iter().map(index).collect())
            .collect(),
    };
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

fn check(docs: &[Doc], kind: Option<CopyKind>, expected: &[&[usize]]) {
    let (ids, corpus) = reconcile(docs);
    let expected: Vec<Vec<usize>> = expected.iter().map(|g| g.to_vec()).collect();
    assert_eq!(groups(&ids, &corpus, kind), expected, "{corpus:#?}");
}

const SUMMIT_EN: &str = "Russian President Vladimir Putin and US President Joe Biden will meet by \
    videoconference on Tuesday about the threats hanging over Ukraine, Kremlin spokesman Dmitry \
    Peskov said on Saturday.\n\nThe exchange will take place in the evening and its duration will \
    be determined by the presidents themselves, Peskov told Ria Novosti. Washington says 94000 \
    troops are already deployed and plans count 175000.";

#[test]
fn exact_copies_are_identical_clean_texts() {
    let copy = Doc {
        text: SUMMIT_EN,
        people: &["Putin", "Biden", "Peskov"],
        ..Doc::default()
    };
    check(
        &[
            Doc {
                path: "feed.jsonl",
                ..copy
            },
            Doc {
                path: "page.html",
                ..copy
            },
            Doc {
                path: "other.txt",
                text: "Une toute autre histoire, sans rapport avec la précédente, sur la pluie à Lyon.",
                lang: "fr",
                ..Doc::default()
            },
        ],
        Some(CopyKind::Exact),
        &[&[0, 1]],
    );
}

#[test]
fn near_copies_survive_a_footer_and_an_edit() {
    let footer =
        format!("{SUMMIT_EN}\n\nCopyright AFP 2021. All rights reserved. Read more on our site.");
    let edited = SUMMIT_EN.replace("on Saturday", "on Sunday morning");
    let unrelated = "Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr \
        beraten, die Opposition kritisierte die geplanten Ausgaben für Verkehr und Bildung scharf.";
    check(
        &[
            Doc {
                path: "a.txt",
                text: SUMMIT_EN,
                ..Doc::default()
            },
            Doc {
                path: "b.txt",
                text: &footer,
                ..Doc::default()
            },
            Doc {
                path: "c.txt",
                text: &edited,
                ..Doc::default()
            },
            Doc {
                path: "d.txt",
                text: unrelated,
                lang: "de",
                ..Doc::default()
            },
        ],
        Some(CopyKind::Near),
        &[&[0, 1, 2]],
    );
}

/// An Indonesian article, its German translation, and an English report of the same event.
fn april_call() -> [Doc<'static>; 3] {
    [
        Doc {
            path: "id.txt",
            lang: "id",
            text: "Biden menelepon Putin dan mengusulkan pertemuan di negara ketiga. Setidaknya \
                100000 tentara dikerahkan di dekat perbatasan.\n\nStoltenberg di Brussel: \
                konsentrasi militer Rusia sangat mengkhawatirkan. Kuleba bertemu Blinken.\n\n\
                Menteri Shoigu menuduh NATO ingin mengerahkan 40000 tentara dan 15000 kendaraan. \
                Selama 2021 sebanyak 29 tentara tewas.",
            people: &[
                "Biden",
                "Putin",
                "Stoltenberg",
                "Kuleba",
                "Blinken",
                "Shoigu",
            ],
            places: &["Brussel"],
            figures: &[
                ("100000", 100_000.0),
                ("40000", 40_000.0),
                ("15000", 15_000.0),
                ("29", 29.0),
            ],
            speakers: &["Stoltenberg", "Shoigu", "Kuleba"],
            dates: &[("Selama 2021", Some("2021-01-01"), Granularity::Year, None)],
            ..Doc::default()
        },
        Doc {
            path: "de.txt",
            lang: "de",
            text: "Biden rief Putin an und schlug ein Treffen in einem Drittland vor. Mindestens \
                100000 Soldaten wurden nahe der Grenze stationiert.\n\nStoltenberg in Brüssel: \
                die militärische Konzentration Russlands ist zutiefst besorgniserregend. Kuleba \
                traf Blinken.\n\nMinister Schoigu beschuldigt die NATO, 40000 Soldaten und 15000 \
                Kriegsfahrzeuge einsetzen zu wollen. Im Jahr 2021 starben 29 Soldaten.",
            people: &[
                "Biden",
                "Putin",
                "Stoltenberg",
                "Kuleba",
                "Blinken",
                "Schoigu",
            ],
            places: &["Brüssel"],
            figures: &[
                ("100000", 100_000.0),
                ("40000", 40_000.0),
                ("15000", 15_000.0),
                ("29", 29.0),
            ],
            speakers: &["Stoltenberg", "Schoigu", "Kuleba"],
            dates: &[("Im Jahr 2021", Some("2021-01-01"), Granularity::Year, None)],
            ..Doc::default()
        },
        Doc {
            path: "en.txt",
            lang: "en",
            text: "Decrease the tension and continue to talk: that is what came out of the call \
                between Vladimir Putin and Joe Biden. Ukraine puts the Russian presence at more \
                than 80000 soldiers.\n\nAfter meeting Kuleba in Brussels, Jens Stoltenberg said \
                the concentration was unjustified and deeply worrying. Sergei Shoigu said two \
                armies had been deployed within three weeks.\n\nKuleba stressed that Ukraine does \
                not want war.\n\nBiden proposed a summit in the coming months.",
            people: &["Putin", "Biden", "Kuleba", "Stoltenberg", "Shoigu"],
            places: &["Brussels", "Ukraine"],
            figures: &[("80000", 80_000.0)],
            speakers: &["Stoltenberg", "Shoigu", "Kuleba"],
            ..Doc::default()
        },
    ]
}

#[test]
fn translations_share_names_and_numbers_in_order() {
    check(&april_call(), Some(CopyKind::Translation), &[&[0, 1]]);
}

#[test]
fn a_translation_has_no_original_when_dates_do_not_tell() {
    let (_, corpus) = reconcile(&april_call());
    let group = corpus
        .copies
        .iter()
        .find(|g| g.kind == CopyKind::Translation)
        .expect("a translation group");
    assert_eq!(group.original, None);
    assert_eq!(group.languages, ["de", "id"]);
    assert!(
        group
            .evidence
            .iter()
            .all(|e| e.matched.iter().any(|m| m.starts_with("anchors in order"))),
        "{:?}",
        group.evidence
    );
}

/// The December video summit, in English and French, and the date-less report of it.
fn december_summit() -> [Doc<'static>; 2] {
    [
        Doc {
            path: "dec-en.txt",
            published: Some("2021-12-05T09:28:38Z"),
            text: SUMMIT_EN,
            people: &["Putin", "Biden", "Peskov", "Psaki"],
            places: &["Washington", "Geneva", "Ukraine"],
            figures: &[("94000", 94_000.0), ("175000", 175_000.0)],
            speakers: &["Peskov", "Psaki", "Biden"],
            ..Doc::default()
        },
        Doc {
            path: "dec-en2.txt",
            text: "A Ukrainian soldier was killed on Wednesday, the army said on Thursday \
                (December 2nd). Moscow hopes for a contact between Vladimir Putin and Joe Biden, \
                Riabkov said.\n\nThe subjects of tension between Washington and Moscow have \
                multiplied despite the summit in Geneva. Psaki said Washington is preparing \
                initiatives; Peskov confirmed talks.\n\nIn Stockholm Blinken met Kuleba, and \
                Stoltenberg warned Moscow again, as Shoigu had in April.",
            people: &[
                "Putin",
                "Biden",
                "Riabkov",
                "Psaki",
                "Peskov",
                "Blinken",
                "Kuleba",
                "Stoltenberg",
                "Shoigu",
            ],
            places: &["Washington", "Geneva", "Moscow"],
            speakers: &["Riabkov", "Psaki", "Peskov"],
            dates: &[(
                "on Thursday (December 2nd)",
                None,
                Granularity::Day,
                Some("month=12;day=2;weekday=thursday"),
            )],
            ..Doc::default()
        },
    ]
}

#[test]
fn stories_join_across_languages_and_stay_bounded_in_time() {
    let [a, b, c] = april_call();
    let [d, e] = december_summit();
    // The April call dated in April: the December summit shares Putin and Biden, not the time.
    let a = Doc {
        published: Some("2021-04-14"),
        ..a
    };
    let docs = [a, b, c, d, e];
    check(&docs, None, &[&[0, 1, 2], &[3, 4]]);
    // Without the time bound the two events would be one story: it is the bound that separates.
    let timeless = ReconcileConfig {
        story_days: 100_000,
        ..ReconcileConfig::recommended()
    };
    let (ids, corpus) = reconcile_with(&timeless, &docs);
    assert_eq!(groups(&ids, &corpus, None), [[0, 1, 2, 3, 4]]);
}

#[test]
fn the_story_decides_an_inferred_publish_date() {
    let (ids, corpus) = reconcile(&december_summit());
    let link = corpus
        .doc_links
        .iter()
        .find(|l| l.id == ids[1])
        .expect("a link per document");
    let inferred = link.published_inferred.as_ref().expect("an inferred date");
    assert_eq!(inferred.date.as_deref(), Some("2021-12-02"));
    assert!(inferred.candidates.contains(&"2010-12-02".to_owned()));
    let story = corpus
        .stories
        .iter()
        .find(|s| s.docs.len() == 2)
        .expect("one story");
    assert_eq!(story.first.as_deref(), Some("2021-12-02"));
    assert_eq!(story.last.as_deref(), Some("2021-12-05"));
}

#[test]
fn a_lone_weekday_phrase_stays_undecided() {
    let [_, alone] = december_summit();
    let (_, corpus) = reconcile(&[alone]);
    let inferred = corpus.doc_links[0]
        .published_inferred
        .clone()
        .expect("an inference");
    assert_eq!(inferred.date, None);
    assert_eq!(
        inferred.candidates,
        [
            "1993-12-02",
            "1999-12-02",
            "2004-12-02",
            "2010-12-02",
            "2021-12-02",
            "2027-12-02"
        ]
    );
}

#[test]
fn a_year_named_in_the_text_decides() {
    let [_, e] = december_summit();
    let dated = Doc {
        text: "The army said on Thursday (December 2nd) that a soldier was killed. In 2021 \
            alone, 61 soldiers died.",
        dates: &[
            (
                "on Thursday (December 2nd)",
                None,
                Granularity::Day,
                Some("month=12;day=2;weekday=thursday"),
            ),
            ("In 2021", Some("2021-01-01"), Granularity::Year, None),
        ],
        ..e
    };
    let (_, corpus) = reconcile(&[dated]);
    let inferred = corpus.doc_links[0]
        .published_inferred
        .clone()
        .expect("inferred");
    assert_eq!(inferred.date.as_deref(), Some("2021-12-02"));
    assert_eq!(
        inferred.evidence.len(),
        2,
        "the weekday phrase and the year"
    );
}

#[test]
fn explain_says_why() {
    let docs = april_call();
    let mut fold = Reconciler::new(&ReconcileConfig::recommended());
    let ids: Vec<DocId> = docs
        .iter()
        .map(|d| {
            let f = facts(d);
            fold.push(&f);
            f.doc.id
        })
        .collect();
    let translation = fold.explain(ids[0], ids[1]).expect("both known");
    assert!(translation.translation_score >= 0.55, "{translation}");
    let shown = translation.to_string();
    assert!(shown.contains("in one translation group: yes"), "{shown}");
    let story = fold.explain(ids[0], ids[2]).expect("both known");
    let shown = story.to_string();
    assert!(shown.contains("same story: yes"), "{shown}");
    assert!(shown.contains("in one translation group: no"), "{shown}");
    assert!(fold.explain(ids[0], DocId(1)).is_none());
}
