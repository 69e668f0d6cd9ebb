//! Shared quotes on hand-made documents in several languages and scripts, with the cases that
//! must not join.

use concord_model::{
    CleanDoc, ContentHash, DocFacts, DocId, EntityType, Figure, InputFormat, LangGuess, Mention,
    OffsetMap, Qualifier, Quote, Repairs, SharedQuote, SourceRef, Span,
};

use super::{MAX_QUOTE_TEXT, MAX_QUOTES, digest, shared_quotes, word_key};
use crate::ReconcileConfig;
use crate::analysis::analyse;
use crate::entities::{DocNames, NameTable, resolve};

/// A document: name, language, text, person names to mark, figures `(text, value)`, and quotes as
/// (quoted words, speaker as named in the text or none).
struct Doc {
    name: &'static str,
    lang: &'static str,
    text: &'static str,
    people: &'static [&'static str],
    places: &'static [&'static str],
    figures: &'static [(&'static str, f64)],
    quotes: &'static [(&'static str, Option<&'static str>)],
}

fn find(text: &str, part: &str) -> Span {
    let at = text
        .find(part)
        .unwrap_or_else(|| panic!("{part:?} not in {text:?}"));
    Span::new(at, at + part.len())
}

/// The quote that starts with `head`: up to the next closing mark.
fn quoted(text: &str, head: &str) -> Span {
    let start = find(text, head).start as usize;
    let len = text[start..]
        .find(['"', '”', '»', '“'])
        .unwrap_or(text.len() - start);
    Span::new(start, start + len)
}

