//! The work of [`crate::Reconciler::finish`]: candidate pairs by blocking, pair scores, copy
//! groups, stories with their time bound, date inference, and the corpus built from them.
//!
//! Every step is a function of the set of digests, never of the order they arrived in: digests are
//! sorted by id first, candidate pairs and edges are sorted before use, and union-find roots are
//! smallest members.

use concord_model::{
    CopyGroup, CopyGroupId, CopyKind, Corpus, DocDigest, DocId, DocLink, EntityType, Evidence,
    Story, StoryId,
};

use crate::ReconcileConfig;
use crate::blocking;
use crate::corrections;
use crate::dates::{self, DateKnowledge};
use crate::digest::iso;
use crate::entities::{self, DocNames, NameTable};
use crate::minhash;
use crate::score::{self, Features, KeyMap, Prepared, Rarity};
use crate::unionfind::UnionFind;

/// Why two documents are linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// Identical clean text.
    Exact,
    /// Near copies.
    Near,
    /// Translations.
    Translation,
    /// Only the story score.
    Story,
}

/// A scored candidate pair.
#[derive(Clone, Debug)]
pub struct Edge {
    /// The smaller document index.
    pub a: u32,
    /// The larger document index.
    pub b: u32,
    /// The strongest relation found.
    pub link: Link,
    /// The score of that relation.
    pub score: f32,
    /// The story score.
    pub story: f32,
    /// The features.
    pub features: Features,
    /// Whether the publish dates allow one story.
    pub in_time: bool,
}

/// Everything finish found, before it is shaped into a [`Corpus`].
pub struct Analysis {
    /// The settings it ran with.
    pub config: ReconcileConfig,
    /// The digests, sorted by id.
    pub docs: Vec<DocDigest>,
    /// Name rarity over the corpus.
    pub rarity: Rarity,
    /// Publish dates per document (after inference).
    pub when: Vec<DateKnowledge>,
    /// Candidate pairs blocking gave.
    pub candidates: usize,
    /// Scored candidate pairs, sorted by `(a, b)`.
    pub edges: Vec<Edge>,
    /// Exact copy groups.
    pub exact: Vec<Vec<u32>>,
    /// Near copy groups.
    pub near: Vec<Vec<u32>>,
    /// Translation groups.
    pub translations: Vec<Vec<u32>>,
    /// Stories (every document is in one).
    pub stories: Vec<Vec<u32>>,
}

impl Analysis {
    /// The edge between two document indices, if they were a candidate pair.
    pub fn edge(&self, a: u32, b: u32) -> Option<&Edge> {
        let key = (a.min(b), a.max(b));
        self.edges
            .binary_search_by(|e| (e.a, e.b).cmp(&key))
            .ok()
            .map(|at| &self.edges[at])
    }
}

/// Whether an edge may join two stories (copies always may; a story edge needs the score and the
/// dates).
pub fn joins_story(config: &ReconcileConfig, e: &Edge) -> bool {
    e.link != Link::Story || (e.story >= config.story_min && e.in_time)
}

/// Runs the analysis over digests in any order.
pub fn analyse(config: &ReconcileConfig, docs: Vec<DocDigest>) -> Analysis {
    analyse_with(config, docs, None)
}

/// [`analyse`] with the candidate pairs found elsewhere: by the processes owning the blocking
/// keys of a cluster run ([`blocking`]). The same pairs give the same analysis.
pub fn analyse_blocked(
    config: &ReconcileConfig,
    docs: Vec<DocDigest>,
    pairs: &[blocking::Pair<DocId>],
) -> Analysis {
    analyse_with(config, docs, Some(pairs))
}

