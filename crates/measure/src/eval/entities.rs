//! Cross-document entities on SlavicNER: B-cubed and LEA over gold mentions.
//!
//! The folder is the SlavicNER layout (`raw/<topic>/<lang>/*.txt` with `ner/<topic>/<lang>/*.tsv`,
//! lines `start end surface lemma type id`, offsets in characters). concord's entity machinery is
//! given the gold mentions only (document, language, span, surface and gold type; base forms come
//! from concord's own lemmatizer, never the gold lemma, id or topic) and clusters them into
//! entities; the gold ids are the key.
//!
//! Two runs are scored:
//! - **held out, with table**: a [`NameTable`] is built from the gold ids of the training
//!   documents (nine in ten, by the same hash as the NER training), and only the held-out
//!   documents are clustered and scored; their mentions whose surface never occurs in a training
//!   document are scored again alone ("unseen forms"), where only variant matching can work;
//! - **all documents, no table**: every document, clustered by the rules alone.
//!
//! Metrics, each overall, within one language and across languages:
//! - B-cubed over mentions: for a mention, precision is the share of its predicted entity that
//!   is in its gold entity, recall the share of its gold entity found in its predicted entity.
//!   *Within*: both entities cut to the mention's language. *Across*: both cut to the other
//!   languages (the mention itself excluded); a mention whose cut predicted entity is empty has
//!   no precision, one whose cut gold entity is empty no recall, and is left out of that average.
//! - LEA (Moosavi and Strube 2016): an entity's importance is its size, its resolution the share
//!   of its links (mention pairs) found in one entity of the other side; a singleton's one link
//!   is itself. *Within*: links between mentions of one language. *Across*: links between
//!   mentions of two languages (entities without one do not count).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use concord_extract::ner::NerModel;
use concord_extract::tokenize::tokenize;
use concord_model::{DocId, EntityType, Mention, MentionDigest, Span};
use concord_reconcile::entities::{DocNames, NameTable, digest, resolve};

use super::ner::{align, map_tag, slavic_held_out};
use super::{EvalError, EvalReport, EvalRow};

/// One gold mention.
#[derive(Clone, Debug)]
struct GoldMention {
    /// Character offsets as in the gold file.
    chars: (usize, usize),
    /// Byte span in the text.
    span: Span,
    surface: String,
    kind: EntityType,
    id: String,
}

/// One document with its gold mentions.
#[derive(Clone, Debug)]
struct GoldDoc {
    name: String,
    lang: String,
    text: String,
    mentions: Vec<GoldMention>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
    move |source| EvalError::Io {
        path: path.to_owned(),
        source,
    }
}

fn sorted_dir(dir: &Path) -> Result<Vec<std::path::PathBuf>, EvalError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        out.push(entry.map_err(io_err(dir))?.path());
    }
    out.sort();
    Ok(out)
}

fn read_docs(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    for topic in sorted_dir(&dir.join("ner"))? {
        if !topic.is_dir() {
            continue;
        }
        for lang_dir in sorted_dir(&topic)? {
            let lang = lang_dir
                .file_name()
                .map(|l| l.to_string_lossy().into_owned())
                .unwrap_or_default();
            for tsv in sorted_dir(&lang_dir)? {
                if tsv.extension().is_none_or(|e| e != "tsv") {
                    continue;
                }
                let rel = tsv
                    .strip_prefix(dir.join("ner"))
                    .unwrap_or(&tsv)
                    .with_extension("txt");
                let raw = dir.join("raw").join(&rel);
                let name = format!("raw/{}", rel.to_string_lossy());
                docs.push(read_doc(&raw, &tsv, name, lang.clone())?);
            }
        }
    }
    Ok(docs)
}

