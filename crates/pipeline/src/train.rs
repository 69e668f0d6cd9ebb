//! Training of concord's statistical models from the development data (`cargo xtask train ...`).
//!
//! [`train_ner`] reads the NER training sets of `../shared/eval/ner/` (CoNLL-2002/2003 en, de, es,
//! nl; WikiANN de, en, es, nl, pl, ru; NERGrit id; the SlavicNER documents not held out) into
//! sentences, learns the tagger and the base-form rules with [`concord_extract::ner::train`], and
//! writes the compact model file. Validation files, BSNLP (a dev set only) and held-out SlavicNER
//! documents are never read for training. Logs through `tracing`; prints nothing.

use std::path::Path;

use concord_extract::ner::NerModel;
use concord_extract::ner::train::{Example, LemmaPair, Tag, TrainConfig, train};
use concord_extract::tokenize::tokenize;
use concord_model::EntityType;

use crate::eval::EvalError;
use crate::eval::ner::{align, read_conll, read_slavic, slavic_train_names};

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

/// Reads every training sentence and base-form pair under `data` (the `ner/` folder of the
/// development data). Deterministic order.
pub fn ner_training_data(
    data: &Path,
) -> Result<(Vec<Example>, Vec<LemmaPair>, Vec<(String, usize)>, usize), EvalError> {
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
        ("indonesian", &["id"], &[Misc, Event]),
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
    for doc in read_slavic(&slavic)? {
        if !train_names.contains(&doc.name) {
            continue;
        }
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
        for range in concord_extract::ner::sentences(&doc.text, &tokens) {
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
    Ok((examples, lemmas, sets, unaligned))
}

/// Trains the entity tagger on the development data under `data` (`../shared/eval/ner`) and writes
/// it to `out` (`data/models/ner.bin`).
pub fn train_ner(data: &Path, out: &Path) -> Result<TrainSummary, TrainError> {
    train_ner_with(data, out, &TrainConfig::default())
}

/// As [`train_ner`], with explicit settings.
pub fn train_ner_with(
    data: &Path,
    out: &Path,
    config: &TrainConfig,
) -> Result<TrainSummary, TrainError> {
    let (examples, lemmas, sets, unaligned_sentences) = ner_training_data(data)?;
    let words = examples.iter().map(|e| e.words.len()).sum();
    tracing::info!(
        sentences = examples.len(),
        words,
        "training the entity tagger"
    );
    let model: NerModel = train(&examples, &lemmas, config, |s| {
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
