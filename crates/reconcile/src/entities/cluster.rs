//! The clustering behind [`super::resolve`]: names as units, a union-find with labels that must
//! not mix, and the joining rules of the module documentation applied in their order.

use std::collections::{BTreeMap, BTreeSet};

use concord_model::{
    DocId, Entity, EntityId, EntityType, MentionDigest, SpanRef, StoryId, Variant,
};

use super::key::{self, NameKey};
use super::{DocNames, NameTable, family};
use crate::fxhash::{FxMap, FxSet, hash_str};

/// One distinct base form (for a place or not), folded once however many documents write it.
struct Form {
    base: String,
    key: NameKey,
    joined: String,
    /// [`key::arabic_consonants`] of the base form.
    consonants: String,
    /// The rank of `joined` among the distinct joined keys (integer order = string order).
    rank: u32,
}

/// One distinct name of one document.
struct Unit<'a> {
    doc: usize,
    surface: &'a str,
    base: &'a str,
    kind: EntityType,
    name: &'a MentionDigest,
    /// Mentions (spans) of the name.
    count: u32,
    key: &'a NameKey,
    joined: &'a str,
    consonants: &'a str,
    rank: u32,
    family: u8,
    repaired: bool,
    /// Written in Arabic script.
    arabic: bool,
}

impl Unit<'_> {
    /// A person's name of one word: a bare surname (or first name).
    fn bare(&self) -> bool {
        self.family == 0 && self.key.words.len() == 1 && !self.key.is_acronym()
    }

    fn full_person(&self) -> bool {
        self.family == 0 && self.key.words.len() >= 2
    }
}

/// A distinct key in a block of rule 4: family, its first unit, whether a place has it.
type KeyEntry = (u8, usize, bool);

/// Where leftover bare surnames join: the surname and its story (or, without one, its document).
type BareScope<'a> = (&'a str, Option<StoryId>, Option<usize>);

/// Union-find whose roots carry an optional label; two different labels never join.
struct Clusters {
    parent: Vec<usize>,
    label: Vec<Option<u32>>,
}

impl Clusters {
    fn new(labels: Vec<Option<u32>>) -> Clusters {
        Clusters {
            parent: (0..labels.len()).collect(),
            label: labels,
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the clusters of `a` and `b` unless their labels differ; the smaller root stays root.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if let (Some(x), Some(y)) = (self.label[ra], self.label[rb]) {
            if x != y {
                return false;
            }
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.label[root] = self.label[root].or(self.label[child]);
        true
    }

    fn roots(&mut self) -> Vec<usize> {
        (0..self.parent.len()).map(|i| self.find(i)).collect()
    }
}

/// Most keys a deletion variant may propose to one another (rule 4).
const MAX_BUCKET: usize = 64;

/// Hashes of `word`, of it less one letter, and, from nine letters on, less two.
fn deletion_variants(word: &str, out: &mut Vec<u64>) {
    out.push(hash_str(word));
    let chars: Vec<char> = word.chars().collect();
    let mut buf = String::with_capacity(word.len());
    for i in 0..chars.len() {
        buf.clear();
        buf.extend(
            chars
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, c)| c),
        );
        out.push(hash_str(&buf));
        if chars.len() >= 9 {
            for j in i + 1..chars.len() {
                buf.clear();
                buf.extend(
                    chars
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != i && k != j)
                        .map(|(_, c)| c),
                );
                out.push(hash_str(&buf));
            }
        }
    }
}

/// Whether two persons' full names (two words or more) are one person: the surnames are
/// spellings of one another and the first names agree (equal, one edit apart, or an initial).
fn same_person(a: &[String], b: &[String]) -> bool {
    let (Some(la), Some(lb)) = (a.last(), b.last()) else {
        return false;
    };
    if !key::similar_words(la, lb, 4) {
        return false;
    }
    let (fa, fb) = (&a[0], &b[0]);
    fa == fb
        || key::similar_words(fa, fb, 3)
        || ((fa.len() == 1 || fb.len() == 1) && fa.as_bytes()[0] == fb.as_bytes()[0])
}

