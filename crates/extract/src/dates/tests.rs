//! Data-driven tests of the date finder: one `check` helper, cases per language, and the seeds.

use super::*;

use std::sync::LazyLock;

static FINDER: LazyLock<DateFinder> = LazyLock::new(DateFinder::new);

/// Renders one expression as `span => start[..end] granularity [note]`.
fn render(text: &str, t: &TimeExpr) -> String {
    let mut s = format!(
        "{} => {}",
        t.span.of(text),
        t.start.as_deref().unwrap_or("?")
    );
    if let Some(e) = &t.end {
        s.push_str("..");
        s.push_str(e);
    }
    s.push(' ');
    s.push_str(t.granularity.as_str());
    if let Some(n) = &t.note {
        s.push_str(" [");
        s.push_str(n);
        s.push(']');
    }
    s
}

fn run(lang: &str, anchor: Option<&str>, text: &str) -> Vec<String> {
    let anchor = anchor.map(|a| parse_anchor(a).expect("anchor"));
    FINDER
        .find(text, lang, anchor)
        .iter()
        .map(|t| render(text, t))
        .collect()
}

/// Asserts the rendered expressions of `text`.
fn check(lang: &str, anchor: Option<&str>, text: &str, expected: &[&str]) {
    assert_eq!(
        run(lang, anchor, text),
        expected,
        "{lang} {anchor:?}: {text:?}"
    );
}

const A: Option<&str> = Some("2021-12-05");

#[test]
fn english() {
    check(
        "en",
        A,
        "Biden will meet Putin on Tuesday.",
        &["on Tuesday => 2021-12-07 day"],
    );
    check(
        "en",
        A,
        "Putin said on Tuesday that he would not.",
        &["on Tuesday => 2021-11-30 day"],
    );
    check(
        "en",
        A,
        "The talks ended yesterday.",
        &["yesterday => 2021-12-04 day"],
    );
    check(
        "en",
        A,
        "Casualties rose last year.",
        &["last year => 2020-01-01..2020-12-31 year"],
    );
    check(
        "en",
        A,
        "It will be signed in three weeks.",
        &["in three weeks => 2021-12-26 week"],
    );
    check(
        "en",
        A,
        "It happened three weeks ago.",
        &["three weeks ago => 2021-11-14 week"],
    );
    check("en", A, "a week ago", &["a week ago => 2021-11-28 week"]);
    check(
        "en",
        A,
        "They have not spoken since July 9.",
        &["since July 9 => 2021-07-09..2021-12-05 day"],
    );
    check(
        "en",
        A,
        "During 2021, 29 soldiers died.",
        &["During 2021 => 2021-01-01..2021-12-31 year"],
    );
    check(
        "en",
        A,
        "They met in mid-June in Geneva.",
        &["in mid-June => 2021-06-11..2021-06-20 month"],
    );
    check(
        "en",
        A,
        "The summit is planned for early March.",
        &["early March => 2022-03-01..2022-03-10 month"],
    );
    check(
        "en",
        A,
        "The summit was held in early March.",
        &["in early March => 2021-03-01..2021-03-10 month"],
    );
    check(
        "en",
        Some("2021-12-03"),
        "the army said on Thursday (December 2nd).",
        &["on Thursday (December 2nd) => 2021-12-02 day"],
    );
    check(
        "en",
        A,
        "Tuesday, December 7",
        &["Tuesday, December 7 => 2021-12-07 day"],
    );
    check(
        "en",
        A,
        "on Monday, December 7",
        &["on Monday, December 7 => 2021-12-07 day [weekday=monday mismatch]"],
    );
    check("en", A, "The May 5 vote", &["May 5 => 2022-05-05 day"]);
    check(
        "en",
        A,
        "He was killed on May 5.",
        &["on May 5 => 2021-05-05 day"],
    );
    check(
        "en",
        A,
        "The vote will be held on May 5.",
        &["on May 5 => 2022-05-05 day"],
    );
    check(
        "en",
        A,
        "January 10 talks",
        &["January 10 => 2022-01-10 day"],
    );
    check(
        "en",
        A,
        "since January 10",
        &["since January 10 => 2021-01-10..2021-12-05 day"],
    );
    check(
        "en",
        A,
        "Dec. 7, 2021 and Dec 8",
        &["Dec. 7, 2021 => 2021-12-07 day", "Dec 8 => 2021-12-08 day"],
    );
    check(
        "en",
        A,
        "in December 2020",
        &["in December 2020 => 2020-12-01..2020-12-31 month"],
    );
    check(
        "en",
        A,
        "last week",
        &["last week => 2021-11-22..2021-11-28 week"],
    );
    check(
        "en",
        A,
        "next Tuesday and last Sunday",
        &[
            "next Tuesday => 2021-12-07 day",
            "last Sunday => 2021-11-28 day",
        ],
    );
    check(
        "en",
        A,
        "over the last three weeks",
        &["last three weeks => 2021-11-14..2021-12-05 week"],
    );
    check(
        "en",
        A,
        "by the end of the year",
        &["by the end of the year => 2021-09-01..2021-12-31 year"],
    );
    check(
        "en",
        A,
        "the 7th of December",
        &["7th of December => 2021-12-07 day"],
    );
    check(
        "en",
        A,
        "published 2021-12-05T09:28:38Z and 05.12.2021",
        &[
            "2021-12-05 => 2021-12-05 day",
            "05.12.2021 => 2021-12-05 day",
        ],
    );
}

