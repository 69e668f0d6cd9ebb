//! The analyst's corrections file (named by `[reconcile] corrections` in `concord.toml`):
//!
//! ```toml
//! # These names are one entity: a variant as written, or the mention at a span.
//! [[same_entity]]
//! a = "Jens Stoltenberg"
//! b = { doc = "a07401c70c3d02c8", span = [120, 131] }
//!
//! # This document is not in the story of that one (ids as in docs.jsonl).
//! [[not_in_story]]
//! doc = "9f4be71aee63c846"
//! of = "ba3c5017aefe55ad"
//!
//! # These values (figure spans) are not a conflict.
//! [[not_conflict]]
//! values = [{ doc = "ba3c5017aefe55ad", span = [10, 17] }, { doc = "a07401c70c3d02c8", span = [12, 19] }]
//! ```

use std::path::Path;

use concord_model::{DocId, Span, SpanRef};
use concord_reconcile::corrections::{Corrections, NameRef};

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    same_entity: Vec<SameEntity>,
    #[serde(default)]
    not_in_story: Vec<NotInStory>,
    #[serde(default)]
    not_conflict: Vec<NotConflict>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SameEntity {
    a: Name,
    b: Name,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Name {
    Text(String),
    At(At),
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct At {
    doc: String,
    span: [usize; 2],
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NotInStory {
    doc: String,
    of: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NotConflict {
    values: Vec<At>,
}

/// Reads a corrections file; what is wrong is said with its place in the file.
pub(crate) fn read(path: &Path) -> Result<Corrections, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read corrections file {}: {err}", path.display()))?;
    parse(&text).map_err(|message| format!("corrections file {}: {message}", path.display()))
}

fn parse(text: &str) -> Result<Corrections, String> {
    let file: File = toml::from_str(text).map_err(|err| err.to_string())?;
    let mut corrections = Corrections::default();
    for pair in file.same_entity {
        corrections.same_entity.push((name(pair.a)?, name(pair.b)?));
    }
    for item in file.not_in_story {
        corrections
            .not_in_story
            .push((doc_id(&item.doc)?, doc_id(&item.of)?));
    }
    for item in file.not_conflict {
        let values = item.values.into_iter().map(at).collect::<Result<_, _>>()?;
        corrections.not_conflict.push(values);
    }
    Ok(corrections)
}

fn name(name: Name) -> Result<NameRef, String> {
    match name {
        Name::Text(text) if text.trim().is_empty() => Err("an empty name".to_owned()),
        Name::Text(text) => Ok(NameRef::Text(text)),
        Name::At(place) => at(place).map(NameRef::Mention),
    }
}

fn at(place: At) -> Result<SpanRef, String> {
    let [start, end] = place.span;
    if start >= end {
        return Err(format!("span [{start}, {end}] is empty"));
    }
    Ok(SpanRef {
        doc: doc_id(&place.doc)?,
        span: Span::new(start, end),
    })
}

fn doc_id(text: &str) -> Result<DocId, String> {
    match (text.len(), u64::from_str_radix(text, 16)) {
        (16, Ok(id)) => Ok(DocId(id)),
        _ => Err(format!(
            "{text:?} is not a document id (16 hex digits, the `id` of a line of docs.jsonl)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses() {
        let doc = include_str!("corrections.rs");
        let example: String = doc
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .skip_while(|line| !line.contains("```toml"))
            .skip(1)
            .take_while(|line| !line.contains("```"))
            .map(|line| format!("{}\n", line.trim_start_matches("//!").trim_start()))
            .collect();
        let corrections = parse(&example).expect("the example parses");
        assert_eq!(corrections.same_entity.len(), 1);
        assert_eq!(corrections.not_in_story.len(), 1);
        assert_eq!(corrections.not_conflict[0].len(), 2);
    }

    #[test]
    fn mistakes_are_named() {
        for (text, says) in [
            (
                "[[not_in_story]]\ndoc = \"x\"\nof = \"ba3c5017aefe55ad\"",
                "not a document id",
            ),
            ("[[same_entity]]\na = \"\"\nb = \"Putin\"", "empty name"),
            (
                "[[not_conflict]]\nvalues = [{ doc = \"ba3c5017aefe55ad\", span = [5, 5] }]",
                "empty",
            ),
            ("[[same_entiti]]\na = \"x\"", "unknown field"),
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.contains(says), "{text}: {error}");
        }
    }
}