fn facts(doc: &Doc) -> DocFacts {
    let source = SourceRef::file(doc.name.to_owned());
    let content_hash = ContentHash::of(doc.text.as_bytes());
    let mut entities: Vec<Mention> = Vec::new();
    let names = doc
        .people
        .iter()
        .map(|n| (n, EntityType::Person))
        .chain(doc.places.iter().map(|n| (n, EntityType::Location)));
    for (name, kind) in names {
        let mut from = 0;
        while let Some(at) = doc.text[from..].find(name) {
            let start = from + at;
            entities.push(Mention {
                span: Span::new(start, start + name.len()),
                kind,
                base: (*name).to_owned(),
            });
            from = start + name.len();
        }
    }
    entities.sort_by_key(|m| m.span.start);
    let figures = doc
        .figures
        .iter()
        .map(|&(text, value)| Figure {
            span: find(doc.text, text),
            value,
            value_max: None,
            qualifier: Qualifier::Exact,
            unit: None,
            counted: None,
            counted_base: None,
            sentence: 0,
        })
        .collect();
    let quotes = doc
        .quotes
        .iter()
        .map(|&(words, speaker)| Quote {
            span: quoted(doc.text, words),
            speaker: speaker.map(str::to_owned),
            speaker_span: speaker.map(|s| find(doc.text, s)),
            cue: None,
            partial: false,
        })
        .collect();
    DocFacts {
        doc: CleanDoc {
            id: DocId::new(&source, content_hash),
            content_hash,
            source,
            format: InputFormat::Text,
            title: None,
            published: None,
            site: None,
            lang: LangGuess {
                code: doc.lang.to_owned(),
                confidence: 1.0,
            },
            text: doc.text.to_owned(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            removed: Vec::new(),
            offsets: OffsetMap::default(),
            repairs: Repairs::default(),
            meta: Default::default(),
        },
        entities,
        figures,
        dates: Vec::new(),
        quotes,
    }
}

/// The shared quotes of `docs`, all in one story; `translations` lists pairs of documents (by
/// position in `docs`) that are translations of each other. Each quote is shown as
/// `doc:first-words`.
fn shared(docs: &[Doc], translations: &[(usize, usize)]) -> Vec<Vec<String>> {
    shared_in_stories(docs, translations, &[], &[])
}

/// As [`shared`], with the documents at the positions `second` in a second story of the same
/// topic (a kept story edge links the two), and publish days (days since 1970) per position.
fn shared_in_stories(
    docs: &[Doc],
    translations: &[(usize, usize)],
    second: &[usize],
    days: &[Option<i32>],
) -> Vec<Vec<String>> {
    let digests: Vec<_> = docs
        .iter()
        .map(|d| crate::digest::digest(&facts(d), false))
        .collect();
    let name_of = |id: DocId| {
        docs.iter()
            .zip(&digests)
            .find(|(_, g)| g.id == id)
            .map_or("?", |(d, _)| d.name)
    };
    let mut analysis = analyse(&ReconcileConfig::recommended(), digests.clone());
    let index = |k: usize| {
        analysis
            .docs
            .iter()
            .position(|d| d.id == digests[k].id)
            .unwrap_or(0) as u32
    };
    let translations: Vec<Vec<u32>> = translations
        .iter()
        .map(|&(a, b)| {
            let mut g = vec![index(a), index(b)];
            g.sort_unstable();
            g
        })
        .collect();
    analysis.translations = translations;
    analysis.near.clear();
    analysis.exact.clear();
    for (k, day) in days.iter().enumerate() {
        let at = index(k) as usize;
        analysis.when[at].day = *day;
    }
    let in_second = |id: DocId| {
        second
            .iter()
            .any(|&k| digests.get(k).is_some_and(|d| d.id == id))
    };
    let ids = |two: bool| -> Vec<DocId> {
        analysis
            .docs
            .iter()
            .map(|d| d.id)
            .filter(|&id| in_second(id) == two)
            .collect()
    };
    let mut stories = vec![crate::tests::bare_story(b"one", ids(false))];
    if !second.is_empty() {
        stories.push(crate::tests::bare_story(b"two", ids(true)));
        // A kept story edge between the two stories: one topic.
        let (a, b) = (index(0), index(second[0]));
        analysis.edges.push(crate::analysis::Edge {
            a: a.min(b),
            b: a.max(b),
            link: crate::analysis::Link::Story,
            score: 1.0,
            story: analysis.config.story_min,
            features: Default::default(),
            in_time: false,
        });
    }
    let story_of = |id: DocId| stories.iter().find(|s| s.docs.contains(&id)).map(|s| s.id);
    let names: Vec<DocNames<'_>> = analysis
        .docs
        .iter()
        .map(|d| DocNames {
            doc: d.id,
            lang: &d.lang,
            story: story_of(d.id),
            names: &d.mentions,
        })
        .collect();
    let entities = resolve(&names, &NameTable::new());
    let quotes: Vec<SharedQuote> = shared_quotes(&analysis, &stories, &entities);
    for q in &quotes {
        assert!(q.renderings.len() >= 2);
    }
    quotes
        .iter()
        .map(|q| {
            let mut shown: Vec<String> = q
                .renderings
                .iter()
                .map(|r| {
                    let head: String = r.text.chars().take(12).collect();
                    format!("{}:{head}", name_of(r.doc))
                })
                .collect();
            shown.sort();
            shown
        })
        .collect()
}

const STOLTENBERG_ID: Doc = Doc {
    name: "id",
    lang: "id",
    text: "Sekretaris Jenderal NATO Jens Stoltenberg: \"Konsentrasi militer Rusia yang cukup besar \
           tidak jauh dari perbatasan dengan Ukraina tidak dapat dibenarkan: Rusia harus \
           menghentikan provokasinya dan segera mengurangi eskalasi\". Menteri Dmitro Kuleba \
           berkata: \"Rusia tidak akan lagi dapat mengejutkan siapa pun, Ukraina akan waspada\".",
    people: &["Jens Stoltenberg", "Dmitro Kuleba"],
    places: &["Rusia", "Ukraina"],
    figures: &[],
    quotes: &[
        ("Konsentrasi militer", Some("Jens Stoltenberg")),
        ("Rusia tidak akan", Some("Dmitro Kuleba")),
    ],
};

const STOLTENBERG_DE: Doc = Doc {
    name: "de",
    lang: "de",
    text: "Der Generalsekretär Jens Stoltemberg: \"Die beträchtliche militärische Konzentration \
           Russlands unweit der Grenzen zur Ukraine ist ungerechtfertigt: Russland muss seine \
           Provokationen stoppen und die Eskalation sofort verringern\". Außenminister Dimitro \
           Kuleba sagte: \"Russland wird niemanden mehr überraschen können, die Ukraine wird \
           wachsam sein\".",
    people: &["Jens Stoltemberg", "Dimitro Kuleba"],
    places: &["Russlands", "Russland", "Ukraine"],
    figures: &[],
    quotes: &[
        ("Die beträchtliche", Some("Jens Stoltemberg")),
        ("Russland wird niemanden", Some("Dimitro Kuleba")),
    ],
};

const STOLTENBERG_EN: Doc = Doc {
    name: "en",
    lang: "en",
    text: "Jens Stoltenberg said: “Russia’s considerable military concentration is unjustified, \
           unexplained and deeply worrying. Russia must stop its provocations and de-escalate \
           immediately.” Dmytro Kuleba stressed: “Ukraine does not want war. We do not plan any \
           offensive or escalation.”",
    people: &["Jens Stoltenberg", "Dmytro Kuleba"],
    places: &["Russia", "Ukraine"],
    figures: &[],
    quotes: &[
        ("Russia’s considerable", Some("Jens Stoltenberg")),
        ("Ukraine does not", Some("Dmytro Kuleba")),
    ],
};

#[test]
fn one_statement_in_three_languages_is_one_shared_quote() {
    let groups = shared(&[STOLTENBERG_ID, STOLTENBERG_DE, STOLTENBERG_EN], &[(0, 1)]);
    assert!(
        groups.contains(&vec![
            "de:Die beträcht".to_owned(),
            "en:Russia’s con".to_owned(),
            "id:Konsentrasi ".to_owned(),
        ]),
        "{groups:?}"
    );
}

#[test]
fn same_speaker_different_statements_stay_apart() {
    // Kuleba's statement in the translation pair is one quote; his other statement in English is
    // not part of it.
    let groups = shared(&[STOLTENBERG_ID, STOLTENBERG_DE, STOLTENBERG_EN], &[(0, 1)]);
    let kuleba: Vec<&Vec<String>> = groups
        .iter()
        .filter(|g| g.iter().any(|r| r.contains("Rusia tidak")))
        .collect();
    assert_eq!(
        kuleba,
        vec![&vec![
            "de:Russland wir".to_owned(),
            "id:Rusia tidak ".to_owned()
        ]],
        "{groups:?}"
    );
    assert!(
        !groups
            .iter()
            .flatten()
            .any(|r| r.starts_with("en:Ukraine does")),
        "{groups:?}"
    );
}

#[test]
fn same_speaker_different_statements_in_one_language_stay_apart() {
    let a = Doc {
        name: "a",
        lang: "en",
        text: "Joe Biden said: \"We will impose sanctions on Moscow if troops cross the border.\" \
               Later Joe Biden added: \"Diplomacy remains the preferred path for everyone.\"",
        people: &["Joe Biden"],
        places: &[],
        figures: &[],
        quotes: &[
            ("We will impose", Some("Joe Biden")),
            ("Diplomacy remains", Some("Joe Biden")),
        ],
    };
    let b = Doc {
        name: "b",
        lang: "en",
        text: "President Biden told reporters: \"We will impose sanctions on Moscow if troops \
               cross the border.\" He spoke after the meeting with Biden advisers. Biden said: \
               \"Nobody expected this winter to be easy.\"",
        people: &["Biden"],
        places: &[],
        figures: &[],
        quotes: &[
            ("We will impose", Some("Biden")),
            ("Nobody expected", Some("Biden")),
        ],
    };
    let groups = shared(&[a, b], &[]);
    assert_eq!(
        groups,
        vec![vec![
            "a:We will impo".to_owned(),
            "b:We will impo".to_owned()
        ]]
    );
}

#[test]
fn same_words_from_different_speakers_stay_apart() {
    let a = Doc {
        name: "a",
        lang: "en",
        text: "Sergey Lavrov said: \"We are ready for dialogue about security in Europe.\"",
        people: &["Sergey Lavrov"],
        places: &[],
        figures: &[],
        quotes: &[("We are ready", Some("Sergey Lavrov"))],
    };
    let b = Doc {
        name: "b",
        lang: "en",
        text: "Antony Blinken said: \"We are ready for dialogue about security in Europe.\"",
        people: &["Antony Blinken"],
        places: &[],
        figures: &[],
        quotes: &[("We are ready", Some("Antony Blinken"))],
    };
    assert!(shared(&[a, b], &[]).is_empty());
}

#[test]
fn cyrillic_and_latin_renderings_meet_through_names_and_numbers() {
    let ru = Doc {
        name: "ru",
        lang: "ru",
        text: "Сергей Шойгу заявил: «За три недели Россия перебросила 40000 военнослужащих к \
               западным границам, чтобы ответить на угрозы НАТО».",
        people: &["Сергей Шойгу"],
        places: &["Россия", "НАТО"],
        figures: &[("40000", 40000.0)],
        quotes: &[("За три недели", Some("Сергей Шойгу"))],
    };
    let pl = Doc {
        name: "pl",
        lang: "pl",
        text: "Sergei Shoigu powiedział: „W ciągu trzech tygodni Rosja przerzuciła 40000 \
               żołnierzy do zachodnich granic, aby odpowiedzieć na zagrożenia ze strony NATO”.",
        people: &["Sergei Shoigu"],
        places: &["Rosja", "NATO"],
        figures: &[("40000", 40000.0)],
        quotes: &[("W ciągu trzech", Some("Sergei Shoigu"))],
    };
    let other = Doc {
        name: "other",
        lang: "pl",
        text: "Sergei Shoigu dodał: „Nasze 15000 pojazdów pozostanie w koszarach do wiosny”.",
        people: &["Sergei Shoigu"],
        places: &[],
        figures: &[("15000", 15000.0)],
        quotes: &[("Nasze 15000", Some("Sergei Shoigu"))],
    };
    let groups = shared(&[ru, pl, other], &[]);
    assert_eq!(
        groups,
        vec![vec![
            "pl:W ciągu trze".to_owned(),
            "ru:За три недел".to_owned()
        ]],
        "{groups:?}"
    );
}

#[test]
fn an_unattributed_rendering_joins_in_a_translation_pair() {
    let fr = Doc {
        name: "fr",
        lang: "fr",
        text: "Le président Emmanuel Macron a déclaré : « La France soutiendra l'Ukraine aussi \
               longtemps qu'il le faudra ». Puis « Rien ne justifie cette guerre ».",
        people: &["Emmanuel Macron"],
        places: &["France", "Francia", "Ukraine", "Ucrania"],
        figures: &[],
        quotes: &[
            ("La France soutiendra", Some("Emmanuel Macron")),
            ("Rien ne", None),
        ],
    };
    let es = Doc {
        name: "es",
        lang: "es",
        text: "El presidente francés, tras la reunión: «Francia apoyará a Ucrania todo el tiempo \
               que sea necesario». Luego Emmanuel Macron: «Nada justifica esta guerra».",
        people: &["Emmanuel Macron"],
        places: &["France", "Francia", "Ukraine", "Ucrania"],
        figures: &[],
        quotes: &[
            ("Francia apoyará", None),
            ("Nada justifica", Some("Emmanuel Macron")),
        ],
    };
    let groups = shared(&[fr, es], &[(0, 1)]);
    assert!(
        groups.contains(&vec![
            "es:Francia apoy".to_owned(),
            "fr:La France so".to_owned()
        ]),
        "{groups:?}"
    );
    // Not a translation pair: the unattributed one has nothing to stand on.
    let groups = shared(&[fr_again(), es_again()], &[]);
    assert!(
        !groups.iter().flatten().any(|r| r.starts_with("es:Francia")),
        "{groups:?}"
    );
}

fn fr_again() -> Doc {
    Doc {
        name: "fr",
        lang: "fr",
        text: "Le président Emmanuel Macron a déclaré : « La France soutiendra l'Ukraine aussi \
               longtemps qu'il le faudra ».",
        people: &["Emmanuel Macron"],
        places: &["France", "Francia", "Ukraine", "Ucrania"],
        figures: &[],
        quotes: &[("La France soutiendra", Some("Emmanuel Macron"))],
    }
}

fn es_again() -> Doc {
    Doc {
        name: "es",
        lang: "es",
        text: "El presidente francés, tras la reunión: «Francia apoyará a Ucrania todo el tiempo \
               que sea necesario».",
        people: &["Emmanuel Macron"],
        places: &["France", "Francia", "Ukraine", "Ucrania"],
        figures: &[],
        quotes: &[("Francia apoyará", None)],
    }
}

#[test]
fn different_figures_keep_statements_apart() {
    let a = Doc {
        name: "a",
        lang: "de",
        text: "Olaf Scholz sagte: \"Wir liefern 5000 Helme an die Ukraine.\"",
        people: &["Olaf Scholz"],
        places: &[],
        figures: &[("5000", 5000.0)],
        quotes: &[("Wir liefern", Some("Olaf Scholz"))],
    };
    let b = Doc {
        name: "b",
        lang: "de",
        text: "Olaf Scholz sagte: \"Wir liefern 100 Panzer an die Ukraine.\"",
        people: &["Olaf Scholz"],
        places: &[],
        figures: &[("100", 100.0)],
        quotes: &[("Wir liefern", Some("Olaf Scholz"))],
    };
    assert!(shared(&[a, b], &[]).is_empty());
}

#[test]
fn the_digest_is_bounded() {
    let long: String = "слово ".repeat(200);
    let text: &'static str = Box::leak(
        (0..12)
            .map(|i| format!("Person{i} said: \"{long}{i}\". "))
            .collect::<String>()
            .into_boxed_str(),
    );
    let quotes: Vec<(&'static str, Option<&'static str>)> = (0..12)
        .map(|i| {
            let words: &'static str = Box::leak(format!("{long}{i}").into_boxed_str());
            (words, None)
        })
        .collect();
    let doc = Doc {
        name: "long",
        lang: "ru",
        text,
        people: &[],
        places: &[],
        figures: &[],
        quotes: Box::leak(quotes.into_boxed_slice()),
    };
    let mut facts = facts(&doc);
    // The last quote is attributed: it is kept before the others.
    facts.quotes[11].speaker = Some("Person11".into());
    let kept = digest(&facts);
    assert_eq!(kept.len(), MAX_QUOTES);
    assert!(kept.iter().all(|q| q.text.len() <= MAX_QUOTE_TEXT));
    assert!(kept.last().is_some_and(|q| q.speaker_key.is_some()));
    assert!(kept.windows(2).all(|w| w[0].span.start < w[1].span.start));
}

