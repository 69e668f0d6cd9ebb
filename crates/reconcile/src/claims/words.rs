//! The words claims read a figure's sentence with, per language: modality (planned, wanted,
//! possible), casualty phrases, attribution verbs and clause boundaries.
//!
//! A phrase is a sequence of lowercase words matched on consecutive tokens; a word ending in `*`
//! matches any token it begins. Lists are general news vocabulary, not fitted to test texts.

/// Words that put a figure in the planned or possible sense: plans, wishes, conditionals,
/// futures. The figure's clause must hold one near the figure.
pub const MODALITY: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "plan*",
            "would",
            "could",
            "might",
            "want*",
            "intend*",
            "contemplat*",
            "prepar*",
            "propos*",
            "envisag*",
            "aim*",
            "seek*",
            "will",
            "threaten*",
        ],
    ),
    (
        "de",
        &[
            "will",
            "wollen",
            "wollte*",
            "plan*",
            "geplant*",
            "könnte*",
            "würde*",
            "soll",
            "sollen",
            "beabsichtig*",
            "vorgesehen",
            "erwäg*",
            "droh*",
        ],
    ),
    (
        "id",
        &[
            "ingin",
            "akan",
            "rencana*",
            "berencana",
            "merencanakan",
            "bermaksud",
            "hendak",
            "mungkin",
            "bisa",
            "dapat",
            "mengancam",
        ],
    ),
    (
        "ms",
        &[
            "ingin",
            "akan",
            "rancang*",
            "merancang",
            "berhasrat",
            "mungkin",
            "boleh",
        ],
    ),
    (
        "fr",
        &[
            "veut", "veulent", "vouloir", "prévoi*", "prévu*", "pourrai*", "envisag*", "compte",
            "comptent", "projet*", "menace*", "voudrai*", "serai*",
        ],
    ),
    (
        "es",
        &[
            "quiere*",
            "planea*",
            "prevé*",
            "previsto*",
            "podría*",
            "contempla*",
            "pretende*",
            "proyecta*",
            "amenaza*",
            "sería*",
        ],
    ),
    (
        "it",
        &[
            "vuole",
            "vogliono",
            "prevede*",
            "previsto*",
            "potrebbe*",
            "intende*",
            "progetta*",
            "minaccia*",
            "sarebbe*",
        ],
    ),
    (
        "pt",
        &[
            "quer",
            "querem",
            "planeja*",
            "prevê",
            "previsto*",
            "poderia*",
            "pretende*",
        ],
    ),
    (
        "nl",
        &[
            "wil",
            "willen",
            "plan*",
            "gepland*",
            "zou",
            "zouden",
            "kunnen",
            "overweeg*",
        ],
    ),
    (
        "ru",
        &[
            "хочет",
            "хотят",
            "планир*",
            "намерен*",
            "может",
            "могут",
            "собира*",
            "готов*",
            "предполага*",
            "угрожа*",
        ],
    ),
    (
        "uk",
        &[
            "хоче",
            "хочуть",
            "планує*",
            "планують",
            "має намір",
            "може",
            "можуть",
        ],
    ),
    (
        "pl",
        &[
            "chce",
            "chcą",
            "planuj*",
            "zamierza*",
            "może",
            "mogą",
            "mógłby*",
            "miałby*",
        ],
    ),
    (
        "tr",
        &["planlı*", "istiyor*", "niyet*", "olabilir", "edecek*"],
    ),
];

