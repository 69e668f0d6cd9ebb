//! Training of concord's statistical models from the development data (`cargo xtask train ...`).
//!
//! [`train_ner`] reads the NER training sets of `../shared/eval/ner/` (CoNLL-2002/2003 en, de, es,
//! nl; WikiANN de, en, es, nl, pl, ru; NERGrit id; the SlavicNER documents not held out) into
//! sentences, learns the tagger and the base-form rules with [`concord_extract::ner::train`], and
//! writes the compact model file. Validation files, BSNLP (a dev set only) and held-out SlavicNER
//! documents are never read for training. [`build_gazetteer`] (`cargo xtask train gazetteer`)
//! writes `data/gazetteers/names.tsv`, the place and organisation names the tagger uses as
//! features, from Debian's `unicode-cldr-core`, `iso-codes` and `libgeonames-common`.
//! Logs through `tracing`; prints nothing.

pub mod lexicon;
pub mod places;

use std::path::Path;

use std::collections::BTreeSet;
use std::path::PathBuf;

use concord_extract::ner::NerModel;
use concord_extract::ner::gazetteer::Gazetteer;
pub use concord_extract::ner::train::TrainConfig;
use concord_extract::ner::train::{Example, LemmaPair, Tag, train};
use concord_extract::tokenize::tokenize;
use concord_model::EntityType;

use crate::eval::EvalError;
use crate::eval::ner::{
    SlavicDoc, align, media_as_organisations, read_conll, read_slavic, slavic_train_names,
};

/// Why training failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TrainError {
    /// The training data could not be read.
    #[error(transparent)]
    Data(#[from] EvalError),
    /// The model could not be written.
    #[error(transparent)]
    Model(#[from] concord_extract::ner::NerError),
}

/// What a training run read and wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSummary {
    /// Sentences per training set (`conll/en`, `slavic`, ...), in reading order.
    pub sets: Vec<(String, usize)>,
    /// Training sentences.
    pub sentences: usize,
    /// Training words.
    pub words: usize,
    /// SlavicNER sentences left out because a mention does not fall on token boundaries.
    pub unaligned_sentences: usize,
    /// (surface, base form) pairs the base-form rules were learned from.
    pub lemma_pairs: usize,
    /// Distinct base-form rules and endings keyed to them.
    pub lemma_rules: (usize, usize),
    /// Size of the written model file in bytes.
    pub bytes: usize,
}

/// Converts token-range mentions into BIO tags.
fn tags_of(n: usize, mentions: &[(usize, usize, EntityType)]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; n];
    for &(s, e, k) in mentions {
        for (i, t) in tags.iter_mut().enumerate().take(e.min(n)).skip(s) {
            *t = if i == s { Tag::B(k) } else { Tag::I(k) };
        }
    }
    tags
}

/// The NER training data read from the development sets.
#[derive(Clone, Debug, PartialEq)]
pub struct NerTrainingData {
    /// Training sentences, set after set.
    pub examples: Vec<Example>,
    /// (surface, base form) pairs of the SlavicNER training documents.
    pub lemmas: Vec<LemmaPair>,
    /// Sentences per set, in order.
    pub sets: Vec<(String, usize)>,
    /// SlavicNER sentences left out because a mention does not fall on token boundaries.
    pub unaligned: usize,
}

