//! The words of time expressions in the fourteen supported languages (en, de, fr, es, it, nl, pl, cs,
//! sl, bg, ru, uk, id, pt): weekday names, relative day words, calendar units, "last/this/next", number
//! words, the prepositions that lead dates, and tense cues. Month names with their case forms come
//! from [`concord_lang::months`], whose `*` and `#` markers mean what they mean here.
//!
//! Tables are plain text here and compiled once into one hash map by [`Lexicon::new`]; lookups are by
//! lowercased word with typographic apostrophes folded to `'`. Markers inside a form list: a leading
//! `*` makes the form strict (a month must be capitalised, a weekday needs a leading preposition, a
//! relative day word must be lowercase and not follow an article); a leading `#` marks an abbreviation
//! that counts only next to a day number ("Dec 7"); a leading `+` marks a plural-only
//! unit or "last/next" form ("weeks", "prochains"), which never makes "the coming months" a date.
//! It does not match phrases: the matcher combines single words.

use std::collections::HashMap;

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// The English name used in notes, singular or plural.
    pub(crate) fn name(self, n: i32) -> &'static str {
        let one = n.abs() <= 1;
        match (self, one) {
            (Unit::Day, true) => "day",
            (Unit::Day, false) => "days",
            (Unit::Week, true) => "week",
            (Unit::Week, false) => "weeks",
            (Unit::Month, true) => "month",
            (Unit::Month, false) => "months",
            (Unit::Year, true) => "year",
            (Unit::Year, false) => "years",
        }
    }
}

/// One meaning of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sense {
    /// A month, 1..=12.
    Month(u8),
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// A relative day or year word: "yesterday" (-1 day), "loni" (-1 year).
    Rel(i8, Unit),
    /// A calendar unit ("week", "tygodni").
    Unit(Unit),
    /// "last" (-1), "this" (0), "next" (+1).
    Dir(i8),
    /// A number word.
    Num(u8),
    /// "ago", placed after the duration.
    Ago,
    /// "vor", "hace", "před", placed before the duration.
    AgoPre,
    /// "since", "seit", "od", "с".
    Since,
    /// "within", "innerhalb", "dalam", "за".
    Within,
    /// "in" before a duration: a point that far in the future ("in three weeks").
    In,
    /// A preposition that may lead a date, weekday, month or year ("on", "am", "w", "pada").
    Prep,
    /// Early (0), mid (1), late (2) part of a month or year.
    Part(u8),
    /// "several", "beberapa": a vague count that makes "several months" no date.
    Vague,
    /// An article or an approximator skipped between the words of an expression.
    Filler,
    /// A past-tense cue.
    Past,
    /// A future-tense cue.
    Future,
    /// The abbreviation after a year: "r." (rok), "г." (год / година).
    YearMark,
}

/// Bit flags of sense categories, for fast tests in the matcher.
pub(crate) mod cat {
    pub const MONTH: u32 = 1;
    pub const WEEKDAY: u32 = 1 << 1;
    pub const REL: u32 = 1 << 2;
    pub const UNIT: u32 = 1 << 3;
    pub const DIR: u32 = 1 << 4;
    pub const NUM: u32 = 1 << 5;
    pub const AGO: u32 = 1 << 6;
    pub const AGO_PRE: u32 = 1 << 7;
    pub const SINCE: u32 = 1 << 8;
    pub const WITHIN: u32 = 1 << 9;
    pub const IN: u32 = 1 << 10;
    pub const PREP: u32 = 1 << 11;
    pub const PART: u32 = 1 << 12;
    pub const VAGUE: u32 = 1 << 13;
    pub const FILLER: u32 = 1 << 14;
    pub const PAST: u32 = 1 << 15;
    pub const FUTURE: u32 = 1 << 16;
    pub const YEAR_MARK: u32 = 1 << 17;
}

