//! Tests of machine-translation damage: hand-made translation pairs in several languages and
//! scripts, with the cases that must not be flagged.

use concord_model::{
    CleanDoc, ContentHash, DocFacts, DocId, EntityType, Figure, InputFormat, LangGuess, Mention,
    MtDamage, OffsetMap, Qualifier, Repairs, SourceRef, Span, Story, StoryId,
};

use super::{find_in_pairs, repair_entities_with_langs};
use crate::ReconcileConfig;
use crate::analysis::analyse;
use crate::digest::digest;

/// A document whose names and figures are found by their text (every occurrence).
fn doc(
    name: &str,
    lang: &str,
    text: &str,
    names: &[(&str, EntityType)],
    figures: &[(&str, f64)],
) -> DocFacts {
    let mut entities = Vec::new();
    for &(n, kind) in names {
        for (at, _) in text.match_indices(n) {
            entities.push(Mention {
                span: Span::new(at, at + n.len()),
                kind,
                base: n.to_owned(),
            });
        }
    }
    entities.sort_by_key(|m| m.span.start);
    let figures = figures
        .iter()
        .filter_map(|&(f, value)| {
            let at = text.find(f)?;
            Some(Figure {
                span: Span::new(at, at + f.len()),
                value,
                value_max: None,
                qualifier: Qualifier::Exact,
                unit: None,
                counted: None,
                counted_base: None,
                sentence: 0,
            })
        })
        .collect();
    let source = SourceRef::file(format!("{name}.txt"));
    let content_hash = ContentHash::of(text.as_bytes());
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
                code: lang.to_owned(),
                confidence: 1.0,
            },
            text: text.to_owned(),
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
        quotes: Vec::new(),
    }
}

/// Damage over `docs` with the given pairs, all documents in one story.
fn run(
    docs: &[&DocFacts],
    pairs: &[(usize, usize)],
) -> (Vec<MtDamage>, Vec<concord_model::Entity>) {
    let analysis = analyse(
        &ReconcileConfig::recommended(),
        docs.iter().map(|f| digest(f, false)).collect(),
    );
    let corpus = analysis.corpus();
    let mut ids: Vec<DocId> = docs.iter().map(|f| f.doc.id).collect();
    let pairs: Vec<(DocId, DocId)> = pairs.iter().map(|&(a, b)| (ids[a], ids[b])).collect();
    ids.sort();
    let story = Story {
        id: StoryId(1),
        ..crate::tests::bare_story(b"", ids)
    };
    let mut entities = corpus.entities.clone();
    for e in &mut entities {
        // Undo the corpus's own repairs: tests look at find alone.
        e.variants.retain(|v| !v.repaired);
    }
    (
        find_in_pairs(&analysis, &[story], &pairs, &entities),
        entities,
    )
}

