//! The character n-gram table behind [`super::LanguageDetector`]: parsing of `data/models/langid.bin`
//! (written by `data/models/langid-build`) into a compact open-addressing hash table and a dense
//! matrix of quantised, already backed-off log-probabilities, and the per-letter lookup.
//!
//! The stored n-gram set is closed under substrings (the builder keeps n-grams by joint
//! probability, so every prefix and suffix of a kept n-gram is kept too; [`Model::parse`] checks
//! it). Two consequences make a letter cost about one table probe:
//! - each n-gram's row holds, for every language, the score of the longest suffix *that language*
//!   knows, back-off penalty included, so only the longest suffix of the text the table knows is
//!   looked up, never one per order and language;
//! - that longest suffix is at most one letter longer than the previous letter's, so the search
//!   starts there and rarely needs a second probe.
//!
//! A slot holds the n-gram's 64-bit hash and its scores for every language in 32 aligned bytes, so
//! a letter costs about one cache line read. It does not decide anything: turning scores into a
//! language is the caller's job.

/// Most letters of context an n-gram spans (the model holds orders 1 to 5).
pub(crate) const MAX_ORDER: usize = 5;

/// Most languages a model may hold (the scores stored in a slot, and the width of the per-text
/// accumulators; unused lanes stay 0).
pub(crate) const MAX_LANGS: usize = 24;

/// Marks "this language has no entry for this n-gram" in the file's entries.
const ABSENT: u8 = 255;

/// One n-gram: its hash (0: empty slot) and backed-off scores, half a cache line.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(32))]
struct Slot {
    hash: u64,
    scores: [u8; MAX_LANGS],
}

/// Why the embedded model could not be parsed (only a corrupt build can cause it).
#[derive(Debug, thiserror::Error)]
#[error("language model is corrupt: {0}")]
pub struct ModelError(pub(crate) &'static str);

/// The parsed n-gram table.
#[derive(Debug)]
pub(crate) struct Model {
    /// ISO 639-1 codes, indexed by model language number.
    pub(crate) codes: Vec<String>,
    /// Nats per quantisation step of the stored scores.
    pub(crate) step: f32,
    /// Quantisation steps charged per order backed off (all languages alike).
    pub(crate) backoff_steps: u32,
    /// Open-addressing slots. Their scores are the quantised `-ln P(last letter | previous
    /// letters)` of the longest suffix each language knows, plus `backoff_steps` per letter
    /// dropped, or `floor` when the language knows none.
    slots: Vec<Slot>,
    /// Each known letter (unigram) with the bit set of the model languages that know it.
    pub(crate) letters: Vec<(char, u32)>,
}

/// A small cursor over the model bytes that fails instead of panicking.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(ModelError("length overflow"))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError("truncated"))?;
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
}

/// Hash states of the suffixes of `letters`: `states[k]` covers the last `k + 1` letters. Letters
/// go in from the last to the first, so all suffixes come out of one pass.
#[inline]
pub(crate) fn suffix_states(letters: &[char], states: &mut [u64; MAX_ORDER]) {
    let mut state = HASH_SEED;
    for (slot, &c) in states.iter_mut().zip(letters.iter().rev()) {
        state = hash_step(state, c);
        *slot = state;
    }
}

/// Hash of one letter sequence, as [`suffix_states`] + [`hash_finish`] compute it.
#[cfg(test)]
fn hash_letters(letters: &[char]) -> u64 {
    let mut states = [0; MAX_ORDER];
    suffix_states(letters, &mut states);
    hash_finish(states[letters.len() - 1])
}

/// Starting state of the suffix hash.
const HASH_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn hash_step(state: u64, c: char) -> u64 {
    let h = (state ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01B3);
    h ^ (h >> 29)
}

