//! The pair features reconcile joins documents by, and the two scores built from them: the story
//! score (same event) and the translation score (same article in another language).
//!
//! Name weights come from the corpus: a name's weight is `ln(1 + n / df)` for a corpus of `n`
//! documents of which `df` mention it, so "Putin" in a corpus about Russia says little and
//! "Riabkov" says much. Everything else is a property of the two digests.

use std::collections::HashMap;

use concord_model::{DocDigest, EntityType, NameAnchor};

use crate::dates::DateKnowledge;
use crate::digest::days;
use crate::minhash;
use crate::similarity::similarity;

/// How often each name key occurs across the corpus.
#[derive(Clone, Debug, Default)]
pub struct Rarity {
    /// Documents in the corpus.
    pub docs: u32,
    /// Documents mentioning each name key.
    pub df: HashMap<u32, u32>,
}

impl Rarity {
    /// Counts the name keys of `digests`.
    pub fn of(digests: &[DocDigest]) -> Rarity {
        let mut df: HashMap<u32, u32> = HashMap::new();
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Weighted overlap of the name keys (shared weight over the smaller document's total).
    pub names: f32,
    /// The shared names, as the first document writes them, heaviest first.
    pub shared_names: Vec<String>,
    /// Weighted overlap of the quoted speakers (the same people quoted).
    pub speakers: f32,
    /// Shared figure values over the smaller figure list.
    pub figures: f32,
    /// The shared figure values.
    pub shared_figures: Vec<f32>,
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
    /// The shared similarity score of the two profiles ([`crate::similarity`]).
    pub similarity: f32,
    /// Its features, by name.
    pub similarity_features: Vec<(&'static str, f32)>,
}

/// The time feature of two documents' date knowledge.
pub fn time_affinity(a: &DateKnowledge, b: &DateKnowledge, window: i32) -> f32 {
    let close = |x: i32, y: i32| (x - y).abs() <= window;
    let candidates = |k: &DateKnowledge| -> Vec<i32> {
        k.inferred
            .iter()
            .flat_map(|i| i.candidates.iter().filter_map(|c| days(c)))
            .collect()
    };
    let near = match (a.day, b.day) {
        (Some(x), Some(y)) => close(x, y),
        (Some(x), None) => candidates(b).into_iter().any(|y| close(x, y)),
        (None, Some(y)) => candidates(a).into_iter().any(|x| close(x, y)),
        (None, None) => false,
    };
    if near { 1.0 } else { 0.0 }
}

fn share(a: usize, b: usize, shared: usize) -> f32 {
    match a.min(b) {
        0 => 0.0,
        small => shared as f32 / small as f32,
    }
}

fn lcs(a: &[u16], b: &[u16]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
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

/// The features of a pair of documents.
pub fn features(a: &DocDigest, b: &DocDigest, rarity: &Rarity) -> Features {
    // A name counts by its rarity, its type (people and events tell stories apart better than
    // places) and, softly, how often the document mentions it. Names no other document mentions
    // cannot be shared and are left out of the totals.
    let weight = |name: &NameAnchor, count: u8| {
        let kind = match name.kind {
            EntityType::Person | EntityType::Event => 1.5,
            EntityType::Organization | EntityType::Misc => 1.0,
            EntityType::Location => 0.6,
        };
        rarity.weight(name.key) * kind * f32::from(count.min(9)).sqrt()
    };
    let shareable = |name: &&NameAnchor| rarity.df.get(&name.key).copied().unwrap_or(0) >= 2;
    let total = |d: &DocDigest| -> f32 {
        d.names
            .iter()
            .filter(shareable)
            .map(|n| weight(n, n.count))
            .sum()
    };
    let mut shared: Vec<(f32, &str)> = Vec::new();
    for name in &a.names {
        if let Some(other) = b.names.iter().find(|o| o.key == name.key) {
            shared.push((
                weight(name, name.count.min(other.count)),
                name.shown.as_str(),
            ));
        }
    }
    // Overlap over the smaller total, so a short article inside a long one's story still scores.
    let denominator = total(a).min(total(b)).max(2.0);
    let names = shared.iter().map(|s| s.0).sum::<f32>() / denominator;
    let speaker_total =
        |d: &DocDigest| -> f32 { d.speakers.iter().map(|&k| rarity.weight(k)).sum() };
    let speakers = a
        .speakers
        .iter()
        .filter(|k| b.speakers.contains(k))
        .map(|&k| rarity.weight(k))
        .sum::<f32>()
        / speaker_total(a).min(speaker_total(b)).max(1.5);
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    let shared_figures: Vec<f32> = a
        .figures
        .iter()
        .copied()
        .filter(|v| b.figures.contains(v))
        .collect();
    let shared_dates = a.dates.iter().filter(|d| b.dates.contains(d)).count();
    let longer = a.sequence.len().max(b.sequence.len());
    let order = if a.sequence.len().min(b.sequence.len()) >= 3 {
        lcs(&a.sequence, &b.sequence) as f32 / longer as f32
    } else {
        0.0
    };
    let sim = similarity(&a.profile, &b.profile);
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
        shared_names: shared.into_iter().map(|s| s.1.to_owned()).collect(),
        figures: share(a.figures.len(), b.figures.len(), shared_figures.len()),
        shared_figures,
        dates: share(a.dates.len(), b.dates.len(), shared_dates),
        jaccard: minhash::jaccard(&a.signature, &b.signature),
        order,
        paragraphs: paragraph_agreement(&a.paragraphs, &b.paragraphs),
        quotes,
        length,
        time: 0.0,
        similarity: sim.score,
        similarity_features: sim.features,
    }
}

/// The story score: how likely two documents report the same event (0 to 1).
///
/// Interim weights until the shared similarity score lands; the swap is this one function.
pub fn story_score(f: &Features) -> f32 {
    interim_story_score(f)
}

/// The story score from the shared similarity ([`crate::similarity`]) and the time feature; not
/// yet the one stories use (see [`story_score`]).
pub fn shared_story_score(f: &Features) -> f32 {
    (0.85 * f.similarity + 0.15 * f.time).min(1.0)
}

/// The interim story score used before the shared similarity landed (kept for comparison in
/// explanations): rare names, figures, dates, shared text and time.
pub fn interim_story_score(f: &Features) -> f32 {
    (0.45 * f.names
        + 0.2 * f.speakers
        + 0.1 * f.figures
        + 0.05 * f.dates
        + 0.1 * lexical(f)
        + 0.1 * f.time)
        .min(1.0)
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
    0.45 * f.order + 0.3 * f.paragraphs + 0.1 * f.quotes + 0.15 * length * f.figures.max(f.names)
}