/// Phrases that make a counted group of people a casualty count ("29 tentara ... kehilangan
/// nyawa", "61 soldiers killed"): the concept becomes "<group> killed".
pub const KILLED: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "killed",
            "died",
            "dead",
            "perished",
            "lost their lives",
            "lost their life",
        ],
    ),
    (
        "de",
        &[
            "getötet*",
            "gestorben",
            "ums leben",
            "leben verlor*",
            "gefallen",
            "tot",
            "tote",
        ],
    ),
    (
        "id",
        &[
            "tewas",
            "meninggal*",
            "terbunuh",
            "gugur",
            "kehilangan nyawa",
            "korban jiwa",
        ],
    ),
    (
        "ms",
        &[
            "terbunuh",
            "maut",
            "meninggal*",
            "terkorban",
            "kehilangan nyawa",
        ],
    ),
    (
        "fr",
        &["tués", "tué", "morts", "mort", "perdu la vie", "décédé*"],
    ),
    (
        "es",
        &["muert*", "fallecid*", "perdieron la vida", "asesinad*"],
    ),
    (
        "it",
        &[
            "uccis*",
            "morti",
            "morto",
            "persero la vita",
            "hanno perso la vita",
        ],
    ),
    ("pt", &["mort*", "perderam a vida", "assassinad*"]),
    ("nl", &["gedood", "omgekomen", "doden", "gesneuveld"]),
    ("ru", &["погиб*", "убит*", "убил*"]),
    ("uk", &["загину*", "загибл*", "вбит*", "загинул*"]),
    ("pl", &["zgin*", "zabit*", "poleg*", "zmarł*"]),
    ("tr", &["öldü*", "hayatını kaybet*", "şehit*"]),
];

/// Phrases that make a counted group of people an injury count.
pub const INJURED: &[(&str, &[&str])] = &[
    ("en", &["injured", "wounded", "hurt"]),
    ("de", &["verletzt*", "verwundet*"]),
    ("id", &["luka*", "terluka", "cedera"]),
    ("ms", &["cedera", "parah"]),
    ("fr", &["blessé*"]),
    ("es", &["herid*", "lesionad*"]),
    ("it", &["ferit*"]),
    ("pt", &["ferid*"]),
    ("nl", &["gewond*"]),
    ("ru", &["ранен*", "пострадав*"]),
    ("uk", &["поранен*"]),
    ("pl", &["rann*"]),
    ("tr", &["yaralan*", "yaralı"]),
];

/// Verbs and phrases that attribute what a clause says to a source. `Before` verbs follow their
/// source or precede it ("X said", "said X"); `Prep` phrases introduce it ("according to X").
pub const SAID: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "said",
            "says",
            "told",
            "stated",
            "estimated",
            "estimates",
            "claimed",
            "claims",
            "reported",
            "reports",
            "announced",
            "accused",
            "accuses",
            "confirmed",
            "added",
        ],
    ),
    (
        "de",
        &[
            "sagte",
            "sagt",
            "erklärte",
            "erklärt",
            "schätzen",
            "schätzt",
            "schätzte",
            "berichtete",
            "berichtet",
            "teilte",
            "beschuldigt",
            "beschuldigte",
            "behauptet*",
            "meldete",
            "betonte",
        ],
    ),
    (
        "id",
        &[
            "kata",
            "katanya",
            "mengatakan",
            "ujar",
            "ujarnya",
            "menyatakan",
            "memperkirakan",
            "perkirakan",
            "menuduh",
            "melaporkan",
            "menyebut",
            "menegaskan",
        ],
    ),
    (
        "ms",
        &[
            "kata",
            "katanya",
            "berkata",
            "menyatakan",
            "menuduh",
            "melaporkan",
        ],
    ),
    (
        "fr",
        &[
            "a déclaré",
            "a dit",
            "déclare",
            "affirme",
            "estime",
            "accuse",
            "a annoncé",
            "indique",
        ],
    ),
    (
        "es",
        &[
            "dijo", "afirmó", "declaró", "estima", "acusa", "anunció", "aseguró",
        ],
    ),
    (
        "it",
        &[
            "ha detto",
            "ha dichiarato",
            "afferma",
            "stima",
            "accusa",
            "ha annunciato",
        ],
    ),
    (
        "pt",
        &[
            "disse", "afirmou", "declarou", "estima", "acusa", "anunciou",
        ],
    ),
    (
        "nl",
        &[
            "zei",
            "zegt",
            "verklaarde",
            "schat",
            "beschuldigt",
            "meldde",
        ],
    ),
    (
        "ru",
        &[
            "сказал*",
            "заявил*",
            "сообщил*",
            "оценива*",
            "обвинил*",
            "обвиня*",
        ],
    ),
    (
        "uk",
        &["сказав", "заявив", "повідомив", "заявила", "повідомила"],
    ),
    (
        "pl",
        &[
            "powiedział*",
            "oświadczył*",
            "poinformował*",
            "szacuje",
            "oskarża*",
        ],
    ),
    ("tr", &["dedi", "açıkladı", "söyledi", "belirtti", "iddia"]),
];

