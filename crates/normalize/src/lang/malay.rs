//! Telling Indonesian from Malay once the n-gram model has narrowed a text down to the pair.
//!
//! The two standard languages share most character n-grams, so the n-gram margin alone is close to
//! a coin toss (lingua's own figures show it). They do differ in a closed set of frequent words:
//! spelling reforms (`bahwa`/`bahawa`, `karena`/`kerana`, `yaitu`/`iaitu`), loanword endings
//! (`-itas`/`-iti`, `universitas`/`universiti`), month names and everyday vocabulary (`bisa`/`boleh`,
//! `uang`/`wang`, `mobil`/`kereta`, `kantor`/`pejabat`). The lists below come from those
//! documented differences, not from any evaluation data. A text's marker balance decides; without
//! markers the n-gram margin decides, with a prior for Indonesian (by far the larger language on
//! the web and in the press).
//!
//! It does not handle other Malayic varieties (Brunei, Minangkabau, Javanese-flavoured Indonesian).

/// Words that are Indonesian and not standard Malay spelling or usage (sorted, for binary search).
const INDONESIAN: &[&str] = &[
    "agustus",
    "aktivitas",
    "bahwa",
    "banget",
    "bikin",
    "bisa",
    "desember",
    "dong",
    "enggak",
    "gak",
    "gratis",
    "informasi",
    "internasional",
    "juli",
    "juni",
    "kantor",
    "karena",
    "kendaraan",
    "komunitas",
    "kualitas",
    "maret",
    "mau",
    "miliar",
    "mobil",
    "nggak",
    "pemerintah",
    "persen",
    "polisi",
    "proyek",
    "realitas",
    "saja",
    "sesudah",
    "tentara",
    "uang",
    "universitas",
    "yaitu",
];

/// Words that are Malay and not standard Indonesian spelling or usage (sorted).
const MALAY: &[&str] = &[
    "akhbar",
    "aktiviti",
    "antarabangsa",
    "bagaimanapun",
    "baharu",
    "bahawa",
    "bas",
    "bilion",
    "boleh",
    "cuba",
    "disember",
    "encik",
    "iaitu",
    "jabatan",
    "julai",
    "kenderaan",
    "kenyataan",
    "kerajaan",
    "kerana",
    "kereta",
    "komuniti",
    "kualiti",
    "mahu",
    "maklumat",
    "manakala",
    "menerusi",
    "ogos",
    "pejabat",
    "pelbagai",
    "peratus",
    "percuma",
    "polis",
    "projek",
    "sahaja",
    "selepas",
    "syarikat",
    "tentera",
    "universiti",
    "wang",
];

/// Words examined per decision: markers are frequent, a few hundred words suffice.
const MAX_WORDS: usize = 300;

/// How many nats of n-gram margin one marker word is worth.
const MARKER_WEIGHT: f32 = 6.0;

/// N-gram margin (nats, Indonesian minus Malay) assumed before any evidence: the Indonesian prior.
const INDONESIAN_PRIOR: f32 = 4.0;

/// Picks `id` or `ms` (positions in the detector's language list) for `texts`, given the n-gram
/// `margin` (summed log-probability of Indonesian minus Malay).
pub(super) fn choose(texts: &[&str], id: usize, ms: usize, margin: f32) -> usize {
    let (indonesian, malay) = count_markers(texts);
    let balance = margin + INDONESIAN_PRIOR + MARKER_WEIGHT * (indonesian as f32 - malay as f32);
    if balance >= 0.0 { id } else { ms }
}

/// Counts Indonesian and Malay marker words in the first words of `texts`.
fn count_markers(texts: &[&str]) -> (usize, usize) {
    let mut indonesian = 0;
    let mut malay = 0;
    let mut seen = 0;
    let mut word = String::with_capacity(16);
    'texts: for text in texts {
        for raw in text.split(|c: char| !c.is_alphabetic()) {
            if raw.is_empty() {
                continue;
            }
            seen += 1;
            if seen > MAX_WORDS {
                break 'texts;
            }
            if raw.len() > 16 {
                continue;
            }
            word.clear();
            word.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
            if INDONESIAN.binary_search(&word.as_str()).is_ok() {
                indonesian += 1;
            } else if MALAY.binary_search(&word.as_str()).is_ok() {
                malay += 1;
            }
        }
    }
    (indonesian, malay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lists_are_sorted_and_disjoint() {
        for list in [INDONESIAN, MALAY] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
        for word in INDONESIAN {
            assert!(MALAY.binary_search(word).is_err(), "{word} in both lists");
        }
    }

    fn check(text: &str, margin: f32, expected: &str) {
        let got = if choose(&[text], 0, 1, margin) == 0 {
            "id"
        } else {
            "ms"
        };
        assert_eq!(got, expected, "{text:?} margin {margin}");
    }

    #[test]
    fn markers_decide() {
        check(
            "Kerajaan berkata bahawa wang itu akan dibayar selepas Ogos.",
            5.0,
            "ms",
        );
        check(
            "Pemerintah mengatakan bahwa uang itu akan dibayar setelah Agustus.",
            -5.0,
            "id",
        );
        check("Dia pergi ke pasar pagi ini.", 0.0, "id");
        check("Dia pergi ke pasar pagi ini.", -20.0, "ms");
    }
}
