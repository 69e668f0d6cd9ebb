//! `concord-normalize`: turns a [`concord_model::RawDoc`] into a [`concord_model::CleanDoc`]: the main
//! text without site chrome, the title, the publish date, the language, paragraphs and sentences.
//!
//! One pure function per document, [`Normalizer::normalize`], over a [`Normalizer`] built once per
//! run (language model, cue automaton) and shared by reference across threads. HTML goes through
//! the extractor ([`html`]); plain text through line-level chrome removal ([`lines`]). Both then get
//! the same text repair ([`repair`]: mojibake, entities, typography, NFC; character references are
//! decoded exactly once, by the extractor for HTML and by repair for plain text, from one table),
//! paragraph and document language ([`lang`]) and sentences ([`sentences`]). Every clean offset
//! maps back to the raw body ([`concord_model::OffsetMap`]): for HTML, each block's map to the page
//! (past tags, references and collapsed white space) is composed with repair's map; everything
//! left out is listed in `removed` with its reason.
//!
//! The one piece of state across documents, lines repeated within a site, is computed by a
//! sequential [`RepeatTracker`] the caller drives in input order, which hands each document a
//! [`RunContext`]; a document normalized alone uses [`RunContext::none`].
//!
//! It deliberately does no I/O, spawns no threads and never panics on input: a document with no
//! text left becomes an [`Issue`] of kind [`IssueKind::NoContent`].
#![deny(missing_docs)]

pub mod cues;
pub mod dates;
mod entities;
pub mod html;
pub mod lang;
pub mod lines;
pub mod repair;
pub mod repeat;
pub mod sentences;
mod swar;

use concord_model::{
    CleanDoc, DateSource, InputFormat, Issue, IssueKind, LangGuess, Media, OffsetMap, Paragraph,
    PublishDate, RawDoc, Removed, Repairs, Span, Stage,
};

pub use repeat::{RepeatTracker, RunContext};

use crate::cues::CueMatcher;
use crate::lang::LanguageDetector;
use crate::lines::{Mode, Verdict};

/// What the normalize stage does (plain options; defaults in [`NormalizeConfig::recommended`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizeConfig {
    /// ISO 639-1 codes the language detector chooses among; anything else is `und`.
    pub languages: Vec<String>,
    /// Whether to remove site chrome from plain text and extracted blocks (off: every line is kept,
    /// only repaired).
    pub strip_chrome: bool,
}

impl NormalizeConfig {
    /// The recommended settings: the detector's default languages, chrome removal on.
    pub fn recommended() -> NormalizeConfig {
        NormalizeConfig {
            languages: lang::DEFAULT_LANGUAGES
                .iter()
                .map(|code| (*code).to_owned())
                .collect(),
            strip_chrome: true,
        }
    }
}

