//! Training of the tagger: an averaged structured perceptron over hashed features and BILOU labels.
//!
//! Each epoch visits the sentences in a seeded shuffled order, decodes each with the current weights
//! (every label but the target's given a head start, so the target must win by a margin) and, when
//! the best sequence differs from the target, moves the weights towards the target. For
//! data sets that do not annotate some types (WikiANN has no MISC, NERGrit no MISC or EVT) the
//! target is the best sequence that agrees with the annotation where it is informative (an `O` may
//! hide an unannotated type), so the other sets' conventions are not unlearned. Weights are
//! averaged over all steps, then quantized to 8 bits. Base-form rules are learned from
//! [`LemmaPair`]s. Deterministic: the same examples, order and config give the same model bytes.
//!
//! It does not read data sets (the pipeline's `train` module does) and never prints.

use concord_model::EntityType;

use super::NerModel;
use super::decode::{self, NUM_LABELS, Transitions, Viterbi};
use super::features::{self, NUM_FEATURES, WordInfo, hash_str};
use super::gazetteer::Gazetteer;
pub use super::lemma::LemmaPair;
use super::lemma::LemmaRules;

/// A BIO tag of one word in training data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Outside any name.
    O,
    /// First word of a name of this type.
    B(EntityType),
    /// Later word of a name of this type.
    I(EntityType),
}

impl Tag {
    /// The BILOU label of this tag, given the tag after it.
    fn label(self, next: Option<Tag>) -> u8 {
        use decode::Role;
        let continued = |k| next == Some(Tag::I(k));
        match self {
            Tag::O => 0,
            Tag::B(k) if continued(k) => decode::label(k, Role::Begin),
            Tag::B(k) => decode::label(k, Role::Unit),
            Tag::I(k) if continued(k) => decode::label(k, Role::Inside),
            Tag::I(k) => decode::label(k, Role::Last),
        }
    }
}

/// The BILOU labels of BIO `tags` (an `I` after another type's word is read as a `B`).
fn labels(tags: &[Tag], out: &mut Vec<u8>) {
    out.clear();
    let mut prev = Tag::O;
    for (i, &t) in tags.iter().enumerate() {
        let t = match (prev, t) {
            (Tag::B(p) | Tag::I(p), Tag::I(k)) if p == k => t,
            (_, Tag::I(k)) => Tag::B(k),
            _ => t,
        };
        let next = tags.get(i + 1).copied();
        // The next tag continues this name only if it is an I of the same type.
        out.push(t.label(next));
        prev = t;
    }
}

/// One annotated sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// ISO 639-1 code.
    pub lang: String,
    /// The words.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Tag>,
    /// Types the data set does not annotate: an `O` there may be one of them.
    pub unannotated: Vec<EntityType>,
    /// Whether the sentence is not news (WikiANN's Wikipedia fragments): its language-specific
    /// features are kept apart, so its conventions do not leak into tagging news.
    pub not_news: bool,
}

/// Training settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: u32,
    /// Seed of the visiting order.
    pub seed: u64,
    /// How far the target's score must lead every other label at each word (0: a plain
    /// perceptron, updating only on mistakes).
    pub margin: f32,
    /// Fewest places a word must be part of a person's name in the training text to become a
    /// gazetteer person (0: none).
    pub person_names: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 21,
            epochs: 8,
            seed: 0x00C0_FFEE,
            margin: 15.0,
            person_names: 20,
        }
    }
}

/// What one epoch did, for progress reports.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochStats {
    /// Epoch number from 1.
    pub epoch: u32,
    /// Words visited.
    pub words: u64,
    /// Words whose predicted label (with the margin's head start) differed from the target.
    pub errors: u64,
}

/// A SplitMix64 generator: small, seeded, and the same on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Weights under training with the sums needed for averaging.
struct Averaged {
    bits: u32,
    w: Vec<f32>,
    /// Sum of step * update, so that the average is `w - u / steps`.
    u: Vec<f64>,
    tw: [f32; NUM_LABELS * (NUM_LABELS + 1)],
    tu: [f64; NUM_LABELS * (NUM_LABELS + 1)],
    steps: f64,
}

impl Averaged {
    fn bucket(&self, f: u64) -> usize {
        (f >> (64 - self.bits)) as usize * NUM_LABELS
    }