fn read_doc(raw: &Path, tsv: &Path, name: String, lang: String) -> Result<GoldDoc, EvalError> {
    let text = std::fs::read_to_string(raw).map_err(io_err(raw))?;
    let table = std::fs::read_to_string(tsv).map_err(io_err(tsv))?;
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
        if cols.len() < 6 {
            return Err(bad("expected start, end, surface, lemma, type, id".into()));
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
        let surface = text[start..end].to_owned();
        if surface != cols[2] {
            return Err(bad(format!(
                "character offsets give {surface:?}, the file says {:?}",
                cols[2]
            )));
        }
        mentions.push(GoldMention {
            chars: (s, e),
            span: Span::new(start, end),
            surface,
            kind,
            id: cols[5].trim().to_owned(),
        });
    }
    Ok(GoldDoc {
        name,
        lang,
        text,
        mentions,
    })
}

/// Each document's gold mentions as extract would give them: gold span and type, concord's base.
fn machine_mentions(docs: &[GoldDoc], model: &NerModel) -> Vec<Vec<Mention>> {
    docs.iter()
        .map(|doc| {
            let tokens = tokenize(&doc.text);
            doc.mentions
                .iter()
                .map(|m| {
                    let base = align(&tokens, m.span.start as usize, m.span.end as usize)
                        .map(|range| model.base_form(&doc.text, &tokens, range, &doc.lang, m.kind))
                        .unwrap_or_else(|| m.surface.clone());
                    Mention {
                        span: m.span,
                        kind: m.kind,
                        base,
                    }
                })
                .collect()
        })
        .collect()
}

/// Clusters the documents `chosen` and gives each of their gold mentions its entity number
/// (mentions the digest dropped get their own).
fn cluster(
    docs: &[GoldDoc],
    digests: &[Vec<MentionDigest>],
    chosen: &[usize],
    table: &NameTable,
) -> (Vec<Vec<u32>>, Vec<String>) {
    let input: Vec<DocNames<'_>> = chosen
        .iter()
        .map(|&d| DocNames {
            doc: DocId(d as u64),
            lang: &docs[d].lang,
            story: None,
            names: &digests[d],
        })
        .collect();
    let entities = resolve(&input, table);
    let mut of: HashMap<(u64, Span), u32> = HashMap::new();
    let mut ids = Vec::with_capacity(entities.len());
    for (n, e) in entities.iter().enumerate() {
        ids.push(e.id.to_string());
        for m in &e.mentions {
            of.insert((m.doc.0, m.span), n as u32);
        }
    }
    let mut next = entities.len() as u32;
    let assigned = chosen
        .iter()
        .map(|&d| {
            docs[d]
                .mentions
                .iter()
                .map(|m| {
                    of.get(&(d as u64, m.span)).copied().unwrap_or_else(|| {
                        next += 1;
                        ids.push("-".to_owned());
                        next - 1
                    })
                })
                .collect()
        })
        .collect();
    (assigned, ids)
}

/// One scored mention: gold entity, predicted entity, language.
#[derive(Clone, Copy)]
struct Scored {
    gold: u32,
    pred: u32,
    lang: u16,
}