/// A setup problem: the normalizer cannot be built from this configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The language detector rejected the configured languages.
    #[error("language detector: {0}")]
    Lang(#[from] lang::LangError),
    /// The cue tables did not compile.
    #[error(transparent)]
    Cues(#[from] cues::CueError),
}

/// The normalize stage, built once per run and shared by all threads.
#[derive(Debug)]
pub struct Normalizer {
    detector: LanguageDetector,
    cues: CueMatcher,
    strip_chrome: bool,
}

/// The text being cleaned: repaired text, its map to the raw body, and its units.
struct Prepared {
    text: String,
    map: OffsetMap,
    repairs: Repairs,
    mode: Mode,
}

/// What an HTML page says about itself besides its text (nothing for plain text).
#[derive(Default)]
struct PageFacts {
    title: Option<String>,
    published: Option<(String, DateSource)>,
    site: Option<String>,
    /// Pieces the HTML extractor left out.
    removed: Vec<Removed>,
}

/// The clean text with its offset map and its paragraphs as spans.
struct Assembled {
    text: String,
    offsets: OffsetMap,
    paragraphs: Vec<Span>,
}

impl Normalizer {
    /// Loads the language detector and compiles the cue automaton.
    pub fn new(config: &NormalizeConfig) -> Result<Normalizer, Error> {
        let languages: Vec<&str> = config.languages.iter().map(String::as_str).collect();
        Ok(Normalizer {
            detector: LanguageDetector::new(&languages)?,
            cues: CueMatcher::new()?,
            strip_chrome: config.strip_chrome,
        })
    }

    /// Cleans one document. `context` carries the run's hints for it (from a [`RepeatTracker`],
    /// or [`RunContext::none`]).
    ///
    /// The steps: repair the text (and, for HTML, extract the article) into units ([`prepare`]),
    /// judge each unit ([`lines::layout`]), keep the content units as paragraphs
    /// ([`Normalizer::assemble`]), detect the languages ([`Normalizer::languages`]), split
    /// sentences ([`sentences_of`]), then pick title, publish date and site.
    #[allow(clippy::result_large_err)] // The stage contract: an Issue is a value, as in every stage.
    pub fn normalize(&self, doc: RawDoc, context: &RunContext) -> Result<CleanDoc, Issue> {
        let url = doc.source.url.as_deref();
        let (prepared, page) = prepare(&doc.body, doc.media, url);
        let mut removed = page.removed;
        let units = lines::units(&prepared.text, prepared.mode == Mode::Text);
        let given_title = declared_or_found(doc.title.as_deref(), page.title.as_deref());
        let layout = lines::layout(
            &units,
            &self.cues,
            context,
            given_title.as_deref(),
            prepared.mode,
        );
        let mut clean = self.assemble(&prepared, &units, &layout.verdicts, &mut removed);
        if clean.text.trim().is_empty() && prepared.mode == Mode::Text && units.len() == 1 {
            // A one-line text (a headline feed, a wire snippet, a lead paragraph) has no article
            // around it for the line to be chrome of: the line is the document.
            removed.clear();
            clean = self.assemble(&prepared, &units, &[Verdict::Keep], &mut removed);
        }
        // Removed pieces in input order (the extractor's and ours interleave).
        removed.sort_by_key(|r| r.raw_offset);
        if clean.text.trim().is_empty() {
            return Err(self.no_content(&doc, removed.len()));
        }
        let (lang, paragraph_langs) = self.languages(&clean, doc.lang.as_deref());
        let (paragraphs, sentences) = sentences_of(&clean, paragraph_langs, &lang);
        let published = self.published(&doc, page.published, layout.dateline);
        let site = declared_or_found(doc.site.as_deref(), page.site.as_deref())
            .or_else(|| url.and_then(repeat::url_host).map(str::to_lowercase));
        Ok(CleanDoc {
            id: doc.id,
            content_hash: doc.content_hash,
            source: doc.source,
            format: doc.format,
            // Given titles are cleaned and found ones repaired: references are decoded already.
            title: layout
                .title
                .map(|t| clean_line(&t, repair::References::Keep)),
            published,
            site,
            lang,
            text: clean.text,
            paragraphs,
            sentences,
            removed,
            offsets: clean.offsets,
            repairs: prepared.repairs,
            meta: doc.metadata,
        })
    }

    /// The clean text: the units judged content (all of them when chrome stays), paragraph by
    /// paragraph with white space collapsed, mapped back to the raw body. Units left out go to
    /// `removed` with their reason.
    fn assemble(
        &self,
        prepared: &Prepared,
        units: &[lines::Unit],
        verdicts: &[Verdict],
        removed: &mut Vec<Removed>,
    ) -> Assembled {
        let mut text = String::with_capacity(prepared.text.len());
        let mut offsets = OffsetMap::default();
        let mut paragraphs: Vec<Span> = Vec::new();
        for (unit, verdict) in units.iter().zip(verdicts) {
            match verdict {
                Verdict::Remove(reason) if self.strip_chrome => removed.push(Removed {
                    text: unit.text.clone(),
                    reason: *reason,
                    raw_offset: prepared.map.to_raw(unit.start) as u32,
                }),
                _ => {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    let start = text.len();
                    append_mapped(
                        &mut text,
                        &mut offsets,
                        &prepared.text,
                        &prepared.map,
                        unit.start,
                        unit.end,
                    );
                    paragraphs.push(Span::new(start, text.len()));
                }
            }
        }
        Assembled {
            text,
            offsets,
            paragraphs,
        }
    }

    /// The issue of a document with no text left after cleaning.
    fn no_content(&self, doc: &RawDoc, removed: usize) -> Issue {
        let mut issue = Issue::new(
            Stage::Normalize,
            IssueKind::NoContent,
            doc.source.clone(),
            format!(
                "no article text left after cleaning {} ({removed} pieces removed, chrome removal {})",
                match doc.media {
                    Media::Html => "HTML",
                    Media::Text => "plain text",
                },
                if self.strip_chrome { "on" } else { "off" },
            ),
        );
        issue.doc = Some(doc.id);
        issue
    }

    /// The languages of the paragraphs, and of the document pooled over them; a document the
    /// detector cannot place keeps the language its container declared (with confidence 0).
    fn languages(&self, clean: &Assembled, declared: Option<&str>) -> (LangGuess, Vec<LangGuess>) {
        let texts: Vec<&str> = clean.paragraphs.iter().map(|s| s.of(&clean.text)).collect();
        let languages = self.detector.detect_paragraphs(&texts);
        let mut lang = languages.document;
        if lang.code == "und" {
            if let Some(code) = declared.and_then(declared_lang) {
                lang = LangGuess {
                    code,
                    confidence: 0.0,
                };
            }
        }
        (lang, languages.paragraphs)
    }

    /// The publish date: declared, then the page's metadata, then a dateline, then the URL, then
    /// the capture date of a WARC record.
    fn published(
        &self,
        doc: &RawDoc,
        html: Option<(String, DateSource)>,
        dateline: Option<String>,
    ) -> Option<PublishDate> {
        let declared = doc.published.as_deref().and_then(dates::normalize_declared);
        let is_warc = doc.format == InputFormat::Warc;
        if !is_warc {
            if let Some(value) = declared.clone() {
                return Some(PublishDate {
                    value,
                    from: DateSource::Declared,
                });
            }
        }
        if let Some((value, from)) = html {
            let value = dates::normalize_declared(&value).unwrap_or(value);
            return Some(PublishDate { value, from });
        }
        if let Some(value) = dateline {
            return Some(PublishDate {
                value,
                from: DateSource::Dateline,
            });
        }
        if let Some(value) = doc.source.url.as_deref().and_then(dates::from_url) {
            return Some(PublishDate {
                value,
                from: DateSource::Url,
            });
        }
        declared.filter(|_| is_warc).map(|value| PublishDate {
            value,
            from: DateSource::WarcDate,
        })
    }
}

/// Repairs the body into the text the units are cut from; an HTML page is first reduced to its
/// article blocks (one line each), whose title, date, site and left-out pieces come back too.
fn prepare(body: &str, media: Media, url: Option<&str>) -> (Prepared, PageFacts) {
    match media {
        Media::Text => {
            let r = repair::repair(body, 0);
            let page = PageFacts {
                removed: r
                    .removed
                    .into_iter()
                    .map(|(at, text)| markup(text, at))
                    .collect(),
                ..PageFacts::default()
            };
            let prepared = Prepared {
                text: r.text,
                map: r.map,
                repairs: r.repairs,
                mode: Mode::Text,
            };
            (prepared, page)
        }
        Media::Html => {
            let article = html::extract(body, url);
            let mut removed = article.removed;
            let mut text = String::new();
            let mut map = OffsetMap::default();
            let mut repairs = Repairs::default();
            for block in &article.blocks {
                // The extractor decoded references already: decoding again would turn a
                // page's literal `&amp;lt;` into `<`.
                let r = repair::repair_with(&block.text, 0, repair::References::Keep);
                compose(&mut map, text.len(), &r.map, r.text.len(), &block.map);
                removed.extend(
                    r.removed
                        .into_iter()
                        .map(|(at, piece)| markup(piece, block.map.to_raw(at))),
                );
                // Line breaks inside a block are spaces: a block is one unit.
                for (i, line) in r.text.split('\n').enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    text.push_str(line);
                }
                text.push('\n');
                add_repairs(&mut repairs, &r.repairs);
                repairs.entities += block.references;
            }
            let prepared = Prepared {
                text,
                map,
                repairs,
                mode: Mode::Blocks,
            };
            let page = PageFacts {
                title: article.title,
                published: article.published,
                site: article.site,
                removed,
            };
            (prepared, page)
        }
    }
}