    fn update(&mut self, f: u64, label: u8, delta: f32) {
        let i = self.bucket(f) + label as usize;
        self.w[i] += delta;
        self.u[i] += self.steps * f64::from(delta);
    }

    /// Transition slot: `from` = None is the start.
    fn tslot(from: Option<u8>, to: u8) -> usize {
        from.map_or(0, |f| f as usize + 1) * NUM_LABELS + to as usize
    }

    fn tupdate(&mut self, from: Option<u8>, to: u8, delta: f32) {
        let i = Self::tslot(from, to);
        self.tw[i] += delta;
        self.tu[i] += self.steps * f64::from(delta);
    }

    fn transitions(&self) -> Transitions {
        let mut t = Transitions::default();
        for to in 0..NUM_LABELS {
            t.start[to] = self.tw[Self::tslot(None, to as u8)];
            for from in 0..NUM_LABELS {
                t.pair[from][to] = self.tw[Self::tslot(Some(from as u8), to as u8)];
            }
        }
        t
    }

    fn averaged_transitions(&self) -> Transitions {
        let avg = |i: usize| (f64::from(self.tw[i]) - self.tu[i] / self.steps.max(1.0)) as f32;
        let mut t = Transitions::default();
        for to in 0..NUM_LABELS {
            t.start[to] = avg(Self::tslot(None, to as u8));
            for from in 0..NUM_LABELS {
                t.pair[from][to] = avg(Self::tslot(Some(from as u8), to as u8));
            }
        }
        t
    }
}

/// Trains a model on `examples` with `gazetteer` features and learns base forms from `lemmas`.
/// `on_epoch` is called after each epoch.
pub fn train(
    examples: &[Example],
    lemmas: &[LemmaPair],
    mut gazetteer: Gazetteer,
    config: &TrainConfig,
    mut on_epoch: impl FnMut(&EpochStats),
) -> NerModel {
    let bits = config.bits.clamp(8, 26);
    let rows = 1usize << bits;
    let mut model = Averaged {
        bits,
        w: vec![0.0; rows * NUM_LABELS],
        u: vec![0.0; rows * NUM_LABELS],
        tw: [0.0; NUM_LABELS * (NUM_LABELS + 1)],
        tu: [0.0; NUM_LABELS * (NUM_LABELS + 1)],
        steps: 1.0,
    };
    gazetteer.learn_casing(examples.iter().map(|ex| {
        let mut infos = Vec::with_capacity(ex.words.len());
        super::word_infos(ex.words.iter().map(String::as_str), &mut infos);
        infos
    }));
    if config.person_names > 0 {
        gazetteer.learn_persons(
            examples.iter().map(|ex| {
                let mut infos = Vec::with_capacity(ex.words.len());
                super::word_infos(ex.words.iter().map(String::as_str), &mut infos);
                let person =
                    |t: &Tag| matches!(t, Tag::B(k) | Tag::I(k) if *k == EntityType::Person);
                infos.into_iter().zip(ex.tags.iter().map(person)).collect()
            }),
            config.person_names,
        );
    }
    let mut infos: Vec<WordInfo> = Vec::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut feats: Vec<[u64; NUM_FEATURES]> = Vec::new();
    let mut emissions: Vec<[f32; NUM_LABELS]> = Vec::new();
    let mut mask: Vec<u32> = Vec::new();
    let mut gold: Vec<u8> = Vec::new();
    let mut target: Vec<u8> = Vec::new();
    let mut predicted: Vec<u8> = Vec::new();
    let mut viterbi = Viterbi::default();
    for epoch in 1..=config.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut stats = EpochStats {
            epoch,
            words: 0,
            errors: 0,
        };
        for &e in &order {
            let ex = &examples[e];
            let n = ex.words.len().min(ex.tags.len());
            if n == 0 {
                continue;
            }
            let mut lang = hash_str(features::lang_profile(&ex.lang));
            if ex.not_news {
                lang = features::mix(lang, 0x0E1C);
            }
            super::word_infos(ex.words[..n].iter().map(String::as_str), &mut infos);
            gazetteer.annotate(&mut infos);
            feats.clear();
            emissions.clear();
            for i in 0..n {
                let mut f = [0u64; NUM_FEATURES];
                features::features(&infos, i, lang, &mut f);
                let mut em = [0f32; NUM_LABELS];
                for &x in &f {
                    let b = model.bucket(x);
                    for (a, &w) in em.iter_mut().zip(&model.w[b..b + NUM_LABELS]) {
                        *a += w;
                    }
                }
                feats.push(f);
                emissions.push(em);
            }
            let trans = model.transitions();
            labels(&ex.tags[..n], &mut gold);
            if ex.unannotated.is_empty() {
                target.clone_from(&gold);
            } else {
                let hidden: u32 = ex
                    .unannotated
                    .iter()
                    .fold(0, |m, &k| m | decode::label_bits(k));
                // An unannotated name hides only behind words written like names: a lowercase word,
                // number or sign, a word starting the sentence or a word usually written in
                // lowercase that the annotators left outside is outside (otherwise the target
                // follows the model's own guesses, and common words drift into MISC and EVT).
                mask.clear();
                mask.extend(gold.iter().zip(&infos).map(|(&g, w)| {
                    let name_like = matches!(
                        w.class,
                        features::WordClass::Capital
                            | features::WordClass::AllCaps
                            | features::WordClass::Mixed
                    ) && !w.initial
                        && w.case != 1;
                    match g {
                        0 if name_like => 1 | hidden,
                        0 => 1,
                        g => 1 << g,
                    }
                }));
                viterbi.decode(&emissions, &trans, Some(&mask), &mut target);
            }
            // Cost-augmented decoding: every wrong label gets a head start of `margin`, so the
            // weights move until the target wins by that much, not just barely.
            if config.margin > 0.0 {
                for (em, &t) in emissions.iter_mut().zip(&target) {
                    for (l, a) in em.iter_mut().enumerate() {
                        if l != usize::from(t) {
                            *a += config.margin;
                        }
                    }
                }
            }
            viterbi.decode(&emissions, &trans, None, &mut predicted);
            stats.words += n as u64;
            if predicted != target {
                for i in 0..n {
                    let (p, t) = (predicted[i], target[i]);
                    if p != t {
                        stats.errors += 1;
                        for &x in &feats[i] {
                            model.update(x, t, 1.0);
                            model.update(x, p, -1.0);
                        }
                    }
                    let pp = (i > 0).then(|| predicted[i - 1]);
                    let tp = (i > 0).then(|| target[i - 1]);
                    if (pp, p) != (tp, t) {
                        model.tupdate(tp, t, 1.0);
                        model.tupdate(pp, p, -1.0);
                    }
                }
            }
            model.steps += 1.0;
        }
        on_epoch(&stats);
    }
    finish(model, LemmaRules::learn(lemmas), gazetteer)
}

