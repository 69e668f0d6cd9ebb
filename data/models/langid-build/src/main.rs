//! Builds `data/models/langid.bin`, concord's compact character n-gram model for language
//! identification, from lingua's published per-language n-gram models (Apache-2.0).
//!
//! lingua stores, per language, `ln P(last char | previous chars)` for every 1- to 5-gram seen in
//! its training corpora (several MB per language). This tool keeps, per language and order, the
//! n-grams with the highest joint probability (the chain product of their prefixes' conditional
//! probabilities), quantises the conditional log-probability to one byte and writes one shared
//! table. It reads no evaluation data.
//!
//! The kept set is closed under substrings (every prefix and suffix of a kept n-gram is kept: the
//! joint probability of an n-gram never exceeds its prefix's, and the union over languages holds
//! the suffixes); the tool checks it, because the detector's one-probe-per-letter walk relies on it.
//!
//! File format (little-endian): `CLID`, version `u8` (2), quantisation step in 1/1000 nats `u16`,
//! language count `u8`, two ASCII bytes per ISO 639-1 code, n-gram count `u32`, then per n-gram:
//! byte length `u8`, UTF-8 bytes, entry count `u8`, entries `(language u8, -ln p / step as u8)`.
//! Version 2 orders the n-grams by their letters read backwards (last letter first), so each
//! n-gram's one-letter-shorter suffix comes before it and the loader backs off along a stack.

use std::collections::BTreeMap;
use std::io::Write;

use fst::{Map, Streamer};
use include_dir::Dir;

/// Quantisation step of the stored negative log-probabilities, in 1/1000 nats.
const STEP_MILLI: u16 = 100;

/// How many n-grams to keep per language, by order 1..=5.
const KEEP: [usize; 5] = [400, 6_000, 32_000, 32_000, 20_000];

fn languages() -> Vec<(&'static str, Dir<'static>)> {
    vec![
        ("ar", lingua_arabic_language_model::ARABIC_MODELS_DIRECTORY),
        (
            "bg",
            lingua_bulgarian_language_model::BULGARIAN_MODELS_DIRECTORY,
        ),
        ("cs", lingua_czech_language_model::CZECH_MODELS_DIRECTORY),
        ("de", lingua_german_language_model::GERMAN_MODELS_DIRECTORY),
        (
            "en",
            lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
        ),
        (
            "es",
            lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
        ),
        ("fr", lingua_french_language_model::FRENCH_MODELS_DIRECTORY),
        (
            "id",
            lingua_indonesian_language_model::INDONESIAN_MODELS_DIRECTORY,
        ),
        (
            "it",
            lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY,
        ),
        ("ms", lingua_malay_language_model::MALAY_MODELS_DIRECTORY),
        ("nl", lingua_dutch_language_model::DUTCH_MODELS_DIRECTORY),
        ("pl", lingua_polish_language_model::POLISH_MODELS_DIRECTORY),
        (
            "pt",
            lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY,
        ),
        (
            "ru",
            lingua_russian_language_model::RUSSIAN_MODELS_DIRECTORY,
        ),
        (
            "sl",
            lingua_slovene_language_model::SLOVENE_MODELS_DIRECTORY,
        ),
        (
            "tr",
            lingua_turkish_language_model::TURKISH_MODELS_DIRECTORY,
        ),
        (
            "uk",
            lingua_ukrainian_language_model::UKRAINIAN_MODELS_DIRECTORY,
        ),
    ]
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/models/langid.bin".to_owned());
    let langs = languages();
    // n-gram -> (language index, quantised -ln p)
    let mut table: BTreeMap<Vec<u8>, Vec<(u8, u8)>> = BTreeMap::new();
    for (index, (code, dir)) in langs.iter().enumerate() {
        let file = dir
            .get_file("ngrams.fst")
            .expect("lingua model has ngrams.fst");
        let map = Map::new(file.contents()).expect("valid fst");
        let mut by_order: [Vec<(f64, Vec<u8>, f64)>; 5] = Default::default();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            let text = std::str::from_utf8(key).expect("utf-8 n-gram");
            let order = text.chars().count();
            if order == 0 || order > 5 {
                continue;
            }
            let cond = f64::from_bits(value);
            // Joint log-probability: the chain of the prefixes' conditionals.
            let mut joint = 0.0;
            let mut complete = true;
            for (end, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
                match map.get(&text.as_bytes()[..end]) {
                    Some(bits) => joint += f64::from_bits(bits),
                    None => complete = false,
                }
            }
            if complete {
                by_order[order - 1].push((joint, key.to_vec(), cond));
            }
        }
        for (order, mut grams) in by_order.into_iter().enumerate() {
            let total = grams.len();
            grams.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            grams.truncate(KEEP[order]);
            eprintln!(
                "{code} order {}: kept {} of {total}",
                order + 1,
                grams.len()
            );
            for (_, key, cond) in grams {
                let q = (-cond * 1000.0 / f64::from(STEP_MILLI))
                    .round()
                    .clamp(0.0, 254.0) as u8;
                table.entry(key).or_default().push((index as u8, q));
            }
        }
    }
    // Substring closure, checked (see the module doc).
    for key in table.keys() {
        let text = std::str::from_utf8(key).expect("utf-8 n-gram");
        let chars: Vec<char> = text.chars().collect();
        for shorter in [&chars[1..], &chars[..chars.len() - 1]] {
            if !shorter.is_empty() {
                let s: String = shorter.iter().collect();
                assert!(
                    table.contains_key(s.as_bytes()),
                    "{text:?} kept without {s:?}"
                );
            }
        }
    }
    let mut order: Vec<(Vec<char>, &Vec<u8>)> = table
        .keys()
        .map(|key| {
            let text = std::str::from_utf8(key).expect("utf-8 n-gram");
            (text.chars().rev().collect(), key)
        })
        .collect();
    order.sort();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"CLID");
    bytes.push(2);
    bytes.extend_from_slice(&STEP_MILLI.to_le_bytes());
    bytes.push(langs.len() as u8);
    for (code, _) in &langs {
        bytes.extend_from_slice(code.as_bytes());
    }
    bytes.extend_from_slice(&(table.len() as u32).to_le_bytes());
    for (_, key) in &order {
        let entries = &table[*key];
        bytes.push(key.len() as u8);
        bytes.extend_from_slice(key);
        bytes.push(entries.len() as u8);
        for (lang, q) in entries {
            bytes.push(*lang);
            bytes.push(*q);
        }
    }
    std::fs::File::create(&out)
        .and_then(|mut file| file.write_all(&bytes))
        .expect("write model");
    eprintln!("{} n-grams, {} bytes -> {out}", table.len(), bytes.len());
}