#[test]
fn english_non_dates() {
    check("en", A, "2021 soldiers were deployed.", &[]);
    check("en", A, "It may rain. March on Washington.", &[]);
    check(
        "en",
        A,
        "in the coming months, in several months, in recent weeks",
        &[],
    );
    check(
        "en",
        A,
        "more than 13,000 dead, 175,000 troops, in 2,000 cases",
        &[],
    );
    check("en", A, "© Communities 2019 - Privacy", &[]);
    check("en", A, "at the end of the day", &[]);
    check("en", A, "on February 30", &[]);
}

#[test]
fn without_anchor() {
    check(
        "en",
        None,
        "They will meet on Tuesday.",
        &["on Tuesday => ? day [weekday=tuesday]"],
    );
    check(
        "en",
        None,
        "It will be signed in three weeks.",
        &["in three weeks => ? week [relative=+3 weeks]"],
    );
    check(
        "en",
        None,
        "It rose last year.",
        &["last year => ? year [calendar=-1 year]"],
    );
    check(
        "en",
        None,
        "yesterday",
        &["yesterday => ? day [relative=-1 day]"],
    );
    check(
        "en",
        None,
        "since July 9",
        &["since July 9 => ? day [since;month=7;day=9]"],
    );
    check(
        "en",
        None,
        "since 2014",
        &["since 2014 => 2014-01-01..2014-12-31 year [since]"],
    );
    check(
        "en",
        None,
        "Tuesday, December 7, 2021",
        &["Tuesday, December 7, 2021 => 2021-12-07 day"],
    );
    check(
        "en",
        None,
        "next Friday",
        &["next Friday => ? day [weekday=friday;dir=+1]"],
    );
}

#[test]
fn weekdays_follow_explicit_mentions() {
    // No tense cue in the headline: it takes the date of the explicit "Tuesday, December 7".
    check(
        "en",
        A,
        "Putin and Biden meet on Tuesday\n\nOn Tuesday, December 7, they talk.",
        &[
            "on Tuesday => 2021-12-07 day",
            "On Tuesday, December 7 => 2021-12-07 day",
        ],
    );
    // Without one, the past is assumed and said so.
    check(
        "en",
        A,
        "Putin and Biden meet on Tuesday",
        &["on Tuesday => 2021-11-30 day [weekday=tuesday;assumed=past]"],
    );
}

