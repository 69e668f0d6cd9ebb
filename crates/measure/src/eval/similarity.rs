//! Cross-document similarity on SemEval-2022 Task 8 (multilingual news article similarity).
//!
//! The CSV has one row per article pair: a unique row id in the first column, then `pair_id`,
//! `lang1`, `lang2`, `text1`, `text2`, the per-dimension gold scores and `Overall` (1 = the same
//! story ... 4 = unrelated). Each text goes through the real pipeline as a plain-text document
//! (ingest's decoding, the whole normalize stage, extract) and becomes a reconcile digest with its
//! similarity profile. Each pair gets two scores:
//! - the shared similarity of the two profiles (`concord_reconcile::similarity::similarity`, which
//!   `explain` shows), the score the per-language table and `--write-predictions` report;
//! - the story score that joins stories (`concord_reconcile::score::story_score`, through
//!   `explain`), with the names' rarity taken from all the file's texts analysed as one corpus.
//!
//! The two differ on purpose: stories are single events bounded in time (the seeds' April and
//! December 2021 Biden-Putin contacts are two stories), which the rare names carry, while the
//! shared similarity, fitted on this task, rates articles on one topic alike.
//!
//! Figures, as the task scores them: Pearson's r between the score and `Overall`, with the sign
//! flipped (good = positive), per language pair with its count and a 95% interval (Fisher z), over
//! all pairs but the Chinese ones (concord does not cover Chinese; they are scored and reported
//! apart) and over all pairs. The model's weights were fitted on the rows of the `fit` half (a
//! deterministic half: the pairs whose `pair_id` hashes even); both halves are reported.
//!
//! The story decision: pairs with gold `Overall <= 1.5` are the same story, `>= 3` are not (pairs
//! in between are left out); F1 of "same story" for the story score at `story_min`, the decision
//! the reconcile stage makes (before the time bound, which undated texts do not meet), and for the
//! shared similarity at `STORY_THRESHOLD`.

use std::collections::BTreeMap;
use std::path::Path;

use concord_ingest::{Declared, Record};
use concord_model::codec::FrameWriter;
use concord_model::{DocDigest, DocId, InputFormat, Profile, SourceRef};
use concord_normalize::{Normalizer, RunContext};
use concord_reconcile::similarity::{STORY_THRESHOLD, similarity};

use super::{EvalError, EvalReport, EvalRow};

/// Published figures (`../shared/eval/README.md`): the best system of the task, on the official
/// test set (not this dev file).
const PEERS: &[(&str, f64)] = &[("best SemEval-2022 Task 8 system (XLM-R, test set)", 0.818)];

/// One scored pair.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredPair {
    /// The CSV's first column.
    pub row_id: String,
    /// `lang1-lang2`.
    pub langs: String,
    /// Gold `Overall` (1 = same story ... 4 = unrelated).
    pub gold: f64,
    /// The shared similarity's score.
    pub score: f64,
    /// The story score, the one that joins stories (0 when a text could not be read).
    pub story: f64,
    /// Whether the pair is in the half the weights were fitted on.
    pub fit_half: bool,
    /// The similarity's features, by name.
    pub features: Vec<(&'static str, f32)>,
    /// Serialized size of the two profiles, in bytes (bincode as the codec writes it).
    pub profile_bytes: [usize; 2],
}

