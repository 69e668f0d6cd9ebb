//! The seeds' entities: the pipeline's own mentions of `data/samples`, digested and resolved as
//! reconcile does, give one entity each for the people, organisations and places the seeds
//! share across languages (issue 12, "Done means").

use concord_model::codec::FrameReader;
use concord_model::{Batch, DocFacts, Entity, EntityType, Item, StoryId};
use concord_reconcile::entities::{DocNames, NameTable, digest, resolve};
use concord_tests::{config, run_into, scratch};

/// The seeds' stories as reconcile finds them: {000, 001, 003} and {002, 004}.
fn seed_story(path: &str) -> StoryId {
    let file = path.rsplit('/').next().unwrap_or(path);
    StoryId(u64::from(
        file.starts_with("002") || file.starts_with("004"),
    ))
}

fn seed_entities() -> Vec<Entity> {
    let out = scratch("entities");
    run_into(&out, &["data/samples"], 2, &config(), true);
    let file = std::fs::File::open(out.join("facts.bin")).expect("facts.bin");
    let mut reader = FrameReader::open(std::io::BufReader::new(file)).expect("header");
    let mut facts: Vec<DocFacts> = Vec::new();
    while let Some(batch) = reader.read::<Batch<DocFacts>>().expect("frame") {
        facts.extend(batch.items.into_iter().filter_map(|item| match item {
            Item::Doc(doc) => Some(doc),
            Item::Quarantined(_) => None,
        }));
    }
    let digests: Vec<_> = facts
        .iter()
        .map(|f| digest(&f.doc.text, &f.entities))
        .collect();
    let docs: Vec<DocNames<'_>> = facts
        .iter()
        .zip(&digests)
        .map(|(f, names)| DocNames {
            doc: f.doc.id,
            lang: &f.doc.lang.code,
            story: Some(seed_story(&f.doc.source.path)),
            names,
        })
        .collect();
    resolve(&docs, &NameTable::new())
}

/// Checks that the variants with one of the words `parts` (lowercase) are all in one entity,
/// and that there are at least `min_variants` of them.
fn check_one_entity(entities: &[Entity], name: &str, parts: &[&str], min_variants: usize) {
    let holding: Vec<&Entity> = entities
        .iter()
        .filter(|e| {
            e.kind != EntityType::Misc
                && e.variants.iter().any(|v| {
                    let t = v.text.to_lowercase();
                    t.split(|c: char| !c.is_alphanumeric())
                        .any(|w| parts.contains(&w))
                })
        })
        .collect();
    let listing = || {
        holding
            .iter()
            .map(|e| {
                let v: Vec<&str> = e.variants.iter().map(|v| v.text.as_str()).collect();
                format!("{} {:?} {:?}", e.name, e.kind, v)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(holding.len(), 1, "{name}: not one entity: {:?}", listing());
    let variants = holding[0].variants.len();
    assert!(
        variants >= min_variants,
        "{name}: {variants} variants: {:?}",
        listing()
    );
}

#[test]
fn the_seeds_name_each_entity_once() {
    let entities = seed_entities();
    for (name, parts, min_variants) in [
        ("Stoltenberg", &["stoltenberg", "stoltemberg"][..], 4),
        ("Shoigu", &["shoigu", "schoigu"][..], 3),
        ("Kuleba", &["kuleba", "kouleba", "kulebanach"][..], 3),
        ("Goltz", &["goltz", "goltzschätzen"][..], 2),
        ("Putin", &["putin", "poutin", "putins"][..], 3),
        ("Blinken", &["blinken"][..], 2),
        ("NATO", &["nato", "otan"][..], 2),
        ("OSCE", &["osce", "ocse"][..], 3),
        ("Ukraine", &["ukraine", "ukraina"][..], 2),
        (
            "Russia",
            &["russia", "rusia", "russland", "russlands"][..],
            3,
        ),
    ] {
        check_one_entity(&entities, name, parts, min_variants);
    }
    // The clean variants name the entities; the glued artefacts are marked repaired.
    for (part, canonical) in [
        ("kulebanach", "Dmitro Kuleba"),
        ("goltzschätzen", "Alexander Goltz"),
        ("stoltemberg", "Jens Stoltenberg"),
    ] {
        let entity = entities
            .iter()
            .find(|e| {
                e.variants
                    .iter()
                    .any(|v| v.text.to_lowercase().contains(part))
            })
            .expect(part);
        assert_eq!(entity.name, canonical, "{part}");
        if part != "stoltemberg" {
            let glued = entity
                .variants
                .iter()
                .find(|v| v.text.to_lowercase().contains(part));
            assert!(
                glued.is_some_and(|v| v.repaired),
                "{part} not marked repaired"
            );
        }
    }
}
