//! Entities across documents and languages: every mention of one real person, organisation,
//! place or event under one entity, with its canonical name, type, variants and documents.
//!
//! The fold keeps, per document, the compact [`MentionDigest`] list made by [`digest`] (each
//! distinct name once, with its spans); at finish [`resolve`] clusters the names of all documents.
//! Names are compared through keys (see `key`: look-alike folding, transliteration with
//! `deunicode`, phonetic spelling, suffix stripping, acronyms), and joined by these rules, in this
//! order (a rule never joins two clusters a [`NameTable`] gives different labels):
//! 1. **Table**: names a [`NameTable`] knows join under its label (a table built from open data;
//!    empty by default).
//! 2. **Same key**: names with the same key join, except a person's bare surname (rule 7).
//! 3. **Acronyms**: acronyms with the same letters, or the same four or more letters in another
//!    order (OSCE/OCSE, NATO/OTAN), join; an acronym joins the several-word name of its
//!    document whose content-word initials it spells (NATO / North Atlantic Treaty Organization).
//! 4. **Spellings**: names with as many words whose words are one edit apart (two from nine
//!    letters), with the same first letter, join (Stoltenberg/Stoltemberg, Tramp/Trump); places
//!    also join on the same consonants (Kiev/Kyiv, Moskva/Moskau). A person's first names must
//!    agree: equal, one edit apart, or an initial. A name in Arabic script, which leaves short
//!    vowels unwritten, joins the one cluster of other scripts with the same consonants (three
//!    or more; "ستولتنبرغ" and Stoltenberg), or the one full name whose surname has them.
//! 5. **Surname in the document**: a bare surname joins the full name of its own document that
//!    ends with it, when only one person there does.
//! 6. **Glued artefacts**: a one-word name seen in one document only that is a name of its own
//!    document or story plus three or more leftover letters ("Kulebanach", "Goltzschätzen") joins
//!    that name, and its variant is marked `repaired`.
//! 7. **Bare surnames across documents** ("first names decide"): a bare surname left over joins
//!    the one full-name person in the corpus with that surname; when several people share it, the
//!    one with documents in the same story, else the one that shares the most co-occurring
//!    entities with its document, when one wins; otherwise bare surnames join only within their
//!    story. Two full names with the same surname and different first names never join.
//!
//! Clusters are computed over names sorted by (document id, surface, type), and every rule reads
//! a snapshot of the clusters before it, so the result does not depend on input order.
//!
//! The canonical name is the most frequent base form among the clean variants (neither repaired
//! nor mixed-script), preferring the Latin script, then several-word forms, then count, then the
//! text; the type is the vote of the mentions (ties by type order).

mod cluster;
mod key;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use concord_model::{
    DocId, Entity, EntityType, GeoRef, MAX_NAME_BYTES, MAX_NAMES_PER_DOC, MAX_SPANS_PER_NAME,
    Mention, MentionDigest, StoryId,
};

/// The bounded digest of one document's mentions: each distinct (surface, type) once with its
/// spans, the most frequent names kept when there are more than [`MAX_NAMES_PER_DOC`]; sorted by
/// surface and type.
pub fn digest(text: &str, mentions: &[Mention]) -> Vec<MentionDigest> {
    let mut by_name: BTreeMap<(&str, EntityType), (&str, Vec<u32>, usize)> = BTreeMap::new();
    for m in mentions {
        let Some(surface) = text.get(m.span.start as usize..m.span.end as usize) else {
            continue;
        };
        if surface.trim().is_empty() || surface.len() > MAX_NAME_BYTES {
            continue;
        }
        let entry = by_name
            .entry((surface, m.kind))
            .or_insert_with(|| (m.base.as_str(), Vec::new(), 0));
        entry.2 += 1;
        if entry.1.len() < MAX_SPANS_PER_NAME {
            entry.1.push(m.span.start);
        }
    }
    let mut ranked: Vec<(std::cmp::Reverse<usize>, u32, MentionDigest)> = by_name
        .into_iter()
        .map(|((surface, kind), (base, mut starts, count))| {
            let base = if base.len() > MAX_NAME_BYTES || base.trim().is_empty() {
                surface
            } else {
                base
            };
            starts.sort_unstable();
            starts.dedup();
            let first = starts.first().copied().unwrap_or(0);
            let name = MentionDigest::new(surface.to_owned(), base, kind, starts);
            (std::cmp::Reverse(count), first, name)
        })
        .collect();
    ranked.sort_by_key(|a| (a.0, a.1));
    ranked.truncate(MAX_NAMES_PER_DOC);
    let mut names: Vec<MentionDigest> = ranked.into_iter().map(|(_, _, d)| d).collect();
    names.sort_by(|a, b| (&a.surface, a.kind).cmp(&(&b.surface, b.kind)));
    names
}

/// One document's names as [`resolve`] reads them.
#[derive(Clone, Copy, Debug)]
pub struct DocNames<'a> {
    /// The document.
    pub doc: DocId,
    /// Its language.
    pub lang: &'a str,
    /// Its story, when stories are known.
    pub story: Option<StoryId>,
    /// Its digest (see [`digest`]).
    pub names: &'a [MentionDigest],
}

/// Names known in advance: a name key → a label (names with one label are one entity, names with
/// two labels are never joined), and places' GeoNames references by label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameTable {
    labels: BTreeMap<(u8, String), String>,
    places: BTreeMap<String, GeoRef>,
}

/// The family of a type for joining: persons apart from everything else.
fn family(kind: EntityType) -> u8 {
    u8::from(kind != EntityType::Person)
}

impl NameTable {
    /// An empty table.
    pub fn new() -> NameTable {
        NameTable::default()
    }

    /// A table from `(name, type, label)` observations: each name key takes the label it was seen
    /// with most often (ties: the smallest label).
    pub fn from_votes<'a>(
        observations: impl IntoIterator<Item = (&'a str, EntityType, &'a str)>,
    ) -> NameTable {
        let mut votes: BTreeMap<(u8, String), BTreeMap<&'a str, u32>> = BTreeMap::new();
        for (name, kind, label) in observations {
            let key = key::name_key(name, kind == EntityType::Location).joined();
            if key.is_empty() {
                continue;
            }
            *votes
                .entry((family(kind), key))
                .or_default()
                .entry(label)
                .or_default() += 1;
        }
        let labels = votes
            .into_iter()
            .filter_map(|(key, counts)| {
                let best = counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
                Some((key, (*best.0).to_owned()))
            })
            .collect();
        NameTable {
            labels,
            places: BTreeMap::new(),
        }
    }

    /// Gives the places labelled `label` a GeoNames reference.
    pub fn set_place(&mut self, label: &str, geo: GeoRef) {
        self.places.insert(label.to_owned(), geo);
    }

    /// How many name keys the table knows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the table knows no name.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The label of a name, when the table knows it.
    pub fn label(&self, name: &str, kind: EntityType) -> Option<&str> {
        let key = key::name_key(name, kind == EntityType::Location).joined();
        self.label_of_key(family(kind), key)
    }

    fn label_of_key(&self, family: u8, key: String) -> Option<&str> {
        self.labels.get(&(family, key)).map(String::as_str)
    }
}

/// Clusters the names of all documents into entities (most mentioned first, then by id). The
/// result depends on the documents and their names only, never on their order.
pub fn resolve(docs: &[DocNames<'_>], table: &NameTable) -> Vec<Entity> {
    cluster::resolve(docs, table)
}
