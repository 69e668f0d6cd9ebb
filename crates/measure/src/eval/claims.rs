//! Claims and shared quotes on the hand-made set of `data/eval/claims` (format in its README).
//!
//! The gold names documents by where they are read from (`similarity:<row>:<side>`, a text of the
//! SemEval-2022 Task 8 dev CSV under `../shared/eval`; `samples:<file>`, a seed of
//! `data/samples`) and gives each gold item as the start of its text in the document:
//! `quotes.tsv` has `group<TAB>doc<TAB>quoted words`, `claims.tsv` has
//! `claim<TAB>verdict<TAB>doc<TAB>figure text`. Every document named goes through the real stages
//! (ingest's decoding, normalize, extract, reconcile's fold), all in one corpus; each gold item is
//! located in its document's clean text (first occurrence of its text) and matched to the
//! predicted rendering or claim value of that document whose span overlaps it.
//!
//! Figures:
//! - grouping, pairwise over gold items: a pair of gold renderings (values) is gold-positive when
//!   they have one group (claim) label, predicted-positive when both matched renderings (values) of
//!   one predicted shared quote (claim); precision, recall and F1 of the positive pairs. Pairs with
//!   an item nothing was predicted for are predicted-negative; predicted items no gold item
//!   covers are not scored (the gold is not exhaustive) and are counted apart;
//! - quotes across languages: the same over pairs of renderings in two languages;
//! - verdict accuracy over gold claims: the verdict of the predicted claim that holds most of the
//!   claim's values (ties: the first in output order) against the gold verdict; a gold claim with
//!   no predicted value counts as wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concord_ingest::{Declared, Record};
use concord_model::{Corpus, DocId, InputFormat, SourceRef, Span};
use concord_normalize::{Normalizer, RunContext};
use concord_reconcile::Reconciler;

use super::{EvalError, EvalReport, EvalRow};

/// Where the documents of the set are read from.
#[derive(Clone, Debug)]
pub struct Sources {
    /// The SemEval-2022 Task 8 pairs CSV.
    pub similarity: PathBuf,
    /// The seed articles folder.
    pub samples: PathBuf,
}

/// One gold item: a rendering of a quote or a value of a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldItem {
    /// Its group: the quote or claim label.
    pub group: String,
    /// The document reference.
    pub doc: String,
    /// The start of its text in the document.
    pub text: String,
    /// The gold verdict (claims only).
    pub verdict: Option<String>,
}

/// A gold item placed in its document, with what was predicted there.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The group label.
    pub group: String,
    /// The document's language as concord detected it.
    pub lang: String,
    /// The predicted group that holds it (an index into the predicted list), if any.
    pub predicted: Option<usize>,
}

/// Pairwise grouping counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pairs {
    /// Pairs in one gold group and one predicted group.
    pub true_pos: u64,
    /// Pairs in one predicted group only.
    pub false_pos: u64,
    /// Pairs in one gold group only.
    pub false_neg: u64,
}

impl Pairs {
    /// Precision, recall and F1 (precision and recall 0 without positives).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64;
        let r = self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Counts the pairs of `items`; with `across`, only pairs of items in two languages.
pub fn pairs(items: &[Placed], across: bool) -> Pairs {
    let mut out = Pairs::default();
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if across && a.lang == b.lang {
                continue;
            }
            let gold = a.group == b.group;
            let predicted = a.predicted.is_some() && a.predicted == b.predicted;
            match (gold, predicted) {
                (true, true) => out.true_pos += 1,
                (false, true) => out.false_pos += 1,
                (true, false) => out.false_neg += 1,
                (false, false) => {}
            }
        }
    }
    out
}

/// Verdict accuracy: for each gold group, the verdict of the predicted group holding most of its
/// items against the gold one. `verdicts[k]` is predicted group `k`'s verdict; `gold` maps a
/// group label to its verdict. Returns (right, groups).
pub fn verdicts(
    items: &[Placed],
    verdicts: &[&str],
    gold: &BTreeMap<String, String>,
) -> (u64, u64) {
    let mut right = 0;
    for (group, verdict) in gold {
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for item in items.iter().filter(|i| &i.group == group) {
            if let Some(k) = item.predicted {
                *votes.entry(k).or_default() += 1;
            }
        }
        let best = votes
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
            .map(|(k, _)| *k);
        if best
            .and_then(|k| verdicts.get(k))
            .is_some_and(|v| v == verdict)
        {
            right += 1;
        }
    }
    (right, gold.len() as u64)
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
    move |source| EvalError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Reads a gold TSV: `#` comments and blank lines skipped; quotes have 3 columns (group, doc,
/// text), claims 4 (claim, verdict, doc, text).
pub fn read_gold(path: &Path, claims: bool) -> Result<Vec<GoldItem>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(io_err(path))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let want = if claims { 4 } else { 3 };
        if cols.len() != want || cols.iter().any(|c| c.trim().is_empty()) {
            return Err(EvalError::Format {
                path: path.to_owned(),
                message: format!("line {}: expected {want} tab-separated columns", n + 1),
            });
        }
        let (verdict, rest) = if claims {
            (Some(cols[1].to_owned()), &cols[2..])
        } else {
            (None, &cols[1..])
        };
        out.push(GoldItem {
            group: cols[0].to_owned(),
            doc: rest[0].to_owned(),
            text: rest[1].to_owned(),
            verdict,
        });
    }
    Ok(out)
}

