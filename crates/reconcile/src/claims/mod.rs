//! Claims: figures that count the same thing in the same sense, grouped across documents and
//! reconciled.
//!
//! At push time [`digest`] keeps each document's figures that count a known concept, with their
//! subject, sense, date and source ([`read`]). At the end [`claims`] groups them:
//! - within a topic: a story, or stories linked by a story edge that was kept but did not join
//!   (too far apart in time or just under the story threshold), so that a running count
//!   ("soldiers killed this year") spans the stories that report it;
//! - by concept ("troops", "troops killed", "money USD"), sense (actual or planned) and subject
//!   ([`subject_key`]: "Russian", "russischen", "Rusia" meet; "NATO" stays apart). A value without
//!   a subject joins the one subject group of its concept whose values it overlaps, if there is
//!   exactly one; else it stays in the group without subject;
//! - a second figure of the same group in one document is usually another thing (400 more troops
//!   besides 100,000): it joins a claim holding its document only when it overlaps every value
//!   there, else the claim it overlaps that lacks the document, else a claim of its own.
//!
//! Each value is an interval ([`interval`]) and the verdict follows ([`verdict`]); a value whose
//! span overlaps machine-translation damage with a numeric repair takes the repaired value.

mod concepts;
mod read;
mod verdict;
mod words;

use concord_model::{
    AsOfGrain, Claim, ClaimFigure, ClaimId, ClaimValue, DocId, Entity, MtDamage, Qualifier, Sense,
    Story, StoryId,
};

use crate::analysis::Analysis;
use crate::digest::iso;

pub use read::digest;
pub use verdict::{interval, verdict};

/// The key a subject word is compared by: transliterated, case-folded, without the endings of
/// adjectives and country names, doubled letters collapsed, at most five letters ("Russian",
/// "Russland", "russischen", "Rusia" → "rus"; "Ukraine", "ukrainische", "Ukraina" → "ukrai").
pub fn subject_key(word: &str) -> String {
    if word == "AS" {
        // Amerika Serikat (Indonesian, Malay); the lowercase word is English "as".
        return "us".to_owned();
    }
    let word = word.trim_end_matches("'s").trim_end_matches("’s");
    let ascii: String = deunicode::deunicode(word)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let mut stem = ascii.as_str();
    for suffix in [
        "iiskikh", "iiskogo", "iiskii", "iiskaia", "skikh", "skogo", "skii", "skaia", "ischen",
        "ische", "isch", "iens", "ienne", "ien", "ians", "ian", "anos", "ans", "an", "ese", "ois",
        "aise", "ais", "land", "iia", "ii", "iya", "ia", "ya", "os", "a", "e", "y", "i", "o",
    ] {
        if let Some(rest) = stem.strip_suffix(suffix)
            && rest.len() >= 3
        {
            stem = rest;
            break;
        }
    }
    let mut key = String::new();
    for c in stem.chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    let key: String = key.chars().take(5).collect();
    match key.as_str() {
        "usa" | "amer" | "ameri" => "us".to_owned(),
        "otan" => "nato".to_owned(),
        _ => key,
    }
}

/// One value on its way into a claim.
struct Item<'a> {
    doc: usize,
    figure: &'a ClaimFigure,
    topic: u32,
    subject: String,
    as_of: Option<i32>,
    grain: AsOfGrain,
    value: f64,
    value_max: Option<f64>,
    repaired: bool,
}

impl Item<'_> {
    fn interval(&self) -> (f64, f64) {
        interval(self.value, self.value_max, self.figure.qualifier)
    }

    fn overlaps(&self, other: &Item<'_>) -> bool {
        let (a, b) = (self.interval(), other.interval());
        a.0 <= b.1 && b.0 <= a.1
    }

    /// Whether two values can be one figure of an open concept: their intervals overlap with
    /// "more than" and "at most" read as the value itself ("more than 252 days" is not "at
    /// least 86 days").
    fn close(&self, other: &Item<'_>) -> bool {
        let point = |it: &Item<'_>| match it.figure.qualifier {
            Qualifier::AtLeast | Qualifier::AtMost => {
                interval(it.value, it.value_max, Qualifier::Exact)
            }
            q => interval(it.value, it.value_max, q),
        };
        // Strictly: 18 (17.5 to 18.5) and 19 (18.5 to 19.5) are two values.
        let (a, b) = (point(self), point(other));
        a.0 < b.1 && b.0 < a.1
    }

    /// Whether a value may be weighed against another at all: within [`COMPARABLE`] of it, or
    /// a thousand or a million times it (a lost magnitude word: "100 ribu" against "100").
    fn comparable(&self, other: &Item<'_>) -> bool {
        let (a, b) = (self.value.abs(), other.value.abs());
        let ratio = a.max(b) / a.min(b).max(f64::MIN_POSITIVE);
        ratio <= COMPARABLE || [1e3, 1e6].iter().any(|m| (ratio / m - 1.0).abs() < 0.01)
    }

    /// Whether `self` may join a claim holding `other`, under the concept's rule.
    fn joins(&self, other: &Item<'_>, open: bool) -> bool {
        if open {
            self.close(other)
        } else {
            self.overlaps(other)
        }
    }
}