#[test]
fn german() {
    check(
        "de",
        A,
        "Das Treffen findet am Dienstag, 7. Dezember, statt.",
        &["am Dienstag, 7. Dezember => 2021-12-07 day"],
    );
    check(
        "de",
        A,
        "Am 7. Dezember 2021 wird verhandelt.",
        &["Am 7. Dezember 2021 => 2021-12-07 day"],
    );
    check(
        "de",
        A,
        "Er sagte am Samstag, dass",
        &["am Samstag => 2021-12-04 day"],
    );
    check(
        "de",
        A,
        "Im Jahr 2021 starben 29 Soldaten.",
        &["Im Jahr 2021 => 2021-01-01..2021-12-31 year"],
    );
    check(
        "de",
        A,
        "seit dem 9. Juli",
        &["seit dem 9. Juli => 2021-07-09..2021-12-05 day"],
    );
    check(
        "de",
        A,
        "vor drei Wochen",
        &["vor drei Wochen => 2021-11-14 week"],
    );
    check(
        "de",
        A,
        "im vergangenen Jahr",
        &["im vergangenen Jahr => 2020-01-01..2020-12-31 year"],
    );
    check(
        "de",
        A,
        "Mitte Juni",
        &["Mitte Juni => 2021-06-11..2021-06-20 month"],
    );
    check(
        "de",
        A,
        "gestern und morgen",
        &["gestern => 2021-12-04 day", "morgen => 2021-12-06 day"],
    );
    check(
        "de",
        A,
        "am Morgen, 2021 Soldaten, in den kommenden Monaten",
        &[],
    );
    check(
        "de",
        None,
        "In etwa drei Wochen hat Russland zwei Armeen eingesetzt.",
        &["In etwa drei Wochen => ? week [within=-3 weeks]"],
    );
    check(
        "de",
        A,
        "In drei Wochen wird gewählt.",
        &["In drei Wochen => 2021-12-26 week"],
    );
    check(
        "de",
        A,
        "Ende 2021",
        &["Ende 2021 => 2021-09-01..2021-12-31 year"],
    );
}

#[test]
fn french() {
    check(
        "fr",
        A,
        "mardi 7 décembre",
        &["mardi 7 décembre => 2021-12-07 day"],
    );
    check(
        "fr",
        A,
        "le 1er décembre 2021",
        &["le 1er décembre 2021 => 2021-12-01 day"],
    );
    check(
        "fr",
        A,
        "l'année dernière",
        &["année dernière => 2020-01-01..2020-12-31 year"],
    );
    check(
        "fr",
        A,
        "il y a trois semaines",
        &["il y a trois semaines => 2021-11-14 week"],
    );
    check("fr", A, "il a trois semaines pour", &[]);
    check(
        "fr",
        A,
        "depuis le 9 juillet",
        &["depuis le 9 juillet => 2021-07-09..2021-12-05 day"],
    );
    check(
        "fr",
        A,
        "à la mi-juin",
        &["mi-juin => 2021-06-11..2021-06-20 month"],
    );
    check(
        "fr",
        A,
        "en 2020 et hier",
        &[
            "en 2020 => 2020-01-01..2020-12-31 year",
            "hier => 2021-12-04 day",
        ],
    );
    check(
        "fr",
        A,
        "Il rencontrera Biden mardi.",
        &["mardi => 2021-12-07 day"],
    );
    check(
        "fr",
        A,
        "la semaine prochaine",
        &["semaine prochaine => 2021-12-06..2021-12-12 week"],
    );
    check("fr", A, "les prochains mois", &[]);
}

#[test]
fn spanish() {
    check(
        "es",
        A,
        "el martes 7 de diciembre de 2021",
        &["el martes 7 de diciembre de 2021 => 2021-12-07 day"],
    );
    check(
        "es",
        A,
        "el año pasado",
        &["el año pasado => 2020-01-01..2020-12-31 year"],
    );
    check(
        "es",
        A,
        "hace tres semanas",
        &["hace tres semanas => 2021-11-14 week"],
    );
    check(
        "es",
        A,
        "desde el 9 de julio",
        &["desde el 9 de julio => 2021-07-09..2021-12-05 day"],
    );
    check(
        "es",
        A,
        "a mediados de junio",
        &["mediados de junio => 2021-06-11..2021-06-20 month"],
    );
    check("es", A, "ayer, por la mañana", &["ayer => 2021-12-04 day"]);
    check(
        "es",
        A,
        "Plácido Domingo cantó. El domingo votó.",
        &["El domingo => 2021-12-05 day"],
    );
    check(
        "es",
        A,
        "El presidente anunció el jueves",
        &["el jueves => 2021-12-02 day"],
    );
}

