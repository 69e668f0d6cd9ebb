//! Feature extraction for the entity tagger: hashed word, shape, affix and context features.
//!
//! Every feature is a 64-bit hash of a template number and a value; the model maps it to a weight
//! row by its top bits (the hashing trick), so no feature dictionary is stored. Word facts are
//! computed once per word (`WordInfo`), then each position combines its own and its neighbours'
//! facts without allocating. It does not decide which language stands in for which: see
//! [`lang_profile`].

/// Number of features per position.
pub(crate) const NUM_FEATURES: usize = 40;

/// A fast, well-mixed combination of two 64-bit values (the murmur3 finaliser over a sum).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut x = a
        .rotate_left(27)
        .wrapping_add(b.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// Hash of a string, for codes and constants.
pub(crate) fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0x5151_u64, |h, b| mix(h, u64::from(b)))
}

/// Characters of a word's [`WordInfo::head`].
const HEAD_CHARS: usize = 5;

/// A coarse word class used in conjunctions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub(crate) enum WordClass {
    /// Starts with a lowercase letter.
    #[default]
    Lower = 0,
    /// Uppercase letter followed by lowercase ones ("Biden").
    Capital = 1,
    /// Two or more letters, all uppercase ("NATO").
    AllCaps = 2,
    /// Letters with another mix of case or digits ("iPhone", "G7", "McCain").
    Mixed = 3,
    /// Digits only (with separators).
    Number = 4,
    /// Punctuation.
    Punct = 5,
    /// Boundary outside the sentence.
    Boundary = 6,
}

/// Facts about one word that every position's features draw on.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// Hash of the lowercased word.
    pub lower: u64,
    /// Hash of the compressed shape ("Xx", "X.X.", "dd-x").
    pub shape: u64,
    /// Hashes of the lowercased prefixes of 1..=3 characters.
    pub prefix: [u64; 3],
    /// Hashes of the lowercased suffixes of 1..=4 characters.
    pub suffix: [u64; 4],
    /// Hash of the lowercased first five characters, or of the whole word when it is no longer
    /// than that: a crude stem that the case endings of inflected names leave alone
    /// ("Европейской", "Европейская").
    pub head: u64,
    /// Coarse class.
    pub class: WordClass,
    /// Whether no word or number comes before it in the sentence.
    pub initial: bool,
    /// Hashes of the lowercased word without 0, 1 and 2 final characters (0 when shorter than
    /// four characters), for gazetteer stems.
    pub stem: [u64; 3],
    /// Gazetteer mark (see [`super::gazetteer::Gazetteer::annotate`]), 0 for none.
    pub gaz: u8,
    /// Whether the word's stem is a gazetteer stem.
    pub gaz_stem: bool,
    /// How the word is usually written, 0 when unknown (see
    /// [`super::gazetteer::casing_class`]).
    pub case: u8,
}

const BOUNDARY: WordInfo = WordInfo {
    lower: 0xB0B0,
    shape: 0xB0B0,
    prefix: [0xB0B0; 3],
    suffix: [0xB0B0; 4],
    head: 0xB0B0,
    class: WordClass::Boundary,
    initial: false,
    stem: [0; 3],
    gaz: 31,
    gaz_stem: false,
    case: 7,
};

#[inline]
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

#[inline]
fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