#[test]
fn cognates_meet_across_languages() {
    let key = |w: &str| word_key(w);
    assert_eq!(key("konsentrasi"), key("Konzentration"));
    assert_eq!(key("Konzentration"), key("concentration"));
    assert_eq!(key("provokasinya"), key("provocations"));
    assert_eq!(key("militer"), key("militärische"));
    assert_ne!(key("provocations"), key("concentration"));
    assert_eq!(key("operation"), key("operación"));
    assert_eq!(key("police"), key("policía"));
    assert_eq!(key("war"), None);
}

#[test]
fn unattributed_renderings_with_the_same_words_join_without_a_speaker() {
    let a = Doc {
        name: "a",
        lang: "tr",
        text: "Görüşmede şunları söyledi: \"Başınız sağ olsun. Mekanı cennet olsun. Tüm aileye \
               başsağlığı dileklerimi ilet. Allah sabırlar versin inşallah\" ifadelerini kullandı.",
        people: &[],
        places: &[],
        figures: &[],
        quotes: &[("Başınız sağ", None)],
    };
    let b = Doc {
        name: "b",
        lang: "tr",
        text: "Telefonda \"Başınız sağ olsun. Mekanı cennet olsun. Tüm aileye başsağlığı \
               dileklerimi ilet. Allah sabırlar versin inşallah\" dedi.",
        people: &[],
        places: &[],
        figures: &[],
        quotes: &[("Başınız sağ", None)],
    };
    let title = |name: &'static str| Doc {
        name,
        lang: "en",
        text: "The series \"House of Cards\" ended.",
        people: &[],
        places: &[],
        figures: &[],
        quotes: &[("House of", None)],
    };
    assert_eq!(
        shared(&[a, b], &[]),
        vec![vec![
            "a:Başınız sağ ".to_owned(),
            "b:Başınız sağ ".to_owned()
        ]]
    );
    // A title in quote marks is not a statement.
    assert!(shared(&[title("x"), title("y")], &[]).is_empty());
}