/// Whether two names of the same family and word count (not bare surnames) are spellings of one.
fn same_spelling(a: &[String], b: &[String], person: bool, place: bool) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if person {
        return same_person(a, b);
    }
    if a.len() == 1 {
        let min_len = if place { 4 } else { 5 };
        return key::similar_words(&a[0], &b[0], min_len)
            || (place && key::same_skeleton(&a[0], &b[0]));
    }
    a.iter().zip(b).all(|(x, y)| key::similar_words(x, y, 4))
}

/// A value seen under a key: the first, and whether another one was seen.
#[derive(Clone, Copy)]
struct OneRoot {
    root: usize,
    several: bool,
}

impl OneRoot {
    fn add<K>(entry: std::collections::hash_map::Entry<'_, K, OneRoot>, value: usize) {
        entry
            .and_modify(|one| one.several |= one.root != value)
            .or_insert(OneRoot {
                root: value,
                several: false,
            });
    }
}

/// The distinct names of each document (by surface and type, in that order) with their form, and
/// the forms: every distinct (base form, place) folded once, with ranks of their joined keys.
#[allow(clippy::type_complexity)]
fn fold_forms<'a>(docs: &[&'a DocNames<'a>]) -> (Vec<(usize, &'a MentionDigest, u32)>, Vec<Form>) {
    let mut forms: Vec<Form> = Vec::new();
    // Per place flag: base form -> form.
    let mut form_of: [FxMap<String, u32>; 2] = [FxMap::default(), FxMap::default()];
    let mut named = Vec::new();
    let mut base = String::new();
    for (d, doc) in docs.iter().enumerate() {
        let mut names: Vec<&MentionDigest> = doc.names.iter().collect();
        names.sort_by(|a, b| (&a.surface, a.kind).cmp(&(&b.surface, b.kind)));
        names.dedup_by(|a, b| a.surface == b.surface && a.kind == b.kind);
        for name in names {
            base.clear();
            let keep = name
                .surface
                .get(..usize::from(name.base_keep))
                .unwrap_or(&name.surface);
            base.push_str(keep);
            base.push_str(&name.base_tail);
            let place = name.kind == EntityType::Location;
            let f = match form_of[usize::from(place)].get(base.as_str()) {
                Some(&f) => f,
                None => {
                    let key = key::name_key(&base, place);
                    let f = forms.len() as u32;
                    forms.push(Form {
                        joined: key.joined(),
                        consonants: key::arabic_consonants(&base),
                        key,
                        base: base.clone(),
                        rank: 0,
                    });
                    form_of[usize::from(place)].insert(base.clone(), f);
                    f
                }
            };
            if forms[f as usize].key.words.is_empty() {
                continue;
            }
            named.push((d, name, f));
        }
    }
    // Ranks: equal joined keys share one, and their order is the order of the strings.
    let mut by_joined: Vec<u32> = (0..forms.len() as u32).collect();
    by_joined.sort_unstable_by(|&a, &b| forms[a as usize].joined.cmp(&forms[b as usize].joined));
    let mut rank = 0u32;
    for k in 0..by_joined.len() {
        if k > 0 && forms[by_joined[k] as usize].joined != forms[by_joined[k - 1] as usize].joined {
            rank += 1;
        }
        forms[by_joined[k] as usize].rank = rank;
    }
    (named, forms)
}

