//! MinHash signatures of word shingles, and LSH banding over them.
//!
//! A signature is one-permutation hashing with densification: every shingle (three consecutive
//! words, case folded) is hashed once with a fixed seed; the top six bits pick one of
//! [`SIGNATURE_LEN`] = 64 bins and the low 16 bits are the value; each bin keeps its minimum, and
//! an empty bin borrows the value of a bin chosen by a fixed hash of its index (so short texts still
//! give comparable signatures). Two signatures agree in a bin with probability close to the Jaccard
//! similarity of the two shingle sets; the fraction of agreeing bins is the estimate reported.
//!
//! Banding: [`BANDS`] = 16 bands of [`ROWS`] = 4 values. Two documents become candidates when one
//! band agrees entirely, which happens with probability `1 - (1 - J^4)^16`: 0.5 at J ≈ 0.5 (the
//! LSH threshold `(1/16)^(1/4)`), 0.98 at J = 0.7, 0.9998 at J = 0.8. Candidates are then kept as
//! near copies only if the estimated Jaccard reaches the configured threshold.

use concord_model::{SIGNATURE_LEN, Signature};

use crate::fold::{SEED, for_each_word_hash, mix};

/// Words per shingle.
pub const SHINGLE: usize = 3;
const _: () = assert!(SHINGLE == 3, "the shingle hash below combines three words");
/// LSH bands.
pub const BANDS: usize = 16;
/// Values per band.
pub const ROWS: usize = SIGNATURE_LEN / BANDS;

/// The MinHash signature of a text's word shingles ([`Signature::EMPTY`] below [`SHINGLE`] words).
pub fn signature(text: &str) -> Signature {
    let mut mins = [u16::MAX; SIGNATURE_LEN];
    let mut filled = 0u64;
    let mut window = [0u64; SHINGLE];
    let mut seen = 0usize;
    for_each_word_hash(text, |word| {
        window.rotate_left(1);
        window[SHINGLE - 1] = word;
        seen += 1;
        if seen < SHINGLE {
            return;
        }
        // Word hashes are well mixed already: rotate to keep the order, mix once.
        let h = mix(window[0].rotate_left(42) ^ window[1].rotate_left(21) ^ window[2] ^ SEED);
        let bin = (h >> 58) as usize;
        let value = h as u16;
        filled |= 1 << bin;
        if value < mins[bin] {
            mins[bin] = value;
        }
    });
    if filled == 0 {
        return Signature::EMPTY;
    }
    let full = mins;
    for (bin, slot) in mins.iter_mut().enumerate() {
        if filled & (1 << bin) != 0 {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let pick = (mix(SEED ^ ((bin as u64) << 32) ^ attempt) >> 58) as usize;
            if filled & (1 << pick) != 0 {
                *slot = full[pick];
                break;
            }
            attempt += 1;
        }
    }
    Signature(mins)
}

/// The estimated Jaccard similarity of the shingle sets behind two signatures (0 when either text
/// had no shingle).
pub fn jaccard(a: &Signature, b: &Signature) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let same = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    same as f32 / SIGNATURE_LEN as f32
}

/// The bucket keys of a signature, one per band (band index mixed in).
pub fn bands(sig: &Signature) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let mut h = SEED ^ band as u64;
        for value in &sig.0[band * ROWS..(band + 1) * ROWS] {
            h = mix(h ^ u64::from(*value));
        }
        *key = h;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "Russian President Vladimir Putin and US President Joe Biden will meet by \
        videoconference on Tuesday about the threats hanging over Ukraine, the Kremlin said on \
        Saturday, quoted by the Interfax news agency. The exchange will take place in the evening \
        and its duration will be determined by the presidents themselves, he told Ria Novosti.";

    fn check(a: &str, b: &str, low: f32, high: f32) {
        let j = jaccard(&signature(a), &signature(b));
        assert!(
            (low..=high).contains(&j),
            "{j} not in {low}..{high}: {a:?} / {b:?}"
        );
    }

    #[test]
    fn estimates_follow_the_overlap() {
        check(BASE, BASE, 1.0, 1.0);
        check(BASE, &BASE.to_uppercase(), 1.0, 1.0);
        let footer = format!("{BASE} Copyright 2021 AFP. All rights reserved.");
        check(BASE, &footer, 0.6, 1.0);
        let edited = BASE
            .replace("on Tuesday", "next week")
            .replace("Saturday", "Sunday");
        check(BASE, &edited, 0.45, 0.95);
        check(
            BASE,
            "Der Kreml bestätigte, dass die beiden Staatsoberhäupter den Dialog fördern wollen.",
            0.0,
            0.1,
        );
        check("two words", BASE, 0.0, 0.0);
    }

    #[test]
    fn signatures_are_reproducible_and_short_texts_work() {
        assert_eq!(signature(BASE), signature(BASE));
        assert!(signature("one two").is_empty());
        let short = signature("one two three four");
        assert!(!short.is_empty());
        assert_eq!(jaccard(&short, &signature("One, two; three four!")), 1.0);
        assert_eq!(bands(&short), bands(&signature("one two three four")));
    }
}
