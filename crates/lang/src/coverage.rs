//! Which facts extract has the words for, per detected language.
//!
//! Every language normalize detects gets entities, figures, dates and quotations, but not always
//! with its own words: where a table lacks the language, extract falls back (digits only for
//! figures, the words of all covered languages together for dates and quotations, a related
//! language's training data for entities). [`COVERAGE`] says which, so that the run manifest and
//! `docs/SCHEMA.md` can tell a reader; extract's tests check it against extract's own tables.

/// What extract knows of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// ISO 639-1 code.
    pub lang: &'static str,
    /// The language whose training data the entity tagger uses for this one.
    pub entity_training: &'static str,
    /// Number words ("drei Millionen", "двести"); without them figures are digits only.
    pub number_words: bool,
    /// Words around figures: qualifiers ("more than"), ranges, years, section numbers.
    pub figure_words: bool,
    /// Time words: weekdays, "yesterday", "last week", tense cues (month names are in
    /// [`crate::months`] for every language).
    pub date_words: bool,
    /// Quotation cues: speech verbs, pronouns and roles that name a speaker.
    pub quote_cues: bool,
}

/// Shorthand for the table below: a language with every word table.
const fn full(lang: &'static str, entity_training: &'static str) -> Coverage {
    Coverage {
        lang,
        entity_training,
        number_words: true,
        figure_words: true,
        date_words: true,
        quote_cues: true,
    }
}

/// Shorthand for the table below: a language with no word table of extract's own.
const fn bare(lang: &'static str, entity_training: &'static str) -> Coverage {
    Coverage {
        lang,
        entity_training,
        number_words: false,
        figure_words: false,
        date_words: false,
        quote_cues: false,
    }
}

/// The coverage of every language of [`crate::LANGUAGES`], in that order.
pub const COVERAGE: [Coverage; 17] = [
    full("en", "en"),
    full("de", "de"),
    full("fr", "es"),
    full("es", "es"),
    full("it", "es"),
    full("pt", "es"),
    full("nl", "nl"),
    full("pl", "pl"),
    full("cs", "cs"),
    full("sl", "sl"),
    full("bg", "bg"),
    full("ru", "ru"),
    full("uk", "uk"),
    bare("tr", "en"),
    bare("ar", "en"),
    full("id", "id"),
    bare("ms", "id"),
];

/// The coverage of `lang` (ISO 639-1), if it is a detected language.
pub fn of(lang: &str) -> Option<&'static Coverage> {
    COVERAGE.iter().find(|c| c.lang == lang)
}

impl Coverage {
    /// What extract lacks for this language, as short phrases (empty when nothing); the run
    /// manifest lists these per language.
    pub fn gaps(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.entity_training != self.lang {
            out.push("entity training data");
        }
        for (has, what) in [
            (self.number_words, "number words"),
            (self.figure_words, "figure words"),
            (self.date_words, "date words"),
            (self.quote_cues, "quote cues"),
        ] {
            if !has {
                out.push(what);
            }
        }
        out
    }
}

/// The table as Markdown, as `docs/SCHEMA.md` shows it (a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| language | entities trained on | number words | figure words | date words | quote cues |\n\
         |---|---|---|---|---|---|\n",
    );
    let mark = |has: bool| if has { "yes" } else { "no" };
    for c in &COVERAGE {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            c.lang,
            c.entity_training,
            mark(c.number_words),
            mark(c.figure_words),
            mark(c.date_words),
            mark(c.quote_cues),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_detected_language_is_listed_once() {
        let langs: Vec<&str> = COVERAGE.iter().map(|c| c.lang).collect();
        assert_eq!(langs, crate::LANGUAGES);
    }

    fn check(lang: &str, expected: &[&str]) {
        let gaps = of(lang).map(Coverage::gaps);
        assert_eq!(gaps.as_deref(), Some(expected), "{lang}");
    }

    #[test]
    fn gaps_name_what_is_missing() {
        check("en", &[]);
        check("fr", &["entity training data"]);
        check("pt", &["entity training data"]);
        check(
            "tr",
            &[
                "entity training data",
                "number words",
                "figure words",
                "date words",
                "quote cues",
            ],
        );
        assert!(of("xx").is_none());
    }

    #[test]
    fn the_table_has_a_row_per_language() {
        let table = markdown_table();
        assert_eq!(table.lines().count(), 2 + COVERAGE.len());
        assert!(table.contains("| ms | id | no | no | no | no |"));
    }
}
