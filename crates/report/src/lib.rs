//! `concord-report`: writes concord's outputs for people and tools.
//!
//! - `docs.jsonl`: one JSON object per document, in input order (see `docs/SCHEMA.md`);
//! - `quarantine.jsonl`: one JSON object per input record that did not become a document;
//! - `manifest.json`: the account of the run.
//!
//! The line writers take any [`std::io::Write`]; [`OutputFiles`] owns the streaming files of a
//! run in its output folder, written under temporary names and renamed into place when complete.
//! This crate does not decide what goes into a run (the pipeline does).
#![deny(missing_docs)]

use std::collections::BTreeMap;
mod corpus;
pub mod dossier;
mod files;

use std::io::{self, Write};

use concord_model::{CleanDoc, DocFacts, Issue, Manifest, RawDoc, SCHEMA_VERSION, SourceRef, Span};
use serde::Serialize;

pub use corpus::{CHANGES_FILE, CORPUS_FILES, write_changes, write_corpus};
pub use dossier::{Dossier, DossierFiles};
pub use files::{Counts, DocLine, OutputFiles, ReportError, write_file};

/// The `source` object of every output line.
#[derive(Serialize)]
pub(crate) struct SourceLine<'a> {
    path: &'a str,
    line: Option<u64>,
    offset: Option<u64>,
    url: Option<&'a str>,
}

impl<'a> From<&'a SourceRef> for SourceLine<'a> {
    fn from(source: &'a SourceRef) -> SourceLine<'a> {
        SourceLine {
            path: &source.path,
            line: source.line,
            offset: source.offset,
            url: source.url.as_deref(),
        }
    }
}

/// A `docs.jsonl` line for a document that went through ingest only.
#[derive(Serialize)]
struct RawDocLine<'a> {
    schema: u16,
    id: String,
    content_hash: String,
    source: SourceLine<'a>,
    format: &'static str,
    media: &'static str,
    encoding: &'a str,
    title: Option<&'a str>,
    published: Option<&'a str>,
    lang: Option<&'a str>,
    site: Option<&'a str>,
    text: &'a str,
    meta: Meta<'a>,
}

/// Declared fields concord does not interpret: name to their JSON value, written as it was read.
#[derive(Serialize)]
#[serde(transparent)]
struct Meta<'a>(BTreeMap<&'a str, MetaValue>);

/// One declared value: its JSON text, or (should it not be JSON) the text as a string.
#[derive(Serialize)]
#[serde(untagged)]
enum MetaValue {
    Json(Box<serde_json::value::RawValue>),
    Text(String),
}

impl<'a> Meta<'a> {
    fn new(meta: &'a BTreeMap<String, String>) -> Meta<'a> {
        Meta(
            meta.iter()
                .map(|(name, json)| {
                    let value = serde_json::value::RawValue::from_string(json.clone())
                        .map_or_else(|_| MetaValue::Text(json.clone()), MetaValue::Json);
                    (name.as_str(), value)
                })
                .collect(),
        )
    }
}

/// Writes one `docs.jsonl` line for a decoded but not yet cleaned document.
pub fn write_raw_doc(out: &mut dyn Write, doc: &RawDoc) -> io::Result<()> {
    let line = RawDocLine {
        schema: SCHEMA_VERSION,
        id: doc.id.to_string(),
        content_hash: doc.content_hash.to_string(),
        source: SourceLine::from(&doc.source),
        format: doc.format.as_str(),
        media: doc.media.as_str(),
        encoding: &doc.decoding.encoding,
        title: doc.title.as_deref(),
        published: doc.published.as_deref(),
        lang: doc.lang.as_deref(),
        site: doc.site.as_deref(),
        text: &doc.body,
        meta: Meta::new(&doc.metadata),
    };
    write_line(out, &line)
}

/// A `[start, end]` pair of byte offsets into `text`.
pub(crate) type SpanPair = [u32; 2];

#[derive(Serialize)]
struct ParagraphLine<'a> {
    span: SpanPair,
    lang: &'a str,
    lang_confidence: f32,
}

#[derive(Serialize)]
struct RemovedLine<'a> {
    reason: &'static str,
    raw_offset: u32,
    text: &'a str,
}