impl WordInfo {
    /// Computes the facts of `word`; `initial` says whether it starts its sentence.
    pub(crate) fn new(word: &str, initial: bool) -> WordInfo {
        let mut lower = 0x1u64;
        let mut shape = 0x2u64;
        let mut prefix = [0u64; 3];
        let mut head = 0u64;
        let mut last_shape = '\0';
        let mut shape_len = 0;
        let mut n = 0usize;
        let (mut upper, mut lowers, mut digits, mut others) = (0usize, 0usize, 0usize, 0usize);
        let mut first_upper = false;
        // Lowercase hashes after the last three characters, newest first.
        let mut recent = [0u64; 3];
        for c in word.chars() {
            let l = lower_char(c);
            lower = mix(lower, l as u64);
            recent = [lower, recent[0], recent[1]];
            if n < 3 {
                prefix[n] = lower;
            }
            if n == HEAD_CHARS - 1 {
                head = lower;
            }
            let s = shape_char(c);
            match s {
                'X' => {
                    upper += 1;
                    if n == 0 {
                        first_upper = true;
                    }
                }
                'x' => lowers += 1,
                'd' => digits += 1,
                _ => others += 1,
            }
            if s != last_shape && shape_len < 8 {
                shape = mix(shape, s as u64);
                shape_len += 1;
                last_shape = s;
            }
            n += 1;
        }
        if n <= HEAD_CHARS {
            head = lower;
        }
        for p in prefix.iter_mut().skip(n.min(3)) {
            *p = mix(lower, 0xEE);
        }
        let mut suffix = [0u64; 4];
        let mut h = 0x3u64;
        let mut k = 0;
        for c in word.chars().rev().take(4) {
            h = mix(h, lower_char(c) as u64);
            suffix[k] = h;
            k += 1;
        }
        for s in suffix.iter_mut().skip(k) {
            *s = mix(h, 0xEE);
        }
        let letters = upper + lowers;
        let class = if n == 0 {
            WordClass::Punct
        } else if letters == 0 {
            if digits > 0 {
                WordClass::Number
            } else {
                WordClass::Punct
            }
        } else if upper == 0 {
            WordClass::Lower
        } else if lowers == 0 && upper >= 2 && digits == 0 {
            WordClass::AllCaps
        } else if first_upper && upper == 1 && digits == 0 {
            WordClass::Capital
        } else if first_upper && digits == 0 && others > 0 {
            // "Bośnia-Hercegowina", "Jean-Claude".
            WordClass::Capital
        } else {
            WordClass::Mixed
        };
        let mut stem = [0u64; 3];
        for (k, s) in stem.iter_mut().enumerate() {
            if n >= k + 4 {
                *s = recent[k];
            }
        }
        WordInfo {
            lower,
            shape,
            prefix,
            suffix,
            head,
            class,
            initial,
            stem,
            gaz: 0,
            gaz_stem: false,
            case: 0,
        }
    }

    /// The stems for gazetteer matching (none for short words).
    pub(crate) fn stems(&self) -> impl Iterator<Item = u64> + use<> {
        self.stem.into_iter().filter(|&s| s != 0)
    }
}

/// The language whose training data stands in for `lang` in language-specific features.
///
/// Languages without training data borrow a close relative's conventions (capitalisation, word
/// order); unknown codes fall back to English.
pub fn lang_profile(lang: &str) -> &'static str {
    match lang {
        "en" => "en",
        "de" | "lb" => "de",
        "nl" | "af" | "fy" => "nl",
        "es" | "fr" | "it" | "pt" | "ca" | "ro" | "gl" => "es",
        "pl" => "pl",
        "cs" | "sk" => "cs",
        "sl" | "hr" | "sr" | "bs" => "sl",
        "bg" | "mk" => "bg",
        "ru" | "be" => "ru",
        "uk" => "uk",
        "id" | "ms" => "id",
        _ => "en",
    }
}

