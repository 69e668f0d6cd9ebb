//! Name keys: how a name is compared across documents, scripts and languages.
//!
//! A name is folded in five steps, each deterministic and table-driven:
//! 1. **Mixed-script look-alikes**: a word whose letters mix Latin with Cyrillic or Greek
//!    ("Vlаdimir" with a Cyrillic "а", "NАТО") has its minority-script look-alikes replaced by the
//!    majority script's letters (ties go to Latin), and is flagged `mixed_script`.
//! 2. **Transliteration** to ASCII with the `deunicode` crate (Cyrillic, Greek, Arabic and the
//!    diacritics of Latin scripts: "Путін" → "Putin", "Πούτιν" → "Poutin", "Łódź" → "Lodz"),
//!    then case folding.
//! 3. **Phonetic spelling**: spellings that sound alike are written alike ("sch"/"sh", "ou"/"u",
//!    "c"/"k", "w"/"v", "y"/"j"/"i", "tz"/"ts"/"z", "au"/"ov", doubled letters once), so
//!    Schoigu = Shoigu, Kouleba = Kuleba, Poutin = Putin, Moscow = Moskow.
//! 4. **Suffix stripping**: one inflection ending of the Slavic, Baltic and Germanic families
//!    ("-a", "-em", "-om", "-ovi", "-ach", "-s", ...) is removed when at least three letters
//!    remain, so Putina, Putinem, Putinom and Путіна all give "putin"; a place's Germanic "-land"
//!    goes too (Russland → "rus", as Russia and Rusia).
//! 5. **Acronyms** ("NATO", "ОБСЕ", "UE-u") keep their letters as written, without phonetic
//!    spelling or stripping, under a `#` prefix.
//!
//! [`similar_words`] and [`same_skeleton`] say when two folded words are spellings of one name (one
//! edit for short words, two for long ones, the same first letter, the same consonants for
//! places), with length guards so short words never match by accident.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A folded name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameKey {
    /// The folded words (stems in phonetic spelling), or one `#letters` word for an acronym.
    pub words: Vec<String>,
    /// The words before stripping (phonetic spelling), for glue repair.
    pub unstripped: Vec<String>,
    /// Whether a word mixed scripts.
    pub mixed_script: bool,
    /// Whether the written form is in Latin script.
    pub latin: bool,
}

impl NameKey {
    /// The words joined by spaces.
    pub fn joined(&self) -> String {
        self.words.join(" ")
    }

    /// Whether the name is an acronym.
    pub fn is_acronym(&self) -> bool {
        self.words.len() == 1 && self.words[0].starts_with('#')
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Script::Greek,
        _ => Script::Other,
    }
}