/// Averages and quantizes the weights.
fn finish(model: Averaged, lemmas: LemmaRules, gazetteer: Gazetteer) -> NerModel {
    let steps = model.steps.max(1.0);
    let avg: Vec<f32> = model
        .w
        .iter()
        .zip(&model.u)
        .map(|(&w, &u)| (f64::from(w) - u / steps) as f32)
        .collect();
    let scale = avg.iter().fold(0f32, |m, w| m.max(w.abs()));
    let weights = avg.iter().map(|&w| super::quantize(w, scale)).collect();
    let trans = model.averaged_transitions();
    NerModel {
        bits: model.bits,
        weights,
        scale,
        levels: super::levels(scale),
        trans,
        lemmas,
        gazetteer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn bio_tags_become_bilou_labels() {
        use decode::{Role::*, label};
        let mut out = Vec::new();
        // "Joe/B-PER Biden/I-PER in/O Kyiv/B-LOC": a longer name and a one-word one.
        labels(
            &[Tag::B(Person), Tag::I(Person), Tag::O, Tag::B(Location)],
            &mut out,
        );
        let (b, l, u) = (
            label(Person, Begin),
            label(Person, Last),
            label(Location, Unit),
        );
        assert_eq!(out, [b, l, 0, u]);
        // Three words; two names of one type side by side; an I after another type starts a name.
        labels(
            &[
                Tag::B(Misc),
                Tag::I(Misc),
                Tag::I(Misc),
                Tag::B(Misc),
                Tag::I(Location),
            ],
            &mut out,
        );
        assert_eq!(
            out,
            [
                label(Misc, Begin),
                label(Misc, Inside),
                label(Misc, Last),
                label(Misc, Unit),
                label(Location, Unit),
            ]
        );
    }
}