#[test]
fn italian() {
    check(
        "it",
        A,
        "martedì 7 dicembre",
        &["martedì 7 dicembre => 2021-12-07 day"],
    );
    check(
        "it",
        A,
        "l'anno scorso",
        &["anno scorso => 2020-01-01..2020-12-31 year"],
    );
    check(
        "it",
        A,
        "tre settimane fa",
        &["tre settimane fa => 2021-11-14 week"],
    );
    check(
        "it",
        A,
        "dal 9 luglio",
        &["dal 9 luglio => 2021-07-09..2021-12-05 day"],
    );
    check(
        "it",
        A,
        "nel 2020",
        &["nel 2020 => 2020-01-01..2020-12-31 year"],
    );
    check(
        "it",
        A,
        "a metà giugno",
        &["a metà giugno => 2021-06-11..2021-06-20 month"],
    );
    check("it", A, "ieri", &["ieri => 2021-12-04 day"]);
}

#[test]
fn dutch() {
    check(
        "nl",
        A,
        "dinsdag 7 december",
        &["dinsdag 7 december => 2021-12-07 day"],
    );
    check(
        "nl",
        A,
        "vorig jaar",
        &["vorig jaar => 2020-01-01..2020-12-31 year"],
    );
    check(
        "nl",
        A,
        "drie weken geleden",
        &["drie weken geleden => 2021-11-14 week"],
    );
    check(
        "nl",
        A,
        "sinds 9 juli",
        &["sinds 9 juli => 2021-07-09..2021-12-05 day"],
    );
    check(
        "nl",
        A,
        "in 2020, gisteren",
        &[
            "in 2020 => 2020-01-01..2020-12-31 year",
            "gisteren => 2021-12-04 day",
        ],
    );
    check(
        "nl",
        A,
        "Hij zal op dinsdag spreken.",
        &["op dinsdag => 2021-12-07 day"],
    );
}

#[test]
fn polish() {
    check(
        "pl",
        A,
        "Prezydent powiedział w czwartek",
        &["w czwartek => 2021-12-02 day"],
    );
    check(
        "pl",
        A,
        "Spotkanie odbędzie się we wtorek, bo będzie czas",
        &["we wtorek => 2021-12-07 day"],
    );
    check(
        "pl",
        A,
        "2 grudnia 2021 r. zginął",
        &["2 grudnia 2021 r. => 2021-12-02 day"],
    );
    check(
        "pl",
        A,
        "w 2020 roku",
        &["w 2020 roku => 2020-01-01..2020-12-31 year"],
    );
    check(
        "pl",
        A,
        "od 9 lipca",
        &["od 9 lipca => 2021-07-09..2021-12-05 day"],
    );
    check(
        "pl",
        A,
        "w zeszłym roku",
        &["w zeszłym roku => 2020-01-01..2020-12-31 year"],
    );
    check(
        "pl",
        A,
        "trzy tygodnie temu",
        &["trzy tygodnie temu => 2021-11-14 week"],
    );
    check(
        "pl",
        A,
        "w połowie czerwca",
        &["w połowie czerwca => 2021-06-11..2021-06-20 month"],
    );
    check("pl", A, "wczoraj", &["wczoraj => 2021-12-04 day"]);
    check(
        "pl",
        A,
        "za trzy tygodnie",
        &["za trzy tygodnie => 2021-12-26 week"],
    );
    check(
        "pl",
        A,
        "w grudniu",
        &["w grudniu => 2021-12-01..2021-12-31 month"],
    );
}

#[test]
fn czech() {
    check("cs", A, "1. prosince", &["1. prosince => 2021-12-01 day"]);
    check(
        "cs",
        A,
        "Řekl to ve čtvrtek.",
        &["ve čtvrtek => 2021-12-02 day"],
    );
    check(
        "cs",
        A,
        "v roce 2020",
        &["v roce 2020 => 2020-01-01..2020-12-31 year"],
    );
    check(
        "cs",
        A,
        "od 9. července",
        &["od 9. července => 2021-07-09..2021-12-05 day"],
    );
    check(
        "cs",
        A,
        "loni a včera",
        &[
            "loni => 2020-01-01..2020-12-31 year",
            "včera => 2021-12-04 day",
        ],
    );
    check(
        "cs",
        A,
        "před třemi týdny",
        &["před třemi týdny => 2021-11-14 week"],
    );
    check(
        "cs",
        A,
        "minulý týden",
        &["minulý týden => 2021-11-22..2021-11-28 week"],
    );
}

