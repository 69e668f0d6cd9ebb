//! Machine-translation damage on real translation pairs with planted errors.
//!
//! The SemEval-2022 Task 8 dev pairs hold articles both as published and machine-translated: an
//! article id with a language suffix in `pair_id` (`1484039360it`) is the machine translation of
//! the article with the bare id. Every (published, translated) pair of non-Chinese texts is a real
//! translation pair. In the translated side, one error is planted at a time, deterministically
//! (a hash of the article id and [`SEED`]):
//! - **name** (up to five per pair): a person's several-word name both sides share (the published
//!   side tags or writes its last two words) has the surname of its first occurrence replaced by
//!   a common lowercase word of that language ("Angela Merkel" → "Angela casa"); the right repair
//!   is the name (its surname, folded, as either side writes it);
//! - **figure** (up to three per pair): a figure of thousands (a multiple of 1000, written with
//!   digits) loses its magnitude ("40.000 soldati" → "40 soldati", "3 mila" → "3"); the right
//!   repair is the full value.
//!
//! Each pair is run once per kind it allows. Both sides go through ingest, normalize and extract
//! as plain-text documents and through reconcile's digest and analysis. Detection is run two
//! ways: on the pair taken as a translation pair whatever reconcile's own test says (`forced`,
//! [`concord_reconcile::mt::find_in_pairs`]) and as the corpus gives it (`joined`: only when
//! reconcile's copy groups join the two). A planted error is detected when a damage of the
//! translated document overlaps it, repaired when that damage's repair is the right one. The
//! unplanted pairs give the other flags, written by `--write-flags` for judging by hand.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use concord_ingest::{Declared, Record};
use concord_model::{DocDigest, DocFacts, InputFormat, MtDamage, SourceRef, Span};
use concord_normalize::{Normalizer, RunContext};
use concord_reconcile::{ReconcileConfig, analysis, digest, mt};

use super::similarity::parse_csv;
use super::{EvalError, EvalReport, EvalRow};

/// The planting seed.
pub const SEED: u64 = 0x6d74_2d64_616d_6167;

/// Common lowercase words of each language that a surname is replaced by.
const COMMON: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "house", "water", "blink", "bread", "garden", "window", "river", "stone",
        ],
    ),
    (
        "de",
        &[
            "haus", "wasser", "blinken", "brot", "garten", "fenster", "fluss", "stein",
        ],
    ),
    (
        "es",
        &[
            "casa",
            "agua",
            "parpadear",
            "pan",
            "jardín",
            "ventana",
            "río",
            "piedra",
        ],
    ),
    (
        "fr",
        &[
            "maison", "eau", "cligner", "pain", "jardin", "fenêtre", "rivière", "pierre",
        ],
    ),
    (
        "it",
        &[
            "casa", "acqua", "sbattere", "pane", "giardino", "finestra", "fiume", "pietra",
        ],
    ),
    (
        "pl",
        &[
            "dom", "woda", "mrugać", "chleb", "ogród", "okno", "rzeka", "kamień",
        ],
    ),
    (
        "ru",
        &[
            "дом",
            "вода",
            "моргать",
            "хлеб",
            "сад",
            "окно",
            "река",
            "камень",
        ],
    ),
];

/// What kind of error is planted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Plant {
    /// A surname replaced by a common word.
    Name,
    /// A figure of thousands without its magnitude.
    Figure,
}

/// One planted error and what detection made of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Planted {
    /// The article id.
    pub article: String,
    /// `published-translated` languages.
    pub langs: String,
    /// The kind.
    pub kind: Plant,
    /// The text written in place of the original.
    pub written: String,
    /// The original text.
    pub original: String,
    /// Found with the pair forced (detected, right repair).
    pub forced: (bool, bool),
    /// Found in the corpus (detected, right repair); `None` when reconcile does not join the pair.
    pub joined: Option<(bool, bool)>,
}

/// A flag on an unplanted pair, with its context for judging.
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    /// The article id.
    pub article: String,
    /// The damaged document's language.
    pub lang: String,
    /// The damage.
    pub damage: MtDamage,
    /// The clean text around it.
    pub context: String,
}

/// Everything the evaluation measured.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The planted errors.
    pub planted: Vec<Planted>,
    /// Flags on the unplanted pairs (forced).
    pub flags: Vec<Flag>,
    /// Pairs read.
    pub pairs: usize,
    /// Pairs reconcile joins as copies.
    pub joined_pairs: usize,
    /// Mean bytes the machine-translation digest adds to a document's digest (codec frame).
    pub digest_bytes: f64,
}