/// Attribution verbs whose object is not the source ("Shoigu accuses NATO of wanting to deploy
/// 40,000 troops"): the source is only looked for before them.
pub const ACCUSE: &[&str] = &[
    "accus*",
    "beschuldig*",
    "menuduh",
    "dituduh",
    "acusa*",
    "accusa*",
    "обвин*",
    "oskarż*",
    "suçla*",
];

/// Phrases that introduce their source ("according to X", "menurut X", "laut X").
pub const ACCORDING: &[(&str, &[&str])] = &[
    ("en", &["according to"]),
    ("de", &["laut", "nach angaben", "zufolge"]),
    ("id", &["menurut", "kata"]),
    ("ms", &["menurut", "mengikut"]),
    ("fr", &["selon", "d'après"]),
    ("es", &["según"]),
    ("it", &["secondo"]),
    ("pt", &["segundo", "de acordo com"]),
    ("nl", &["volgens"]),
    ("ru", &["по словам", "по данным", "согласно"]),
    ("uk", &["за словами", "за даними"]),
    ("pl", &["według", "wg"]),
    ("tr", &["göre"]),
];

/// Words that end a clause: coordinating conjunctions and contrast words. Attribution,
/// modality and contrast are read within the figure's clause.
pub const CLAUSE: &[(&str, &[&str])] = &[
    ("en", &["and", "but", "while", "whereas", "although"]),
    ("de", &["und", "aber", "während", "doch", "jedoch"]),
    ("id", &["dan", "tetapi", "namun", "sedangkan", "sementara"]),
    ("ms", &["dan", "tetapi", "namun", "manakala", "sementara"]),
    ("fr", &["et", "mais", "tandis", "alors"]),
    ("es", &["y", "pero", "mientras"]),
    ("it", &["e", "ma", "mentre"]),
    ("pt", &["e", "mas", "enquanto"]),
    ("nl", &["en", "maar", "terwijl"]),
    ("ru", &["и", "а", "но", "тогда"]),
    ("uk", &["і", "й", "а", "але"]),
    ("pl", &["i", "a", "ale", "podczas"]),
    ("tr", &["ve", "ama", "ancak"]),
];

/// Words for years after a number: "25 Jahren", "40 anni", "12 lat". A figure followed by one is
/// a number of years (a duration), or an age with an [`AGE_AFTER`] or [`AGE_BEFORE`] cue.
pub const YEARS: &[(&str, &[&str])] = &[
    ("en", &["year", "years", "yr", "yrs"]),
    ("de", &["jahr", "jahre", "jahren", "jahres"]),
    ("fr", &["an", "ans", "année", "années"]),
    ("es", &["año", "años"]),
    ("it", &["anno", "anni"]),
    ("pt", &["ano", "anos"]),
    ("nl", &["jaar", "jaren"]),
    ("pl", &["rok", "roku", "lat", "lata"]),
    ("cs", &["rok", "roky", "let"]),
    ("ru", &["год", "года", "лет"]),
    ("uk", &["рік", "роки", "років"]),
    ("bg", &["година", "години"]),
    ("id", &["tahun"]),
    ("ms", &["tahun"]),
    ("tr", &["yıl", "yıldır", "yıllık", "yaşında*"]),
    ("ar", &["عام", "عاما", "سنة", "سنوات"]),
];

