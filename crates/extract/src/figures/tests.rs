//! Data-driven tests of figure finding: per language, every figure of a text, described as
//! `value[..max] qualifier unit counted/base` (`-` for none).

use super::*;

fn describe(f: &Figure) -> String {
    let value = match f.value_max {
        Some(max) => format!("{}..{}", f.value, max),
        None => format!("{}", f.value),
    };
    format!(
        "{value} {} {} {}/{}",
        f.qualifier.as_str(),
        f.unit.as_deref().unwrap_or("-"),
        f.counted.as_deref().unwrap_or("-"),
        f.counted_base.as_deref().unwrap_or("-"),
    )
}

/// Sentences for tests: one per line.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push(Span::new(start, start + line.trim_end().len()));
        start += line.len();
    }
    out
}

fn check(lang: &str, text: &str, want: &[&str]) {
    let tables = FigureTables::new();
    let figures = find_figures(text, &lines(text), lang, &tables);
    let got: Vec<String> = figures.iter().map(describe).collect();
    assert_eq!(got, want, "{lang}: {text:?}");
}

#[test]
fn counted_nouns_and_qualifiers() {
    check(
        "en",
        "The call between the two men dates back to July 9; two women spoke.",
        &["2 exact - men/man", "2 exact - women/woman"],
    );
    check(
        "en",
        "Ukraine has been torn apart since 2014 by a war that has left more than 13,000 dead.",
        &["13000 at_least - dead/dead"],
    );
    check(
        "en",
        "Within three weeks, two armies and three airborne divisions were deployed.",
        &[
            "3 exact - weeks/week",
            "2 exact - armies/army",
            "3 exact - divisions/division",
        ],
    );
    check(
        "en",
        "Kiev accuses Russia of sending tens of thousands of troops to the border.",
        &["10000..100000 approximate - troops/troop"],
    );
    check(
        "en",
        "They estimate between 80,000 and 100,000 troops, a $2 billion budget and 12% more.",
        &[
            "80000..100000 exact - troops/troop",
            "2000000000 exact USD -/-",
            "12 exact % -/-",
        ],
    );
    check(
        "en",
        "Some 175,000 troops; 29 soldiers killed; 1.5 million people.",
        &[
            "175000 approximate - troops/troop",
            "29 exact - soldiers/soldier",
            "1500000 exact - people/person",
        ],
    );
    check(
        "de",
        "Mindestens 100 Einheiten, etwa 100.000 Soldaten und 1,5 Mio. Euro, 29 ukrainische Soldaten, ungefähr 50 Tote.",
        &[
            "100 at_least - Einheiten/Einheit",
            "100000 approximate - Soldaten/Soldat",
            "1500000 exact EUR -/-",
            "29 exact - Soldaten/Soldat",
            "50 approximate - Tote/Tote",
        ],
    );
    check(
        "de",
        "Die NATO will 40.000 Soldaten und 15.000 Kriegsfahrzeuge einsetzen; Zehntausende Menschen.",
        &[
            "40000 exact - Soldaten/Soldat",
            "15000 exact - Kriegsfahrzeuge/Kriegsfahrzeug",
            "10000..100000 approximate - Menschen/Mensch",
        ],
    );
    check(
        "id",
        "Setidaknya 100 ribu unit akan digunakan, sekitar 50 orang tewas dan dua tentara serta tiga divisi.",
        &[
            "100000 at_least - unit/unit",
            "50 approximate - orang/orang",
            "2 exact - tentara/tentara",
            "3 exact - divisi/divisi",
        ],
    );
    check(
        "fr",
        "Plus de 175 000 soldats russes et des dizaines de milliers de civils, 20 millions d'euros.",
        &[
            "175000 at_least - soldats/soldat",
            "10000..100000 approximate - civils/civil",
            "20000000 exact EUR -/-",
        ],
    );
    check(
        "es",
        "Más de 20 mil soldados y unos 300 tanques.",
        &[
            "20000 at_least - soldados/soldado",
            "300 approximate - tanques/tanque",
        ],
    );
    check(
        "it",
        "Almeno 100 mila soldati e circa trenta carri armati.",
        &[
            "100000 at_least - soldati/soldato",
            "30 approximate - carri/carro",
        ],
    );
    check(
        "nl",
        "Meer dan 40.000 Russische soldaten en ongeveer vijftig tanks.",
        &[
            "40000 at_least - soldaten/soldaat",
            "50 approximate - tanks/tank",
        ],
    );
    check(
        "ru",
        "Более 100 тысяч российских военных и около двухсот танков.",
        &[
            "100000 at_least - военных/военный",
            "200 approximate - танков/танк",
        ],
    );
    check(
        "uk",
        "Понад 90 тисяч російських військових, близько п'ятдесяти танків.",
        &[
            "90000 at_least - військових/військовий",
            "50 approximate - танків/танк",
        ],
    );
    check(
        "pl",
        "Ponad 100 tysięcy żołnierzy i około dwustu czołgów.",
        &[
            "100000 at_least - żołnierzy/żołnierz",
            "200 approximate - czołgów/czołg",
        ],
    );
    check(
        "cs",
        "Přes 100 tisíc vojáků a asi dvě stě tanků.",
        &[
            "100000 at_least - vojáků/voják",
            "200 approximate - tanků/tank",
        ],
    );
    check(
        "sl",
        "Več kot 100 tisoč vojakov.",
        &["100000 at_least - vojakov/vojak"],
    );
    check(
        "bg",
        "Над 100 хиляди войници и около 50 танка.",
        &[
            "100000 at_least - войници/войник",
            "50 approximate - танка/танк",
        ],
    );
}