/// Scores every pair of the CSV at `data`.
pub fn score_pairs(data: &Path) -> Result<Vec<ScoredPair>, EvalError> {
    let text = std::fs::read_to_string(data).map_err(|source| EvalError::Io {
        path: data.to_owned(),
        source,
    })?;
    let format = |message: String| EvalError::Format {
        path: data.to_owned(),
        message,
    };
    let rows = parse_csv(&text).map_err(format)?;
    let Some(header) = rows.first() else {
        return Err(format("empty file".into()));
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format(format!("no column {name:?}")))
    };
    let (c_pair, c_l1, c_l2, c_t1, c_t2, c_overall) = (
        col("pair_id")?,
        col("lang1")?,
        col("lang2")?,
        col("text1")?,
        col("text2")?,
        col("Overall")?,
    );
    let config = concord_pipeline::PipelineConfig::recommended();
    let normalizer =
        Normalizer::new(&config.normalize).map_err(|err| format(format!("normalize: {err}")))?;
    let extractor = concord_extract::Extractor::new(&config.extract)
        .map_err(|err| format(format!("extract: {err}")))?;
    let digest = |name: String, text: &str| -> Option<DocDigest> {
        let record = Record {
            source: SourceRef::file(name),
            format: InputFormat::Text,
            bytes: text.as_bytes().to_vec(),
            declared: Declared::default(),
        };
        concord_ingest::decode(&config.ingest, record)
            .and_then(|doc| normalizer.normalize(doc, &RunContext::none()))
            .and_then(|doc| extractor.extract(doc))
            .ok()
            .map(|facts| concord_reconcile::digest::digest(&facts, true))
    };
    let empty = Profile::default();
    let mut digests = Vec::with_capacity(2 * rows.len());
    let mut ids: Vec<[Option<DocId>; 2]> = Vec::with_capacity(rows.len());
    let mut pairs = Vec::with_capacity(rows.len().saturating_sub(1));
    for (n, row) in rows.iter().enumerate().skip(1) {
        let field = |i: usize| {
            row.get(i)
                .map(String::as_str)
                .ok_or_else(|| format(format!("row {n}: too few columns")))
        };
        let row_id = field(0)?.to_owned();
        let gold: f64 = field(c_overall)?
            .trim()
            .parse()
            .map_err(|_| format(format!("row {n}: bad Overall")))?;
        let da = digest(format!("{row_id}-1.txt"), field(c_t1)?);
        let db = digest(format!("{row_id}-2.txt"), field(c_t2)?);
        let a = da.as_ref().map_or(&empty, |d| &d.profile);
        let b = db.as_ref().map_or(&empty, |d| &d.profile);
        let sim = similarity(a, b);
        let langs = format!("{}-{}", field(c_l1)?, field(c_l2)?);
        // `RUST_LOG=concord_measure=debug` prints every pair's features beside its gold (and, after
        // the analysis, its story score's features).
        tracing::debug!(
            row = %row_id,
            %langs,
            gold,
            score = sim.score,
            features = ?sim.features,
            words = ?(a.words, b.words),
            mapped = ?(a.mapped, b.mapped),
        );
        let profile_bytes = [encoded_len(a), encoded_len(b)];
        ids.push([da.as_ref().map(|d| d.id), db.as_ref().map(|d| d.id)]);
        digests.extend(da.into_iter().chain(db));
        pairs.push(ScoredPair {
            langs,
            fit_half: fit_half(field(c_pair)?),
            row_id,
            gold,
            score: f64::from(sim.score),
            story: 0.0,
            features: sim.features,
            profile_bytes,
        });
    }
    // The story score needs the corpus: how rare each name is among all the texts.
    let analysis = concord_reconcile::analysis::analyse(&config.reconcile, digests);
    for (pair, [a, b]) in pairs.iter_mut().zip(ids) {
        if let (Some(a), Some(b)) = (a, b)
            && let Some(why) = concord_reconcile::explain::explain(&analysis, a, b)
        {
            pair.story = f64::from(why.story_score);
            tracing::debug!(row = %pair.row_id, story = why.story_score, story_features = ?why.features);
        }
    }
    Ok(pairs)
}

/// The bytes a profile takes in an intermediate file (one codec frame, header left out).
fn encoded_len(profile: &Profile) -> usize {
    let empty = FrameWriter::new(Vec::new(), "profile")
        .and_then(FrameWriter::finish)
        .map_or(0, |v| v.len());
    FrameWriter::new(Vec::new(), "profile")
        .and_then(|mut w| w.write(profile).map(|()| w))
        .and_then(FrameWriter::finish)
        .map_or(0, |v| v.len().saturating_sub(empty))
}

/// Whether a pair is in the half the similarity weights were fitted on (its `pair_id` hashes
/// even).
pub fn fit_half(pair_id: &str) -> bool {
    fnv1a(pair_id) % 2 == 0
}

/// FNV-1a of a string: a split that never depends on a library's version.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Scores the pairs of the CSV at `data` and reports the figures.
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    let pairs = score_pairs(data)?;
    Ok(report(data, &pairs))
}

