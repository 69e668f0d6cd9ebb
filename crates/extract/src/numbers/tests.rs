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

// The steps of `Numbers::read`, one test each, on a reader over a text in running-text mode.

static NUMBERS: std::sync::LazyLock<Numbers> = std::sync::LazyLock::new(Numbers::new);

/// Runs `f` on a fresh reader over `text` from its first token.
fn on_reader<T>(lang: &str, text: &str, f: impl FnOnce(&mut Reader<'_>, &mut Scratch) -> T) -> T {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    let numbers = &*NUMBERS;
    let at = At {
        text,
        toks: &toks,
        start: 0,
        limit: toks.len(),
    };
    let mut reader = Reader {
        numbers,
        lang: numbers.lang(lang),
        at,
        strict: false,
        state: Reading::at(0),
    };
    f(&mut reader, &mut Scratch::default())
}

#[test]
fn digits_merge_groups_and_glued_multipliers() {
    let read = |lang: &str, text: &str| {
        on_reader(lang, text, |r, scratch| {
            let flow = r.digits(scratch);
            (matches!(flow, Flow::Next), r.state.acc.value(), r.state.end)
        })
    };
    assert_eq!(read("fr", "100 000 soldats"), (true, 100_000.0, 2));
    assert_eq!(read("en", "100K troops"), (true, 100_000.0, 2));
    assert_eq!(read("en", "3bn"), (true, 3e9, 2));
    assert_eq!(read("en", "12 troops"), (true, 12.0, 1));
}

#[test]
fn grouped_digits_take_groups_of_three_only() {
    let grouped = |lang: &str, text: &str| on_reader(lang, text, |r, _| r.grouped_digits(0));
    assert_eq!(grouped("fr", "6 700,54"), Some((6700.54, 2)));
    assert_eq!(grouped("fr", "6 70"), Some((6.0, 1)));
    assert_eq!(grouped("en", "x"), None);
}

#[test]
fn a_hyphen_joins_number_words_only() {
    let joins = |text: &str, words_seen: bool| {
        on_reader("en", text, |r, _| {
            r.state.j = 1;
            r.state.words_seen = words_seen;
            matches!(r.hyphen(), Flow::Next)
        })
    };
    assert!(joins("twenty-one", true));
    assert!(!joins("20-21", false));
    assert!(!joins("twenty - one", true));
}

#[test]
fn a_word_is_read_whole_or_not_at_all() {
    let word = |lang: &str, text: &str| {
        on_reader(lang, text, |r, scratch| {
            let next = matches!(r.word(scratch), Flow::Next);
            (next, r.state.acc.value(), r.state.pending_connector)
        })
    };
    assert_eq!(word("de", "einundzwanzig"), (true, 21.0, false));
    assert_eq!(word("en", "seven"), (true, 7.0, false));
    assert_eq!(word("en", "troops"), (false, 0.0, false));
    // A leading connector is no number.
    assert_eq!(word("en", "and"), (false, 0.0, false));
}

#[test]
fn parts_apply_to_a_copy() {
    on_reader("en", "hundred", |r, _| {
        r.state.acc.add_value(3.0, false, "en");
        let before = r.state.acc.value();
        let entry = r.lang.word("hundred").expect("a number word");
        let (trial, conn, point) = r.parts(&[entry], "hundred").expect("applies");
        assert_eq!((trial.value(), conn, point), (300.0, false, false));
        // The reader's own state is untouched until the word is taken.
        assert_eq!(r.state.acc.value(), before);
    });
}

#[test]
fn a_vague_word_takes_a_larger_scale() {
    let vague = |lang: &str, text: &str| {
        on_reader(lang, text, |r, scratch| {
            r.vague_scale(10.0, scratch);
            (r.state.vague, r.state.end)
        })
    };
    assert_eq!(vague("en", "tens of thousands"), (Some(10_000.0), 3));
    assert_eq!(vague("en", "tens of troops"), (None, 1));
}

#[test]
fn decimals_follow_a_point_word() {
    let decimals = |lang: &str, text: &str| {
        on_reader(lang, text, |r, scratch| {
            r.state.acc.add_value(2.0, false, lang);
            r.state.j = 2;
            let ok = !matches!(r.decimals(scratch), Flow::Fail);
            (ok, r.state.acc.value(), r.state.end)
        })
    };
    assert_eq!(decimals("en", "two point two million"), (true, 2.2e6, 4));
    assert_eq!(decimals("en", "two point"), (false, 2.0, 0));
}

#[test]
fn finish_makes_the_result() {
    let finished = |text: &str, vague: Option<f64>, end: usize| {
        on_reader("en", text, |r, _| {
            r.state.vague = vague;
            r.state.end = end;
            r.state.acc.add_value(5.0, false, "en");
            let state = std::mem::replace(&mut r.state, Reading::at(0));
            let reader = Reader { state, ..*r };
            reader.finish().map(|n| (n.value, n.vague))
        })
    };
    assert_eq!(finished("five", None, 1), Some((5.0, false)));
    assert_eq!(finished("five", None, 0), None);
    // "several" alone is no number; "thousands" is.
    assert_eq!(finished("several", Some(3.0), 1), None);
    assert_eq!(finished("thousands", Some(1000.0), 1), Some((1000.0, true)));
}

#[test]
fn portuguese_numbers() {
    check(
        "pt",
        &[
            ("vinte e um", Some(21.0)),
            ("cento e vinte", Some(120.0)),
            ("dois milhões", Some(2e6)),
            ("1.000,5", Some(1000.5)),
            ("um", Some(1.0)),
        ],
    );
}
