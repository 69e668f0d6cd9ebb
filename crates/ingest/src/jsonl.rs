//! JSON Lines: splitting a stream into lines (reading side) and parsing one line (decoding side).
//!
//! Splitting only looks for `\n` (memchr), so it stays I/O bound; blank lines are skipped and never
//! become records. Parsing uses a typed visitor over borrowed strings instead of a `serde_json::Value`
//! tree: `text`, `html`, `title`, `url`, `published`, `lang` and `source` are interpreted, every other
//! field is kept verbatim as JSON text in the document's metadata. A known field that holds a value
//! of the wrong type (a number for a title) is kept in the metadata too, re-serialised. When both
//! `text` and `html` hold text, `text` is the body (the producer's own extraction) and `html` is not
//! kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::ops::ControlFlow;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use concord_model::{
    ContentHash, DocId, InputFormat, IssueKind, Media, RawDoc, SourceRef, TextDecoding,
};

use crate::buf::Buf;
use crate::read::Reader;
use crate::{Declared, Issue, Record, charset, ingest_issue};

/// Splits the stream in `buf` into one record per non-blank line.
pub(crate) fn split<R: Read>(reader: &mut Reader<'_>, buf: &mut Buf<'_, R>) -> ControlFlow<()> {
    let max = reader.max_doc_bytes();
    let mut line_no = 0u64;
    // Bytes of a line longer than the buffer; `too_large` once it exceeds the limit (then dropped).
    let mut partial: Vec<u8> = Vec::new();
    let mut too_large = false;
    let mut emitted = false;
    loop {
        let avail = buf.available();
        let newline = memchr::memchr(b'\n', avail);
        let at_end = newline.is_none() && buf.at_eof();
        if let Some(end) = newline.or(at_end.then_some(avail.len())) {
            if at_end && end == 0 && partial.is_empty() && !too_large {
                break;
            }
            line_no += 1;
            let piece = &avail[..end];
            let flow = if too_large || partial.len() + piece.len() > max {
                too_large = false;
                partial = Vec::new();
                emitted = true;
                let message = format!("line is longer than the limit of {max} bytes");
                reader.issue(IssueKind::TooLarge, reader.line_source(line_no), message)
            } else {
                let line = if partial.is_empty() {
                    let piece = piece.strip_suffix(b"\r").unwrap_or(piece);
                    (!is_blank(piece)).then(|| piece.to_vec())
                } else {
                    partial.extend_from_slice(piece);
                    if partial.last() == Some(&b'\r') {
                        partial.pop();
                    }
                    let line = std::mem::take(&mut partial);
                    (!is_blank(&line)).then_some(line)
                };
                match line {
                    Some(bytes) => {
                        emitted = true;
                        reader.record(Record {
                            source: reader.line_source(line_no),
                            format: InputFormat::Jsonl,
                            bytes,
                            declared: Declared::default(),
                        })
                    }
                    None => ControlFlow::Continue(()),
                }
            };
            buf.consume(end + 1);
            flow?;
            if at_end {
                break;
            }
            continue;
        }
        if buf.is_full() {
            // A line longer than the buffer: keep it in its own buffer (or drop it once too large).
            if !too_large {
                if partial.len() + avail.len() > max {
                    too_large = true;
                    partial = Vec::new();
                } else {
                    partial.extend_from_slice(avail);
                }
            }
            let n = avail.len();
            buf.consume(n);
        }
        if let Err(err) = buf.fill() {
            return reader.io_issue(&err, reader.line_source(line_no + 1));
        }
    }
    if !emitted {
        return reader.issue(
            IssueKind::Empty,
            reader.file_source(),
            "file has no non-blank line",
        );
    }
    ControlFlow::Continue(())
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Parses one JSON Lines record into a document.
pub(crate) fn decode(record: Record) -> Result<RawDoc, Issue> {
    let content_hash = ContentHash::of(&record.bytes);
    let Record {
        mut source, bytes, ..
    } = record;
    let repaired: String;
    let (text, decoding) = match std::str::from_utf8(&bytes) {
        Ok(text) => (text, charset::utf8_decoding()),
        Err(_) => {
            let decoding;
            (repaired, decoding) = charset::repair_line(&bytes);
            (repaired.as_str(), decoding)
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let article = match serde_json::from_str::<Article<'_>>(text) {
        Ok(article) => article,
        Err(err) => {
            let message = if err.is_data() {
                "line is JSON but not an object".to_owned()
            } else {
                format!("line is not valid JSON: {err}")
            };
            return Err(ingest_issue(IssueKind::MalformedJson, source, message));
        }
    };
    article.into_doc(&mut source, content_hash, decoding)
}

/// A known field's value as found in the object.
#[derive(Debug, Default)]
enum Field<'a> {
    #[default]
    Absent,
    Null,
    Str(Cow<'a, str>),
    /// Any other JSON value, re-serialised.
    Other(String),
}

impl<'a> Field<'a> {
    fn take_text(&mut self) -> Option<String> {
        match std::mem::take(self) {
            Field::Str(s) if !s.is_empty() => Some(s.into_owned()),
            other => {
                *self = other;
                None
            }
        }
    }
}

/// The fields of one JSON Lines article.
#[derive(Debug, Default)]
struct Article<'a> {
    text: Field<'a>,
    html: Field<'a>,
    title: Field<'a>,
    url: Field<'a>,
    published: Field<'a>,
    lang: Field<'a>,
    source: Field<'a>,
    metadata: BTreeMap<String, String>,
}

impl Article<'_> {
    fn into_doc(
        mut self,
        source: &mut SourceRef,
        content_hash: ContentHash,
        decoding: TextDecoding,
    ) -> Result<RawDoc, Issue> {
        let url = self.url.take_text();
        if url.is_some() {
            source.url = url;
        }
        let (body, media) = match (&self.text, &self.html) {
            (Field::Str(text), _) if !text.trim().is_empty() => {
                (self.text.take_text(), Media::Text)
            }
            (_, Field::Str(html)) if !html.trim().is_empty() => {
                (self.html.take_text(), Media::Html)
            }
            (Field::Str(_), _) | (_, Field::Str(_)) => {
                return Err(ingest_issue(
                    IssueKind::Empty,
                    source.clone(),
                    "text and html are blank",
                ));
            }
            _ => {
                let message = "object has no string \"text\" or \"html\" field";
                return Err(ingest_issue(
                    IssueKind::MissingBody,
                    source.clone(),
                    message,
                ));
            }
        };
        let body = body.unwrap_or_default();
        let mut metadata = std::mem::take(&mut self.metadata);
        for (name, field) in [
            ("text", &mut self.text),
            ("html", &mut self.html),
            ("title", &mut self.title),
            ("url", &mut self.url),
            ("published", &mut self.published),
            ("lang", &mut self.lang),
            ("source", &mut self.source),
        ] {
            if let Field::Other(json) = field {
                metadata.insert(name.to_owned(), std::mem::take(json));
            }
        }
        Ok(RawDoc {
            id: DocId::new(source, content_hash),
            content_hash,
            source: source.clone(),
            format: InputFormat::Jsonl,
            media,
            body,
            decoding,
            title: self.title.take_text(),
            published: self.published.take_text(),
            lang: self.lang.take_text(),
            site: self.source.take_text(),
            metadata,
        })
    }
}