/// Values further apart than this factor are not one claim in disagreement but two things (50
/// dead this year, more than 13,000 since 2014).
const COMPARABLE: f64 = 10.0;

/// The claims of the corpus, conflicts first, then by id.
pub fn claims(
    analysis: &Analysis,
    stories: &[Story],
    _entities: &[Entity],
    damage: &[MtDamage],
) -> Vec<Claim> {
    let docs = &analysis.docs;
    let crate::topics::Topics { story_of, topic_of } = crate::topics::topics(analysis, stories);
    let mut items: Vec<Item<'_>> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let topic = topic_of[i];
        let published = analysis.when.get(i).and_then(|k| k.day);
        for figure in &d.claims {
            items.push(item(i, d.id, figure, topic, published, damage));
        }
    }
    items.sort_by(|x, y| {
        (x.topic, &x.figure.concept, x.figure.sense, &x.subject)
            .cmp(&(y.topic, &y.figure.concept, y.figure.sense, &y.subject))
            .then(x.as_of.cmp(&y.as_of))
            .then(docs[x.doc].id.cmp(&docs[y.doc].id))
            .then(x.figure.span.cmp(&y.figure.span))
    });
    let mut out = Vec::new();
    for run in items.chunk_by(|x, y| {
        (x.topic, &x.figure.concept, x.figure.sense) == (y.topic, &y.figure.concept, y.figure.sense)
    }) {
        let open = !concepts::closed(&run[0].figure.concept);
        for group in by_subject(run, open) {
            for members in one_per_document(&group, open) {
                out.push(claim(analysis, stories, &story_of, &members));
            }
        }
    }
    out.sort_by(|x, y| {
        (y.verdict == concord_model::Verdict::Conflict)
            .cmp(&(x.verdict == concord_model::Verdict::Conflict))
            .then(x.id.cmp(&y.id))
    });
    out
}

fn item<'a>(
    doc: usize,
    id: DocId,
    figure: &'a ClaimFigure,
    topic: u32,
    published: Option<i32>,
    damage: &[MtDamage],
) -> Item<'a> {
    let (as_of, grain) = match (figure.as_of, published) {
        (Some(end), Some(p)) if end >= p => (Some(p), AsOfGrain::Day),
        (Some(end), _) => (Some(end), figure.grain),
        (None, p) => (p, AsOfGrain::Day),
    };
    let repair = damage
        .iter()
        .filter(|m| m.doc == id && m.span.start < figure.span.end && figure.span.start < m.span.end)
        .find_map(|m| m.repair.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v != figure.value);
    let (value, value_max) = match repair {
        Some(v) => (
            v,
            figure
                .value_max
                .map(|m| m * v / figure.value.max(f64::MIN_POSITIVE)),
        ),
        None => (figure.value, figure.value_max),
    };
    Item {
        doc,
        figure,
        topic,
        subject: figure
            .subject
            .as_deref()
            .map(subject_key)
            .unwrap_or_default(),
        as_of,
        grain,
        value,
        value_max,
        repaired: repair.is_some(),
    }
}

/// Splits a run of one topic, concept and sense by subject; a value without a subject joins the
/// one subject group it overlaps.
fn by_subject<'r, 'a>(run: &'r [Item<'a>], open: bool) -> Vec<Vec<&'r Item<'a>>> {
    let mut groups: Vec<Vec<&Item<'a>>> = Vec::new();
    for chunk in run.chunk_by(|x, y| x.subject == y.subject) {
        groups.push(chunk.iter().collect());
    }
    let Some(bare) = groups.iter().position(|g| g[0].subject.is_empty()) else {
        return groups;
    };
    let without = std::mem::take(&mut groups[bare]);
    let mut rest = Vec::new();
    for it in without {
        let fits: Vec<usize> = (0..groups.len())
            .filter(|&g| g != bare && groups[g].iter().any(|o| it.joins(o, open)))
            .collect();
        match fits.as_slice() {
            [g] => groups[*g].push(it),
            _ => rest.push(it),
        }
    }
    groups[bare] = rest;
    groups.retain(|g| !g.is_empty());
    groups
}

