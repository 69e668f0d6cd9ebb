//! The pair features reconcile joins documents by, and the two scores built from them: the story
//! score (same event) and the translation score (same article in another language).
//!
//! Name weights come from the corpus: a name's weight is `ln(1 + n / df)` for a corpus of `n`
//! documents of which `df` mention it, so "Putin" in a corpus about Russia says little and
//! "Riabkov" says much. Everything else is a property of the two digests.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use concord_model::{DocDigest, EntityType};

use crate::dates::DateKnowledge;
use crate::digest::days;
use crate::minhash;
use crate::similarity::{Similarity, similarity};

/// A hasher for keys that are hashes already (name keys): one multiply-mix, no SipHash.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        crate::fold::mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 ^= u64::from(n);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// A map keyed by name keys or document ids.
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// How often each name key occurs across the corpus.
#[derive(Clone, Debug, Default)]
pub struct Rarity {
    /// Documents in the corpus.
    pub docs: u32,
    /// Documents mentioning each name key.
    pub df: KeyMap<u32, u32>,
}

impl Rarity {
    /// Counts the name keys of `digests`.
    pub fn of(digests: &[DocDigest]) -> Rarity {
        let mut df: KeyMap<u32, u32> = KeyMap::default();
        for digest in digests {
            for name in &digest.names {
                *df.entry(name.key).or_default() += 1;
            }
        }
        Rarity {
            docs: digests.len() as u32,
            df,
        }
    }

    /// The weight of one name key.
    pub fn weight(&self, key: u32) -> f32 {
        let df = self.df.get(&key).copied().unwrap_or(1).max(1);
        ((self.docs + 1) as f32 / df as f32).ln().max(0.0)
    }
}

/// What two documents share, feature by feature (each 0 to 1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Weighted overlap of the name keys (shared weight over the smaller document's total).
    pub names: f32,
    /// Weighted overlap of the quoted speakers (the same people quoted).
    pub speakers: f32,
    /// Shared figure values over the smaller figure list.
    pub figures: f32,
    /// Shared day dates named in the texts over the smaller list.
    pub dates: f32,
    /// Estimated Jaccard of the word shingles (MinHash).
    pub jaccard: f32,
    /// Longest common subsequence of the ordered anchors over the longer sequence.
    pub order: f32,
    /// Agreement of the paragraph length profiles (1 - total variation; 0 when the counts differ
    /// by more than a fifth).
    pub paragraphs: f32,
    /// Ratio of the quotation counts (smaller over larger; 1 when neither quotes).
    pub quotes: f32,
    /// Ratio of the text lengths (shorter over longer).
    pub length: f32,
    /// Whether the publish dates are close: 1 when both are known (or one is known and a candidate
    /// of the other's inferred date) and within the story window, 0 otherwise or when unknown.
    pub time: f32,
}

fn share(a: usize, b: usize, shared: usize) -> f32 {
    match a.min(b) {
        0 => 0.0,
        small => shared as f32 / small as f32,
    }
}

/// Positions (of 255) two aligned anchors may differ by.
const DRIFT: u8 = 16;

/// The longest common subsequence of two anchor sequences, where two anchors match when they are
/// the same name or number at about the same place of their texts.
fn lcs(a: &[(u16, u8)], b: &[(u16, u8)]) -> usize {
    let mut row = [0u8; 64];
    let b = &b[..b.len().min(63)];
    for &(x, px) in a {
        let mut diag = 0;
        for (j, &(y, py)) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y && px.abs_diff(py) <= DRIFT {
                diag + 1
            } else {
                up.max(row[j])
            };
            diag = up;
        }
    }
    usize::from(row[b.len()])
}