/// Reads every training sentence and base-form pair under `data` (the `ner/` folder of the
/// development data). Deterministic order.
pub fn ner_training_data(data: &Path) -> Result<NerTrainingData, EvalError> {
    use EntityType::*;
    let mut examples = Vec::new();
    let mut sets = Vec::new();
    // (folder, languages, types the set does not annotate)
    let conll_sets: [(&str, &[&str], &[EntityType]); 3] = [
        ("conll", &["en", "de", "es", "nl"], &[]),
        (
            "wikiann",
            &["en", "de", "es", "nl", "pl", "ru"],
            &[Misc, Event],
        ),
        // NERGrit is the only Indonesian data: were its unannotated types hidden, nothing would
        // teach the tagger that Indonesian titles and capitalised common words ("Menteri",
        // "Jenderal") are no events or MISC, so its `O` is taken as it stands.
        ("indonesian", &["id"], &[]),
    ];
    for (folder, langs, unannotated) in conll_sets {
        for lang in langs {
            let file = if folder == "indonesian" {
                data.join(folder).join("nergrit.train.txt")
            } else {
                data.join(folder).join(format!("{lang}.train.conllu"))
            };
            let sentences = read_conll(&file)?;
            sets.push((format!("{folder}/{lang}"), sentences.len()));
            for s in sentences {
                examples.push(Example {
                    lang: (*lang).to_owned(),
                    tags: tags_of(s.words.len(), &s.mentions),
                    words: s.words,
                    unannotated: unannotated.to_vec(),
                    not_news: folder == "wikiann",
                });
            }
        }
    }
    let slavic = data.join("slavic");
    let train_names = slavic_train_names(&slavic)?;
    let mut lemmas = Vec::new();
    let mut unaligned = 0;
    let before = examples.len();
    let mut docs: Vec<SlavicDoc> = read_slavic(&slavic)?
        .into_iter()
        .filter(|d| train_names.contains(&d.name))
        .collect();
    media_as_organisations(&mut docs);
    for doc in &docs {
        let tokens = tokenize(&doc.text);
        let mut mentions = Vec::new();
        let mut bad_tokens = vec![false; tokens.len()];
        for m in &doc.mentions {
            lemmas.push(LemmaPair {
                lang: doc.lang.clone(),
                kind: m.kind,
                surface: doc.text[m.start..m.end].to_owned(),
                base: m.base.clone(),
            });
            match align(&tokens, m.start, m.end) {
                Some(r) => mentions.push((r.start, r.end, m.kind)),
                None => {
                    let a = tokens.partition_point(|t| (t.end as usize) <= m.start);
                    let b = tokens.partition_point(|t| (t.start as usize) < m.end);
                    for flag in bad_tokens.iter_mut().take(b).skip(a) {
                        *flag = true;
                    }
                }
            }
        }
        let tags = tags_of(tokens.len(), &mentions);
        let sentences = concord_normalize::sentences::split(&doc.text, &doc.lang);
        for range in concord_extract::ner::sentence_tokens(&tokens, &sentences) {
            if bad_tokens[range.clone()].iter().any(|&b| b) {
                unaligned += 1;
                continue;
            }
            examples.push(Example {
                lang: doc.lang.clone(),
                words: tokens[range.clone()]
                    .iter()
                    .map(|t| t.text(&doc.text).to_owned())
                    .collect(),
                tags: tags[range].to_vec(),
                unannotated: Vec::new(),
                not_news: false,
            });
        }
    }
    sets.push(("slavic".into(), examples.len() - before));
    // The CoNLL news sets are visited four times per epoch: WikiANN and SlavicNER outnumber them,
    // and news in en, de, es and nl is what the tagger is for there (chosen on the dev sets: two
    // visits gave 1-2 points less on CoNLL and BSNLP ru, SlavicNER the same).
    let conll: Vec<Example> = examples
        .iter()
        .filter(|e| !e.not_news && ["en", "de", "es", "nl"].contains(&e.lang.as_str()))
        .cloned()
        .collect();
    sets.push(("conll (three more passes)".into(), 3 * conll.len()));
    for _ in 0..3 {
        examples.extend(conll.iter().cloned());
    }
    Ok(NerTrainingData {
        examples,
        lemmas,
        sets,
        unaligned,
    })
}

/// The workspace's gazetteer file, `data/gazetteers/names.tsv` (what `cargo xtask train gazetteer`
/// writes and `cargo xtask train ner` reads).
pub fn gazetteer_path() -> PathBuf {
    crate::models_dir().join("../gazetteers/names.tsv")
}

/// Reads a gazetteer file written by [`build_gazetteer`] (`TYPE<TAB>name` lines).
pub fn read_gazetteer(path: &Path) -> Result<Gazetteer, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut names = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some((kind, name)) = line.split_once('\t') else {
            continue;
        };
        let kind = crate::eval::ner::map_tag(kind).ok_or_else(|| EvalError::Format {
            path: path.to_owned(),
            message: format!("line {}: unknown type {kind:?}", n + 1),
        })?;
        names.push((name, kind));
    }
    Ok(Gazetteer::from_names(names))
}

/// Trains the entity tagger on the development data under `data` (`../shared/eval/ner`) and writes
/// it to `out` (`data/models/ner.bin`), with the gazetteer at [`gazetteer_path`].
pub fn train_ner(data: &Path, out: &Path) -> Result<TrainSummary, TrainError> {
    train_ner_with(data, &gazetteer_path(), out, &TrainConfig::default())
}

