//! Named-entity recognition scored as conlleval does, plus base-form accuracy.
//!
//! Reads the CoNLL-style files of `../shared/eval/ner/` (`idx<TAB>token<TAB>IOB2`, or NERGrit's
//! `token<TAB>IOB`; blank lines between sentences; `#DOCSTART`/`-DOCSTART-` lines ignored) and
//! SlavicNER folders (`raw/<topic>/<lang>/*.txt` with stand-off `ner/.../*.tsv`: `start end surface
//! lemma type id`, offsets in characters). A mention counts as right only when its type and both
//! boundaries are right; precision, recall and F1 are micro-averaged per file (language) and per
//! type. Dataset tags map to concord's types: PER/PERSON -> Person, ORG/ORGANISATION -> Organization,
//! LOC/PLACE/GPE -> Location, EVT/EVENT -> Event, MISC/PRO -> Misc. Predicted types that a file
//! never uses are scored as MISC when the file uses MISC (CoNLL and BSNLP put events there), and
//! ignored otherwise (WikiANN and NERGrit annotate PER, ORG and LOC only). Base-form accuracy is
//! the share of gold mentions whose base form, computed from the gold span and type, equals the
//! gold lemma exactly; `found base` is the same over the mentions the tagger found right.
//!
//! SlavicNER documents the model was trained on (listed in `train-docs.txt` and not held out by
//! [`slavic_held_out`]) are never scored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use concord_extract::ner::NerModel;
use concord_extract::tokenize::{Token, tokenize};
use concord_model::EntityType;

use super::{EvalError, EvalReport, EvalRow};

/// Published figures of off-the-shelf mBERT (silver-trained) on the gold test sets, F1.
const PEERS: &[(&str, f64)] = &[
    ("mBERT conll/en", 0.791),
    ("mBERT conll/es", 0.779),
    ("mBERT conll/nl", 0.791),
    ("mBERT conll/de", 0.683),
    ("mBERT bsnlp/ru", 0.665),
    ("mBERT bsnlp/pl", 0.624),
    ("XLM-R-large slavic (cross-topic)", 0.922),
];

/// Every entity type, in report order.
const TYPES: [EntityType; 5] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
    EntityType::Event,
    EntityType::Misc,
];

/// Maps a dataset's tag (without `B-`/`I-`) to a concord type.
pub fn map_tag(tag: &str) -> Option<EntityType> {
    Some(match tag {
        "PER" | "PERSON" => EntityType::Person,
        "ORG" | "ORGANISATION" | "ORGANIZATION" => EntityType::Organization,
        "LOC" | "PLACE" | "GPE" => EntityType::Location,
        "EVT" | "EVENT" => EntityType::Event,
        "MISC" | "PRO" => EntityType::Misc,
        _ => return None,
    })
}

/// One sentence of a CoNLL-style file: words and their gold mentions as token ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct ConllSentence {
    /// The words.
    pub words: Vec<String>,
    /// Gold mentions `(start, end, type)` over word indices, `end` exclusive.
    pub mentions: Vec<(usize, usize, EntityType)>,
    /// Number of the document (counted by `DOCSTART` lines) the sentence belongs to.
    pub doc: usize,
}

