//! Claims on hand-made documents in several languages, with the cases that must not join.

use concord_model::{
    CleanDoc, ContentHash, DateSource, DocFacts, DocId, EntityType, Figure, Granularity,
    InputFormat, LangGuess, Mention, MtDamage, OffsetMap, Paragraph, PublishDate, Qualifier, Quote,
    Repairs, Sense, SourceRef, Span, TimeExpr, Verdict,
};

use super::{claims, digest, subject_key};
use crate::ReconcileConfig;
use crate::analysis::analyse;

/// A hand-made document: text, then the facts extract would give, located by their text.
struct Doc {
    facts: DocFacts,
}

impl Doc {
    fn new(path: &str, lang: &str, published: Option<&str>, text: &str) -> Doc {
        let source = SourceRef::file(path.to_owned());
        let content_hash = ContentHash::of(text.as_bytes());
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '.' && text[i + 1..].starts_with(' ') || i + c.len_utf8() == text.len() {
                sentences.push(Span::new(start, i + c.len_utf8()));
                start = i + 2;
            }
        }
        let lang = LangGuess {
            code: lang.to_owned(),
            confidence: 1.0,
        };
        Doc {
            facts: DocFacts {
                doc: CleanDoc {
                    id: DocId::new(&source, content_hash),
                    content_hash,
                    source,
                    format: InputFormat::Text,
                    title: None,
                    published: published.map(|p| PublishDate {
                        value: p.to_owned(),
                        from: DateSource::Declared,
                    }),
                    site: None,
                    lang: lang.clone(),
                    text: text.to_owned(),
                    paragraphs: vec![Paragraph {
                        span: Span::new(0, text.len()),
                        lang,
                    }],
                    sentences,
                    removed: Vec::new(),
                    offsets: OffsetMap::default(),
                    repairs: Repairs::default(),
                    meta: Default::default(),
                },
                entities: Vec::new(),
                figures: Vec::new(),
                dates: Vec::new(),
                quotes: Vec::new(),
            },
        }
    }

    fn span(&self, part: &str) -> Span {
        let at = self.facts.doc.text.find(part).expect("part of the text");
        Span::new(at, at + part.len())
    }

    fn figure(
        mut self,
        part: &str,
        value: f64,
        qualifier: Qualifier,
        counted: Option<&str>,
    ) -> Doc {
        let span = self.span(part);
        let sentence = self
            .facts
            .doc
            .sentences
            .iter()
            .position(|s| s.start <= span.start && span.end <= s.end)
            .unwrap_or(0) as u32;
        self.facts.figures.push(Figure {
            span,
            value,
            value_max: None,
            qualifier,
            unit: None,
            counted: counted.map(str::to_owned),
            counted_base: None,
            sentence,
        });
        self.facts.figures.sort_by_key(|f| f.span);
        self
    }

    fn mention(mut self, part: &str, kind: EntityType) -> Doc {
        let span = self.span(part);
        self.facts.entities.push(Mention {
            span,
            kind,
            base: part.to_owned(),
        });
        self.facts.entities.sort_by_key(|m| m.span);
        self
    }

    fn date(mut self, part: &str, start: &str, granularity: Granularity) -> Doc {
        let span = self.span(part);
        self.facts.dates.push(TimeExpr {
            span,
            start: Some(start.to_owned()),
            end: None,
            granularity,
            note: None,
        });
        self
    }

    fn quote(mut self, part: &str, speaker: &str) -> Doc {
        let span = self.span(part);
        self.facts.quotes.push(Quote {
            span,
            speaker: Some(speaker.to_owned()),
            speaker_span: None,
            cue: None,
            partial: false,
        });
        self
    }
}

/// The claims of documents taken as one story.
fn claims_of(docs: &[Doc], damage: &[MtDamage]) -> Vec<concord_model::Claim> {
    let digests = docs
        .iter()
        .map(|d| crate::digest::digest(&d.facts, false))
        .collect();
    let analysis = analyse(&ReconcileConfig::recommended(), digests);
    let story = crate::tests::bare_story(b"test", analysis.docs.iter().map(|d| d.id).collect());
    claims(&analysis, &[story], &[], damage)
}