/// Cyrillic letters that look like Latin ones.
const CYRILLIC_LOOKALIKES: [(char, char); 26] = [
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('һ', 'h'),
    ('ԁ', 'd'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
];

/// Greek letters that look like Latin ones.
const GREEK_LOOKALIKES: [(char, char); 17] = [
    ('ο', 'o'),
    ('α', 'a'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ν', 'v'),
];

/// Folds the look-alikes of a word that mixes scripts into its majority script; returns whether it
/// mixed scripts.
fn fold_lookalikes(word: &str, out: &mut String) -> bool {
    let (mut latin, mut cyrillic, mut greek) = (0usize, 0usize, 0usize);
    for c in word.chars() {
        match script(c) {
            Script::Latin => latin += 1,
            Script::Cyrillic => cyrillic += 1,
            Script::Greek => greek += 1,
            Script::Other => {}
        }
    }
    let scripts = usize::from(latin > 0) + usize::from(cyrillic > 0) + usize::from(greek > 0);
    if scripts < 2 {
        out.push_str(word);
        return false;
    }
    let majority = if latin >= cyrillic && latin >= greek {
        Script::Latin
    } else if cyrillic >= greek {
        Script::Cyrillic
    } else {
        Script::Greek
    };
    for c in word.chars() {
        let s = script(c);
        let mapped = match (majority, s) {
            (Script::Latin, Script::Cyrillic) => lookup(&CYRILLIC_LOOKALIKES, c),
            (Script::Latin, Script::Greek) => lookup(&GREEK_LOOKALIKES, c),
            (Script::Cyrillic, Script::Latin) => reverse(&CYRILLIC_LOOKALIKES, c),
            (Script::Greek, Script::Latin) => reverse(&GREEK_LOOKALIKES, c),
            _ => c,
        };
        out.push(mapped);
    }
    true
}

fn lookup(table: &[(char, char)], c: char) -> char {
    table
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

fn reverse(table: &[(char, char)], c: char) -> char {
    table
        .iter()
        .find(|(_, to)| *to == c)
        .map_or(c, |(from, _)| *from)
}

/// Whether `text` is written in Latin script (its letters mostly are).
pub(crate) fn is_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match script(c) {
            Script::Latin => latin += 1,
            _ => other += 1,
        }
    }
    latin >= other
}

/// Phonetic rewrites, applied in order to a lowercase ASCII word.
const PHONETIC: [(&str, &str); 19] = [
    ("tsch", "ch"),
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("cz", "ch"),
    ("sz", "sh"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
    ("au", "ov"),
    ("tz", "z"),
    ("ts", "z"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("q", "k"),
    ("'", ""),
];

/// Inflection endings (in phonetic spelling), longest first.
const ENDINGS: [&str; 28] = [
    "ovi", "ego", "ogo", "emu", "omu", "ami", "ach", "iia", "iiu", "ov", "ev", "om", "em", "im",
    "oi", "ei", "ii", "ia", "ie", "iu", "ah", "ai", "a", "e", "i", "o", "u", "s",
];

/// The phonetic spelling of a lowercase ASCII word.
pub(crate) fn phonetic(word: &str) -> String {
    let mut s = word.to_owned();
    for (from, to) in PHONETIC {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // "c" not before "h" sounds as "k" in the names concord meets (Moscow, Kovac, Cuba).
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let c = if b == b'c' && bytes.get(i + 1) != Some(&b'h') {
            b'k'
        } else {
            b
        };
        if out.as_bytes().last() != Some(&c) {
            out.push(c as char);
        }
    }
    out
}

/// The stem of a phonetic word: one ending removed when three letters remain.
pub(crate) fn strip(word: &str, place: bool) -> String {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_owned();
    }
    if place && word.len() >= 7 && word.ends_with("land") {
        return strip(&word[..word.len() - 4], false);
    }
    for ending in ENDINGS {
        if word.len() >= ending.len() + 3 && word.ends_with(ending) {
            return word[..word.len() - ending.len()].to_owned();
        }
    }
    word.to_owned()
}

/// The transliterated lowercase words of `text`, after folding look-alikes; and whether any word
/// mixed scripts. Apostrophes vanish; other punctuation separates words.
pub(crate) fn ascii_words(text: &str) -> (Vec<String>, bool) {
    let mut words = Vec::new();
    let mut mixed = false;
    let mut folded = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        if raw.is_empty() {
            continue;
        }
        folded.clear();
        mixed |= fold_lookalikes(raw, &mut folded);
        let ascii = deunicode::deunicode(&folded).to_ascii_lowercase();
        let word: String = ascii
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if !word.is_empty() {
            words.push(word);
        }
    }
    (words, mixed)
}

/// The letters of an acronym as written ("NATO", "ОБСЕ", "UE-u" → "UE", "NATO's"), when `text` is
/// one.
pub(crate) fn acronym(text: &str) -> Option<String> {
    let text = text.trim();
    let head: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &text[head.len()..];
    let upper = head.chars().take_while(|c| c.is_uppercase()).count();
    let head_len = head.chars().count();
    let tail_ok = rest.is_empty()
        || (rest.starts_with(['-', '\'', '’'])
            && rest.chars().skip(1).all(|c| c.is_lowercase())
            && rest.chars().count() <= 4);
    // All capitals, or capitals followed by up to three lowercase inflection letters ("NATOs").
    let shape =
        (2..=6).contains(&upper) && head_len - upper <= 1 && (head_len == upper || upper >= 3);
    if !(shape && tail_ok) {
        return None;
    }
    let letters: String = head.chars().take(upper).collect();
    let (words, _) = ascii_words(&letters);
    let joined = words.concat();
    (!joined.is_empty()).then_some(joined)
}

/// The key of a name as written (`text`), for a place or not.
pub(crate) fn name_key(text: &str, place: bool) -> NameKey {
    let latin = is_latin(text);
    if let Some(letters) = acronym(text) {
        let (_, mixed) = ascii_words(text);
        return NameKey {
            words: vec![format!("#{letters}")],
            unstripped: vec![format!("#{letters}")],
            mixed_script: mixed,
            latin,
        };
    }
    let (words, mixed) = ascii_words(text);
    let unstripped: Vec<String> = words.iter().map(|w| phonetic(w)).collect();
    let words = unstripped.iter().map(|w| strip(w, place)).collect();
    NameKey {
        words,
        unstripped,
        mixed_script: mixed,
        latin,
    }
}

/// Function words left out of an expansion's initials (after transliteration).
fn function_words() -> &'static HashMap<&'static str, ()> {
    static WORDS: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    WORDS.get_or_init(|| {
        [
            "of", "for", "and", "the", "in", "on", "de", "des", "du", "la", "le", "del", "della",
            "der", "die", "das", "und", "fur", "von", "zur", "na", "i", "w", "v", "z", "ze", "po",
            "do", "za", "o", "ob", "ot", "a", "u", "s", "so", "ta", "pro", "dlia", "dla", "et",
            "y", "e", "di", "per", "pri", "iz",
        ]
        .into_iter()
        .map(|w| (w, ()))
        .collect()
    })
}

/// The initials of the content words of a name ("Organization for Security and Co-operation in
/// Europe" → "osce"); `None` for fewer than two content words.
pub(crate) fn initials(text: &str) -> Option<String> {
    let mut out = String::new();
    for raw in text.split(|c: char| c.is_whitespace()) {
        let (words, _) = ascii_words(raw);
        let Some(first) = words.first() else {
            continue;
        };
        if function_words().contains_key(first.as_str()) && words.len() == 1 {
            continue;
        }
        // "Co-operation" is one word.
        out.push(first.as_bytes()[0] as char);
    }
    (out.len() >= 2).then_some(out)
}

/// Whether two acronyms are one name: equal, or the same four or more letters in another order
/// (OSCE/OCSE, NATO/OTAN: languages order the words differently).
pub(crate) fn same_acronym(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.len() != b.len() || a.len() < 4 {
        return false;
    }
    let mut x: Vec<u8> = a.bytes().collect();
    let mut y: Vec<u8> = b.bytes().collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// Whether two folded words are spellings of one name: equal; or with the same first letter, at
/// least `min_len` letters each, and one edit apart (two from nine letters on).
pub(crate) fn similar_words(a: &str, b: &str, min_len: usize) -> bool {
    if a == b {
        return true;
    }
    if a.starts_with('#') || b.starts_with('#') {
        return false;
    }
    let (la, lb) = (a.len(), b.len());
    if la.min(lb) < min_len || la.abs_diff(lb) > 2 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    if a.bytes().chain(b.bytes()).any(|c| c.is_ascii_digit()) {
        return false;
    }
    let allowed = if la.max(lb) >= 9 { 2 } else { 1 };
    strsim::levenshtein(a, b) <= allowed
}

/// The consonants of a word, in order.
pub(crate) fn skeleton(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        .collect()
}

/// Whether two place words share first letter and consonants (Moskva/Moskov, Kiev/Kyiv): three
/// consonants or more, or two and one edit apart.
pub(crate) fn same_skeleton(a: &str, b: &str) -> bool {
    if a.starts_with('#') || b.starts_with('#') || a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    let (sa, sb) = (skeleton(a), skeleton(b));
    sa == sb && (sa.len() >= 3 || (sa.len() == 2 && strsim::levenshtein(a, b) <= 1))
}

/// Whether `text` is written in Arabic script.
pub(crate) fn is_arabic(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}'))
}

/// The consonants of a name as Arabic script writes them, for comparing Arabic names with others:
/// the short vowels Arabic leaves unwritten and the letters it writes long vowels with (w, y)
/// go, "p" is "b" and "v" is "f" (Arabic has neither), doubled letters once; words apart.
/// "Stoltenberg" and "ستولتنبرغ" (stwltnbrG) both give "stltnbrg".
pub(crate) fn arabic_consonants(text: &str) -> String {
    let (words, _) = ascii_words(text);
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut last = None;
        for c in w.chars() {
            let c = match c {
                'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y' => continue,
                'p' => 'b',
                'v' => 'f',
                c => c,
            };
            if last != Some(c) {
                out.push(c);
            }
            last = Some(c);
        }
    }
    out
}