#[test]
fn the_same_words_under_a_wrong_speaker_join_the_speaker_most_renderings_name() {
    let words = "I mean he has played more golf than most professional golfers";
    let trump = |name: &'static str, text: &'static str| Doc {
        name,
        lang: "en",
        text,
        people: &["Donald Trump"],
        places: &[],
        figures: &[],
        quotes: &[("I mean he", Some("Donald Trump"))],
    };
    let a = trump(
        "a",
        "Donald Trump said: \"I mean he has played more golf than most professional golfers.\"",
    );
    let b = trump(
        "b",
        "At the rally Donald Trump said: \"I mean he has played more golf than most professional golfers.\"",
    );
    let c = Doc {
        name: "c",
        lang: "en",
        text: "He attacked Barack Obama. \"I mean he has played more golf than most professional golfers,\" Barack Obama said.",
        people: &["Barack Obama"],
        places: &[],
        figures: &[],
        quotes: &[("I mean he", Some("Barack Obama"))],
    };
    assert!(words.len() > 30);
    let groups = shared(&[a, b, c], &[]);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].len(), 3, "{groups:?}");
}

#[test]
fn a_speaker_cut_short_by_the_tagger_is_the_same_person() {
    let a = Doc {
        name: "a",
        lang: "de",
        text: "Kim Jong-un sagte: \"Die Welt wird bald eine neue strategische Waffe erleben.\"",
        people: &["Kim Jong-un"],
        places: &[],
        figures: &[],
        quotes: &[("Die Welt wird", Some("Kim Jong-un"))],
    };
    let b = Doc {
        name: "b",
        lang: "de",
        text: "Kim Jong kündigte eine \"neue strategische Waffe\" an.",
        people: &["Kim Jong"],
        places: &[],
        figures: &[],
        quotes: &[("neue strategische", Some("Kim Jong"))],
    };
    let groups = shared(&[a, b], &[]);
    assert_eq!(groups.len(), 1, "{groups:?}");
}