#[test]
fn not_figures() {
    check("es", "Lo anunció con un tuit.", &[]);
    check(
        "pl",
        "Spotkanie o 18.00, a 1,5 proc. później.",
        &["1.5 exact % -/-"],
    );
    check("ru", "До 5 утра.", &[]);
    check(
        "ru",
        "Встреча в 19.40, цена 3.04 грн.",
        &["3.04 exact UAH -/-"],
    );
    check("es", "Visto 5929 Martin y 2019 ra.", &["5929 exact - -/-"]);
    check(
        "it",
        "Dal 2019 a $ 76 milioni.",
        &["76000000 exact USD -/-"],
    );
    check(
        "en",
        "On Tuesday, December 7, 2021 at 10:30, call +49 30 1234567 about COVID-19 and Article 5 (December 2nd).",
        &[],
    );
    check(
        "en",
        "In 2020 the F-16 flew; since 2008 nothing; 2021-12-05T09:28:38.493Z.",
        &[],
    );
    check(
        "de",
        "Am 7. Dezember um 10 Uhr begann der 2. Weltkrieg nicht; Artikel 5 gilt seit 2014.",
        &[],
    );
    check("ru", "2 декабря в 2021 году, статья 5.", &[]);
    check(
        "id",
        "Pada tahun 2020, pasal 5 berlaku sejak 12 Desember.",
        &[],
    );
    check("fr", "Le 3e jour, le 2 décembre 2021.", &[]);
}

#[test]
fn seed_articles_yield_their_figures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");
    let tables = FigureTables::new();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "000_e2b0121ecf72bbb5.txt",
            "id",
            &[
                "100000 at_least - unit/unit",
                "40000 exact - tentara/tentara",
                "15000 exact - kendaraan/kendaraan",
                "400 exact - tentara/tentara",
                "100000 approximate - tentara/tentara",
                "29 exact - tentara/tentara",
                "50 approximate - orang/orang",
            ],
        ),
        (
            "001_094a88c166a7f8c4.txt",
            "de",
            &[
                "100 at_least - Einheiten/Einheit",
                "40000 exact - Soldaten/Soldat",
                "15000 exact - Kriegsfahrzeuge/Kriegsfahrzeug",
                "400 exact - Soldaten/Soldat",
                "100000 approximate - Soldaten/Soldat",
                "29 exact - Soldaten/Soldat",
                "50 approximate - Tote/Tote",
            ],
        ),
        (
            "002_ee3edb7266c309a6.txt",
            "en",
            &[
                "175000 exact - troops/troop",
                "94000 exact - -/-",
                "13000 at_least - dead/dead",
            ],
        ),
        (
            "003_acbc409ad9421864.txt",
            "en",
            &[
                "10000..100000 approximate - troops/troop",
                "80000 at_least - soldiers/soldier",
                "2 exact - armies/army",
                "3 exact - formations/formation",
            ],
        ),
        ("004_581ca8c252333ccd.txt", "en", &["61 exact - -/-"]),
    ];
    for (file, lang, want) in cases {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).expect("seed readable");
        let figures = find_figures(&text, &lines(&text), lang, &tables);
        let got: Vec<String> = figures.iter().map(describe).collect();
        for w in *want {
            assert!(
                got.iter().any(|g| g == w),
                "{file}: missing {w:?} in {got:?}"
            );
        }
        // Every figure sits in the sentence the test split gave it.
        let sentences = lines(&text);
        for f in &figures {
            let s = sentences[f.sentence as usize];
            assert!(
                s.start <= f.span.start && f.span.end <= s.end,
                "{file}: {f:?}"
            );
        }
    }
}

