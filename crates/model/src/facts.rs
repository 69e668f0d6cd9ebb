//! The output of extract: who, how many, when, and who said what, each located in the clean text.

use serde::{Deserialize, Serialize};

use crate::{CleanDoc, Span};

/// The type of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: a government body, party, company, alliance, agency.
    Organization,
    /// A place: country, city, region, geographic feature.
    Location,
    /// A named event (a summit, a war, an election).
    Event,
    /// Another named thing (products, works; tagsets such as CoNLL's MISC).
    Misc,
}

impl EntityType {
    /// The short tag used in outputs and tagsets: `PER`, `ORG`, `LOC`, `EVT`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Location => "LOC",
            EntityType::Event => "EVT",
            EntityType::Misc => "MISC",
        }
    }
}

/// One mention of a named entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is in the clean text.
    pub span: Span,
    /// Its type.
    pub kind: EntityType,
    /// The base (dictionary) form: "Putina" gives "Putin", "Путіна" gives "Путін".
    pub base: String,
}

/// How a figure is qualified in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Qualifier {
    /// Stated as is.
    Exact,
    /// "about", "sekitar", "etwa", "tens of thousands".
    Approximate,
    /// "at least", "more than", "mindestens".
    AtLeast,
    /// "at most", "less than", "up to".
    AtMost,
}

impl Qualifier {
    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
        }
    }
}

/// A number in running text with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The whole figure expression ("more than 13,000 dead").
    pub span: Span,
    /// The value, or the lower end of a range.
    pub value: f64,
    /// The upper end of a range ("between 80,000 and 100,000").
    pub value_max: Option<f64>,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// A unit of measure or currency (`%`, `USD`, `km`), when there is one.
    pub unit: Option<String>,
    /// The counted noun as written ("Soldaten", "troops").
    pub counted: Option<String>,
    /// The counted noun's base form ("Soldat", "troop").
    pub counted_base: Option<String>,
    /// Index of the sentence in [`CleanDoc::sentences`] that holds the figure.
    pub sentence: u32,
}

/// How precise a resolved time expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Granularity {
    /// A time of day.
    Time,
    /// A calendar day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

impl Granularity {
    /// The lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Time => "time",
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
        }
    }
}

/// A time expression, resolved against the publish date where possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is in the clean text.
    pub span: Span,
    /// First day covered (ISO 8601 date), when resolved.
    pub start: Option<String>,
    /// Last day covered, when the expression is a range ("since July 9", "during 2021").
    pub end: Option<String>,
    /// Precision of the expression.
    pub granularity: Granularity,
    /// What is known when it could not be resolved ("weekday=tuesday", "month=12").
    pub note: Option<String>,
}

/// A direct quotation with its speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub span: Span,
    /// The speaker's name as resolved (base form), when found.
    pub speaker: Option<String>,
    /// Where the speaker is named in the text (the mention or role phrase).
    pub speaker_span: Option<Span>,
    /// The cue ("said", "sagte", ":"), when there is one.
    pub cue: Option<Span>,
    /// Whether the quote is a fragment inside a sentence rather than whole sentences.
    pub partial: bool,
}

/// Everything extract found in one document, with the document itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    /// The clean document the facts point into.
    pub doc: CleanDoc,
    /// Entity mentions, in text order.
    pub entities: Vec<Mention>,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Time expressions, in text order.
    pub dates: Vec<TimeExpr>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
}