pub(super) fn resolve(docs: &[DocNames<'_>], table: &NameTable) -> Vec<Entity> {
    // Documents in id order (a document given twice counts once).
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| docs[i].doc);
    order.dedup_by_key(|i| docs[*i].doc);
    let docs: Vec<&DocNames<'_>> = order.iter().map(|&i| &docs[i]).collect();

    let (named, forms) = fold_forms(&docs);
    let mut units: Vec<Unit<'_>> = named
        .iter()
        .map(|&(d, name, f)| {
            let form = &forms[f as usize];
            Unit {
                doc: d,
                surface: &name.surface,
                base: &form.base,
                kind: name.kind,
                name,
                count: name.gaps.len() as u32,
                key: &form.key,
                joined: &form.joined,
                consonants: &form.consonants,
                rank: form.rank,
                family: family(name.kind),
                repaired: false,
                arabic: key::is_arabic(&name.surface),
            }
        })
        .collect();

    // Rule 1: the table's labels (looked up once per distinct key).
    let mut label_ids: BTreeMap<&str, u32> = BTreeMap::new();
    let mut label_of: FxMap<(u8, u32), Option<&str>> = FxMap::default();
    let labels: Vec<Option<&str>> = units
        .iter()
        .map(|u| {
            if table.is_empty() {
                return None;
            }
            *label_of
                .entry((u.family, u.rank))
                .or_insert_with(|| table.label_of_key(u.family, u.joined.to_owned()))
        })
        .collect();
    for l in labels.iter().flatten() {
        let next = label_ids.len() as u32;
        label_ids.entry(l).or_insert(next);
    }
    let mut clusters = Clusters::new(
        labels
            .iter()
            .map(|l| l.and_then(|l| label_ids.get(l).copied()))
            .collect(),
    );
    let mut first_of_label: FxMap<u32, usize> = FxMap::default();
    for i in 0..units.len() {
        if let Some(l) = clusters.label[i] {
            let first = *first_of_label.entry(l).or_insert(i);
            clusters.union(first, i);
        }
    }

    // Rule 2: the same key (bare surnames wait for rule 7).
    // Sorted (family, key rank, unit): the order of a map by (family, key).
    let mut keyed: Vec<(u8, u32, u32)> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.bare())
        .map(|(i, u)| (u.family, u.rank, i as u32))
        .collect();
    keyed.sort_unstable();
    let by_key: Vec<&[(u8, u32, u32)]> = keyed.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)).collect();
    for members in &by_key {
        for m in &members[1..] {
            clusters.union(members[0].2 as usize, m.2 as usize);
        }
    }

    // Rule 3: acronyms with the same letters in any order, and their expansions in a document.
    let mut acronyms: BTreeMap<Vec<u8>, Vec<usize>> = BTreeMap::new();
    for members in &by_key {
        let (fam, first) = (members[0].0, members[0].2 as usize);
        let k = units[first].joined;
        if fam == 1 && k.starts_with('#') && k.len() >= 5 {
            let mut letters: Vec<u8> = k.bytes().skip(1).collect();
            letters.sort_unstable();
            acronyms.entry(letters).or_default().push(first);
        }
    }
    for members in acronyms.values() {
        for &m in &members[1..] {
            clusters.union(members[0], m);
        }
    }
    let mut doc_units: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (i, u) in units.iter().enumerate() {
        doc_units[u.doc].push(i);
    }
    for members in &doc_units {
        for &a in members {
            let ua = &units[a];
            if ua.family != 1 || !ua.key.is_acronym() {
                continue;
            }
            let letters = &ua.joined[1..];
            for &b in members {
                let ub = &units[b];
                if ub.family == 1 && ub.key.words.len() >= 2 {
                    if let Some(init) = key::initials(ub.base) {
                        if key::same_acronym(letters, &init) {
                            clusters.union(a, b);
                        }
                    }
                }
            }
        }
    }

    // Rule 4: spellings. Candidates share a deletion variant of their last word (the word
    // itself, it less one letter, or less two from nine letters on: any two words one edit
    // apart, or two when long, share one), or, for places, its consonants; a bucket of more than
    // MAX_BUCKET keys is a too-common variant and proposes nothing. Candidates are then checked
    // word by word.
    let mut entries: Vec<KeyEntry> = Vec::new();
    for members in &by_key {
        let (fam, first) = (members[0].0, members[0].2 as usize);
        if units[first].key.is_acronym() {
            continue;
        }
        let place = members
            .iter()
            .any(|m| units[m.2 as usize].kind == EntityType::Location);
        entries.push((fam, first, place));
    }
    // (family, words, variant, entry), sorted: the buckets in one vector, not one vector each.
    let mut proposed: Vec<(u8, usize, u64, u32)> = Vec::new();
    let mut variants = Vec::new();
    for (e, &(fam, unit, place)) in entries.iter().enumerate() {
        let words = &units[unit].key.words;
        let Some(last) = words.last() else {
            continue;
        };
        variants.clear();
        deletion_variants(last, &mut variants);
        if place && words.len() == 1 {
            variants.push(hash_str(&format!("#skeleton {}", key::skeleton(last))));
        }
        variants.sort_unstable();
        variants.dedup();
        proposed.extend(variants.iter().map(|&v| (fam, words.len(), v, e as u32)));
    }
    proposed.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for bucket in proposed.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
        if bucket.len() > MAX_BUCKET {
            continue;
        }
        for (x, a) in bucket.iter().enumerate() {
            for b in &bucket[x + 1..] {
                pairs.push((a.3.min(b.3), a.3.max(b.3)));
            }
        }
    }
    drop(proposed);
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        let (a, b) = (&entries[a as usize], &entries[b as usize]);
        let (wa, wb) = (&units[a.1].key.words, &units[b.1].key.words);
        if same_spelling(wa, wb, a.0 == 0, a.2 && b.2) {
            clusters.union(a.1, b.1);
        }
    }

    // Rule 4, Arabic script: an Arabic name joins the one cluster of other scripts with its
    // consonants (three or more).
    let roots = clusters.roots();
    let mut by_consonants: FxMap<(u8, &str), OneRoot> = FxMap::default();
    for (i, u) in units.iter().enumerate() {
        if !u.arabic && !u.key.is_acronym() {
            let c = u.consonants;
            if u.full_person() {
                // A surname alone in Arabic script finds the full name it ends.
                if let Some(last) = c.rsplit(' ').next().filter(|l| l.len() >= 3) {
                    OneRoot::add(by_consonants.entry((0, last)), roots[i]);
                }
            }
            if c.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3 {
                OneRoot::add(by_consonants.entry((u.family, c)), roots[i]);
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        if u.arabic {
            if let Some(OneRoot {
                root,
                several: false,
            }) = by_consonants.get(&(u.family, u.consonants))
            {
                clusters.union(i, *root);
            }
        }
    }

    // Rule 5: a bare surname and the one full name of its document that ends with it.
    for members in &doc_units {
        for &a in members {
            if !units[a].bare() {
                continue;
            }
            let surname = &units[a].key.words[0];
            let mut people = BTreeSet::new();
            for &b in members {
                let ub = &units[b];
                if ub.full_person()
                    && ub
                        .key
                        .words
                        .last()
                        .is_some_and(|l| key::similar_words(l, surname, 4))
                {
                    people.insert(clusters.find(b));
                }
            }
            if people.len() == 1 {
                if let Some(&p) = people.iter().next() {
                    clusters.union(a, p);
                }
            }
        }
    }

    // Rule 6: glued artefacts, toward a name of the same document or story.
    let roots = clusters.roots();
    // Whether a key is written in more than one document.
    let mut docs_of_key: FxMap<(u8, u32), OneRoot> = FxMap::default();
    for u in &units {
        OneRoot::add(docs_of_key.entry((u.family, u.rank)), u.doc);
    }
    let mut cluster_size: Vec<u32> = vec![0; units.len()];
    for &r in &roots {
        cluster_size[r] += 1;
    }
    let story_of = |d: usize| docs[d].story;
    // Known last words per document (or per story when stories are known): stem -> units.
    let mut known: FxMap<(Option<StoryId>, usize, &str), Vec<usize>> = FxMap::default();
    for (i, u) in units.iter().enumerate() {
        if u.key.is_acronym() {
            continue;
        }
        if let Some(w) = u.key.words.last().filter(|w| w.len() >= 4) {
            let scope = match story_of(u.doc) {
                Some(s) => (Some(s), usize::MAX),
                None => (None, u.doc),
            };
            known
                .entry((scope.0, scope.1, w.as_str()))
                .or_default()
                .push(i);
        }
    }
    let by_stem: FxSet<&str> = units
        .iter()
        .filter(|u| !u.key.is_acronym())
        .flat_map(|u| u.key.words.iter().map(String::as_str))
        .filter(|w| w.len() >= 3)
        .collect();
    let mut glue = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if u.key.is_acronym()
            || cluster_size[roots[i]] > 1
            || docs_of_key
                .get(&(u.family, u.rank))
                .is_some_and(|d| d.several)
        {
            continue;
        }
        let Some(word) = u.key.unstripped.last() else {
            continue;
        };
        let leading = &u.key.words[..u.key.words.len() - 1];
        let scope = match story_of(u.doc) {
            Some(s) => (Some(s), usize::MAX),
            None => (None, u.doc),
        };
        let longest = word.len().saturating_sub(3);
        'prefixes: for p in (4..=longest).rev() {
            let Some(prefix) = word.get(..p) else {
                continue;
            };
            for &target in known.get(&(scope.0, scope.1, prefix)).into_iter().flatten() {
                let t = &units[target].key.words;
                // "Dimitro Kulebanach" needs the first names of "Dmytro Kuleba".
                let agree = leading.is_empty()
                    || (t.len() == u.key.words.len()
                        && leading
                            .iter()
                            .zip(t)
                            .all(|(a, b)| key::similar_words(a, b, 3)));
                // A leftover that is itself a name makes a compound ("Westrussland"), not glue.
                let rest = word.get(p..).unwrap_or_default();
                let compound =
                    by_stem.contains(key::strip(rest, true).as_str()) || by_stem.contains(rest);
                if agree && !compound && roots[target] != roots[i] {
                    glue.push((i, target));
                    break 'prefixes;
                }
            }
        }
    }
    for (i, target) in glue {
        if clusters.union(i, target) {
            units[i].repaired = true;
        }
    }

    // Rule 7: bare surnames across documents.
    let roots = clusters.roots();
    // Full names by the deletion variants of their surname: (surname, root) pairs, each once;
    // the variants of each distinct surname computed once.
    let mut surnames: Vec<(&str, usize)> = Vec::new();
    let mut has_full: Vec<bool> = vec![false; units.len()];
    for (i, u) in units.iter().enumerate() {
        if u.full_person() {
            if let Some(last) = u.key.words.last() {
                surnames.push((last.as_str(), roots[i]));
                has_full[roots[i]] = true;
            }
        }
    }
    surnames.sort_unstable();
    surnames.dedup();
    let mut full_roots: FxMap<u64, Vec<(&str, usize)>> = FxMap::default();
    for run in surnames.chunk_by(|x, y| x.0 == y.0) {
        variants.clear();
        deletion_variants(run[0].0, &mut variants);
        for &v in &variants {
            full_roots.entry(v).or_default().extend_from_slice(run);
        }
    }
    drop(surnames);
    // Per root its documents, per document its roots: sorted, each once.
    let mut docs_of_root: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    let mut roots_of_doc: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (i, u) in units.iter().enumerate() {
        let of_root = &mut docs_of_root[roots[i]];
        // Units come in document order.
        if of_root.last() != Some(&u.doc) {
            of_root.push(u.doc);
        }
        roots_of_doc[u.doc].push(roots[i]);
    }
    for of_doc in &mut roots_of_doc {
        of_doc.sort_unstable();
        of_doc.dedup();
    }
    let mut candidates_of: FxMap<&str, Vec<usize>> = FxMap::default();
    // Documents of a candidate root per story, counted once per root: a root of a large corpus
    // has thousands of documents, and counting them again for every bare surname was quadratic.
    let mut per_story: FxMap<usize, FxMap<StoryId, usize>> = FxMap::default();
    let mut leftover: Vec<(BareScope<'_>, usize)> = Vec::new();
    let mut attach = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !u.bare() || has_full[roots[i]] {
            continue;
        }
        let surname = u.key.words[0].as_str();
        let candidates: &[usize] = candidates_of.entry(surname).or_insert_with(|| {
            variants.clear();
            deletion_variants(surname, &mut variants);
            let mut found: Vec<usize> = variants
                .iter()
                .filter_map(|v| full_roots.get(v))
                .flatten()
                .filter(|(last, _)| key::similar_words(last, surname, 4))
                .map(|&(_, r)| r)
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        });
        let chosen = match candidates.len() {
            0 => None,
            1 => candidates.first().copied(),
            _ => {
                let story = story_of(u.doc);
                let mut scored: Vec<((usize, usize), usize)> = candidates
                    .iter()
                    .map(|&r| {
                        let cand_docs = &docs_of_root[r];
                        let same_story = story.map_or(0, |s| {
                            let counts = per_story.entry(r).or_insert_with(|| {
                                let mut counts: FxMap<StoryId, usize> = FxMap::default();
                                for story in cand_docs.iter().filter_map(|&d| story_of(d)) {
                                    *counts.entry(story).or_default() += 1;
                                }
                                counts
                            });
                            counts.get(&s).copied().unwrap_or(0)
                        });
                        let shared = roots_of_doc[u.doc]
                            .iter()
                            .filter(|&&other| other != roots[i] && other != r)
                            .filter(|&&other| {
                                cand_docs
                                    .iter()
                                    .take(256)
                                    .any(|&d| roots_of_doc[d].binary_search(&other).is_ok())
                            })
                            .count();
                        ((same_story, shared), r)
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                match scored.as_slice() {
                    [best, second, ..] if best.0 > second.0 && best.0 > (0, 0) => Some(best.1),
                    _ => None,
                }
            }
        };
        match chosen {
            Some(r) => attach.push((i, r)),
            None if candidates.is_empty() => leftover.push(((surname, None, None), i)),
            None => {
                let scope = match story_of(u.doc) {
                    Some(s) => (Some(s), None),
                    None => (None, Some(u.doc)),
                };
                leftover.push(((surname, scope.0, scope.1), i));
            }
        }
    }
    for (i, r) in attach {
        clusters.union(i, r);
    }
    // In the order of a map by scope, members in unit order.
    leftover.sort_unstable();
    for members in leftover.chunk_by(|x, y| x.0 == y.0) {
        for m in &members[1..] {
            clusters.union(members[0].1, m.1);
        }
    }

    // Rule 8: a name the tagger typed otherwise ("Stoltenberg" as a place, "Moskow" as a
    // person): a cluster of at most two mentions, all of one family, joins the one cluster of
    // the other family, at least twice its size, that has the same key (for a person, as its
    // surname).
    let roots = clusters.roots();
    let mut size: Vec<usize> = vec![0; units.len()];
    // The families of a cluster, as bits.
    let mut families: Vec<u8> = vec![0; units.len()];
    for (i, u) in units.iter().enumerate() {
        size[roots[i]] += u.count as usize;
        families[roots[i]] |= 1 << u.family;
    }
    let mut by_name: FxMap<(u8, &str), Vec<usize>> = FxMap::default();
    for (i, u) in units.iter().enumerate() {
        by_name
            .entry((u.family, u.joined))
            .or_default()
            .push(roots[i]);
        if u.full_person() {
            if let Some(last) = u.key.words.last() {
                by_name
                    .entry((0, last.as_str()))
                    .or_default()
                    .push(roots[i]);
            }
        }
    }
    for roots in by_name.values_mut() {
        roots.sort_unstable();
        roots.dedup();
    }
    let mut retype = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let r = roots[i];
        if u.key.words.len() != 1
            || size[r] > 2
            || families[r].count_ones() != 1
            || u.key.is_acronym()
        {
            continue;
        }
        let other = 1 - u.family;
        let targets: Vec<usize> = by_name
            .get(&(other, u.joined))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&t| t != r && size[t] >= 2 * size[r])
            .collect();
        if let [target] = targets.as_slice() {
            retype.push((i, *target));
        }
    }
    for (i, target) in retype {
        clusters.union(i, target);
    }

    build(&docs, &units, &mut clusters, table)
}