/// A `docs.jsonl` line for a cleaned document.
#[derive(Serialize)]
struct CleanDocLine<'a> {
    schema: u16,
    id: String,
    content_hash: String,
    source: SourceLine<'a>,
    format: &'static str,
    title: Option<&'a str>,
    published: Option<&'a str>,
    published_from: Option<&'static str>,
    site: Option<&'a str>,
    lang: &'a str,
    lang_confidence: f32,
    text: &'a str,
    paragraphs: Vec<ParagraphLine<'a>>,
    sentences: Vec<SpanPair>,
    removed: Vec<RemovedLine<'a>>,
    meta: Meta<'a>,
}

impl<'a> CleanDocLine<'a> {
    fn new(doc: &'a CleanDoc) -> CleanDocLine<'a> {
        CleanDocLine {
            schema: SCHEMA_VERSION,
            id: doc.id.to_string(),
            content_hash: doc.content_hash.to_string(),
            source: SourceLine::from(&doc.source),
            format: doc.format.as_str(),
            title: doc.title.as_deref(),
            published: doc.published.as_ref().map(|date| date.value.as_str()),
            published_from: doc.published.as_ref().map(|date| date.from.as_str()),
            site: doc.site.as_deref(),
            lang: &doc.lang.code,
            lang_confidence: doc.lang.confidence,
            text: &doc.text,
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|paragraph| ParagraphLine {
                    span: [paragraph.span.start, paragraph.span.end],
                    lang: &paragraph.lang.code,
                    lang_confidence: paragraph.lang.confidence,
                })
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .map(|span| [span.start, span.end])
                .collect(),
            removed: doc
                .removed
                .iter()
                .map(|removed| RemovedLine {
                    reason: removed.reason.as_str(),
                    raw_offset: removed.raw_offset,
                    text: &removed.text,
                })
                .collect(),
            meta: Meta::new(&doc.meta),
        }
    }
}

/// Writes one `docs.jsonl` line for a cleaned document.
pub fn write_clean_doc(out: &mut dyn Write, doc: &CleanDoc) -> io::Result<()> {
    write_line(out, &CleanDocLine::new(doc))
}

#[derive(Serialize)]
struct EntityLine<'a> {
    span: SpanPair,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    base: &'a str,
}

#[derive(Serialize)]
struct FigureLine<'a> {
    span: SpanPair,
    text: &'a str,
    value: f64,
    value_max: Option<f64>,
    qualifier: &'static str,
    unit: Option<&'a str>,
    counted: Option<&'a str>,
    counted_base: Option<&'a str>,
    sentence: u32,
}

#[derive(Serialize)]
struct DateLine<'a> {
    span: SpanPair,
    text: &'a str,
    start: Option<&'a str>,
    end: Option<&'a str>,
    granularity: &'static str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    span: SpanPair,
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_span: Option<SpanPair>,
    cue: Option<SpanPair>,
    partial: bool,
}

/// A `docs.jsonl` line for a document with its extracted facts.
#[derive(Serialize)]
struct FactsDocLine<'a> {
    #[serde(flatten)]
    doc: CleanDocLine<'a>,
    entities: Vec<EntityLine<'a>>,
    figures: Vec<FigureLine<'a>>,
    dates: Vec<DateLine<'a>>,
    quotes: Vec<QuoteLine<'a>>,
}

pub(crate) fn pair(span: Span) -> SpanPair {
    [span.start, span.end]
}

/// Writes one `docs.jsonl` line for a document with its entities, figures, dates and quotes.
pub fn write_facts(out: &mut dyn Write, facts: &DocFacts) -> io::Result<()> {
    let text = facts.doc.text.as_str();
    let line = FactsDocLine {
        doc: CleanDocLine::new(&facts.doc),
        entities: facts
            .entities
            .iter()
            .map(|mention| EntityLine {
                span: pair(mention.span),
                text: mention.span.of(text),
                kind: mention.kind.as_str(),
                base: &mention.base,
            })
            .collect(),
        figures: facts
            .figures
            .iter()
            .map(|figure| FigureLine {
                span: pair(figure.span),
                text: figure.span.of(text),
                value: figure.value,
                value_max: figure.value_max,
                qualifier: figure.qualifier.as_str(),
                unit: figure.unit.as_deref(),
                counted: figure.counted.as_deref(),
                counted_base: figure.counted_base.as_deref(),
                sentence: figure.sentence,
            })
            .collect(),
        dates: facts
            .dates
            .iter()
            .map(|date| DateLine {
                span: pair(date.span),
                text: date.span.of(text),
                start: date.start.as_deref(),
                end: date.end.as_deref(),
                granularity: date.granularity.as_str(),
                note: date.note.as_deref(),
            })
            .collect(),
        quotes: facts
            .quotes
            .iter()
            .map(|quote| QuoteLine {
                span: pair(quote.span),
                text: quote.span.of(text),
                speaker: quote.speaker.as_deref(),
                speaker_span: quote.speaker_span.map(pair),
                cue: quote.cue.map(pair),
                partial: quote.partial,
            })
            .collect(),
    };
    write_line(out, &line)
}