#[test]
fn slovene() {
    check(
        "sl",
        A,
        "Dejal je v četrtek.",
        &["v četrtek => 2021-12-02 day"],
    );
    check(
        "sl",
        A,
        "9. julija 2021",
        &["9. julija 2021 => 2021-07-09 day"],
    );
    check(
        "sl",
        A,
        "leta 2020",
        &["leta 2020 => 2020-01-01..2020-12-31 year"],
    );
    check("sl", A, "lani", &["lani => 2020-01-01..2020-12-31 year"]);
    check(
        "sl",
        A,
        "pred tremi tedni",
        &["pred tremi tedni => 2021-11-14 week"],
    );
    check(
        "sl",
        A,
        "sredi junija",
        &["sredi junija => 2021-06-11..2021-06-20 month"],
    );
}

#[test]
fn bulgarian() {
    check(
        "bg",
        A,
        "Той каза в понеделник",
        &["в понеделник => 2021-11-29 day"],
    );
    check(
        "bg",
        A,
        "24 февруари 2022",
        &["24 февруари 2022 => 2022-02-24 day"],
    );
    check(
        "bg",
        A,
        "през 2020 г.",
        &["през 2020 г. => 2020-01-01..2020-12-31 year"],
    );
    check(
        "bg",
        A,
        "миналата година",
        &["миналата година => 2020-01-01..2020-12-31 year"],
    );
    check(
        "bg",
        A,
        "преди три седмици",
        &["преди три седмици => 2021-11-14 week"],
    );
    check(
        "bg",
        A,
        "от 9 юли",
        &["от 9 юли => 2021-07-09..2021-12-05 day"],
    );
    check(
        "bg",
        A,
        "в неделя",
        &["в неделя => 2021-12-05 day [weekday=sunday;assumed=past]"],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        A,
        "Он заявил в понедельник",
        &["в понедельник => 2021-11-29 day"],
    );
    check(
        "ru",
        A,
        "Встреча состоится во вторник",
        &["во вторник => 2021-12-07 day"],
    );
    check("ru", A, "7 декабря", &["7 декабря => 2021-12-07 day"]);
    check(
        "ru",
        A,
        "в 2020 году",
        &["в 2020 году => 2020-01-01..2020-12-31 year"],
    );
    check(
        "ru",
        A,
        "в прошлом году",
        &["в прошлом году => 2020-01-01..2020-12-31 year"],
    );
    check(
        "ru",
        A,
        "три недели назад",
        &["три недели назад => 2021-11-14 week"],
    );
    check(
        "ru",
        A,
        "с 9 июля",
        &["с 9 июля => 2021-07-09..2021-12-05 day"],
    );
    check(
        "ru",
        A,
        "в середине июня",
        &["в середине июня => 2021-06-11..2021-06-20 month"],
    );
    check(
        "ru",
        A,
        "Он сказал в среду. Защита окружающую среду",
        &["в среду => 2021-12-01 day"],
    );
    check(
        "ru",
        A,
        "через три недели будет",
        &["через три недели => 2021-12-26 week"],
    );
}

#[test]
fn ukrainian() {
    check(
        "uk",
        A,
        "24 лютого 2022",
        &["24 лютого 2022 => 2022-02-24 day"],
    );
    check(
        "uk",
        A,
        "у 2020 році",
        &["у 2020 році => 2020-01-01..2020-12-31 year"],
    );
    check(
        "uk",
        A,
        "минулого року",
        &["минулого року => 2020-01-01..2020-12-31 year"],
    );
    check(
        "uk",
        A,
        "три тижні тому",
        &["три тижні тому => 2021-11-14 week"],
    );
    check(
        "uk",
        A,
        "з 9 липня",
        &["з 9 липня => 2021-07-09..2021-12-05 day"],
    );
    check(
        "uk",
        A,
        "Він заявив у п’ятницю",
        &["у п’ятницю => 2021-12-03 day"],
    );
    check(
        "uk",
        A,
        "вчора, наприкінці червня",
        &[
            "вчора => 2021-12-04 day",
            "наприкінці червня => 2021-06-21..2021-06-30 month",
        ],
    );
}