/// Words right after a figure that make it an age: "48-year-old", "84-Jährige", "12-latka",
/// "84 Jahre alten", "40 años de edad".
pub const AGE_AFTER: &[(&str, &[&str])] = &[
    ("en", &["year old", "years old", "yr old", "yrs old"]),
    ("de", &["jährig*", "jahre alt*"]),
    ("fr", &["ans et demi", "ans révolus"]),
    ("es", &["años de edad", "año de edad"]),
    ("it", &["anni di età", "enne"]),
    ("pt", &["anos de idade"]),
    ("nl", &["jarig*", "jaar oud"]),
    ("pl", &["latek", "latka", "latkiem", "letni*"]),
    ("cs", &["letý", "letá", "letou", "letého"]),
    ("ru", &["летн*"]),
    ("uk", &["річн*"]),
    ("bg", &["годишн*"]),
    ("tr", &["yaşında*", "yaşındaki"]),
];

/// Words right before a figure of years that make it an age: "aged 48", "im Alter von 40
/// Jahren", "mit 40 Jahren", "w wieku 12 lat".
pub const AGE_BEFORE: &[(&str, &[&str])] = &[
    ("en", &["aged", "age of", "age"]),
    ("de", &["alter von", "mit", "alter"]),
    ("fr", &["âge de", "âgé de", "âgée de", "âgés de"]),
    ("es", &["edad de", "a los"]),
    ("it", &["età di", "all'età di", "a"]),
    ("pt", &["idade de", "aos"]),
    ("nl", &["leeftijd van", "op"]),
    ("pl", &["w wieku", "wieku"]),
    ("cs", &["ve věku", "věku"]),
    ("ru", &["в возрасте", "возрасте"]),
    ("uk", &["у віці", "віці"]),
    ("id", &["usia", "berusia", "umur", "berumur"]),
    ("ms", &["usia", "berusia", "umur", "berumur"]),
];

/// Counted nouns that are "per cent": the figure is a percentage.
pub const PERCENT: &[&str] = &[
    "percent",
    "percentage",
    "percento",
    "per cento",
    "prozent",
    "procent",
    "procentów",
    "procenta",
    "pourcent",
    "porcentaje",
    "porciento",
    "persen",
    "peratus",
    "процент",
    "процента",
    "процентов",
    "відсотків",
    "відсотка",
    "yüzde",
];

/// Whether any phrase of `phrases` ends right before token `at`.
pub fn any_before(phrases: &[&str], tokens: &[String], at: usize) -> bool {
    phrases.iter().any(|p| {
        let n = p.split(' ').count();
        at >= n && phrase_at(p, tokens, at - n) == Some(n)
    })
}

/// The phrases of `table` for `lang` (none for a language without a row).
pub fn of(
    table: &'static [(&'static str, &'static [&'static str])],
    lang: &str,
) -> &'static [&'static str] {
    table
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, words)| words)
}

/// Whether `token` (lowercase) matches the pattern word `pattern` (a trailing `*`: a prefix).
pub fn word_matches(pattern: &str, token: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => token.starts_with(prefix),
        None => token == pattern,
    }
}

/// How many tokens from `at` the phrase `phrase` covers, when it matches there.
pub fn phrase_at(phrase: &str, tokens: &[String], at: usize) -> Option<usize> {
    let mut n = 0;
    for pattern in phrase.split(' ') {
        let token = tokens.get(at + n)?;
        if !word_matches(pattern, token) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Whether any phrase of `phrases` starts at token `at`; the first match's length.
pub fn any_at(phrases: &[&str], tokens: &[String], at: usize) -> Option<usize> {
    phrases.iter().find_map(|p| phrase_at(p, tokens, at))
}