/// Reads a CoNLL-style file. IOB1 and IOB2 are both read as conlleval does: an `I-X` that does not
/// continue an `X` starts one.
pub fn read_conll(path: &Path) -> Result<Vec<ConllSentence>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<Option<(bool, EntityType)>> = Vec::new();
    let mut doc = 0;
    let flush = |words: &mut Vec<String>,
                 tags: &mut Vec<Option<(bool, EntityType)>>,
                 out: &mut Vec<ConllSentence>,
                 doc: usize| {
        if words.is_empty() {
            return;
        }
        let mut mentions = Vec::new();
        let mut open: Option<(usize, EntityType)> = None;
        for (i, t) in tags.iter().enumerate() {
            let continues = matches!((t, open), (Some((false, k)), Some((_, o))) if *k == o);
            if continues {
                continue;
            }
            if let Some((s, k)) = open.take() {
                mentions.push((s, i, k));
            }
            if let Some((_, k)) = t {
                open = Some((i, *k));
            }
        }
        if let Some((s, k)) = open {
            mentions.push((s, tags.len(), k));
        }
        out.push(ConllSentence {
            words: std::mem::take(words),
            mentions,
            doc,
        });
        tags.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut words, &mut tags, &mut out, doc);
            continue;
        }
        if line.starts_with("#DOCSTART") || line.contains("-DOCSTART-") {
            flush(&mut words, &mut tags, &mut out, doc);
            doc += 1;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (word, tag) = match cols.as_slice() {
            [_, w, t] => (*w, *t),
            [w, t] => (*w, *t),
            _ => {
                return Err(EvalError::Format {
                    path: path.to_owned(),
                    message: format!("line {}: expected 2 or 3 tab-separated columns", n + 1),
                });
            }
        };
        let tag = tag.trim();
        let parsed = if tag == "O" {
            None
        } else {
            let (bio, name) = tag.split_at(tag.len().min(2));
            let kind = map_tag(name).filter(|_| bio == "B-" || bio == "I-");
            let Some(kind) = kind else {
                return Err(EvalError::Format {
                    path: path.to_owned(),
                    message: format!("line {}: unknown tag {tag:?}", n + 1),
                });
            };
            Some((bio == "B-", kind))
        };
        words.push(word.to_owned());
        tags.push(parsed);
    }
    flush(&mut words, &mut tags, &mut out, doc);
    Ok(out)
}

/// One gold mention of a SlavicNER document, with byte offsets into the text.
#[derive(Clone, Debug, PartialEq)]
pub struct SlavicMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The type.
    pub kind: EntityType,
    /// The gold base form.
    pub base: String,
    /// The cross-lingual entity id (`ORG-European-Union`), empty when the line has none.
    pub entity: String,
}

/// One SlavicNER document.
#[derive(Clone, Debug, PartialEq)]
pub struct SlavicDoc {
    /// Path relative to the folder, as in `train-docs.txt` (`raw/<topic>/<lang>/<file>.txt`).
    pub name: String,
    /// The language folder.
    pub lang: String,
    /// The raw text.
    pub text: String,
    /// Gold mentions, sorted by start, without overlaps (the later of two overlapping is dropped).
    pub mentions: Vec<SlavicMention>,
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        out.push(entry.map_err(io)?.path());
    }
    out.sort();
    Ok(out)
}

/// Reads every document of a SlavicNER folder (with `raw/` and `ner/`), in path order.
pub fn read_slavic(dir: &Path) -> Result<Vec<SlavicDoc>, EvalError> {
    let mut docs = Vec::new();
    for topic in read_dir_sorted(&dir.join("ner"))? {
        if !topic.is_dir() {
            continue;
        }
        for lang_dir in read_dir_sorted(&topic)? {
            let Some(lang) = lang_dir
                .file_name()
                .and_then(|l| l.to_str())
                .map(str::to_owned)
            else {
                continue;
            };
            for tsv in read_dir_sorted(&lang_dir)? {
                if tsv.extension().is_none_or(|e| e != "tsv") {
                    continue;
                }
                let rel = tsv
                    .strip_prefix(dir.join("ner"))
                    .unwrap_or(&tsv)
                    .with_extension("txt");
                let raw = dir.join("raw").join(&rel);
                let name = format!("raw/{}", rel.to_string_lossy());
                docs.push(read_slavic_doc(&raw, &tsv, name, lang.clone())?);
            }
        }
    }
    Ok(docs)
}

/// Types as organisations the SlavicNER products whose entity the corpus also types as an
/// organisation (`PRO-CNN` beside `ORG-CNN`, `PRO-Facebook` beside `ORG-Facebook`): media and
/// platforms, which SlavicNER splits into the company and the product by context and BSNLP's
/// earlier annotation, CoNLL and an analyst take as organisations. The ids come from `docs`.
pub fn media_as_organisations(docs: &mut [SlavicDoc]) {
    let organisations: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| &d.mentions)
        .filter(|m| m.kind == EntityType::Organization)
        .map(|m| m.entity.clone())
        .collect();
    for m in docs.iter_mut().flat_map(|d| d.mentions.iter_mut()) {
        let twin = m
            .entity
            .strip_prefix("PRO-")
            .is_some_and(|rest| organisations.contains(&format!("ORG-{rest}")));
        if m.kind == EntityType::Misc && (twin || m.entity.starts_with("ORG-")) {
            m.kind = EntityType::Organization;
        }
    }
}