#[test]
fn indonesian() {
    check(
        "id",
        A,
        "pada tahun 2020",
        &["pada tahun 2020 => 2020-01-01..2020-12-31 year"],
    );
    check(
        "id",
        A,
        "Selama 2021 mereka",
        &["Selama 2021 => 2021-01-01..2021-12-31 year"],
    );
    check(
        "id",
        A,
        "Mereka akan bertemu pada hari Selasa",
        &["pada hari Selasa => 2021-12-07 day"],
    );
    check(
        "id",
        A,
        "tahun lalu",
        &["tahun lalu => 2020-01-01..2020-12-31 year"],
    );
    check(
        "id",
        A,
        "tiga minggu lalu",
        &["tiga minggu lalu => 2021-11-14 week"],
    );
    check(
        "id",
        A,
        "tiga minggu yang lalu",
        &["tiga minggu yang lalu => 2021-11-14 week"],
    );
    check(
        "id",
        A,
        "sejak 9 Juli",
        &["sejak 9 Juli => 2021-07-09..2021-12-05 day"],
    );
    check(
        "id",
        A,
        "kemarin dan hari ini",
        &["kemarin => 2021-12-04 day", "hari ini => 2021-12-05 day"],
    );
    check(
        "id",
        A,
        "pertengahan Juni",
        &["pertengahan Juni => 2021-06-11..2021-06-20 month"],
    );
    check(
        "id",
        A,
        "Minggu lalu",
        &["Minggu lalu => 2021-11-22..2021-11-28 week"],
    );
    check("id", A, "dalam beberapa bulan mendatang", &[]);
    check(
        "id",
        A,
        "Dalam waktu sekitar tiga minggu, Rusia telah mengerahkan",
        &["Dalam waktu sekitar tiga minggu => 2021-11-14..2021-12-05 week"],
    );
}

#[test]
fn unknown_language_uses_all_tables() {
    check(
        "xx",
        A,
        "7 декабря, 7. Dezember",
        &[
            "7 декабря => 2021-12-07 day",
            "7. Dezember => 2021-12-07 day",
        ],
    );
}

