//! Hand-built inputs for the report: a corpus of the seeds' shape (two stories, a translation
//! pair, entities with variants, troop-figure claims, a shared quote, MT damage), the same with a
//! hostile article added, and a synthetic corpus of any size for the scale measurement.
//!
//! These stand in for reconcile in tests and benchmarks: they are built directly, with every span
//! pointing at the text it names, so the report's links can be checked.

use concord_model::{
    Claim, ClaimId, ClaimValue, CleanDoc, ContentHash, CopyGroup, CopyGroupId, CopyKind, Corpus,
    DateSource, DocFacts, DocId, DocLink, Entity, EntityId, EntityType, Evidence, Figure,
    InferredDate, InputFormat, Issue, IssueKind, LangGuess, Manifest, Mention, MtDamage, OffsetMap,
    Paragraph, PublishDate, Qualifier, Quote, QuoteId, Rendering, Repairs, SharedQuote, SourceRef,
    Span, SpanRef, SpanText, Stage, Story, StoryId, Variant, Verdict,
};

/// Documents, quarantined records and what reconcile would make of them.
#[derive(Clone, Debug)]
pub struct Sample {
    /// The documents, in output order.
    pub docs: Vec<DocFacts>,
    /// The quarantined records.
    pub issues: Vec<Issue>,
    /// The corpus.
    pub corpus: Corpus,
    /// The run's account.
    pub manifest: Manifest,
}

/// The byte span of the first `needle` in `text` at or after `from` (empty at 0 when absent,
/// which a test then notices).
fn find(text: &str, needle: &str) -> Span {
    match text.find(needle) {
        Some(start) => Span::new(start, start + needle.len()),
        None => Span::new(0, 0),
    }
}

/// Paragraphs (split at blank lines) and sentences (split after `. `, `." ` and at paragraph
/// ends) of a hand-written text.
fn structure(text: &str, lang: &str) -> (Vec<Paragraph>, Vec<Span>) {
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let end = start + part.len();
        paragraphs.push(Paragraph {
            span: Span::new(start, end),
            lang: LangGuess {
                code: lang.to_owned(),
                confidence: 0.99,
            },
        });
        let mut sentence = start;
        let bytes = text.as_bytes();
        let mut idx = start;
        while idx < end {
            let after_stop = matches!(bytes[idx], b'.' | b'!' | b'?')
                || (bytes[idx] == b'"' && idx > start && bytes[idx - 1] == b'.');
            if after_stop
                && idx + 1 < end
                && bytes[idx + 1] == b' '
                && bytes.get(idx + 2) != Some(&b'"')
            {
                sentences.push(Span::new(sentence, idx + 1));
                sentence = idx + 2;
                idx += 2;
                continue;
            }
            idx += 1;
        }
        if sentence < end {
            sentences.push(Span::new(sentence, end));
        }
        start = end + 2;
    }
    (paragraphs, sentences)
}