fn troops_en() -> Doc {
    Doc::new(
        "a.txt",
        "en",
        Some("2021-12-05"),
        "Unclassified US military documents contemplate a ground operation with 175,000 troops and \
         the Ukrainian defense minister said 94,000 were already deployed. NATO plans to send \
         40,000 troops to the region.",
    )
    .figure(
        "175,000 troops",
        175_000.0,
        Qualifier::Exact,
        Some("troops"),
    )
    .figure("94,000", 94_000.0, Qualifier::Exact, None)
    .figure("40,000 troops", 40_000.0, Qualifier::Exact, Some("troops"))
    .mention("US", EntityType::Location)
    .mention("NATO", EntityType::Organization)
}

#[test]
fn planned_and_deployed_stay_apart_and_the_bare_figure_borrows_its_noun() {
    let doc = troops_en();
    let figures = digest(&doc.facts);
    assert_eq!(figures.len(), 3, "{figures:#?}");
    let (planned, deployed, nato) = (&figures[0], &figures[1], &figures[2]);
    assert_eq!(
        (planned.concept.as_str(), planned.sense),
        ("troops", Sense::Planned)
    );
    assert_eq!(
        (deployed.concept.as_str(), deployed.sense),
        ("troops", Sense::Actual)
    );
    assert!(deployed.borrowed && !planned.borrowed);
    assert_eq!(
        deployed.attributed_to.as_deref(),
        Some("the Ukrainian defense minister")
    );
    assert_eq!(nato.subject.as_deref(), Some("NATO"));
    assert_eq!(nato.sense, Sense::Planned);
    let claims = claims_of(&[doc], &[]);
    assert_eq!(claims.len(), 3, "{claims:#?}");
    assert!(claims.iter().all(|c| c.verdict == Verdict::Single));
    assert!(
        claims
            .iter()
            .any(|c| c.what.contains("taken from its sentence"))
    );
}

#[test]
fn one_concept_across_languages_agrees() {
    let id = Doc::new(
        "id.txt",
        "id",
        Some("2021-04-14"),
        "Para analis memperkirakan kekuatan sekitar 100.000 tentara di perbatasan.",
    )
    .figure(
        "sekitar 100.000 tentara",
        100_000.0,
        Qualifier::Approximate,
        Some("tentara"),
    );
    let de = Doc::new(
        "de.txt",
        "de",
        Some("2021-04-14"),
        "Die Analysten schätzen eine Streitmacht von 100.000 Soldaten an der Grenze.",
    )
    .figure(
        "100.000 Soldaten",
        100_000.0,
        Qualifier::Exact,
        Some("Soldaten"),
    );
    let en = Doc::new(
        "en.txt",
        "en",
        Some("2021-04-15"),
        "Ukraine estimates the military presence at more than 80,000 soldiers.",
    )
    .figure(
        "more than 80,000 soldiers",
        80_000.0,
        Qualifier::AtLeast,
        Some("soldiers"),
    )
    .mention("Ukraine", EntityType::Location);
    let claims = claims_of(&[id, de, en], &[]);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].verdict, Verdict::Agree);
    assert_eq!(claims[0].values.len(), 3);
    let en_value = claims[0].values.iter().find(|v| v.text.contains("80,000"));
    assert_eq!(
        en_value.and_then(|v| v.attributed_to.as_deref()),
        Some("Ukraine")
    );
}

#[test]
fn russian_troops_and_nato_troops_do_not_join() {
    let a = Doc::new(
        "a.txt",
        "en",
        Some("2021-04-14"),
        "Moscow has massed 100,000 Russian troops near the border.",
    )
    .figure(
        "100,000 Russian troops",
        100_000.0,
        Qualifier::Exact,
        Some("troops"),
    )
    .mention("Moscow", EntityType::Location)
    .mention("Russian", EntityType::Misc);
    let b = Doc::new(
        "b.txt",
        "de",
        Some("2021-04-14"),
        "Im Baltikum stehen 4.000 NATO Soldaten.",
    )
    .figure(
        "4.000 NATO Soldaten",
        4_000.0,
        Qualifier::Exact,
        Some("Soldaten"),
    )
    .mention("NATO", EntityType::Organization);
    let c = Doc::new(
        "c.txt",
        "es",
        Some("2021-04-15"),
        "Hay 100.000 soldados rusos en la frontera.",
    )
    .figure(
        "100.000 soldados",
        100_000.0,
        Qualifier::Exact,
        Some("soldados"),
    )
    .mention("rusos", EntityType::Misc);
    let claims = claims_of(&[a, b, c], &[]);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(
        claims.iter().all(|c| c.verdict != Verdict::Conflict),
        "{claims:#?}"
    );
    let nato = claims.iter().find(|c| c.what.contains("NATO"));
    assert_eq!(nato.map(|c| c.values.len()), Some(1));
}

