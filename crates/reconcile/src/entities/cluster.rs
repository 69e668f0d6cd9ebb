//! The clustering behind [`super::resolve`]: names as units, a union-find with labels that must
//! not mix, and the joining rules of the module documentation applied in their order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use concord_model::{DocId, Entity, EntityId, EntityType, SpanRef, StoryId, Variant};

use super::key::{self, NameKey};
use super::{DocNames, NameTable, family};

/// One distinct name of one document.
struct Unit<'a> {
    doc: usize,
    surface: &'a str,
    base: String,
    kind: EntityType,
    spans: Vec<concord_model::Span>,
    key: NameKey,
    joined: String,
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

/// A distinct key in a block of rule 4: family, key, its first unit, whether a place has it.
type KeyEntry<'a> = (u8, &'a str, usize, bool);

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

fn hash_str(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same on every run (the hash only proposes candidates).
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

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

pub(super) fn resolve(docs: &[DocNames<'_>], table: &NameTable) -> Vec<Entity> {
    // Documents in id order (a document given twice counts once).
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| docs[i].doc);
    order.dedup_by_key(|i| docs[*i].doc);
    let docs: Vec<&DocNames<'_>> = order.iter().map(|&i| &docs[i]).collect();

    let mut units: Vec<Unit<'_>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let mut names: Vec<&concord_model::MentionDigest> = doc.names.iter().collect();
        names.sort_by(|a, b| (&a.surface, a.kind).cmp(&(&b.surface, b.kind)));
        names.dedup_by(|a, b| a.surface == b.surface && a.kind == b.kind);
        for name in names {
            let base = name.base_form();
            let key = key::name_key(&base, name.kind == EntityType::Location);
            if key.words.is_empty() {
                continue;
            }
            let joined = key.joined();
            units.push(Unit {
                doc: d,
                surface: &name.surface,
                base,
                kind: name.kind,
                spans: name.spans().collect(),
                joined,
                family: family(name.kind),
                key,
                repaired: false,
                arabic: key::is_arabic(&name.surface),
            });
        }
    }

    // Rule 1: the table's labels.
    let mut label_ids: BTreeMap<&str, u32> = BTreeMap::new();
    let labels: Vec<Option<&str>> = units
        .iter()
        .map(|u| table.label_of_key(u.family, u.joined.clone()))
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
    let mut first_of_label: HashMap<u32, usize> = HashMap::new();
    for i in 0..units.len() {
        if let Some(l) = clusters.label[i] {
            let first = *first_of_label.entry(l).or_insert(i);
            clusters.union(first, i);
        }
    }

    // Rule 2: the same key (bare surnames wait for rule 7).
    let mut by_key: BTreeMap<(u8, &str), Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if !u.bare() {
            by_key
                .entry((u.family, u.joined.as_str()))
                .or_default()
                .push(i);
        }
    }
    for members in by_key.values() {
        for &m in &members[1..] {
            clusters.union(members[0], m);
        }
    }

    // Rule 3: acronyms with the same letters in any order, and their expansions in a document.
    let mut acronyms: BTreeMap<Vec<u8>, Vec<usize>> = BTreeMap::new();
    for (&(fam, k), members) in &by_key {
        if fam == 1 && k.starts_with('#') && k.len() >= 5 {
            let mut letters: Vec<u8> = k.bytes().skip(1).collect();
            letters.sort_unstable();
            acronyms.entry(letters).or_default().push(members[0]);
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
                    if let Some(init) = key::initials(&ub.base) {
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
    let mut entries: Vec<KeyEntry<'_>> = Vec::new();
    for (&(fam, k), members) in &by_key {
        let u = &units[members[0]];
        if u.key.is_acronym() {
            continue;
        }
        let place = members
            .iter()
            .any(|&m| units[m].kind == EntityType::Location);
        entries.push((fam, k, members[0], place));
    }
    let mut buckets: HashMap<(u8, usize, u64), Vec<u32>> = HashMap::new();
    let mut variants = Vec::new();
    for (e, &(fam, _, unit, place)) in entries.iter().enumerate() {
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
        for &v in &variants {
            let bucket = buckets.entry((fam, words.len(), v)).or_default();
            if bucket.len() <= MAX_BUCKET {
                bucket.push(e as u32);
            }
        }
    }
    let mut pairs: BTreeSet<(u32, u32)> = BTreeSet::new();
    for bucket in buckets.values() {
        if bucket.len() > MAX_BUCKET {
            continue;
        }
        for (x, &a) in bucket.iter().enumerate() {
            for &b in &bucket[x + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    drop(buckets);
    for (a, b) in pairs {
        let (a, b) = (&entries[a as usize], &entries[b as usize]);
        let (wa, wb) = (&units[a.2].key.words, &units[b.2].key.words);
        if same_spelling(wa, wb, a.0 == 0, a.3 && b.3) {
            clusters.union(a.2, b.2);
        }
    }

    // Rule 4, Arabic script: an Arabic name joins the one cluster of other scripts with its
    // consonants (three or more).
    let roots = clusters.roots();
    let mut by_consonants: BTreeMap<(u8, String), BTreeSet<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if !u.arabic && !u.key.is_acronym() {
            let c = key::arabic_consonants(&u.base);
            if u.full_person() {
                // A surname alone in Arabic script finds the full name it ends.
                if let Some(last) = c.rsplit(' ').next().filter(|l| l.len() >= 3) {
                    by_consonants
                        .entry((0, last.to_owned()))
                        .or_default()
                        .insert(roots[i]);
                }
            }
            if c.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3 {
                by_consonants
                    .entry((u.family, c))
                    .or_default()
                    .insert(roots[i]);
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        if u.arabic {
            let c = key::arabic_consonants(&u.base);
            if let Some(targets) = by_consonants.get(&(u.family, c)) {
                if targets.len() == 1 {
                    if let Some(&t) = targets.iter().next() {
                        clusters.union(i, t);
                    }
                }
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
    let mut docs_of_key: HashMap<(u8, &str), BTreeSet<usize>> = HashMap::new();
    for u in &units {
        docs_of_key
            .entry((u.family, u.joined.as_str()))
            .or_default()
            .insert(u.doc);
    }
    let mut cluster_size: HashMap<usize, usize> = HashMap::new();
    for &r in &roots {
        *cluster_size.entry(r).or_default() += 1;
    }
    let story_of = |d: usize| docs[d].story;
    // Known last words per document (or per story when stories are known): stem -> units.
    let mut known: BTreeMap<(Option<StoryId>, usize, &str), Vec<usize>> = BTreeMap::new();
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
    let by_stem: BTreeSet<&str> = units
        .iter()
        .filter(|u| !u.key.is_acronym())
        .flat_map(|u| u.key.words.iter().map(String::as_str))
        .filter(|w| w.len() >= 3)
        .collect();
    let mut glue = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if u.key.is_acronym()
            || cluster_size.get(&roots[i]).copied().unwrap_or(0) > 1
            || docs_of_key
                .get(&(u.family, u.joined.as_str()))
                .is_some_and(|d| d.len() > 1)
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
    // Full names by the deletion variants of their surname: (surname, root) pairs, each once.
    let mut full_roots: HashMap<u64, BTreeSet<(&str, usize)>> = HashMap::new();
    let mut has_full: BTreeSet<usize> = BTreeSet::new();
    for (i, u) in units.iter().enumerate() {
        if u.full_person() {
            if let Some(last) = u.key.words.last() {
                variants.clear();
                deletion_variants(last, &mut variants);
                for &v in &variants {
                    full_roots
                        .entry(v)
                        .or_default()
                        .insert((last.as_str(), roots[i]));
                }
                has_full.insert(roots[i]);
            }
        }
    }
    let mut docs_of_root: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut roots_of_doc: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); docs.len()];
    for (i, u) in units.iter().enumerate() {
        docs_of_root.entry(roots[i]).or_default().insert(u.doc);
        roots_of_doc[u.doc].insert(roots[i]);
    }
    let mut leftover: BTreeMap<BareScope<'_>, Vec<usize>> = BTreeMap::new();
    let mut attach = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !u.bare() || has_full.contains(&roots[i]) {
            continue;
        }
        let surname = u.key.words[0].as_str();
        variants.clear();
        deletion_variants(surname, &mut variants);
        let candidates: BTreeSet<usize> = variants
            .iter()
            .filter_map(|v| full_roots.get(v))
            .flatten()
            .filter(|(last, _)| key::similar_words(last, surname, 4))
            .map(|&(_, r)| r)
            .collect();
        let chosen = match candidates.len() {
            0 => None,
            1 => candidates.iter().next().copied(),
            _ => {
                let story = story_of(u.doc);
                let mut scored: Vec<((usize, usize), usize)> = candidates
                    .iter()
                    .map(|&r| {
                        let cand_docs = &docs_of_root[&r];
                        let same_story = story.map_or(0, |s| {
                            cand_docs
                                .iter()
                                .filter(|&&d| story_of(d) == Some(s))
                                .count()
                        });
                        let shared = roots_of_doc[u.doc]
                            .iter()
                            .filter(|&&other| other != roots[i] && other != r)
                            .filter(|&&other| {
                                cand_docs
                                    .iter()
                                    .take(256)
                                    .any(|&d| roots_of_doc[d].contains(&other))
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
            None if candidates.is_empty() => {
                leftover.entry((surname, None, None)).or_default().push(i);
            }
            None => {
                let scope = match story_of(u.doc) {
                    Some(s) => (Some(s), None),
                    None => (None, Some(u.doc)),
                };
                leftover
                    .entry((surname, scope.0, scope.1))
                    .or_default()
                    .push(i);
            }
        }
    }
    for (i, r) in attach {
        clusters.union(i, r);
    }
    for members in leftover.values() {
        for &m in &members[1..] {
            clusters.union(members[0], m);
        }
    }

    // Rule 8: a name the tagger typed otherwise ("Stoltenberg" as a place, "Moskow" as a
    // person): a cluster of at most two mentions, all of one family, joins the one cluster of
    // the other family, at least twice its size, that has the same key (for a person, as its
    // surname).
    let roots = clusters.roots();
    let mut size: HashMap<usize, usize> = HashMap::new();
    let mut families: HashMap<usize, BTreeSet<u8>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        *size.entry(roots[i]).or_default() += u.spans.len();
        families.entry(roots[i]).or_default().insert(u.family);
    }
    let mut by_name: HashMap<(u8, &str), BTreeSet<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        by_name
            .entry((u.family, u.joined.as_str()))
            .or_default()
            .insert(roots[i]);
        if u.full_person() {
            if let Some(last) = u.key.words.last() {
                by_name
                    .entry((0, last.as_str()))
                    .or_default()
                    .insert(roots[i]);
            }
        }
    }
    let mut retype = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let r = roots[i];
        if u.key.words.len() != 1 || size[&r] > 2 || families[&r].len() != 1 || u.key.is_acronym() {
            continue;
        }
        let other = 1 - u.family;
        let targets: Vec<usize> = by_name
            .get(&(other, u.joined.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|t| *t != r && size[t] >= 2 * size[&r])
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
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in roots.iter().enumerate() {
        members.entry(r).or_default().push(i);
    }
    let mut entities: Vec<Entity> = members
        .values()
        .map(|list| entity(docs, units, list, table))
        .collect();
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

fn entity(docs: &[&DocNames<'_>], units: &[Unit<'_>], list: &[usize], table: &NameTable) -> Entity {
    let mut mentions: Vec<SpanRef> = Vec::new();
    let mut kinds: BTreeMap<u8, (u32, EntityType)> = BTreeMap::new();
    let mut variants: BTreeMap<(String, String), Variant> = BTreeMap::new();
    // Candidate canonical names: base form -> (latin, several words, count).
    let mut names: BTreeMap<&str, (bool, bool, u32)> = BTreeMap::new();
    let mut doc_ids: BTreeSet<DocId> = BTreeSet::new();
    let mut label = None;
    for &i in list {
        let u = &units[i];
        let doc = docs[u.doc];
        let count = u.spans.len() as u32;
        doc_ids.insert(doc.doc);
        mentions.extend(u.spans.iter().map(|&span| SpanRef { doc: doc.doc, span }));
        let k = kinds.entry(type_rank(u.kind)).or_insert((0, u.kind));
        k.0 += count;
        let v = variants
            .entry((u.surface.to_owned(), doc.lang.to_owned()))
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
            let n = names.entry(u.base.as_str()).or_insert((
                key::is_latin(&u.base),
                u.base.split_whitespace().nth(1).is_some(),
                0,
            ));
            n.2 += count;
        }
        if label.is_none() {
            label = table.label_of_key(u.family, u.joined.clone());
        }
    }
    mentions.sort();
    mentions.dedup();
    // A form is supported by every clean mention that writes one of its words the same way
    // ("Stoltenberg" alone supports "Jens Stoltenberg", not the typo "Jens Stoltemberg").
    let mut word_counts: BTreeMap<String, u32> = BTreeMap::new();
    for (n, v) in &names {
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
    let name = names
        .iter()
        .max_by(|a, b| support(a.0, a.1).cmp(&support(b.0, b.1)).then(b.0.cmp(a.0)))
        .map(|(n, _)| (*n).to_owned())
        .or_else(|| list.first().map(|&i| units[i].base.clone()))
        .unwrap_or_default();
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
    Entity {
        id,
        name,
        kind,
        geonames: label.and_then(|l| table.places.get(l).copied()),
        variants,
        mentions,
        docs: doc_ids.into_iter().collect(),
        corrected: false,
    }
}