/// Writes the hashed features of position `i` of `words` into `out`.
#[inline]
pub(crate) fn features(words: &[WordInfo], i: usize, lang: u64, out: &mut [u64; NUM_FEATURES]) {
    let at = |j: isize| -> &WordInfo {
        if j < 0 {
            &BOUNDARY
        } else {
            words.get(j as usize).unwrap_or(&BOUNDARY)
        }
    };
    let i = i as isize;
    let w = at(i);
    let p1 = at(i - 1);
    let p2 = at(i - 2);
    let n1 = at(i + 1);
    let n2 = at(i + 2);
    let c0 = w.class as u64;
    let init = u64::from(w.initial);
    out[0] = 0x0;
    out[1] = mix(1, w.lower);
    out[2] = mix(2, w.shape);
    out[3] = mix(3, w.suffix[0]);
    out[4] = mix(4, w.suffix[1]);
    out[5] = mix(5, w.suffix[2]);
    out[6] = mix(6, w.suffix[3]);
    out[7] = mix(7, w.prefix[0]);
    out[8] = mix(8, w.prefix[1]);
    out[9] = mix(9, w.prefix[2]);
    out[10] = mix(10, p1.lower);
    out[11] = mix(11, n1.lower);
    out[12] = mix(12, p2.lower);
    out[13] = mix(13, n2.lower);
    out[14] = mix(mix(14, p1.shape), c0);
    out[15] = mix(mix(15, n1.shape), c0);
    out[16] = mix(16, (p1.class as u64) << 16 | c0 << 8 | n1.class as u64);
    out[17] = mix(mix(17, p1.lower), c0);
    out[18] = mix(mix(18, n1.lower), c0);
    out[19] = mix(mix(19, p1.suffix[2]), c0);
    out[20] = mix(mix(20, n1.suffix[2]), c0);
    out[21] = mix(mix(21, lang), c0 << 1 | init);
    out[22] = mix(mix(22, w.lower), init);
    out[23] = mix(mix(23, p1.lower), w.lower);
    out[24] = mix(mix(24, w.lower), n1.lower);
    out[25] = mix(mix(mix(25, lang), w.suffix[2]), c0);
    out[26] = mix(
        mix(26, (p2.class as u64) << 8 | p1.class as u64),
        w.suffix[1],
    ); // Language-specific copies of the strongest features: the language key also separates
    // non-news training data, so these absorb its conventions.
    let trigram = (p1.class as u64) << 16 | c0 << 8 | n1.class as u64;
    out[27] = mix(mix(27, lang), w.lower);
    out[28] = mix(mix(mix(28, lang), w.shape), init);
    out[29] = mix(mix(29, lang), trigram);
    out[30] = mix(mix(mix(30, lang), p1.lower), c0);
    out[31] = mix(mix(mix(31, w.gaz as u64), c0), p1.gaz as u64);
    out[32] = mix(mix(mix(32, lang), u64::from(w.gaz_stem)), c0);
    // How the word is usually written, against how it is written here: a capitalised common word
    // at a sentence start (or a title) is no name.
    let case = u64::from(w.case);
    out[33] = mix(mix(33, case), c0 << 1 | init);
    out[34] = mix(mix(mix(34, lang), case), c0 << 1 | init);
    out[35] = mix(mix(35, u64::from(p1.case) << 8 | u64::from(n1.case)), c0);
    out[36] = mix(mix(36, n1.lower), n2.lower);
    // Stems and stem pairs: an inflected name ("Европейской комиссией") shares them with the
    // forms training saw ("Европейская комиссия").
    out[37] = mix(37, w.head);
    out[38] = mix(mix(38, w.head), n1.head);
    out[39] = mix(mix(39, p1.head), w.head);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_class(word: &str, expected: WordClass) {
        assert_eq!(
            WordInfo::new(word, false).class,
            expected,
            "class of {word:?}"
        );
    }

    fn check_same_lower(a: &str, b: &str, same: bool) {
        let (x, y) = (WordInfo::new(a, false), WordInfo::new(b, false));
        assert_eq!(x.lower == y.lower, same, "{a:?} vs {b:?}");
    }

    #[test]
    fn classes() {
        check_class("Biden", WordClass::Capital);
        check_class("NATO", WordClass::AllCaps);
        check_class("Путіна", WordClass::Capital);
        check_class("ЄС", WordClass::AllCaps);
        check_class("iPhone", WordClass::Mixed);
        check_class("G7", WordClass::Mixed);
        check_class("Bośnia-Hercegowina", WordClass::Capital);
        check_class("Kremlmieter", WordClass::Capital);
        check_class("ukraina", WordClass::Lower);
        check_class("13,000", WordClass::Number);
        check_class(",", WordClass::Punct);
    }

    #[test]
    fn lowercase_identity() {
        check_same_lower("NATO", "nato", true);
        check_same_lower("Путін", "путін", true);
        check_same_lower("Putin", "Putina", false);
    }

    #[test]
    fn features_depend_on_context_only_through_neighbours() {
        let a: Vec<WordInfo> = ["Joe", "Biden", "said"]
            .iter()
            .map(|w| WordInfo::new(w, false))
            .collect();
        let b: Vec<WordInfo> = ["Joe", "Biden", "spoke"]
            .iter()
            .map(|w| WordInfo::new(w, false))
            .collect();
        let (mut fa, mut fb) = ([0; NUM_FEATURES], [0; NUM_FEATURES]);
        features(&a, 0, 7, &mut fa);
        features(&b, 0, 7, &mut fb);
        // Position 0 sees two words ahead: only the w+2 templates differ.
        let differing: Vec<usize> = (0..NUM_FEATURES).filter(|&k| fa[k] != fb[k]).collect();
        assert_eq!(differing, vec![13, 36]);
        let mut distinct = fa.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), NUM_FEATURES, "templates never collide");
    }

    #[test]
    fn profiles() {
        assert_eq!(lang_profile("fr"), "es");
        assert_eq!(lang_profile("uk"), "uk");
        assert_eq!(lang_profile("und"), "en");
    }
}