/// The entities of the final clusters.
fn build(
    docs: &[&DocNames<'_>],
    units: &[Unit<'_>],
    clusters: &mut Clusters,
    table: &NameTable,
) -> Vec<Entity> {
    let roots = clusters.roots();
    // Members by root, in root order (each root is its own first member).
    let mut members: Vec<usize> = (0..units.len()).collect();
    members.sort_by_key(|&i| roots[i]);
    let lists: Vec<&[usize]> = members.chunk_by(|&a, &b| roots[a] == roots[b]).collect();
    let mut entities: Vec<Entity> = Vec::with_capacity(lists.len());
    entities.extend(lists.iter().map(|list| entity(docs, units, list, table)));
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.id.cmp(&b.id))
    });
    entities
}

fn type_rank(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Event => 3,
        EntityType::Misc => 4,
    }
}

/// How well a candidate canonical name is supported: Latin script, several words, mentions
/// writing one of its words, its own mentions.
type Support = (bool, bool, u32, u32);

fn entity(docs: &[&DocNames<'_>], units: &[Unit<'_>], list: &[usize], table: &NameTable) -> Entity {
    let mut mentions: Vec<SpanRef> = Vec::new();
    let mut kinds: BTreeMap<u8, (u32, EntityType)> = BTreeMap::new();
    let mut variants: BTreeMap<(&str, &str), Variant> = BTreeMap::new();
    // Candidate canonical names: base form -> (latin, several words, count).
    let mut names: BTreeMap<&str, (bool, bool, u32)> = BTreeMap::new();
    let mut doc_ids: BTreeSet<DocId> = BTreeSet::new();
    let mut label = None;
    for &i in list {
        let u = &units[i];
        let doc = docs[u.doc];
        let count = u.count;
        doc_ids.insert(doc.doc);
        mentions.extend(u.name.spans().map(|span| SpanRef { doc: doc.doc, span }));
        let k = kinds.entry(type_rank(u.kind)).or_insert((0, u.kind));
        k.0 += count;
        let v = variants
            .entry((u.surface, doc.lang))
            .or_insert_with(|| Variant {
                text: u.surface.to_owned(),
                lang: doc.lang.to_owned(),
                count: 0,
                mixed_script: u.key.mixed_script,
                repaired: u.repaired,
            });
        v.count += count;
        v.repaired &= u.repaired;
        if !u.repaired && !u.key.mixed_script {
            let n = names.entry(u.base).or_insert_with(|| {
                (
                    key::is_latin(u.base),
                    u.base.split_whitespace().nth(1).is_some(),
                    0,
                )
            });
            n.2 += count;
        }
        if label.is_none() && !table.is_empty() {
            label = table.label_of_key(u.family, u.joined.to_owned());
        }
    }
    mentions.sort();
    mentions.dedup();
    let name = canonical(&names)
        .or_else(|| list.first().map(|&i| units[i].base))
        .unwrap_or_default()
        .to_owned();
    let kind = kinds
        .values()
        .max_by(|a, b| a.0.cmp(&b.0).then(type_rank(b.1).cmp(&type_rank(a.1))))
        .map_or(EntityType::Misc, |k| k.1);
    let id = mentions.first().map_or(EntityId(0), |m| {
        let mut key = Vec::with_capacity(16);
        key.extend_from_slice(&m.doc.0.to_le_bytes());
        key.extend_from_slice(&m.span.start.to_le_bytes());
        key.extend_from_slice(&m.span.end.to_le_bytes());
        EntityId::of(&key)
    });
    let mut variants: Vec<Variant> = variants.into_values().collect();
    variants.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then((&a.text, &a.lang).cmp(&(&b.text, &b.lang)))
    });
    let geonames = label
        .and_then(|l| table.places.get(l).copied())
        .or_else(|| {
            // A place the table does not label: the GeoNames city of its name or a variant.
            if kind != EntityType::Location {
                return None;
            }
            let names =
                std::iter::once(name.as_str()).chain(variants.iter().map(|v| v.text.as_str()));
            crate::places::Places::builtin().find(names)
        });
    Entity {
        id,
        name,
        kind,
        geonames,
        variants,
        mentions,
        docs: doc_ids.into_iter().collect(),
        corrected: false,
    }
}