#[test]
fn in_a_translation_pair_a_person_outweighs_a_place_taken_for_the_speaker() {
    let en = Doc {
        name: "en",
        lang: "en",
        text: "Andrew Constance told the Herald: \"We need people to listen, respond and get out of the area.\"",
        people: &["Andrew Constance"],
        places: &["Herald"],
        figures: &[],
        quotes: &[("We need people", Some("Andrew Constance"))],
    };
    let it = Doc {
        name: "it",
        lang: "it",
        text: "Andrew Constance ha detto all'Herald: \"Abbiamo bisogno che le persone ascoltino, rispondano e lascino la zona.\"",
        people: &["Andrew Constance"],
        places: &["Herald"],
        figures: &[],
        quotes: &[("Abbiamo bisogno", Some("Herald"))],
    };
    let groups = shared(&[en, it], &[(0, 1)]);
    assert_eq!(groups.len(), 1, "{groups:?}");
}

/// Biden's two statements with one formula, in two stories of a topic.
fn formula_docs() -> [Doc; 2] {
    [
        Doc {
            name: "april",
            lang: "en",
            text: "Joe Biden affirmed \"the unwavering commitment of the United States to the sovereignty and territorial integrity of the country\" in the call.",
            people: &["Joe Biden"],
            places: &["United States"],
            figures: &[],
            quotes: &[("the unwavering", Some("Joe Biden"))],
        },
        Doc {
            name: "december",
            lang: "en",
            text: "Joe Biden will \"highlight concerns about the military activities and reaffirm support for the sovereignty and territorial integrity of the country\" in the call.",
            people: &["Joe Biden"],
            places: &[],
            figures: &[],
            quotes: &[("highlight concerns", Some("Joe Biden"))],
        },
    ]
}

