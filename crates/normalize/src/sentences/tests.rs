//! Hand-made segmentation cases per language (data-driven through `check`).

use super::split;

/// Splits `text` as `lang` and compares the sentence texts with `expected`.
fn check(lang: &str, text: &str, expected: &[&str]) {
    let spans = split(text, lang);
    let got: Vec<&str> = spans.iter().map(|span| span.of(text)).collect();
    assert_eq!(got, expected, "{lang}: {text:?}");
    for pair in spans.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlapping spans {spans:?}");
    }
}

#[test]
fn blank_and_paragraphs() {
    check("en", "", &[]);
    check("en", "  \n\n ", &[]);
    check(
        "en",
        "Headline without a stop\nThe body starts here. It goes on.",
        &[
            "Headline without a stop",
            "The body starts here.",
            "It goes on.",
        ],
    );
    check(
        "und",
        "First line\n\nSecond line",
        &["First line", "Second line"],
    );
}

#[test]
fn english() {
    check(
        "en",
        "Dr. Smith arrived at 5 p.m. on Jan. 5. He was late.",
        &["Dr. Smith arrived at 5 p.m. on Jan. 5.", "He was late."],
    );
    check(
        "en",
        "J. R. R. Tolkien wrote it. Joe R. Biden read it.",
        &["J. R. R. Tolkien wrote it.", "Joe R. Biden read it."],
    );
    check(
        "en",
        "He said \"No.\" Then he left.",
        &["He said \"No.\"", "Then he left."],
    );
    check(
        "en",
        "The U.S. Army said 40.000 or 1.5 million... nobody knows. Really? Yes!",
        &[
            "The U.S. Army said 40.000 or 1.5 million... nobody knows.",
            "Really?",
            "Yes!",
        ],
    );
    check(
        "en",
        "Wait… What happened at St. Mary's? See No. 5 on page 2.",
        &[
            "Wait…",
            "What happened at St. Mary's?",
            "See No. 5 on page 2.",
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        "Am 7. Dezember kam er, z. B. mit dem Zug. Danach ging er.",
        &[
            "Am 7. Dezember kam er, z. B. mit dem Zug.",
            "Danach ging er.",
        ],
    );
    check(
        "de",
        "Er sagte: „Nein.“ Dann ging er bzw. lief er weg.",
        &["Er sagte: „Nein.“", "Dann ging er bzw. lief er weg."],
    );
    check(
        "de",
        "Es kamen 40.000 Menschen. Prof. Dr. Müller sprach.",
        &["Es kamen 40.000 Menschen.", "Prof. Dr. Müller sprach."],
    );
    check(
        "de",
        "Das Spiel endete 2:1. Im Jahr 2020. Die Saison begann.",
        &[
            "Das Spiel endete 2:1.",
            "Im Jahr 2020.",
            "Die Saison begann.",
        ],
    );
}

#[test]
fn french() {
    check(
        "fr",
        "M. Dupont est arrivé. Il a dit « Non. » Puis il est parti.",
        &[
            "M. Dupont est arrivé.",
            "Il a dit « Non. »",
            "Puis il est parti.",
        ],
    );
    check(
        "fr",
        "Mme Curie vit à Paris… Elle travaille beaucoup.",
        &["Mme Curie vit à Paris…", "Elle travaille beaucoup."],
    );
    check(
        "fr",
        "Le 3 janv. il pleuvait. Quel temps !",
        &["Le 3 janv. il pleuvait.", "Quel temps !"],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        "El Sr. García llegó. ¿Por qué? ¡No lo sé!",
        &["El Sr. García llegó.", "¿Por qué?", "¡No lo sé!"],
    );
    check(
        "es",
        "Vive en la Avda. Libertad, núm. 5. Es grande.",
        &["Vive en la Avda. Libertad, núm. 5.", "Es grande."],
    );
    check(
        "es",
        "Dijo «Basta.» Luego se fue a EE.UU. por trabajo.",
        &["Dijo «Basta.»", "Luego se fue a EE.UU. por trabajo."],
    );
}

#[test]
fn italian() {
    check(
        "it",
        "Il Sig. Rossi è arrivato. Il dott. Bianchi no.",
        &["Il Sig. Rossi è arrivato.", "Il dott. Bianchi no."],
    );
    check(
        "it",
        "Costa 1.500 euro... troppo! Davvero?",
        &["Costa 1.500 euro... troppo!", "Davvero?"],
    );
    check(
        "it",
        "Ha detto: «Andiamo.» Poi è uscito.",
        &["Ha detto: «Andiamo.»", "Poi è uscito."],
    );
}

#[test]
fn dutch() {
    check(
        "nl",
        "Dhr. Jansen kwam bijv. te laat. Hij zei niets.",
        &["Dhr. Jansen kwam bijv. te laat.", "Hij zei niets."],
    );
    check(
        "nl",
        "Het kost 2.500 euro. Dat is veel.",
        &["Het kost 2.500 euro.", "Dat is veel."],
    );
    check(
        "nl",
        "Hij zei: \"Nee.\" Daarna ging hij.",
        &["Hij zei: \"Nee.\"", "Daarna ging hij."],
    );
}

#[test]
fn polish() {
    check(
        "pl",
        "Mieszka przy ul. Długiej 5. Dr. Nowak też.",
        &["Mieszka przy ul. Długiej 5.", "Dr. Nowak też."],
    );
    check(
        "pl",
        "Było to 7. maja, tzw. Dzień Matki. Potem wróciła.",
        &["Było to 7. maja, tzw. Dzień Matki.", "Potem wróciła."],
    );
    check(
        "pl",
        "Mgr Kowalski, dr. Wiśniewski i prof. Zieliński przyszli. Było ich 3.",
        &[
            "Mgr Kowalski, dr. Wiśniewski i prof. Zieliński przyszli.",
            "Było ich 3.",
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        "В 2021 г. в Москве прошли выборы. Это т.е. важно.",
        &["В 2021 г. в Москве прошли выборы.", "Это т.е. важно."],
    );
    check(
        "ru",
        "Он сказал: «Нет.» Потом ушёл.",
        &["Он сказал: «Нет.»", "Потом ушёл."],
    );
    check(
        "ru",
        "Проф. Иванов и А. С. Пушкин пришли. Все рады!",
        &["Проф. Иванов и А. С. Пушкин пришли.", "Все рады!"],
    );
}

#[test]
fn ukrainian() {
    check(
        "uk",
        "У 2021 р. відбулися вибори. Це важливо.",
        &["У 2021 р. відбулися вибори.", "Це важливо."],
    );
    check(
        "uk",
        "Він живе на вул. Шевченка. Проф. Коваль теж.",
        &["Він живе на вул. Шевченка.", "Проф. Коваль теж."],
    );
    check(
        "uk",
        "Він сказав: «Ні…» Потім пішов?",
        &["Він сказав: «Ні…»", "Потім пішов?"],
    );
}

#[test]
fn indonesian_and_malay() {
    check(
        "id",
        "Dr. Budi tinggal di Jl. Sudirman. Dia bekerja di PT. Maju.",
        &[
            "Dr. Budi tinggal di Jl. Sudirman.",
            "Dia bekerja di PT. Maju.",
        ],
    );
    check(
        "id",
        "Harganya Rp. 5.000 saja. Murah sekali!",
        &["Harganya Rp. 5.000 saja.", "Murah sekali!"],
    );
    check(
        "id",
        "1. Doa wanita itu makbul. Karena dia sabar.",
        &["1. Doa wanita itu makbul.", "Karena dia sabar."],
    );
    check(
        "ms",
        "Tn. Ahmad dari Sdn. Bhd. itu berkata. Dia gembira.",
        &["Tn. Ahmad dari Sdn. Bhd. itu berkata.", "Dia gembira."],
    );
}

#[test]
fn other_languages_basics() {
    check(
        "tr",
        "Dr. Yılmaz 2. Dünya Savaşı'nı anlattı. Çok ilginçti!",
        &["Dr. Yılmaz 2. Dünya Savaşı'nı anlattı.", "Çok ilginçti!"],
    );
    check(
        "ar",
        "قال الرئيس إن الوضع صعب. هل هذا صحيح؟ نعم.",
        &["قال الرئيس إن الوضع صعب.", "هل هذا صحيح؟", "نعم."],
    );
    check(
        "bg",
        "Той живее на ул. Витоша, т.е. в центъра. Д-р Петров също.",
        &[
            "Той живее на ул. Витоша, т.е. в центъра.",
            "Д-р Петров също.",
        ],
    );
    check(
        "cs",
        "Ing. Novák přišel např. včera. Byl 7. května v Praze.",
        &["Ing. Novák přišel např. včera.", "Byl 7. května v Praze."],
    );
    check(
        "sl",
        "Dr. Novak je prišel 7. maja. Npr. danes.",
        &["Dr. Novak je prišel 7. maja.", "Npr. danes."],
    );
    check(
        "pt",
        "O Sr. Silva chegou. A Dra. Costa não.",
        &["O Sr. Silva chegou.", "A Dra. Costa não."],
    );
}

#[test]
fn terminators_found_past_long_plain_runs() {
    // The scan skips eight bytes at a time: terminators at every offset in a chunk are found.
    for pad in 0..9 {
        let lead = "x".repeat(pad);
        check(
            "en",
            &format!("{lead}abcdefghijklmnop! Next one? Yes… Again。 Done"),
            &[
                &format!("{lead}abcdefghijklmnop!"),
                "Next one?",
                "Yes…",
                "Again。",
                "Done",
            ],
        );
    }
}
