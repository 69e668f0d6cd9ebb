//! Main-text extraction on the Zyte article-extraction benchmark (`html/<id>.html.gz`,
//! `ground-truth.json` = `{id: {"articleBody", "url"}}`), scored exactly as the benchmark's
//! `evaluate.py` does.
//!
//! Metric: tokens are `\w+` runs (Python's Unicode `\w`: letters, numbers and `_`); shingles are
//! 4-token windows counted as multisets; a text with 1–3 tokens has one shingle of all its tokens
//! and an empty text has none. Per document, tp/fp/fn come from shingle counts; precision is
//! tp/(tp+fp) and recall tp/(tp+fn), both 1 when fp = fn = 0. Precision is averaged over the
//! documents with a non-empty prediction (tp+fp > 0), recall over those with a non-empty gold
//! (tp+fn > 0) — so an empty prediction costs recall but not precision, as in `evaluate.py`.
//! F1 = 2PR/(P+R) of the macro averages. The scored text is concord's blocks joined by `\n`.
//! It does not compute the benchmark's bootstrap confidence intervals.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use concord_ingest::{Declared, Record};
use concord_model::{InputFormat, SourceRef};
use concord_normalize::{Normalizer, RunContext, html};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::{EvalError, EvalReport, EvalRow};

/// Published F1 on these 181 pages (`../shared/eval/README.md`).
const PEERS: &[(&str, f64)] = &[
    ("rs-trafilatura", 0.970),
    ("trafilatura 2.0", 0.958),
    ("newspaper4k", 0.949),
    ("readability.js", 0.947),
    ("readability-lxml", 0.922),
    ("dom_smoothie", 0.865),
    ("justext", 0.804),
    ("full-text baseline", 0.665),
];

/// Scores concord's HTML extraction on a Zyte-format folder.
///
/// Two rows: `pipeline` scores the clean text concord writes to `docs.jsonl` (the page's bytes
/// through ingest's decoding and the whole normalize stage: extraction, repair, chrome cues), which
/// is the headline `f1`; `extractor` scores the HTML extractor's blocks alone.
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    let gold = load_gold(data)?;
    let concord = Concord::new(data)?;
    let mut extractor_scores = Vec::with_capacity(gold.len());
    let mut pipeline_scores = Vec::with_capacity(gold.len());
    for (id, (body, url)) in &gold {
        let bytes = read_page(data, id)?;
        let html = String::from_utf8_lossy(&bytes);
        let article = html::extract(&html, url.as_deref());
        extractor_scores.push(score(body, &article.text()));
        pipeline_scores.push(score(body, &concord.clean_text(id, url, bytes)));
    }
    let mut result = report(data, "concord", &pipeline_scores);
    result.rows[0].name = "pipeline".into();
    let extractor = report(data, "concord", &extractor_scores);
    result
        .rows
        .extend(extractor.rows.into_iter().map(|mut row| {
            row.name = "extractor".into();
            row
        }));
    result
        .summary
        .push(("extractor_f1".into(), extractor.summary[0].1));
    Ok(result)
}

/// concord's ingest and normalize stages with the recommended configuration.
struct Concord {
    config: concord_pipeline::PipelineConfig,
    normalizer: Normalizer,
}

impl Concord {
    fn new(data: &Path) -> Result<Self, EvalError> {
        let config = concord_pipeline::PipelineConfig::recommended();
        let normalizer = Normalizer::new(&config.normalize).map_err(|err| EvalError::Format {
            path: data.to_owned(),
            message: err.to_string(),
        })?;
        Ok(Self { config, normalizer })
    }

    /// The clean text concord writes for one page (empty when it is quarantined).
    fn clean_text(&self, id: &str, url: &Option<String>, bytes: Vec<u8>) -> String {
        self.clean(id, url, bytes)
            .map(|doc| doc.text)
            .unwrap_or_default()
    }

    /// The page normalized (`None` when it is quarantined).
    fn clean(
        &self,
        id: &str,
        url: &Option<String>,
        bytes: Vec<u8>,
    ) -> Option<concord_model::CleanDoc> {
        let mut source = SourceRef::file(format!("{id}.html"));
        source.url = url.clone();
        let record = Record {
            source,
            format: InputFormat::Html,
            bytes,
            declared: Declared::default(),
        };
        concord_ingest::decode(&self.config.ingest, record)
            .and_then(|doc| self.normalizer.normalize(doc, &RunContext::none()))
            .ok()
    }
}

