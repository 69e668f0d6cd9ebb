//! Word forms the bilingual lexicon lacks that machine translation misreads names as: the
//! irregular past participles of the Romance languages (FreeDict lists infinitives, not these
//! forms), with their English pivot. A name spelled like one of them ("NATO" read as Italian
//! "nato", born) is then known to mean that word.

/// (language, word, English pivot).
const PARTICIPLES: &[(&str, &str, &str)] = &[
    ("it", "nato", "born"),
    ("it", "nata", "born"),
    ("it", "nati", "born"),
    ("it", "morto", "dead"),
    ("it", "morta", "dead"),
    ("it", "detto", "said"),
    ("it", "fatto", "made"),
    ("it", "preso", "taken"),
    ("it", "messo", "put"),
    ("it", "visto", "seen"),
    ("it", "scritto", "written"),
    ("it", "letto", "read"),
    ("it", "rotto", "broken"),
    ("it", "vinto", "won"),
    ("it", "perso", "lost"),
    ("it", "chiuso", "closed"),
    ("it", "aperto", "open"),
    ("it", "ucciso", "killed"),
    ("it", "scelto", "chosen"),
    ("es", "nacido", "born"),
    ("es", "nato", "born"),
    ("es", "muerto", "dead"),
    ("es", "dicho", "said"),
    ("es", "hecho", "made"),
    ("es", "visto", "seen"),
    ("es", "escrito", "written"),
    ("es", "puesto", "put"),
    ("es", "roto", "broken"),
    ("es", "abierto", "open"),
    ("fr", "mort", "dead"),
    ("fr", "dit", "said"),
    ("fr", "fait", "made"),
    ("fr", "pris", "taken"),
    ("fr", "mis", "put"),
    ("fr", "vu", "seen"),
    ("fr", "écrit", "written"),
];

/// The English pivots the table gives `word` (lowercase) in `lang`.
pub fn pivots<'a>(lang: &'a str, word: &'a str) -> impl Iterator<Item = &'static str> + 'a {
    PARTICIPLES
        .iter()
        .filter(move |(l, w, _)| *l == lang && *w == word)
        .map(|(_, _, english)| *english)
}
