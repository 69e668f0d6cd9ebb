//! The corpus-level JSON Lines files, written once the fold has finished: `stories.jsonl`,
//! `copies.jsonl`, `doc_links.jsonl`, `entities.jsonl`, `claims.jsonl`, `quotes.jsonl` and
//! `mt_damage.jsonl` (field by field in `docs/SCHEMA.md`).
//!
//! Documents are named by their ids as in `docs.jsonl`, groups by their ids (`s-…`, `c-…`, `e-…`,
//! `k-…`, `q-…`), places in a document as `[start, end]` byte offsets into its clean text.

use std::io::{self, Write};
use std::path::Path;

use concord_model::{
    Change, Claim, CopyGroup, Corpus, DocLink, Entity, Evidence, MtDamage, SharedQuote, SpanRef,
    SpanText, Story, Verdict,
};
use serde::Serialize;

use crate::files::{ReportError, write_file};
use crate::{SourceLine, SpanPair, pair, write_line};

/// The corpus-level files, in the order they are written.
pub const CORPUS_FILES: [&str; 7] = [
    "stories.jsonl",
    "copies.jsonl",
    "doc_links.jsonl",
    "entities.jsonl",
    "claims.jsonl",
    "quotes.jsonl",
    "mt_damage.jsonl",
];

/// Writes every corpus-level file of `corpus` into `dir` (each renamed into place once complete).
pub fn write_corpus(dir: &Path, corpus: &Corpus) -> Result<(), ReportError> {
    let [stories, copies, links, entities, claims, quotes, damage] = CORPUS_FILES;
    write_lines(dir, stories, &corpus.stories, |out, item| {
        write_line(out, &story_line(item))
    })?;
    write_lines(dir, copies, &corpus.copies, |out, item| {
        write_line(out, &copy_line(item))
    })?;
    write_lines(dir, links, &corpus.doc_links, |out, item| {
        write_line(out, &link_line(item))
    })?;
    write_lines(dir, entities, &corpus.entities, |out, item| {
        write_line(out, &entity_line(item))
    })?;
    write_lines(dir, claims, &corpus.claims, |out, item| {
        write_line(out, &claim_line(item))
    })?;
    write_lines(dir, quotes, &corpus.quotes, |out, item| {
        write_line(out, &quote_line(item))
    })?;
    write_lines(dir, damage, &corpus.mt_damage, |out, item| {
        write_line(out, &damage_line(item))
    })
}

/// Writes `changes.jsonl`: what an incremental run changed since the run before it.
pub fn write_changes(dir: &Path, changes: &[Change]) -> Result<(), ReportError> {
    write_lines(dir, CHANGES_FILE, changes, |out, change| {
        write_line(
            out,
            &ChangeLine {
                kind: change.kind.as_str(),
                item: &change.item,
                label: &change.label,
                added: &change.added,
                verdict: change.verdict.map(Verdict::as_str),
                was: change.was.map(Verdict::as_str),
            },
        )
    })
}

/// The file [`write_changes`] writes.
pub const CHANGES_FILE: &str = "changes.jsonl";

#[derive(Serialize)]
struct ChangeLine<'a> {
    kind: &'static str,
    item: &'a str,
    label: &'a str,
    added: &'a [String],
    verdict: Option<&'static str>,
    was: Option<&'static str>,
}

fn write_lines<T>(
    dir: &Path,
    name: &str,
    items: &[T],
    line: impl Fn(&mut dyn Write, &T) -> io::Result<()>,
) -> Result<(), ReportError> {
    write_file(&dir.join(name), |out: &mut dyn Write| -> io::Result<()> {
        for item in items {
            line(out, item)?;
        }
        Ok(())
    })
}

#[derive(Serialize)]
struct EvidenceLine<'a> {
    doc: String,
    score: f32,
    matched: &'a [String],
}

fn evidence(items: &[Evidence]) -> Vec<EvidenceLine<'_>> {
    items
        .iter()
        .map(|item| EvidenceLine {
            doc: item.doc.to_string(),
            score: item.score,
            matched: &item.matched,
        })
        .collect()
}

fn ids<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[derive(Serialize)]
struct StoryLine<'a> {
    id: String,
    label: &'a str,
    docs: Vec<String>,
    languages: &'a [String],
    sites: &'a [String],
    first: Option<&'a str>,
    last: Option<&'a str>,
    evidence: Vec<EvidenceLine<'a>>,
    corrected: bool,
}

fn story_line(story: &Story) -> StoryLine<'_> {
    StoryLine {
        id: story.id.to_string(),
        label: &story.label,
        docs: ids(&story.docs),
        languages: &story.languages,
        sites: &story.sites,
        first: story.first.as_deref(),
        last: story.last.as_deref(),
        evidence: evidence(&story.evidence),
        corrected: story.corrected,
    }
}

#[derive(Serialize)]
struct CopyLine<'a> {
    id: String,
    kind: &'static str,
    docs: Vec<String>,
    original: Option<String>,
    languages: &'a [String],
    sites: &'a [String],
    evidence: Vec<EvidenceLine<'a>>,
}

fn copy_line(group: &CopyGroup) -> CopyLine<'_> {
    CopyLine {
        id: group.id.to_string(),
        kind: group.kind.as_str(),
        docs: ids(&group.docs),
        original: group.original.map(|doc| doc.to_string()),
        languages: &group.languages,
        sites: &group.sites,
        evidence: evidence(&group.evidence),
    }
}