/// A one-line field (title, site): the container's declared value (which may still hold
/// character references), else the one found in the page (decoded already); never empty.
fn declared_or_found(declared: Option<&str>, found: Option<&str>) -> Option<String> {
    declared
        .map(|value| clean_line(value, repair::References::Decode))
        .or_else(|| found.map(|value| clean_line(value, repair::References::Keep)))
        .filter(|value| !value.is_empty())
}

/// The paragraphs with their languages, and the sentences of each split by the rules of its
/// language (of the document's, where a paragraph's is undetermined), as spans of the clean text.
fn sentences_of(
    clean: &Assembled,
    langs: Vec<LangGuess>,
    doc_lang: &LangGuess,
) -> (Vec<Paragraph>, Vec<Span>) {
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::with_capacity(clean.paragraphs.len());
    for (span, lang) in clean.paragraphs.iter().zip(langs) {
        let code = if lang.code == "und" {
            doc_lang.code.as_str()
        } else {
            lang.code.as_str()
        };
        for s in sentences::split(span.of(&clean.text), code) {
            sentences.push(Span::new(
                span.start as usize + s.start as usize,
                span.start as usize + s.end as usize,
            ));
        }
        paragraphs.push(Paragraph { span: *span, lang });
    }
    (paragraphs, sentences)
}