/// A document with its text and no facts yet.
fn doc(
    path: &str,
    lang: &str,
    site: Option<&str>,
    title: &str,
    published: Option<&str>,
    text: &str,
) -> DocFacts {
    let source = SourceRef::file(path);
    let content_hash = ContentHash::of(text.as_bytes());
    let (paragraphs, sentences) = structure(text, lang);
    DocFacts {
        doc: CleanDoc {
            id: DocId::new(&source, content_hash),
            content_hash,
            source,
            format: InputFormat::Text,
            title: Some(title.to_owned()),
            published: published.map(|value| PublishDate {
                value: value.to_owned(),
                from: DateSource::Declared,
            }),
            site: site.map(str::to_owned),
            lang: LangGuess {
                code: lang.to_owned(),
                confidence: 0.99,
            },
            text: text.to_owned(),
            paragraphs,
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
    }
}

/// Adds a mention of `needle` (its first occurrence) and returns where it is.
fn mention(facts: &mut DocFacts, needle: &str, kind: EntityType, base: &str) -> SpanRef {
    let span = find(&facts.doc.text, needle);
    facts.entities.push(Mention {
        span,
        kind,
        base: base.to_owned(),
    });
    facts.entities.sort_by_key(|mention| mention.span);
    SpanRef {
        doc: facts.doc.id,
        span,
    }
}

/// Adds a figure and returns the claim value it makes.
#[allow(clippy::too_many_arguments)]
fn figure(
    facts: &mut DocFacts,
    needle: &str,
    value: f64,
    qualifier: Qualifier,
    counted: &str,
    attributed_to: Option<&str>,
    as_of: Option<&str>,
    repaired: bool,
) -> ClaimValue {
    let span = find(&facts.doc.text, needle);
    let sentence = facts
        .doc
        .sentences
        .iter()
        .position(|sentence| sentence.start <= span.start && span.start < sentence.end)
        .unwrap_or(0) as u32;
    facts.figures.push(Figure {
        span,
        value,
        value_max: None,
        qualifier,
        unit: None,
        counted: Some(counted.to_owned()),
        counted_base: Some(counted.to_owned()),
        sentence,
    });
    ClaimValue {
        doc: facts.doc.id,
        value,
        value_max: None,
        qualifier,
        span,
        text: needle.to_owned(),
        attributed_to: attributed_to.map(str::to_owned),
        as_of: as_of.map(str::to_owned),
        repaired,
    }
}

/// Adds a quotation and returns its rendering.
fn quote(facts: &mut DocFacts, words: &str, speaker: &str) -> Rendering {
    let span = find(&facts.doc.text, words);
    facts.quotes.push(Quote {
        span,
        speaker: Some(speaker.to_owned()),
        speaker_span: None,
        cue: None,
        partial: false,
    });
    Rendering {
        doc: facts.doc.id,
        lang: facts.doc.lang.code.clone(),
        span,
        text: words.to_owned(),
    }
}

fn span_text(facts: &DocFacts, needle: &str) -> SpanText {
    SpanText {
        doc: facts.doc.id,
        span: find(&facts.doc.text, needle),
        text: needle.to_owned(),
    }
}

fn variant(text: &str, lang: &str, count: u32, repaired: bool) -> Variant {
    Variant {
        text: text.to_owned(),
        lang: lang.to_owned(),
        count,
        mixed_script: false,
        repaired,
    }
}

fn entity(name: &str, kind: EntityType, variants: Vec<Variant>, mentions: Vec<SpanRef>) -> Entity {
    let mut docs: Vec<DocId> = mentions.iter().map(|mention| mention.doc).collect();
    docs.sort();
    docs.dedup();
    let key = mentions.iter().min().map(|m| m.doc.0).unwrap_or(0);
    let mut id_key = key.to_le_bytes().to_vec();
    id_key.extend_from_slice(name.as_bytes());
    Entity {
        id: EntityId::of(&id_key),
        name: name.to_owned(),
        kind,
        geonames: None,
        variants,
        mentions,
        docs,
        corrected: false,
    }
}

fn evidence(doc: &DocFacts, score: f32, matched: &[&str]) -> Evidence {
    Evidence {
        doc: doc.doc.id,
        score,
        matched: matched.iter().map(|text| (*text).to_owned()).collect(),
    }
}

fn story(label: &str, members: &[&DocFacts], first: &str, last: &str, why: &[&str]) -> Story {
    let mut languages: Vec<String> = members
        .iter()
        .map(|doc| doc.doc.lang.code.clone())
        .collect();
    languages.sort();
    languages.dedup();
    let mut sites: Vec<String> = members
        .iter()
        .filter_map(|doc| doc.doc.site.clone())
        .collect();
    sites.sort();
    sites.dedup();
    let smallest = members.iter().map(|doc| doc.doc.id.0).min().unwrap_or(0);
    Story {
        id: StoryId::of(&smallest.to_le_bytes()),
        label: label.to_owned(),
        docs: members.iter().map(|doc| doc.doc.id).collect(),
        languages,
        sites,
        first: Some(first.to_owned()),
        last: Some(last.to_owned()),
        evidence: members
            .iter()
            .enumerate()
            .map(|(idx, doc)| evidence(doc, if idx == 0 { 1.0 } else { 0.6 }, why))
            .collect(),
        corrected: false,
    }
}

fn claim(what: &str, stories: &[StoryId], values: Vec<ClaimValue>, verdict: Verdict) -> Claim {
    let key = values.iter().map(|value| value.doc.0).min().unwrap_or(0);
    let mut id_key = key.to_le_bytes().to_vec();
    id_key.extend_from_slice(what.as_bytes());
    Claim {
        id: ClaimId::of(&id_key),
        stories: stories.to_vec(),
        what: what.to_owned(),
        values,
        verdict,
        corrected: false,
    }
}

/// The seeds' shape: the April 2021 call (Indonesian and German machine translations of one lost
/// original, and an English report) and the December 2021 summit (two English reports, one
/// undated), with their entities, troop figures, Stoltenberg's quote and three MT errors.
pub fn seeds_like() -> Sample {
    let mut id = doc(
        "data/samples/000_e2b0121ecf72bbb5.txt",
        "id",
        Some("kompas.example"),
        "Biden menelepon Putin: Moskow harus meredakan ketegangan",
        Some("2021-04-14"),
        "Moskow harus meredakan ketegangan, pesan Joe Biden kepada Putin. Setidaknya 100 ribu unit akan digunakan di perbatasan barat Moskow.\n\n\
         Sekretaris Jenderal yg dibawa lahir Jens Stoltemberg berkata: \"Rusia harus mengakhiri penumpukan pasukan ini.\" Antony berkedip bertemu Kouleba di Brussel.",
    );
    let mut de = doc(
        "data/samples/001_094a88c166a7f8c4.txt",
        "de",
        Some("zeitung.example"),
        "Biden ruft Putin an: Moskau muss Spannungen abbauen",
        Some("2021-04-14"),
        "Moskau muss Spannungen abbauen, sagte Joe Biden zu Putin. Mindestens 100 Einheiten würden an den Westgrenzen von Moskau eingesetzt.\n\n\
         Der Generalsekretär der geboren Jens Stoltenberg sagte: \"Russland muss diese Truppenaufstockung beenden.\" Antony Blinken traf Kulebanach in Brüssel.",
    );
    let mut en1 = doc(
        "data/samples/003_acbc409ad9421864.txt",
        "en",
        Some("news.example"),
        "Biden and Putin spoke on the phone about the conflict in Ukraine",
        Some("2021-04-13"),
        "Biden questioned Putin about the Russian military concentration near Ukraine. Kiev accuses Russia of sending more than 80,000 troops to the border.\n\n\
         NATO Secretary-General Jens Stoltenberg said: \"Russia must end this build-up of troops.\" The Ukrainian army says 29 soldiers were killed this year.",
    );
    let mut en2 = doc(
        "data/samples/002_ee3edb7266c309a6.txt",
        "en",
        Some("The Limited Times"),
        "Threat of invasion of Ukraine: Putin and Biden meet on Tuesday",
        Some("2021-12-05"),
        "Russian President Vladimir Poutin and US President Joe Biden will meet by videoconference on Tuesday. Kiev says 94,000 Russian troops are already deployed near the border with Ukraine.\n\n\
         US intelligence says Russia plans an offensive with 175,000 troops.",
    );
    let mut en3 = doc(
        "data/samples/004_581ca8c252333ccd.txt",
        "en",
        Some("monde.example"),
        "Russia hopes for contact between Vladimir Putin and Joe Biden to ease tensions in Ukraine",
        None,
        "A Ukrainian soldier was killed on Wednesday, the Ukrainian army said on Thursday (December 2nd). The death brings to 61 the number of Ukrainian soldiers killed since the start of the year.\n\n\
         Moscow hoped for a contact between Vladimir Putin and Joe Biden. Washington says 100,000 Russian troops are massed at the border of Ukraine.",
    );

    let putin = vec![
        mention(&mut id, "Putin", EntityType::Person, "Putin"),
        mention(&mut de, "Putin", EntityType::Person, "Putin"),
        mention(&mut en1, "Putin", EntityType::Person, "Putin"),
        mention(
            &mut en2,
            "Vladimir Poutin",
            EntityType::Person,
            "Vladimir Poutin",
        ),
        mention(
            &mut en3,
            "Vladimir Putin",
            EntityType::Person,
            "Vladimir Putin",
        ),
    ];
    let biden = vec![
        mention(&mut id, "Joe Biden", EntityType::Person, "Joe Biden"),
        mention(&mut de, "Joe Biden", EntityType::Person, "Joe Biden"),
        mention(&mut en1, "Biden", EntityType::Person, "Biden"),
        mention(&mut en2, "Joe Biden", EntityType::Person, "Joe Biden"),
        mention(&mut en3, "Joe Biden", EntityType::Person, "Joe Biden"),
    ];
    let stoltenberg = vec![
        mention(
            &mut id,
            "Jens Stoltemberg",
            EntityType::Person,
            "Jens Stoltemberg",
        ),
        mention(
            &mut de,
            "Jens Stoltenberg",
            EntityType::Person,
            "Jens Stoltenberg",
        ),
        mention(
            &mut en1,
            "Jens Stoltenberg",
            EntityType::Person,
            "Jens Stoltenberg",
        ),
    ];
    let kuleba = vec![
        mention(&mut id, "Kouleba", EntityType::Person, "Kouleba"),
        mention(&mut de, "Kulebanach", EntityType::Person, "Kulebanach"),
    ];
    let blinken = vec![mention(
        &mut de,
        "Antony Blinken",
        EntityType::Person,
        "Antony Blinken",
    )];
    let nato = vec![mention(&mut en1, "NATO", EntityType::Organization, "NATO")];
    let ukraine = vec![
        mention(&mut en1, "Ukraine", EntityType::Location, "Ukraine"),
        mention(&mut en2, "Ukraine", EntityType::Location, "Ukraine"),
        mention(&mut en3, "Ukraine", EntityType::Location, "Ukraine"),
    ];

    let troops_april = vec![
        figure(
            &mut id,
            "100 ribu unit",
            100_000.0,
            Qualifier::AtLeast,
            "unit",
            None,
            Some("2021-04-14"),
            false,
        ),
        figure(
            &mut de,
            "100 Einheiten",
            100_000.0,
            Qualifier::AtLeast,
            "Einheiten",
            None,
            Some("2021-04-14"),
            true,
        ),
        figure(
            &mut en1,
            "more than 80,000 troops",
            80_000.0,
            Qualifier::AtLeast,
            "troops",
            Some("Kiev"),
            Some("2021-04-13"),
            false,
        ),
    ];
    let troops_december = vec![
        figure(
            &mut en2,
            "94,000 Russian troops",
            94_000.0,
            Qualifier::Exact,
            "troops",
            Some("Kiev"),
            Some("2021-12-05"),
            false,
        ),
        figure(
            &mut en3,
            "100,000 Russian troops",
            100_000.0,
            Qualifier::Exact,
            "troops",
            Some("Washington"),
            Some("2021-12-05"),
            false,
        ),
    ];
    let planned = vec![figure(
        &mut en2,
        "175,000 troops",
        175_000.0,
        Qualifier::Exact,
        "troops",
        Some("US intelligence"),
        Some("2021-12-05"),
        false,
    )];
    let killed = vec![
        figure(
            &mut en1,
            "29 soldiers",
            29.0,
            Qualifier::Exact,
            "soldiers",
            Some("The Ukrainian army"),
            Some("2021-04-13"),
            false,
        ),
        figure(
            &mut en3,
            "61",
            61.0,
            Qualifier::Exact,
            "soldiers",
            Some("the Ukrainian army"),
            Some("2021-12-02"),
            false,
        ),
    ];
    let renderings = vec![
        quote(
            &mut en1,
            "Russia must end this build-up of troops.",
            "Jens Stoltenberg",
        ),
        quote(
            &mut de,
            "Russland muss diese Truppenaufstockung beenden.",
            "Jens Stoltenberg",
        ),
        quote(
            &mut id,
            "Rusia harus mengakhiri penumpukan pasukan ini.",
            "Jens Stoltemberg",
        ),
    ];

    let april = story(
        "Biden, Putin, Stoltenberg (2021-04-13 to 2021-04-14)",
        &[&en1, &id, &de],
        "2021-04-13",
        "2021-04-14",
        &["names: biden, putin, stoltenberg", "figures: 100000"],
    );
    let december = story(
        "Putin, Biden, Ukraine (2021-12-02 to 2021-12-05)",
        &[&en3, &en2],
        "2021-12-02",
        "2021-12-05",
        &["names: biden, putin, ukraine", "dates: 2021-12-07"],
    );
    let pair_key = id.doc.id.0.min(de.doc.id.0);
    let translation = CopyGroup {
        id: CopyGroupId::of(&pair_key.to_le_bytes()),
        kind: CopyKind::Translation,
        docs: vec![id.doc.id, de.doc.id],
        original: None,
        languages: vec!["de".to_owned(), "id".to_owned()],
        sites: vec!["kompas.example".to_owned(), "zeitung.example".to_owned()],
        evidence: vec![
            evidence(
                &id,
                1.0,
                &["anchors: 100, Biden, Putin, Stoltenberg", "paragraphs: 2/2"],
            ),
            evidence(
                &de,
                0.87,
                &["anchors: 100, Biden, Putin, Stoltenberg", "paragraphs: 2/2"],
            ),
        ],
    };

    let entities = vec![
        entity(
            "Vladimir Putin",
            EntityType::Person,
            vec![
                variant("Putin", "de", 1, false),
                variant("Putin", "en", 1, false),
                variant("Putin", "id", 1, false),
                variant("Vladimir Poutin", "en", 1, false),
                variant("Vladimir Putin", "en", 1, false),
            ],
            putin,
        ),
        entity(
            "Joe Biden",
            EntityType::Person,
            vec![
                variant("Biden", "en", 1, false),
                variant("Joe Biden", "de", 1, false),
                variant("Joe Biden", "en", 2, false),
                variant("Joe Biden", "id", 1, false),
            ],
            biden,
        ),
        entity(
            "Jens Stoltenberg",
            EntityType::Person,
            vec![
                variant("Jens Stoltemberg", "id", 1, false),
                variant("Jens Stoltenberg", "de", 1, false),
                variant("Jens Stoltenberg", "en", 1, false),
            ],
            stoltenberg.clone(),
        ),
        entity(
            "Ukraine",
            EntityType::Location,
            vec![variant("Ukraine", "en", 3, false)],
            ukraine,
        ),
        entity(
            "Dmytro Kuleba",
            EntityType::Person,
            vec![
                variant("Kouleba", "id", 1, false),
                variant("Kulebanach", "de", 1, true),
            ],
            kuleba,
        ),
        entity(
            "Antony Blinken",
            EntityType::Person,
            vec![variant("Antony Blinken", "de", 1, false)],
            blinken,
        ),
        entity(
            "NATO",
            EntityType::Organization,
            vec![variant("NATO", "en", 1, false)],
            nato,
        ),
    ];
    let stoltenberg_id = entities[2].id;

    let claims = vec![
        claim(
            "troops (Russian) at the border",
            &[december.id],
            troops_december,
            Verdict::Conflict,
        ),
        claim(
            "troops (Russian) massed near Ukraine",
            &[april.id],
            troops_april,
            Verdict::Agree,
        ),
        claim(
            "soldiers killed (Ukrainian), this year",
            &[april.id, december.id],
            killed,
            Verdict::Changed,
        ),
        claim(
            "troops (Russian) for a planned offensive",
            &[december.id],
            planned,
            Verdict::Single,
        ),
    ];
    let quotes = vec![SharedQuote {
        id: QuoteId::of(&en1.doc.id.0.to_le_bytes()),
        speaker: Some(stoltenberg_id),
        story: Some(april.id),
        renderings,
    }];
    let mut mt_damage = vec![
        MtDamage {
            doc: id.doc.id,
            span: find(&id.doc.text, "berkedip"),
            text: "berkedip".to_owned(),
            evidence: vec![span_text(&de, "Blinken")],
            repair: "Blinken".to_owned(),
        },
        MtDamage {
            doc: id.doc.id,
            span: find(&id.doc.text, "dibawa lahir"),
            text: "dibawa lahir".to_owned(),
            evidence: vec![span_text(&en1, "NATO")],
            repair: "NATO".to_owned(),
        },
        MtDamage {
            doc: de.doc.id,
            span: find(&de.doc.text, "100 Einheiten"),
            text: "100 Einheiten".to_owned(),
            evidence: vec![span_text(&id, "100 ribu")],
            repair: "100.000".to_owned(),
        },
        MtDamage {
            doc: de.doc.id,
            span: find(&de.doc.text, "geboren"),
            text: "geboren".to_owned(),
            evidence: vec![span_text(&en1, "NATO")],
            repair: "NATO".to_owned(),
        },
    ];
    mt_damage.sort_by_key(|damage| (damage.doc, damage.span));

    let docs = vec![id, de, en2, en1, en3];
    let mut doc_links: Vec<DocLink> = docs
        .iter()
        .map(|facts| {
            let story = if april.docs.contains(&facts.doc.id) {
                april.id
            } else {
                december.id
            };
            DocLink {
                id: facts.doc.id,
                source: facts.doc.source.clone(),
                story: Some(story),
                copy_groups: if translation.docs.contains(&facts.doc.id) {
                    vec![translation.id]
                } else {
                    Vec::new()
                },
                published_inferred: None,
            }
        })
        .collect();
    if let Some(link) = doc_links.iter_mut().find(|link| link.id == docs[4].doc.id) {
        link.published_inferred = Some(InferredDate {
            date: Some("2021-12-02".to_owned()),
            candidates: vec!["2010-12-02".to_owned(), "2021-12-02".to_owned()],
            evidence: vec![SpanRef {
                doc: docs[4].doc.id,
                span: find(&docs[4].doc.text, "Thursday (December 2nd)"),
            }],
        });
    }
    let issues = vec![
        Issue::new(
            Stage::Ingest,
            IssueKind::MalformedJson,
            SourceRef {
                path: "data/fixtures/bad.jsonl".to_owned(),
                line: Some(3),
                offset: None,
                url: None,
            },
            "expected value at column 1",
        ),
        Issue::new(
            Stage::Ingest,
            IssueKind::Empty,
            SourceRef::file("data/fixtures/empty.txt"),
            "the file is empty",
        ),
    ];
    let manifest = Manifest {
        concord_version: "0.1.0".to_owned(),
        schema_version: concord_model::SCHEMA_VERSION,
        threads: 1,
        inputs: vec!["data/samples".to_owned(), "data/fixtures".to_owned()],
        files_seen: 7,
        records_in: 7,
        documents_out: docs.len() as u64,
        quarantined: issues.len() as u64,
        ..Manifest::default()
    };
    Sample {
        corpus: Corpus {
            stories: vec![april, december],
            copies: vec![translation],
            doc_links,
            entities,
            claims,
            quotes,
            mt_damage,
        },
        docs,
        issues,
        manifest,
    }
}

/// What a hostile script in the sample would do: set this attribute on `<body>`. The browser test
/// checks that nothing did.
pub const PWNED_ATTRIBUTE: &str = "data-pwned";

/// [`seeds_like`] plus a third story of one hostile article: its title, site, URL, text, entity
/// variant, claim, quote and quarantine message carry script, event-handler, `javascript:` and
/// `</style>` payloads that would set `data-pwned` on `<body>` if any ran.
pub fn hostile() -> Sample {
    let mut sample = seeds_like();
    let payload = |tag: &str| format!("document.body.setAttribute('{PWNED_ATTRIBUTE}','{tag}')");
    let title = format!(
        "<script>{}</script>\"><svg onload=\"{}\"></svg>'><img src=x onerror={}>",
        payload("title-script"),
        payload("title-svg"),
        payload("title-img")
    );
    let text = format!(
        "Breaking: </script><script>{}</script> and <img src=x onerror=\"{}\"> were here. \
         Click <a href=\"javascript:{}\">here</a> or [here](javascript:alert(1)).\n\n\
         </style><style>body{{display:none}}</style> The army said 5,000 \"><svg onload={}> troops moved.",
        payload("body-script"),
        payload("body-img"),
        payload("body-link"),
        payload("body-svg")
    );
    let mut bad = doc(
        "data/hostile/<evil>.txt",
        "en",
        Some(&format!("\"><img src=x onerror={}>", payload("site"))),
        &title,
        Some("2021-06-01"),
        &text,
    );
    bad.doc.source.url = Some(format!("javascript:{}", payload("url")));
    let mention_text = "<img src=x onerror=\"";
    let at = mention(&mut bad, mention_text, EntityType::Misc, mention_text);
    let value = figure(
        &mut bad,
        "5,000",
        5_000.0,
        Qualifier::Exact,
        "troops",
        Some("</style><script>x</script>"),
        Some("2021-06-01"),
        false,
    );
    let rendering = quote(&mut bad, "</script><script>", "<svg onload=x>");
    let story = story(
        &title,
        &[&bad],
        "2021-06-01",
        "2021-06-01",
        &["<script>matched</script>"],
    );
    let entity = entity(
        &title,
        EntityType::Misc,
        vec![variant(mention_text, "en", 1, false)],
        vec![at],
    );
    sample.corpus.claims.push(claim(
        &format!("{title} troops"),
        &[story.id],
        vec![value],
        Verdict::Single,
    ));
    sample.corpus.quotes.push(SharedQuote {
        id: QuoteId::of(&bad.doc.id.0.to_le_bytes()),
        speaker: Some(entity.id),
        story: Some(story.id),
        renderings: vec![rendering],
    });
    sample.corpus.entities.push(entity);
    sample.corpus.doc_links.push(DocLink {
        id: bad.doc.id,
        source: bad.doc.source.clone(),
        story: Some(story.id),
        copy_groups: Vec::new(),
        published_inferred: None,
    });
    sample.corpus.stories.push(story);
    sample.issues.push(Issue::new(
        Stage::Ingest,
        IssueKind::MalformedJson,
        SourceRef::file(format!("<script>{}</script>.jsonl", payload("issue-path"))),
        format!("<img src=x onerror={}>", payload("issue")),
    ));
    sample.manifest.documents_out += 1;
    sample.manifest.quarantined += 1;
    sample.manifest.records_in += 2;
    sample.docs.push(bad);
    sample
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const LANGS: [&str; 8] = ["en", "de", "fr", "es", "it", "pl", "id", "ru"];
const NAMES: [&str; 12] = [
    "Putin",
    "Biden",
    "Stoltenberg",
    "Kuleba",
    "Blinken",
    "Shoigu",
    "Macron",
    "Scholz",
    "Zelensky",
    "Lavrov",
    "Guterres",
    "Erdogan",
];

/// A synthetic run of `docs` documents (about 1.5 KB of text each) in stories of 1 to 40
/// articles, with a translation group, entities and a claim per story; deterministic from `seed`.
/// The documents are produced one at a time by `each`, so the caller can stream them into a
/// [`Dossier`](super::Dossier) without holding them; the corpus is returned at the end.
pub fn synthetic(docs: usize, seed: u64, mut each: impl FnMut(DocFacts)) -> (Corpus, Manifest) {
    let mut rng = Rng(seed);
    let mut corpus = Corpus::default();
    let mut made = 0usize;
    let mut story_no = 0u64;
    while made < docs {
        let size = (1 + rng.below(40) as usize).min(docs - made);
        let day = 18_000 + rng.below(1_500) as i64;
        let who = [
            NAMES[rng.below(NAMES.len() as u64) as usize],
            NAMES[rng.below(NAMES.len() as u64) as usize],
        ];
        let mut members = Vec::with_capacity(size);
        let mut values = Vec::new();
        let mut mentions = Vec::new();
        for member in 0..size {
            let lang = LANGS[rng.below(LANGS.len() as u64) as usize];
            let date =
                concord_model::civil::Date::from_days(day + rng.below(10) as i64).to_string();
            let troops = 1_000 * (50 + rng.below(100));
            let mut text = format!(
                "{} met {} on the {} day of talks. Officials said {troops} troops were at the border.\n\n",
                who[0],
                who[1],
                member + 1
            );
            for para in 0..6 {
                text.push_str(&format!(
                    "Paragraph {para} of story {story_no}: the talks went on and {} spoke to reporters about the border, \
                     the troops, the sanctions and the next meeting, which both sides said would come soon. \
                     Analysts expect more statements in the coming days.\n\n",
                    who[(para % 2) as usize]
                ));
            }
            let text = text.trim_end().to_owned();
            let path = format!("synthetic/{story_no:06}/{member:02}.txt");
            let mut facts = doc(
                &path,
                lang,
                Some(&format!("site{}.example", rng.below(300))),
                &format!(
                    "Story {story_no}: {} and {} meet ({member})",
                    who[0], who[1]
                ),
                Some(&date),
                &text,
            );
            mentions.push(mention(&mut facts, who[0], EntityType::Person, who[0]));
            let figure_text = format!("{troops} troops");
            values.push(figure(
                &mut facts,
                &figure_text,
                troops as f64,
                Qualifier::Exact,
                "troops",
                Some("Officials"),
                Some(&date),
                false,
            ));
            members.push((facts.doc.id, lang.to_owned(), facts.doc.site.clone(), date));
            each(facts);
            made += 1;
        }
        let smallest = members.iter().map(|member| member.0.0).min().unwrap_or(0);
        let id = StoryId::of(&smallest.to_le_bytes());
        let mut languages: Vec<String> = members.iter().map(|m| m.1.clone()).collect();
        languages.sort();
        languages.dedup();
        let mut sites: Vec<String> = members.iter().filter_map(|m| m.2.clone()).collect();
        sites.sort();
        sites.dedup();
        let mut dates: Vec<&String> = members.iter().map(|m| &m.3).collect();
        dates.sort();
        corpus.stories.push(Story {
            id,
            label: format!("{}, {} ({})", who[0], who[1], dates[0]),
            docs: members.iter().map(|m| m.0).collect(),
            languages,
            sites,
            first: dates.first().map(|d| (*d).clone()),
            last: dates.last().map(|d| (*d).clone()),
            evidence: members
                .iter()
                .map(|m| Evidence {
                    doc: m.0,
                    score: 0.8,
                    matched: vec![format!("names: {}", who[0])],
                })
                .collect(),
            corrected: false,
        });
        if members.len() >= 2 {
            corpus.copies.push(CopyGroup {
                id: CopyGroupId::of(&smallest.to_le_bytes()),
                kind: CopyKind::Translation,
                docs: vec![members[0].0, members[1].0],
                original: Some(members[0].0),
                languages: vec![members[0].1.clone(), members[1].1.clone()],
                sites: Vec::new(),
                evidence: Vec::new(),
            });
        }
        let verdict = if values.len() > 1 {
            Verdict::Conflict
        } else {
            Verdict::Single
        };
        corpus.claims.push(claim(
            &format!("troops (story {story_no})"),
            &[id],
            values,
            verdict,
        ));
        corpus.entities.push(entity(
            &format!("{} {story_no}", who[0]),
            EntityType::Person,
            vec![variant(who[0], "en", mentions.len() as u32, false)],
            mentions,
        ));
        for m in &members {
            corpus.doc_links.push(DocLink {
                id: m.0,
                source: SourceRef::file("synthetic"),
                story: Some(id),
                copy_groups: Vec::new(),
                published_inferred: None,
            });
        }
        story_no += 1;
    }
    corpus
        .stories
        .sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.id.cmp(&b.id)));
    let manifest = Manifest {
        concord_version: "0.1.0".to_owned(),
        schema_version: concord_model::SCHEMA_VERSION,
        documents_out: made as u64,
        records_in: made as u64,
        ..Manifest::default()
    };
    (corpus, manifest)
}
