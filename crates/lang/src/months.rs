//! Month names of every detected language, with their case forms and abbreviations.
//!
//! One table serves every stage: normalize reads written publish dates with it (any language, full
//! forms only), extract's date finder and figure reader build their per-language word lists from it.
//! Forms are lowercase and `|`-separated, January first. A marker before a form says how a reader
//! must treat it:
//!
//! - `#`: an abbreviation ("dec", "févr", "окт"): a month only next to a day number.
//! - `*`: also a common word ("may"): a month only with more context (a capital letter).
//!
//! Forms may contain a space (Arabic "كانون الثاني"); readers that match single words skip those.

/// The month names of one language.
#[derive(Clone, Copy, Debug)]
pub struct MonthNames {
    /// ISO 639-1 code.
    pub lang: &'static str,
    /// Per month (January first), its forms, `|`-separated, with the markers of the module doc.
    pub months: [&'static str; 12],
}

/// One form of a month name, markers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthForm {
    /// The month, 1 for January to 12.
    pub month: u8,
    /// The form, lowercase, without its marker.
    pub text: &'static str,
    /// An abbreviation (`#`): a month only next to a day number.
    pub abbreviation: bool,
    /// Also a common word (`*`): a month only with more context.
    pub common_word: bool,
}

/// The month names of every language of [`crate::LANGUAGES`], in that order.
pub const MONTHS: [MonthNames; 17] = [
    MonthNames {
        lang: "en",
        months: [
            "january|#jan",
            "february|#feb",
            "march|#mar",
            "april|#apr",
            "*may",
            "june|#jun",
            "july|#jul",
            "august|#aug",
            "september|#sep|#sept",
            "october|#oct",
            "november|#nov",
            "december|#dec",
        ],
    },
    MonthNames {
        lang: "de",
        months: [
            "januar|jänner|#jan",
            "februar|feber|#feb",
            "märz|maerz|#mär",
            "april|#apr",
            "mai",
            "juni|#jun",
            "juli|#jul",
            "august|#aug",
            "september|#sep|#sept",
            "oktober|#okt",
            "november|#nov",
            "dezember|#dez",
        ],
    },
    MonthNames {
        lang: "fr",
        months: [
            "janvier|#janv",
            "février|fevrier|#févr",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août|aout",
            "septembre|#sept",
            "octobre|#oct",
            "novembre|#nov",
            "décembre|decembre|#déc",
        ],
    },
    MonthNames {
        lang: "es",
        months: [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre|setiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
    },
    MonthNames {
        lang: "it",
        months: [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
    },
    MonthNames {
        lang: "pt",
        months: [
            "janeiro",
            "fevereiro",
            "março|marco",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
    },
    MonthNames {
        lang: "nl",
        months: [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    },
    MonthNames {
        lang: "pl",
        months: [
            "styczeń|stycznia|styczniu",
            "luty|lutego|lutym",
            "marzec|marca|marcu",
            "kwiecień|kwietnia|kwietniu",
            "maj|maja|maju",
            "czerwiec|czerwca|czerwcu",
            "lipiec|lipca|lipcu",
            "sierpień|sierpnia|sierpniu",
            "wrzesień|września|wrześniu|wrzesnia",
            "październik|października|październiku",
            "listopad|listopada|listopadzie",
            "grudzień|grudnia|grudniu",
        ],
    },
    MonthNames {
        lang: "cs",
        months: [
            "leden|ledna|lednu",
            "únor|února|únoru",
            "březen|března|březnu",
            "duben|dubna|dubnu",
            "květen|května|květnu",
            "červen|června|červnu",
            "červenec|července|červenci",
            "srpen|srpna|srpnu",
            "září",
            "říjen|října|říjnu",
            "listopad|listopadu",
            "prosinec|prosince|prosinci",
        ],
    },
    MonthNames {
        lang: "sl",
        months: [
            "januar|januarja|januarju",
            "februar|februarja|februarju",
            "marec|marca|marcu",
            "april|aprila|aprilu",
            "maj|maja|maju",
            "junij|junija|juniju",
            "julij|julija|juliju",
            "avgust|avgusta|avgustu",
            "september|septembra|septembru",
            "oktober|oktobra|oktobru",
            "november|novembra|novembru",
            "december|decembra|decembru",
        ],
    },
    MonthNames {
        lang: "bg",
        months: [
            "януари",
            "февруари",
            "март",
            "април",
            "май",
            "юни",
            "юли",
            "август",
            "септември",
            "октомври",
            "ноември",
            "декември",
        ],
    },
    MonthNames {
        lang: "ru",
        months: [
            "январь|января|январе|#янв",
            "февраль|февраля|феврале|#фев|#февр",
            "март|марта|марте|#мар",
            "апрель|апреля|апреле|#апр",
            "май|мая|мае",
            "июнь|июня|июне|#июн",
            "июль|июля|июле|#июл",
            "август|августа|августе|#авг",
            "сентябрь|сентября|сентябре|#сен|#сент",
            "октябрь|октября|октябре|#окт",
            "ноябрь|ноября|ноябре|#ноя|#нояб",
            "декабрь|декабря|декабре|#дек",
        ],
    },
    MonthNames {
        lang: "uk",
        months: [
            "січень|січня|січні|#січ",
            "лютий|лютого|лютому|#лют",
            "березень|березня|березні|#бер",
            "квітень|квітня|квітні|#квіт",
            "травень|травня|травні|#трав",
            "червень|червня|червні|#черв",
            "липень|липня|липні|#лип",
            "серпень|серпня|серпні|#серп",
            "вересень|вересня|вересні|#вер",
            "жовтень|жовтня|жовтні|#жовт",
            "листопад|листопада|листопаді|#лист",
            "грудень|грудня|грудні|#груд",
        ],
    },
    MonthNames {
        lang: "tr",
        months: [
            "ocak",
            "şubat|subat",
            "mart",
            "nisan",
            "mayıs|mayis",
            "haziran",
            "temmuz",
            "ağustos|agustos",
            "eylül|eylul",
            "ekim",
            "kasım|kasim",
            "aralık|aralik",
        ],
    },
    MonthNames {
        lang: "ar",
        months: [
            "يناير|كانون الثاني",
            "فبراير|شباط",
            "مارس|آذار",
            "أبريل|نيسان",
            "مايو|أيار",
            "يونيو|حزيران",
            "يوليو|تموز",
            "أغسطس|آب",
            "سبتمبر|أيلول",
            "أكتوبر|تشرين الأول",
            "نوفمبر|تشرين الثاني",
            "ديسمبر|كانون الأول",
        ],
    },
    MonthNames {
        lang: "id",
        months: [
            "januari|#jan",
            "februari|pebruari|#feb",
            "maret|#mar",
            "april|#apr",
            "mei",
            "juni|#jun",
            "juli|#jul",
            "agustus|#agu|#agt",
            "september|#sep",
            "oktober|#okt",
            "november|nopember|#nov",
            "desember|#des",
        ],
    },
    MonthNames {
        lang: "ms",
        months: [
            "januari",
            "februari",
            "mac",
            "april",
            "mei",
            "jun",
            "julai",
            "ogos",
            "september",
            "oktober",
            "november",
            "disember",
        ],
    },
];

impl MonthNames {
    /// Every form of every month, markers read, January first.
    pub fn forms(&self) -> impl Iterator<Item = MonthForm> + '_ {
        self.months
            .iter()
            .zip(1u8..)
            .flat_map(|(forms, month)| forms.split('|').map(move |form| read_form(month, form)))
    }
}

/// Reads one table entry: its marker, if any, and the form.
fn read_form(month: u8, form: &'static str) -> MonthForm {
    let (abbreviation, common_word, text) = match form.as_bytes().first() {
        Some(b'#') => (true, false, &form[1..]),
        Some(b'*') => (false, true, &form[1..]),
        _ => (false, false, form),
    };
    MonthForm {
        month,
        text,
        abbreviation,
        common_word,
    }
}

/// The month names of `lang` (ISO 639-1), if the table has them.
pub fn of(lang: &str) -> Option<&'static MonthNames> {
    MONTHS.iter().find(|names| names.lang == lang)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn every_detected_language_has_month_names() {
        let langs: Vec<&str> = MONTHS.iter().map(|names| names.lang).collect();
        assert_eq!(langs, crate::LANGUAGES);
    }

    #[test]
    fn a_form_names_one_month_in_every_language() {
        let mut seen: HashMap<&str, (u8, &str)> = HashMap::new();
        let mut clashes = Vec::new();
        for names in &MONTHS {
            for form in names.forms() {
                let (month, lang) = *seen.entry(form.text).or_insert((form.month, names.lang));
                if month != form.month {
                    clashes.push(format!(
                        "{} ({lang} {month}, {} {})",
                        form.text, names.lang, form.month
                    ));
                }
            }
        }
        assert!(clashes.is_empty(), "forms naming two months: {clashes:?}");
    }

    #[test]
    fn forms_are_lowercase_and_trimmed() {
        for names in &MONTHS {
            for form in names.forms() {
                assert!(!form.text.is_empty(), "{}: empty form", names.lang);
                assert_eq!(form.text, form.text.to_lowercase(), "{}", names.lang);
                assert_eq!(form.text, form.text.trim(), "{}", names.lang);
                assert!(
                    !form.text.starts_with(['#', '*']),
                    "{}: two markers",
                    names.lang
                );
            }
        }
    }

    fn check(lang: &str, form: &str, expected: Option<(u8, bool, bool)>) {
        let found = of(lang).and_then(|names| {
            names
                .forms()
                .find(|f| f.text == form)
                .map(|f| (f.month, f.abbreviation, f.common_word))
        });
        assert_eq!(found, expected, "{lang} {form}");
    }

    #[test]
    fn markers_are_read() {
        check("en", "december", Some((12, false, false)));
        check("en", "dec", Some((12, true, false)));
        check("en", "may", Some((5, false, true)));
        check("ru", "декабре", Some((12, false, false)));
        check("ar", "كانون الأول", Some((12, false, false)));
        check("ms", "mac", Some((3, false, false)));
        check("en", "mac", None);
        check("xx", "may", None);
    }
}
