//! The output of ingest: one decoded input record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ContentHash, DocId, SourceRef};

/// The container format a record was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum InputFormat {
    /// A plain text file (`.txt`).
    Text,
    /// An HTML file (`.html`, `.htm`).
    Html,
    /// One line of a JSON Lines file (`.jsonl`, `.ndjson`).
    Jsonl,
    /// One `response` or `resource` record of a WARC file (`.warc`, `.warc.gz`).
    Warc,
}

impl InputFormat {
    /// The short lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Warc => "warc",
        }
    }
}

/// What kind of markup the document body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Media {
    /// Plain text, paragraphs separated by blank lines or line breaks.
    Text,
    /// An HTML page or fragment.
    Html,
}

impl Media {
    /// The short lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Media::Text => "text",
            Media::Html => "html",
        }
    }
}

/// How the record's bytes were turned into text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextDecoding {
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, ...).
    pub encoding: String,
    /// Where the encoding came from: `bom`, `http`, `meta`, `utf8` (valid UTF-8) or `detected`.
    pub from: String,
    /// How many malformed byte sequences were replaced by U+FFFD.
    pub replaced: u64,
}

/// One input record, decoded to text, with everything the input declared about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDoc {
    /// Stable identity (location and content).
    pub id: DocId,
    /// Hash of the record's bytes as read; equal for exact copies.
    pub content_hash: ContentHash,
    /// Where the record came from.
    pub source: SourceRef,
    /// The container it was read from.
    pub format: InputFormat,
    /// Whether `body` is plain text or HTML.
    pub media: Media,
    /// The decoded body.
    pub body: String,
    /// How `body` was decoded.
    pub decoding: TextDecoding,
    /// Title declared by the container (JSONL `title`), if any.
    pub title: Option<String>,
    /// Publication time declared by the container (JSONL `published`, `WARC-Date`), verbatim.
    pub published: Option<String>,
    /// Language declared by the container (JSONL `lang`), verbatim.
    pub lang: Option<String>,
    /// Site or agency declared by the container (JSONL `source`).
    pub site: Option<String>,
    /// Other declared fields, name to JSON text, sorted by name: the JSONL fields concord does not
    /// interpret (verbatim, `"world"`, `["a","b"]`), a known JSONL field of the wrong type, and
    /// `http_status` of a WARC response (`200`). Carried to [`crate::CleanDoc::meta`] and printed
    /// as the `meta` object of `docs.jsonl`.
    pub metadata: BTreeMap<String, String>,
}

impl RawDoc {
    /// A document whose text is already decoded (a library caller's own text, a test, a bench),
    /// with no container metadata. The id and content hash derive from `source` and the bytes
    /// exactly as ingest derives them.
    pub fn from_text(source: SourceRef, media: Media, body: String) -> RawDoc {
        let content_hash = ContentHash::of(body.as_bytes());
        RawDoc {
            id: DocId::new(&source, content_hash),
            content_hash,
            source,
            format: match media {
                Media::Text => InputFormat::Text,
                Media::Html => InputFormat::Html,
            },
            media,
            body,
            decoding: TextDecoding {
                encoding: "UTF-8".into(),
                from: "utf8".into(),
                replaced: 0,
            },
            title: None,
            published: None,
            lang: None,
            site: None,
            metadata: BTreeMap::new(),
        }
    }
}