/// Final mix (splitmix64): low bits index the table, high bits are the fingerprint.
#[inline]
pub(crate) fn hash_finish(state: u64) -> u64 {
    let h = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A hash as stored, never 0 (0 marks an empty slot).
#[inline]
fn stored(hash: u64) -> u64 {
    hash | (1 << 63)
}

impl Model {
    /// Parses the model file format documented in `data/models/langid-build/src/main.rs` and
    /// precomputes the backed-off rows: `backoff_steps` per order dropped, `floor_steps` for a
    /// language that knows no suffix at all.
    pub(crate) fn parse(
        bytes: &[u8],
        backoff_steps: u8,
        floor_steps: u8,
    ) -> Result<Model, ModelError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(4)? != b"CLID" {
            return Err(ModelError("bad magic"));
        }
        if reader.u8()? != 2 {
            return Err(ModelError("unknown version"));
        }
        let step_bytes = reader.take(2)?;
        let step = f32::from(u16::from_le_bytes([step_bytes[0], step_bytes[1]])) / 1000.0;
        let n_langs = usize::from(reader.u8()?);
        if n_langs == 0 || n_langs > MAX_LANGS {
            return Err(ModelError("bad language count"));
        }
        let mut codes = Vec::with_capacity(n_langs);
        for _ in 0..n_langs {
            let code = std::str::from_utf8(reader.take(2)?).map_err(|_| ModelError("bad code"))?;
            codes.push(code.to_owned());
        }
        let count_bytes = reader.take(4)?;
        let n_grams = u32::from_le_bytes([
            count_bytes[0],
            count_bytes[1],
            count_bytes[2],
            count_bytes[3],
        ]) as usize;
        if n_grams > u32::MAX as usize / 4 {
            return Err(ModelError("too many n-grams"));
        }
        // A load factor under 0.6 keeps probe chains short.
        let capacity = (n_grams * 5 / 3 + 1).next_power_of_two().max(16);
        let empty = Slot {
            hash: 0,
            scores: [0; MAX_LANGS],
        };
        let mut model = Model {
            codes,
            step,
            backoff_steps: u32::from(backoff_steps),
            slots: vec![empty; capacity],
            letters: Vec::new(),
        };
        // The n-grams come suffix first (see the file format), so the one-letter-shorter suffix
        // of each is on this stack: per depth, its last-read letter, hash state, backed-off
        // scores and the languages that know some suffix of it (the others get `floor_steps`
        // flat: a letter a language lacks costs the same whatever context other languages know).
        let mut stack: Vec<(char, u64, [u8; MAX_LANGS], u32)> = Vec::with_capacity(MAX_ORDER);
        let mut letters: Vec<char> = Vec::with_capacity(MAX_ORDER);
        for _ in 0..n_grams {
            let len = usize::from(reader.u8()?);
            let text =
                std::str::from_utf8(reader.take(len)?).map_err(|_| ModelError("bad n-gram"))?;
            letters.clear();
            letters.extend(text.chars().rev());
            let order = letters.len();
            if order == 0 || order > MAX_ORDER {
                return Err(ModelError("bad n-gram length"));
            }
            stack.truncate(order - 1);
            let on_stack = stack.iter().map(|entry| entry.0);
            if stack.len() != order - 1 || !on_stack.eq(letters[..order - 1].iter().copied()) {
                return Err(ModelError(
                    "n-gram set not closed under suffixes, or misordered",
                ));
            }
            let (state, mut scores) = (
                hash_step(
                    stack.last().map_or(HASH_SEED, |entry| entry.1),
                    letters[order - 1],
                ),
                [0u8; MAX_LANGS],
            );
            scores[..n_langs].fill(ABSENT);
            let entries = usize::from(reader.u8()?);
            let mut knows = 0u32;
            for _ in 0..entries {
                let lang = usize::from(reader.u8()?);
                let score = reader.u8()?;
                if lang >= n_langs || score == ABSENT {
                    return Err(ModelError("bad entry"));
                }
                scores[lang] = score;
                knows |= 1 << lang;
            }
            if order == 1 {
                model.letters.push((letters[0], knows));
            }
            let inherited = stack.last().map_or(0, |entry| entry.3);
            let suffix = stack.last().map(|entry| entry.2);
            for (lang, score) in scores.iter_mut().enumerate().take(n_langs) {
                if *score != ABSENT {
                    continue;
                }
                *score = match suffix {
                    Some(suffix) if inherited & (1 << lang) != 0 => {
                        suffix[lang].saturating_add(backoff_steps).min(ABSENT - 1)
                    }
                    _ => floor_steps,
                };
            }
            let slot = model.insert(hash_finish(state))?;
            model.slots[slot].scores = scores;
            stack.push((letters[order - 1], state, scores, knows | inherited));
        }
        if reader.at != bytes.len() {
            return Err(ModelError("trailing bytes"));
        }
        Ok(model)
    }

    /// Claims a slot for a new n-gram hash (the caller fills its scores).
    fn insert(&mut self, hash: u64) -> Result<usize, ModelError> {
        let mask = self.slots.len() - 1;
        let key = stored(hash);
        let mut slot = (hash as usize) & mask;
        loop {
            match self.slots[slot].hash {
                0 => {
                    self.slots[slot].hash = key;
                    return Ok(slot);
                }
                existing if existing == key => return Err(ModelError("hash collision")),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The slot of an n-gram (by its finished hash), if the model has it.
    #[inline]
    pub(crate) fn row(&self, hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let key = stored(hash);
        let mut slot = (hash as usize) & mask;
        loop {
            let existing = self.slots[slot].hash;
            if existing == key {
                return Some(slot);
            }
            if existing == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The backed-off scores of a slot, one per model language, then zeros.
    #[inline]
    pub(crate) fn scores(&self, row: usize) -> &[u8; MAX_LANGS] {
        &self.slots[row].scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scoring walk bounds each letter's n-gram order by the previous one's plus one, which
    /// is exact only if every kept n-gram's prefix is kept too (suffixes are checked by `parse`).
    #[test]
    fn embedded_model_is_closed_under_prefixes() {
        let model = Model::parse(super::super::MODEL_BYTES, 10, 120).unwrap();
        assert_eq!(model.codes.len(), 17);
        assert!(model.letters.len() > 100);
        let mut reader = Reader {
            bytes: super::super::MODEL_BYTES,
            at: 8 + 2 * model.codes.len(),
        };
        let count = reader.take(4).unwrap();
        let count = u32::from_le_bytes([count[0], count[1], count[2], count[3]]);
        for _ in 0..count {
            let len = usize::from(reader.u8().unwrap());
            let text = std::str::from_utf8(reader.take(len).unwrap()).unwrap();
            let letters: Vec<char> = text.chars().collect();
            assert!(model.row(hash_letters(&letters)).is_some(), "{text}");
            if letters.len() > 1 {
                let prefix = &letters[..letters.len() - 1];
                assert!(model.row(hash_letters(prefix)).is_some(), "{text}");
            }
            let entries = usize::from(reader.u8().unwrap());
            reader.take(2 * entries).unwrap();
        }
        assert_eq!(reader.at, super::super::MODEL_BYTES.len());
    }

    #[test]
    fn corrupt_models_are_errors() {
        for bytes in [&b""[..], b"XXXX", b"CLID\x01", b"CLID\x02\x64\x00\x00"] {
            assert!(Model::parse(bytes, 10, 120).is_err(), "{bytes:?}");
        }
    }
}