struct Pipeline {
    config: concord_pipeline::PipelineConfig,
    normalizer: Normalizer,
    extractor: concord_extract::Extractor,
}

impl Pipeline {
    fn facts(&self, name: String, text: &str) -> Option<DocFacts> {
        let record = Record {
            source: SourceRef::file(name),
            format: InputFormat::Text,
            bytes: text.as_bytes().to_vec(),
            declared: Declared::default(),
        };
        concord_ingest::decode(&self.config.ingest, record)
            .and_then(|doc| self.normalizer.normalize(doc, &RunContext::none()))
            .and_then(|doc| self.extractor.extract(doc))
            .ok()
    }
}

/// FNV-1a, for deterministic choices.
fn hash(s: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn fold(s: &str) -> String {
    mt::fold_word(s)
}

/// Whether two folded surnames are one, allowing an inflection ending of up to three letters
/// ("trzaskowskim", "trzaskowski").
fn inflected(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(&short[..short.len().saturating_sub(2).max(short.len().min(4))])
        && long.len() - short.len() <= 3
}

/// The bytes a digest takes in an intermediate file (one codec frame, header left out).
fn encoded_len(digest: &DocDigest) -> usize {
    use concord_model::codec::FrameWriter;
    let frame = |d: Option<&DocDigest>| {
        FrameWriter::new(Vec::new(), "digest")
            .and_then(|mut w| match d {
                Some(d) => w.write(d).map(|()| w),
                None => Ok(w),
            })
            .and_then(FrameWriter::finish)
            .map_or(0, |v| v.len())
    };
    frame(Some(digest)).saturating_sub(frame(None))
}

/// One plant to run: its kind, the original and written text, and what a right repair is.
type PlantRun = (Plant, String, String, Box<dyn Fn(&str) -> bool>);

/// Renderings per article id: suffix ("" for the published one) → (language, text).
type Articles = BTreeMap<String, BTreeMap<String, (String, String)>>;

fn read_articles(data: &Path) -> Result<Articles, EvalError> {
    let text = std::fs::read_to_string(data).map_err(|source| EvalError::Io {
        path: data.to_owned(),
        source,
    })?;
    let format = |message: String| EvalError::Format {
        path: data.to_owned(),
        message,
    };
    let rows = parse_csv(&text).map_err(format)?;
    let header = rows.first().ok_or_else(|| format("empty file".into()))?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format(format!("no column {name:?}")))
    };
    let (c_pair, c_l1, c_l2, c_t1, c_t2) = (
        col("pair_id")?,
        col("lang1")?,
        col("lang2")?,
        col("text1")?,
        col("text2")?,
    );
    let mut articles = Articles::new();
    for row in rows.iter().skip(1) {
        let get = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let Some((x, y)) = get(c_pair).split_once('_') else {
            continue;
        };
        for (id, lang, text) in [(x, get(c_l1), get(c_t1)), (y, get(c_l2), get(c_t2))] {
            let digits = id.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &id[digits.len()..];
            articles
                .entry(digits.to_owned())
                .or_default()
                .insert(suffix.to_owned(), (lang.to_owned(), text.to_owned()));
        }
    }
    Ok(articles)
}

/// Name plants: (original, written, surname) for the translated text, at most `n`, each a
/// person's several-word name whose last two words the published side also tags or writes.
fn plant_names(
    article: &str,
    lang: &str,
    orig: &DocFacts,
    tr: &DocFacts,
    n: usize,
) -> Vec<(String, String, String)> {
    let Some(words) = COMMON.iter().find(|(l, _)| *l == lang).map(|c| c.1) else {
        return Vec::new();
    };
    let last_two = |s: &str| -> Option<String> {
        let w: Vec<&str> = s.split(' ').collect();
        (w.len() >= 2).then(|| fold(&w[w.len() - 2..].join(" ")))
    };
    let shared: Vec<String> = orig
        .entities
        .iter()
        .filter_map(|m| last_two(m.span.of(&orig.doc.text)))
        .collect();
    let orig_text = fold(&orig.doc.text);
    let mut candidates: Vec<&str> = tr
        .entities
        .iter()
        .filter(|m| m.kind == concord_model::EntityType::Person)
        .map(|m| m.span.of(&tr.doc.text))
        .filter(|s| {
            let w: Vec<&str> = s.split(' ').collect();
            w.len() >= 2
                && w.iter().all(|x| {
                    x.chars().next().is_some_and(char::is_uppercase) && x.chars().count() >= 2
                })
                && last_two(s).is_some_and(|t| shared.contains(&t) || orig_text.contains(&t))
        })
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    let h = hash(article, SEED);
    let start = if candidates.is_empty() {
        0
    } else {
        (h % candidates.len() as u64) as usize
    };
    for k in 0..candidates.len().min(n) {
        let full = candidates[(start + k) % candidates.len()];
        let Some((first, surname)) = full.rsplit_once(' ') else {
            continue;
        };
        let word = words[((h >> 16).wrapping_add(k as u64) % words.len() as u64) as usize];
        out.push((
            full.to_owned(),
            format!("{first} {word}"),
            surname.to_owned(),
        ));
    }
    out
}