impl<'de> Deserialize<'de> for Article<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ArticleVisitor)
    }
}

struct ArticleVisitor;

impl<'de> Visitor<'de> for ArticleVisitor {
    type Value = Article<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Article<'de>, A::Error> {
        let mut article = Article::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let slot = match key.as_ref() {
                "text" => &mut article.text,
                "html" => &mut article.html,
                "title" => &mut article.title,
                "url" => &mut article.url,
                "published" => &mut article.published,
                "lang" => &mut article.lang,
                "source" => &mut article.source,
                _ => {
                    let raw: &'de RawValue = map.next_value()?;
                    article
                        .metadata
                        .insert(key.into_owned(), raw.get().to_owned());
                    continue;
                }
            };
            *slot = map.next_value_seed(FieldSeed)?;
        }
        Ok(article)
    }
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads a known field's value of any JSON type.
struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field<'de>, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Field<'de>, E> {
        Ok(Field::Other(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field<'de>, E> {
        Ok(Field::Other(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field<'de>, E> {
        Ok(Field::Other(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field<'de>, E> {
        Ok(Field::Other(serde_json::Value::from(v).to_string()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field<'de>, A::Error> {
        let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Field::Other(value.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field<'de>, A::Error> {
        let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Field::Other(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a line decodes to: `Ok((media, body, title, url, published, lang, site, metadata))` or
    /// the issue kind.
    type Expected<'a> = Result<
        (
            Media,
            &'a str,
            [Option<&'a str>; 5],
            &'a [(&'a str, &'a str)],
        ),
        IssueKind,
    >;

    fn check(line: &[u8], expected: Expected<'_>) {
        let record = Record {
            source: SourceRef {
                line: Some(3),
                ..SourceRef::file("in.jsonl")
            },
            format: InputFormat::Jsonl,
            bytes: line.to_vec(),
            declared: Declared::default(),
        };
        let got = decode(record).map_err(|issue| {
            assert_eq!(issue.source.line, Some(3));
            issue.kind
        });
        let got = got.map(|doc| {
            assert_eq!(doc.id, DocId::new(&doc.source, ContentHash::of(line)));
            let metadata: Vec<(String, String)> = doc.metadata.into_iter().collect();
            (
                doc.media,
                doc.body,
                [doc.title, doc.source.url, doc.published, doc.lang, doc.site],
                metadata,
            )
        });
        let expected = expected.map(|(media, body, fields, metadata)| {
            let fields = fields.map(|f| f.map(str::to_owned));
            let metadata: Vec<(String, String)> = metadata
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            (media, body.to_owned(), fields, metadata)
        });
        assert_eq!(got, expected, "line {:?}", String::from_utf8_lossy(line));
    }

    const NONE: [Option<&str>; 5] = [None; 5];

    #[test]
    fn fields() {
        check(
            br#"{"text":"Body.","title":"T","url":"https://e.ru/a","published":"2024-01-02","lang":"ru","source":"TASS"}"#,
            Ok((Media::Text, "Body.", [Some("T"), Some("https://e.ru/a"), Some("2024-01-02"), Some("ru"), Some("TASS")], &[])),
        );
        check(
            br#"{"html":"<p>x</p>"}"#,
            Ok((Media::Html, "<p>x</p>", NONE, &[])),
        );
        check(
            br#"{"text":"a\nb \u00fc \"q\""}"#,
            Ok((Media::Text, "a\nb ü \"q\"", NONE, &[])),
        );
        check(
            br#"{"text":"T","html":"<p>H</p>"}"#,
            Ok((Media::Text, "T", NONE, &[])),
        );
        check(
            br#"{"text":"  ","html":"<p>H</p>"}"#,
            Ok((Media::Html, "<p>H</p>", NONE, &[])),
        );
        check(
            "\u{FEFF}{\"text\":\"bom\"}".as_bytes(),
            Ok((Media::Text, "bom", NONE, &[])),
        );
    }

    #[test]
    fn unknown_and_mistyped_fields_become_metadata() {
        check(
            br#"{"id": 17, "tags":["a", "b"], "text":"x", "title": 5, "lang": null, "extra": {"k" : 1}}"#,
            Ok((Media::Text, "x", NONE, &[("extra", r#"{"k" : 1}"#), ("id", "17"), ("tags", r#"["a", "b"]"#), ("title", "5")])),
        );
        check(
            br#"{"a\u0062c":"v","text":"x"}"#,
            Ok((Media::Text, "x", NONE, &[("abc", "\"v\"")])),
        );
    }

    #[test]
    fn bad_lines() {
        check(b"{\"text\": \"x\"", Err(IssueKind::MalformedJson));
        check(b"[1, 2]", Err(IssueKind::MalformedJson));
        check(b"\"text\"", Err(IssueKind::MalformedJson));
        check(b"{\"text\": \"x\"} trailing", Err(IssueKind::MalformedJson));
        check(b"{\"text\": \"a\0b\"}", Err(IssueKind::MalformedJson));
        check(b"{\"title\": \"no body\"}", Err(IssueKind::MissingBody));
        check(b"{\"text\": 42}", Err(IssueKind::MissingBody));
        check(b"{\"text\": \"\"}", Err(IssueKind::Empty));
        check(b"{\"html\": \" \\n \"}", Err(IssueKind::Empty));
    }

    #[test]
    fn invalid_utf8_lines_are_decoded_before_parsing() {
        // A Latin-1 line: detected and decoded, then parsed.
        let mut line = b"{\"text\": \"Der B".to_vec();
        line.extend(b"\xFCrgermeister sagte, die Stra\xDFe werde gesperrt\"}");
        check(
            &line,
            Ok((
                Media::Text,
                "Der Bürgermeister sagte, die Straße werde gesperrt",
                NONE,
                &[],
            )),
        );
    }
}