#[test]
fn base_forms_per_language() {
    let cases: &[(&str, &str, &str)] = &[
        ("en", "troops", "troop"),
        ("en", "divisions", "division"),
        ("en", "armies", "army"),
        ("en", "people", "person"),
        ("en", "dead", "dead"),
        ("de", "Soldaten", "Soldat"),
        ("de", "Einheiten", "Einheit"),
        ("de", "Kriegsfahrzeuge", "Kriegsfahrzeug"),
        ("de", "Tote", "Tote"),
        ("de", "Schwerverletzten", "Schwerverletzte"),
        ("de", "Fahrten", "Fahrt"),
        ("de", "Raketen", "Rakete"),
        ("de", "Truppen", "Truppe"),
        ("de", "Panzer", "Panzer"),
        ("fr", "soldats", "soldat"),
        ("fr", "chevaux", "cheval"),
        ("fr", "décès", "décès"),
        ("es", "soldados", "soldado"),
        ("es", "aviones", "avión"),
        ("es", "militares", "militar"),
        ("it", "soldati", "soldato"),
        ("it", "truppe", "truppa"),
        ("it", "divisioni", "divisione"),
        ("nl", "soldaten", "soldaat"),
        ("nl", "tanks", "tank"),
        ("pl", "żołnierzy", "żołnierz"),
        ("pl", "czołgów", "czołg"),
        ("cs", "vojáků", "voják"),
        ("sl", "vojakov", "vojak"),
        ("bg", "войници", "войник"),
        ("ru", "танков", "танк"),
        ("ru", "военных", "военный"),
        ("uk", "танків", "танк"),
        ("uk", "військових", "військовий"),
        ("id", "tentara", "tentara"),
        ("id", "pasukannya", "pasukan"),
    ];
    for (lang, word, want) in cases {
        assert_eq!(base_form(word, lang, 2.0), *want, "{lang} {word}");
    }
    assert_eq!(base_form("soldiers", "en", 1.0), "soldiers");
}