fn paragraph_agreement(a: &[u16], b: &[u16]) -> f32 {
    let (na, nb) = (a.len(), b.len());
    if na < 2 || nb < 2 || na.abs_diff(nb) > (na.max(nb) / 5).max(1) {
        return 0.0;
    }
    let sa: f32 = a.iter().map(|&x| f32::from(x)).sum::<f32>().max(1.0);
    let sb: f32 = b.iter().map(|&x| f32::from(x)).sum::<f32>().max(1.0);
    let diff: f32 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (f32::from(x) / sa - f32::from(y) / sb).abs())
        .sum();
    let missing = (na.abs_diff(nb)) as f32 / na.max(nb) as f32;
    (1.0 - 0.5 * diff - missing).max(0.0)
}

/// What the features need of one document beyond its digest, computed once per document: name
/// and speaker weights (sorted by key), their totals, and the candidate days of an inferred date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// `(key, rarity x type weight, mentions)`, sorted by key.
    names: Vec<(u32, f32, u8)>,
    /// Weight of the names another document could share.
    total: f32,
    /// `(key, rarity)` of the quoted speakers, sorted by key.
    speakers: Vec<(u32, f32)>,
    /// Their total weight.
    speaker_total: f32,
    /// The publish date, when known.
    day: Option<i32>,
    /// The candidate days of an undecided inferred date.
    candidates: Vec<i32>,
}

fn count_weight(count: u8) -> f32 {
    f32::from(count.min(9)).sqrt()
}

