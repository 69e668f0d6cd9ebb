//! `cargo xtask train lexicon`: the bilingual lexicon reconcile's similarity maps content words by.
//!
//! Source data, installed once on the machine that builds the table (never needed at run time or
//! in CI, since the table is committed):
//!
//! ```text
//! apt-get update
//! apt-get install dict-freedict-deu-eng dict-freedict-eng-deu dict-freedict-spa-eng \
//!   dict-freedict-eng-spa dict-freedict-ita-eng dict-freedict-eng-ita dict-freedict-fra-eng \
//!   dict-freedict-eng-fra dict-freedict-pol-eng dict-freedict-eng-pol dict-freedict-tur-eng \
//!   dict-freedict-eng-tur dict-freedict-eng-rus dict-freedict-ara-eng dict-freedict-eng-ara \
//!   dict-freedict-spa-deu dict-freedict-deu-spa dict-freedict-fra-deu dict-freedict-deu-fra \
//!   dict-freedict-deu-rus dict-freedict-ita-deu dict-freedict-deu-ita dict-freedict-tur-deu \
//!   dict-freedict-deu-tur
//! ```
//!
//! (Debian's FreeDict packages, dictd format under `/usr/share/dictd/`; there is no `rus-eng`),
//! plus the 1000-sentence samples of `../shared/eval/langid/<lang>/sentences.txt`, which give each
//! word's frequency (how many sentences hold it), so that stopwords are known and rare words weigh
//! more.
//!
//! Every X–English dictionary maps its one-word headwords to their one-word English translations;
//! every English–X dictionary maps its one-word translations back to the English headword. A word
//! keeps at most [`MAX_PIVOTS`] English pivots, the first found. The English dictionaries of
//! Spanish, French, Italian, Russian and Turkish are small (a few thousand entries), so these
//! languages are also bridged through German: a word's German translations (X–German and
//! German–X dictionaries) lend it their English pivots, after the direct ones. The table written is
//! `data/lexicon/lexicon.tsv.gz` (gzip, so that the table stays about 3 MB), one `lang<TAB>word<TAB>df<TAB>pivot|pivot` line per word, sorted,
//! read by `concord_reconcile::similarity::Lexicon`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::eval::EvalError;

/// English pivots kept per word.
pub const MAX_PIVOTS: usize = 2;

/// Longest word kept, in characters (longer ones are mostly compounds a text rarely repeats).
const MAX_WORD_CHARS: usize = 16;

/// The dictionaries read: (ISO 639-1 code, FreeDict code, whether the file is X–English (true) or
/// English–X (false)).
const DICTIONARIES: [(&str, &str, bool); 15] = [
    ("de", "deu", true),
    ("de", "deu", false),
    ("es", "spa", true),
    ("es", "spa", false),
    ("it", "ita", true),
    ("it", "ita", false),
    ("fr", "fra", true),
    ("fr", "fra", false),
    ("pl", "pol", true),
    ("pl", "pol", false),
    ("tr", "tur", true),
    ("tr", "tur", false),
    ("ru", "rus", false),
    ("ar", "ara", true),
    ("ar", "ara", false),
];

/// The dictionaries bridged through German: (ISO 639-1 code, FreeDict code, whether the file is
/// X–German (true) or German–X (false)).
const GERMAN_BRIDGES: [(&str, &str, bool); 9] = [
    ("es", "spa", true),
    ("es", "spa", false),
    ("fr", "fra", true),
    ("fr", "fra", false),
    ("it", "ita", true),
    ("it", "ita", false),
    ("tr", "tur", true),
    ("tr", "tur", false),
    ("ru", "rus", false),
];

/// Languages whose word frequencies are counted (the SemEval-2022 Task 8 languages concord covers).
const FREQUENCY_LANGS: [&str; 9] = ["ar", "de", "en", "es", "fr", "it", "pl", "ru", "tr"];

/// What a lexicon build read and wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct LexiconSummary {
    /// Dictionary entries read per dictionary (`deu-eng`, ...).
    pub dictionaries: Vec<(String, usize)>,
    /// Words with pivots per language.
    pub mapped: Vec<(String, usize)>,
    /// Lines written.
    pub lines: usize,
    /// Size of the table in bytes (compressed).
    pub bytes: usize,
}

/// The default table path, `data/lexicon/lexicon.tsv.gz`.
pub fn lexicon_path() -> PathBuf {
    crate::models_dir().join("../lexicon/lexicon.tsv.gz")
}

