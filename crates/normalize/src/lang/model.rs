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
//! A slot packs a 40-bit hash fingerprint with the row number into one `u64`, so a probe reads one
//! cache line. It does not decide anything: turning scores into a language is the caller's job.

/// Most letters of context an n-gram spans (the model holds orders 1 to 5).
pub(crate) const MAX_ORDER: usize = 5;

/// Most languages a model may hold (the width of the per-text score accumulators).
pub(crate) const MAX_LANGS: usize = 32;

/// Marks "this language has no entry for this n-gram" in the file's entries.
const ABSENT: u8 = 255;

/// Low bits of a slot holding the row number; the high bits hold the hash fingerprint.
const ROW_BITS: u32 = 24;
const ROW_MASK: u64 = (1 << ROW_BITS) - 1;

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
    /// Open-addressing slots: fingerprint | row, or 0 for empty.
    slots: Vec<u64>,
    /// `rows × codes.len()` quantised `-ln P(last letter | previous letters)` of the longest suffix
    /// each language knows, plus `backoff_steps` per letter dropped; `floor` when none.
    scores: Vec<u8>,
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

/// The fingerprint bits of a hash, never 0 (0 marks an empty slot).
#[inline]
fn fingerprint(hash: u64) -> u64 {
    (hash | (1 << 63)) & !ROW_MASK
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
        if reader.u8()? != 1 {
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
        if n_grams as u64 > ROW_MASK {
            return Err(ModelError("too many n-grams"));
        }
        // A load factor under 0.6 keeps probe chains short.
        let capacity = (n_grams * 5 / 3 + 1).next_power_of_two().max(16);
        let mut model = Model {
            codes,
            step,
            backoff_steps: u32::from(backoff_steps),
            slots: vec![0; capacity],
            scores: vec![ABSENT; n_grams * n_langs],
            letters: Vec::new(),
        };
        // Rows by order, with the hashes of their suffix and prefix one letter shorter.
        let mut by_order: [Vec<(u32, u64, u64)>; MAX_ORDER] = Default::default();
        let mut letters: Vec<char> = Vec::with_capacity(MAX_ORDER);
        for row in 0..n_grams {
            let len = usize::from(reader.u8()?);
            let text =
                std::str::from_utf8(reader.take(len)?).map_err(|_| ModelError("bad n-gram"))?;
            letters.clear();
            letters.extend(text.chars());
            if letters.is_empty() || letters.len() > MAX_ORDER {
                return Err(ModelError("bad n-gram length"));
            }
            model.insert(hash_letters(&letters), row as u32)?;
            let (suffix, prefix) = if letters.len() > 1 {
                (
                    hash_letters(&letters[1..]),
                    hash_letters(&letters[..letters.len() - 1]),
                )
            } else {
                (0, 0)
            };
            by_order[letters.len() - 1].push((row as u32, suffix, prefix));
            let entries = usize::from(reader.u8()?);
            let mut known = 0u32;
            for _ in 0..entries {
                let lang = usize::from(reader.u8()?);
                let score = reader.u8()?;
                if lang >= n_langs || score == ABSENT {
                    return Err(ModelError("bad entry"));
                }
                model.scores[row * n_langs + lang] = score;
                known |= 1 << lang;
            }
            if letters.len() == 1 {
                model.letters.push((letters[0], known));
            }
        }
        if reader.at != bytes.len() {
            return Err(ModelError("trailing bytes"));
        }
        // Back-off pass, shortest n-grams first so that every suffix row is already final. The
        // scoring walk relies on the closure checked here. `knows[row]`: the languages with an
        // entry for some suffix of the row's n-gram; the others get `floor_steps` flat (a letter
        // a language lacks costs the same whatever context the other languages know).
        let mut knows = vec![0u32; n_grams];
        for (order, rows) in by_order.iter().enumerate() {
            for &(row, suffix, prefix) in rows {
                let row = row as usize;
                let suffix = if order == 0 {
                    None
                } else {
                    if model.row(prefix).is_none() {
                        return Err(ModelError("n-gram set not closed under prefixes"));
                    }
                    Some(
                        model
                            .row(suffix)
                            .ok_or(ModelError("n-gram set not closed under suffixes"))?,
                    )
                };
                let inherited = suffix.map_or(0, |s| knows[s]);
                for lang in 0..n_langs {
                    let at = row * n_langs + lang;
                    if model.scores[at] != ABSENT {
                        knows[row] |= 1 << lang;
                        continue;
                    }
                    model.scores[at] = match suffix {
                        Some(s) if inherited & (1 << lang) != 0 => {
                            knows[row] |= 1 << lang;
                            model.scores[s * n_langs + lang]
                                .saturating_add(backoff_steps)
                                .min(ABSENT - 1)
                        }
                        _ => floor_steps,
                    };
                }
            }
        }
        Ok(model)
    }

    fn insert(&mut self, hash: u64, row: u32) -> Result<(), ModelError> {
        let mask = self.slots.len() - 1;
        let print = fingerprint(hash);
        let mut slot = (hash as usize) & mask;
        loop {
            match self.slots[slot] {
                0 => {
                    self.slots[slot] = print | u64::from(row);
                    return Ok(());
                }
                existing if existing & !ROW_MASK == print => {
                    return Err(ModelError("hash collision"));
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The score row of an n-gram (by its finished hash), if the model has it.
    #[inline]
    pub(crate) fn row(&self, hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let print = fingerprint(hash);
        let mut slot = (hash as usize) & mask;
        loop {
            let existing = self.slots[slot];
            if existing & !ROW_MASK == print {
                return Some((existing & ROW_MASK) as usize);
            }
            if existing == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The backed-off scores of a row, one per model language.
    #[inline]
    pub(crate) fn scores(&self, row: usize) -> &[u8] {
        let n = self.codes.len();
        &self.scores[row * n..row * n + n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_parses_and_is_closed() {
        let model = Model::parse(super::super::MODEL_BYTES, 10, 120).unwrap();
        assert_eq!(model.codes.len(), 17);
        assert!(model.letters.len() > 100);
        let mut states = [0; MAX_ORDER];
        for word in ["the", "hallo", "über", "правит"] {
            let letters: Vec<char> = word.chars().collect();
            for end in 1..=letters.len() {
                let window = &letters[end.saturating_sub(MAX_ORDER)..end];
                suffix_states(window, &mut states);
                assert!(model.row(hash_finish(states[0])).is_some(), "{word}");
            }
        }
    }

    #[test]
    fn corrupt_models_are_errors() {
        for bytes in [&b""[..], b"XXXX", b"CLID\x02", b"CLID\x01\x64\x00\x00"] {
            assert!(Model::parse(bytes, 10, 120).is_err(), "{bytes:?}");
        }
    }
}
