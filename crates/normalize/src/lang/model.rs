//! The character n-gram table behind [`super::LanguageDetector`]: parsing of `data/models/langid.bin`
//! (written by `data/models/langid-build`) into an open-addressing hash table and a dense matrix of
//! quantised conditional log-probabilities, and the per-letter scoring walk.
//!
//! It does not decide anything: turning scores into a language and a confidence is the caller's job.

/// Most letters of context an n-gram spans (the model holds orders 1 to 5).
pub(crate) const MAX_ORDER: usize = 5;

/// Marks "this language has no entry for this n-gram" in the dense score matrix.
const ABSENT: u8 = 255;

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
    step: f32,
    /// Open-addressing slots: n-gram hash (never 0) or 0 for empty.
    keys: Vec<u64>,
    /// Row of each slot in `scores`.
    rows: Vec<u32>,
    /// `rows × codes.len()` quantised `-ln P(last letter | previous letters)`, `ABSENT` if unknown.
    scores: Vec<u8>,
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

/// Hash of one letter sequence; the same function hashes the stored n-grams and the text's.
#[inline]
pub(crate) fn hash_letters(letters: &[char]) -> u64 {
    let mut state = HASH_SEED;
    for &c in letters.iter().rev() {
        state = hash_step(state, c);
    }
    hash_finish(state)
}

/// Starting state of [`hash_letters`].
const HASH_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// Feeds one letter into the hash state; letters go in from the last to the first, so the hashes of
/// all n-grams ending at one position come out of a single pass.
#[inline]
fn hash_step(state: u64, c: char) -> u64 {
    let h = (state ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01B3);
    h ^ (h >> 29)
}

/// Final mix (splitmix64) so that the low bits index the table well; never 0 (the empty slot).
#[inline]
fn hash_finish(state: u64) -> u64 {
    let h = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (h ^ (h >> 31)) | 1
}

impl Model {
    /// Parses the model file format documented in `data/models/langid-build/src/main.rs`.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Model, ModelError> {
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
        let capacity = (n_grams * 2).next_power_of_two().max(16);
        let mut model = Model {
            codes,
            step,
            keys: vec![0; capacity],
            rows: vec![0; capacity],
            scores: vec![ABSENT; n_grams * n_langs],
        };
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
            let entries = usize::from(reader.u8()?);
            for _ in 0..entries {
                let lang = usize::from(reader.u8()?);
                let score = reader.u8()?;
                if lang >= n_langs || score == ABSENT {
                    return Err(ModelError("bad entry"));
                }
                model.scores[row * n_langs + lang] = score;
            }
        }
        if reader.at != bytes.len() {
            return Err(ModelError("trailing bytes"));
        }
        Ok(model)
    }

    fn insert(&mut self, key: u64, row: u32) -> Result<(), ModelError> {
        let mask = self.keys.len() - 1;
        let mut slot = (key as usize) & mask;
        loop {
            match self.keys[slot] {
                0 => {
                    self.keys[slot] = key;
                    self.rows[slot] = row;
                    return Ok(());
                }
                existing if existing == key => return Err(ModelError("hash collision")),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The score row of an n-gram hash, if the model has it.
    #[inline]
    fn row(&self, key: u64) -> Option<usize> {
        let mask = self.keys.len() - 1;
        let mut slot = (key as usize) & mask;
        loop {
            let existing = self.keys[slot];
            if existing == key {
                return Some(self.rows[slot] as usize);
            }
            if existing == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds to `totals[i]` (for model language `langs[i]`) the log-probability of the last letter
    /// of `window` after the letters before it (the word so far, at most `MAX_ORDER` letters),
    /// backing off to shorter contexts with a fixed penalty per step and to `floor` when even the
    /// letter is unknown. Returns false, adding nothing, when no model language knows the letter:
    /// such a letter (another script, mojibake) says nothing about the configured languages.
    #[inline]
    pub(crate) fn score_letter(
        &self,
        window: &[char],
        langs: &[usize],
        totals: &mut [f32],
        params: &ScoreParams,
    ) -> bool {
        // rows[k] = row of the n-gram made of the last k+1 letters of `window`.
        let mut rows = [None; MAX_ORDER];
        let n = window.len();
        let mut state = HASH_SEED;
        for (k, row) in rows.iter_mut().enumerate().take(n) {
            state = hash_step(state, window[n - 1 - k]);
            *row = self.row(hash_finish(state));
        }
        let Some(unigram) = rows[0] else {
            return false;
        };
        let n_langs = self.codes.len();
        if langs
            .iter()
            .all(|&lang| self.scores[unigram * n_langs + lang] == ABSENT)
        {
            return false;
        }
        for (total, &lang) in totals.iter_mut().zip(langs) {
            let mut value = params.floor;
            for k in (0..n).rev() {
                if let Some(row) = rows[k] {
                    let q = self.scores[row * n_langs + lang];
                    if q != ABSENT {
                        value = -f32::from(q) * self.step + params.backoff * (n - 1 - k) as f32;
                        break;
                    }
                }
            }
            *total += value;
        }
        true
    }
}

/// Tunable constants of the scoring walk.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScoreParams {
    /// Log-probability added per backed-off order (negative).
    pub(crate) backoff: f32,
    /// Log-probability of a letter the language's model does not know at all.
    pub(crate) floor: f32,
}