/// The set that is not pooled with the others: the Zyte benchmark, which concord was tuned on.
const TUNING_SET: &str = "zyte";

/// The sets of the table, in its order; any other set folder follows, by name.
const SET_ORDER: &[&str] = &[
    "fundus",
    "dragnet",
    "readability",
    "htmltotext",
    "cleaneval",
    "cleanportaleval",
    "l3s-gn1",
    "zyte",
];

/// One scored page of [`evaluate_sets`].
struct Page {
    set: String,
    lang: Option<String>,
    concord: Counts,
    peer: Option<Counts>,
}

/// Scores concord's clean text on every set folder of `root` (each a Zyte-format folder, most
/// with a `lang` per page), with a peer's outputs beside it when `peer` is given
/// (`<peer>/<set>/<id>.txt`, a missing file is an empty prediction).
///
/// Rows: each set, then each set's languages (`fundus/de`); `pooled` (every page of every set
/// but the Zyte tuning set), `pooled non-en` (those of them whose `lang` is neither `en` nor
/// `und`), then each language pooled over the sets (`lang/de`). Columns: concord's macro
/// precision, recall and F1, then the peer's (`-` when not measured). The summary carries the
/// headline F1s and, per set, the pages with an empty prediction whose gold is not empty.
/// With `dump`, concord's text of each page is written to `<dump>/<set>/<id>.txt`.
pub fn evaluate_sets(
    root: &Path,
    peer: Option<&Path>,
    dump: Option<&Path>,
) -> Result<EvalReport, EvalError> {
    let mut sets: Vec<String> = std::fs::read_dir(root)
        .map_err(|source| EvalError::Io {
            path: root.to_owned(),
            source,
        })?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("ground-truth.json").is_file())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .collect();
    let rank = |set: &String| {
        SET_ORDER
            .iter()
            .position(|s| s == set)
            .unwrap_or(SET_ORDER.len())
    };
    sets.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    if sets.is_empty() {
        return Err(EvalError::Format {
            path: root.to_owned(),
            message: "no set folder with a ground-truth.json".into(),
        });
    }
    let concord = Concord::new(root)?;
    let mut pages = Vec::new();
    for set in &sets {
        let data = root.join(set);
        for ((id, (body, url)), lang) in load_gold_with_lang(&data)? {
            let bytes = read_page(&data, &id)?;
            let doc = concord.clean(&id, &url, bytes);
            let text = doc.as_ref().map_or("", |d| d.text.as_str());
            if let Some(dump) = dump {
                dump_page(&dump.join(set), &id, text, doc.as_ref())?;
            }
            let peer = match peer {
                Some(dir) => Some(score(&body, &read_prediction(&dir.join(set), &id)?)),
                None => None,
            };
            let concord = score(&body, text);
            let f1 = |c: Counts| macro_prf(&[c]).2;
            tracing::debug!(
                "{set}/{id}\t{}\tconcord {:.4}\tpeer {:.4}",
                lang.as_deref().unwrap_or("und"),
                f1(concord),
                peer.map_or(f64::NAN, f1)
            );
            pages.push(Page {
                set: set.clone(),
                lang,
                concord,
                peer,
            });
        }
    }
    Ok(sets_report(root, &sets, &pages))
}

/// Writes a page's clean text to `<dir>/<id>.txt` and what was removed from it, one piece per
/// line as `reason<TAB>text`, to `<dir>/<id>.removed.tsv`.
fn dump_page(
    dir: &Path,
    id: &str,
    text: &str,
    doc: Option<&concord_model::CleanDoc>,
) -> Result<(), EvalError> {
    let mut removed = String::new();
    for piece in doc.map_or(&[][..], |d| d.removed.as_slice()) {
        let reason = serde_json::to_value(piece.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let flat: String = piece
            .text
            .chars()
            .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
            .collect();
        removed.push_str(&format!("{reason}\t{flat}\n"));
    }
    for (path, contents) in [
        (dir.join(format!("{id}.txt")), text),
        (dir.join(format!("{id}.removed.tsv")), removed.as_str()),
    ] {
        std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, contents))
            .map_err(|source| EvalError::Io { path, source })?;
    }
    Ok(())
}