/// As [`train_ner`], with an explicit gazetteer file and settings.
pub fn train_ner_with(
    data: &Path,
    gazetteer: &Path,
    out: &Path,
    config: &TrainConfig,
) -> Result<TrainSummary, TrainError> {
    let gazetteer = read_gazetteer(gazetteer)?;
    let NerTrainingData {
        examples,
        lemmas,
        sets,
        unaligned: unaligned_sentences,
    } = ner_training_data(data)?;
    let words = examples.iter().map(|e| e.words.len()).sum();
    tracing::info!(
        sentences = examples.len(),
        words,
        "training the entity tagger"
    );
    let model: NerModel = train(&examples, &lemmas, gazetteer, config, |s| {
        tracing::info!(
            epoch = s.epoch,
            words = s.words,
            errors = s.errors,
            "epoch done"
        );
    });
    let bytes = model.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|source| EvalError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    std::fs::write(out, &bytes).map_err(|source| EvalError::Io {
        path: out.to_owned(),
        source,
    })?;
    Ok(TrainSummary {
        sets,
        sentences: examples.len(),
        words,
        unaligned_sentences,
        lemma_pairs: lemmas.len(),
        lemma_rules: model.lemma_rules(),
        bytes: bytes.len(),
    })
}

/// Languages whose names the gazetteer collects.
const GAZETTEER_LANGS: [&str; 13] = [
    "en", "de", "fr", "es", "it", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "id",
];

/// CLDR territory codes that name organisations rather than places.
const CLDR_ORGS: [&str; 3] = ["EU", "EZ", "UN"];

/// What [`build_gazetteer`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerSummary {
    /// Place names.
    pub places: usize,
    /// Organisation names.
    pub organisations: usize,
    /// Size of the file in bytes.
    pub bytes: usize,
}

/// Writes `text` gzip-compressed (best compression) to `out`, creating its folder; returns the
/// compressed size. The committed tables are written so.
pub(crate) fn write_gzip(out: &Path, text: &str) -> Result<usize, EvalError> {
    use std::io::Write;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| EvalError::Io { path, source }
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes()).map_err(io(out))?;
    let bytes = gz.finish().map_err(io(out))?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    std::fs::write(out, &bytes).map_err(io(out))?;
    Ok(bytes.len())
}

/// The strings of a GNU gettext catalogue: `(msgid, msgstr)` pairs, the header left out.
fn read_mo(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let bad = |message: &str| EvalError::Format {
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let word = |at: usize, big: bool| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        } as usize)
    };
    let big = match word(0, false) {
        Some(0x9504_12de) => false,
        Some(0xde12_0495) => true,
        _ => return Err(bad("not a gettext catalogue")),
    };
    let field = |at| word(at, big).ok_or_else(|| bad("truncated"));
    let (n, originals, translations) = (field(8)?, field(12)?, field(16)?);
    let string = |table: usize, i: usize| -> Result<String, EvalError> {
        let len = field(table + 8 * i)?;
        let off = field(table + 8 * i + 4)?;
        let raw = bytes
            .get(off..off + len)
            .ok_or_else(|| bad("string out of range"))?;
        let first = raw.split(|&b| b == 0).next().unwrap_or(&[]);
        Ok(String::from_utf8_lossy(first).into_owned())
    };
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for i in 0..n {
        let id = string(originals, i)?;
        if id.is_empty() {
            continue;
        }
        out.push((id, string(translations, i)?));
    }
    Ok(out)
}

/// Decodes the XML entities CLDR uses.
fn xml_text(s: &str) -> String {
    s.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Territory names of one CLDR locale file: `(code, name)`.
fn cldr_territories(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("<territory type=\"") else {
            continue;
        };
        let Some((code, rest)) = rest.split_once('"') else {
            continue;
        };
        let Some(start) = rest.find('>') else {
            continue;
        };
        let Some(end) = rest.find("</territory>") else {
            continue;
        };
        if start < end {
            out.push((code.to_owned(), xml_text(&rest[start + 1..end])));
        }
    }
    Ok(out)
}

