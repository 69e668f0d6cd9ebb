//! An analyst's corrections, applied after every decision reconcile makes, so they hold in every
//! later run however the groups grow. They name documents, spans and names, never group ids
//! (which change as groups gain members), and every item they change is marked `corrected`.
//!
//! - "these two entities are one": two names (a variant as written, or the mention at a document
//!   span); every entity that has either is merged into the one with the most mentions;
//! - "this document is not in the story of that document": the document leaves that story and
//!   becomes a story of its own;
//! - "these values are not a conflict": the claim holding those values is not a conflict (its
//!   verdict becomes `agree`).

use concord_model::{Claim, DocDigest, DocId, Entity, SpanRef, Verdict};

/// A name an analyst points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameRef {
    /// A variant exactly as written ("Stoltenberg", "Столтенберг").
    Text(String),
    /// The mention at this place.
    Mention(SpanRef),
}

/// Every correction of a run, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Pairs of names of one entity.
    pub same_entity: Vec<(NameRef, NameRef)>,
    /// `(doc, of)`: `doc` is not in the story of `of`.
    pub not_in_story: Vec<(DocId, DocId)>,
    /// Values (each the span of a figure) that are not a conflict.
    pub not_conflict: Vec<Vec<SpanRef>>,
}

impl Corrections {
    /// Whether there is nothing to correct.
    pub fn is_empty(&self) -> bool {
        self.same_entity.is_empty() && self.not_in_story.is_empty() && self.not_conflict.is_empty()
    }
}

/// Applies the story corrections to story groups (member indices into `docs`, which is sorted by
/// id); returns the groups, each sorted, and whether each was corrected.
pub fn stories(
    groups: &[Vec<u32>],
    docs: &[DocDigest],
    corrections: &Corrections,
) -> (Vec<Vec<u32>>, Vec<bool>) {
    let mut groups = groups.to_vec();
    let mut corrected = vec![false; groups.len()];
    let index = |id: DocId| {
        docs.binary_search_by_key(&id, |d| d.id)
            .ok()
            .map(|i| i as u32)
    };
    for &(doc, of) in &corrections.not_in_story {
        let (Some(doc), Some(of)) = (index(doc), index(of)) else {
            continue;
        };
        if doc == of {
            continue;
        }
        let Some(g) = groups
            .iter()
            .position(|members| members.contains(&doc) && members.contains(&of))
        else {
            continue;
        };
        groups[g].retain(|&m| m != doc);
        corrected[g] = true;
        groups.push(vec![doc]);
        corrected.push(true);
    }
    for members in &mut groups {
        members.sort_unstable();
    }
    (groups, corrected)
}

/// Whether `entity` has the name `name`.
fn has(entity: &Entity, name: &NameRef) -> bool {
    match name {
        NameRef::Text(text) => entity.variants.iter().any(|v| &v.text == text),
        NameRef::Mention(at) => entity
            .mentions
            .iter()
            .any(|m| m.doc == at.doc && m.span.start < at.span.end && at.span.start < m.span.end),
    }
}

/// Applies the entity corrections: merges the entities each pair names, then restores the order
/// of `entities.jsonl` (most mentioned first, then by id).
pub fn entities(entities: &mut Vec<Entity>, corrections: &Corrections) {
    for (a, b) in &corrections.same_entity {
        let named: Vec<usize> = (0..entities.len())
            .filter(|&i| has(&entities[i], a) || has(&entities[i], b))
            .collect();
        if named.len() < 2 {
            continue;
        }
        let keep = *named
            .iter()
            .max_by(|&&x, &&y| {
                let (ex, ey) = (&entities[x], &entities[y]);
                ex.mentions
                    .len()
                    .cmp(&ey.mentions.len())
                    .then(ey.id.cmp(&ex.id))
            })
            .expect("two or more");
        let absorbed: Vec<Entity> = named
            .iter()
            .rev()
            .filter(|&&i| i != keep)
            .map(|&i| entities.remove(i))
            .collect();
        let keep = keep - named.iter().filter(|&&i| i < keep).count();
        merge(&mut entities[keep], absorbed);
    }
    entities.sort_by(|x, y| {
        y.mentions
            .len()
            .cmp(&x.mentions.len())
            .then(x.id.cmp(&y.id))
    });
}

fn merge(into: &mut Entity, others: Vec<Entity>) {
    for other in others {
        for variant in other.variants {
            match into
                .variants
                .iter_mut()
                .find(|v| v.text == variant.text && v.lang == variant.lang)
            {
                Some(known) => known.count += variant.count,
                None => into.variants.push(variant),
            }
        }
        into.mentions.extend(other.mentions);
        into.docs.extend(other.docs);
        into.geonames = into.geonames.or(other.geonames);
    }
    into.variants.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then((&a.text, &a.lang).cmp(&(&b.text, &b.lang)))
    });
    into.mentions.sort();
    into.mentions.dedup();
    into.docs.sort();
    into.docs.dedup();
    into.corrected = true;
}

/// Applies the claim corrections: a claim holding every value of a "not a conflict" correction
/// is not a conflict.
pub fn claims(claims: &mut [Claim], corrections: &Corrections) {
    for values in &corrections.not_conflict {
        for claim in claims.iter_mut() {
            let holds = |at: &SpanRef| {
                claim.values.iter().any(|v| {
                    v.doc == at.doc && v.span.start < at.span.end && at.span.start < v.span.end
                })
            };
            if !values.is_empty() && values.iter().all(holds) && claim.verdict == Verdict::Conflict
            {
                claim.verdict = Verdict::Agree;
                claim.corrected = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::{EntityId, EntityType, Span, Variant};

    fn entity(name: &str, mentions: &[(u64, usize)]) -> Entity {
        Entity {
            id: EntityId::of(name.as_bytes()),
            name: name.to_owned(),
            kind: EntityType::Person,
            geonames: None,
            variants: vec![Variant {
                text: name.to_owned(),
                lang: "en".to_owned(),
                count: mentions.len() as u32,
                mixed_script: false,
                repaired: false,
            }],
            mentions: mentions
                .iter()
                .map(|&(doc, at)| SpanRef {
                    doc: DocId(doc),
                    span: Span::new(at, at + name.len()),
                })
                .collect(),
            docs: mentions.iter().map(|&(doc, _)| DocId(doc)).collect(),
            corrected: false,
        }
    }

    #[test]
    fn named_entities_merge_into_the_most_mentioned() {
        let mut found = vec![
            entity("Jens Stoltenberg", &[(1, 0), (2, 5), (3, 9)]),
            entity("Kuleba", &[(1, 40)]),
            entity("Stoltenbergs", &[(4, 7)]),
        ];
        let corrections = Corrections {
            same_entity: vec![(
                NameRef::Text("Jens Stoltenberg".into()),
                NameRef::Mention(SpanRef {
                    doc: DocId(4),
                    span: Span::new(8, 9),
                }),
            )],
            ..Corrections::default()
        };
        entities(&mut found, &corrections);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Jens Stoltenberg");
        assert!(found[0].corrected && !found[1].corrected);
        assert_eq!(found[0].mentions.len(), 4);
        assert_eq!(found[0].variants.len(), 2);
        // A name no entity has changes nothing.
        let before = found.clone();
        let nobody = Corrections {
            same_entity: vec![(
                NameRef::Text("Putin".into()),
                NameRef::Text("Kuleba".into()),
            )],
            ..Corrections::default()
        };
        entities(&mut found, &nobody);
        assert_eq!(found, before);
    }
}