fn read_slavic_doc(
    raw: &Path,
    tsv: &Path,
    name: String,
    lang: String,
) -> Result<SlavicDoc, EvalError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| EvalError::Io {
            path: p.to_owned(),
            source,
        })
    };
    let text = read(raw)?;
    let table = read(tsv)?;
    // Character offset -> byte offset.
    let bytes_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut mentions = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |message: String| EvalError::Format {
            path: tsv.to_owned(),
            message: format!("line {}: {message}", n + 1),
        };
        if cols.len() < 5 {
            return Err(bad("expected start, end, surface, lemma, type".into()));
        }
        let (Ok(s), Ok(e)) = (cols[0].parse::<usize>(), cols[1].parse::<usize>()) else {
            return Err(bad("offsets are not numbers".into()));
        };
        let kind = map_tag(cols[4]).ok_or_else(|| bad(format!("unknown type {:?}", cols[4])))?;
        let (Some(&start), Some(&end)) = (bytes_at.get(s), bytes_at.get(e)) else {
            return Err(bad("offsets beyond the text".into()));
        };
        if start >= end {
            return Err(bad("empty mention".into()));
        }
        mentions.push(SlavicMention {
            start,
            end,
            kind,
            base: cols[3].to_owned(),
            entity: cols
                .get(5)
                .map_or_else(String::new, |c| c.trim().to_owned()),
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    let mut last_end = 0;
    mentions.retain(|m| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
    Ok(SlavicDoc {
        name,
        lang,
        text,
        mentions,
    })
}

/// Whether a SlavicNER document is held out from training: one in ten, chosen by an FNV-1a hash
/// of its name (`raw/<topic>/<lang>/<file>.txt`), so the split is fixed and needs no list.
pub fn slavic_held_out(name: &str) -> bool {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    h % 10 == 0
}

/// The documents of a SlavicNER folder that training uses: listed in its `train-docs.txt` (all
/// documents when there is no list) and not held out.
pub fn slavic_train_names(dir: &Path) -> Result<BTreeSet<String>, EvalError> {
    let list = dir.join("train-docs.txt");
    let names: Vec<String> = if list.exists() {
        std::fs::read_to_string(&list)
            .map_err(|source| EvalError::Io {
                path: list.clone(),
                source,
            })?
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        read_slavic(dir)?.into_iter().map(|d| d.name).collect()
    };
    Ok(names.into_iter().filter(|n| !slavic_held_out(n)).collect())
}

/// The tokens that make up the byte range `[start, end)`, when it starts and ends on token
/// boundaries.
pub fn align(tokens: &[Token], start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let first = tokens.partition_point(|t| (t.start as usize) < start);
    let last = tokens.partition_point(|t| (t.end as usize) <= end);
    (first < last
        && tokens.get(first).is_some_and(|t| t.start as usize == start)
        && tokens[last - 1].end as usize == end)
        .then_some(first..last)
}

/// Span counts for conlleval's micro P/R/F1 and base-form counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    gold: u64,
    found: u64,
    correct: u64,
    base_total: u64,
    base_right: u64,
    found_base_total: u64,
    found_base_right: u64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.correct += o.correct;
        self.base_total += o.base_total;
        self.base_right += o.base_right;
        self.found_base_total += o.found_base_total;
        self.found_base_right += o.found_base_right;
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.found == 0 {
            0.0
        } else {
            self.correct as f64 / self.found as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn row(&self, name: String) -> EvalRow {
        let (p, r, f) = self.prf();
        let ratio = |a: u64, b: u64| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        EvalRow {
            name,
            n: self.gold,
            metrics: vec![
                ("precision".into(), p),
                ("recall".into(), r),
                ("f1".into(), f),
                ("base".into(), ratio(self.base_right, self.base_total)),
                (
                    "found base".into(),
                    ratio(self.found_base_right, self.found_base_total),
                ),
            ],
        }
    }
}

/// Per-type counts of one data set.
type Table = BTreeMap<EntityType, Counts>;

/// Maps a predicted type into the tagset `used` by the gold data.
fn fit(kind: EntityType, used: &BTreeSet<EntityType>) -> Option<EntityType> {
    if used.contains(&kind) {
        Some(kind)
    } else if used.contains(&EntityType::Misc) {
        Some(EntityType::Misc)
    } else {
        None
    }
}

/// Scores a set of `(start, end, type)` predictions against gold ones into `table`.
fn score<T: Ord + Copy>(
    gold: &[(T, T, EntityType)],
    found: &[(T, T, EntityType)],
    table: &mut Table,
) {
    let gold_set: BTreeSet<_> = gold.iter().copied().collect();
    for g in gold {
        table.entry(g.2).or_default().gold += 1;
    }
    for f in found {
        let c = table.entry(f.2).or_default();
        c.found += 1;
        if gold_set.contains(f) {
            c.correct += 1;
        }
    }
}

/// The language of a CoNLL-style file from its name (`de.val.conllu` -> `de`, `nergrit.*` -> `id`).
fn file_lang(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("nergrit") {
        return "id".into();
    }
    match name.split('.').next() {
        Some(l) if l.len() == 2 => l.to_owned(),
        _ => "und".into(),
    }
}

/// What [`score_conll`] counts.
struct ConllTables {
    /// Every span, as conlleval counts them.
    spans: Table,
    /// The distinct (surface form, type) pairs of each document, as the BSNLP shared tasks score
    /// recognition.
    forms: Table,
    /// Spans again, with each distinct form the tagger found in a document written at the first
    /// place the document has it: how BSNLP's conversion to token tags writes its gold (it
    /// annotates each form once per document), so every later occurrence is not counted false.
    first: Table,
}

/// A name found in one sentence: `(sentence, start word, end word, type)`.
type Placed = (usize, usize, usize, EntityType);

/// Scores a CoNLL-style file (see [`ConllTables`]).
fn score_conll(path: &Path, model: &NerModel) -> Result<ConllTables, EvalError> {
    let sentences = read_conll(path)?;
    let lang = file_lang(path);
    let used: BTreeSet<EntityType> = sentences
        .iter()
        .flat_map(|s| s.mentions.iter().map(|m| m.2))
        .collect();
    let mut tables = ConllTables {
        spans: Table::new(),
        forms: Table::new(),
        first: Table::new(),
    };
    // Files with document markers are tagged document by document (names found in one sentence
    // help in the next, as when tagging a text); others sentence by sentence.
    let has_docs = sentences.iter().any(|s| s.doc > 0);
    let mut start = 0;
    while start < sentences.len() {
        let mut end = start + 1;
        while has_docs && end < sentences.len() && sentences[end].doc == sentences[start].doc {
            end += 1;
        }
        let doc = &sentences[start..end];
        start = end;
        let group: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let mut gold: Vec<Placed> = Vec::new();
        let mut found: Vec<Placed> = Vec::new();
        for (i, (s, spans)) in doc
            .iter()
            .zip(model.tag_document(&group, &lang))
            .enumerate()
        {
            let spans: Vec<(usize, usize, EntityType)> = spans
                .into_iter()
                .filter_map(|(a, b, k)| fit(k, &used).map(|k| (a, b, k)))
                .collect();
            score(&s.mentions, &spans, &mut tables.spans);
            trace_sentence(s, &spans);
            gold.extend(s.mentions.iter().map(|&(a, b, k)| (i, a, b, k)));
            found.extend(spans.iter().map(|&(a, b, k)| (i, a, b, k)));
        }
        let form = |&(i, a, b, k): &Placed| (group[i][a..b].join(" "), k);
        let gold_forms: BTreeSet<(String, EntityType)> = gold.iter().map(form).collect();
        let found_forms: BTreeSet<(String, EntityType)> = found.iter().map(form).collect();
        score_forms(&gold_forms, &found_forms, &mut tables.forms);
        let first: Vec<Placed> = found_forms
            .iter()
            .filter_map(|(f, k)| first_place(&group, f).map(|(i, a, b)| (i, a, b, *k)))
            .collect();
        let ends = |v: &[Placed]| -> Vec<_> {
            v.iter().map(|&(i, a, b, k)| ((i, a), (i, b), k)).collect()
        };
        score(&ends(&gold), &ends(&first), &mut tables.first);
    }
    Ok(tables)
}

/// Counts one document's distinct forms into `table`.
fn score_forms(
    gold: &BTreeSet<(String, EntityType)>,
    found: &BTreeSet<(String, EntityType)>,
    table: &mut Table,
) {
    for g in gold {
        table.entry(g.1).or_default().gold += 1;
    }
    for f in found {
        let c = table.entry(f.1).or_default();
        c.found += 1;
        c.correct += u64::from(gold.contains(f));
    }
    // `RUST_LOG=concord_measure=debug` lists each document's missed and false forms.
    if tracing::enabled!(tracing::Level::DEBUG) {
        for g in gold.difference(found) {
            tracing::debug!(form = %g.0, kind = g.1.as_str(), "missed");
        }
        for f in found.difference(gold) {
            tracing::debug!(form = %f.0, kind = f.1.as_str(), "false");
        }
    }
}

/// The first place `(sentence, start, end)` where the words of `form` (joined by spaces) stand
/// in a document.
fn first_place(doc: &[Vec<&str>], form: &str) -> Option<(usize, usize, usize)> {
    let words: Vec<&str> = form.split(' ').collect();
    doc.iter().enumerate().find_map(|(i, s)| {
        s.windows(words.len())
            .position(|w| w == words.as_slice())
            .map(|a| (i, a, a + words.len()))
    })
}

/// `RUST_LOG=concord_measure=trace` prints each sentence with its gold and found names marked.
fn trace_sentence(s: &ConllSentence, found: &[(usize, usize, EntityType)]) {
    if !tracing::enabled!(tracing::Level::TRACE) {
        return;
    }
    let mark = |spans: &[(usize, usize, EntityType)]| {
        let mut out = String::new();
        for (j, w) in s.words.iter().enumerate() {
            for m in spans.iter().filter(|m| m.0 == j) {
                out.push('[');
                out.push_str(m.2.as_str());
                out.push(' ');
            }
            out.push_str(w);
            for _ in spans.iter().filter(|m| m.1 == j + 1) {
                out.push(']');
            }
            out.push(' ');
        }
        out
    };
    tracing::trace!(doc = s.doc, gold = %mark(&s.mentions), found = %mark(found));
}

/// Scores SlavicNER documents, per language.
fn score_slavic(docs: &[SlavicDoc], model: &NerModel) -> BTreeMap<String, Table> {
    let mut out: BTreeMap<String, Table> = BTreeMap::new();
    for doc in docs {
        let table = out.entry(doc.lang.clone()).or_default();
        let tokens = tokenize(&doc.text);
        let sentences = concord_normalize::sentences::split(&doc.text, &doc.lang);
        let found_mentions = model.tag(&doc.text, &tokens, &sentences, &doc.lang);
        let gold: Vec<(usize, usize, EntityType)> = doc
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.kind))
            .collect();
        let found: Vec<(usize, usize, EntityType)> = found_mentions
            .iter()
            .map(|m| (m.span.start as usize, m.span.end as usize, m.kind))
            .collect();
        score(&gold, &found, table);
        for m in &doc.mentions {
            let c = table.entry(m.kind).or_default();
            c.base_total += 1;
            let range = align(&tokens, m.start, m.end).unwrap_or_else(|| {
                // A mention inside a token: the tokens it overlaps.
                let a = tokens.partition_point(|t| (t.end as usize) <= m.start);
                let b = tokens.partition_point(|t| (t.start as usize) < m.end);
                a..b.max(a)
            });
            if model.base_form(&doc.text, &tokens, range, &doc.lang, m.kind) == m.base {
                c.base_right += 1;
            }
        }
        for f in &found_mentions {
            let hit = doc.mentions.iter().find(|m| {
                m.start == f.span.start as usize && m.end == f.span.end as usize && m.kind == f.kind
            });
            if let Some(m) = hit {
                let c = table.entry(m.kind).or_default();
                c.found_base_total += 1;
                c.found_base_right += u64::from(f.base == m.base);
            }
        }
    }
    out
}