fn read_prediction(dir: &Path, id: &str) -> Result<String, EvalError> {
    let path = dir.join(format!("{id}.txt"));
    match std::fs::read(&path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(EvalError::Io { path, source }),
    }
}

/// One row of [`evaluate_sets`] over the pages `keep` selects.
fn sets_row(name: String, pages: &[&Page]) -> EvalRow {
    let ours: Vec<Counts> = pages.iter().map(|p| p.concord).collect();
    let (p, r, f1) = macro_prf(&ours);
    let theirs: Option<Vec<Counts>> = pages.iter().map(|p| p.peer).collect();
    let (tp, tr, tf) = match theirs {
        Some(theirs) if !theirs.is_empty() => macro_prf(&theirs),
        _ => (f64::NAN, f64::NAN, f64::NAN),
    };
    EvalRow {
        name,
        n: pages.len() as u64,
        metrics: vec![
            ("precision".into(), p),
            ("recall".into(), r),
            ("f1".into(), f1),
            ("peer_p".into(), tp),
            ("peer_r".into(), tr),
            ("peer_f1".into(), tf),
        ],
    }
}

fn sets_report(root: &Path, sets: &[String], pages: &[Page]) -> EvalReport {
    let lang_of = |p: &Page| p.lang.clone().unwrap_or_else(|| "und".into());
    let mut rows = Vec::new();
    let mut summary = Vec::new();
    for set in sets {
        let of_set: Vec<&Page> = pages.iter().filter(|p| &p.set == set).collect();
        rows.push(sets_row(set.clone(), &of_set));
        let mut langs: Vec<String> = of_set
            .iter()
            .filter(|p| p.lang.is_some())
            .map(|p| lang_of(p))
            .collect();
        langs.sort();
        langs.dedup();
        if langs.len() > 1 {
            for lang in langs {
                let of_lang: Vec<&Page> = of_set
                    .iter()
                    .copied()
                    .filter(|p| lang_of(p) == lang)
                    .collect();
                rows.push(sets_row(format!("{set}/{lang}"), &of_lang));
            }
        }
        let lost = of_set
            .iter()
            .filter(|p| p.concord.tp + p.concord.fp == 0 && p.concord.fn_ > 0)
            .count();
        summary.push((format!("no_content {set}"), lost as f64));
    }
    let pooled: Vec<&Page> = pages.iter().filter(|p| p.set != TUNING_SET).collect();
    let non_en: Vec<&Page> = pooled
        .iter()
        .copied()
        .filter(|p| !matches!(lang_of(p).as_str(), "en" | "und"))
        .collect();
    rows.push(sets_row("pooled".into(), &pooled));
    rows.push(sets_row("pooled non-en".into(), &non_en));
    let mut langs: Vec<String> = pooled.iter().map(|p| lang_of(p)).collect();
    langs.sort();
    langs.dedup();
    for lang in langs {
        let of_lang: Vec<&Page> = pooled
            .iter()
            .copied()
            .filter(|p| lang_of(p) == lang)
            .collect();
        rows.push(sets_row(format!("lang/{lang}"), &of_lang));
    }
    let f1_of = |name: &str, column: usize| {
        rows.iter()
            .find(|row| row.name == name)
            .map_or(f64::NAN, |row| row.metrics[column].1)
    };
    let mut headline = vec![
        ("f1 pooled".to_owned(), f1_of("pooled", 2)),
        ("f1 pooled non-en".to_owned(), f1_of("pooled non-en", 2)),
        ("peer f1 pooled".to_owned(), f1_of("pooled", 5)),
        (
            "peer f1 pooled non-en".to_owned(),
            f1_of("pooled non-en", 5),
        ),
    ];
    headline.retain(|(_, value)| !value.is_nan());
    headline.extend(summary);
    EvalReport {
        task: "boilerplate".into(),
        data: root.display().to_string(),
        rows,
        summary: headline,
        peers: Vec::new(),
    }
}