/// The seed articles (`data/samples`): what each must yield.
#[test]
fn seeds() {
    fn has(lang: &str, anchor: Option<&str>, text: &str, expected: &[&str]) {
        let got = run(lang, anchor, text);
        for e in expected {
            assert!(got.iter().any(|g| g == e), "{e:?} not in {got:#?}");
        }
    }
    let s000 = include_str!("../../../../data/samples/000_e2b0121ecf72bbb5.txt");
    has(
        "id",
        None,
        s000,
        &[
            "Dalam waktu sekitar tiga minggu => ? week [within=-3 weeks]",
            "Selama 2021 => 2021-01-01..2021-12-31 year",
            "pada tahun 2020 => 2020-01-01..2020-12-31 year",
        ],
    );
    let s001 = include_str!("../../../../data/samples/001_094a88c166a7f8c4.txt");
    has(
        "de",
        None,
        s001,
        &[
            "In etwa drei Wochen => ? week [within=-3 weeks]",
            "Im Jahr 2021 => 2021-01-01..2021-12-31 year",
        ],
    );
    let s002 = include_str!("../../../../data/samples/002_ee3edb7266c309a6.txt");
    let got = run("en", A, s002);
    // Every Tuesday in the article is the summit day.
    let tuesdays: Vec<&String> = got.iter().filter(|g| g.contains("uesday")).collect();
    assert_eq!(tuesdays.len(), 4, "{got:#?}");
    assert!(
        tuesdays.iter().all(|g| g.contains("=> 2021-12-07 day")),
        "{got:#?}"
    );
    has(
        "en",
        A,
        s002,
        &[
            "since July 9 => 2021-07-09..2021-12-05 day",
            "July 9 => 2021-07-09 day",
            "Tuesday, December 7 => 2021-12-07 day",
            "on Saturday => 2021-12-04 day",
            "on Friday => 2021-12-03 day",
            "in mid-June => 2021-06-11..2021-06-20 month",
            "since 2014 => 2014-01-01..2021-12-05 year",
            "in November => 2021-11-01..2021-11-30 month",
        ],
    );
    assert!(!got.iter().any(|g| g.starts_with("2019")), "{got:#?}");
    let s003 = include_str!("../../../../data/samples/003_acbc409ad9421864.txt");
    has(
        "en",
        None,
        s003,
        &[
            "Within three weeks => ? week [within=-3 weeks]",
            "Since the beginning of the year => ? year [since;part=early;calendar=0 year]",
        ],
    );
    let s004 = include_str!("../../../../data/samples/004_581ca8c252333ccd.txt");
    has(
        "en",
        None,
        s004,
        &[
            "on Wednesday => ? day [weekday=wednesday]",
            "on Thursday (December 2nd) => ? day [month=12;day=2;weekday=thursday]",
        ],
    );
    has(
        "en",
        Some("2021-12-02"),
        s004,
        &[
            "on Wednesday => 2021-12-01 day",
            "on Thursday (December 2nd) => 2021-12-02 day",
            "since the start of the year => 2021-01-01..2021-12-02 year",
            "in June => 2021-06-01..2021-06-30 month",
        ],
    );
}

#[test]
fn narrative_days_and_weekday_years() {
    check("en", A, "on the next day", &[]);
    check("bg", A, "на следващия ден", &[]);
    check(
        "en",
        A,
        "Wednesday, June 2 and June 2",
        &[
            "Wednesday, June 2 => 2021-06-02 day",
            "June 2 => 2022-06-02 day",
        ],
    );
    check("en", A, "since today", &["since today => 2021-12-05 day"]);
    check(
        "ru",
        A,
        "до минувшего вторника",
        &["до минувшего вторника => 2021-11-30 day"],
    );
}

// The steps of `resolve`, one test each, on expressions built by hand (anchor: Sunday 2021-12-05).

fn found(val: Val, since: bool, tense: i8) -> Found {
    Found {
        start: 0,
        end: 1,
        val,
        since,
        tense,
    }
}

/// Renders a resolution as `start[..end] granularity [note]` (`?` for no start).
fn show(r: &Res) -> String {
    let mut s = r.start.map_or("?".to_owned(), |d| d.to_string());
    if let Some(e) = r.end {
        s.push_str(&format!("..{e}"));
    }
    s.push_str(&format!(" {}", r.gran.as_str()));
    if let Some(n) = &r.note {
        s.push_str(&format!(" [{n}]"));
    }
    s
}

fn anchor() -> Option<Date> {
    parse_anchor("2021-12-05")
}

#[test]
fn resolve_day_picks_the_year_by_tense_and_weekday() {
    let f = found(
        Val::Day {
            y: None,
            m: 1,
            d: 10,
            wd: None,
        },
        false,
        0,
    );
    assert_eq!(
        show(&resolve_day(&f, anchor(), None, 1, 10, None)),
        "2022-01-10 day"
    );
    let past = found(
        Val::Day {
            y: None,
            m: 6,
            d: 2,
            wd: None,
        },
        false,
        -2,
    );
    assert_eq!(
        show(&resolve_day(&past, anchor(), None, 6, 2, None)),
        "2021-06-02 day"
    );
    // 2 June 2021 was a Wednesday, 2 June 2022 a Thursday: a stated Thursday names 2022, which
    // the past tense rules out; with the year stated the weekday is only noted as wrong.
    assert_eq!(
        show(&resolve_day(&past, anchor(), None, 6, 2, Some(3))),
        "? day [month=6;day=2;weekday=thursday]"
    );
    assert_eq!(
        show(&resolve_day(&f, anchor(), None, 6, 2, Some(3))),
        "2022-06-02 day"
    );
    assert_eq!(
        show(&resolve_day(&past, anchor(), Some(2021), 6, 2, Some(3))),
        "2021-06-02 day [weekday=thursday mismatch]"
    );
    assert_eq!(
        show(&resolve_day(&f, None, None, 1, 10, None)),
        "? day [month=1;day=10]"
    );
    assert_eq!(
        show(&resolve_day(&f, None, Some(2020), 1, 10, None)),
        "2020-01-10 day"
    );
}