/// A piece that repair removed as markup (a terminal escape sequence) at raw offset `raw`.
fn markup(text: String, raw: usize) -> Removed {
    Removed {
        text,
        reason: concord_model::RemovalReason::Markup,
        raw_offset: u32::try_from(raw).unwrap_or(u32::MAX),
    }
}

fn add_repairs(total: &mut Repairs, more: &Repairs) {
    total.mojibake += more.mojibake;
    total.entities += more.entities;
    total.typography += more.typography;
}

/// A declared language as an ISO 639-1 code (`en`, `en-GB` -> `en`), if it looks like one.
fn declared_lang(value: &str) -> Option<String> {
    let code = value.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// A one-line field (title, site) repaired and with white space collapsed; `references` says
/// whether it may still hold character references (a declared field) or not (decoded HTML).
fn clean_line(value: &str, references: repair::References) -> String {
    let repaired = repair::repair_with(value, 0, references).text;
    repaired.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends to `out` the map of a repaired block placed at clean offset `shift`: `outer` maps the
/// repaired text (`len` bytes) to the block's text, `inner` maps the block's text to the raw page.
/// Anchors go wherever either map jumps, so the result is exact at every offset, and only there.
fn compose(out: &mut OffsetMap, shift: usize, outer: &OffsetMap, len: usize, inner: &OffsetMap) {
    let anchors = &outer.anchors;
    // Before its first anchor a map is the identity; the last segment includes the end.
    let lead_end = anchors.first().map_or(len + 1, |a| a.0 as usize);
    if lead_end > 0 {
        compose_segment(out, shift, inner, (0, 0), lead_end);
    }
    for (k, &(c0, b0)) in anchors.iter().enumerate() {
        let c1 = anchors.get(k + 1).map_or(len + 1, |a| a.0 as usize);
        compose_segment(out, shift, inner, (c0 as usize, b0 as usize), c1);
    }
}

/// One segment of [`compose`]: repaired offsets `[c0, c1)` map linearly onto the block from `b0`.
fn compose_segment(
    out: &mut OffsetMap,
    shift: usize,
    inner: &OffsetMap,
    (c0, b0): (usize, usize),
    c1: usize,
) {
    push_compact(out, shift + c0, inner.to_raw(b0));
    let first = inner.anchors.partition_point(|a| a.0 as usize <= b0);
    for &(b, raw) in &inner.anchors[first..] {
        let c = c0 + (b as usize - b0);
        if c >= c1 {
            break;
        }
        push_compact(out, shift + c, raw as usize);
    }
}

/// Adds an anchor unless the last one already maps `clean` to `raw`.
fn push_compact(map: &mut OffsetMap, clean: usize, raw: usize) {
    if let Some(&(c, r)) = map.anchors.last()
        && clean >= c as usize
        && r as usize + (clean - c as usize) == raw
    {
        return;
    }
    map.push(clean, raw);
}

/// Appends `source[start..end]` to `out` with white-space runs collapsed to one space, recording
/// in `offsets` where each piece came from (through `map`, the source's map to the raw body).
fn append_mapped(
    out: &mut String,
    offsets: &mut OffsetMap,
    source: &str,
    map: &OffsetMap,
    start: usize,
    end: usize,
) {
    let piece = &source[start..end];
    let mut cursor = 0; // end of the last word copied, relative to `piece`
    let mut first = true;
    for (at, word) in split_words(piece) {
        if !first {
            let gap = &piece[cursor..at];
            if gap == " " {
                copy_piece(out, offsets, source, map, start + cursor, start + at);
            } else {
                ensure_anchor(offsets, out.len(), map.to_raw(start + cursor));
                out.push(' ');
            }
        }
        first = false;
        copy_piece(
            out,
            offsets,
            source,
            map,
            start + at,
            start + at + word.len(),
        );
        cursor = at + word.len();
    }
}

/// Non-white-space runs of `text` with their offsets.
fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut base = 0;
    std::iter::from_fn(move || {
        let lead = rest.len() - rest.trim_start().len();
        rest = &rest[lead..];
        base += lead;
        if rest.is_empty() {
            return None;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..len];
        let at = base;
        rest = &rest[len..];
        base += len;
        Some((at, word))
    })
}

/// Copies `source[a..b]` verbatim, carrying over the anchors `map` has inside it.
fn copy_piece(
    out: &mut String,
    offsets: &mut OffsetMap,
    source: &str,
    map: &OffsetMap,
    a: usize,
    b: usize,
) {
    // `OffsetMap::to_raw(a)`, sharing its search with the scan for the anchors inside.
    let first = map.anchors.partition_point(|anchor| anchor.0 as usize <= a);
    let raw = match first.checked_sub(1).map(|i| map.anchors[i]) {
        Some((clean, raw)) => raw as usize + (a - clean as usize),
        None => a,
    };
    ensure_anchor(offsets, out.len(), raw);
    for &(clean, raw) in &map.anchors[first..] {
        let clean = clean as usize;
        if clean > b {
            break;
        }
        if clean == b {
            // The end of the piece, where a repair that shrank or grew the text ends: without
            // it the end would be extrapolated from inside the repair (and could pass the body).
            ensure_anchor(offsets, out.len() + (b - a), raw as usize);
            break;
        }
        offsets.push(out.len() + (clean - a), raw as usize);
    }
    out.push_str(&source[a..b]);
}

/// Adds an anchor only where the map does not already give `raw` for `clean`, which is at or past
/// every anchor (the text only grows), so the last anchor alone decides.
fn ensure_anchor(offsets: &mut OffsetMap, clean: usize, raw: usize) {
    let mapped = match offsets.anchors.last() {
        Some(&(c, r)) if c as usize <= clean => Some(r as usize + (clean - c as usize)),
        Some(_) => Some(offsets.to_raw(clean)),
        None => None,
    };
    if mapped != Some(raw) {
        offsets.push(clean, raw);
    }
}

#[cfg(test)]
mod tests;