/// Splits a group so that each document gives one value to a claim. A value of an open concept
/// joins only values close to it; of a closed one, values it overlaps, and a document's only
/// value joins the largest claim it is comparable with, to be judged against it.
fn one_per_document<'r, 'a>(group: &[&'r Item<'a>], open: bool) -> Vec<Vec<&'r Item<'a>>> {
    let mut claims: Vec<Vec<&Item<'a>>> = Vec::new();
    let mut order: Vec<&Item<'a>> = group.to_vec();
    order.sort_by_key(|it| (it.doc, it.figure.span));
    for chunk in order.chunk_by(|x, y| x.doc == y.doc) {
        let alone = chunk.len() == 1;
        for &it in chunk {
            let free = |c: &Vec<&Item<'a>>| c.iter().all(|o| o.doc != it.doc);
            // A document's second value joins a claim holding it only when it agrees with all.
            let fits = |c: &Vec<&Item<'a>>| {
                if free(c) {
                    c.iter().any(|o| it.joins(o, open))
                } else {
                    c.iter().all(|o| it.joins(o, open))
                }
            };
            let at = claims.iter().position(fits).or_else(|| {
                (alone && !open)
                    .then(|| {
                        (0..claims.len())
                            .filter(|&c| {
                                free(&claims[c]) && claims[c].iter().all(|o| it.comparable(o))
                            })
                            .max_by_key(|&c| (claims[c].len(), usize::MAX - c))
                    })
                    .flatten()
            });
            match at {
                Some(c) => claims[c].push(it),
                None => claims.push(vec![it]),
            }
        }
    }
    claims
}

fn claim(analysis: &Analysis, stories: &[Story], story_of: &[u32], members: &[&Item<'_>]) -> Claim {
    let docs = &analysis.docs;
    let mut members = members.to_vec();
    members.sort_by(|x, y| {
        x.as_of
            .cmp(&y.as_of)
            .then(docs[x.doc].id.cmp(&docs[y.doc].id))
            .then(x.figure.span.cmp(&y.figure.span))
    });
    let first = members[0];
    let smallest = members
        .iter()
        .map(|it| (docs[it.doc].id, it.figure.span))
        .min()
        .unwrap_or((docs[first.doc].id, first.figure.span));
    let mut key = Vec::new();
    key.extend_from_slice(first.figure.concept.as_bytes());
    key.push(first.figure.sense as u8);
    key.extend_from_slice(first.subject.as_bytes());
    key.extend_from_slice(&smallest.0.0.to_le_bytes());
    key.extend_from_slice(&smallest.1.start.to_le_bytes());
    let mut story_ids: Vec<StoryId> = members
        .iter()
        .filter_map(|it| stories.get(story_of[it.doc] as usize).map(|s| s.id))
        .collect();
    story_ids.sort();
    story_ids.dedup();
    let values: Vec<ClaimValue> = members
        .iter()
        .map(|it| ClaimValue {
            doc: docs[it.doc].id,
            value: it.value,
            value_max: it.value_max,
            qualifier: it.figure.qualifier,
            span: it.figure.span,
            text: it.figure.text.clone(),
            attributed_to: it.figure.attributed_to.clone(),
            as_of: it.as_of.map(|d| shown_date(d, it.grain)),
            repaired: it.repaired,
        })
        .collect();
    let written: Vec<verdict::Valued> = members
        .iter()
        .map(|it| verdict::Valued {
            doc: it.doc,
            value: it.figure.value,
            value_max: it.figure.value_max,
            qualifier: it.figure.qualifier,
            as_of: it.as_of,
            story: story_of[it.doc],
        })
        .collect();
    let repaired: Vec<verdict::Valued> = members
        .iter()
        .map(|it| verdict::Valued {
            doc: it.doc,
            value: it.value,
            value_max: it.value_max,
            qualifier: it.figure.qualifier,
            as_of: it.as_of,
            story: story_of[it.doc],
        })
        .collect();
    let any_repaired = members.iter().any(|it| it.repaired);
    Claim {
        id: ClaimId::of(&key),
        stories: story_ids,
        what: what(analysis, &members),
        values,
        verdict: verdict::judge(&written, &repaired, any_repaired),
        corrected: false,
    }
}

/// What a claim counts, for a person: "troops (Russian)", "troops, planned (NATO)".
fn what(analysis: &Analysis, members: &[&Item<'_>]) -> String {
    let first = members[0];
    let mut what = first.figure.concept.clone();
    if first.figure.sense == Sense::Planned {
        what.push_str(", planned");
    }
    let shown = members
        .iter()
        .filter(|it| analysis.docs[it.doc].lang == "en")
        .chain(members.iter())
        .find_map(|it| it.figure.subject.as_deref());
    if let Some(subject) = shown {
        what.push_str(&format!(" ({subject})"));
    }
    let borrowed: Vec<&str> = members
        .iter()
        .filter(|it| it.figure.borrowed)
        .map(|it| it.figure.text.as_str())
        .collect();
    if !borrowed.is_empty() {
        what.push_str(&format!(
            "; counted noun not next to the figure, taken from its sentence for {}",
            borrowed.join(", ")
        ));
    }
    what
}

/// A date as precise as it is known: "2021-12-02", "2021-04", "2020".
fn shown_date(day: i32, grain: AsOfGrain) -> String {
    let full = iso(day);
    match grain {
        AsOfGrain::Day => full,
        AsOfGrain::Month => full.get(..7).unwrap_or(&full).to_owned(),
        AsOfGrain::Year => full.get(..4).unwrap_or(&full).to_owned(),
    }
}

#[cfg(test)]
mod tests;
