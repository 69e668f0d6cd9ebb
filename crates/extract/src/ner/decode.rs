//! BILOU labels and first-order Viterbi decoding with the BILOU constraints built in.
//!
//! Label 0 is `O`; type `t` (in [`TYPES`] order) has `B` = `1 + 4t` (first word of a longer name),
//! `I` = `2 + 4t` (inner word), `L` = `3 + 4t` (last word) and `U` = `4 + 4t` (a one-word name).
//! Separate labels for last and single words let the tagger learn how names end, which plain BIO
//! cannot say. `I` and `L` only continue a `B` or `I` of their own type, and a `B` or `I` is always
//! continued; decoding never produces an invalid sequence. An optional per-position mask of
//! allowed labels gives the constrained decoding that training uses for partially annotated data.

use concord_model::EntityType;

/// Number of labels: `O` and four per type.
pub(crate) const NUM_LABELS: usize = 21;

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

/// A label's place in its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// First word of a longer name.
    Begin = 0,
    /// Inner word.
    Inside = 1,
    /// Last word of a longer name.
    Last = 2,
    /// The only word.
    Unit = 3,
}

/// The label of `kind` in `role`.
pub(crate) fn label(kind: EntityType, role: Role) -> u8 {
    1 + 4 * type_index(kind) as u8 + role as u8
}

/// All labels of `kind`, as a bit set.
pub(crate) fn label_bits(kind: EntityType) -> u32 {
    0b1111 << label(kind, Role::Begin)
}

/// The type of a label, `None` for `O`.
pub(crate) fn label_type(label: u8) -> Option<EntityType> {
    (label != 0).then(|| TYPES[(label as usize - 1) / 4])
}

/// The role of a label, `None` for `O`.
fn role(label: u8) -> Option<Role> {
    const ROLES: [Role; 4] = [Role::Begin, Role::Inside, Role::Last, Role::Unit];
    (label != 0).then(|| ROLES[(label as usize - 1) % 4])
}

/// Whether a label leaves its name open (`B`, `I`): the next word must continue it.
fn opens(label: u8) -> bool {
    matches!(role(label), Some(Role::Begin | Role::Inside))
}

/// Whether `to` may follow `from` (`None`: the sentence start).
pub(crate) fn allowed(from: Option<u8>, to: u8) -> bool {
    let open = from.is_some_and(opens);
    match role(to) {
        Some(Role::Inside | Role::Last) => open && from.and_then(label_type) == label_type(to),
        _ => !open,
    }
}

/// Labels that close a name or stand outside one: `O`, and `L` and `U` of every type.
const CLOSED: [u8; 11] = [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20];

/// The labels that may come before `to` (see [`allowed`]), without testing all pairs.
fn predecessors(to: u8) -> &'static [u8] {
    const OPEN: [[u8; 2]; 5] = [[1, 2], [5, 6], [9, 10], [13, 14], [17, 18]];
    match role(to) {
        Some(Role::Inside | Role::Last) => &OPEN[(to as usize - 1) / 4],
        _ => &CLOSED,
    }
}

/// Token-index spans `[start, end)` with their types from a label sequence. Invalid sequences
/// (which decoding never produces) still give spans: a name ends where its labels stop.
pub(crate) fn spans(labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let kind = label_type(l);
        let role = role(l);
        let continues = matches!(role, Some(Role::Inside | Role::Last))
            && open.is_some_and(|(_, k)| Some(k) == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = kind {
                open = Some((i, k));
            }
        }
        if matches!(role, Some(Role::Last | Role::Unit)) {
            if let Some((s, k)) = open.take() {
                out.push((s, i + 1, k));
            }
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
        mask: Option<&[u32]>,
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
                for &from in predecessors(to as u8) {
                    let f = from as usize;
                    let s = score[f] + trans.pair[f][to];
                    if s > best {
                        best = s;
                        arg = from;
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
            // A name cannot stay open at the sentence end.
            if s > best && !opens(l as u8) {
                best = s;
                last = l as u8;
            }
        }
        if best == NEG {
            // Only when a mask leaves no way to close a name: take the best label as it is.
            last = (0..NUM_LABELS).fold(0, |a, l| if score[l] > score[a] { l } else { a }) as u8;
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

    fn label_of(name: &str) -> u8 {
        if name == "O" {
            return 0;
        }
        let (r, t) = name.split_at(2);
        let kind = match t {
            "PER" => EntityType::Person,
            "ORG" => EntityType::Organization,
            "LOC" => EntityType::Location,
            "MISC" => EntityType::Misc,
            _ => EntityType::Event,
        };
        let role = match r {
            "B-" => Role::Begin,
            "I-" => Role::Inside,
            "L-" => Role::Last,
            _ => Role::Unit,
        };
        label(kind, role)
    }

    /// Decodes emissions that favour `preferred` labels (by name) with no transition scores.
    fn check_decode(preferred: &[&str], mask: Option<&[u32]>, expected: &[&str]) {
        let emissions: Vec<[f32; NUM_LABELS]> = preferred
            .iter()
            .map(|p| {
                let mut e = [0.0; NUM_LABELS];
                e[label_of(p) as usize] = 1.0;
                e
            })
            .collect();
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.decode(&emissions, &Transitions::default(), mask, &mut out);
        let want: Vec<u8> = expected.iter().map(|e| label_of(e)).collect();
        assert_eq!(out, want, "decode {preferred:?}");
    }

    fn check_spans(labels: &[&str], expected: &[(usize, usize, EntityType)]) {
        let l: Vec<u8> = labels.iter().map(|e| label_of(e)).collect();
        assert_eq!(spans(&l), expected);
    }

    #[test]
    fn decoding_respects_bilou() {
        check_decode(&["B-PER", "L-PER", "O"], None, &["B-PER", "L-PER", "O"]);
        check_decode(
            &["B-PER", "I-PER", "L-PER"],
            None,
            &["B-PER", "I-PER", "L-PER"],
        );
        // An I or L with nothing to continue cannot win; the best valid sequence does.
        check_decode(&["O", "I-ORG"], None, &["O", "O"]);
        check_decode(&["L-LOC"], None, &["O"]);
        // A name cannot stay open at the end.
        check_decode(&["O", "B-LOC"], None, &["O", "O"]);
        check_decode(&[], None, &[]);
        // The mask forces position 1 to U-LOC.
        let mask = [u32::MAX, 1 << label_of("U-LOC")];
        check_decode(&["O", "O"], Some(&mask), &["O", "U-LOC"]);
    }

    #[test]
    fn predecessors_are_the_allowed_pairs() {
        for to in 0..NUM_LABELS as u8 {
            let listed: Vec<u8> = predecessors(to).to_vec();
            let allowed: Vec<u8> = (0..NUM_LABELS as u8)
                .filter(|&f| allowed(Some(f), to))
                .collect();
            assert_eq!(listed, allowed, "before label {to}");
        }
    }

    #[test]
    fn spans_from_labels() {
        use EntityType::*;
        check_spans(
            &["B-PER", "L-PER", "O", "U-LOC"],
            &[(0, 2, Person), (3, 4, Location)],
        );
        check_spans(
            &["U-ORG", "B-ORG", "I-ORG", "L-ORG"],
            &[(0, 1, Organization), (1, 4, Organization)],
        );
        // Invalid sequences still give spans.
        check_spans(&["O", "I-MISC", "B-EVT"], &[(1, 2, Misc), (2, 3, Event)]);
        check_spans(&["U-PER", "L-PER"], &[(0, 1, Person), (1, 2, Person)]);
    }
}
