//! Per-language abbreviation lists for sentence segmentation: lower-case, without the final
//! dot, sorted for binary search, compiled into the binary (no parsing at run time).
//!
//! Only abbreviations that are usually followed by more of the same sentence (titles, months,
//! `bzw.`, `ul.`) belong here; ones that often end sentences (`etc.`, `usw.` in final position) are
//! accepted as joins, and `no.` is only an abbreviation before a number.
/// Titles and business abbreviations shared by the languages written in Latin script.
const COMMON: &[&str] = &[
    "al", "approx", "ca", "capt", "cf", "co", "col", "corp", "dept", "dr", "drs", "gen", "gov",
    "hon", "inc", "jr", "lt", "ltd", "mme", "mr", "mrs", "ms", "prof", "rep", "rev", "sen", "sgt",
    "sr", "st", "vs",
];
/// Abbreviations of `en` (with the shared Latin-script ones where it uses that script).
const EN: &[&str] = &[
    "a.m", "al", "approx", "apr", "aug", "ca", "capt", "cf", "co", "col", "corp", "dec", "dept",
    "dr", "drs", "e.g", "est", "feb", "fig", "ft", "gen", "gov", "hon", "i.e", "inc", "jan", "jr",
    "jul", "jun", "lt", "ltd", "mar", "mme", "mr", "mrs", "ms", "mt", "nov", "oct", "p.m", "prof",
    "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "u.k", "u.n", "u.s", "vs",
];
/// Abbreviations of `de` (with the shared Latin-script ones where it uses that script).
const DE: &[&str] = &[
    "abs", "al", "approx", "aug", "bd", "bspw", "bzw", "ca", "capt", "cf", "chr", "co", "col",
    "corp", "d.h", "dept", "dez", "dipl", "dr", "drs", "evtl", "feb", "febr", "fr", "frl", "geb",
    "gen", "gest", "ggf", "gov", "hon", "hr", "i.d.r", "inc", "ing", "inkl", "jan", "jh", "jr",
    "lt", "ltd", "mio", "mme", "mr", "mrd", "mrs", "ms", "nov", "nr", "o.ä", "okt", "prof", "rep",
    "rev", "s.o", "sen", "sept", "sgt", "sog", "sr", "st", "str", "tel", "u.a", "u.ä", "usw",
    "vgl", "vs", "z.b", "zb",
];
/// Abbreviations of `fr` (with the shared Latin-script ones where it uses that script).
const FR: &[&str] = &[
    "al", "approx", "av", "avr", "bd", "ca", "capt", "cf", "co", "col", "corp", "dept", "dr",
    "drs", "déc", "env", "févr", "gen", "gov", "hon", "inc", "janv", "jr", "juil", "lt", "ltd",
    "m", "mgr", "mlle", "mm", "mme", "mr", "mrs", "ms", "nov", "oct", "prof", "rep", "rev", "sen",
    "sept", "sgt", "sr", "st", "ste", "vs",
];
/// Abbreviations of `es` (with the shared Latin-script ones where it uses that script).
const ES: &[&str] = &[
    "abr", "ago", "al", "approx", "aprox", "av", "avda", "ca", "capt", "cf", "co", "col", "corp",
    "dept", "dic", "dr", "dra", "drs", "ee.uu", "ene", "gen", "gov", "gral", "hon", "inc", "ing",
    "jr", "lic", "lt", "ltd", "mme", "mr", "mrs", "ms", "nov", "oct", "prof", "pág", "rep", "rev",
    "sen", "sept", "sgt", "sr", "sra", "srta", "st", "sta", "sto", "ud", "uds", "vs",
];
/// Abbreviations of `it` (with the shared Latin-script ones where it uses that script).
const IT: &[&str] = &[
    "ago", "al", "approx", "apr", "avv", "ca", "capt", "cf", "co", "col", "corp", "dept", "dic",
    "dott", "dr", "drs", "feb", "gen", "giu", "gov", "hon", "inc", "ing", "jr", "lt", "ltd", "lug",
    "mme", "mr", "mrs", "ms", "nov", "on", "ott", "pag", "prof", "rep", "rev", "sen", "sett",
    "sgt", "sig", "sigg", "sr", "st", "vs",
];
/// Abbreviations of `pt` (with the shared Latin-script ones where it uses that script).
const PT: &[&str] = &[
    "abr", "ago", "al", "approx", "av", "ca", "capt", "cf", "co", "col", "corp", "dept", "dez",
    "dr", "dra", "drs", "fev", "gen", "gov", "hon", "inc", "jr", "lt", "ltd", "mai", "mme", "mr",
    "mrs", "ms", "out", "prof", "pág", "rep", "rev", "sen", "set", "sgt", "sr", "sra", "st", "sta",
    "sto", "vs",
];
/// Abbreviations of `nl` (with the shared Latin-script ones where it uses that script).
const NL: &[&str] = &[
    "al", "approx", "bijv", "blz", "bv", "ca", "capt", "cf", "co", "col", "corp", "dept", "dhr",
    "dr", "drs", "enz", "gen", "gov", "hon", "i.p.v", "inc", "ir", "jl", "jr", "lt", "ltd",
    "m.b.t", "mevr", "mme", "mr", "mrs", "mrt", "ms", "mw", "nl", "o.a", "okt", "prof", "rep",
    "rev", "sen", "sgt", "sr", "st", "vs",
];
/// Abbreviations of `pl` (with the shared Latin-script ones where it uses that script).
const PL: &[&str] = &[
    "al", "approx", "ca", "capt", "cf", "co", "col", "corp", "dept", "dr", "drs", "gen", "godz",
    "gov", "hon", "im", "inc", "inz", "inż", "itd", "itp", "jr", "ks", "lt", "ltd", "m.in", "mgr",
    "mld", "mln", "mme", "mr", "mrs", "ms", "np", "pl", "pow", "prof", "płk", "rep", "rev", "sen",
    "sgt", "sr", "st", "tj", "tys", "tzw", "ul", "vs", "wg", "woj", "św",
];
/// Abbreviations of `cs` (with the shared Latin-script ones where it uses that script).
const CS: &[&str] = &[
    "al", "apod", "approx", "atd", "ca", "capt", "cf", "co", "col", "corp", "dept", "doc", "dr",
    "drs", "gen", "gov", "hon", "inc", "ing", "jr", "lt", "ltd", "mgr", "mil", "mld", "mme", "mr",
    "mrs", "ms", "např", "odd", "pplk", "prof", "př", "rep", "resp", "rev", "sen", "sgt", "sr",
    "st", "sv", "tis", "tj", "tzv", "ul", "vs",
];
/// Abbreviations of `sl` (with the shared Latin-script ones where it uses that script).
const SL: &[&str] = &[
    "al", "approx", "ca", "capt", "cf", "co", "col", "corp", "dept", "dr", "drs", "ga", "ge",
    "gen", "gov", "hon", "inc", "ipd", "itd", "jr", "lt", "ltd", "mag", "mio", "mme", "mr", "mrd",
    "mrs", "ms", "npr", "oz", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "sv", "t.i", "tj",
    "ul", "vs", "št",
];
/// Abbreviations of `bg` (with the shared Latin-script ones where it uses that script).
const BG: &[&str] = &[
    "ал",
    "бул",
    "вж",
    "ген",
    "гр",
    "д-р",
    "др",
    "млн",
    "млрд",
    "напр",
    "проф",
    "св",
    "стр",
    "т.е",
    "т.нар",
    "ул",
    "хил",
    "чл",
];
/// Abbreviations of `ru` (with the shared Latin-script ones where it uses that script).
const RU: &[&str] = &[
    "авг", "акад", "гг", "ген", "гл", "дек", "др", "им", "кв", "млн", "млрд", "напр", "нояб",
    "обл", "окт", "пос", "пр", "проф", "рис", "руб", "св", "сент", "см", "ст", "стр", "т.д", "т.е",
    "т.к", "т.н", "т.п", "т.ч", "тыс", "ул", "февр", "янв",
];
/// Abbreviations of `uk` (with the shared Latin-script ones where it uses that script).
const UK: &[&str] = &[
    "акад", "вул", "ген", "грн", "д-р", "див", "млн", "млрд", "напр", "обл", "пп", "проф", "рр",
    "св", "ст", "т.б", "т.д", "т.п", "т.ч", "тис", "ім",
];
/// Abbreviations of `tr` (with the shared Latin-script ones where it uses that script).
const TR: &[&str] = &[
    "a.ş", "al", "approx", "apt", "av", "bkz", "ca", "cad", "capt", "cf", "co", "col", "corp",
    "dept", "doç", "dr", "drs", "gen", "gov", "hon", "inc", "jr", "lt", "ltd", "mah", "mme", "mr",
    "mrs", "ms", "prof", "rep", "rev", "sen", "sgt", "sok", "sr", "st", "t.c", "vb", "vs", "yrd",
    "örn", "şti",
];
/// Abbreviations of `id` (with the shared Latin-script ones where it uses that script).
const ID: &[&str] = &[
    "al", "approx", "bpk", "ca", "capt", "cf", "co", "col", "corp", "cv", "dept", "dr", "drs",
    "dsb", "gen", "gov", "hj", "hlm", "hon", "inc", "ir", "jl", "jr", "kab", "kec", "kh", "lt",
    "ltd", "mme", "mr", "mrs", "ms", "ny", "prof", "pt", "rep", "rev", "rp", "sdr", "sen", "sgt",
    "sr", "st", "tbk", "tgl", "tn", "ust", "vs", "yth",
];
/// Abbreviations of `ms` (with the shared Latin-script ones where it uses that script).
const MS: &[&str] = &[
    "al", "approx", "bhd", "ca", "capt", "cf", "co", "col", "corp", "dept", "dr", "drs", "dsb",
    "en", "gen", "gov", "hj", "hlm", "hon", "inc", "ir", "jl", "jr", "lt", "ltd", "mme", "mr",
    "mrs", "ms", "prof", "pt", "rep", "rev", "rm", "sdn", "sdr", "sen", "sgt", "sr", "st", "tgl",
    "tn", "ust", "vs", "yb",
];
/// Abbreviations that precede a number (`Nr. 5`, `p. 12`).
const NUMBER_ABBREVIATIONS_LIST: &[&str] = &[
    "art", "fig", "no", "nos", "nr", "num", "nº", "núm", "p", "pp", "s", "str", "tel", "vol",
];
/// Abbreviations that only join when a number follows (`No. 5`, `Nr. 7`, `p. 12`).
pub(super) const NUMBER_ABBREVIATIONS: &[&str] = NUMBER_ABBREVIATIONS_LIST;