#[test]
fn a_growing_count_is_changed_not_conflict() {
    let april = Doc::new(
        "id.txt",
        "id",
        Some("2021-04-14"),
        "Selama 2021 mereka 29 tentara Ukraina yang kehilangan nyawa di Donbass.",
    )
    .figure("29 tentara", 29.0, Qualifier::Exact, Some("tentara"))
    .date("2021", "2021-01-01", Granularity::Year)
    .mention("Ukraina", EntityType::Location);
    let december = Doc::new(
        "fr.txt",
        "en",
        Some("2021-12-02"),
        "The death brings to 61 the number of Ukrainian soldiers killed since the start of the \
         year. It happened in Ukraine.",
    )
    .figure("61", 61.0, Qualifier::Exact, None)
    .mention("Ukraine", EntityType::Location);
    let figures = digest(&april.facts);
    assert_eq!(figures[0].concept, "troops killed");
    assert_eq!(
        figures[0].as_of, None,
        "during 2021, published in 2021: as of publication"
    );
    let read = digest(&december.facts);
    assert_eq!(read[0].concept, "troops killed", "{read:#?}");
    assert!(read[0].borrowed);
    assert_eq!(read[0].subject.as_deref(), Some("Ukrainian"));
    let claims = claims_of(&[april, december], &[]);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].verdict, Verdict::Changed);
    assert_eq!(claims[0].values[0].as_of.as_deref(), Some("2021-04-14"));
}

#[test]
fn the_same_time_disjoint_is_conflict_and_a_repair_explains_it() {
    let id = Doc::new(
        "id.txt",
        "id",
        Some("2021-04-14"),
        "Setidaknya 100 ribu unit akan digunakan di perbatasan barat.",
    )
    .figure(
        "Setidaknya 100 ribu unit",
        100_000.0,
        Qualifier::AtLeast,
        Some("unit"),
    );
    let de = Doc::new(
        "de.txt",
        "de",
        Some("2021-04-14"),
        "Mindestens 100 Einheiten würden an den Westgrenzen eingesetzt.",
    )
    .figure(
        "Mindestens 100 Einheiten",
        100.0,
        Qualifier::AtLeast,
        Some("Einheiten"),
    );
    // "at least 100" and "at least 100,000" overlap: make the German one exact to disagree.
    let mut de = de;
    de.facts.figures[0].qualifier = Qualifier::Exact;
    let plain = claims_of(&[id, de], &[]);
    assert_eq!(plain.len(), 1, "{plain:#?}");
    assert_eq!(plain[0].verdict, Verdict::Conflict);
    let value = plain[0]
        .values
        .iter()
        .find(|v| v.value == 100.0)
        .expect("value");
    let damage = MtDamage {
        doc: value.doc,
        span: Span::new(
            value.span.start as usize + 11,
            value.span.start as usize + 14,
        ),
        text: "100".to_owned(),
        evidence: Vec::new(),
        repair: "100000".to_owned(),
    };
    let id2 = Doc::new(
        "id.txt",
        "id",
        Some("2021-04-14"),
        "Setidaknya 100 ribu unit akan digunakan di perbatasan barat.",
    )
    .figure(
        "Setidaknya 100 ribu unit",
        100_000.0,
        Qualifier::AtLeast,
        Some("unit"),
    );
    let mut de2 = Doc::new(
        "de.txt",
        "de",
        Some("2021-04-14"),
        "Mindestens 100 Einheiten würden an den Westgrenzen eingesetzt.",
    )
    .figure(
        "Mindestens 100 Einheiten",
        100.0,
        Qualifier::AtLeast,
        Some("Einheiten"),
    );
    de2.facts.figures[0].qualifier = Qualifier::Exact;
    let repaired = claims_of(&[id2, de2], &[damage]);
    assert_eq!(repaired[0].verdict, Verdict::MtDamage, "{repaired:#?}");
    let fixed = repaired[0]
        .values
        .iter()
        .find(|v| v.repaired)
        .expect("repaired");
    assert_eq!(
        (fixed.value, fixed.text.as_str()),
        (100_000.0, "Mindestens 100 Einheiten")
    );
}

