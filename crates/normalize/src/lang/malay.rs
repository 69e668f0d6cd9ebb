//! Telling Indonesian from Malay once the n-gram model has narrowed a text down to the pair.
//!
//! The two standard languages share most character n-grams, so the n-gram margin alone is close to
//! a coin toss (lingua's own figures show it). They do differ in a closed set of frequent words:
//! spelling reforms (`bahwa`/`bahawa`, `karena`/`kerana`, `yaitu`/`iaitu`), loanword endings
//! (`-itas`/`-iti`, `universitas`/`universiti`), `e`/`i` and `h` spellings (`kesehatan`/`kesihatan`,
//! `baru`/`baharu`), English and Dutch loans (`telefon`/`telepon`, `nombor`/`nomor`), day and
//! month names and everyday vocabulary (`bisa`/`boleh`, `uang`/`wang`, `mobil`/`kereta`,
//! `mendukung`/`menyokong`, `rencana`/`rancangan`, `Inggris`/`Inggeris`). The lists below come
//! from those documented differences, not from any evaluation data; words both languages use with
//! different senses (`pejabat`: Indonesian "official", Malay "office"; `jabatan`, `kenyataan`)
//! are left out. A text's marker balance decides; without markers the n-gram margin decides, with
//! a prior for Indonesian (by far the larger language on the web and in the press).
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

/// The marker words in a small open-addressing table of their hashes, built once per detector
/// (a paragraph's words are each looked up with one hash and usually one probe).
#[derive(Debug)]
pub(super) struct Markers {
    /// `(hash, +1 Indonesian / -1 Malay)`; hash 0 marks an empty slot.
    slots: Vec<(u64, i8)>,
}

/// Longest marker word, in bytes (all are ASCII).
const LONGEST: usize = 16;

fn word_hash(word: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word) | 1
}

impl Markers {
    pub(super) fn new() -> Markers {
        let capacity = ((INDONESIAN.len() + MALAY.len()) * 4).next_power_of_two();
        let mut markers = Markers {
            slots: vec![(0, 0); capacity],
        };
        for (list, side) in [(INDONESIAN, 1), (MALAY, -1)] {
            for word in list {
                let hash = word_hash(word.as_bytes());
                let mask = capacity - 1;
                let mut slot = hash as usize & mask;
                while markers.slots[slot].0 != 0 {
                    slot = (slot + 1) & mask;
                }
                markers.slots[slot] = (hash, side);
            }
        }
        markers
    }

    /// +1 for an Indonesian marker, -1 for a Malay one, 0 otherwise (`word` lowercase ASCII).
    fn side(&self, word: &[u8]) -> i8 {
        let hash = word_hash(word);
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                (0, _) => return 0,
                (stored, side) if stored == hash => return side,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Picks `id` or `ms` (positions in the detector's language list) for `texts`, given the
    /// n-gram `margin` (summed log-probability of Indonesian minus Malay).
    pub(super) fn choose(&self, texts: &[&str], id: usize, ms: usize, margin: f32) -> usize {
        let (indonesian, malay) = self.count(texts);
        let balance =
            margin + INDONESIAN_PRIOR + MARKER_WEIGHT * (indonesian as f32 - malay as f32);
        if balance >= 0.0 { id } else { ms }
    }

    /// Counts Indonesian and Malay marker words in the first words of `texts`.
    fn count(&self, texts: &[&str]) -> (usize, usize) {
        let mut indonesian = 0;
        let mut malay = 0;
        let mut seen = 0;
        let mut word = [0u8; LONGEST];
        'texts: for text in texts {
            for raw in text.split(|c: char| !c.is_alphabetic()) {
                if raw.is_empty() {
                    continue;
                }
                seen += 1;
                if seen > MAX_WORDS {
                    break 'texts;
                }
                // Markers are ASCII words of at most LONGEST letters.
                if raw.len() > LONGEST || !raw.is_ascii() {
                    continue;
                }
                let word = &mut word[..raw.len()];
                word.copy_from_slice(raw.as_bytes());
                word.make_ascii_lowercase();
                match self.side(word) {
                    1 => indonesian += 1,
                    -1 => malay += 1,
                    _ => {}
                }
            }
        }
        (indonesian, malay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lists_are_sorted_disjoint_and_short() {
        for list in [INDONESIAN, MALAY] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
        for word in INDONESIAN {
            assert!(MALAY.binary_search(word).is_err(), "{word} in both lists");
        }
        for word in INDONESIAN.iter().chain(MALAY) {
            assert!(word.len() <= LONGEST && word.bytes().all(|b| b.is_ascii_lowercase()));
        }
    }

    fn check(text: &str, margin: f32, expected: &str) {
        let got = if Markers::new().choose(&[text], 0, 1, margin) == 0 {
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
