//! Folding text so that the same word or name meets across case, accents, scripts and the usual
//! transliteration habits: word hashes for shingles, and name keys (a consonant skeleton) for names.
//!
//! It deliberately stops at what blocking and scoring need: part 2's entity clustering decides
//! which names are one entity; a name key only says "these spellings are worth comparing".

use unicode_normalization::char::decompose_canonical;

/// A fixed seed mixed into every hash, so signatures are reproducible across runs and machines.
pub const SEED: u64 = 0x636f_6e63_6f72_6431;

/// The splitmix64 finalizer: a fast, well-mixed 64-bit permutation.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// For each ASCII byte: 0 for a separator, else the byte lowercased.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

/// A word hash built byte by byte: bytes are packed eight to a 64-bit lane, and each full lane is
/// folded in with one multiply.
struct WordHasher {
    hash: u64,
    lane: u64,
    bytes: u32,
}

impl WordHasher {
    const EMPTY: WordHasher = WordHasher {
        hash: SEED,
        lane: 0,
        bytes: 0,
    };

    #[inline]
    fn push(&mut self, byte: u8) {
        self.lane = (self.lane << 8) | u64::from(byte);
        self.bytes += 1;
        if self.bytes % 8 == 0 {
            self.hash = (self.hash ^ self.lane)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
            self.lane = 0;
        }
    }

    #[inline]
    fn finish(&mut self) -> Option<u64> {
        if self.bytes == 0 {
            return None;
        }
        let hash = mix(self.hash ^ self.lane ^ (u64::from(self.bytes) << 56));
        *self = WordHasher::EMPTY;
        Some(hash)
    }
}

/// Calls `each` with the 64-bit hash of every word of `text` (runs of letters and digits, case
/// folded), in order. No allocation.
pub fn for_each_word_hash(text: &str, mut each: impl FnMut(u64)) {
    let mut word = WordHasher::EMPTY;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            let folded = ASCII_FOLD[usize::from(b)];
            if folded != 0 {
                word.push(folded);
            } else if let Some(hash) = word.finish() {
                each(hash);
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &byte in lower.encode_utf8(&mut buf).as_bytes() {
                    word.push(byte);
                }
            }
        } else if let Some(hash) = word.finish() {
            each(hash);
        }
    }
    if let Some(hash) = word.finish() {
        each(hash);
    }
}

/// Appends the Latin, lowercase, accent-free rendering of `c` to `out` (Cyrillic and Greek
/// transliterated; other characters without a Latin form are dropped).
fn push_latin(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    for lower in c.to_lowercase() {
        if let Some(latin) = transliterate(lower) {
            out.push_str(latin);
            continue;
        }
        match lower {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            _ => decompose_canonical(lower, |part| {
                if part.is_ascii_alphanumeric() {
                    out.push(part.to_ascii_lowercase());
                }
            }),
        }
    }
}

/// The Latin transliteration of a lowercase Cyrillic or Greek letter.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'α' | 'ά' => "a",
        'б' | 'β' => "b",
        'в' => "v",
        'г' | 'ґ' | 'γ' => "g",
        'д' | 'δ' => "d",
        'е' | 'ё' | 'э' | 'ε' | 'έ' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' | 'ζ' => "z",
        'и' | 'і' | 'й' | 'η' | 'ή' | 'ι' | 'ί' | 'ϊ' => "i",
        'ї' => "yi",
        'к' | 'κ' => "k",
        'л' | 'λ' => "l",
        'м' | 'μ' => "m",
        'н' | 'ν' => "n",
        'о' | 'ο' | 'ό' | 'ω' | 'ώ' => "o",
        'п' | 'π' => "p",
        'р' | 'ρ' => "r",
        'с' | 'σ' | 'ς' => "s",
        'т' | 'τ' => "t",
        'у' | 'υ' | 'ύ' | 'ϋ' => "u",
        'ф' | 'φ' => "f",
        'х' | 'χ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'θ' => "th",
        'ξ' => "x",
        'ψ' => "ps",
        _ => return None,
    })
}