#[test]
fn a_quoted_figure_is_attributed_to_the_speaker() {
    let doc = Doc::new(
        "fr.txt",
        "fr",
        Some("2021-12-05"),
        "Le ministre a parlé. \"Nous avons 5000 soldats à la frontière\", a déclaré Reznikov.",
    )
    .figure("5000 soldats", 5000.0, Qualifier::Exact, Some("soldats"))
    .quote("Nous avons 5000 soldats à la frontière", "Reznikov");
    let figures = digest(&doc.facts);
    assert_eq!(figures[0].attributed_to.as_deref(), Some("Reznikov"));
}

#[test]
fn years_and_uncounted_figures_are_no_claims_percentages_and_other_nouns_open_ones() {
    let doc = Doc::new(
        "en.txt",
        "en",
        Some("2021-12-05"),
        "In 2014 the economy shrank by 12 percent and 300 pages were printed.",
    )
    .figure("2014", 2014.0, Qualifier::Exact, None)
    .figure("300 pages", 300.0, Qualifier::Exact, Some("pages"));
    let mut doc = doc;
    doc.facts.figures.push(Figure {
        span: doc.span("12 percent"),
        value: 12.0,
        value_max: None,
        qualifier: Qualifier::Exact,
        unit: Some("%".to_owned()),
        counted: None,
        counted_base: None,
        sentence: 0,
    });
    let concepts: Vec<(String, bool)> = digest(&doc.facts)
        .into_iter()
        .map(|f| (f.concept.clone(), super::concepts::closed(&f.concept)))
        .collect();
    assert_eq!(
        concepts,
        [("page".to_owned(), false), ("percent".to_owned(), false)]
    );
}

#[test]
fn subject_keys_meet_across_languages() {
    for group in [
        &[
            "Russian",
            "Russland",
            "russischen",
            "Rusia",
            "Russia",
            "rusos",
        ][..],
        &["российских", "России", "Россия"][..],
        &[
            "Ukraine",
            "ukrainische",
            "Ukraina",
            "Ukrainian",
            "ukrainiens",
        ][..],
    ] {
        let keys: Vec<String> = group.iter().map(|w| subject_key(w)).collect();
        assert!(
            keys.windows(2).all(|w| w[0] == w[1]),
            "{group:?} → {keys:?}"
        );
    }
    assert_ne!(subject_key("NATO"), subject_key("Russian"));
}

#[test]
fn the_digest_stays_small() {
    let doc = troops_en();
    let figures = digest(&doc.facts);
    let bytes = bincode_len(&figures);
    // Three claimable figures with their words: well under the 600-byte budget.
    assert!(bytes < 300, "{bytes} bytes");
}

fn bincode_len(figures: &[concord_model::ClaimFigure]) -> usize {
    let mut out = Vec::new();
    let mut writer = concord_model::codec::FrameWriter::new(&mut out, "Claims").expect("header");
    writer.write(&figures.to_vec()).expect("encodes");
    drop(writer);
    out.len()
}

/// The concepts of a document's claimable figures.
fn concepts_of(doc: &Doc) -> Vec<String> {
    digest(&doc.facts).into_iter().map(|f| f.concept).collect()
}