/// The raw text of a document reference.
fn source_text(
    reference: &str,
    sources: &Sources,
    csv: &mut Option<BTreeMap<String, [String; 2]>>,
) -> Result<String, EvalError> {
    let bad = |message: String| EvalError::Format {
        path: PathBuf::from(reference),
        message,
    };
    if let Some(file) = reference.strip_prefix("samples:") {
        let path = sources.samples.join(file);
        return std::fs::read_to_string(&path).map_err(io_err(&path));
    }
    let Some(rest) = reference.strip_prefix("similarity:") else {
        return Err(bad(
            "expected similarity:<row>:<side> or samples:<file>".into()
        ));
    };
    let (row, side) = rest
        .rsplit_once(':')
        .ok_or_else(|| bad("expected similarity:<row>:<side>".into()))?;
    if csv.is_none() {
        *csv = Some(read_csv(&sources.similarity)?);
    }
    let texts = csv
        .as_ref()
        .and_then(|rows| rows.get(row))
        .ok_or_else(|| bad(format!("no row {row} in the similarity CSV")))?;
    match side {
        "1" => Ok(texts[0].clone()),
        "2" => Ok(texts[1].clone()),
        _ => Err(bad("side must be 1 or 2".into())),
    }
}

/// Row id (first column) → its two texts.
fn read_csv(path: &Path) -> Result<BTreeMap<String, [String; 2]>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(io_err(path))?;
    let format = |message: String| EvalError::Format {
        path: path.to_owned(),
        message,
    };
    let rows = super::similarity::parse_csv(&text).map_err(format)?;
    let header = rows.first().ok_or_else(|| format("empty file".into()))?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format(format!("no column {name:?}")))
    };
    let (t1, t2) = (col("text1")?, col("text2")?);
    let mut out = BTreeMap::new();
    for row in rows.iter().skip(1) {
        if let (Some(id), Some(a), Some(b)) = (row.first(), row.get(t1), row.get(t2)) {
            out.insert(id.clone(), [a.clone(), b.clone()]);
        }
    }
    Ok(out)
}

/// One document of the run: its id, language and clean text.
struct RunDoc {
    id: DocId,
    lang: String,
    text: String,
}

/// What a run gives: the documents by reference, the corpus, and the mean digest and quote
/// digest sizes.
type Run = (BTreeMap<String, RunDoc>, Corpus, (f64, f64));

/// Runs the stages over every document named and folds them into one corpus.
fn run(references: &[String], sources: &Sources) -> Result<Run, EvalError> {
    let config = concord_pipeline::PipelineConfig::recommended();
    let stage_err = |stage: &str, err: String| EvalError::Format {
        path: PathBuf::from(stage),
        message: err,
    };
    let normalizer =
        Normalizer::new(&config.normalize).map_err(|e| stage_err("normalize", e.to_string()))?;
    let extractor = concord_extract::Extractor::new(&config.extract)
        .map_err(|e| stage_err("extract", e.to_string()))?;
    let mut fold = Reconciler::new(&config.reconcile);
    let mut csv = None;
    let mut docs = BTreeMap::new();
    for reference in references {
        let raw = source_text(reference, sources, &mut csv)?;
        let record = Record {
            source: SourceRef::file(reference.clone()),
            format: InputFormat::Text,
            bytes: raw.into_bytes(),
            declared: Declared::default(),
        };
        let facts = concord_ingest::decode(&config.ingest, record)
            .and_then(|doc| normalizer.normalize(doc, &RunContext::none()))
            .and_then(|doc| extractor.extract(doc))
            .map_err(|issue| stage_err(reference, format!("{issue:?}")))?;
        fold.push(&facts);
        for q in &facts.quotes {
            let head: String = q.span.of(&facts.doc.text).chars().take(40).collect();
            tracing::trace!("{reference}\t{:?}\t{head}", q.speaker);
        }
        for f in &facts.figures {
            tracing::trace!(
                "{reference}\tfigure {:?}\tcounted {:?}/{:?}\tunit {:?}",
                f.span.of(&facts.doc.text),
                f.counted,
                f.counted_base,
                f.unit
            );
        }
        docs.insert(
            reference.clone(),
            RunDoc {
                id: facts.doc.id,
                lang: facts.doc.lang.code.clone(),
                text: facts.doc.text.clone(),
            },
        );
    }
    let sizes = digest_sizes(fold.digests());
    let corpus = fold.finish();
    for (reference, doc) in &docs {
        let story = corpus
            .doc_links
            .iter()
            .find(|l| l.id == doc.id)
            .and_then(|l| l.story);
        tracing::trace!("{reference}\t{}\tstory {story:?}", doc.lang);
    }
    Ok((docs, corpus, sizes))
}