/// The best supported of the candidate canonical names (base form -> latin, several words,
/// count); `None` when there is none.
fn canonical<'a>(names: &BTreeMap<&'a str, (bool, bool, u32)>) -> Option<&'a str> {
    if names.len() <= 1 {
        // Nothing to weigh (most entities have one clean form).
        return names.keys().next().copied();
    }
    // A form is supported by every clean mention that writes one of its words the same way
    // ("Stoltenberg" alone supports "Jens Stoltenberg", not the typo "Jens Stoltemberg").
    let mut word_counts: BTreeMap<String, u32> = BTreeMap::new();
    for (n, v) in names {
        let words: BTreeSet<String> = n.split_whitespace().map(str::to_lowercase).collect();
        for w in words {
            *word_counts.entry(w).or_default() += v.2;
        }
    }
    let support = |n: &str, v: &(bool, bool, u32)| {
        let words: BTreeSet<String> = n.split_whitespace().map(str::to_lowercase).collect();
        let s: u32 = words
            .iter()
            .map(|w| word_counts.get(w).copied().unwrap_or(0))
            .sum();
        (v.0, v.1, s, v.2)
    };
    // Each candidate's support once, not once per comparison.
    let supported: Vec<(Support, &str)> = names.iter().map(|(n, v)| (support(n, v), *n)).collect();
    supported
        .iter()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, n)| *n)
}