/// Runs trafilatura (`peers/trafilatura_sets.py`, include_comments=False) on every set of `root`
/// with the Python `python`, caching its outputs under `cache`; returns the folder of its outputs
/// (`<set>/<id>.txt`) and its version. Pages already in the cache are not extracted again.
pub fn trafilatura_outputs(
    python: &Path,
    root: &Path,
    cache: &Path,
) -> Result<(std::path::PathBuf, String), EvalError> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/trafilatura_sets.py");
    let failed = |message: String| EvalError::Format {
        path: script.clone(),
        message,
    };
    let output = std::process::Command::new(python)
        .arg(&script)
        .arg(root)
        .arg(cache)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|source| EvalError::Io {
            path: python.to_owned(),
            source,
        })?;
    if !output.status.success() {
        return Err(failed(format!(
            "trafilatura peer failed ({})",
            output.status
        )));
    }
    let figures: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|err| failed(format!("reading the peer's answer: {err}")))?;
    let dir = figures["dir"]
        .as_str()
        .ok_or_else(|| failed("the peer named no output folder".into()))?;
    let version = figures["version"].as_str().unwrap_or("?").to_owned();
    Ok((dir.into(), version))
}

/// Scores another extractor's output: `predictions/<id>.txt` per page (a missing file is an empty
/// prediction), against the gold of the Zyte-format folder `data`.
pub fn evaluate_predictions(data: &Path, predictions: &Path) -> Result<EvalReport, EvalError> {
    let gold = load_gold(data)?;
    let mut scores = Vec::with_capacity(gold.len());
    for (id, (body, _)) in &gold {
        scores.push(score(body, &read_prediction(predictions, id)?));
    }
    Ok(report(data, &predictions.display().to_string(), &scores))
}

/// One gold document: id, then article body and URL.
type Gold = (String, (String, Option<String>));