/// B-cubed (precision, recall, F1) overall, within and across languages, averaged over the
/// mentions where `count` is true.
fn bcubed(items: &[Scored], count: &[bool]) -> [(f64, f64, f64, usize); 3] {
    let mut n_p: HashMap<u32, f64> = HashMap::new();
    let mut n_g: HashMap<u32, f64> = HashMap::new();
    let mut n_pg: HashMap<(u32, u32), f64> = HashMap::new();
    let mut n_pl: HashMap<(u32, u16), f64> = HashMap::new();
    let mut n_gl: HashMap<(u32, u16), f64> = HashMap::new();
    let mut n_pgl: HashMap<(u32, u32, u16), f64> = HashMap::new();
    for s in items {
        *n_p.entry(s.pred).or_default() += 1.0;
        *n_g.entry(s.gold).or_default() += 1.0;
        *n_pg.entry((s.pred, s.gold)).or_default() += 1.0;
        *n_pl.entry((s.pred, s.lang)).or_default() += 1.0;
        *n_gl.entry((s.gold, s.lang)).or_default() += 1.0;
        *n_pgl.entry((s.pred, s.gold, s.lang)).or_default() += 1.0;
    }
    // [overall, within, across] x (sum p, n p, sum r, n r)
    let mut sums = [[0.0f64; 4]; 3];
    for (s, &c) in items.iter().zip(count) {
        if !c {
            continue;
        }
        let pg = n_pg[&(s.pred, s.gold)];
        let pgl = n_pgl[&(s.pred, s.gold, s.lang)];
        let (p, g) = (n_p[&s.pred], n_g[&s.gold]);
        let (pl, gl) = (n_pl[&(s.pred, s.lang)], n_gl[&(s.gold, s.lang)]);
        let parts = [(pg, p, g), (pgl, pl, gl), (pg - pgl, p - pl, g - gl)];
        for (k, &(both, pred, gold)) in parts.iter().enumerate() {
            if pred > 0.0 {
                sums[k][0] += both / pred;
                sums[k][1] += 1.0;
            }
            if gold > 0.0 {
                sums[k][2] += both / gold;
                sums[k][3] += 1.0;
            }
        }
    }
    sums.map(|[sp, np, sr, nr]| {
        let p = if np > 0.0 { sp / np } else { f64::NAN };
        let r = if nr > 0.0 { sr / nr } else { f64::NAN };
        (p, r, f1(p, r), nr as usize)
    })
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Links among `n` mentions split by language as `per_lang`: (all, within, across).
fn links(per_lang: &BTreeMap<u16, f64>) -> [f64; 3] {
    let n: f64 = per_lang.values().sum();
    let within: f64 = per_lang.values().map(|k| k * (k - 1.0) / 2.0).sum();
    let all = n * (n - 1.0) / 2.0;
    [all, within, all - within]
}

/// LEA recall of `key` against `response` (swap them for precision), overall, within and across.
fn lea_recall(
    items: &[Scored],
    key: impl Fn(&Scored) -> u32,
    resp: impl Fn(&Scored) -> u32,
) -> [f64; 3] {
    let mut entity: BTreeMap<u32, BTreeMap<u16, f64>> = BTreeMap::new();
    let mut cells: BTreeMap<(u32, u32), BTreeMap<u16, f64>> = BTreeMap::new();
    for s in items {
        *entity.entry(key(s)).or_default().entry(s.lang).or_default() += 1.0;
        *cells
            .entry((key(s), resp(s)))
            .or_default()
            .entry(s.lang)
            .or_default() += 1.0;
    }
    let mut resolved: BTreeMap<u32, [f64; 3]> = BTreeMap::new();
    let mut singleton_kept: BTreeMap<u32, bool> = BTreeMap::new();
    let mut resp_size: BTreeMap<u32, f64> = BTreeMap::new();
    for s in items {
        *resp_size.entry(resp(s)).or_default() += 1.0;
    }
    for (&(k, r), langs) in &cells {
        let l = links(langs);
        let e = resolved.entry(k).or_default();
        for i in 0..3 {
            e[i] += l[i];
        }
        let n: f64 = langs.values().sum();
        singleton_kept.insert(k, n == 1.0 && resp_size[&r] == 1.0);
    }
    // Within: per language the entity cut to it; its importance is the cut's size.
    let (mut num, mut den) = ([0.0f64; 3], [0.0f64; 3]);
    for (k, langs) in &entity {
        let size: f64 = langs.values().sum();
        let l = links(langs);
        let got = resolved[k];
        // Overall.
        if size == 1.0 {
            num[0] += f64::from(u8::from(singleton_kept[k]));
        } else {
            num[0] += size * got[0] / l[0];
        }
        den[0] += size;
        // Across.
        if l[2] > 0.0 {
            num[2] += size * got[2] / l[2];
            den[2] += size;
        }
    }
    // Within, language by language.
    let mut by_lang: BTreeMap<u16, Vec<Scored>> = BTreeMap::new();
    for s in items {
        by_lang.entry(s.lang).or_default().push(*s);
    }
    for part in by_lang.values() {
        let [n, d] = lea_plain(part, &key, &resp);
        num[1] += n;
        den[1] += d;
    }
    [num[0] / den[0], num[1] / den[1], num[2] / den[2]]
}

/// Plain LEA recall numerator and denominator (singletons as self-links).
fn lea_plain(
    items: &[Scored],
    key: &impl Fn(&Scored) -> u32,
    resp: &impl Fn(&Scored) -> u32,
) -> [f64; 2] {
    let mut size: BTreeMap<u32, f64> = BTreeMap::new();
    let mut rsize: BTreeMap<u32, f64> = BTreeMap::new();
    let mut cells: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    for s in items {
        *size.entry(key(s)).or_default() += 1.0;
        *rsize.entry(resp(s)).or_default() += 1.0;
        *cells.entry((key(s), resp(s))).or_default() += 1.0;
    }
    let mut got: BTreeMap<u32, f64> = BTreeMap::new();
    for (&(k, r), &n) in &cells {
        let v = if size[&k] == 1.0 {
            f64::from(u8::from(rsize[&r] == 1.0))
        } else {
            n * (n - 1.0) / 2.0
        };
        *got.entry(k).or_default() += v;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for (k, &n) in &size {
        let l = if n == 1.0 { 1.0 } else { n * (n - 1.0) / 2.0 };
        num += n * got[k] / l;
        den += n;
    }
    [num, den]
}

/// LEA (precision, recall, F1) overall, within and across languages.
fn lea(items: &[Scored]) -> [(f64, f64, f64); 3] {
    let r = lea_recall(items, |s| s.gold, |s| s.pred);
    let p = lea_recall(items, |s| s.pred, |s| s.gold);
    [0, 1, 2].map(|i| (p[i], r[i], f1(p[i], r[i])))
}

fn scored(
    docs: &[GoldDoc],
    chosen: &[usize],
    assigned: &[Vec<u32>],
    gold_ids: &mut BTreeMap<String, u32>,
    langs: &mut BTreeMap<String, u16>,
) -> Vec<Scored> {
    let mut out = Vec::new();
    for (&d, preds) in chosen.iter().zip(assigned) {
        let next = langs.len() as u16;
        let lang = *langs.entry(docs[d].lang.clone()).or_insert(next);
        for (m, &pred) in docs[d].mentions.iter().zip(preds) {
            let next = gold_ids.len() as u32;
            let gold = *gold_ids.entry(m.id.clone()).or_insert(next);
            out.push(Scored { gold, pred, lang });
        }
    }
    out
}

fn rows_for(
    name: &str,
    items: &[Scored],
    count: &[bool],
    with_lea: bool,
    rows: &mut Vec<EvalRow>,
) -> [f64; 3] {
    let b = bcubed(items, count);
    let l = if with_lea { Some(lea(items)) } else { None };
    for (i, scope) in ["overall", "within", "across"].iter().enumerate() {
        let (p, r, f, n) = b[i];
        let mut metrics = vec![
            ("b3_p".to_owned(), p),
            ("b3_r".to_owned(), r),
            ("b3_f1".to_owned(), f),
        ];
        let (lp, lr, lf) = l.map_or((f64::NAN, f64::NAN, f64::NAN), |l| l[i]);
        metrics.extend([
            ("lea_p".to_owned(), lp),
            ("lea_r".to_owned(), lr),
            ("lea_f1".to_owned(), lf),
        ]);
        rows.push(EvalRow {
            name: format!("{name} {scope}"),
            n: n as u64,
            metrics,
        });
    }
    [b[0].2, b[1].2, b[2].2]
}

fn format_err(path: &Path, e: impl std::fmt::Display) -> EvalError {
    EvalError::Format {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Scores concord's entities on a SlavicNER folder with the entity model at `model` (for base
/// forms); writes `doc<TAB>start<TAB>end<TAB>entity` per gold mention of the table-free run to
/// `predictions` when given.
pub fn evaluate(
    data: &Path,
    model: &Path,
    predictions: Option<&Path>,
) -> Result<EvalReport, EvalError> {
    let model = NerModel::load(model).map_err(|e| EvalError::Format {
        path: model.to_owned(),
        message: e.to_string(),
    })?;
    let docs = read_docs(data)?;
    let mentions = machine_mentions(&docs, &model);
    let digests: Vec<Vec<MentionDigest>> = docs
        .iter()
        .zip(&mentions)
        .map(|(d, m)| digest(&d.text, m))
        .collect();
    let digest_bytes = {
        let mut writer = concord_model::codec::FrameWriter::new(Vec::new(), "names")
            .map_err(|e| format_err(data, e))?;
        for d in &digests {
            writer.write(d).map_err(|e| format_err(data, e))?;
        }
        writer.finish().map_err(|e| format_err(data, e))?.len()
    };
    let kept: usize = digests.iter().flatten().map(|n| n.gaps.len()).sum();
    let total: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let (train, held): (Vec<usize>, Vec<usize>) =
        (0..docs.len()).partition(|&d| !slavic_held_out(&docs[d].name));

    // The table of the training documents: concord's base forms labelled with the gold ids.
    let table = NameTable::from_votes(train.iter().flat_map(|&d| {
        docs[d]
            .mentions
            .iter()
            .zip(&mentions[d])
            .map(|(g, m)| (m.base.as_str(), g.kind, g.id.as_str()))
    }));
    let seen: BTreeSet<String> = train
        .iter()
        .flat_map(|&d| docs[d].mentions.iter().map(|m| m.surface.to_lowercase()))
        .collect();

    let mut gold_ids = BTreeMap::new();
    let mut langs = BTreeMap::new();
    let mut rows = Vec::new();
    let mut summary = Vec::new();

    let (assigned, _) = cluster(&docs, &digests, &held, &table);
    let items = scored(&docs, &held, &assigned, &mut gold_ids, &mut langs);
    let all = vec![true; items.len()];
    let f = rows_for("held-out+table", &items, &all, true, &mut rows);
    summary.push(("held-out+table b3_f1 overall".to_owned(), f[0]));
    summary.push(("held-out+table b3_f1 across".to_owned(), f[2]));
    let unseen: Vec<bool> = held
        .iter()
        .flat_map(|&d| {
            docs[d]
                .mentions
                .iter()
                .map(|m| !seen.contains(&m.surface.to_lowercase()))
        })
        .collect();
    rows_for("held-out unseen forms", &items, &unseen, false, &mut rows);

    let (assigned, _) = cluster(&docs, &digests, &held, &NameTable::new());
    let items = scored(&docs, &held, &assigned, &mut gold_ids, &mut langs);
    rows_for("held-out no table", &items, &all, true, &mut rows);

    let every: Vec<usize> = (0..docs.len()).collect();
    let (assigned, ids) = cluster(&docs, &digests, &every, &NameTable::new());
    let items = scored(&docs, &every, &assigned, &mut gold_ids, &mut langs);
    let f = rows_for(
        "all docs no table",
        &items,
        &vec![true; items.len()],
        true,
        &mut rows,
    );
    summary.push(("all docs no table b3_f1 overall".to_owned(), f[0]));
    summary.push(("all docs no table b3_f1 across".to_owned(), f[2]));
    summary.push((
        "digest bytes per document".to_owned(),
        digest_bytes as f64 / docs.len().max(1) as f64,
    ));
    summary.push((
        "mentions kept by the digest".to_owned(),
        kept as f64 / total.max(1) as f64,
    ));

    if let Some(path) = predictions {
        let file = std::fs::File::create(path).map_err(io_err(path))?;
        let mut out = std::io::BufWriter::new(file);
        for (&d, preds) in every.iter().zip(&assigned) {
            for (m, &p) in docs[d].mentions.iter().zip(preds) {
                let id = ids.get(p as usize).map_or("-", String::as_str);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    docs[d].name, m.chars.0, m.chars.1, id
                )
                .map_err(io_err(path))?;
            }
        }
        out.flush().map_err(io_err(path))?;
    }
    Ok(EvalReport {
        task: "entities".to_owned(),
        data: data.display().to_string(),
        rows,
        summary,
        peers: vec![
            (
                "SlavicNER mT5-large (linking accuracy)".to_owned(),
                "accuracy".to_owned(),
                0.878,
            ),
            (
                "BSNLP 2023 systems (LEA F1 per language, best)".to_owned(),
                "lea_f1".to_owned(),
                0.80,
            ),
        ],
    })
}