/// Builds the table from the dictd files under `dictd` (`/usr/share/dictd`) and the language-id
/// samples under `langid` (`../shared/eval/langid`), and writes it to `out`.
pub fn build_lexicon(dictd: &Path, langid: &Path, out: &Path) -> Result<LexiconSummary, EvalError> {
    // (lang, word) -> (df, pivots)
    let mut table: BTreeMap<(String, String), (u32, Vec<String>)> = BTreeMap::new();
    let mut dictionaries = Vec::new();
    for (lang, code, to_english) in DICTIONARIES {
        let name = match to_english {
            true => format!("{code}-eng"),
            false => format!("eng-{code}"),
        };
        let entries = read_dictd(dictd, &format!("freedict-{name}"))?;
        dictionaries.push((name, entries.len()));
        for (head, body) in entries {
            let translations = translations(&body);
            if to_english {
                let Some(word) = one_word(&head) else {
                    continue;
                };
                let pivots = &mut table.entry((lang.to_owned(), word)).or_default().1;
                for t in translations.iter().filter_map(|t| one_word(t)) {
                    if pivots.len() < MAX_PIVOTS && !pivots.contains(&t) {
                        pivots.push(t);
                    }
                }
            } else {
                let Some(english) = one_word(&head) else {
                    continue;
                };
                for word in translations.iter().filter_map(|t| one_word(t)) {
                    let pivots = &mut table.entry((lang.to_owned(), word)).or_default().1;
                    if pivots.len() < MAX_PIVOTS && !pivots.contains(&english) {
                        pivots.push(english.clone());
                    }
                }
            }
        }
    }
    for (lang, code, to_german) in GERMAN_BRIDGES {
        let name = match to_german {
            true => format!("{code}-deu"),
            false => format!("deu-{code}"),
        };
        let entries = read_dictd(dictd, &format!("freedict-{name}"))?;
        dictionaries.push((name, entries.len()));
        for (head, body) in entries {
            let translations = translations(&body);
            let Some(head) = one_word(&head) else {
                continue;
            };
            // (word of `lang`, German word)
            let links: Vec<(String, String)> = match to_german {
                true => translations
                    .iter()
                    .filter_map(|t| one_word(t))
                    .map(|g| (head.clone(), g))
                    .collect(),
                false => translations
                    .iter()
                    .filter_map(|t| one_word(t))
                    .map(|w| (w, head.clone()))
                    .collect(),
            };
            for (word, german) in links {
                let Some((_, english)) = table.get(&("de".to_owned(), german)) else {
                    continue;
                };
                let english = english.clone();
                let pivots = &mut table.entry((lang.to_owned(), word)).or_default().1;
                for e in english {
                    if pivots.len() < MAX_PIVOTS && !pivots.contains(&e) {
                        pivots.push(e);
                    }
                }
            }
        }
    }
    table.retain(|_, (_, pivots)| !pivots.is_empty());
    let mut mapped: BTreeMap<String, usize> = BTreeMap::new();
    for (lang, _) in table.keys() {
        *mapped.entry(lang.clone()).or_default() += 1;
    }
    for lang in FREQUENCY_LANGS {
        let path = langid.join(lang).join("sentences.txt");
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let mut df: BTreeMap<String, u32> = BTreeMap::new();
        for line in text.lines() {
            let mut seen: Vec<String> = concord_reconcile::similarity::words(line).collect();
            seen.sort();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_default() += 1;
            }
        }
        for (word, n) in df {
            if n < 2 {
                continue;
            }
            table.entry((lang.to_owned(), word)).or_default().0 = n;
        }
    }
    let mut text = String::from(
        "# concord bilingual lexicon: lang, word, df (sentences of 1000 holding it), English pivots.\n\
         # Written by `cargo xtask train lexicon` from Debian FreeDict dictionaries (GPL/other free\n\
         # licences, see /usr/share/doc/dict-freedict-*) and lingua's language-id samples (Apache-2.0).\n",
    );
    let mut lines = 0;
    for ((lang, word), (df, pivots)) in &table {
        text.push_str(&format!("{lang}\t{word}\t{df}\t{}\n", pivots.join("|")));
        lines += 1;
    }
    let compressed = super::write_gzip(out, &text)?;
    Ok(LexiconSummary {
        dictionaries,
        mapped: mapped.into_iter().collect(),
        lines,
        bytes: compressed,
    })
}