#[derive(Serialize)]
struct SpanRefLine {
    doc: String,
    span: SpanPair,
}

fn span_ref(place: &SpanRef) -> SpanRefLine {
    SpanRefLine {
        doc: place.doc.to_string(),
        span: pair(place.span),
    }
}

#[derive(Serialize)]
struct SpanTextLine<'a> {
    doc: String,
    span: SpanPair,
    text: &'a str,
}

fn span_text(place: &SpanText) -> SpanTextLine<'_> {
    SpanTextLine {
        doc: place.doc.to_string(),
        span: pair(place.span),
        text: &place.text,
    }
}

#[derive(Serialize)]
struct InferredLine<'a> {
    date: Option<&'a str>,
    candidates: &'a [String],
    evidence: Vec<SpanRefLine>,
}

#[derive(Serialize)]
struct LinkLine<'a> {
    id: String,
    source: SourceLine<'a>,
    story: Option<String>,
    copy_groups: Vec<String>,
    published_inferred: Option<InferredLine<'a>>,
}

fn link_line(link: &DocLink) -> LinkLine<'_> {
    LinkLine {
        id: link.id.to_string(),
        source: SourceLine::from(&link.source),
        story: link.story.map(|story| story.to_string()),
        copy_groups: ids(&link.copy_groups),
        published_inferred: link
            .published_inferred
            .as_ref()
            .map(|inferred| InferredLine {
                date: inferred.date.as_deref(),
                candidates: &inferred.candidates,
                evidence: inferred.evidence.iter().map(span_ref).collect(),
            }),
    }
}

#[derive(Serialize)]
struct GeoLine {
    id: u64,
    lat: f64,
    lon: f64,
}

#[derive(Serialize)]
struct VariantLine<'a> {
    text: &'a str,
    lang: &'a str,
    count: u32,
    mixed_script: bool,
    repaired: bool,
}

#[derive(Serialize)]
struct EntityLine<'a> {
    id: String,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    geonames: Option<GeoLine>,
    variants: Vec<VariantLine<'a>>,
    mentions: Vec<SpanRefLine>,
    docs: Vec<String>,
    corrected: bool,
}

fn entity_line(entity: &Entity) -> EntityLine<'_> {
    EntityLine {
        id: entity.id.to_string(),
        name: &entity.name,
        kind: entity.kind.as_str(),
        geonames: entity.geonames.map(|geo| GeoLine {
            id: geo.id,
            lat: geo.lat,
            lon: geo.lon,
        }),
        variants: entity
            .variants
            .iter()
            .map(|variant| VariantLine {
                text: &variant.text,
                lang: &variant.lang,
                count: variant.count,
                mixed_script: variant.mixed_script,
                repaired: variant.repaired,
            })
            .collect(),
        mentions: entity.mentions.iter().map(span_ref).collect(),
        docs: ids(&entity.docs),
        corrected: entity.corrected,
    }
}

#[derive(Serialize)]
struct ValueLine<'a> {
    doc: String,
    value: f64,
    value_max: Option<f64>,
    qualifier: &'static str,
    span: SpanPair,
    text: &'a str,
    attributed_to: Option<&'a str>,
    as_of: Option<&'a str>,
    repaired: bool,
}

#[derive(Serialize)]
struct ClaimLine<'a> {
    id: String,
    stories: Vec<String>,
    what: &'a str,
    values: Vec<ValueLine<'a>>,
    verdict: &'static str,
    corrected: bool,
}

fn claim_line(claim: &Claim) -> ClaimLine<'_> {
    ClaimLine {
        id: claim.id.to_string(),
        stories: ids(&claim.stories),
        what: &claim.what,
        values: claim
            .values
            .iter()
            .map(|value| ValueLine {
                doc: value.doc.to_string(),
                value: value.value,
                value_max: value.value_max,
                qualifier: value.qualifier.as_str(),
                span: pair(value.span),
                text: &value.text,
                attributed_to: value.attributed_to.as_deref(),
                as_of: value.as_of.as_deref(),
                repaired: value.repaired,
            })
            .collect(),
        verdict: claim.verdict.as_str(),
        corrected: claim.corrected,
    }
}

#[derive(Serialize)]
struct RenderingLine<'a> {
    doc: String,
    lang: &'a str,
    span: SpanPair,
    text: &'a str,
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    id: String,
    speaker: Option<String>,
    story: Option<String>,
    renderings: Vec<RenderingLine<'a>>,
}

fn quote_line(quote: &SharedQuote) -> QuoteLine<'_> {
    QuoteLine {
        id: quote.id.to_string(),
        speaker: quote.speaker.map(|id| id.to_string()),
        story: quote.story.map(|id| id.to_string()),
        renderings: quote
            .renderings
            .iter()
            .map(|rendering| RenderingLine {
                doc: rendering.doc.to_string(),
                lang: &rendering.lang,
                span: pair(rendering.span),
                text: &rendering.text,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct DamageLine<'a> {
    doc: String,
    span: SpanPair,
    text: &'a str,
    evidence: Vec<SpanTextLine<'a>>,
    repair: &'a str,
}

fn damage_line(damage: &MtDamage) -> DamageLine<'_> {
    DamageLine {
        doc: damage.doc.to_string(),
        span: pair(damage.span),
        text: &damage.text,
        evidence: damage.evidence.iter().map(span_text).collect(),
        repair: &damage.repair,
    }
}