/// Adds the rows of one data set: the total, then per type.
fn push_rows(name: &str, table: &Table, rows: &mut Vec<EvalRow>, summary: &mut Vec<(String, f64)>) {
    let mut total = Counts::default();
    for c in table.values() {
        total.add(c);
    }
    let (_, _, f) = total.prf();
    summary.push((format!("{name} f1"), f));
    if total.base_total > 0 {
        summary.push((
            format!("{name} base"),
            total.base_right as f64 / total.base_total as f64,
        ));
    }
    rows.push(total.row(name.to_owned()));
    for kind in TYPES {
        if let Some(c) = table.get(&kind) {
            rows.push(c.row(format!("{name} {}", kind.as_str())));
        }
    }
}

/// Whether `dir` is a SlavicNER folder.
fn is_slavic(dir: &Path) -> bool {
    dir.join("raw").is_dir() && dir.join("ner").is_dir()
}

/// Scores the model file `model` on `data`: a CoNLL-style file, a SlavicNER folder (documents
/// used in training are skipped), or the root of `../shared/eval/ner/`, which scores every dev
/// set (`*.val.conllu`, `nergrit.valid.txt`, the held-out SlavicNER documents).
pub fn evaluate(data: &Path, model: &Path) -> Result<EvalReport, EvalError> {
    let model = NerModel::load(model).map_err(|e| EvalError::Format {
        path: model.to_owned(),
        message: e.to_string(),
    })?;
    evaluate_with(data, &model)
}