#[test]
fn an_open_concept_meets_across_languages_by_its_english_rendering() {
    let en = Doc::new(
        "en.txt",
        "en",
        Some("2019-12-30"),
        "He has spent more than 252 days at his golf clubs and at least 86 days this year.",
    )
    .figure(
        "more than 252 days",
        252.0,
        Qualifier::AtLeast,
        Some("days"),
    )
    .figure("at least 86 days", 86.0, Qualifier::AtLeast, Some("days"));
    let it = Doc::new(
        "it.txt",
        "it",
        Some("2019-12-30"),
        "Ha trascorso più di 252 giorni nei suoi club di golf e almeno 86 giorni quest'anno.",
    )
    .figure(
        "più di 252 giorni",
        252.0,
        Qualifier::AtLeast,
        Some("giorni"),
    )
    .figure("almeno 86 giorni", 86.0, Qualifier::AtLeast, Some("giorni"));
    // Extract's lemmatizer gives the base form.
    let mut it = it;
    for f in &mut it.facts.figures {
        f.counted_base = Some("giorno".to_owned());
    }
    assert_eq!(concepts_of(&it), ["day", "day"]);
    let claims = claims_of(&[en, it], &[]);
    // "More than 252" and "at least 86" overlap as intervals but are two figures.
    assert_eq!(claims.len(), 2, "{claims:#?}");
    for claim in &claims {
        assert_eq!(claim.values.len(), 2, "{claim:#?}");
        assert_eq!(claim.verdict, Verdict::Agree);
        assert_eq!(claim.values[0].value, claim.values[1].value);
    }
}

#[test]
fn open_values_that_differ_are_two_claims_never_a_conflict() {
    let poll = |path: &str, text: &str, parts: [(&str, f64); 2]| {
        let mut doc = Doc::new(path, "en", Some("2020-01-02"), text);
        for (part, value) in parts {
            doc = doc.figure(part, value, Qualifier::Exact, Some("percent"));
        }
        doc
    };
    let a = poll(
        "a.txt",
        "Sanders has 19 percent and Warren 18 percent.",
        [("19 percent", 19.0), ("18 percent", 18.0)],
    );
    let b = poll(
        "b.txt",
        "Sanders stands at 19 percent, Warren at 18 percent.",
        [("19 percent", 19.0), ("18 percent", 18.0)],
    );
    assert_eq!(concepts_of(&a), ["percent", "percent"]);
    let claims = claims_of(&[a, b], &[]);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(claims.iter().all(|c| c.verdict == Verdict::Agree));
    // Without a second source, 3 and 25 years of one story are two single claims.
    let c = Doc::new(
        "c.txt",
        "de",
        Some("2020-05-18"),
        "Er wurde seit 25 Jahren gesucht und saß 3 Jahre in Haft.",
    )
    .figure("25", 25.0, Qualifier::Exact, None)
    .figure("3 Jahre", 3.0, Qualifier::Exact, Some("Jahre"));
    let claims = claims_of(&[c], &[]);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(claims.iter().all(|c| c.verdict == Verdict::Single));
}

#[test]
fn ages_in_several_languages() {
    let cases = [
        ("de", "Der 84-Jährige wurde festgenommen.", "84"),
        ("de", "Er starb im Alter von 40 Jahren.", "40"),
        ("en", "The 48-year-old was admitted.", "48"),
        ("pl", "Zwyciężyła 12-latka z Polski.", "12"),
        ("es", "Murió a los 40 años de edad.", "40"),
    ];
    for (lang, text, figure) in cases {
        let value: f64 = figure.parse().expect("a number");
        let doc = Doc::new("a.txt", lang, Some("2020-05-18"), text).figure(
            figure,
            value,
            Qualifier::Exact,
            None,
        );
        assert_eq!(concepts_of(&doc), ["age"], "{text}");
    }
    let doc = Doc::new(
        "b.txt",
        "de",
        Some("2020-05-18"),
        "Er wurde seit 25 Jahren gesucht.",
    )
    .figure("25", 25.0, Qualifier::Exact, None);
    assert_eq!(concepts_of(&doc), ["year"]);
}

#[test]
fn casualties_far_apart_are_not_weighed_against_each_other() {
    let a = Doc::new(
        "a.txt",
        "en",
        Some("2021-04-14"),
        "About 50 people were killed in the fighting in 2020.",
    )
    .figure(
        "About 50 people",
        50.0,
        Qualifier::Approximate,
        Some("people"),
    );
    let b = Doc::new(
        "b.txt",
        "en",
        Some("2021-04-20"),
        "The war has left more than 13,000 dead.",
    )
    .figure(
        "more than 13,000 dead",
        13_000.0,
        Qualifier::AtLeast,
        Some("dead"),
    );
    let claims = claims_of(&[a, b], &[]);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(claims.iter().all(|c| c.verdict == Verdict::Single));
}
