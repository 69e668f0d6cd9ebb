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
    "advokat",
    "agustus",
    "aja",
    "aktivitas",
    "apotek",
    "asuransi",
    "bagian",
    "bahwa",
    "banget",
    "berpikir",
    "bikin",
    "bisa",
    "bupati",
    "deh",
    "desember",
    "didukung",
    "dokter",
    "dong",
    "dosen",
    "dukungan",
    "enggak",
    "eropa",
    "gak",
    "gimana",
    "gratis",
    "gubernur",
    "gue",
    "identitas",
    "imbuhnya",
    "informasi",
    "inggris",
    "insinyur",
    "internasional",
    "italia",
    "jembatan",
    "jepang",
    "juli",
    "jumat",
    "juni",
    "justru",
    "kabar",
    "kabupaten",
    "kamar",
    "kamis",
    "kampanye",
    "kantor",
    "kapan",
    "karena",
    "kartu",
    "karyawan",
    "kasus",
    "kayak",
    "kecamatan",
    "kecelakaan",
    "kelurahan",
    "kemarin",
    "kendaraan",
    "kesehatan",
    "khawatir",
    "kok",
    "komunitas",
    "konferensi",
    "kualitas",
    "kulkas",
    "kursi",
    "lemari",
    "lho",
    "libur",
    "liburan",
    "listrik",
    "manajemen",
    "manajer",
    "maret",
    "mau",
    "mayoritas",
    "mendukung",
    "menit",
    "miliar",
    "mobil",
    "musik",
    "nggak",
    "nih",
    "nomor",
    "obat",
    "olahraga",
    "pariwisata",
    "parlemen",
    "pemerintah",
    "pemilu",
    "peneliti",
    "penelitian",
    "penggemar",
    "perbatasan",
    "perencanaan",
    "persen",
    "pikir",
    "pikiran",
    "polisi",
    "polri",
    "prancis",
    "provinsi",
    "proyek",
    "realitas",
    "rencana",
    "rp",
    "saja",
    "salat",
    "sehat",
    "senin",
    "sepatu",
    "sepeda",
    "serikat",
    "sesudah",
    "sih",
    "silakan",
    "situs",
    "spanyol",
    "telepon",
    "televisi",
    "tentara",
    "tersangka",
    "tetangga",
    "toko",
    "transportasi",
    "triliun",
    "tuturnya",
    "uang",
    "udah",
    "ujarnya",
    "ungkapnya",
    "universitas",
    "ustadz",
    "wisata",
    "wisatawan",
    "yaitu",
    "yakni",
];

/// Words that are Malay and not standard Indonesian spelling or usage (sorted).
const MALAY: &[&str] = &[
    "akaun",
    "akhbar",
    "aktiviti",
    "antarabangsa",
    "askar",
    "bagaimanapun",
    "bahagian",
    "baharu",
    "bahawa",
    "bas",
    "basikal",
    "berbanding",
    "berfikir",
    "berjaya",
    "berkongsi",
    "bertanggungjawab",
    "bilik",
    "bilion",
    "bimbang",
    "boleh",
    "bomba",
    "borang",
    "cadangan",
    "cuba",
    "cukai",
    "dicuba",
    "dikemaskini",
    "disember",
    "diskaun",
    "disokong",
    "doktor",
    "elektrik",
    "encik",
    "eropah",
    "fikir",
    "fikiran",
    "filem",
    "gabenor",
    "hospital",
    "iaitu",
    "inggeris",
    "insurans",
    "isnin",
    "itali",
    "jambatan",
    "jawatankuasa",
    "jepun",
    "jiran",
    "julai",
    "jumaat",
    "jurucakap",
    "jurulatih",
    "jurutera",
    "justeru",
    "kad",
    "kakitangan",
    "kanak",
    "kasut",
    "kedai",
    "kejayaan",
    "kejohanan",
    "kemalangan",
    "kemaskini",
    "kempen",
    "kenderaan",
    "kerajaan",
    "kerana",
    "kereta",
    "kerusi",
    "kesihatan",
    "kewangan",
    "khabar",
    "khamis",
    "kolej",
    "komuniti",
    "kongsi",
    "kualiti",
    "mahkamah",
    "mahu",
    "majlis",
    "maklumat",
    "manakala",
    "mangsa",
    "mencadangkan",
    "mencuba",
    "menerusi",
    "menyokong",
    "merancang",
    "mesyuarat",
    "minit",
    "muzik",
    "nombor",
    "ogos",
    "parlimen",
    "pasaraya",
    "peguam",
    "pelaburan",
    "pelancong",
    "pelancongan",
    "pelbagai",
    "peminat",
    "pengangkutan",
    "pengarah",
    "pengurus",
    "pengurusan",
    "pensyarah",
    "penyelidik",
    "penyelidikan",
    "perancangan",
    "perancis",
    "peratus",
    "peratusan",
    "percuma",
    "perkhidmatan",
    "perlawanan",
    "perniagaan",
    "persekutuan",
    "polis",
    "projek",
    "purata",
    "rancangan",
    "risau",
    "rm",
    "sahaja",
    "sebarang",
    "sejuk",
    "selepas",
    "sempadan",
    "sepanyol",
    "seronok",
    "setiausaha",
    "sihat",
    "sokongan",
    "solat",
    "sukan",
    "suspek",
    "syarikat",
    "tahniah",
    "tanggungjawab",
    "teksi",
    "telefon",
    "televisyen",
    "tempatan",
    "tempoh",
    "tentera",
    "trilion",
    "ubat",
    "universiti",
    "ustaz",
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