/// As [`evaluate`], with a loaded model.
pub fn evaluate_with(data: &Path, model: &NerModel) -> Result<EvalReport, EvalError> {
    let mut rows = Vec::new();
    let mut summary = Vec::new();
    let mut conll_files = Vec::new();
    let mut slavic_dir = None;
    if data.is_file() {
        conll_files.push(data.to_owned());
    } else if is_slavic(data) {
        slavic_dir = Some(data.to_owned());
    } else if data.is_dir() {
        for sub in ["conll", "wikiann", "bsnlp", "indonesian"] {
            let dir = data.join(sub);
            if !dir.is_dir() {
                continue;
            }
            for f in read_dir_sorted(&dir)? {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.contains(".val.") || name.contains(".valid.") {
                    conll_files.push(f);
                }
            }
        }
        let s = data.join("slavic");
        if is_slavic(&s) {
            slavic_dir = Some(s);
        }
    } else {
        return Err(EvalError::Io {
            path: data.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        });
    }
    for f in &conll_files {
        let tables = score_conll(f, model)?;
        let set = f
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("data");
        let set = if set == "indonesian" { "nergrit" } else { set };
        push_rows(
            &format!("{set}/{}", file_lang(f)),
            &tables.spans,
            &mut rows,
            &mut summary,
        );
        if set == "bsnlp" {
            // BSNLP annotates each distinct form once per document, not every occurrence, so
            // span-level precision understates; its shared tasks score distinct forms per
            // document, and its token tags mark each form's first occurrence.
            let name = format!("{set}/{} doc-level", file_lang(f));
            push_rows(&name, &tables.forms, &mut rows, &mut summary);
            let name = format!("{set}/{} first occurrences", file_lang(f));
            push_rows(&name, &tables.first, &mut rows, &mut summary);
        }
    }
    if let Some(dir) = slavic_dir {
        let trained = slavic_train_names(&dir)?;
        let mut docs = read_slavic(&dir)?;
        let held_out = |docs: &[SlavicDoc]| -> Vec<SlavicDoc> {
            docs.iter()
                .filter(|d| !trained.contains(&d.name))
                .cloned()
                .collect()
        };
        let as_published = held_out(&docs);
        media_as_organisations(&mut docs);
        let media_relabelled = held_out(&docs);
        let per_lang = score_slavic(&as_published, model);
        let mut all = Table::new();
        for (lang, table) in &per_lang {
            for (k, c) in table {
                all.entry(*k).or_default().add(c);
            }
            push_rows(&format!("slavic/{lang}"), table, &mut rows, &mut summary);
        }
        push_rows("slavic", &all, &mut rows, &mut summary);
        // Scored again with media typed as the tagger is trained to type them.
        let mut relabelled = Table::new();
        for table in score_slavic(&media_relabelled, model).values() {
            for (k, c) in table {
                relabelled.entry(*k).or_default().add(c);
            }
        }
        push_rows(
            "slavic (media as organisations)",
            &relabelled,
            &mut rows,
            &mut summary,
        );
    }
    Ok(EvalReport {
        task: "ner".into(),
        data: data.display().to_string(),
        rows,
        summary,
        peers: PEERS
            .iter()
            .map(|&(p, v)| (p.to_owned(), "f1".to_owned(), v))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_counts(
        gold: &[(u32, u32, EntityType)],
        found: &[(u32, u32, EntityType)],
        prf: (f64, f64, f64),
    ) {
        let mut table = Table::new();
        score(gold, found, &mut table);
        let mut total = Counts::default();
        for c in table.values() {
            total.add(c);
        }
        let got = total.prf();
        assert!(
            (got.0 - prf.0).abs() < 1e-9
                && (got.1 - prf.1).abs() < 1e-9
                && (got.2 - prf.2).abs() < 1e-9,
            "{got:?} vs {prf:?}"
        );
    }

    fn check_read(text: &str, expected: &[(usize, usize, EntityType)]) {
        let dir = std::env::temp_dir().join(format!("concord-ner-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("x{}.conllu", text.len()));
        std::fs::write(&path, text).expect("write");
        let got: Vec<_> = read_conll(&path)
            .expect("read")
            .into_iter()
            .flat_map(|s| s.mentions)
            .collect();
        let _ = std::fs::remove_file(&path);
        assert_eq!(got, expected);
    }

    #[test]
    fn conlleval_counts() {
        use EntityType::*;
        // Exact match only: a wrong boundary or type is both a miss and a false alarm.
        check_counts(
            &[(0, 2, Person), (3, 4, Location)],
            &[(0, 2, Person), (3, 4, Organization)],
            (0.5, 0.5, 0.5),
        );
        check_counts(&[(0, 2, Person)], &[(0, 1, Person)], (0.0, 0.0, 0.0));
        check_counts(&[(0, 2, Person)], &[], (0.0, 0.0, 0.0));
        check_counts(
            &[(0, 1, Misc), (1, 2, Misc)],
            &[(0, 1, Misc)],
            (1.0, 0.5, 2.0 / 3.0),
        );
    }

    #[test]
    fn reads_iob1_and_iob2() {
        use EntityType::*;
        check_read(
            "1\tEU\tB-ORG\n2\trejects\tO\n3\tGerman\tB-MISC\n\n",
            &[(0, 1, Organization), (2, 3, Misc)],
        );
        check_read(
            "Joko\tI-PERSON\nWidodo\tI-PERSON\ndi\tO\nJakarta\tI-PLACE\n",
            &[(0, 2, Person), (3, 4, Location)],
        );
        check_read(
            "#DOCSTART\n\n1\tA\tB-LOC\n2\tB\tB-LOC\n",
            &[(0, 1, Location), (1, 2, Location)],
        );
    }

    #[test]
    fn tagset_fitting() {
        use EntityType::*;
        let conll: BTreeSet<_> = [Person, Organization, Location, Misc].into();
        let wikiann: BTreeSet<_> = [Person, Organization, Location].into();
        assert_eq!(fit(Event, &conll), Some(Misc));
        assert_eq!(fit(Event, &wikiann), None);
        assert_eq!(fit(Person, &wikiann), Some(Person));
    }

    #[test]
    fn held_out_split_is_about_a_tenth() {
        let held = (0..1000)
            .filter(|i| slavic_held_out(&format!("raw/t/pl/f_{i}.txt")))
            .count();
        assert!((60..140).contains(&held), "{held}");
    }
}
