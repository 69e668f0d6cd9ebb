//! Tests of quotation finding and speaker attribution: per language, per quote style, and the seed
//! articles read by a person (with and without entity mentions).

use super::*;

/// Mentions for every occurrence of each `(surface, kind, base)` in `text`, sorted by span, the way a
/// tagger would give them.
fn mentions(text: &str, names: &[(&str, EntityType, &str)]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut names = names.to_vec();
    names.sort_by_key(|(surface, _, _)| std::cmp::Reverse(surface.len()));
    for (surface, kind, base) in names {
        for (p, _) in text.match_indices(surface) {
            let end = p + surface.len();
            let bounded = !text[..p]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let overlapping = out
                .iter()
                .any(|m| (m.span.start as usize) < end && p < m.span.end as usize);
            if bounded && !overlapping {
                out.push(Mention {
                    span: Span::new(p, end),
                    kind,
                    base: base.to_owned(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.span);
    out
}

/// Checks the quotes found in `text` as `(quoted text, speaker)` pairs.
fn check_with(text: &str, lang: &str, found: &[Mention], expected: &[(&str, Option<&str>)]) {
    let finder = QuoteFinder::new();
    let got: Vec<(&str, Option<String>)> = finder
        .find(text, &[], found, lang)
        .into_iter()
        .map(|q| (q.span.of(text), q.speaker))
        .collect();
    let expected: Vec<(&str, Option<String>)> = expected
        .iter()
        .map(|&(q, s)| (q, s.map(str::to_owned)))
        .collect();
    assert_eq!(got, expected, "in {text:?}");
}

fn check(text: &str, lang: &str, expected: &[(&str, Option<&str>)]) {
    check_with(text, lang, &[], expected);
}

#[test]
fn english() {
    check(
        "“We will not back down,” Smith said.",
        "en",
        &[("We will not back down", Some("Smith"))],
    );
    check(
        "\"We confirm\" that the talks will happen, Kremlin spokesman Dmitry Peskov said on Saturday.",
        "en",
        &[("We confirm", Some("Dmitry Peskov"))],
    );
    check(
        "On Tuesday, \"we will talk,\" said Jen Psaki, White House spokesperson.",
        "en",
        &[("we will talk", Some("Jen Psaki"))],
    );
    check(
        "Joe Biden wants, according to Jen Psaki, \"strategic stability.\"",
        "en",
        &[("strategic stability.", Some("Jen Psaki"))],
    );
    check(
        "Sergey Lavrov spoke. \"We are ready,\" he said. \"We will respond.\"",
        "en",
        &[
            ("We are ready", Some("Sergey Lavrov")),
            ("We will respond.", Some("Sergey Lavrov")),
        ],
    );
    check(
        "“It is safe,” said Mike Shields, the president of the American Action Network. “We want to be sure.”",
        "en",
        &[
            ("It is safe", Some("Mike Shields")),
            ("We want to be sure.", Some("Mike Shields")),
        ],
    );
    check(
        "\"His campaign is a show, no?\" Freddy Ortega said.",
        "en",
        &[("His campaign is a show, no?", Some("Freddy Ortega"))],
    );
    check(
        "Robby Mook released a memo. He writes Clinton has \"built a nearly insurmountable lead.\"",
        "en",
        &[("built a nearly insurmountable lead.", Some("Robby Mook"))],
    );
    check(
        "Trump subsequently defended the incident,\u{a0}calling the protester “a very obnoxious guy.”",
        "en",
        &[("a very obnoxious guy.", Some("Trump"))],
    );
    check(
        "Clinton, exasperated, famously responded: \"What difference does it make?\"",
        "en",
        &[("What difference does it make?", Some("Clinton"))],
    );
    // A scare quote without a cue is nobody's quotation.
    check("They met \"in person\" in Geneva.", "en", &[]);
    check(
        "“Sources said so,” sources said.",
        "en",
        &[("Sources said so", None)],
    );
}

#[test]
fn german() {
    check(
        "„Wir geben nicht nach“, sagte Scholz.",
        "de",
        &[("Wir geben nicht nach", Some("Scholz"))],
    );
    check(
        "„Die Lage ist ernst“, so Scholz.",
        "de",
        &[("Die Lage ist ernst", Some("Scholz"))],
    );
    check(
        "Der Kanzler Olaf Scholz sagte: „Wir stehen zusammen.“",
        "de",
        &[("Wir stehen zusammen.", Some("Olaf Scholz"))],
    );
    check(
        "Laut einem Bericht will Russland „keinen Konflikt“ mit den USA.",
        "de",
        &[("keinen Konflikt", None)],
    );
}

#[test]
fn romance() {
    check(
        "« Nous ne céderons pas », a déclaré Emmanuel Macron.",
        "fr",
        &[("Nous ne céderons pas", Some("Emmanuel Macron"))],
    );
    check(
        "Selon Emmanuel Macron, « la situation est grave ».",
        "fr",
        &[("la situation est grave", Some("Emmanuel Macron"))],
    );
    check(
        "«No vamos a ceder», dijo Pedro Sánchez.",
        "es",
        &[("No vamos a ceder", Some("Pedro Sánchez"))],
    );
    check(
        "Según Pedro Sánchez, \"la situación es grave\".",
        "es",
        &[("la situación es grave", Some("Pedro Sánchez"))],
    );
    check(
        "«Non cederemo», ha detto Mario Draghi.",
        "it",
        &[("Non cederemo", Some("Mario Draghi"))],
    );
    check(
        "Secondo Mario Draghi, \"la situazione è grave\".",
        "it",
        &[("la situazione è grave", Some("Mario Draghi"))],
    );
    check(
        "\"We geven niet op,\" zei Mark Rutte.",
        "nl",
        &[("We geven niet op", Some("Mark Rutte"))],
    );
    check(
        "Volgens Mark Rutte is \"de situatie ernstig\".",
        "nl",
        &[("de situatie ernstig", Some("Mark Rutte"))],
    );
}

#[test]
fn slavic() {
    check(
        "„Nie ustąpimy” – powiedział Andrzej Duda.",
        "pl",
        &[("Nie ustąpimy", Some("Andrzej Duda"))],
    );
    check(
        "„Neustoupíme,“ řekl Petr Fiala.",
        "cs",
        &[("Neustoupíme", Some("Petr Fiala"))],
    );
    check(
        "»Ne bomo popustili,« je dejal Robert Golob.",
        "sl",
        &[("Ne bomo popustili", Some("Robert Golob"))],
    );
    check(
        "„Няма да отстъпим“, каза Румен Радев.",
        "bg",
        &[("Няма да отстъпим", Some("Румен Радев"))],
    );
    check(
        "«Мы не отступим», — заявил Сергей Лавров.",
        "ru",
        &[("Мы не отступим", Some("Сергей Лавров"))],
    );
    check(
        "По словам Дмитрия Пескова, «ситуация сложная».",
        "ru",
        &[("ситуация сложная", Some("Дмитрия Пескова"))],
    );
    check(
        "«Ми не відступимо», — заявив Дмитро Кулеба.",
        "uk",
        &[("Ми не відступимо", Some("Дмитро Кулеба"))],
    );
    check(
        "Сергей Шойгу: «Мы готовы к ответу».",
        "ru",
        &[("Мы готовы к ответу", Some("Сергей Шойгу"))],
    );
    // A mention gives the base form.
    let text = "По словам Дмитрия Пескова, «ситуация сложная».";
    let found = mentions(
        text,
        &[("Дмитрия Пескова", EntityType::Person, "Дмитрий Песков")],
    );
    check_with(
        text,
        "ru",
        &found,
        &[("ситуация сложная", Some("Дмитрий Песков"))],
    );
}

#[test]
fn indonesian() {
    check(
        "\"Kami tidak akan mundur,\" kata Joko Widodo.",
        "id",
        &[("Kami tidak akan mundur", Some("Joko Widodo"))],
    );
    check(
        "Menurut Joko Widodo, \"situasinya sangat serius\".",
        "id",
        &[("situasinya sangat serius", Some("Joko Widodo"))],
    );
    check(
        "Menurut laporan intelijen, Rusia \"tidak ingin konflik langsung\".",
        "id",
        &[("tidak ingin konflik langsung", None)],
    );
}

#[test]
fn roles_and_pronouns() {
    check(
        "Kremlin spokesman Dmitry Peskov spoke on Monday. Later the spokesman said: \"No talks are planned.\"",
        "en",
        &[("No talks are planned.", Some("Dmitry Peskov"))],
    );
    check(
        "Sergey Lavrov met Antony Blinken. Lavrov, who accused NATO of \"bringing its infrastructure closer\", left.",
        "en",
        &[("bringing its infrastructure closer", Some("Lavrov"))],
    );
}

#[test]
fn quote_styles() {
    for (text, quote) in [
        ("Smith said: “We stay.”", "We stay."),
        ("Smith said: \"We stay.\"", "We stay."),
        ("Smith said: „We stay.“", "We stay."),
        ("Smith said: „We stay.\"", "We stay."),
        ("Smith said: «We stay.»", "We stay."),
        ("Smith said: »We stay.«", "We stay."),
        ("Smith said: ‹We stay.›", "We stay."),
        ("Smith said: 'We stay.'", "We stay."),
        ("Smith said: ‘We stay.’", "We stay."),
        ("Smith said: ”We stay.“", "We stay."),
        ("Smith said: « We stay. »", "We stay."),
        ("Smith said: \"We stay. \".", "We stay."),
    ] {
        check(text, "en", &[(quote, Some("Smith"))]);
    }
}

#[test]
fn partial_and_paragraphs() {
    let finder = QuoteFinder::new();
    let text = "Biden stressed \"the unwavering commitment\" of the US. Smith said: \"We stay. We fight.\"";
    let partial: Vec<bool> = finder
        .find(text, &[], &[], "en")
        .iter()
        .map(|q| q.partial)
        .collect();
    assert_eq!(partial, [true, false]);
    // A paragraph opening a quote without closing it goes on in the next one that opens with a mark.
    check(
        "\"We stay here. We do not move.\n\n\"And we will win,\" Smith said.",
        "en",
        &[
            ("We stay here. We do not move.", Some("Smith")),
            ("And we will win", Some("Smith")),
        ],
    );
}

fn seed(prefix: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let path = entries
        .iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()));
    std::fs::read_to_string(path).unwrap_or_default()
}

/// What the finder gives for a seed quote that a person reads differently.
#[derive(Clone, Copy)]
enum Deviation {
    /// Not reported (a two-word quote whose cue is a noun, or a nameless heading).
    Missing,
    /// Reported with another speaker.
    Speaker(Option<&'static str>),
}

/// Checks a seed: every quotation a careful reader marks (start of the quote, speaker), with the
/// finder's known deviations, and nothing else.
fn check_seed(
    prefix: &str,
    lang: &str,
    found: &[Mention],
    human: &[(&str, Option<&str>)],
    deviations: &[(&str, Deviation)],
) {
    let text = seed(prefix);
    let mut expected: Vec<(String, Option<String>)> = Vec::new();
    for &(start, speaker) in human {
        match deviations
            .iter()
            .find(|(s, _)| *s == start)
            .map(|&(_, d)| d)
        {
            Some(Deviation::Missing) => {}
            Some(Deviation::Speaker(other)) => {
                expected.push((start.to_owned(), other.map(str::to_owned)))
            }
            None => expected.push((start.to_owned(), speaker.map(str::to_owned))),
        }
    }
    let got: Vec<(String, Option<String>)> = QuoteFinder::new()
        .find(&text, &[], found, lang)
        .into_iter()
        .map(|q| {
            let quote = q.span.of(&text);
            let start = expected
                .iter()
                .map(|(s, _)| s.as_str())
                .find(|s| quote.starts_with(s))
                .unwrap_or(quote);
            (start.to_owned(), q.speaker)
        })
        .collect();
    assert_eq!(got, expected, "seed {prefix}");
}

const SEED_000: &[(&str, Option<&str>)] = &[
    ("meredakan ketegangan", Some("Joe Biden")),
    ("komitmen teguh AS", Some("Biden")),
    ("provokatif", Some("Antony")),
    ("Rusia tidak akan lagi", Some("Dmitro Kuleba")),
    ("dia tidak ingin konflik", None),
    ("akan melanjutkan upayanya", None),
    ("Konsentrasi militer Rusia", Some("Jens Stoltemberg")),
    ("Moskow mengambil beberapa langkah", Some("Sergei Shoigu")),
    ("Mari bertemu di negara ketiga", Some("Biden")),
];

const SEED_001: &[(&str, Option<&str>)] = &[
    ("Spannungen abbauen", Some("Joe Biden")),
    ("das unerschütterliche Engagement", Some("Biden")),
    ("provokativ", Some("Antony")),
    ("Russland wird niemanden", Some("Dimitro Kulebanach")),
    ("er will keinen direkten Konflikt", None),
    ("wird seine Bemühungen", None),
    ("Die beträchtliche militärische", Some("Jens Stoltemberg")),
    ("Moskau unternimmt einige Schritte", Some("Sergey Schoigu")),
    ("Treffen wir uns", Some("Biden")),
];

const SEED_002: &[(&str, Option<&str>)] = &[
    ("We confirm", Some("Dmitry Peskov")),
    ("in the evening", Some("Dmitry Peskov")),
    ("determined by the presidents", Some("Dmitry Peskov")),
    ("President Biden will highlight", Some("Jen Psaki")),
    ("I expect that we will have", Some("Joe Biden")),
    ("provocations", Some("Moscow")),
    ("I expect we'll have a long talk", Some("Biden")),
    ("I do not accept", Some("Biden")),
    ("set of initiatives", Some("Biden")),
    ("security guarantees", Some("Moscow")),
    ("Ukraine will retaliate", Some("Kiev")),
    ("strategic stability", Some("Jen Psaki")),
];

const SEED_003: &[(&str, Option<&str>)] = &[
    ("Decrease the tension", None),
    ("the United States’ unwavering", Some("Biden")),
    ("Russia’s considerable military", Some("Jens Stoltenberg")),
    ("Ukraine does not want war", Some("Dmytro Kuleba")),
    ("In response to the alliance", Some("Sergei Shoigu")),
];

const SEED_004: &[(&str, Option<&str>)] = &[
    ("contact", Some("Moscow")),
    ("This contact is really necessary", Some("Sergei Riabkov")),
    ("There is no mutual understanding", Some("Sergei Riabkov")),
    ("Causes great concern", Some("Sergei Riabkov")),
    ("One of the main topics", Some("Sergei Riabkov")),
    ("We are deeply concerned", Some("Antony Blinken")),
    ("de-escalation", Some("Antony Blinken")),
    ("The nightmare scenario", Some("Sergey Lavrov")),
    ("To bring its military", Some("Sergey Lavrov")),
    ("We are interested in joint efforts", Some("Sergey Lavrov")),
    ("We are ready for it", Some("Sergey Lavrov")),
    ("Deterrent package", Some("Dmitro Kouleba")),
    ("Think twice", Some("Dmitro Kouleba")),
    ("A direct threat", Some("Kremlin")),
    ("very soon", Some("US State Department")),
];

#[test]
fn seeds_without_mentions() {
    use Deviation::{Missing, Speaker};
    check_seed(
        "000",
        "id",
        &[],
        SEED_000,
        &[("meredakan ketegangan", Missing)],
    );
    check_seed(
        "001",
        "de",
        &[],
        SEED_001,
        &[("Spannungen abbauen", Missing), ("provokativ", Missing)],
    );
    check_seed(
        "002",
        "en",
        &[],
        SEED_002,
        &[("I expect that we will have", Speaker(None))],
    );
    check_seed("003", "en", &[], SEED_003, &[]);
    check_seed("004", "en", &[], SEED_004, &[("very soon", Speaker(None))]);
}

#[test]
fn seeds_with_mentions() {
    use Deviation::{Missing, Speaker};
    use EntityType::{Location as L, Organization as O, Person as P};
    let names: &[(&str, EntityType, &str)] = &[
        ("Joe Biden", P, "Joe Biden"),
        ("Biden", P, "Biden"),
        ("Putin", P, "Putin"),
        ("Antony", P, "Antony"),
        ("Antony Blinken", P, "Antony Blinken"),
        ("Jens Stoltemberg", P, "Jens Stoltemberg"),
        ("Jens Stoltenberg", P, "Jens Stoltenberg"),
        ("Stoltenberg", P, "Stoltenberg"),
        ("Blinken", P, "Blinken"),
        ("Dmitro Kuleba", P, "Dmitro Kuleba"),
        ("Dimitro Kulebanach", P, "Dimitro Kulebanach"),
        ("Dmytro Kuleba", P, "Dmytro Kuleba"),
        ("Dmitro Kouleba", P, "Dmitro Kouleba"),
        ("Sergei Shoigu", P, "Sergei Shoigu"),
        ("Sergey Schoigu", P, "Sergey Schoigu"),
        ("Shoigu", P, "Shoigu"),
        ("Dmitry Peskov", P, "Dmitry Peskov"),
        ("Jen Psaki", P, "Jen Psaki"),
        ("Sergei Riabkov", P, "Sergei Riabkov"),
        ("Riabkov", P, "Riabkov"),
        ("Sergey Lavrov", P, "Sergey Lavrov"),
        ("Vladimir Putin", P, "Vladimir Putin"),
        ("Vladimir Poutin", P, "Vladimir Poutin"),
        ("US State Department", O, "US State Department"),
        ("White House", O, "White House"),
        ("NATO", O, "NATO"),
        ("Kremlin", O, "Kremlin"),
        ("Moscow", L, "Moscow"),
        ("Moskau", L, "Moskau"),
        ("Moskaus", L, "Moskau"),
        ("Moskow", L, "Moskow"),
        ("Kiev", L, "Kiev"),
        ("Ukraine", L, "Ukraine"),
        ("Ukraina", L, "Ukraina"),
        ("Russia", L, "Russia"),
        ("Rusia", L, "Rusia"),
        ("Brussel", L, "Brussel"),
        ("Brüssel", L, "Brüssel"),
    ];
    let text = |p: &str| seed(p);
    check_seed(
        "000",
        "id",
        &mentions(&text("000"), names),
        SEED_000,
        &[("meredakan ketegangan", Missing)],
    );
    check_seed(
        "001",
        "de",
        &mentions(&text("001"), names),
        SEED_001,
        &[("Spannungen abbauen", Missing)],
    );
    check_seed(
        "002",
        "en",
        &mentions(&text("002"), names),
        SEED_002,
        &[("I expect that we will have", Speaker(None))],
    );
    check_seed("003", "en", &mentions(&text("003"), names), SEED_003, &[]);
    check_seed("004", "en", &mentions(&text("004"), names), SEED_004, &[]);
}