#[test]
fn resolve_month_follows_direction_and_part() {
    let f = found(
        Val::Month {
            y: None,
            m: 3,
            part: None,
            dir: None,
        },
        false,
        0,
    );
    assert_eq!(
        show(&resolve_month(&f, anchor(), None, 3, None, Some(-1))),
        "2021-03-01..2021-03-31 month"
    );
    assert_eq!(
        show(&resolve_month(&f, anchor(), None, 3, Some(0), Some(1))),
        "2022-03-01..2022-03-10 month"
    );
    assert_eq!(
        show(&resolve_month(&f, None, None, 3, Some(2), Some(1))),
        "? month [month=3;part=late;dir=+1]"
    );
}

#[test]
fn resolve_weekday_defaults_to_the_past() {
    let f = found(Val::Weekday { wd: 1, dir: None }, false, 0);
    assert_eq!(
        show(&resolve_weekday(&f, anchor(), 1, None)),
        "2021-11-30 day [weekday=tuesday;assumed=past]"
    );
    assert!(resolve_weekday(&f, anchor(), 1, None).default_weekday);
    let future = found(Val::Weekday { wd: 1, dir: None }, false, 2);
    assert_eq!(
        show(&resolve_weekday(&future, anchor(), 1, None)),
        "2021-12-07 day"
    );
    assert_eq!(
        show(&resolve_weekday(&f, anchor(), 6, Some(-1))),
        "2021-11-28 day"
    );
    assert_eq!(
        show(&resolve_weekday(&f, None, 1, Some(1))),
        "? day [weekday=tuesday;dir=+1]"
    );
}

#[test]
fn resolve_calendar_takes_the_whole_unit() {
    assert_eq!(
        show(&resolve_calendar(anchor(), -1, Unit::Week)),
        "2021-11-22..2021-11-28 week"
    );
    assert_eq!(
        show(&resolve_calendar(anchor(), 0, Unit::Day)),
        "2021-12-05 day"
    );
    assert_eq!(
        show(&resolve_calendar(anchor(), 1, Unit::Year)),
        "2022-01-01..2022-12-31 year"
    );
    assert_eq!(
        show(&resolve_calendar(None, -1, Unit::Month)),
        "? month [calendar=-1 month]"
    );
}

#[test]
fn since_spans_up_to_the_anchor() {
    let day = Val::Day {
        y: Some(2021),
        m: 11,
        d: 1,
        wd: None,
    };
    let f = found(day, true, 0);
    let point = Res {
        start: Date::new(2021, 11, 1),
        ..Res::empty(Granularity::Day)
    };
    assert_eq!(
        show(&apply_since(&f, anchor(), point)),
        "2021-11-01..2021-12-05 day"
    );
    let later = Res {
        start: Date::new(2022, 1, 1),
        ..Res::empty(Granularity::Day)
    };
    assert_eq!(
        show(&apply_since(&f, anchor(), later)),
        "2022-01-01 day [since]"
    );
    let noted = Res::noted(Granularity::Day, "month=11;day=1".into());
    assert_eq!(
        show(&apply_since(&f, None, noted)),
        "? day [since;month=11;day=1]"
    );
    // The whole of `resolve`: the rule of the expression, then "since".
    assert_eq!(show(&resolve(&f, anchor())), "2021-11-01..2021-12-05 day");
}

#[test]
fn portuguese() {
    check(
        "pt",
        A,
        "O encontro foi ontem.",
        &["ontem => 2021-12-04 day"],
    );
    check(
        "pt",
        A,
        "Biden e Putin falaram em 7 de dezembro.",
        &["em 7 de dezembro => 2021-12-07 day"],
    );
}