impl Sense {
    pub(crate) fn cat(self) -> u32 {
        match self {
            Sense::Month(_) => cat::MONTH,
            Sense::Weekday(_) => cat::WEEKDAY,
            Sense::Rel(..) => cat::REL,
            Sense::Unit(_) => cat::UNIT,
            Sense::Dir(_) => cat::DIR,
            Sense::Num(_) => cat::NUM,
            Sense::Ago => cat::AGO,
            Sense::AgoPre => cat::AGO_PRE,
            Sense::Since => cat::SINCE,
            Sense::Within => cat::WITHIN,
            Sense::In => cat::IN,
            Sense::Prep => cat::PREP,
            Sense::Part(_) => cat::PART,
            Sense::Vague => cat::VAGUE,
            Sense::Filler => cat::FILLER,
            Sense::Past => cat::PAST,
            Sense::Future => cat::FUTURE,
            Sense::YearMark => cat::YEAR_MARK,
        }
    }
}

/// A sense with the languages it belongs to and its markers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    /// Bit `i` set: the word has this sense in [`LANGS`]`[i]`.
    pub mask: u16,
    pub sense: Sense,
    /// The form's marker (see the module doc).
    pub mark: Mark,
}

/// A marker on a form in the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// No marker.
    Plain,
    /// `*`: needs extra context.
    Strict,
    /// `#`: an abbreviation, valid only next to a day number.
    Abbrev,
    /// `+`: a plural-only form.
    Plural,
}