/// The abbreviation list of `lang` (ISO 639-1); the shared list for other languages.
pub(super) fn abbreviations(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => EN,
        "de" => DE,
        "fr" => FR,
        "es" => ES,
        "it" => IT,
        "pt" => PT,
        "nl" => NL,
        "pl" => PL,
        "cs" => CS,
        "sl" => SL,
        "bg" => BG,
        "ru" => RU,
        "uk" => UK,
        "tr" => TR,
        "id" => ID,
        "ms" => MS,
        "ar" => &[],
        _ => COMMON,
    }
}

/// Whether `lang` writes ordinal numbers with a dot before a capitalised word (`7. Dezember`,
/// `2. Dünya Savaşı`). Polish, Czech and Slovene write ordinals with a dot too, but the next word
/// (`7. května`) is lower-case, which already keeps the sentence going, so a house number at a
/// sentence end (`ul. Długa 5. Potem`) still splits there.
pub(super) fn writes_ordinal_dot(lang: &str) -> bool {
    matches!(lang, "de" | "tr" | "da" | "nb" | "fi" | "hu")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lower_case() {
        let mut lists = vec![COMMON, NUMBER_ABBREVIATIONS];
        for lang in [
            "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "tr",
            "id", "ms",
        ] {
            lists.push(abbreviations(lang));
        }
        for list in lists {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
            assert!(
                list.iter().all(|word| word.to_lowercase() == *word),
                "{list:?}"
            );
        }
    }
}
