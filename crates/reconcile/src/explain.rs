//! Why two documents were or were not put in one copy group or story: their features, the
//! thresholds, and each decision with its reason. Analysts do not trust a merge they cannot question.

use std::fmt;

use concord_model::DocId;

use crate::analysis::{Analysis, Link, joins_story};
use crate::digest::iso;
use crate::score::{self, Features, Prepared};

/// The explanation of one pair of documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The first document.
    pub a: DocId,
    /// The second document.
    pub b: DocId,
    /// Their languages.
    pub langs: (String, String),
    /// Their publish dates (declared or inferred), ISO 8601.
    pub dates: (Option<String>, Option<String>),
    /// Their features (computed even when blocking did not pair them).
    pub features: Features,
    /// The names they share, as the first writes them.
    pub shared_names: Vec<String>,
    /// The figure values they share.
    pub shared_figures: Vec<f32>,
    /// The story score.
    pub story_score: f32,
    /// The translation score (0 for documents in one language).
    pub translation_score: f32,
    /// Whether blocking made them a candidate pair (shared LSH band or rare name, or one copy chain).
    pub candidates: bool,
    /// One line per decision: thresholds, and why they were or were not joined.
    pub decisions: Vec<String>,
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Explains the pair `a`, `b` of an analysed corpus; `None` when either is not in it.
pub fn explain(analysis: &Analysis, a: DocId, b: DocId) -> Option<Explanation> {
    let find = |id: DocId| analysis.docs.binary_search_by_key(&id, |d| d.id).ok();
    let (ia, ib) = (find(a)? as u32, find(b)? as u32);
    let (da, db) = (&analysis.docs[ia as usize], &analysis.docs[ib as usize]);
    let config = &analysis.config;
    let prepare = |i: u32| {
        // The date knowledge blocking saw: declared, or inferred from the text alone.
        let mut known = analysis.when[i as usize].clone();
        if analysis.docs[i as usize].published.is_none()
            && let Some(inferred) = known.inferred.as_mut()
        {
            let own = crate::dates::from_text(
                &analysis.docs[i as usize],
                config.first_year..=config.last_year,
            );
            *inferred = own.inferred.unwrap_or_else(|| inferred.clone());
            known.day = own.day;
        }
        Prepared::of(&analysis.docs[i as usize], &analysis.rarity, &known)
    };
    let features = score::features(da, db, &prepare(ia), &prepare(ib), config.story_days);
    let story_score = score::story_score(&features);
    let (shared_story, sim) = score::shared_story_score(da, db, &features);
    let (shared_names, shared_figures) = score::shared(da, db, &analysis.rarity);
    let cross = da.lang != db.lang && da.lang != "und" && db.lang != "und";
    let translation_score = if cross {
        score::translation_score(&features)
    } else {
        0.0
    };
    let edge = analysis.edge(ia, ib);
    let day = |i: u32| analysis.when[i as usize].day;
    let member = |groups: &[Vec<u32>]| {
        groups
            .iter()
            .any(|g| g.binary_search(&ia).is_ok() && g.binary_search(&ib).is_ok())
    };
    let mut decisions = Vec::new();
    let exact = da.text_hash == db.text_hash && da.text_len > 0;
    decisions.push(format!("exact copy (identical clean text): {}", yes(exact)));
    decisions.push(format!(
        "near copy: estimated jaccard {:.2} (threshold {:.2}): {}",
        features.jaccard,
        config.near_jaccard,
        yes(!exact && features.jaccard >= config.near_jaccard)
    ));
    if cross {
        decisions.push(format!(
            "translation: score {:.2} = 0.6 x order {:.2} + 0.2 x paragraphs {:.2} + 0.1 x quotes \
             {:.2} + 0.1 x length-weighted max(figures {:.2}, names {:.2}) (threshold {:.2}); in one \
             translation group: {}",
            translation_score,
            features.order,
            features.paragraphs,
            features.quotes,
            features.figures,
            features.names,
            config.translation_min,
            yes(member(&analysis.translations))
        ));
    } else {
        decisions.push("translation: no (same language)".to_owned());
    }
    let apart = match (day(ia), day(ib)) {
        (Some(x), Some(y)) => format!(
            "{} days apart (at most {})",
            (x - y).abs(),
            config.story_days
        ),
        _ => "a date is unknown, so time does not separate them".to_owned(),
    };
    decisions.push(format!(
        "story score {:.2} = 0.45 x names {:.2} + 0.2 x speakers {:.2} + 0.1 x figures {:.2} + 0.05 \
         x dates {:.2} + 0.1 x text {:.2} + 0.1 x time {:.2} (threshold {:.2}); {}",
        story_score,
        features.names,
        features.speakers,
        features.figures,
        features.dates,
        score::lexical(&features),
        features.time,
        config.story_min,
        apart
    ));
    decisions.push(format!(
        "shared similarity {:.2} [{}] (not the story score: it rates articles of one topic alike; 0.85 x it + 0.15 x time = {:.2})",
        sim.score,
        sim.features
            .iter()
            .map(|(name, value)| format!("{name} {value:.2}"))
            .collect::<Vec<_>>()
            .join(", "),
        shared_story,
    ));
    decisions.push(format!(
        "candidate pair from blocking (LSH band, rare name, copy chain): {}",
        yes(edge.is_some())
    ));
    let same_story = member(&analysis.stories);
    let direct = edge.is_some_and(|e| joins_story(config, e));
    let why = match (same_story, direct) {
        (true, true) => "joined directly".to_owned(),
        (true, false) => "joined through other members of the story".to_owned(),
        (false, _) => match edge {
            Some(e) if e.link != Link::Story || (e.story >= config.story_min && e.in_time) => {
                "the story's dates would span more than the limit".to_owned()
            }
            Some(e) if !e.in_time => "their dates are too far apart".to_owned(),
            _ => "the story score is under the threshold".to_owned(),
        },
    };
    decisions.push(format!("same story: {} ({why})", yes(same_story)));
    Some(Explanation {
        a,
        b,
        langs: (da.lang.clone(), db.lang.clone()),
        dates: (day(ia).map(iso), day(ib).map(iso)),
        features,
        shared_names,
        shared_figures,
        story_score,
        translation_score,
        candidates: edge.is_some(),
        decisions,
    })
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = |d: &Option<String>| d.clone().unwrap_or_else(|| "undated".to_owned());
        writeln!(f, "{} ({}, {})", self.a, self.langs.0, date(&self.dates.0))?;
        writeln!(f, "{} ({}, {})", self.b, self.langs.1, date(&self.dates.1))?;
        let x = &self.features;
        writeln!(
            f,
            "features: names {:.2} [{}], speakers {:.2}, figures {:.2}, dates {:.2}, jaccard {:.2}, \
             order {:.2}, paragraphs {:.2}, quotes {:.2}, length {:.2}, time {:.2}",
            x.names,
            self.shared_names.join(", "),
            x.speakers,
            x.figures,
            x.dates,
            x.jaccard,
            x.order,
            x.paragraphs,
            x.quotes,
            x.length,
            x.time
        )?;
        for line in &self.decisions {
            writeln!(f, "- {line}")?;
        }
        Ok(())
    }
}