#[test]
fn a_formula_repeated_months_later_in_another_story_is_another_statement() {
    let april = 18_730; // 2021-04-13
    let december = 18_963; // 2021-12-02
    let apart = shared_in_stories(&formula_docs(), &[], &[1], &[Some(april), Some(december)]);
    assert!(apart.is_empty(), "{apart:?}");
    // In one story the usual bar applies, and reported within days across two stories too.
    let days_apart = shared_in_stories(&formula_docs(), &[], &[1], &[Some(april), Some(april + 2)]);
    assert_eq!(days_apart.len(), 1, "{days_apart:?}");
    assert_eq!(days_apart, shared(&formula_docs(), &[]));
}

#[test]
fn a_statement_quoted_word_for_word_joins_across_the_stories_of_a_topic() {
    let doc = |name: &'static str, text: &'static str| Doc {
        name,
        lang: "de",
        text,
        people: &["Kim"],
        places: &[],
        figures: &[],
        quotes: &[("Die Welt", Some("Kim"))],
    };
    let a = doc(
        "a",
        "Kim sagte: \"Die Welt wird bald eine neue strategische Waffe erleben.\" Dann ging er.",
    );
    let b = doc(
        "b",
        "Monate danach wiederholte Kim: \"Die Welt wird bald eine neue strategische Waffe erleben.\"",
    );
    let groups = shared_in_stories(&[a, b], &[], &[1], &[Some(18_000), Some(18_100)]);
    assert_eq!(groups.len(), 1, "{groups:?}");
}

#[test]
fn a_translation_without_cognates_joins_on_its_words_meanings() {
    // "Welt", "bald", "neue", "Waffe" share no stem with "world", "soon", "new", "weapon": the
    // bilingual lexicon's meanings join the unattributed renderings; the other statements, about
    // something else, stay apart.
    let de = Doc {
        name: "de",
        lang: "de",
        text: "Kim sagte: \"Die Welt wird bald eine neue strategische Waffe sehen.\" Kim \
               sagte auch: \"Wir werden unsere Würde niemals verkaufen.\"",
        people: &["Kim"],
        places: &[],
        figures: &[],
        quotes: &[("Die Welt", None), ("Wir werden", None)],
    };
    let en = Doc {
        name: "en",
        lang: "en",
        text: "Kim said: \"The world will soon witness a new strategic weapon.\" He spoke of \
               economic growth: \"Our farms will grow more food this year.\"",
        people: &["Kim"],
        places: &[],
        figures: &[],
        quotes: &[("The world", None), ("Our farms", None)],
    };
    assert_eq!(
        shared(&[de, en], &[]),
        vec![vec![
            "de:Die Welt wir".to_owned(),
            "en:The world wi".to_owned()
        ]]
    );
}
