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
    #[allow(clippy::result_large_err)] // The stage contract: an Issue is a value, as in every stage.
    pub fn normalize(&self, doc: RawDoc, context: &RunContext) -> Result<CleanDoc, Issue> {
        let url = doc.source.url.as_deref();
        let mut removed: Vec<Removed> = Vec::new();
        let mut html_title = None;
        let mut html_published = None;
        let mut html_site = None;
        let prepared = match doc.media {
            Media::Text => {
                let r = repair::repair(&doc.body, 0);
                removed.extend(r.removed.into_iter().map(|(at, text)| markup(text, at)));
                Prepared {
                    text: r.text,
                    map: r.map,
                    repairs: r.repairs,
                    mode: Mode::Text,
                }
            }
            Media::Html => {
                let article = html::extract(&doc.body, url);
                html_title = article.title;
                html_published = article.published;
                html_site = article.site;
                removed.extend(article.removed);
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
                Prepared {
                    text,
                    map,
                    repairs,
                    mode: Mode::Blocks,
                }
            }
        };
        let units = lines::units(&prepared.text, prepared.mode == Mode::Text);
        let given_title = doc
            .title
            .as_deref()
            .map(|t| clean_line(t, repair::References::Decode))
            .or_else(|| {
                html_title
                    .as_deref()
                    .map(|t| clean_line(t, repair::References::Keep))
            })
            .filter(|t| !t.is_empty());
        let layout = lines::layout(
            &units,
            &self.cues,
            context,
            given_title.as_deref(),
            prepared.mode,
        );

        // The clean text, paragraph by paragraph, with its offset map.
        let mut text = String::with_capacity(prepared.text.len());
        let mut offsets = OffsetMap::default();
        let mut spans: Vec<Span> = Vec::new();
        for (unit, verdict) in units.iter().zip(&layout.verdicts) {
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
                    spans.push(Span::new(start, text.len()));
                }
            }
        }
        // Removed pieces in input order (the extractor's and ours interleave).
        removed.sort_by_key(|r| r.raw_offset);

        if text.trim().is_empty() {
            let mut issue = Issue::new(
                Stage::Normalize,
                IssueKind::NoContent,
                doc.source.clone(),
                format!(
                    "no article text left after cleaning {} ({} pieces removed, chrome removal {})",
                    match doc.media {
                        Media::Html => "HTML",
                        Media::Text => "plain text",
                    },
                    removed.len(),
                    if self.strip_chrome { "on" } else { "off" },
                ),
            );
            issue.doc = Some(doc.id);
            return Err(issue);
        }

        // Languages: per paragraph, and the document pooled over them.
        let paragraph_texts: Vec<&str> = spans.iter().map(|s| s.of(&text)).collect();
        let languages = self.detector.detect_paragraphs(&paragraph_texts);
        let mut doc_lang = languages.document;
        if doc_lang.code == "und" {
            if let Some(declared) = doc.lang.as_deref().and_then(declared_lang) {
                doc_lang = LangGuess {
                    code: declared,
                    confidence: 0.0,
                };
            }
        }
        let mut sentences = Vec::new();
        let mut paragraphs = Vec::with_capacity(spans.len());
        for (span, lang) in spans.iter().zip(languages.paragraphs) {
            let code = if lang.code == "und" {
                doc_lang.code.as_str()
            } else {
                lang.code.as_str()
            };
            for s in sentences::split(span.of(&text), code) {
                sentences.push(Span::new(
                    span.start as usize + s.start as usize,
                    span.start as usize + s.end as usize,
                ));
            }
            paragraphs.push(Paragraph { span: *span, lang });
        }

        let published = self.published(&doc, html_published, layout.dateline);
        let site = doc
            .site
            .as_deref()
            .map(|s| clean_line(s, repair::References::Decode))
            .or_else(|| {
                html_site
                    .as_deref()
                    .map(|s| clean_line(s, repair::References::Keep))
            })
            .filter(|s| !s.is_empty())
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
            lang: doc_lang,
            text,
            paragraphs,
            sentences,
            removed,
            offsets,
            repairs: prepared.repairs,
            meta: doc.metadata,
        })
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