/// Figure plants, at most `n`: (original, written) and the full value.
fn plant_figures(article: &str, tr: &DocFacts, n: usize) -> Vec<(String, String, f64)> {
    let mut candidates: Vec<(String, String, f64)> = Vec::new();
    for f in &tr.figures {
        if f.value < 1000.0 || f.value % 1000.0 != 0.0 || f.value >= 1e12 {
            continue;
        }
        let text = f.span.of(&tr.doc.text);
        // The first run of digits and separators.
        let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        let run_len = text[start..]
            .find(|c: char| {
                !(c.is_ascii_digit() || c == '.' || c == ',' || c == ' ' || c == '\u{a0}')
            })
            .unwrap_or(text.len() - start);
        let run = text[start..start + run_len].trim_end_matches([' ', '.', ',', '\u{a0}']);
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<f64>() else {
            continue;
        };
        let written = if n == f.value {
            let small = (f.value / 1000.0) as i64;
            format!("{}{}{}", &text[..start], small, &text[start + run.len()..])
        } else if [1e3, 1e6, 1e9].iter().any(|k| n * k == f.value) {
            // A magnitude word follows the digits: drop it.
            let rest = text[start + run.len()..].trim_start();
            let after = rest.split_once(' ').map_or("", |(_, r)| r);
            let mut w = format!("{}{}", &text[..start], run);
            if !after.is_empty() {
                w.push(' ');
                w.push_str(after);
            }
            w
        } else {
            continue;
        };
        candidates.push((text.to_owned(), written, f.value));
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    candidates.dedup_by(|a, b| a.0 == b.0);
    let h = hash(article, SEED ^ 0xf1);
    let start = (h % candidates.len().max(1) as u64) as usize;
    candidates.rotate_left(start);
    candidates.truncate(n);
    candidates
}

/// The damage found in a pair: (forced, joined or `None`).
fn detect(a: &DocFacts, b: &DocFacts) -> (Vec<MtDamage>, Option<Vec<MtDamage>>) {
    let config = ReconcileConfig::recommended();
    let digests: Vec<DocDigest> = [a, b].iter().map(|f| digest::digest(f, false)).collect();
    let analysis = analysis::analyse(&config, digests);
    let corpus = analysis.corpus();
    let (x, y) = (a.doc.id, b.doc.id);
    let joined = corpus
        .copies
        .iter()
        .any(|g| g.docs.contains(&x) && g.docs.contains(&y));
    let forced = mt::find_in_pairs(
        &analysis,
        &corpus.stories,
        &[(x.min(y), x.max(y))],
        &corpus.entities,
    );
    (forced, joined.then_some(corpus.mt_damage))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Scores the damage on the translated document `doc` against the planted span.
fn score(
    found: &[MtDamage],
    doc: concord_model::DocId,
    at: Span,
    right: &dyn Fn(&str) -> bool,
) -> (bool, bool) {
    let hits: Vec<&MtDamage> = found
        .iter()
        .filter(|d| d.doc == doc && overlaps(d.span, at))
        .collect();
    (!hits.is_empty(), hits.iter().any(|d| right(&d.repair)))
}

/// Runs the evaluation on the CSV at `data`.
pub fn run(data: &Path) -> Result<Outcome, EvalError> {
    let articles = read_articles(data)?;
    let format = |message: String| EvalError::Format {
        path: data.to_owned(),
        message,
    };
    let config = concord_pipeline::PipelineConfig::recommended();
    let pipeline = Pipeline {
        normalizer: Normalizer::new(&config.normalize)
            .map_err(|e| format(format!("normalize: {e}")))?,
        extractor: concord_extract::Extractor::new(&config.extract)
            .map_err(|e| format(format!("extract: {e}")))?,
        config,
    };
    let mut out = Outcome::default();
    let mut digest_bytes = 0usize;
    let mut digests = 0usize;
    for (article, renderings) in &articles {
        let Some((lang_o, text_o)) = renderings.get("") else {
            continue;
        };
        for (suffix, (lang_t, text_t)) in renderings.iter().filter(|(s, _)| !s.is_empty()) {
            if lang_o == "zh" || lang_t == "zh" || text_o == text_t {
                continue;
            }
            let (Some(orig), Some(tr)) = (
                pipeline.facts(format!("{article}.txt"), text_o),
                pipeline.facts(format!("{article}{suffix}.txt"), text_t),
            ) else {
                continue;
            };
            out.pairs += 1;
            for f in [&orig, &tr] {
                let mut d = digest::digest(f, false);
                let with = encoded_len(&d);
                d.mt = concord_model::MtDigest::default();
                digest_bytes += with.saturating_sub(encoded_len(&d));
                digests += 1;
            }
            let langs = format!("{lang_o}-{lang_t}");
            let (forced, joined) = detect(&orig, &tr);
            if joined.is_some() {
                out.joined_pairs += 1;
            }
            for damage in forced {
                let Some(f) = [&orig, &tr].into_iter().find(|f| f.doc.id == damage.doc) else {
                    continue;
                };
                let text = &f.doc.text;
                let lo = floor_char(text, damage.span.start as usize, 80);
                let hi = ceil_char(text, damage.span.end as usize, 80);
                out.flags.push(Flag {
                    article: article.clone(),
                    lang: f.doc.lang.code.clone(),
                    context: text[lo..hi].replace('\n', " "),
                    damage,
                });
            }
            // Plants.
            let mut plants: Vec<PlantRun> = Vec::new();
            for (original, written, surname) in plant_names(article, lang_t, &orig, &tr, 5) {
                let want = fold(&surname);
                plants.push((
                    Plant::Name,
                    original,
                    written,
                    Box::new(move |r: &str| {
                        r.rsplit(' ')
                            .next()
                            .is_some_and(|got| inflected(&fold(got), &want))
                    }),
                ));
            }
            for (original, written, value) in plant_figures(article, &tr, 3) {
                plants.push((
                    Plant::Figure,
                    original,
                    written,
                    Box::new(move |r: &str| r.parse::<f64>().is_ok_and(|v| v == value)),
                ));
            }
            for (kind, original, written, right) in plants {
                let Some(at) = text_t.find(&original) else {
                    continue;
                };
                let mut planted_text = text_t.clone();
                planted_text.replace_range(at..at + original.len(), &written);
                let Some(planted) =
                    pipeline.facts(format!("{article}{suffix}-planted.txt"), &planted_text)
                else {
                    continue;
                };
                let Some(clean_at) = planted.doc.text.find(&written) else {
                    continue;
                };
                let span = Span::new(clean_at, clean_at + written.len());
                let (forced, joined) = detect(&orig, &planted);
                trace_near(&planted, span);
                let found = score(&forced, planted.doc.id, span, &right);
                tracing::debug!(
                    "{article}{suffix}\t{kind:?}\t{original:?} -> {written:?}\tdetected {}\trepaired {}\t{:?}",
                    found.0,
                    found.1,
                    forced
                        .iter()
                        .filter(|d| d.doc == planted.doc.id)
                        .map(|d| (d.text.as_str(), d.repair.as_str()))
                        .collect::<Vec<_>>()
                );
                out.planted.push(Planted {
                    article: article.clone(),
                    langs: langs.clone(),
                    kind,
                    written,
                    original,
                    forced: score(&forced, planted.doc.id, span, &right),
                    joined: joined.map(|j| score(&j, planted.doc.id, span, &right)),
                });
            }
        }
    }
    out.digest_bytes = digest_bytes as f64 / digests.max(1) as f64;
    Ok(out)
}

/// At trace level, the name sides and mentions of the planted document near the plant: why a
/// plant was or was not found.
fn trace_near(planted: &DocFacts, span: Span) {
    if !tracing::enabled!(tracing::Level::TRACE) {
        return;
    }
    let text = &planted.doc.text;
    let near = |s: Span| s.start.abs_diff(span.start) < 40;
    let d = digest::digest(planted, false);
    let sides: Vec<_> =
        d.mt.sides
            .iter()
            .filter(|s| near(s.name))
            .map(|s| {
                (
                    s.name.of(text),
                    s.text.as_str(),
                    s.after,
                    s.untagged.is_some(),
                )
            })
            .collect();
    let mentions: Vec<_> = planted
        .entities
        .iter()
        .filter(|m| near(m.span))
        .map(|m| (m.span.of(text), m.kind))
        .collect();
    tracing::trace!("sides {sides:?} mentions {mentions:?}");
}

fn floor_char(text: &str, at: usize, back: usize) -> usize {
    let mut i = at.saturating_sub(back).min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, at: usize, ahead: usize) -> usize {
    let mut i = (at + ahead).min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn row(name: &str, planted: &[&Planted]) -> EvalRow {
    let n = planted.len() as f64;
    let share = |f: &dyn Fn(&Planted) -> bool| {
        if n == 0.0 {
            f64::NAN
        } else {
            planted.iter().filter(|p| f(p)).count() as f64 / n
        }
    };
    let joined: Vec<&&Planted> = planted.iter().filter(|p| p.joined.is_some()).collect();
    let jn = joined.len() as f64;
    let jshare = |k: usize| {
        if jn == 0.0 {
            f64::NAN
        } else {
            joined
                .iter()
                .filter(|p| p.joined.is_some_and(|j| if k == 0 { j.0 } else { j.1 }))
                .count() as f64
                / jn
        }
    };
    EvalRow {
        name: name.to_owned(),
        n: planted.len() as u64,
        metrics: vec![
            ("detected".into(), share(&|p| p.forced.0)),
            ("repaired".into(), share(&|p| p.forced.1)),
            ("joined_n".into(), jn),
            ("joined_det".into(), jshare(0)),
            ("joined_rep".into(), jshare(1)),
        ],
    }
}

/// The report of an outcome.
pub fn report(data: &Path, out: &Outcome) -> EvalReport {
    let all: Vec<&Planted> = out.planted.iter().collect();
    let names: Vec<&Planted> = all
        .iter()
        .copied()
        .filter(|p| p.kind == Plant::Name)
        .collect();
    let figures: Vec<&Planted> = all
        .iter()
        .copied()
        .filter(|p| p.kind == Plant::Figure)
        .collect();
    let mut rows = vec![
        row("all", &all),
        row("name", &names),
        row("figure", &figures),
    ];
    let mut by_langs: BTreeMap<&str, Vec<&Planted>> = BTreeMap::new();
    for p in &all {
        by_langs.entry(p.langs.as_str()).or_default().push(p);
    }
    rows.extend(by_langs.iter().map(|(l, ps)| row(l, ps)));
    let recall = |k: usize| {
        all.iter()
            .filter(|p| if k == 0 { p.forced.0 } else { p.forced.1 })
            .count() as f64
            / all.len().max(1) as f64
    };
    EvalReport {
        task: "mt-damage".into(),
        data: data.display().to_string(),
        rows,
        summary: vec![
            ("translation pairs".into(), out.pairs as f64),
            (
                "pairs reconcile joins as copies".into(),
                out.joined_pairs as f64,
            ),
            ("planted errors".into(), all.len() as f64),
            ("recall of detection (forced pairs)".into(), recall(0)),
            (
                "recall with the right repair (forced pairs)".into(),
                recall(1),
            ),
            ("flags on unplanted pairs".into(), out.flags.len() as f64),
            ("mt digest bytes per document".into(), out.digest_bytes),
        ],
        peers: Vec::new(),
    }
}

/// Writes the flags on unplanted pairs, one tab-separated line each: article, language, span,
/// text, repair, evidence, context.
pub fn write_flags(out: &Outcome, path: &Path) -> Result<(), EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    for f in &out.flags {
        let evidence: Vec<String> = f.damage.evidence.iter().map(|e| e.text.clone()).collect();
        writeln!(
            file,
            "{}\t{}\t{}-{}\t{}\t{}\t{}\t{}",
            f.article,
            f.lang,
            f.damage.span.start,
            f.damage.span.end,
            f.damage.text,
            f.damage.repair,
            evidence.join(" | "),
            f.context
        )
        .map_err(io)?;
    }
    file.flush().map_err(io)
}

/// `cargo xtask eval mt-damage`.
pub fn evaluate(data: &Path, write: Option<&Path>) -> Result<EvalReport, EvalError> {
    let out = run(data)?;
    if let Some(path) = write {
        write_flags(&out, path)?;
    }
    Ok(report(data, &out))
}