fn analyse_with(
    config: &ReconcileConfig,
    docs: Vec<DocDigest>,
    blocked: Option<&[blocking::Pair<DocId>]>,
) -> Analysis {
    // Sort by id through a permutation: a digest is a few hundred bytes, moved once, not log n
    // times.
    let mut order: Vec<(concord_model::DocId, u32)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i as u32))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<DocDigest>> = docs.into_iter().map(Some).collect();
    let mut docs: Vec<DocDigest> = Vec::with_capacity(slots.len());
    for (_, i) in order {
        if let Some(digest) = slots[i as usize].take() {
            docs.push(digest);
        }
    }
    drop(slots);
    docs.dedup_by_key(|d| d.id);
    let n = docs.len();
    let rarity = Rarity::of(&docs);
    let years = config.first_year..=config.last_year;
    let mut when: Vec<DateKnowledge> = docs
        .iter()
        .map(|d| dates::from_text(d, years.clone()))
        .collect();

    // Exact copies: identical clean text. Blocking lists are flat sorted vectors of
    // (key, document): no map of small vectors.
    let mut by_hash: Vec<(u64, u32)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.text_len > 0)
        .map(|(i, d)| (d.text_hash, i as u32))
        .collect();
    by_hash.sort_unstable();
    let exact: Vec<Vec<u32>> = by_hash
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() >= 2)
        .map(|run| run.iter().map(|x| x.1).collect())
        .collect();
    drop(by_hash);
    let mut exact = exact;
    exact.sort();

    // Candidate pairs: exact copies chained, LSH bands, documents sharing two names.
    let pairs = match blocked {
        Some(pairs) => {
            let index = |id: &DocId| docs.binary_search_by_key(id, |d| d.id).ok();
            let mut indexed: Vec<(u32, u32)> = pairs
                .iter()
                .filter_map(|(a, b)| Some((index(a)? as u32, index(b)? as u32)))
                .collect();
            indexed.sort_unstable();
            indexed.dedup();
            indexed
        }
        None => {
            let mut postings = Vec::with_capacity(n * (minhash::BANDS + 8));
            for (i, d) in docs.iter().enumerate() {
                blocking::postings(d, i as u32, when[i].day, &mut postings);
            }
            blocking::candidates(config, postings)
        }
    };
    let candidates = pairs.len();

    // Score every candidate pair.
    let prepared: Vec<Prepared> = docs
        .iter()
        .zip(&when)
        .map(|(d, k)| Prepared::of(d, &rarity, k))
        .collect();
    let mut edges: Vec<Edge> = Vec::with_capacity(pairs.len());
    for (a, b) in pairs {
        let (da, db) = (&docs[a as usize], &docs[b as usize]);
        let features = score::features(
            da,
            db,
            &prepared[a as usize],
            &prepared[b as usize],
            config.story_days,
        );
        let story = score::story_score(&features);
        let in_time = match (when[a as usize].day, when[b as usize].day) {
            (Some(x), Some(y)) => (x - y).abs() <= config.story_days,
            _ => true,
        };
        let cross = da.lang != db.lang && da.lang != "und" && db.lang != "und";
        let (link, score) = if da.text_hash == db.text_hash && da.text_len > 0 {
            (Link::Exact, 1.0)
        } else if features.jaccard >= config.near_jaccard {
            (Link::Near, features.jaccard)
        } else {
            let translation = if cross {
                score::translation_score(&features)
            } else {
                0.0
            };
            if translation >= config.translation_min {
                (Link::Translation, translation)
            } else {
                (Link::Story, story)
            }
        };
        if link == Link::Story && (story < config.story_min || !in_time) {
            // Kept for explanations only when it was close.
            if story < config.story_min * 0.5 {
                continue;
            }
        }
        edges.push(Edge {
            a,
            b,
            link,
            score,
            story,
            features,
            in_time,
        });
    }

    let groups = |link: Link, edges: &[Edge]| -> Vec<Vec<u32>> {
        let mut uf = UnionFind::new(n);
        for e in edges.iter().filter(|e| e.link == link) {
            uf.union(e.a, e.b);
        }
        uf.components(2)
    };
    let near = groups(Link::Near, &edges);
    let translations = groups(Link::Translation, &edges);

    // Stories: copies first, then story edges by score, never stretching a story's known dates
    // over more than `story_days`.
    let mut order: Vec<&Edge> = edges.iter().filter(|e| joins_story(config, e)).collect();
    order.sort_by(|x, y| {
        (x.link != Link::Story)
            .cmp(&(y.link != Link::Story))
            .reverse()
            .then(y.score.total_cmp(&x.score))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let mut uf = UnionFind::new(n);
    let mut span: Vec<Option<(i32, i32)>> = when.iter().map(|k| k.day.map(|d| (d, d))).collect();
    for e in order {
        let (ra, rb) = (uf.find(e.a), uf.find(e.b));
        if ra == rb {
            continue;
        }
        let merged = match (span[ra as usize], span[rb as usize]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        let fits = merged.is_none_or(|(lo, hi)| hi - lo <= config.story_days);
        if !fits && e.link == Link::Story {
            continue;
        }
        let root = uf.union(ra, rb);
        span[root as usize] = merged;
    }
    let stories = uf.components(1);

    // Dates the story decides.
    for story in &stories {
        let known: Vec<i32> = story.iter().filter_map(|&m| when[m as usize].day).collect();
        for &m in story {
            dates::from_story(&mut when[m as usize], &known, config.story_days);
        }
    }

    Analysis {
        config: config.clone(),
        docs,
        rarity,
        when,
        candidates,
        edges,
        exact,
        near,
        translations,
        stories,
    }
}

fn sorted_unique(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = values.collect();
    out.sort();
    out.dedup();
    out
}

fn fmt_value(v: f32) -> String {
    if v.fract() == 0.0 && v.abs() < 1e12 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// What two documents share, for a person.
pub fn matched(e: &Edge, this: &DocDigest, other: &DocDigest, rarity: &Rarity) -> Vec<String> {
    let (shared_names, shared_figures) = score::shared(this, other, rarity);
    let f = &e.features;
    let mut out = Vec::new();
    match e.link {
        Link::Exact => out.push("identical clean text".to_owned()),
        Link::Near => out.push(format!("jaccard {:.2}", f.jaccard)),
        Link::Translation => {
            out.push(format!("anchors in order {:.2}", f.order));
            out.push(format!("paragraphs {:.2}", f.paragraphs));
        }
        Link::Story => out.push(format!("story score {:.2}", e.story)),
    }
    if !shared_names.is_empty() {
        let names: Vec<&str> = shared_names.iter().take(5).map(String::as_str).collect();
        out.push(format!("names: {}", names.join(", ")));
    }
    if !shared_figures.is_empty() {
        let figures: Vec<String> = shared_figures
            .iter()
            .take(5)
            .map(|&v| fmt_value(v))
            .collect();
        out.push(format!("figures: {}", figures.join(", ")));
    }
    if f.dates > 0.0 {
        out.push(format!("dates {:.2}", f.dates));
    }
    out.push(format!("with {}", other.id));
    out
}

impl Analysis {
    fn by_publication(&self, members: &[u32]) -> Vec<u32> {
        let mut sorted = members.to_vec();
        sorted.sort_by_key(|&m| {
            let day = self.when[m as usize].day;
            (day.is_none(), day, self.docs[m as usize].id)
        });
        sorted
    }

    /// For each document, the index of its best edge accepted by `accept` (the two ends in one
    /// group of `group_of`).
    fn best_edges(&self, group_of: &[u32], accept: impl Fn(&Edge) -> bool) -> Vec<Option<u32>> {
        let mut best: Vec<Option<u32>> = vec![None; self.docs.len()];
        for (k, e) in self.edges.iter().enumerate() {
            if !accept(e) || group_of[e.a as usize] != group_of[e.b as usize] {
                continue;
            }
            for m in [e.a, e.b] {
                let slot = &mut best[m as usize];
                if slot.is_none_or(|b| e.score > self.edges[b as usize].score) {
                    *slot = Some(k as u32);
                }
            }
        }
        best
    }

    /// The evidence of each member, in order of publication.
    fn evidence(&self, members: &[u32], best: &[Option<u32>]) -> Vec<Evidence> {
        self.by_publication(members)
            .into_iter()
            .map(|m| {
                let doc = self.docs[m as usize].id;
                match best[m as usize].map(|k| &self.edges[k as usize]) {
                    Some(e) => {
                        let other = if e.a == m { e.b } else { e.a };
                        Evidence {
                            doc,
                            score: (e.score * 1000.0).round() / 1000.0,
                            matched: matched(
                                e,
                                &self.docs[m as usize],
                                &self.docs[other as usize],
                                &self.rarity,
                            ),
                        }
                    }
                    None => Evidence {
                        doc,
                        score: 1.0,
                        matched: Vec::new(),
                    },
                }
            })
            .collect()
    }

    fn copy_group(&self, kind: CopyKind, members: &[u32], best: &[Option<u32>]) -> CopyGroup {
        let docs = self.by_publication(members);
        let first = docs[0];
        let mut key = vec![kind as u8];
        key.extend_from_slice(&self.docs[members[0] as usize].id.0.to_le_bytes());
        let all_dated = members.iter().all(|&m| self.when[m as usize].day.is_some());
        let unique_first = docs
            .get(1)
            .is_none_or(|&second| self.when[second as usize].day != self.when[first as usize].day);
        CopyGroup {
            id: CopyGroupId::of(&key),
            kind,
            original: (all_dated && unique_first).then(|| self.docs[first as usize].id),
            languages: sorted_unique(members.iter().map(|&m| self.docs[m as usize].lang.clone())),
            sites: sorted_unique(
                members
                    .iter()
                    .filter_map(|&m| self.docs[m as usize].site.clone()),
            ),
            evidence: self.evidence(members, best),
            docs: docs.iter().map(|&m| self.docs[m as usize].id).collect(),
        }
    }

    fn label(&self, members: &[u32]) -> String {
        // Central: mentioned by many members, often, people and events before places, and not
        // a name every story mentions. Flat vectors: most stories are one or two articles.
        let mut all: Vec<(u32, &str, u8, EntityType)> = members
            .iter()
            .flat_map(|&m| self.docs[m as usize].names.iter())
            .map(|n| (n.key, n.shown.as_str(), n.count, n.kind))
            .collect();
        all.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(y.1)));
        let mut ranked: Vec<(f32, u32, &str)> = Vec::new();
        for run in all.chunk_by(|x, y| x.0 == y.0) {
            let kind = match run[0].3 {
                EntityType::Person | EntityType::Event => 1.5,
                EntityType::Organization | EntityType::Misc => 1.0,
                EntityType::Location => 0.6,
            };
            let mentions: f32 = run.iter().map(|x| f32::from(x.2)).sum();
            let rare = 0.5 + self.rarity.weight(run[0].0).min(1.0);
            let score = run.len() as f32 * kind * (1.0 + mentions).ln() * rare;
            // The form written most often (the first in order on a tie).
            let form = run
                .chunk_by(|x, y| x.1 == y.1)
                .map(|forms| {
                    (
                        forms.iter().map(|x| u32::from(x.2)).sum::<u32>(),
                        forms[0].1,
                    )
                })
                .fold((0u32, ""), |best, f| if f.0 > best.0 { f } else { best })
                .1;
            ranked.push((score, run[0].0, form));
        }
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let names: Vec<&str> = ranked.iter().take(3).map(|r| r.2).collect();
        let mut label = names.join(", ");
        let days: Vec<i32> = members
            .iter()
            .filter_map(|&m| self.when[m as usize].day)
            .collect();
        if let (Some(lo), Some(hi)) = (days.iter().min(), days.iter().max()) {
            let span = if lo == hi {
                iso(*lo)
            } else {
                format!("{} – {}", iso(*lo), iso(*hi))
            };
            label = if label.is_empty() {
                span
            } else {
                format!("{label} ({span})")
            };
        }
        label
    }

    fn story(&self, members: &[u32], best: &[Option<u32>]) -> Story {
        let docs = self.by_publication(members);
        let days: Vec<i32> = members
            .iter()
            .filter_map(|&m| self.when[m as usize].day)
            .collect();
        Story {
            id: StoryId::of(&self.docs[members[0] as usize].id.0.to_le_bytes()),
            label: self.label(members),
            languages: sorted_unique(members.iter().map(|&m| self.docs[m as usize].lang.clone())),
            sites: sorted_unique(
                members
                    .iter()
                    .filter_map(|&m| self.docs[m as usize].site.clone()),
            ),
            first: days.iter().min().map(|&d| iso(d)),
            last: days.iter().max().map(|&d| iso(d)),
            evidence: self.evidence(members, best),
            docs: docs.iter().map(|&m| self.docs[m as usize].id).collect(),
            corrected: false,
        }
    }

    /// Shapes the analysis into the corpus.
    pub fn corpus(&self) -> Corpus {
        let group_of = |groups: &[Vec<u32>]| -> Vec<u32> {
            let mut of = vec![u32::MAX; self.docs.len()];
            for (g, members) in groups.iter().enumerate() {
                for &m in members {
                    of[m as usize] = g as u32;
                }
            }
            of
        };
        let mut copies: Vec<CopyGroup> = Vec::new();
        for (kind, link, groups) in [
            (CopyKind::Exact, Link::Exact, &self.exact),
            (CopyKind::Near, Link::Near, &self.near),
            (CopyKind::Translation, Link::Translation, &self.translations),
        ] {
            let best = self.best_edges(&group_of(groups), |e| e.link == link);
            copies.extend(groups.iter().map(|g| self.copy_group(kind, g, &best)));
        }
        copies.sort_by(|x, y| {
            x.kind
                .cmp(&y.kind)
                .then(y.docs.len().cmp(&x.docs.len()))
                .then(x.id.cmp(&y.id))
        });
        let (story_groups, corrected) =
            corrections::stories(&self.stories, &self.docs, &self.config.corrections);
        let best = self.best_edges(&group_of(&story_groups), |e| joins_story(&self.config, e));
        let mut stories: Vec<Story> = story_groups
            .iter()
            .zip(corrected)
            .filter(|(members, _)| !members.is_empty())
            .map(|(members, corrected)| Story {
                corrected,
                ..self.story(members, &best)
            })
            .collect();
        stories.sort_by(|x, y| y.docs.len().cmp(&x.docs.len()).then(x.id.cmp(&y.id)));

        let mut story_of: KeyMap<_, _> = KeyMap::default();
        for story in &stories {
            for doc in &story.docs {
                story_of.insert(*doc, story.id);
            }
        }
        let mut groups_of: KeyMap<_, Vec<CopyGroupId>> = KeyMap::default();
        for group in &copies {
            for doc in &group.docs {
                groups_of.entry(*doc).or_default().push(group.id);
            }
        }
        let mut doc_links: Vec<DocLink> = self
            .docs
            .iter()
            .zip(&self.when)
            .map(|(d, known)| {
                let mut copy_groups = groups_of.remove(&d.id).unwrap_or_default();
                copy_groups.sort();
                DocLink {
                    id: d.id,
                    source: d.source.clone(),
                    story: story_of.get(&d.id).copied(),
                    copy_groups,
                    published_inferred: known.inferred.clone(),
                }
            })
            .collect();
        doc_links.sort_by(|x, y| x.source.location_cmp(&y.source).then(x.id.cmp(&y.id)));
        let names: Vec<DocNames<'_>> = self
            .docs
            .iter()
            .map(|d| DocNames {
                doc: d.id,
                lang: &d.lang,
                story: story_of.get(&d.id).copied(),
                names: &d.mentions,
            })
            .collect();
        let mut entities = entities::resolve(&names, &NameTable::new());
        let mt_damage = crate::mt::find(self, &stories, &copies, &entities);
        let langs: Vec<(concord_model::DocId, &str)> =
            self.docs.iter().map(|d| (d.id, d.lang.as_str())).collect();
        crate::mt::repair_entities_with_langs(&mut entities, &mt_damage, &langs);
        // After the repairs, so an analyst's merge sees the repaired mentions too.
        corrections::entities(&mut entities, &self.config.corrections);
        let mut claims = crate::claims::claims(self, &stories, &entities, &mt_damage);
        corrections::claims(&mut claims, &self.config.corrections);
        let quotes = crate::quotes::shared_quotes(self, &stories, &entities);
        Corpus {
            stories,
            copies,
            doc_links,
            entities,
            claims,
            quotes,
            mt_damage,
        }
    }
}