/// Builds the gazetteer file `out` from the Debian data under `system` (`/usr/share`): CLDR
/// territory names, ISO 3166-1 country names and GeoNames city names in concord's languages.
pub fn build_gazetteer(system: &Path, out: &Path) -> Result<GazetteerSummary, TrainError> {
    let mut names: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut add = |kind: &'static str, name: &str| {
        let name = name.trim();
        if name.chars().count() >= 2 && !name.contains('\t') && !name.contains('\n') {
            names.insert((kind, name.to_owned()));
        }
    };
    for lang in GAZETTEER_LANGS {
        let cldr = system.join(format!("unicode/cldr/common/main/{lang}.xml"));
        for (code, name) in cldr_territories(&cldr)? {
            let kind = if CLDR_ORGS.contains(&code.as_str()) {
                "ORG"
            } else {
                "LOC"
            };
            add(kind, &name);
        }
        let messages = system.join(format!("locale/{lang}/LC_MESSAGES"));
        for catalogue in ["iso_3166-1.mo", "geonames.mo"] {
            let path = messages.join(catalogue);
            if !path.exists() {
                continue;
            }
            for (id, name) in read_mo(&path)? {
                if catalogue == "iso_3166-1.mo" {
                    add("LOC", &id);
                }
                add("LOC", &name);
            }
        }
    }
    let mut text = String::new();
    let (mut places, mut organisations) = (0, 0);
    for (kind, name) in &names {
        if *kind == "ORG" {
            organisations += 1;
        } else {
            places += 1;
        }
        text.push_str(kind);
        text.push('\t');
        text.push_str(name);
        text.push('\n');
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|source| EvalError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    std::fs::write(out, &text).map_err(|source| EvalError::Io {
        path: out.to_owned(),
        source,
    })?;
    Ok(GazetteerSummary {
        places,
        organisations,
        bytes: text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_tags(n: usize, mentions: &[(usize, usize, EntityType)], expected: &[Tag]) {
        assert_eq!(tags_of(n, mentions), expected);
    }

    /// A little-endian gettext catalogue holding `pairs` (sorted by msgid, as msgfmt writes).
    fn mo(pairs: &[(&str, &str)]) -> Vec<u8> {
        let n = pairs.len() as u32;
        let (orig, trans) = (28u32, 28 + 8 * n);
        let mut strings = Vec::new();
        let mut tables = (Vec::new(), Vec::new());
        let base = 28 + 16 * n;
        for (id, s) in pairs {
            tables
                .0
                .push((id.len() as u32, base + strings.len() as u32));
            strings.extend_from_slice(id.as_bytes());
            strings.push(0);
            tables.1.push((s.len() as u32, base + strings.len() as u32));
            strings.extend_from_slice(s.as_bytes());
            strings.push(0);
        }
        let mut out = Vec::new();
        for v in [0x9504_12de_u32, 0, n, orig, trans, 0, 0] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for (len, off) in tables.0.iter().chain(&tables.1) {
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&off.to_le_bytes());
        }
        out.extend_from_slice(&strings);
        out
    }

    #[test]
    fn bio_tags_from_mentions() {
        use EntityType::*;
        check_tags(
            4,
            &[(0, 2, Person), (3, 4, Location)],
            &[Tag::B(Person), Tag::I(Person), Tag::O, Tag::B(Location)],
        );
        check_tags(2, &[(1, 5, Misc)], &[Tag::O, Tag::B(Misc)]);
    }

    #[test]
    fn gazetteer_from_cldr_and_gettext() {
        let root = std::env::temp_dir().join(format!("concord-gaz-{}", std::process::id()));
        let main = root.join("unicode/cldr/common/main");
        std::fs::create_dir_all(&main).expect("temp dir");
        for lang in GAZETTEER_LANGS {
            std::fs::write(
                main.join(format!("{lang}.xml")),
                "<ldml>\n\t\t\t<territory type=\"UA\">Ukraina</territory>\n\
                 \t\t\t<territory type=\"EU\">Unia Europejska</territory>\n\
                 \t\t\t<territory type=\"BA\">Bośnia &amp; Hercegowina</territory>\n</ldml>\n",
            )
            .expect("write cldr");
        }
        let messages = root.join("locale/pl/LC_MESSAGES");
        std::fs::create_dir_all(&messages).expect("temp dir");
        std::fs::write(
            messages.join("geonames.mo"),
            mo(&[("", "header"), ("491687", "Smoleńsk")]),
        )
        .expect("write mo");
        let out = root.join("out/names.tsv");
        let summary = build_gazetteer(&root, &out).expect("build");
        let text = std::fs::read_to_string(&out).expect("read");
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            text,
            "LOC\tBośnia & Hercegowina\nLOC\tSmoleńsk\nLOC\tUkraina\nORG\tUnia Europejska\n"
        );
        assert_eq!((summary.places, summary.organisations), (3, 1));
    }
}
