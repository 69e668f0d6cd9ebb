//! Data-driven tests of number reading, per language.

use super::*;

fn check(lang: &str, cases: &[(&str, Option<f64>)]) {
    let numbers = Numbers::new();
    for (surface, want) in cases {
        let got = numbers.parse(surface, lang);
        let same = match (got, want) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            (None, None) => true,
            _ => false,
        };
        assert!(same, "{lang} {surface:?}: got {got:?}, want {want:?}");
    }
}

#[test]
fn digits_follow_the_language() {
    check(
        "de",
        &[
            ("40.000", Some(40_000.0)),
            ("1,5", Some(1.5)),
            ("1.000.000,00", Some(1e6)),
            (",77", Some(0.77)),
        ],
    );
    check("id", &[("100.000", Some(100_000.0)), ("1,1", Some(1.1))]);
    check(
        "en",
        &[
            ("1.5", Some(1.5)),
            ("175,000", Some(175_000.0)),
            ("100,000.0", Some(1e5)),
            ("3.2.1", None),
        ],
    );
    check(
        "fr",
        &[
            ("100 000", Some(1e5)),
            ("6 700,54", Some(6700.54)),
            ("1,5", Some(1.5)),
            ("100.000", Some(1e5)),
        ],
    );
    check(
        "pl",
        &[
            ("100,000", Some(1e5)),
            ("1.1", Some(1.1)),
            ("1,5", Some(1.5)),
        ],
    );
    check(
        "und",
        &[
            ("40.000", Some(40_000.0)),
            ("1.5", Some(1.5)),
            ("1,5", Some(1.5)),
            ("175,000", Some(175_000.0)),
        ],
    );
}

#[test]
fn suffixes_and_scales() {
    check(
        "en",
        &[
            ("100K", Some(1e5)),
            ("1.2M", Some(1.2e6)),
            (".0012G", Some(1.2e6)),
            ("3 million", Some(3e6)),
            ("$", None),
        ],
    );
    check(
        "de",
        &[
            ("1,5 Mio.", None),
            ("1,5 Mio", Some(1.5e6)),
            ("drei Millionen", Some(3e6)),
        ],
    );
    check(
        "id",
        &[
            ("100 ribu", Some(1e5)),
            ("5 juta", Some(5e6)),
            ("dua miliar", Some(2e9)),
        ],
    );
    check(
        "ru",
        &[
            ("100к", Some(1e5)),
            ("3 тысячи", Some(3000.0)),
            ("5 млн", Some(5e6)),
            ("десять тысяч", Some(1e4)),
        ],
    );
    check("it", &[("100 mila", Some(1e5)), ("due milioni", Some(2e6))]);
}

#[test]
fn spelled_out_numbers() {
    check(
        "en",
        &[
            (
                "seven hundred twenty-one thousand and twelve",
                Some(721_012.0),
            ),
            (
                "thirty-one million two hundred fifty-six thousand seven hundred twenty-one",
                Some(31_256_721.0),
            ),
            ("one twenty two", Some(122.0)),
            ("two point two million", Some(2.2e6)),
            ("three thousand millions", Some(3e9)),
            ("a dozen", Some(12.0)),
            ("two hundred dozens", Some(2400.0)),
            ("minus three million two hundred thousand", Some(-3.2e6)),
            ("soldiers", None),
        ],
    );
    check(
        "de",
        &[
            ("dreiunddreißig", Some(33.0)),
            ("siebenhunderteinundzwanzigtausendundzwölf", Some(721_012.0)),
            ("achtzehnhundertzweiundfünfzig", Some(1852.0)),
            ("Hundertzwei", Some(102.0)),
            ("tausendvierhundertsechzehn Komma fünfzehn", Some(1416.15)),
            (
                "einunddreißig Millionen zweihundertsechsundfünfzigtausendundsiebenhunderteinundzwanzig",
                Some(31_256_721.0),
            ),
            ("Einheiten", None),
        ],
    );
    check(
        "fr",
        &[
            ("quatre vingt dix neuf", Some(99.0)),
            ("soixante-dix-huit", Some(78.0)),
            ("vingt et un", Some(21.0)),
            ("un million deux cent mille", Some(1.2e6)),
        ],
    );
    check(
        "es",
        &[
            ("veintidós", Some(22.0)),
            ("doscientos tres mil", Some(203_000.0)),
            ("cuatro millones dos mil tres", Some(4_002_003.0)),
            ("diez y seis", Some(16.0)),
            ("uno coma 5", Some(1.5)),
            // Feminine "una" before a point word is the number one, not an article.
            ("una punto cinco", Some(1.5)),
        ],
    );
    check(
        "it",
        &[
            ("trentatré", Some(33.0)),
            ("duecentomila", Some(200_000.0)),
            ("ventuno", Some(21.0)),
        ],
    );
    check(
        "nl",
        &[
            ("drieëndertig", Some(33.0)),
            ("honderd twee en twintig", Some(122.0)),
            ("3 en 30", Some(33.0)),
        ],
    );
    check(
        "id",
        &[
            (
                "tiga puluh satu juta dua ratus lima puluh enam ribu tujuh ratus dua puluh satu",
                Some(31_256_721.0),
            ),
            ("tujuh belas", Some(17.0)),
            ("seratus", Some(100.0)),
            ("sepuluh ribu sebelas", Some(10_011.0)),
        ],
    );
    check(
        "pl",
        &[
            ("dwieście tysięcy", Some(200_000.0)),
            ("dziewięćdziesięciu dwóm", Some(92.0)),
            ("sześćdziesiąt pięć milionów", Some(65e6)),
        ],
    );
    check(
        "ru",
        &[
            ("пятьсот девяноста пять", Some(595.0)),
            ("три с половиной", Some(3.5)),
            ("двухсот тысяч", Some(200_000.0)),
            ("полторы", Some(1.5)),
        ],
    );
    check(
        "uk",
        &[
            ("п‘ятсот двадцять п‘ять", Some(525.0)),
            ("п'ятдесяти тисяч", Some(50_000.0)),
        ],
    );
    check(
        "bg",
        &[
            ("петстотин двадесет и пет", Some(525.0)),
            ("едно цяло и едно", Some(1.1)),
        ],
    );
    check(
        "cs",
        &[("dvě stě", Some(200.0)), ("pět tisíc", Some(5000.0))],
    );
    check(
        "sl",
        &[
            ("petindvajset", Some(25.0)),
            ("dvesto tisoč", Some(200_000.0)),
        ],
    );
}