/// Mean encoded size of the digests and of their quotation part, in bytes (one codec frame each,
/// as an intermediate file holds it).
fn digest_sizes(digests: &[concord_model::DocDigest]) -> (f64, f64) {
    let frame = |digest: &concord_model::DocDigest| -> usize {
        concord_model::codec::FrameWriter::new(Vec::new(), "digest")
            .and_then(|mut w| w.write(digest).map(|()| w))
            .and_then(concord_model::codec::FrameWriter::finish)
            .map_or(0, |v| v.len())
    };
    let (mut whole, mut quoted) = (0usize, 0usize);
    for digest in digests {
        let size = frame(digest);
        let mut without = digest.clone();
        without.quoted.clear();
        whole += size;
        quoted += size.saturating_sub(frame(&without));
    }
    let n = digests.len().max(1) as f64;
    (whole as f64 / n, quoted as f64 / n)
}

/// Typographic quote marks and apostrophes read as their ASCII forms (normalize may have
/// replaced them).
fn fold_mark(c: char) -> char {
    match c {
        '’' | '‘' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        _ => c,
    }
}

/// Where a gold item's text is in its document's clean text: its first occurrence, where a
/// whitespace run of the item matches any whitespace run and quote marks match their ASCII forms.
fn locate(text: &str, item: &str) -> Option<Span> {
    let wanted: Vec<char> = item.trim().chars().map(fold_mark).collect();
    if wanted.is_empty() {
        return None;
    }
    for (start, _) in text.char_indices() {
        let mut rest = text[start..].char_indices().peekable();
        let mut end = start;
        let mut ok = true;
        let mut k = 0;
        while k < wanted.len() {
            let w = wanted[k];
            if w.is_whitespace() {
                while k < wanted.len() && wanted[k].is_whitespace() {
                    k += 1;
                }
                let mut seen = false;
                while let Some(&(at, c)) = rest.peek() {
                    if !c.is_whitespace() {
                        break;
                    }
                    seen = true;
                    end = start + at + c.len_utf8();
                    rest.next();
                }
                if !seen {
                    ok = false;
                    break;
                }
                continue;
            }
            match rest.next() {
                Some((at, c)) if fold_mark(c) == w => end = start + at + c.len_utf8(),
                _ => {
                    ok = false;
                    break;
                }
            }
            k += 1;
        }
        if ok {
            return Some(Span::new(start, end));
        }
    }
    None
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Places the gold items: each with its document's language and the predicted group (from
/// `predicted`: for each group, its (doc, span) items) holding it. Returns the placed items and
/// the gold items that could not be located.
fn place(
    gold: &[GoldItem],
    docs: &BTreeMap<String, RunDoc>,
    predicted: &[Vec<(DocId, Span)>],
) -> (Vec<Placed>, Vec<String>) {
    let mut placed = Vec::new();
    let mut lost = Vec::new();
    for item in gold {
        let Some(doc) = docs.get(&item.doc) else {
            lost.push(format!("{} {}", item.doc, item.text));
            continue;
        };
        let Some(span) = locate(&doc.text, &item.text) else {
            lost.push(format!("{} {}", item.doc, item.text));
            continue;
        };
        let hit = predicted
            .iter()
            .position(|g| g.iter().any(|(d, s)| *d == doc.id && overlaps(*s, span)));
        tracing::debug!("{}\t{}\t{}\t{hit:?}", item.group, item.doc, item.text);
        placed.push(Placed {
            group: item.group.clone(),
            lang: doc.lang.clone(),
            predicted: hit,
        });
    }
    (placed, lost)
}

/// Predicted items of the corpus not covered by any gold item of their document.
fn unscored(
    gold: &[GoldItem],
    docs: &BTreeMap<String, RunDoc>,
    predicted: &[Vec<(DocId, Span)>],
) -> u64 {
    let spans: Vec<(DocId, Span)> = gold
        .iter()
        .filter_map(|g| {
            let doc = docs.get(&g.doc)?;
            Some((doc.id, locate(&doc.text, &g.text)?))
        })
        .collect();
    predicted
        .iter()
        .flatten()
        .filter(|(d, s)| !spans.iter().any(|(gd, gs)| gd == d && overlaps(*gs, *s)))
        .count() as u64
}

fn row(name: &str, n: u64, counts: Pairs, accuracy: f64) -> EvalRow {
    let (p, r, f) = counts.prf();
    EvalRow {
        name: name.to_owned(),
        n,
        metrics: vec![
            ("precision".into(), p),
            ("recall".into(), r),
            ("f1".into(), f),
            ("verdict_accuracy".into(), accuracy),
        ],
    }
}

/// Runs the set in `dir` (`quotes.tsv`, `claims.tsv`) with documents from `sources`.
pub fn evaluate(dir: &Path, sources: &Sources) -> Result<EvalReport, EvalError> {
    let quotes = read_gold(&dir.join("quotes.tsv"), false)?;
    let claims = read_gold(&dir.join("claims.tsv"), true)?;
    let mut references: Vec<String> = quotes
        .iter()
        .chain(&claims)
        .map(|g| g.doc.clone())
        .collect();
    references.sort();
    references.dedup();
    let (docs, corpus, (digest_bytes, quote_bytes)) = run(&references, sources)?;

    let predicted_quotes: Vec<Vec<(DocId, Span)>> = corpus
        .quotes
        .iter()
        .map(|q| q.renderings.iter().map(|r| (r.doc, r.span)).collect())
        .collect();
    let predicted_claims: Vec<Vec<(DocId, Span)>> = corpus
        .claims
        .iter()
        .map(|c| c.values.iter().map(|v| (v.doc, v.span)).collect())
        .collect();
    for (i, c) in corpus.claims.iter().enumerate() {
        let values: Vec<&str> = c.values.iter().map(|v| v.text.as_str()).collect();
        tracing::debug!("claim {i}\t{}\t{}\t{values:?}", c.what, c.verdict.as_str());
    }
    let (placed_quotes, lost_quotes) = place(&quotes, &docs, &predicted_quotes);
    let (placed_claims, lost_claims) = place(&claims, &docs, &predicted_claims);
    for lost in lost_quotes.iter().chain(&lost_claims) {
        tracing::warn!("gold item not found in its document's clean text: {lost}");
    }
    let mut gold_verdicts: BTreeMap<String, String> = BTreeMap::new();
    for item in &claims {
        if let Some(v) = &item.verdict
            && let Some(before) = gold_verdicts.insert(item.group.clone(), v.clone())
            && &before != v
        {
            return Err(EvalError::Format {
                path: dir.join("claims.tsv"),
                message: format!("claim {} has two verdicts: {before}, {v}", item.group),
            });
        }
    }
    let claim_verdicts: Vec<&str> = corpus.claims.iter().map(|c| c.verdict.as_str()).collect();
    let (right, total) = verdicts(&placed_claims, &claim_verdicts, &gold_verdicts);
    let accuracy = right as f64 / total.max(1) as f64;
    let quote_groups = count_groups(&quotes);
    let claim_groups = count_groups(&claims);

    let quote_pairs = pairs(&placed_quotes, false);
    let claim_pairs = pairs(&placed_claims, false);
    let rows = vec![
        row("quotes", placed_quotes.len() as u64, quote_pairs, f64::NAN),
        row(
            "quotes across languages",
            placed_quotes.len() as u64,
            pairs(&placed_quotes, true),
            f64::NAN,
        ),
        row("claims", placed_claims.len() as u64, claim_pairs, accuracy),
    ];
    let (_, _, quote_f1) = quote_pairs.prf();
    let (_, _, claim_f1) = claim_pairs.prf();
    Ok(EvalReport {
        task: "claims".into(),
        data: dir.display().to_string(),
        rows,
        summary: vec![
            ("documents".into(), docs.len() as f64),
            ("gold_shared_quotes".into(), quote_groups.0 as f64),
            ("gold_quote_singletons".into(), quote_groups.1 as f64),
            (
                "gold_claims".into(),
                (claim_groups.0 + claim_groups.1) as f64,
            ),
            (
                "gold_items_not_located".into(),
                (lost_quotes.len() + lost_claims.len()) as f64,
            ),
            ("predicted_shared_quotes".into(), corpus.quotes.len() as f64),
            (
                "predicted_renderings_unscored".into(),
                unscored(&quotes, &docs, &predicted_quotes) as f64,
            ),
            ("predicted_claims".into(), corpus.claims.len() as f64),
            ("quote_grouping_f1".into(), quote_f1),
            ("claim_grouping_f1".into(), claim_f1),
            ("verdict_accuracy".into(), accuracy),
            ("digest_bytes_mean".into(), digest_bytes),
            ("quote_digest_bytes_mean".into(), quote_bytes),
        ],
        peers: Vec::new(),
    })
}

/// (groups with two items or more, groups of one item).
fn count_groups(items: &[GoldItem]) -> (usize, usize) {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items {
        *sizes.entry(item.group.as_str()).or_default() += 1;
    }
    let shared = sizes.values().filter(|&&n| n >= 2).count();
    (shared, sizes.len() - shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(group: &str, lang: &str, predicted: Option<usize>) -> Placed {
        Placed {
            group: group.into(),
            lang: lang.into(),
            predicted,
        }
    }

    #[test]
    fn pairwise_grouping_counts() {
        // Gold: {a1 a2 a3} {b1 b2} {c}. Predicted: {a1 a2} {a3 b1} {b2} and c not found.
        let items = [
            item("a", "en", Some(0)),
            item("a", "de", Some(0)),
            item("a", "id", Some(1)),
            item("b", "en", Some(1)),
            item("b", "de", Some(2)),
            item("c", "en", None),
        ];
        let counts = pairs(&items, false);
        // Gold pairs: a1a2 a1a3 a2a3 b1b2 = 4; predicted: a1a2, a3b1 = 2; right: a1a2.
        assert_eq!(
            counts,
            Pairs {
                true_pos: 1,
                false_pos: 1,
                false_neg: 3
            }
        );
        let (p, r, f) = counts.prf();
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.25).abs() < 1e-9);
        assert!((f - 1.0 / 3.0).abs() < 1e-9);
        // Across languages: a1a2 (en-de) right; a3b1 (id-en) wrong; a1a3, a2a3, b1b2 missed.
        let across = pairs(&items, true);
        assert_eq!(
            (across.true_pos, across.false_pos, across.false_neg),
            (1, 1, 3)
        );
        assert_eq!(pairs(&[], false).prf(), (0.0, 0.0, 0.0));
    }

    #[test]
    fn verdicts_follow_the_majority_claim() {
        let items = [
            item("k1", "en", Some(0)),
            item("k1", "de", Some(0)),
            item("k1", "fr", Some(1)),
            item("k2", "en", Some(1)),
            item("k3", "en", None),
        ];
        let gold: BTreeMap<String, String> = [
            ("k1".to_owned(), "agree".to_owned()),
            ("k2".to_owned(), "agree".to_owned()),
            ("k3".to_owned(), "single".to_owned()),
        ]
        .into_iter()
        .collect();
        // k1 → claim 0 (agree, right); k2 → claim 1 (conflict, wrong); k3 → nothing (wrong).
        assert_eq!(verdicts(&items, &["agree", "conflict"], &gold), (1, 3));
    }

    #[test]
    fn gold_text_is_located_across_whitespace() {
        let text = "He said: “We are\nready for it.” Then left.";
        let at = text.find("We").unwrap_or(0);
        assert_eq!(locate(text, "We are ready"), Some(Span::new(at, at + 12)));
        assert_eq!(
            locate(text, "Then left"),
            text.find("Then").map(|s| Span::new(s, s + 9))
        );
        assert_eq!(locate(text, "nowhere"), None);
        let typed = "Biden said: “I’m here”.";
        let at = typed.find('I').unwrap_or(0);
        assert_eq!(
            locate(typed, "I'm here"),
            Some(Span::new(at, at + "I’m here".len()))
        );
    }

    #[test]
    fn the_committed_set_reads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval/claims");
        let quotes = read_gold(&dir.join("quotes.tsv"), false).expect("quotes.tsv");
        let claims = read_gold(&dir.join("claims.tsv"), true).expect("claims.tsv");
        let (shared, _) = count_groups(&quotes);
        assert!(shared >= 20, "{shared} shared quotes");
        let (several, single) = count_groups(&claims);
        assert!(several + single >= 30, "{} claims", several + single);
        let verdicts = ["single", "agree", "changed", "conflict", "mt_damage"];
        assert!(
            claims
                .iter()
                .all(|c| c.verdict.as_deref().is_some_and(|v| verdicts.contains(&v)))
        );
    }
}
