//! The output of normalize: the clean article with its language and structure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ContentHash, DocId, InputFormat, SourceRef};

/// A half-open byte range `[start, end)` in a document's clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The spanned text, or `""` if the span does not fit `text` (never panics).
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A language guess: an ISO 639-1 code (or `und`) with a confidence in `[0, 1]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LangGuess {
    /// ISO 639-1 code, or `und` when the text is too short or unlike any configured language.
    pub code: String,
    /// How sure the detector is, from 0 to 1.
    pub confidence: f32,
}

impl LangGuess {
    /// The undetermined language.
    pub fn undetermined() -> LangGuess {
        LangGuess {
            code: "und".to_owned(),
            confidence: 0.0,
        }
    }
}

/// Where a publish date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    /// Declared by the container (JSONL `published`).
    Declared,
    /// An HTML `<meta>` tag (`article:published_time`, `date`, ...).
    Meta,
    /// JSON-LD `datePublished`.
    JsonLd,
    /// A `<time>` element or a dateline in the text.
    Dateline,
    /// The page URL (`/2021/12/05/`).
    Url,
    /// The `WARC-Date` of the capture (a fallback: when it was fetched, not published).
    WarcDate,
}

impl DateSource {
    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Declared => "declared",
            DateSource::Meta => "meta",
            DateSource::JsonLd => "json_ld",
            DateSource::Dateline => "dateline",
            DateSource::Url => "url",
            DateSource::WarcDate => "warc_date",
        }
    }
}

/// A publish date with its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishDate {
    /// ISO 8601: `2021-12-05`, or `2021-12-05T10:30:00Z` / with offset when the time is known.
    pub value: String,
    /// Where it was found.
    pub from: DateSource,
}

/// A paragraph of the clean text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph's bytes in the clean text.
    pub span: Span,
    /// The paragraph's own language (pages mix languages).
    pub lang: LangGuess,
}

/// Why a piece of the input is not part of the clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RemovalReason {
    /// Site navigation, menus, breadcrumbs, footers, banners.
    Navigation,
    /// "Read also", related links, teasers, recommendation blocks.
    Teaser,
    /// Share and follow bars, social embeds.
    Share,
    /// Reader comments.
    Comments,
    /// Cookie, consent and subscription notices, paywall prompts.
    Notice,
    /// Legal and copyright lines, disclaimers.
    Legal,
    /// Image and video captions or credits.
    Caption,
    /// Advertising and scraper spam.
    Spam,
    /// A line that repeats across documents of the same site.
    Repeated,
    /// The title, kept in `title` rather than in the text.
    Title,
    /// Bylines, datelines and other metadata lines, kept in their own fields.
    Metadata,
    /// Scripts, styles and other non-text markup.
    Markup,
    /// Any other block judged not to be article text.
    Boilerplate,
}

impl RemovalReason {
    /// The snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Navigation => "navigation",
            RemovalReason::Teaser => "teaser",
            RemovalReason::Share => "share",
            RemovalReason::Comments => "comments",
            RemovalReason::Notice => "notice",
            RemovalReason::Legal => "legal",
            RemovalReason::Caption => "caption",
            RemovalReason::Spam => "spam",
            RemovalReason::Repeated => "repeated",
            RemovalReason::Title => "title",
            RemovalReason::Metadata => "metadata",
            RemovalReason::Markup => "markup",
            RemovalReason::Boilerplate => "boilerplate",
        }
    }
}

/// A piece of input text that normalize left out of the clean text, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text (markup stripped, white space collapsed).
    pub text: String,
    /// Why it was removed.
    pub reason: RemovalReason,
    /// Byte offset of the removed piece in the raw body.
    pub raw_offset: u32,
}

/// Maps clean-text offsets back to raw-body offsets.
///
/// Stored as anchors `(clean, raw)` sorted by `clean`: a clean offset `c` maps to
/// `raw + (c - clean)` for the last anchor with `clean <= c`. Every point where the correspondence
/// jumps (removed chrome, decoded entities, repaired characters) starts a new anchor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    /// `(clean offset, raw offset)` pairs, sorted by clean offset.
    pub anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// Records that clean offset `clean` corresponds to raw offset `raw`.
    pub fn push(&mut self, clean: usize, raw: usize) {
        let anchor = (clean as u32, raw as u32);
        match self.anchors.last_mut() {
            Some(last) if last.0 == anchor.0 => *last = anchor,
            _ => self.anchors.push(anchor),
        }
    }

    /// The raw offset of clean offset `clean`.
    pub fn to_raw(&self, clean: usize) -> usize {
        let clean = clean as u32;
        let idx = self.anchors.partition_point(|anchor| anchor.0 <= clean);
        match idx.checked_sub(1).and_then(|idx| self.anchors.get(idx)) {
            Some(&(c, r)) => (r + (clean - c)) as usize,
            None => clean as usize,
        }
    }
}

/// Counts of text repairs made while cleaning.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repairs {
    /// Runs of UTF-8 misread as Latin-1 / Windows-1252 that were repaired.
    pub mojibake: u32,
    /// HTML entities decoded.
    pub entities: u32,
    /// Typographic characters normalized (quotes, dashes, spaces, soft hyphens, zero-width).
    pub typography: u32,
}

impl std::ops::AddAssign<&Repairs> for Repairs {
    fn add_assign(&mut self, other: &Repairs) {
        self.mojibake += other.mojibake;
        self.entities += other.entities;
        self.typography += other.typography;
    }
}

/// A cleaned article: the main text only, with its title, date, language and structure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CleanDoc {
    /// Stable identity (from ingest).
    pub id: DocId,
    /// Hash of the raw record's bytes.
    pub content_hash: ContentHash,
    /// Where the record came from.
    pub source: SourceRef,
    /// The container it was read from.
    pub format: InputFormat,
    /// The article title.
    pub title: Option<String>,
    /// The publish date and where it was found.
    pub published: Option<PublishDate>,
    /// The site or agency, when stated.
    pub site: Option<String>,
    /// Language of the whole document.
    pub lang: LangGuess,
    /// The main text (NFC, typography normalized), paragraphs separated by `\n\n`.
    pub text: String,
    /// Paragraphs as spans of `text`.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences as spans of `text`.
    pub sentences: Vec<Span>,
    /// Everything left out of `text`, with its reason.
    pub removed: Vec<Removed>,
    /// Clean offsets back to raw-body offsets.
    pub offsets: OffsetMap,
    /// Repairs made.
    pub repairs: Repairs,
    /// Declared fields concord does not interpret, carried from [`crate::RawDoc::metadata`]: name to
    /// JSON text (a string value keeps its quotes), sorted by name.
    pub meta: BTreeMap<String, String>,
}