#[test]
fn never_panics_on_cut_or_odd_text() {
    let tables = FigureTables::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");
    let mut texts: Vec<String> = [
        "", " ", "$", "US$", "1/", "/1", "- 1", ",5", "1,", "1.2.3.4", "+", "₴.", "k", "a", "п‘",
        "'", "1-", "-1-", "Rs.", "¢¢¢",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    texts.push("9".repeat(400));
    texts.push("1 000 000 000 000 000 000 000 000 000 000 000".into());
    let seed =
        std::fs::read_to_string(format!("{dir}/002_ee3edb7266c309a6.txt")).expect("seed readable");
    let bounds: Vec<usize> = (0..=seed.len())
        .filter(|&i| seed.is_char_boundary(i))
        .step_by(37)
        .collect();
    for (n, &start) in bounds.iter().enumerate() {
        let end = bounds[(n + 4).min(bounds.len() - 1)];
        texts.push(seed[start..end].to_string());
    }
    for text in &texts {
        for lang in crate::numbers::LANGUAGES.iter().chain(&["und"]) {
            let sentences = [Span::new(0, text.len())];
            for f in find_figures(text, &sentences, lang, &tables) {
                assert!(
                    f.span.end as usize <= text.len() && f.span.start < f.span.end,
                    "{lang} {text:?}"
                );
                assert!(
                    text.is_char_boundary(f.span.start as usize)
                        && text.is_char_boundary(f.span.end as usize)
                );
            }
            let _ = find_figures(text, &[], lang, &tables);
            let _ = tables.numbers().parse(text, lang);
        }
    }
}

#[test]
fn ranges_per_language() {
    let want = ["80000..100000 exact"];
    let cases: &[(&str, &str)] = &[
        ("en", "between 80,000 and 100,000 troops"),
        ("en", "80,000-100,000 troops"),
        ("en", "from 80 to 100 thousand troops"),
        ("de", "zwischen 80.000 und 100.000 Soldaten"),
        ("de", "80.000 bis 100.000 Soldaten"),
        ("fr", "entre 80 000 et 100 000 soldats"),
        ("es", "entre 80.000 y 100.000 soldados"),
        ("it", "tra 80 e 100 mila soldati"),
        ("nl", "tussen 80.000 en 100.000 soldaten"),
        ("pl", "od 80 do 100 tysięcy żołnierzy"),
        ("cs", "od 80 do 100 tisíc vojáků"),
        ("sl", "med 80 in 100 tisoč vojaki"),
        ("bg", "между 80 и 100 хиляди войници"),
        ("ru", "от 80 до 100 тысяч военных"),
        ("uk", "від 80 до 100 тисяч військових"),
        ("id", "antara 80 ribu hingga 100 ribu tentara"),
        ("id", "80-100 ribu tentara"),
    ];
    let tables = FigureTables::new();
    for (lang, text) in cases {
        let figures = find_figures(text, &lines(text), lang, &tables);
        let got: Vec<String> = figures
            .iter()
            .map(|f| describe(f).split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(got, want, "{lang}: {text:?}");
        assert!(figures[0].counted.is_some(), "{lang}: {text:?}");
    }
}

#[test]
fn units_without_numbers_and_short_forms() {
    // A fraction of a three-letter measure ("cup") is no currency.
    check("en", "Add 3/4 cup of milk.", &["0.75 exact cup milk/milk"]);
    // A spaced lower-case "c" is cents when nothing follows; "C" is Celsius.
    check(
        "en",
        "It costs 10 c; at 10 C it froze; 4 c students.",
        &[
            "10 exact cent -/-",
            "10 exact - -/-",
            "4 exact - students/student",
        ],
    );
    // The Egyptian pound in English only: French "le" after a number is the article.
    check(
        "en",
        "Tickets cost 42 LE, 50 l.e. or 60 le.",
        &["42 exact EGP -/-", "50 exact EGP -/-", "60 exact EGP -/-"],
    );
    check("fr", "Ils étaient 42 le premier jour.", &["42 exact - -/-"]);
    // Russian "фунт": sterling pays, a substance in the genitive weighs, a fine pays.
    check(
        "ru",
        "2 фунта сахара, 10 фунтов стерлингов и 5 фунтов штрафа.",
        &[
            "2 exact lb сахара/сахар",
            "10 exact GBP -/-",
            "5 exact GBP -/-",
        ],
    );
    check(
        "ru",
        "Он заплатил 20 долларами 43 центами.",
        &["20.43 exact USD -/-"],
    );
    // Without articles, a unit word alone is one unit; not as a rate, not as a currency's name.
    check(
        "ru",
        "Купил килограмм яблок по 100 рублей за кг; фунт стерлингов подешевел.",
        &["1 exact kg яблок/яблок", "100 exact RUB -/-"],
    );
    check(
        "uk",
        "Кілограм цукру коштує 40 грн/кг.",
        &["1 exact kg цукру/цукру", "40 exact UAH -/-"],
    );
}

// The steps of `Pass::figure_at`, one test each.

static TABLES: std::sync::LazyLock<FigureTables> = std::sync::LazyLock::new(FigureTables::new);

/// Runs `f` on a pass over `text` (one sentence), with the token limit.
fn on_pass<T>(lang: &str, text: &str, f: impl FnOnce(&mut Pass<'_>, usize) -> T) -> T {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    let tables = &*TABLES;
    let mut pass = Pass {
        text,
        toks: &toks,
        tables,
        nl: tables.numbers.lang(lang),
        lx: tables.lexicon(lang),
        scratch: Scratch::default(),
    };
    let limit = toks.len();
    f(&mut pass, limit)
}

/// The first token of `word` in `text`.
fn token_of(pass: &Pass<'_>, word: &str) -> usize {
    (0..pass.toks.len())
        .find(|&k| pass.toks[k].text(pass.text).starts_with(word))
        .unwrap_or_else(|| panic!("{word:?} is no token"))
}

/// The currency and the number read at token `i`, as a draft for the later steps.
fn started(pass: &mut Pass<'_>, i: usize, limit: usize) -> (NumRead, Draft) {
    let (unit, num_start) = pass.currency_before(i, limit).expect("a number follows");
    let Ok(read) = pass.number_at(i, num_start, unit, limit) else {
        panic!("no number at {:?}", pass.toks[i].text(pass.text));
    };
    let draft = Draft {
        left: i,
        num_start,
        end: read.end,
        value: read.value,
        value_max: None,
        unit,
        qualifier: Qualifier::Exact,
    };
    (read, draft)
}

fn check_currency(lang: &str, text: &str, expected: Option<(Option<&str>, usize)>) {
    let got = on_pass(lang, text, |pass, limit| pass.currency_before(0, limit));
    assert_eq!(got, expected, "{text:?}");
}

#[test]
fn currency_before_the_number() {
    check_currency("en", "US$ 5", Some((Some("USD"), 2)));
    check_currency("id", "Rp. 315", Some((Some("IDR"), 2)));
    check_currency("en", "$20", Some((Some("USD"), 1)));
    check_currency("en", "20", Some((None, 0)));
    check_currency("en", "$", None);
}

#[test]
fn number_at_rules_out_articles_and_identifiers() {
    let value = |lang: &str, text: &str| {
        on_pass(lang, text, |pass, limit| {
            pass.number_at(0, 0, None, limit).ok().map(|r| r.value)
        })
    };
    assert_eq!(value("en", "a dollar"), Some(1.0));
    assert_eq!(value("en", "a man"), None);
    assert_eq!(value("de", "drei Millionen Euro"), Some(3e6));
    assert_eq!(value("en", "COVID-19 cases"), None);
}

#[test]
fn unit_after_the_number() {
    let unit = |lang: &str, text: &str| {
        on_pass(lang, text, |pass, limit| {
            let (read, mut draft) = started(pass, 0, limit);
            pass.unit_after(&read, &mut draft, limit);
            let read_to = pass.toks[draft.end - 1].end as usize;
            (draft.unit, pass.text[..read_to].to_owned())
        })
    };
    assert_eq!(
        unit("de", "1,5 Mio. Euro"),
        (Some("EUR"), "1,5 Mio. Euro".into())
    );
    assert_eq!(
        unit("fr", "20 millions d'euros"),
        (Some("EUR"), "20 millions d'euros".into())
    );
    assert_eq!(unit("en", "12% more"), (Some("%"), "12%".into()));
    assert_eq!(unit("en", "12 troops"), (None, "12".into()));
}

#[test]
fn range_of_two_numbers() {
    let range = |text: &str, at: &str| {
        on_pass("en", text, |pass, limit| {
            let i = token_of(pass, at);
            let (read, mut draft) = started(pass, i, limit);
            pass.unit_after(&read, &mut draft, limit);
            pass.range_of(&read, &mut draft, limit);
            (draft.left, draft.value, draft.value_max)
        })
    };
    assert_eq!(
        range("between 80,000 and 100,000 troops", "80"),
        (0, 80_000.0, Some(100_000.0))
    );
    assert_eq!(
        range("80 to 100 thousand", "80"),
        (0, 80_000.0, Some(100_000.0))
    );
    // A range does not jump three orders of magnitude.
    assert_eq!(range("2019 to 5000000", "2019"), (0, 2019.0, None));
}

#[test]
fn cents_of_a_currency() {
    let value = |text: &str| {
        on_pass("en", text, |pass, limit| {
            let (read, mut draft) = started(pass, 0, limit);
            pass.unit_after(&read, &mut draft, limit);
            pass.cents_of(&mut draft, limit);
            draft.value
        })
    };
    assert_eq!(value("$20 and 43c"), 20.43);
    assert_eq!(value("20 dollars 43 cents"), 20.43);
    assert_eq!(value("20 kg and 43c"), 20.0);
}

#[test]
fn qualify_from_both_sides() {
    let qualified = |text: &str, at: &str| {
        on_pass("en", text, |pass, limit| {
            let i = token_of(pass, at);
            let (read, mut draft) = started(pass, i, limit);
            pass.qualify(&read, &mut draft, limit);
            (draft.qualifier, draft.left, draft.value_max)
        })
    };
    assert_eq!(
        qualified("more than 13,000 dead", "13"),
        (Qualifier::AtLeast, 0, None)
    );
    assert_eq!(
        qualified("10,000+ people", "10"),
        (Qualifier::AtLeast, 0, None)
    );
    assert_eq!(
        qualified("about 50 people", "50"),
        (Qualifier::Approximate, 0, None)
    );
    assert_eq!(
        qualified("tens of thousands of troops", "tens"),
        (Qualifier::Approximate, 0, Some(100_000.0))
    );
}

#[test]
fn counted_of_skips_money_and_of() {
    let counted = |text: &str| {
        on_pass("en", text, |pass, limit| {
            let (read, mut draft) = started(pass, 0, limit);
            pass.unit_after(&read, &mut draft, limit);
            pass.counted_of(&read, &draft, limit)
                .map(|k| pass.toks[k].text(pass.text).to_owned())
        })
    };
    assert_eq!(
        counted("3 airborne divisions").as_deref(),
        Some("divisions")
    );
    assert_eq!(counted("millions of people").as_deref(), Some("people"));
    assert_eq!(counted("$5 bills"), None);
}

#[test]
fn not_a_figure_after_all() {
    let skipped = |lang: &str, text: &str, at: &str| {
        on_pass(lang, text, |pass, limit| {
            let i = token_of(pass, at);
            let (read, mut draft) = started(pass, i, limit);
            pass.unit_after(&read, &mut draft, limit);
            let counted = pass.counted_of(&read, &draft, limit);
            pass.not_a_figure(&read, &draft, counted, limit).is_some()
        })
    };
    assert!(skipped("en", "since 2014 there", "2014"));
    assert!(skipped("en", "the Two Sicilies", "Two"));
    assert!(skipped("en", "the two of them", "two"));
    assert!(!skipped("en", "2020 soldiers", "2020"));
    assert!(!skipped("en", "two soldiers", "two"));
}

#[test]
fn finish_takes_the_counted_nouns_base() {
    let figure = on_pass("en", "3 armies left", |pass, limit| {
        let (read, draft) = started(pass, 0, limit);
        let counted = pass.counted_of(&read, &draft, limit);
        match pass.finish(&read, draft, counted, 4) {
            Step::Found(figure, next) => (describe(&figure), figure.sentence, next),
            Step::Skip(_) => panic!("a figure"),
        }
    });
    assert_eq!(figure, ("3 exact - armies/army".to_owned(), 4, 2));
}

// The steps of `base_form`, one test each.

#[test]
fn base_form_takes_irregular_plurals_first() {
    assert_eq!(base_form("People", "en", 5.0), "person");
    assert_eq!(base_form("Menschen", "de", 5.0), "Mensch");
    // One of something is already its base form.
    assert_eq!(base_form("Soldiers", "en", 1.0), "soldiers");
    // Irregular plurals belong to their language.
    assert_eq!(base_form("children", "fr", 5.0), "children");
}

#[test]
fn german_base_keeps_adjectival_nouns() {
    assert_eq!(
        german_base("Schwerverletzten").as_deref(),
        Some("Schwerverletzte")
    );
    assert_eq!(german_base("Fahrten").as_deref(), Some("Fahrt"));
    assert_eq!(german_base("Soldaten"), None);
    assert_eq!(base_form("Soldaten", "de", 5.0), "Soldat");
}

#[test]
fn indonesian_base_strips_the_possessive_only() {
    assert_eq!(indonesian_base("tentaranya"), "tentara");
    assert_eq!(indonesian_base("anya"), "anya");
    assert_eq!(indonesian_base("orang"), "orang");
}

#[test]
fn strip_plural_takes_the_first_ending_that_fits() {
    assert_eq!(strip_plural("armies", "en"), "army");
    assert_eq!(strip_plural("bus", "en"), "bus");
    assert_eq!(strip_plural("żołnierzy", "pl"), "żołnierz");
    assert_eq!(strip_plural("солдатов", "ru"), "солдат");
    // Three letters must remain.
    assert_eq!(strip_plural("ids", "en"), "ids");
    assert_eq!(strip_plural("askers", "xx"), "askers");
}

#[test]
fn a_numeral_beyond_f64_is_no_figure() {
    let text = format!(
        "Officials said {} people left, and 12 soldiers.",
        "9".repeat(5000)
    );
    let tables = FigureTables::new();
    let figures = find_figures(&text, &lines(&text), "en", &tables);
    assert!(figures.iter().all(|f| f.value.is_finite()), "{figures:?}");
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!(figures[0].value, 12.0);
}