impl Prepared {
    /// Prepares one document.
    pub fn of(d: &DocDigest, rarity: &Rarity, known: &DateKnowledge) -> Prepared {
        // A name counts by its rarity, its type (people and events tell stories apart better than
        // places) and, softly, how often the document mentions it. Names no other document
        // mentions cannot be shared and are left out of the total.
        let mut names: Vec<(u32, f32, u8)> = d
            .names
            .iter()
            .map(|n| {
                let kind = match n.kind {
                    EntityType::Person | EntityType::Event => 1.5,
                    EntityType::Organization | EntityType::Misc => 1.0,
                    EntityType::Location => 0.6,
                };
                (n.key, rarity.weight(n.key) * kind, n.count)
            })
            .collect();
        let total = d
            .names
            .iter()
            .zip(&names)
            .filter(|(n, _)| rarity.df.get(&n.key).copied().unwrap_or(0) >= 2)
            .map(|(_, w)| w.1 * count_weight(w.2))
            .sum();
        names.sort_by_key(|n| n.0);
        let mut speakers: Vec<(u32, f32)> =
            d.speakers.iter().map(|&k| (k, rarity.weight(k))).collect();
        speakers.sort_by_key(|s| s.0);
        Prepared {
            names,
            total,
            speaker_total: speakers.iter().map(|s| s.1).sum(),
            speakers,
            day: known.day,
            candidates: if known.day.is_none() {
                known
                    .inferred
                    .iter()
                    .flat_map(|i| i.candidates.iter().filter_map(|c| days(c)))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// The features of a pair of documents (time within `window` days).
pub fn features(
    a: &DocDigest,
    b: &DocDigest,
    pa: &Prepared,
    pb: &Prepared,
    window: i32,
) -> Features {
    let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
    while i < pa.names.len() && j < pb.names.len() {
        let (x, y) = (pa.names[i], pb.names[j]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += x.1 * count_weight(x.2.min(y.2));
                i += 1;
                j += 1;
            }
        }
    }
    // Overlap over the smaller total, so a short article inside a long one's story still scores.
    let names = shared / pa.total.min(pb.total).max(2.0);
    let speakers = pa
        .speakers
        .iter()
        .filter(|s| pb.speakers.binary_search_by_key(&s.0, |t| t.0).is_ok())
        .map(|s| s.1)
        .sum::<f32>()
        / pa.speaker_total.min(pb.speaker_total).max(1.5);
    let close = |x: i32, y: i32| (x - y).abs() <= window;
    let time = match (pa.day, pb.day) {
        (Some(x), Some(y)) => close(x, y),
        (Some(x), None) => pb.candidates.iter().any(|&y| close(x, y)),
        (None, Some(y)) => pa.candidates.iter().any(|&x| close(x, y)),
        (None, None) => false,
    };
    let shared_figures = a.figures.iter().filter(|v| b.figures.contains(v)).count();
    let shared_dates = a.dates.iter().filter(|d| b.dates.contains(d)).count();
    let longer = a.sequence.len().max(b.sequence.len());
    // The translation features only matter across languages.
    let cross = a.lang != b.lang;
    let order = if cross && a.sequence.len().min(b.sequence.len()) >= 3 {
        lcs(&a.sequence, &b.sequence) as f32 / longer as f32
    } else {
        0.0
    };
    let quotes = match (a.quotes, b.quotes) {
        (0, 0) => 1.0,
        (x, y) => f32::from(x.min(y)) / f32::from(x.max(y)),
    };
    let length = match a.text_len.max(b.text_len) {
        0 => 0.0,
        long => a.text_len.min(b.text_len) as f32 / long as f32,
    };
    Features {
        names: names.min(1.0),
        speakers: speakers.min(1.0),
        figures: share(a.figures.len(), b.figures.len(), shared_figures),
        dates: share(a.dates.len(), b.dates.len(), shared_dates),
        jaccard: minhash::jaccard(&a.signature, &b.signature),
        order,
        paragraphs: if cross {
            paragraph_agreement(&a.paragraphs, &b.paragraphs)
        } else {
            0.0
        },
        quotes,
        length,
        time: if time { 1.0 } else { 0.0 },
    }
}

/// What two documents share, for a person: the shared names as the first writes them (heaviest
/// first) and the shared figure values.
pub fn shared(a: &DocDigest, b: &DocDigest, rarity: &Rarity) -> (Vec<String>, Vec<f32>) {
    let mut names: Vec<(f32, &str)> = a
        .names
        .iter()
        .filter(|n| b.names.iter().any(|o| o.key == n.key))
        .map(|n| (rarity.weight(n.key), n.shown.as_str()))
        .collect();
    names.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    let figures = a
        .figures
        .iter()
        .copied()
        .filter(|v| b.figures.contains(v))
        .collect();
    (names.into_iter().map(|n| n.1.to_owned()).collect(), figures)
}

/// The story score: how likely two documents report the same event (0 to 1), from rare names,
/// quoted speakers, figures, dates, shared text and time.
///
/// Rare names weigh most: they tell one event from the next on the same topic. The shared
/// similarity ([`shared_story_score`]) correlates better with SemEval's judgements (0.71 against
/// 0.47) but rates the articles of one topic alike, so it would join the seeds' April and
/// December 2021 stories, which no date separates (BENCHMARKS.md, session 14).
pub fn story_score(f: &Features) -> f32 {
    (0.45 * f.names
        + 0.2 * f.speakers
        + 0.1 * f.figures
        + 0.05 * f.dates
        + 0.1 * lexical(f)
        + 0.1 * f.time)
        .min(1.0)
}

/// The story score from the shared similarity ([`crate::similarity`]) of two documents' profiles
/// and the time feature; not the one stories use (see [`story_score`]).
pub fn shared_story_score(a: &DocDigest, b: &DocDigest, f: &Features) -> (f32, Similarity) {
    let sim = similarity(&a.profile, &b.profile);
    ((0.85 * sim.score + 0.15 * f.time).min(1.0), sim)
}

/// The shared-text part of the story score: estimated Jaccard, saturating at 0.2 (articles of one
/// story that share a paragraph or two).
pub fn lexical(f: &Features) -> f32 {
    (f.jaccard * 5.0).min(1.0)
}

/// The translation score: how likely two documents in different languages are one article
/// (0 to 1): names and numbers in the same order, the same paragraph shape, as many quotations,
/// a similar length.
pub fn translation_score(f: &Features) -> f32 {
    let length = if f.length >= 0.6 { 1.0 } else { f.length };
    0.6 * f.order + 0.2 * f.paragraphs + 0.1 * f.quotes + 0.1 * length * f.figures.max(f.names)
}