/// `text` in Latin letters, lowercase, without accents or punctuation (spaces kept between words).
pub(crate) fn latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            push_latin(c, &mut out);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The consonant skeleton of one Latin, lowercase word: spelling habits unified (`sch`/`sh`,
/// `w`/`v`, `c`/`k`, `ph`/`f`, `mb`/`nb`), vowels after the first letter dropped, doubled letters
/// collapsed. "Stoltemberg", "Stoltenberg" → `stltnbrg`; "Schoigu", "Shoigu" → `shg`;
/// "Kouleba", "Kuleba" → `klb`; "Poutin", "Putin", "Путин" → `ptn`.
pub(crate) fn skeleton(word: &str) -> String {
    let mut unified = String::with_capacity(word.len());
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (piece, used): (&str, usize) = if rest.starts_with(b"tsch") {
            ("ch", 4)
        } else if rest.starts_with(b"sch") {
            ("sh", 3)
        } else if rest.starts_with(b"ph") {
            ("f", 2)
        } else if rest.starts_with(b"ck") {
            ("k", 2)
        } else if rest.starts_with(b"mb") {
            ("nb", 2)
        } else {
            match b[i] {
                b'w' => ("v", 1),
                b'c' | b'q' => ("k", 1),
                b'x' => ("ks", 1),
                b'j' => ("y", 1),
                other => {
                    unified.push(char::from(other));
                    i += 1;
                    continue;
                }
            }
        };
        unified.push_str(piece);
        i += used;
    }
    let mut out = String::with_capacity(unified.len());
    for (n, c) in unified.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if n > 0 && vowel {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The key of a name: for a person, the skeleton of the surname (the last word), so that "Joe
/// Biden" and "Biden" meet; for anything else, the skeletons of all its words. `None` for names
/// that fold to almost nothing (one letter, digits only).
pub fn name_key(base: &str, person: bool) -> Option<(u32, String)> {
    let folded = latin(base);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let chosen: Vec<&str> = if person {
        words.last().copied().into_iter().collect()
    } else {
        words
    };
    let key: Vec<String> = chosen.iter().map(|w| skeleton(w)).collect();
    let key = key.join(" ");
    if key.len() < 2 || key.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        return None;
    }
    let hash = xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), SEED);
    Some(((hash >> 32) as u32, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_key(names: &[&str], person: bool, same: bool) {
        let keys: Vec<_> = names.iter().map(|n| name_key(n, person)).collect();
        for pair in keys.windows(2) {
            assert_eq!(pair[0] == pair[1], same, "{names:?} -> {keys:?}");
        }
    }

    #[test]
    fn spellings_across_languages_and_scripts_meet() {
        check_key(
            &["Stoltenberg", "Jens Stoltemberg", "Столтенберг"],
            true,
            true,
        );
        check_key(&["Shoigu", "Sergey Schoigu", "Шойгу"], true, true);
        check_key(&["Kuleba", "Dmitro Kouleba", "Кулеба"], true, true);
        check_key(&["Putin", "Vladimir Poutin", "Путин", "Πούτιν"], true, true);
        check_key(&["Joe Biden", "Biden", "Байден"], true, true);
        check_key(&["NATO", "nato"], false, true);
    }

    #[test]
    fn different_names_stay_apart() {
        check_key(&["Biden", "Putin"], true, false);
        check_key(&["Lavrov", "Riabkov"], true, false);
        check_key(&["Kremlin", "Kiev"], false, false);
        assert_eq!(name_key("A", true), None);
        assert_eq!(name_key("2021", false), None);
    }

    #[test]
    fn words_hash_case_and_script_insensitively() {
        let hashes = |text: &str| {
            let mut out = Vec::new();
            for_each_word_hash(text, |h| out.push(h));
            out
        };
        assert_eq!(hashes("Putin, BIDEN."), hashes("putin biden"));
        assert_eq!(hashes("Größe Ärger"), hashes("größe ärger"));
        assert_eq!(hashes("Москва сказала").len(), 2);
        assert_ne!(hashes("a b"), hashes("b a"));
    }
}
