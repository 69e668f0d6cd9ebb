//! What changed between two runs over a growing corpus: this run's groups matched to the
//! previous run's by what outlives a run (member documents, value spans, variant texts), never by
//! group id, since ids change as groups grow.

use std::collections::{HashMap, HashSet};

use concord_model::{
    Change, ChangeKind, ClaimKnown, Corpus, CorpusSummary, DocId, EntityKnown, Span,
};

/// The corpus reduced to what the next run compares against.
pub fn summary(corpus: &Corpus) -> CorpusSummary {
    CorpusSummary {
        stories: corpus
            .stories
            .iter()
            .map(|s| sorted(s.docs.clone()))
            .collect(),
        entities: corpus
            .entities
            .iter()
            .map(|e| EntityKnown {
                kind: e.kind,
                variants: sorted(e.variants.iter().map(|v| v.text.clone()).collect()),
            })
            .collect(),
        claims: corpus
            .claims
            .iter()
            .map(|c| ClaimKnown {
                values: sorted(c.values.iter().map(|v| (v.doc, v.span)).collect()),
                verdict: c.verdict,
            })
            .collect(),
    }
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items.dedup();
    items
}

/// What `now` has that `before` had not: new and grown stories, new entities and variants, new
/// and changed claims, in the order of `now`'s outputs (stories, entities, claims).
pub fn changes(before: &CorpusSummary, now: &Corpus) -> Vec<Change> {
    let mut out = story_changes(before, now);
    out.extend(entity_changes(before, now));
    out.extend(claim_changes(before, now));
    out
}

fn story_changes(before: &CorpusSummary, now: &Corpus) -> Vec<Change> {
    let known: HashSet<DocId> = before.stories.iter().flatten().copied().collect();
    now.stories
        .iter()
        .filter_map(|story| {
            let added: Vec<String> = story
                .docs
                .iter()
                .filter(|d| !known.contains(d))
                .map(ToString::to_string)
                .collect();
            let kind = match added.len() {
                0 => return None,
                n if n == story.docs.len() => ChangeKind::NewStory,
                _ => ChangeKind::StoryGrew,
            };
            Some(Change {
                kind,
                item: story.id.to_string(),
                label: story.label.clone(),
                added,
                verdict: None,
                was: None,
            })
        })
        .collect()
}

fn entity_changes(before: &CorpusSummary, now: &Corpus) -> Vec<Change> {
    let known: HashSet<(&str, concord_model::EntityType)> = before
        .entities
        .iter()
        .flat_map(|e| e.variants.iter().map(move |v| (v.as_str(), e.kind)))
        .collect();
    now.entities
        .iter()
        .filter_map(|entity| {
            let mut added: Vec<String> = entity
                .variants
                .iter()
                .filter(|v| !known.contains(&(v.text.as_str(), entity.kind)))
                .map(|v| v.text.clone())
                .collect();
            added.sort();
            added.dedup();
            let kind = match added.len() {
                0 => return None,
                n if n == entity.variants.len() => ChangeKind::NewEntity,
                _ => ChangeKind::NewVariant,
            };
            Some(Change {
                kind,
                item: entity.id.to_string(),
                label: entity.name.clone(),
                added,
                verdict: None,
                was: None,
            })
        })
        .collect()
}

fn claim_changes(before: &CorpusSummary, now: &Corpus) -> Vec<Change> {
    let mut claim_of: HashMap<(DocId, Span), usize> = HashMap::new();
    for (i, claim) in before.claims.iter().enumerate() {
        for value in &claim.values {
            claim_of.entry(*value).or_insert(i);
        }
    }
    now.claims
        .iter()
        .filter_map(|claim| {
            let added: Vec<String> = claim
                .values
                .iter()
                .filter(|v| !claim_of.contains_key(&(v.doc, v.span)))
                .map(|v| format!("{}:{}", v.doc, v.value))
                .collect();
            // The earlier claim it continues: the one holding its first known value.
            let was = claim
                .values
                .iter()
                .find_map(|v| claim_of.get(&(v.doc, v.span)))
                .map(|&i| before.claims[i].verdict);
            let kind = match was {
                None => ChangeKind::NewClaim,
                Some(verdict) if !added.is_empty() || verdict != claim.verdict => {
                    ChangeKind::ClaimChanged
                }
                Some(_) => return None,
            };
            Some(Change {
                kind,
                item: claim.id.to_string(),
                label: claim.what.clone(),
                added,
                verdict: Some(claim.verdict),
                was: was.filter(|&w| w != claim.verdict),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::{EntityId, EntityType, Story, StoryId, Variant};

    fn story(docs: &[u64]) -> Story {
        Story {
            id: StoryId::of(&docs[0].to_le_bytes()),
            label: format!("story {}", docs[0]),
            docs: docs.iter().map(|&d| DocId(d)).collect(),
            languages: Vec::new(),
            sites: Vec::new(),
            first: None,
            last: None,
            evidence: Vec::new(),
            corrected: false,
        }
    }

    fn entity(name: &str, variants: &[&str]) -> concord_model::Entity {
        concord_model::Entity {
            id: EntityId::of(name.as_bytes()),
            name: name.to_owned(),
            kind: EntityType::Person,
            geonames: None,
            variants: variants
                .iter()
                .map(|v| Variant {
                    text: (*v).to_owned(),
                    lang: "en".to_owned(),
                    count: 1,
                    mixed_script: false,
                    repaired: false,
                })
                .collect(),
            mentions: Vec::new(),
            docs: Vec::new(),
            corrected: false,
        }
    }

    #[test]
    fn stories_and_entities_are_matched_by_members_not_ids() {
        let before = Corpus {
            stories: vec![story(&[5, 9])],
            entities: vec![entity("Putin", &["Putin", "Путин"])],
            ..Corpus::default()
        };
        // The story gains an article older than its smallest member: its id changes.
        let now = Corpus {
            stories: vec![story(&[1, 5, 9]), story(&[20])],
            entities: vec![
                entity("Putin", &["Poutine", "Putin", "Путин"]),
                entity("Kuleba", &["Kuleba"]),
            ],
            ..Corpus::default()
        };
        let found = changes(&summary(&before), &now);
        let kinds: Vec<(ChangeKind, Vec<String>)> =
            found.iter().map(|c| (c.kind, c.added.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (ChangeKind::StoryGrew, vec![DocId(1).to_string()]),
                (ChangeKind::NewStory, vec![DocId(20).to_string()]),
                (ChangeKind::NewVariant, vec!["Poutine".to_owned()]),
                (ChangeKind::NewEntity, vec!["Kuleba".to_owned()]),
            ]
        );
        // The same corpus again changes nothing.
        assert!(changes(&summary(&now), &now).is_empty());
    }
}