/// Gold bodies, URLs and languages (`lang`, `None` when the set has none) by id, sorted by id.
fn load_gold_with_lang(data: &Path) -> Result<Vec<(Gold, Option<String>)>, EvalError> {
    let path = data.join("ground-truth.json");
    let bytes = std::fs::read(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
    let langs: HashMap<String, String> = value
        .as_object()
        .map(|map| {
            map.iter()
                .filter_map(|(id, v)| Some((id.clone(), v.get("lang")?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    Ok(load_gold(data)?
        .into_iter()
        .map(|gold| {
            let lang = langs.get(&gold.0).cloned();
            (gold, lang)
        })
        .collect())
}

/// Gold bodies and URLs by id, sorted by id.
fn load_gold(data: &Path) -> Result<Vec<Gold>, EvalError> {
    let path = data.join("ground-truth.json");
    let bytes = std::fs::read(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
    let Some(map) = value.as_object() else {
        return Err(EvalError::Format {
            path,
            message: "expected an object {id: {articleBody, url}}".into(),
        });
    };
    let mut gold: Vec<_> = map
        .iter()
        .map(|(id, v)| {
            let body = v.get("articleBody").and_then(|b| b.as_str()).unwrap_or("");
            let url = v.get("url").and_then(|u| u.as_str()).map(str::to_owned);
            (id.clone(), (body.to_owned(), url))
        })
        .collect();
    gold.sort_by(|a, b| a.0.cmp(&b.0));
    if gold.is_empty() {
        return Err(EvalError::Format {
            path,
            message: "no documents".into(),
        });
    }
    Ok(gold)
}

fn read_page(data: &Path, id: &str) -> Result<Vec<u8>, EvalError> {
    let path = data.join("html").join(format!("{id}.html.gz"));
    let file = std::fs::File::open(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|source| EvalError::Io { path, source })?;
    Ok(bytes)
}

/// Shingle counts of one document: true positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    /// Shingles in both (multiset intersection).
    pub tp: u64,
    /// Predicted shingles not in the gold.
    pub fp: u64,
    /// Gold shingles not predicted.
    pub fn_: u64,
}

/// Whether `c` is a word character of Python's Unicode `re` (`\w`): a letter, a number or `_`.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// The `\w+` tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u64> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens, 1);
        return counts;
    }
    for w in tokens.windows(4) {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// Compares a predicted text with the gold text by 4-token shingles.
pub fn score(gold: &str, predicted: &str) -> Counts {
    let (gt, pt) = (tokens(gold), tokens(predicted));
    let (g, p) = (shingles(&gt), shingles(&pt));
    let mut c = Counts {
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        c.tp += gc.min(pc);
        c.fn_ += gc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        c.fp += pc.saturating_sub(gc);
    }
    c
}

/// Precision of one document, or `None` when it does not enter the precision average.
fn precision(c: Counts) -> Option<f64> {
    if c.tp + c.fp == 0 {
        return None;
    }
    Some(if c.fp == 0 && c.fn_ == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fp) as f64
    })
}

/// Recall of one document, or `None` when it does not enter the recall average.
fn recall(c: Counts) -> Option<f64> {
    if c.tp + c.fn_ == 0 {
        return None;
    }
    Some(if c.fp == 0 && c.fn_ == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fn_) as f64
    })
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0u64), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Macro precision, recall and F1 over documents, as `evaluate.py` computes them.
pub fn macro_prf(scores: &[Counts]) -> (f64, f64, f64) {
    let p = mean(scores.iter().filter_map(|&c| precision(c)));
    let r = mean(scores.iter().filter_map(|&c| recall(c)));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

fn report(data: &Path, system: &str, scores: &[Counts]) -> EvalReport {
    let (p, r, f1) = macro_prf(scores);
    let empty = scores.iter().filter(|c| c.tp + c.fp == 0).count();
    EvalReport {
        task: "boilerplate".into(),
        data: data.display().to_string(),
        rows: vec![EvalRow {
            name: "all".into(),
            n: scores.len() as u64,
            metrics: vec![
                ("precision".into(), p),
                ("recall".into(), r),
                ("f1".into(), f1),
            ],
        }],
        summary: vec![
            ("f1".into(), f1),
            ("empty_predictions".into(), empty as f64),
        ],
        peers: std::iter::once((format!("scored: {system}"), "f1".to_owned(), f1))
            .filter(|_| system != "concord")
            .chain(
                PEERS
                    .iter()
                    .map(|(peer, value)| ((*peer).to_owned(), "f1".to_owned(), *value)),
            )
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_tokens(text: &str, expected: &[&str]) {
        assert_eq!(tokens(text), expected, "tokens of {text:?}");
    }

    #[test]
    fn tokens_are_python_word_runs() {
        check_tokens("Hello, world_2!", &["Hello", "world_2"]);
        check_tokens("l'été 2021—ça", &["l", "été", "2021", "ça"]);
        check_tokens("Москва: ½ 東京", &["Москва", "½", "東京"]);
        // Combining marks are not \w in Python: Devanagari vowel signs split words.
        check_tokens("हिंदी", &["ह", "द"]);
        check_tokens("  ...  ", &[]);
    }

    fn check_score(gold: &str, predicted: &str, expected: (u64, u64, u64)) {
        let c = score(gold, predicted);
        assert_eq!((c.tp, c.fp, c.fn_), expected, "{gold:?} vs {predicted:?}");
    }

    #[test]
    fn shingle_counts() {
        check_score("a b c d e", "a b c d e", (2, 0, 0));
        check_score("a b c d e", "b c d e f", (1, 1, 1));
        // Multisets: a repeated shingle counts as often as it occurs.
        check_score("a b c d a b c d", "a b c d", (1, 0, 4));
        // Fewer than four tokens: one shingle of all of them.
        check_score("a b", "a b", (1, 0, 0));
        check_score("a b", "a b c", (0, 1, 1));
        check_score("", "a b c d", (0, 1, 0));
        check_score("a b c d", "", (0, 0, 1));
    }

    fn check_prf(scores: &[(u64, u64, u64)], expected: (f64, f64, f64)) {
        let counts: Vec<Counts> = scores
            .iter()
            .map(|&(tp, fp, fn_)| Counts { tp, fp, fn_ })
            .collect();
        let (p, r, f) = macro_prf(&counts);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(
            close(p, expected.0) && close(r, expected.1) && close(f, expected.2),
            "{scores:?}: got {:?}, expected {expected:?}",
            (p, r, f)
        );
    }

    #[test]
    fn macro_averages_follow_evaluate_py() {
        check_prf(&[(1, 0, 0)], (1.0, 1.0, 1.0));
        // An empty prediction is left out of precision and counts 0 in recall.
        check_prf(&[(1, 0, 0), (0, 0, 3)], (1.0, 0.5, 2.0 / 3.0));
        // Half right: P = 1/2, R = 1/3 for one document.
        check_prf(&[(1, 1, 2)], (0.5, 1.0 / 3.0, 0.4));
        // Empty gold and empty prediction enters neither average.
        check_prf(&[(0, 0, 0), (1, 0, 1)], (1.0, 0.5, 2.0 / 3.0));
    }
}