/// Writes `row_id,score` lines (with that header) for outside scorers.
pub fn write_predictions(pairs: &[ScoredPair], out: &Path) -> Result<(), EvalError> {
    let mut text = String::from("row_id,score\n");
    for p in pairs {
        text.push_str(&format!("{},{:.6}\n", p.row_id, p.score));
    }
    std::fs::write(out, text).map_err(|source| EvalError::Io {
        path: out.to_owned(),
        source,
    })
}

/// A pair's score of the shared similarity.
fn shared(p: &ScoredPair) -> f64 {
    p.score
}

/// A pair's story score.
fn story(p: &ScoredPair) -> f64 {
    p.story
}

/// Pearson's r of the shared similarity against gold with the sign flipped, and its 95% interval
/// (Fisher z).
fn pearson(pairs: &[&ScoredPair]) -> (f64, f64, f64) {
    pearson_of(pairs, shared)
}

/// [`pearson`] of the score `by` gives.
fn pearson_of(pairs: &[&ScoredPair], by: fn(&ScoredPair) -> f64) -> (f64, f64, f64) {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let mx = pairs.iter().map(|p| by(p)).sum::<f64>() / n;
    let my = pairs.iter().map(|p| -p.gold).sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for p in pairs {
        let (dx, dy) = (by(p) - mx, -p.gold - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let r = match sxx * syy {
        v if v > 0.0 => sxy / v.sqrt(),
        _ => f64::NAN,
    };
    if pairs.len() < 4 || r.is_nan() {
        return (r, f64::NAN, f64::NAN);
    }
    let z = r.clamp(-0.999_999, 0.999_999).atanh();
    let se = 1.0 / (n - 3.0).sqrt();
    (r, (z - 1.96 * se).tanh(), (z + 1.96 * se).tanh())
}

/// The story decision's precision, recall and F1 for the score `by` at `threshold`, with the
/// number of pairs decided.
fn story_f1(
    pairs: &[&ScoredPair],
    by: fn(&ScoredPair) -> f64,
    threshold: f32,
) -> (f64, f64, f64, u64) {
    let (mut tp, mut fp, mut fn_, mut n) = (0u64, 0u64, 0u64, 0u64);
    for p in pairs {
        let gold = match p.gold {
            g if g <= 1.5 => true,
            g if g >= 3.0 => false,
            _ => continue,
        };
        n += 1;
        let predicted = by(p) >= f64::from(threshold);
        match (gold, predicted) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = match precision + recall {
        s if s > 0.0 => 2.0 * precision * recall / s,
        _ => 0.0,
    };
    (precision, recall, f1, n)
}

/// A table row of Pearson figures.
fn row(name: &str, pairs: &[&ScoredPair]) -> EvalRow {
    let (r, lo, hi) = pearson(pairs);
    EvalRow {
        name: name.to_owned(),
        n: pairs.len() as u64,
        metrics: vec![
            ("pearson".into(), r),
            ("ci95_low".into(), lo),
            ("ci95_high".into(), hi),
        ],
    }
}

/// Builds the report of scored pairs.
pub fn report(data: &Path, pairs: &[ScoredPair]) -> EvalReport {
    let mut by_langs: BTreeMap<&str, Vec<&ScoredPair>> = BTreeMap::new();
    for p in pairs {
        by_langs.entry(p.langs.as_str()).or_default().push(p);
    }
    let is_zh = |p: &&ScoredPair| p.langs.split('-').any(|l| l == "zh");
    let all: Vec<&ScoredPair> = pairs.iter().collect();
    let non_zh: Vec<&ScoredPair> = pairs.iter().filter(|p| !is_zh(p)).collect();
    let fit: Vec<&ScoredPair> = non_zh.iter().copied().filter(|p| p.fit_half).collect();
    let other: Vec<&ScoredPair> = non_zh.iter().copied().filter(|p| !p.fit_half).collect();
    let mut rows: Vec<EvalRow> = by_langs.iter().map(|(l, ps)| row(l, ps)).collect();
    rows.push(row("all but zh", &non_zh));
    rows.push(row("all but zh, fit half", &fit));
    rows.push(row("all but zh, other half", &other));
    rows.push(row("all", &all));
    let (precision, recall, f1, decided) = story_f1(&non_zh, shared, STORY_THRESHOLD);
    let (_, _, f1_other, _) = story_f1(&other, shared, STORY_THRESHOLD);
    let story_min = concord_reconcile::ReconcileConfig::recommended().story_min;
    let stories = story_f1(&non_zh, story, story_min);
    let (_, _, stories_f1_other, _) = story_f1(&other, story, story_min);
    let worst_large = by_langs
        .iter()
        .filter(|(l, ps)| ps.len() >= 50 && !l.split('-').any(|x| x == "zh"))
        .map(|(_, ps)| pearson(ps).0)
        .fold(f64::INFINITY, f64::min);
    EvalReport {
        task: "similarity".into(),
        data: data.display().to_string(),
        rows,
        summary: vec![
            ("pearson_all_but_zh".into(), pearson(&non_zh).0),
            ("pearson_all_but_zh_other_half".into(), pearson(&other).0),
            ("pearson_all".into(), pearson(&all).0),
            ("worst_pair_with_50_or_more".into(), worst_large),
            (
                "profile_bytes_mean".into(),
                pairs
                    .iter()
                    .map(|p| (p.profile_bytes[0] + p.profile_bytes[1]) as f64)
                    .sum::<f64>()
                    / (2 * pairs.len()).max(1) as f64,
            ),
            ("story_threshold".into(), f64::from(STORY_THRESHOLD)),
            ("story_pairs_decided".into(), decided as f64),
            ("story_precision".into(), precision),
            ("story_recall".into(), recall),
            ("story_f1".into(), f1),
            ("story_f1_other_half".into(), f1_other),
            (
                "stories_pearson_all_but_zh".into(),
                pearson_of(&non_zh, story).0,
            ),
            ("stories_threshold".into(), f64::from(story_min)),
            ("stories_precision".into(), stories.0),
            ("stories_recall".into(), stories.1),
            ("stories_f1".into(), stories.2),
            ("stories_f1_other_half".into(), stories_f1_other),
        ],
        peers: PEERS
            .iter()
            .map(|(peer, value)| ((*peer).to_owned(), "pearson".to_owned(), *value))
            .collect(),
    }
}

/// Parses RFC 4180 CSV: fields separated by commas, quoted with `"` (doubled inside), records
/// separated by line breaks outside quotes.
pub(crate) fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1usize;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                line += 1;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!("unterminated quote (line {line})"));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv() {
        let check = |text: &str, expected: &[&[&str]]| {
            let rows = parse_csv(text).unwrap_or_default();
            let rows: Vec<Vec<&str>> = rows
                .iter()
                .map(|r| r.iter().map(String::as_str).collect())
                .collect();
            assert_eq!(rows, expected, "{text:?}");
        };
        check("a,b\n1,2\n", &[&["a", "b"], &["1", "2"]]);
        check(
            ",x\r\n0,\"he said \"\"hi\"\",\nthen\"\n",
            &[&["", "x"], &["0", "he said \"hi\",\nthen"]],
        );
        check("a,b", &[&["a", "b"]]);
        assert!(parse_csv("a,\"b").is_err());
    }

    fn pair(score: f64, gold: f64) -> ScoredPair {
        ScoredPair {
            row_id: String::new(),
            langs: "en-en".into(),
            gold,
            score,
            story: score,
            fit_half: true,
            features: Vec::new(),
            profile_bytes: [0, 0],
        }
    }

    #[test]
    fn pearson_sign_and_story_f1() {
        let pairs = [
            pair(0.9, 1.0),
            pair(0.8, 1.5),
            pair(0.2, 4.0),
            pair(0.6, 3.0),
        ];
        let refs: Vec<&ScoredPair> = pairs.iter().collect();
        let (r, lo, hi) = pearson(&refs);
        assert!(r > 0.8 && lo < r && r < hi, "{r} {lo} {hi}");
        // 0.9 and 0.8 are same-story hits, 0.6 (gold 3) a false positive at threshold 0.5.
        let (p, rec, f1, n) = story_f1(&refs, shared, 0.5);
        assert_eq!(story_f1(&refs, story, 0.5), (p, rec, f1, n));
        assert_eq!(n, 4);
        assert!((rec - 1.0).abs() < 1e-9);
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (f1 - 0.8).abs() < 1e-9);
    }
}
