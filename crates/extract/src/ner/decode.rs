//! BIO labels and first-order Viterbi decoding with the BIO constraints built in.
//!
//! Label 0 is `O`; type `t` (in [`TYPES`] order) has `B` = `1 + 2t` and `I` = `2 + 2t`. An `I` may only
//! follow a `B` or `I` of its own type; decoding never produces an invalid sequence. An optional
//! per-position mask of allowed labels gives the constrained decoding that training uses for
//! partially annotated data.

use concord_model::EntityType;

/// Number of BIO labels.
pub(crate) const NUM_LABELS: usize = 11;

/// Entity types in label order.
pub(crate) const TYPES: [EntityType; 5] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
    EntityType::Misc,
    EntityType::Event,
];

/// The index of `kind` in [`TYPES`].
pub(crate) fn type_index(kind: EntityType) -> usize {
    match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Misc => 3,
        EntityType::Event => 4,
    }
}

/// The `B` label of `kind`.
pub(crate) fn begin(kind: EntityType) -> u8 {
    1 + 2 * type_index(kind) as u8
}

/// The `I` label of `kind`.
pub(crate) fn inside(kind: EntityType) -> u8 {
    2 + 2 * type_index(kind) as u8
}

/// The type of a label, `None` for `O`.
pub(crate) fn label_type(label: u8) -> Option<EntityType> {
    (label != 0).then(|| TYPES[(label as usize - 1) / 2])
}

/// Whether a label is an `I` label.
pub(crate) fn is_inside(label: u8) -> bool {
    label != 0 && label % 2 == 0
}

/// Whether `to` may follow `from` (`None`: the sentence start).
pub(crate) fn allowed(from: Option<u8>, to: u8) -> bool {
    if !is_inside(to) {
        return true;
    }
    match from {
        None | Some(0) => false,
        Some(f) => label_type(f) == label_type(to),
    }
}

/// Token-index spans `[start, end)` with their types from a label sequence.
pub(crate) fn spans(labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let continues = is_inside(l) && open.is_some_and(|(_, k)| Some(k) == label_type(l));
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s, i, k));
        }
        if let Some(k) = label_type(l) {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s, labels.len(), k));
    }
    out
}

/// Transition scores: `start[to]` and `pair[from][to]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Transitions {
    /// Score of starting a sentence with each label.
    pub start: [f32; NUM_LABELS],
    /// Score of each label pair.
    pub pair: [[f32; NUM_LABELS]; NUM_LABELS],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            start: [0.0; NUM_LABELS],
            pair: [[0.0; NUM_LABELS]; NUM_LABELS],
        }
    }
}

/// Reusable buffers for decoding.
#[derive(Default)]
pub(crate) struct Viterbi {
    back: Vec<[u8; NUM_LABELS]>,
}

impl Viterbi {
    /// Best label sequence for the emission scores, into `out`. `mask`, when given, holds per
    /// position a bit set of the labels allowed there.
    #[allow(clippy::needless_range_loop)] // Several arrays share the label index.
    pub(crate) fn decode(
        &mut self,
        emissions: &[[f32; NUM_LABELS]],
        trans: &Transitions,
        mask: Option<&[u16]>,
        out: &mut Vec<u8>,
    ) {
        out.clear();
        let n = emissions.len();
        if n == 0 {
            return;
        }
        const NEG: f32 = f32::NEG_INFINITY;
        let ok =
            |i: usize, l: usize| mask.is_none_or(|m| m.get(i).is_none_or(|b| b & (1 << l) != 0));
        self.back.clear();
        self.back.resize(n, [0; NUM_LABELS]);
        let mut score = [NEG; NUM_LABELS];
        for l in 0..NUM_LABELS {
            if allowed(None, l as u8) && ok(0, l) {
                score[l] = trans.start[l] + emissions[0][l];
            }
        }
        for i in 1..n {
            let mut next = [NEG; NUM_LABELS];
            for to in 0..NUM_LABELS {
                if !ok(i, to) {
                    continue;
                }
                let mut best = NEG;
                let mut arg = 0u8;
                for from in 0..NUM_LABELS {
                    if score[from] == NEG || !allowed(Some(from as u8), to as u8) {
                        continue;
                    }
                    let s = score[from] + trans.pair[from][to];
                    if s > best {
                        best = s;
                        arg = from as u8;
                    }
                }
                if best > NEG {
                    next[to] = best + emissions[i][to];
                    self.back[i][to] = arg;
                }
            }
            score = next;
        }
        let mut last = 0u8;
        let mut best = NEG;
        for (l, &s) in score.iter().enumerate() {
            if s > best {
                best = s;
                last = l as u8;
            }
        }
        out.resize(n, 0);
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = self.back[i][out[i] as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str) -> u8 {
        if name == "O" {
            return 0;
        }
        let (bio, t) = name.split_at(2);
        let kind = match t {
            "PER" => EntityType::Person,
            "ORG" => EntityType::Organization,
            "LOC" => EntityType::Location,
            "MISC" => EntityType::Misc,
            _ => EntityType::Event,
        };
        if bio == "B-" {
            begin(kind)
        } else {
            inside(kind)
        }
    }

    /// Decodes emissions that favour `preferred` labels (by name) with no transition scores.
    fn check_decode(preferred: &[&str], mask: Option<&[u16]>, expected: &[&str]) {
        let emissions: Vec<[f32; NUM_LABELS]> = preferred
            .iter()
            .map(|p| {
                let mut e = [0.0; NUM_LABELS];
                e[label(p) as usize] = 1.0;
                e
            })
            .collect();
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.decode(&emissions, &Transitions::default(), mask, &mut out);
        let want: Vec<u8> = expected.iter().map(|e| label(e)).collect();
        assert_eq!(out, want, "decode {preferred:?}");
    }

    fn check_spans(labels: &[&str], expected: &[(usize, usize, EntityType)]) {
        let l: Vec<u8> = labels.iter().map(|e| label(e)).collect();
        assert_eq!(spans(&l), expected);
    }

    #[test]
    fn decoding_respects_bio() {
        check_decode(&["B-PER", "I-PER", "O"], None, &["B-PER", "I-PER", "O"]);
        // An I with nothing to continue cannot win; the best valid sequence does.
        check_decode(&["O", "I-ORG"], None, &["O", "O"]);
        check_decode(&["I-LOC"], None, &["O"]);
        check_decode(&[], None, &[]);
        // The mask forces position 1 to B-LOC.
        let mask = [u16::MAX, 1 << label("B-LOC")];
        check_decode(&["O", "O"], Some(&mask), &["O", "B-LOC"]);
    }

    #[test]
    fn spans_from_labels() {
        use EntityType::*;
        check_spans(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &[(0, 2, Person), (3, 4, Location)],
        );
        check_spans(
            &["B-ORG", "B-ORG", "I-ORG"],
            &[(0, 1, Organization), (1, 3, Organization)],
        );
        check_spans(&["O", "I-MISC", "B-EVT"], &[(1, 2, Misc), (2, 3, Event)]);
    }
}