#[test]
fn a_surname_translated_as_a_common_word_is_repaired_from_the_other_side() {
    let id = doc(
        "id",
        "id",
        "Menteri Luar Negeri AS, Antony berkedip, di Brussel untuk bertemu sekutu.",
        &[
            ("Antony", EntityType::Person),
            ("Brussel", EntityType::Location),
        ],
        &[],
    );
    let de = doc(
        "de",
        "de",
        "Der US-Außenminister Antony Blinken, in Brüssel, um Verbündete zu treffen.",
        &[
            ("Antony Blinken", EntityType::Person),
            ("Brüssel", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&id, &de], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.doc, id.doc.id);
    assert_eq!(d.text, "Antony berkedip");
    assert_eq!(d.span.of(&id.doc.text), "Antony berkedip");
    assert_eq!(d.repair, "Antony Blinken");
    assert_eq!(d.evidence[0].text, "Antony Blinken");
}

#[test]
fn a_lowercased_name_is_known_from_a_third_document() {
    // Neither side names "Antony Blinken"; the story does, and the German side only lowercased it.
    let id = doc(
        "id",
        "id",
        "Menteri AS, Antony berkedip, di Brussel.",
        &[("Antony", EntityType::Location)],
        &[],
    );
    let de = doc(
        "de",
        "de",
        "Der US-Außenminister, Antony blinken, in Brüssel.",
        &[("Antony", EntityType::Location)],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "Secretary of State Antony Blinken met his counterpart.",
        &[("Antony Blinken", EntityType::Person)],
        &[],
    );
    let (found, _) = run(&[&id, &de, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].doc, id.doc.id);
    assert_eq!(found[0].repair, "Antony Blinken");
    assert!(found[0].evidence.iter().any(|e| e.text == "Antony blinken"));
}

#[test]
fn a_name_in_cyrillic_meets_its_latin_spelling() {
    let ru = doc(
        "ru",
        "ru",
        "Госсекретарь США Антони моргать прибыл в Брюссель.",
        &[
            ("Антони", EntityType::Person),
            ("Брюссель", EntityType::Location),
        ],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "US Secretary of State Antony Blinken arrived in Brussels.",
        &[
            ("Antony Blinken", EntityType::Person),
            ("Brussels", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&ru, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text, "Антони моргать");
    assert_eq!(found[0].repair, "Antony Blinken");
}

#[test]
fn a_lost_magnitude_is_repaired_with_the_full_value() {
    let it = doc(
        "it",
        "it",
        "Almeno 100 mila unità sarebbero schierate al confine occidentale, dice Mosca.",
        &[("Mosca", EntityType::Location)],
        &[("100 mila unità", 100_000.0)],
    );
    let de = doc(
        "de",
        "de",
        "Mindestens 100 Einheiten würden an den Westgrenzen eingesetzt, sagt Moskau.",
        &[("Moskau", EntityType::Location)],
        &[("100 Einheiten", 100.0)],
    );
    let pl = doc(
        "pl",
        "pl",
        "Co najmniej 100 tysięcy jednostek przy zachodniej granicy, mówi Moskwa.",
        &[("Moskwa", EntityType::Location)],
        &[("100 tysięcy jednostek", 100_000.0)],
    );
    let (found, _) = run(&[&it, &de, &pl], &[(0, 1), (1, 2), (0, 2)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.doc, de.doc.id);
    assert_eq!(d.text, "100 Einheiten");
    assert_eq!(d.repair, "100000");
    assert_eq!(d.repair.parse::<f64>().ok(), Some(100_000.0));
    assert_eq!(d.evidence.len(), 2);
}

#[test]
fn damage_in_both_renderings_is_found_through_the_story() {
    let de = doc(
        "de",
        "de",
        "Die NATO-Verbündete trafen sich. Der Generalsekretär der geboren Jens Stoltemberg sagte, die Lage sei ernst.",
        &[
            ("NATO", EntityType::Organization),
            ("Jens Stoltemberg", EntityType::Person),
        ],
        &[],
    );
    let id = doc(
        "id",
        "id",
        "Sekutu NATO bertemu. Sekretaris Jenderal yg dibawa lahir Jens Stoltemberg berkata, situasinya serius.",
        &[
            ("NATO", EntityType::Organization),
            ("Jens Stoltemberg", EntityType::Person),
        ],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "The NATO Secretary-General met the minister. Jens Stoltenberg said the situation was serious.",
        &[
            ("NATO", EntityType::Organization),
            ("Jens Stoltenberg", EntityType::Person),
        ],
        &[],
    );
    let (found, _) = run(&[&de, &id, &en], &[(0, 1)]);
    let texts: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d.text.as_str(), d.repair.as_str()))
        .collect();
    assert!(texts.contains(&("geboren", "NATO")), "{found:?}");
    assert!(texts.contains(&("lahir", "NATO")), "{found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
    let german = found.iter().find(|d| d.text == "geboren").expect("german");
    assert!(
        german
            .evidence
            .iter()
            .any(|e| e.doc == en.doc.id && e.text == "NATO")
    );
}

#[test]
fn agreeing_renderings_are_not_flagged() {
    let fr = doc(
        "fr",
        "fr",
        "Le secrétaire d'État Antony Blinken a rencontré 40 000 soldats à Bruxelles.",
        &[
            ("Antony Blinken", EntityType::Person),
            ("Bruxelles", EntityType::Location),
        ],
        &[("40 000 soldats", 40_000.0)],
    );
    let es = doc(
        "es",
        "es",
        "El secretario de Estado Antony Blinken visitó a 40.000 soldados en Bruselas.",
        &[
            ("Antony Blinken", EntityType::Person),
            ("Bruselas", EntityType::Location),
        ],
        &[("40.000 soldados", 40_000.0)],
    );
    let (found, _) = run(&[&fr, &es], &[(0, 1)]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn far_apart_or_inflected_anchors_are_not_flagged() {
    // "3" and "3000" at opposite ends of the texts; "Angela merkels" is the name inflected.
    let en = doc(
        "en",
        "en",
        "Chancellor Angela Merkel spoke of 3000 refugees. Many other words follow here to make the text long enough for positions to matter at all, and then 7 more.",
        &[("Angela Merkel", EntityType::Person)],
        &[("3000 refugees", 3000.0), ("7 more", 7.0)],
    );
    let de = doc(
        "de",
        "de",
        "Kanzlerin Angela merkels Rede über viele Flüchtlinge. Viele andere Wörter folgen hier, damit der Text lang genug ist und Positionen zählen, dann 3 weitere.",
        &[("Angela", EntityType::Person)],
        &[("3 weitere", 3.0)],
    );
    let (found, _) = run(&[&en, &de], &[(0, 1)]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_repaired_name_becomes_a_mention_of_its_entity() {
    let id = doc(
        "id",
        "id",
        "Menteri AS, Antony berkedip, di Brussel.",
        &[("Antony", EntityType::Location)],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "Secretary of State Antony Blinken, in Brussels.",
        &[("Antony Blinken", EntityType::Person)],
        &[],
    );
    let (found, mut entities) = run(&[&id, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let before = entities.clone();
    let langs = [(id.doc.id, "id"), (en.doc.id, "en")];
    let mut langs = langs.to_vec();
    langs.sort();
    repair_entities_with_langs(&mut entities, &found, &langs);
    let blinken = entities
        .iter()
        .find(|e| e.name == "Antony Blinken")
        .expect("entity");
    let variant = blinken
        .variants
        .iter()
        .find(|v| v.text == "Antony berkedip")
        .expect("variant");
    assert!(variant.repaired);
    assert_eq!(variant.lang, "id");
    assert!(blinken.docs.contains(&id.doc.id));
    assert!(
        blinken
            .mentions
            .iter()
            .any(|m| m.doc == id.doc.id && m.span == found[0].span)
    );
    // Ids do not change, and the order is by mentions then id.
    let mut ids: Vec<_> = before.iter().map(|e| e.id).collect();
    let mut after: Vec<_> = entities.iter().map(|e| e.id).collect();
    ids.sort();
    after.sort();
    assert_eq!(ids, after);
    assert!(
        entities
            .windows(2)
            .all(|w| w[0].mentions.len() >= w[1].mentions.len())
    );
    // Repairing twice adds nothing.
    let again = entities.clone();
    repair_entities_with_langs(&mut entities, &found, &langs);
    assert_eq!(entities, again);
}

#[test]
fn a_first_name_the_tagger_left_out_still_shows_the_damage() {
    // The tagger found no name in "Sandile fiume": the first name alone is no mention.
    let it = doc(
        "it",
        "it",
        "A Durban il dottor Sandile fiume ha ringraziato gli ospedali di Durban per il lavoro.",
        &[("Durban", EntityType::Location)],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "In Durban Dr Sandile Tshabalala thanked the hospitals of Durban for their work.",
        &[
            ("Sandile Tshabalala", EntityType::Person),
            ("Durban", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&it, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text, "Sandile fiume");
    assert_eq!(found[0].repair, "Sandile Tshabalala");
}

#[test]
fn a_surname_inside_a_mistyped_run_on_is_still_a_surname() {
    // The English tagger ran the title into the name and called it an organisation.
    let it = doc(
        "it",
        "it",
        "Il capo del dipartimento, il dottor Sandile casa, ha parlato ai giornalisti a Durban.",
        &[
            ("Sandile", EntityType::Person),
            ("Durban", EntityType::Location),
        ],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "KZN Health Head of Department Dr Sandile Tshabalala spoke to reporters in Durban.",
        &[
            (
                "KZN Health Head of Department Dr Sandile Tshabalala",
                EntityType::Organization,
            ),
            ("Durban", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&it, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text, "Sandile casa");
    assert_eq!(found[0].repair, "Sandile Tshabalala");
}

#[test]
fn a_name_followed_by_a_function_word_is_no_damage() {
    // "Minnesota in" is the team's short name, not "Wild" translated; "Street" is a common word
    // that translations render on purpose.
    let en = doc(
        "en",
        "en",
        "Selected by Minnesota in the second round, he left Broad Street last year.",
        &[
            ("Minnesota", EntityType::Organization),
            ("Broad Street", EntityType::Location),
        ],
        &[],
    );
    let it = doc(
        "it",
        "it",
        "Scelto dai Minnesota Wild al secondo giro, ha lasciato Broad via l'anno scorso.",
        &[
            ("Minnesota Wild", EntityType::Organization),
            ("Broad", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&en, &it], &[(0, 1)]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_last_name_of_a_run_on_mention_has_its_own_side() {
    // The tagger ran "Il senatore democratico" into "Amy"; the word after the mention is the
    // surname machine translation turned into "finestra".
    let it = doc(
        "it",
        "it",
        "Il senatore democratico Amy finestra ha detto che la campagna continua in Iowa.",
        &[
            ("Il senatore democratico Amy", EntityType::Misc),
            ("Iowa", EntityType::Location),
        ],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "Democratic Senator Amy Klobuchar said the campaign goes on in Iowa.",
        &[
            ("Amy Klobuchar", EntityType::Person),
            ("Iowa", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&it, &en], &[(0, 1)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text, "Amy finestra");
    assert_eq!(found[0].repair, "Amy Klobuchar");
}

#[test]
fn a_translated_place_name_is_no_damage() {
    // "Rosas" is the Spanish rendering of "Rose" in "Rose Parade", not a name that lost its
    // second word; in "la mina Ray Las negociaciones" (a full stop lost in scraping), "Las" is
    // the next sentence's first word, not a surname "Ray mine" lost.
    let es = doc(
        "es",
        "es",
        "Espectadores del Desfile de las Rosas fueron arrestados. Los mineros en huelga a la \
         entrada de la mina Ray Las negociaciones siguen estancadas.",
        &[
            ("Rosas", EntityType::Location),
            ("Ray Las", EntityType::Person),
        ],
        &[],
    );
    let en = doc(
        "en",
        "en",
        "Spectators of the Rose Parade were arrested. Striking miners at the entrance to the \
         Ray mine Negotiations have been stalled.",
        &[
            ("Rose Parade", EntityType::Location),
            ("Ray", EntityType::Location),
        ],
        &[],
    );
    let (found, _) = run(&[&es, &en], &[(0, 1)]);
    assert!(found.is_empty(), "{found:?}");
}