/// A dictd entry's words: one lowercase word of letters (an apostrophe or hyphen inside allowed),
/// after dropping a leading "to " (English verbs); `None` for phrases.
fn one_word(phrase: &str) -> Option<String> {
    let p = phrase.trim();
    let p = p.strip_prefix("to ").unwrap_or(p).trim();
    if p.is_empty()
        || p.chars().count() > MAX_WORD_CHARS
        || p.chars().count() < 2
        || !p.chars().all(char::is_alphabetic)
    {
        return None;
    }
    Some(p.to_lowercase())
}

/// The translations of a dictd entry's body: the lines after the headword line, without notes,
/// cross-references, grammar marks and bracketed glosses, split at commas and semicolons.
fn translations(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in body.lines().skip(1) {
        let line = line.trim();
        if ["Note:", "see:", "Synonyms:", "Antonyms:", "Example:"]
            .iter()
            .any(|p| line.starts_with(p))
        {
            continue;
        }
        let mut clean = String::with_capacity(line.len());
        let mut depth = 0i32;
        for c in line.chars() {
            match c {
                '<' | '[' | '(' | '{' => depth += 1,
                '>' | ']' | ')' | '}' => depth = (depth - 1).max(0),
                _ if depth == 0 => clean.push(c),
                _ => {}
            }
        }
        let clean = clean.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        for part in clean.split([',', ';']) {
            let part = part.trim().trim_end_matches('.').trim();
            if !part.is_empty() {
                out.push(part.to_owned());
            }
        }
    }
    out
}

/// Reads a dictd dictionary (`<name>.index` and `<name>.dict.dz`) into (headword, entry text)
/// pairs, in index order, without the `00-database-*` entries.
fn read_dictd(dir: &Path, name: &str) -> Result<Vec<(String, String)>, EvalError> {
    let index_path = dir.join(format!("{name}.index"));
    let index = std::fs::read_to_string(&index_path).map_err(|source| EvalError::Io {
        path: index_path.clone(),
        source,
    })?;
    let dict_path = dir.join(format!("{name}.dict.dz"));
    let file = std::fs::File::open(&dict_path).map_err(|source| EvalError::Io {
        path: dict_path.clone(),
        source,
    })?;
    let mut dict = Vec::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_end(&mut dict)
        .map_err(|source| EvalError::Io {
            path: dict_path.clone(),
            source,
        })?;
    let mut entries = Vec::new();
    for line in index.lines() {
        let mut cols = line.split('\t');
        let (Some(head), Some(offset), Some(len)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if head.starts_with("00") {
            continue;
        }
        let (Some(offset), Some(len)) = (base64_number(offset), base64_number(len)) else {
            return Err(EvalError::Format {
                path: index_path.clone(),
                message: format!("bad offset in {line:?}"),
            });
        };
        let Some(bytes) = dict.get(offset..offset.saturating_add(len)) else {
            return Err(EvalError::Format {
                path: dict_path.clone(),
                message: format!("entry {head:?} beyond the end"),
            });
        };
        entries.push((head.to_owned(), String::from_utf8_lossy(bytes).into_owned()));
    }
    Ok(entries)
}

/// A dictd index number: base64 digits, most significant first.
fn base64_number(s: &str) -> Option<usize> {
    let mut n: usize = 0;
    for c in s.bytes() {
        let digit = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        n = n.checked_mul(64)?.checked_add(usize::from(digit))?;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let check = |s: &str, n: Option<usize>| assert_eq!(base64_number(s), n, "{s}");
        check("B0", Some(116));
        check("0", Some(52));
        check("BA", Some(64));
        check("", Some(0));
        check("a*", None);
    }

    #[test]
    fn entry_translations() {
        let check = |body: &str, expected: &[&str]| {
            assert_eq!(translations(body), expected, "{body}");
        };
        check(
            "Aas /ˈɑːs/ <neut, n, sg>\nflesh <n>, scrapings <n>\n         Note: leather\n",
            &["flesh", "scrapings"],
        );
        check(
            "México /mˈɛxiko/\n1. Mexico\n2. MexicoCity\n",
            &["Mexico", "MexicoCity"],
        );
        check(
            "abroad /x/\n1. ortalıkta, halk arasında\n",
            &["ortalıkta", "halk arasında"],
        );
    }

    #[test]
    fn words() {
        let check = |s: &str, w: Option<&str>| assert_eq!(one_word(s).as_deref(), w, "{s}");
        check("to scavenge", Some("scavenge"));
        check("carrion fly", None);
        check("Soldat", Some("soldat"));
        check("x", None);
    }
}
