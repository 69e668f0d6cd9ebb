//! Building a [`DocDigest`] from one document's facts: everything reconcile keeps of it.

use std::collections::HashMap;

use concord_model::civil::Date;
use concord_model::{
    DateClue, DocDigest, DocFacts, EntityType, Granularity, MAX_DATES, MAX_FIGURES, MAX_NAMES,
    MAX_PARAGRAPHS, MAX_SEQUENCE, MAX_SPEAKERS, NameAnchor, NamedYear, Profile,
};

use crate::fold::{SEED, mix, name_key};
use crate::minhash::signature;
use crate::similarity::{Lexicon, build_profile};

/// The day number (days since 1970-01-01) of an ISO 8601 date.
pub fn days(iso: &str) -> Option<i32> {
    Date::parse_iso(iso).map(|d| d.to_days() as i32)
}

/// The ISO 8601 date of a day number.
pub fn iso(days: i32) -> String {
    Date::from_days(i64::from(days)).to_string()
}

/// The 16-bit anchor of a figure value, for the ordered anchor sequence.
fn figure_anchor(value: f32) -> u16 {
    (mix(SEED ^ u64::from(value.to_bits()) ^ 0xf1) >> 48) as u16
}

/// The 16-bit anchor of a name key.
fn name_anchor(key: u32) -> u16 {
    (mix(SEED ^ u64::from(key) ^ 0x4e) >> 48) as u16
}

fn weekday(name: &str) -> Option<u8> {
    Some(match name {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

/// Reads extract's note of an unresolved expression ("month=12;day=2;weekday=thursday").
fn clue(note: &str) -> Option<(u8, u8, u8)> {
    let (mut month, mut day, mut wd) = (None, None, None);
    for part in note.split(';') {
        match part.split_once('=') {
            Some(("month", v)) => month = v.parse().ok(),
            Some(("day", v)) => day = v.parse().ok(),
            Some(("weekday", v)) => wd = weekday(v),
            _ => {}
        }
    }
    Some((month?, day?, wd?))
}

/// The digest of one document; with `profile`, also its similarity profile
/// ([`crate::similarity::build_profile`], the costly part), else an empty one.
pub fn digest(facts: &DocFacts, profile: bool) -> DocDigest {
    let doc = &facts.doc;
    let text = doc.text.as_str();
    let published = doc.published.as_ref().and_then(|p| days(&p.value));

    let mut years: Vec<NamedYear> = Vec::new();
    let mut dates: Vec<i32> = Vec::new();
    let mut found_clue = None;
    for expr in &facts.dates {
        match (&expr.start, &expr.note) {
            (Some(start), _) => {
                if published.is_none()
                    && let Some(date) = Date::parse_iso(start)
                    && !years.iter().any(|y| y.year == date.year)
                {
                    years.push(NamedYear {
                        year: date.year,
                        span: expr.span,
                    });
                }
                if expr.granularity == Granularity::Day
                    && let Some(day) = days(start)
                {
                    dates.push(day);
                }
            }
            (None, Some(note)) => {
                if found_clue.is_none()
                    && let Some((month, day, weekday)) = clue(note)
                {
                    found_clue = Some(DateClue {
                        span: expr.span,
                        month,
                        day,
                        weekday,
                    });
                }
            }
            (None, None) => {}
        }
    }
    years.sort_by_key(|y| y.year);
    years.truncate(MAX_DATES);
    dates.sort_unstable();
    dates.dedup();
    dates.truncate(MAX_DATES);

    // Names: count per key, remember the first mention's type and form.
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut names: Vec<(NameAnchor, u32, usize)> = Vec::new();
    let mut sequence: Vec<(u32, u16)> = Vec::new();
    let mut cache: Vec<(&str, bool, Option<u32>)> = Vec::new();
    for (order, mention) in facts.entities.iter().enumerate() {
        if mention.kind == EntityType::Misc {
            continue;
        }
        let person = mention.kind == EntityType::Person;
        // Documents repeat their names: fold each distinct form once.
        let key = match cache
            .iter()
            .find(|c| c.0 == mention.base.as_str() && c.1 == person)
        {
            Some(c) => c.2,
            None => {
                let key = name_key(&mention.base, person).map(|k| k.0);
                cache.push((mention.base.as_str(), person, key));
                key
            }
        };
        let Some(key) = key else {
            continue;
        };
        if matches!(mention.kind, EntityType::Person | EntityType::Organization) {
            sequence.push((mention.span.start, name_anchor(key)));
        }
        match index.get(&key) {
            Some(&at) => names[at].1 += 1,
            None => {
                index.insert(key, names.len());
                let shown = if person {
                    mention.base.split_whitespace().last().unwrap_or("")
                } else {
                    mention.base.as_str()
                };
                names.push((
                    NameAnchor {
                        key,
                        count: 0,
                        kind: mention.kind,
                        shown: shown.to_owned(),
                    },
                    1,
                    order,
                ));
            }
        }
    }
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    names.truncate(MAX_NAMES);
    let names = names
        .into_iter()
        .map(|(mut anchor, count, _)| {
            anchor.count = count.min(255) as u8;
            anchor
        })
        .collect();

    let mut figures: Vec<f32> = Vec::new();
    for figure in &facts.figures {
        let value = figure.value as f32;
        if !(10.0..1e15).contains(&value) {
            continue;
        }
        sequence.push((figure.span.start, figure_anchor(value)));
        if figures.len() < MAX_FIGURES && !figures.contains(&value) {
            figures.push(value);
        }
    }
    sequence.sort_by_key(|&(start, _)| start);
    let length = text.len().max(1) as u64;
    let sequence = sequence
        .into_iter()
        .take(MAX_SEQUENCE)
        .map(|(start, anchor)| (anchor, (u64::from(start) * 255 / length).min(255) as u8))
        .collect();

    let paragraphs = doc
        .paragraphs
        .iter()
        .take(MAX_PARAGRAPHS)
        .map(|p| p.span.of(text).chars().count().min(usize::from(u16::MAX)) as u16)
        .collect();

    let mut speakers: Vec<u32> = Vec::new();
    for quote in &facts.quotes {
        if let Some((key, _)) = quote.speaker.as_deref().and_then(|s| name_key(s, true))
            && !speakers.contains(&key)
            && speakers.len() < MAX_SPEAKERS
        {
            speakers.push(key);
        }
    }

    DocDigest {
        id: doc.id,
        source: doc.source.clone(),
        lang: doc.lang.code.clone(),
        site: doc.site.clone(),
        published,
        clue: if published.is_none() {
            found_clue
        } else {
            None
        },
        years: if published.is_none() {
            years
        } else {
            Vec::new()
        },
        dates,
        text_hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        text_len: text.len().min(u32::MAX as usize) as u32,
        signature: signature(text),
        names,
        figures,
        sequence,
        paragraphs,
        quotes: facts.quotes.len().min(usize::from(u16::MAX)) as u16,
        speakers,
        profile: if profile {
            build_profile(facts, Lexicon::builtin())
        } else {
            Profile::default()
        },
        mentions: crate::entities::digest(text, &facts.entities),
        quoted: crate::quotes::digest(facts),
        claims: crate::claims::digest(facts),
        mt: crate::mt::digest(facts),
    }
}