/// A `quarantine.jsonl` line.
#[derive(Serialize)]
struct IssueLine<'a> {
    stage: &'static str,
    kind: &'static str,
    source: SourceLine<'a>,
    doc: Option<String>,
    message: &'a str,
}

/// Writes one `quarantine.jsonl` line.
pub fn write_issue(out: &mut dyn Write, issue: &Issue) -> io::Result<()> {
    let line = IssueLine {
        stage: issue.stage.as_str(),
        kind: issue.kind.as_str(),
        source: SourceLine::from(&issue.source),
        doc: issue.doc.map(|id| id.to_string()),
        message: &issue.message,
    };
    write_line(out, &line)
}

/// Writes `manifest.json` (pretty-printed, with a final newline).
pub fn write_manifest(out: &mut dyn Write, manifest: &Manifest) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, manifest).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

pub(crate) fn write_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use concord_model::{IssueKind, Stage};

    use super::*;

    fn check(issue: &Issue, expected: &str) {
        let mut out = Vec::new();
        write_issue(&mut out, issue).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn quarantine_line_names_the_exact_place() {
        let mut source = SourceRef::file("data/fixtures/bad.jsonl");
        source.line = Some(3);
        check(
            &Issue::new(
                Stage::Ingest,
                IssueKind::MalformedJson,
                source,
                "expected value at column 1",
            ),
            concat!(
                r#"{"stage":"ingest","kind":"malformed_json","source":{"path":"data/fixtures/bad.jsonl","#,
                r#""line":3,"offset":null,"url":null},"doc":null,"message":"expected value at column 1"}"#,
                "\n"
            ),
        );
    }

    #[test]
    fn declared_fields_are_printed_as_the_meta_object() {
        let mut raw = RawDoc::from_text(
            SourceRef::file("a.jsonl"),
            concord_model::Media::Text,
            "Body.".to_owned(),
        );
        for (name, json) in [
            ("tags", r#"["flood", "rescue"]"#),
            ("section", r#""world""#),
            ("http_status", "200"),
        ] {
            raw.metadata.insert(name.to_owned(), json.to_owned());
        }
        let meta = r#""meta":{"http_status":200,"section":"world","tags":["flood", "rescue"]}}"#;
        let mut out = Vec::new();
        write_raw_doc(&mut out, &raw).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.trim_end().ends_with(meta), "{line}");
        let clean = CleanDoc {
            id: raw.id,
            content_hash: raw.content_hash,
            source: raw.source.clone(),
            format: raw.format,
            title: None,
            published: None,
            site: None,
            lang: concord_model::LangGuess {
                code: "en".to_owned(),
                confidence: 1.0,
            },
            text: "Body.".to_owned(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            removed: Vec::new(),
            offsets: Default::default(),
            repairs: Default::default(),
            meta: raw.metadata.clone(),
        };
        let mut out = Vec::new();
        write_clean_doc(&mut out, &clean).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.trim_end().ends_with(meta), "{line}");
        let facts = DocFacts {
            doc: clean,
            entities: Vec::new(),
            figures: Vec::new(),
            dates: Vec::new(),
            quotes: Vec::new(),
        };
        let mut out = Vec::new();
        write_facts(&mut out, &facts).unwrap();
        let line = String::from_utf8(out).unwrap();
        let meta = &meta[..meta.len() - 1];
        assert!(line.contains(meta), "{line}");
    }
}