/// The word tables of one language.
pub(crate) struct Lang {
    pub code: &'static str,
    pub weekdays: [&'static str; 7],
    /// `word=<n><d|y>` items.
    pub rel: &'static str,
    /// Day, week, month, year.
    pub units: [&'static str; 4],
    /// Last, this, next.
    pub dir: [&'static str; 3],
    /// 1..=12.
    pub nums: [&'static str; 12],
    pub ago: &'static str,
    pub ago_pre: &'static str,
    pub since: &'static str,
    pub within: &'static str,
    pub in_: &'static str,
    pub prep: &'static str,
    /// Early, mid, late.
    pub parts: [&'static str; 3],
    pub vague: &'static str,
    pub filler: &'static str,
    pub past: &'static str,
    pub future: &'static str,
    pub year_mark: &'static str,
    /// Word endings that mark a past-tense verb (English "-ed", Slavic "-ł/-л").
    pub past_suffix: &'static [&'static str],
    /// Word endings that mark a future-tense verb (French "-ront", Spanish "-rá").
    pub future_suffix: &'static [&'static str],
    /// The shortest word (in chars) a suffix cue applies to.
    pub suffix_min: usize,
    /// Day before month only ("7 December" but never "December 7").
    pub day_first: bool,
    /// "last/next" may follow the unit or weekday ("l'année dernière", "tahun lalu").
    pub dir_after: bool,
}

/// The supported languages.
pub(crate) const LANGS: [Lang; 14] = [
    Lang {
        code: "en",
        weekdays: [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
        rel: "yesterday=-1d today=0d tomorrow=1d",
        units: ["day +days", "week +weeks", "month +months", "year +years"],
        dir: ["last past previous", "this", "next coming upcoming"],
        nums: [
            "a an one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ],
        ago: "ago",
        ago_pre: "",
        since: "since",
        within: "within",
        in_: "in",
        prep: "on in by until till from during throughout",
        parts: ["early beginning start", "mid middle", "late end"],
        vague: "several few some many recent",
        filler: "the of about around approximately nearly almost roughly just",
        // Participles that follow "will be" ("held", "met", "made") are no cue.
        past: "said told was were had did ago yesterday spoke took came went gave saw began \
               wrote fell rose",
        future: "will 'll shall going scheduled planned upcoming next coming due tomorrow",
        year_mark: "",
        past_suffix: &["ed"],
        future_suffix: &[],
        suffix_min: 5,
        day_first: false,
        dir_after: false,
    },
    Lang {
        code: "de",
        weekdays: [
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag sonnabend",
            "sonntag",
        ],
        rel: "vorgestern=-2d gestern=-1d heute=0d *morgen=1d übermorgen=2d heuer=0y",
        units: [
            "tag tages +tage +tagen",
            "woche +wochen",
            "monat monats +monate +monaten",
            "jahr jahres +jahre +jahren",
        ],
        dir: [
            "letzte letzten letztes letzter vergangene vergangenen vergangenes vergangener vorige \
             vorigen voriges",
            "diese diesen dieses diesem",
            "nächste nächsten nächstes nächster kommende kommenden kommendes",
        ],
        nums: [
            "ein eine einer einem einen",
            "zwei",
            "drei",
            "vier",
            "fünf",
            "sechs",
            "sieben",
            "acht",
            "neun",
            "zehn",
            "elf",
            "zwölf",
        ],
        ago: "her",
        ago_pre: "vor",
        since: "seit",
        within: "innerhalb binnen",
        in_: "in",
        prep: "am im in bis ab vom zum an während",
        parts: ["anfang anfangs beginn", "mitte", "ende"],
        vague: "einigen einige mehrere mehreren wenigen paar",
        filler: "der die das des dem den etwa rund ungefähr fast knapp",
        past: "sagte sagten war waren wurde wurden hatte hatten hat haben erklärte erklärten \
               teilte teilten gestern",
        future: "wird werden soll sollen nächste nächsten kommende kommenden geplant morgen",
        year_mark: "",
        past_suffix: &[],
        future_suffix: &[],
        suffix_min: 5,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "fr",
        weekdays: [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        rel: "avant-hier=-2d hier=-1d aujourd'hui=0d demain=1d après-demain=2d",
        units: [
            "jour journée +jours",
            "semaine +semaines",
            "mois",
            "an année +ans +années",
        ],
        dir: [
            "dernier dernière passé passée +derniers +dernières",
            "ce cet cette",
            "prochain prochaine +prochains +prochaines",
        ],
        nums: [
            "un une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze",
        ],
        ago: "",
        ago_pre: "*a",
        since: "depuis",
        within: "",
        in_: "dans",
        prep: "le en au dès pendant durant",
        parts: ["début", "mi milieu", "fin"],
        vague: "plusieurs quelques",
        filler: "la les l' de du d' des environ près",
        past: "a ont avait avaient était étaient fut furent dit hier",
        future: "va vont sera seront aura auront prochain prochaine demain devrait doit",
        year_mark: "",
        past_suffix: &[],
        future_suffix: &["era", "ira", "ront"],
        suffix_min: 6,
        day_first: true,
        dir_after: true,
    },
    Lang {
        code: "es",
        weekdays: [
            "lunes",
            "martes",
            "miércoles miercoles",
            "jueves",
            "viernes",
            "sábado sabado",
            "*domingo",
        ],
        rel: "anteayer=-2d antier=-2d ayer=-1d hoy=0d *mañana=1d",
        units: [
            "día dia +días +dias",
            "semana +semanas",
            "mes +meses",
            "año +años",
        ],
        dir: [
            "pasado pasada último última +pasados +últimos",
            "este esta",
            "próximo próxima +próximos +próximas",
        ],
        nums: [
            "un una uno",
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
            "diez",
            "once",
            "doce",
        ],
        ago: "",
        ago_pre: "hace",
        since: "desde",
        within: "",
        in_: "dentro",
        prep: "el en hasta durante",
        parts: [
            "principios inicio comienzos principio",
            "mediados",
            "finales fin final",
        ],
        vague: "varios varias algunos algunas pocos",
        filler: "la los las de del unos unas aproximadamente casi",
        past: "dijo dijeron fue fueron había habían ha han era ayer",
        future: "será serán va van habrá próximo próxima",
        year_mark: "",
        past_suffix: &["ó"],
        future_suffix: &["rá", "rán"],
        suffix_min: 4,
        day_first: true,
        dir_after: true,
    },
    Lang {
        code: "it",
        weekdays: [
            "lunedì lunedi",
            "martedì martedi",
            "mercoledì mercoledi",
            "giovedì giovedi",
            "venerdì venerdi",
            "sabato",
            "*domenica",
        ],
        rel: "ieri=-1d oggi=0d domani=1d dopodomani=2d quest'anno=0y",
        units: [
            "giorno +giorni",
            "settimana +settimane",
            "mese +mesi",
            "anno +anni",
        ],
        dir: [
            "scorso scorsa passato passata +scorsi +scorse",
            "questo questa",
            "prossimo prossima +prossimi +prossime",
        ],
        nums: [
            "un una uno",
            "due",
            "tre",
            "quattro",
            "cinque",
            "sei",
            "sette",
            "otto",
            "nove",
            "dieci",
            "undici",
            "dodici",
        ],
        ago: "fa",
        ago_pre: "",
        since: "dal dall' dalla da",
        within: "entro",
        in_: "tra fra",
        prep: "il nel nell' a in al durante",
        parts: ["inizio", "metà meta", "fine"],
        vague: "alcuni alcune diversi diverse pochi qualche",
        filler: "lo la i gli le l' di del della dell' circa quasi all' alla",
        past: "ha hanno aveva avevano era erano fu disse ieri",
        future: "sarà saranno avrà prossimo prossima domani",
        year_mark: "",
        past_suffix: &[],
        future_suffix: &["rà", "ranno"],
        suffix_min: 5,
        day_first: true,
        dir_after: true,
    },
    Lang {
        code: "nl",
        weekdays: [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
        rel: "eergisteren=-2d gisteren=-1d vandaag=0d *morgen=1d overmorgen=2d",
        units: ["dag +dagen", "week +weken", "maand +maanden", "jaar +jaren"],
        dir: [
            "vorig vorige afgelopen",
            "dit deze",
            "volgend volgende komend komende aanstaande",
        ],
        nums: [
            "een één",
            "twee",
            "drie",
            "vier",
            "vijf",
            "zes",
            "zeven",
            "acht",
            "negen",
            "tien",
            "elf",
            "twaalf",
        ],
        ago: "geleden",
        ago_pre: "",
        since: "sinds sedert",
        within: "binnen",
        in_: "over",
        prep: "op in tot vanaf tijdens gedurende",
        parts: ["begin", "half medio midden", "eind einde"],
        vague: "enkele paar aantal",
        filler: "de het van ongeveer bijna zo'n",
        past: "zei zeiden heeft hebben had hadden was waren werd werden gisteren",
        future: "zal zullen gaat gaan volgende komende morgen",
        year_mark: "",
        past_suffix: &[],
        future_suffix: &[],
        suffix_min: 5,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "pl",
        weekdays: [
            "poniedziałek poniedziałku",
            "wtorek wtorku",
            "środa środę środy środzie",
            "czwartek czwartku",
            "piątek piątku",
            "sobota sobotę soboty sobocie",
            "niedziela niedzielę niedzieli",
        ],
        rel: "przedwczoraj=-2d wczoraj=-1d dziś=0d dzisiaj=0d jutro=1d pojutrze=2d",
        units: [
            "dzień dnia dniu +dni +dniach",
            "tydzień tygodnia tygodniu +tygodnie +tygodni +tygodniach",
            "miesiąc miesiąca miesiącu +miesiące +miesięcy",
            "rok roku +lata +lat +latach",
        ],
        dir: [
            "zeszły zeszłym zeszłego zeszłej zeszłą ubiegły ubiegłym ubiegłego ubiegłej ubiegłą \
             poprzedni poprzednim poprzedniego",
            "ten tym tego tej tę bieżący bieżącym bieżącego",
            "przyszły przyszłym przyszłego przyszłej przyszłą następny następnym następnego",
        ],
        nums: [
            "jeden jedna jedno jednego jednej",
            "dwa dwie dwóch dwu",
            "trzy trzech",
            "cztery czterech",
            "pięć pięciu",
            "sześć sześciu",
            "siedem siedmiu",
            "osiem ośmiu",
            "dziewięć dziewięciu",
            "dziesięć dziesięciu",
            "jedenaście jedenastu",
            "dwanaście dwunastu",
        ],
        ago: "temu",
        ago_pre: "",
        since: "od",
        within: "ciągu",
        in_: "za",
        prep: "w we do podczas",
        parts: ["początku początek", "połowie połowy", "końcu koniec końca"],
        vague: "kilka kilku kilkanaście parę",
        filler: "około prawie blisko na pod",
        past: "był była było byli były wczoraj",
        future: "będzie będą przyszły przyszłym jutro",
        year_mark: "r",
        past_suffix: &["ł", "ła", "ło", "li", "ły"],
        future_suffix: &[],
        suffix_min: 4,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "cs",
        weekdays: [
            "pondělí",
            "úterý",
            "středa středu středy středě",
            "čtvrtek čtvrtku",
            "pátek pátku",
            "sobota sobotu soboty sobotě",
            "neděle neděli",
        ],
        rel: "předevčírem=-2d včera=-1d dnes=0d zítra=1d pozítří=2d loni=-1y letos=0y",
        units: [
            "den dne dni dnem +dny +dnů",
            "týden týdne týdnu týdnem +týdny +týdnů",
            "měsíc měsíce měsíci měsícem +měsíců",
            "rok roce roku rokem +roky +let +roků",
        ],
        dir: [
            "minulý minulém minulého minulou minulá loňský loňském loňského",
            "tento tomto tohoto tuto tato letošní letošním",
            "příští příštím příštího nadcházející",
        ],
        nums: [
            "jeden jedna jedno jednoho jedné",
            "dva dvě dvou dvěma",
            "tři tří třemi",
            "čtyři čtyř čtyřmi",
            "pět pěti",
            "šest šesti",
            "sedm sedmi",
            "osm osmi",
            "devět devíti",
            "deset deseti",
            "jedenáct jedenácti",
            "dvanáct dvanácti",
        ],
        ago: "",
        ago_pre: "před",
        since: "od",
        within: "během",
        in_: "za",
        prep: "v ve do",
        parts: [
            "začátku začátkem začátek",
            "polovině půlce polovinou",
            "konci koncem konec",
        ],
        vague: "několik několika pár",
        filler: "asi zhruba téměř přibližně na",
        past: "byl byla bylo byli byly včera loni",
        future: "bude budou příští zítra",
        year_mark: "",
        past_suffix: &["l", "la", "lo", "li", "ly"],
        future_suffix: &[],
        suffix_min: 4,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "sl",
        weekdays: [
            "ponedeljek ponedeljka ponedeljku",
            "torek torka torku",
            "sreda sredo srede",
            "četrtek četrtka četrtku",
            "petek petka petku",
            "sobota soboto sobote soboti",
            "nedelja nedeljo nedelje nedelji",
        ],
        rel: "predvčerajšnjim=-2d včeraj=-1d danes=0d jutri=1d pojutrišnjem=2d lani=-1y letos=0y",
        units: [
            "dan dneva dnevu +dni +dnevi +dnevih",
            "teden tedna tednu +tedne +tednov +tedni",
            "mesec meseca mesecu +mesece +mesecev +meseci",
            "leto leta letu +let +leti",
        ],
        dir: [
            "prejšnji prejšnjem prejšnjega prejšnjo prejšnja lanski lanskem lanskega pretekli \
             preteklem preteklega preteklo",
            "ta tem tega to letošnji letošnjem",
            "prihodnji prihodnjem prihodnjega prihodnjo prihodnje naslednji naslednjem naslednjega",
        ],
        nums: [
            "en ena eno enega",
            "dva dve dveh dvema",
            "tri treh tremi",
            "štiri štirih",
            "pet petih",
            "šest šestih",
            "sedem sedmih",
            "osem osmih",
            "devet devetih",
            "deset desetih",
            "enajst enajstih",
            "dvanajst dvanajstih",
        ],
        ago: "",
        ago_pre: "pred",
        since: "od",
        within: "",
        in_: "čez",
        prep: "v do med",
        parts: [
            "začetku začetek začetka",
            "sredi sredini",
            "koncu konec konca",
        ],
        vague: "nekaj",
        filler: "približno skoraj okoli ob",
        past: "bil bila bilo bili včeraj lani",
        future: "bo bodo bosta jutri prihodnji",
        year_mark: "",
        past_suffix: &["l", "la", "lo", "li"],
        future_suffix: &[],
        suffix_min: 4,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "bg",
        weekdays: [
            "понеделник понеделника",
            "вторник вторника",
            "сряда сряда",
            "четвъртък четвъртъка",
            "петък петъка",
            "събота съботата",
            "неделя неделята",
        ],
        rel: "завчера=-2d вчера=-1d днес=0d утре=1d вдругиден=2d",
        units: [
            "ден деня денят +дни +дена",
            "седмица седмицата +седмици",
            "месец месеца месецът +месеци",
            "година годината +години",
        ],
        dir: [
            "миналата миналия миналият изминалата изминалия",
            "тази този това",
            "следващата следващия следващият идната идния",
        ],
        nums: [
            "един една едно",
            "два две",
            "три",
            "четири",
            "пет",
            "шест",
            "седем",
            "осем",
            "девет",
            "десет",
            "единадесет единайсет",
            "дванадесет дванайсет",
        ],
        ago: "",
        ago_pre: "преди",
        since: "от",
        within: "за",
        in_: "след",
        prep: "в във през на до",
        parts: ["началото", "средата", "края"],
        vague: "няколко",
        filler: "около почти приблизително",
        past: "каза казаха заяви заявиха беше бяха съобщи съобщиха вчера",
        future: "ще следващата следващия утре",
        year_mark: "г",
        past_suffix: &[],
        future_suffix: &[],
        suffix_min: 5,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "ru",
        weekdays: [
            "понедельник понедельника",
            "вторник вторника",
            "*среда *среду *среды",
            "четверг четверга",
            "пятница пятницу пятницы",
            "суббота субботу субботы",
            "воскресенье воскресенья",
        ],
        rel: "позавчера=-2d вчера=-1d сегодня=0d завтра=1d послезавтра=2d",
        units: [
            "день дня дне +дней +дни",
            "неделя недели неделе неделю +недель",
            "месяц месяца месяце +месяцев +месяцы",
            "год года году +лет +годы",
        ],
        dir: [
            "прошлый прошлом прошлого прошлой прошлую прошедшей прошедшем минувшей минувшем \
             минувший минувшего минувшую",
            "этот этом этого этой эту текущем текущего текущий нынешнем",
            "следующий следующем следующего следующей следующую будущем будущего будущей \
             грядущей",
        ],
        nums: [
            "один одна одну одного одной",
            "два две двух",
            "три трёх трех",
            "четыре четырёх четырех",
            "пять пяти",
            "шесть шести",
            "семь семи",
            "восемь восьми",
            "девять девяти",
            "десять десяти",
            "одиннадцать одиннадцати",
            "двенадцать двенадцати",
        ],
        ago: "назад",
        ago_pre: "",
        since: "с со",
        within: "за течение",
        in_: "через",
        prep: "в во до к на по",
        parts: ["начале начала", "середине середины", "конце конца"],
        vague: "несколько нескольких",
        filler: "около примерно почти приблизительно",
        past: "был была было были вчера",
        future: "будет будут состоится завтра следующей следующем",
        year_mark: "г",
        past_suffix: &["л", "ла", "ло", "ли", "лся", "лась", "лось", "лись"],
        future_suffix: &[],
        suffix_min: 4,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "uk",
        weekdays: [
            "понеділок понеділка",
            "вівторок вівторка",
            "*середа *середу *середи",
            "четвер четверга",
            "п'ятниця п'ятницю п'ятниці",
            "субота суботу суботи",
            "неділя неділю неділі",
        ],
        rel: "позавчора=-2d вчора=-1d учора=-1d сьогодні=0d завтра=1d післязавтра=2d торік=-1y",
        units: [
            "день дня дні +днів",
            "тиждень тижня тижні +тижнів",
            "місяць місяця місяці +місяців",
            "рік року році +роки +років",
        ],
        dir: [
            "минулий минулому минулого минулої минулу минулій",
            "цей цьому цього цієї цю поточному поточного",
            "наступний наступному наступного наступної наступну наступній майбутньому",
        ],
        nums: [
            "один одна одну одного однієї",
            "два дві двох",
            "три трьох",
            "чотири чотирьох",
            "п'ять п'яти",
            "шість шести",
            "сім семи",
            "вісім восьми",
            "дев'ять дев'яти",
            "десять десяти",
            "одинадцять одинадцяти",
            "дванадцять дванадцяти",
        ],
        ago: "тому",
        ago_pre: "",
        since: "з із від",
        within: "за протягом",
        in_: "через",
        prep: "в у до на",
        parts: ["початку", "середині середини", "кінці кінця наприкінці"],
        vague: "кілька кількох декілька",
        filler: "близько майже приблизно",
        past: "був була було були вчора торік",
        future: "буде будуть відбудеться завтра наступного наступному",
        year_mark: "р",
        past_suffix: &["ав", "ив", "ла", "ло", "ли", "лася", "лися"],
        future_suffix: &[],
        suffix_min: 5,
        day_first: true,
        dir_after: false,
    },
    Lang {
        code: "id",
        weekdays: [
            "senin",
            "selasa",
            "rabu",
            "kamis",
            "jumat jum'at",
            "sabtu",
            "*minggu",
        ],
        rel: "kemarin=-1d besok=1d",
        units: ["hari", "minggu pekan", "bulan", "tahun"],
        dir: ["lalu silam", "ini", "depan mendatang berikutnya"],
        nums: [
            "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
            "sepuluh", "sebelas", "duabelas",
        ],
        ago: "lalu",
        ago_pre: "",
        since: "sejak",
        within: "dalam",
        in_: "",
        prep: "pada di hingga sampai selama",
        parts: ["awal", "pertengahan tengah", "akhir"],
        vague: "beberapa",
        filler: "waktu sekitar kira-kira hampir yang hari bulan tahun",
        past: "telah sudah pernah sempat kemarin lalu tadi",
        future: "akan besok depan mendatang",
        year_mark: "",
        past_suffix: &[],
        future_suffix: &[],
        suffix_min: 5,
        day_first: true,
        dir_after: true,
    },
    Lang {
        code: "pt",
        // The short weekday names are also ordinals ("a segunda vez"): they need a preposition.
        weekdays: [
            "segunda-feira *segunda",
            "terça-feira terca-feira *terça",
            "quarta-feira *quarta",
            "quinta-feira *quinta",
            "sexta-feira *sexta",
            "sábado sabado",
            "*domingo",
        ],
        rel: "anteontem=-2d ontem=-1d hoje=0d amanhã=1d amanha=1d",
        units: [
            "dia +dias",
            "semana +semanas",
            "mês mes +meses",
            "ano +anos",
        ],
        dir: [
            "passado passada último última +passados +passadas +últimos +últimas",
            "este esta neste nesta",
            "próximo próxima +próximos +próximas",
        ],
        nums: [
            "um uma",
            "dois duas",
            "três tres",
            "quatro",
            "cinco",
            "seis",
            "sete",
            "oito",
            "nove",
            "dez",
            "onze",
            "doze",
        ],
        ago: "atrás",
        ago_pre: "há",
        since: "desde",
        within: "",
        in_: "dentro",
        prep: "o em no na até durante",
        parts: [
            "início inicio começo princípio",
            "meados",
            "final fim finais",
        ],
        vague: "vários várias alguns algumas poucos",
        filler: "o a os as de do da dos das uns umas aproximadamente quase",
        past: "disse disseram foi foram tinha tinham havia era ontem",
        future: "será serão vai vão haverá próximo próxima amanhã",
        year_mark: "",
        past_suffix: &["ou"],
        future_suffix: &["rá", "rão"],
        suffix_min: 4,
        day_first: true,
        dir_after: true,
    },
];

/// The index of a language code in [`LANGS`].
pub(crate) fn lang_index(code: &str) -> Option<usize> {
    let code = code.get(..2).unwrap_or(code);
    LANGS.iter().position(|l| l.code.eq_ignore_ascii_case(code))
}

/// Every word of every table, compiled once.
pub(crate) struct Lexicon {
    /// Lowercased word to a range of `entries`.
    words: HashMap<Box<str>, (u32, u32)>,
    entries: Vec<Entry>,
}

impl Lexicon {
    /// Compiles all tables.
    pub(crate) fn new() -> Lexicon {
        let mut by_word: HashMap<String, Vec<Entry>> = HashMap::new();
        for (li, lang) in LANGS.iter().enumerate() {
            let bit = 1u16 << li;
            let months = concord_lang::months::of(lang.code);
            for form in months.into_iter().flat_map(|names| names.forms()) {
                if form.text.contains(' ') {
                    continue;
                }
                let mark = if form.abbreviation {
                    Mark::Abbrev
                } else if form.common_word {
                    Mark::Strict
                } else {
                    Mark::Plain
                };
                insert(&mut by_word, bit, mark, form.text, Sense::Month(form.month));
            }
            let mut add = |list: &str, sense: Sense| {
                for form in list.split_whitespace() {
                    let (mark, word) = match form.as_bytes()[0] {
                        b'*' => (Mark::Strict, &form[1..]),
                        b'#' => (Mark::Abbrev, &form[1..]),
                        b'+' => (Mark::Plural, &form[1..]),
                        _ => (Mark::Plain, form),
                    };
                    insert(&mut by_word, bit, mark, word, sense);
                }
            };
            for (w, forms) in lang.weekdays.iter().enumerate() {
                add(forms, Sense::Weekday(w as u8));
            }
            for item in lang.rel.split_whitespace() {
                let Some((word, value)) = item.split_once('=') else {
                    continue;
                };
                let unit = if value.ends_with('y') {
                    Unit::Year
                } else {
                    Unit::Day
                };
                let n: i8 = value[..value.len() - 1].parse().unwrap_or(0);
                add(word, Sense::Rel(n, unit));
            }
            for (forms, unit) in
                lang.units
                    .iter()
                    .zip([Unit::Day, Unit::Week, Unit::Month, Unit::Year])
            {
                add(forms, Sense::Unit(unit));
            }
            for (forms, d) in lang.dir.iter().zip([-1i8, 0, 1]) {
                add(forms, Sense::Dir(d));
            }
            for (n, forms) in lang.nums.iter().enumerate() {
                add(forms, Sense::Num(n as u8 + 1));
            }
            for (p, forms) in lang.parts.iter().enumerate() {
                add(forms, Sense::Part(p as u8));
            }
            add(lang.ago, Sense::Ago);
            add(lang.ago_pre, Sense::AgoPre);
            add(lang.since, Sense::Since);
            add(lang.within, Sense::Within);
            add(lang.in_, Sense::In);
            add(lang.prep, Sense::Prep);
            add(lang.vague, Sense::Vague);
            add(lang.filler, Sense::Filler);
            add(lang.past, Sense::Past);
            add(lang.future, Sense::Future);
            add(lang.year_mark, Sense::YearMark);
        }
        // Sorted so that the slab layout does not depend on hash order.
        let mut words: Vec<(String, Vec<Entry>)> = by_word.into_iter().collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        let mut entries = Vec::new();
        let mut map = HashMap::with_capacity(words.len());
        for (word, list) in words {
            let start = entries.len() as u32;
            entries.extend(list);
            map.insert(word.into_boxed_str(), (start, entries.len() as u32));
        }
        Lexicon {
            words: map,
            entries,
        }
    }

    /// The senses of an already folded word, in all languages.
    pub(crate) fn get(&self, folded: &str) -> &[Entry] {
        match self.words.get(folded) {
            Some(&(a, b)) => &self.entries[a as usize..b as usize],
            None => &[],
        }
    }
}

/// Adds one form of a word in the languages of `bit` to the table being built.
fn insert(
    by_word: &mut HashMap<String, Vec<Entry>>,
    bit: u16,
    mark: Mark,
    word: &str,
    sense: Sense,
) {
    let list = by_word.entry(fold(word)).or_default();
    match list.iter_mut().find(|e| e.sense == sense && e.mark == mark) {
        Some(e) => e.mask |= bit,
        None => list.push(Entry {
            mask: bit,
            sense,
            mark,
        }),
    }
}

/// Lowercases `word` and folds typographic apostrophes to `'`.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a reused buffer.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{02bc}' | '\u{2018}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}
