//! The corpus as the pages read it: for each story its groups, entities, claims, quotes and
//! damage; for each document its story and date; for each language its colour. Built once in
//! `finish`, shared by the HTML and Markdown writers so both say the same thing.

use std::collections::{BTreeMap, HashMap};

use concord_model::{Claim, Corpus, DocId, EntityId, Manifest, SpanRef, Verdict, civil::Date};

use super::{DocSummary, IssueLog};

/// Colour-blind-safe mark colours (Okabe–Ito and a few darker tones), each legible on white.
const PALETTE: [&str; 10] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b8860b", "#56b4e9", "#444444", "#8c564b",
    "#7b3294", "#1b7837",
];

/// Entities shown per story (most mentioned in the story first).
pub(crate) const ENTITIES_PER_STORY: usize = 60;

/// Everything the writers need, with cross-references by index into the corpus's lists.
pub(crate) struct View<'a> {
    pub(crate) corpus: &'a Corpus,
    pub(crate) manifest: &'a Manifest,
    pub(crate) docs: &'a HashMap<DocId, DocSummary>,
    pub(crate) issues: &'a IssueLog,
    /// The first mention of each (entity, variant text, language).
    pub(crate) variant_links: HashMap<(EntityId, String, String), SpanRef>,
    /// Document -> index of its story.
    pub(crate) story_of: HashMap<DocId, usize>,
    /// Document -> inferred publish date (for documents that declare none).
    pub(crate) inferred: HashMap<DocId, &'a str>,
    /// Per story: indexes of its copy groups.
    pub(crate) story_groups: Vec<Vec<usize>>,
    /// Per story: (entity index, mentions in the story's documents), most mentioned first.
    pub(crate) story_entities: Vec<Vec<(usize, usize)>>,
    /// Per story: indexes of its claims.
    pub(crate) story_claims: Vec<Vec<usize>>,
    /// Per story: indexes of its shared quotes.
    pub(crate) story_quotes: Vec<Vec<usize>>,
    /// Per story: indexes of the MT damage in its documents.
    pub(crate) story_damage: Vec<Vec<usize>>,
    /// Per entity: indexes of its stories, largest first.
    pub(crate) entity_stories: Vec<Vec<usize>>,
    /// Entity id -> index.
    pub(crate) entity_index: HashMap<EntityId, usize>,
    /// Language -> colour, most frequent language first.
    pub(crate) lang_colors: BTreeMap<String, &'static str>,
    /// Languages by document count, most frequent first.
    pub(crate) languages: Vec<(String, usize)>,
    /// Sites by document count, most frequent first.
    pub(crate) sites: Vec<(String, usize)>,
    /// The earliest and latest publish dates (declared or inferred).
    pub(crate) date_span: Option<(String, String)>,
    /// What an incremental run changed since the previous one (`None` without a store).
    pub(crate) changes: Option<&'a [concord_model::Change]>,
}

fn push_unique(list: &mut Vec<usize>, idx: usize) {
    if list.last() != Some(&idx) && !list.contains(&idx) {
        list.push(idx);
    }
}

impl<'a> View<'a> {
    pub(crate) fn new(
        corpus: &'a Corpus,
        manifest: &'a Manifest,
        docs: &'a HashMap<DocId, DocSummary>,
        issues: &'a IssueLog,
        variant_links: HashMap<(EntityId, String, String), SpanRef>,
    ) -> View<'a> {
        let stories = corpus.stories.len();
        let mut story_of = HashMap::new();
        for (idx, story) in corpus.stories.iter().enumerate() {
            for doc in &story.docs {
                story_of.entry(*doc).or_insert(idx);
            }
        }
        let inferred: HashMap<DocId, &str> = corpus
            .doc_links
            .iter()
            .filter_map(|link| {
                let date = link.published_inferred.as_ref()?.date.as_deref()?;
                Some((link.id, date))
            })
            .collect();

        let mut story_groups = vec![Vec::new(); stories];
        for (idx, group) in corpus.copies.iter().enumerate() {
            for doc in &group.docs {
                if let Some(&story) = story_of.get(doc) {
                    push_unique(&mut story_groups[story], idx);
                }
            }
        }

        let mut story_entities: Vec<Vec<(usize, usize)>> = vec![Vec::new(); stories];
        let mut entity_stories = vec![Vec::new(); corpus.entities.len()];
        for (idx, entity) in corpus.entities.iter().enumerate() {
            let mut per_story: BTreeMap<usize, usize> = BTreeMap::new();
            for mention in &entity.mentions {
                if let Some(&story) = story_of.get(&mention.doc) {
                    *per_story.entry(story).or_default() += 1;
                }
            }
            for doc in &entity.docs {
                if let Some(&story) = story_of.get(doc) {
                    per_story.entry(story).or_default();
                }
            }
            for (&story, &count) in &per_story {
                story_entities[story].push((idx, count));
                entity_stories[idx].push(story);
            }
        }
        for list in &mut story_entities {
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }

        let story_index: HashMap<_, usize> = corpus
            .stories
            .iter()
            .enumerate()
            .map(|(idx, story)| (story.id, idx))
            .collect();
        let mut story_claims = vec![Vec::new(); stories];
        for (idx, claim) in corpus.claims.iter().enumerate() {
            for story in &claim.stories {
                if let Some(&story) = story_index.get(story) {
                    push_unique(&mut story_claims[story], idx);
                }
            }
        }
        let mut story_quotes = vec![Vec::new(); stories];
        for (idx, quote) in corpus.quotes.iter().enumerate() {
            let story = quote
                .story
                .and_then(|story| story_index.get(&story).copied())
                .or_else(|| {
                    quote
                        .renderings
                        .first()
                        .and_then(|rendering| story_of.get(&rendering.doc).copied())
                });
            if let Some(story) = story {
                story_quotes[story].push(idx);
            }
        }
        let mut story_damage = vec![Vec::new(); stories];
        for (idx, damage) in corpus.mt_damage.iter().enumerate() {
            if let Some(&story) = story_of.get(&damage.doc) {
                story_damage[story].push(idx);
            }
        }
        let entity_index = corpus
            .entities
            .iter()
            .enumerate()
            .map(|(idx, entity)| (entity.id, idx))
            .collect();

        let mut lang_counts: HashMap<&str, usize> = HashMap::new();
        let mut site_counts: HashMap<&str, usize> = HashMap::new();
        let mut first: Option<Date> = None;
        let mut last: Option<Date> = None;
        for (id, doc) in docs {
            *lang_counts.entry(doc.lang.as_str()).or_default() += 1;
            if let Some(site) = &doc.site {
                *site_counts.entry(site.as_str()).or_default() += 1;
            }
            let date = doc
                .published
                .as_deref()
                .or_else(|| inferred.get(id).copied())
                .and_then(Date::parse_iso);
            if let Some(date) = date {
                first = Some(first.map_or(date, |first| first.min(date)));
                last = Some(last.map_or(date, |last| last.max(date)));
            }
        }
        let ranked = |counts: HashMap<&str, usize>| {
            let mut list: Vec<(String, usize)> = counts
                .into_iter()
                .map(|(name, count)| (name.to_owned(), count))
                .collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        let languages = ranked(lang_counts);
        let sites = ranked(site_counts);
        let lang_colors = languages
            .iter()
            .enumerate()
            .map(|(idx, (lang, _))| (lang.clone(), PALETTE[idx % PALETTE.len()]))
            .collect();
        View {
            changes: None,
            corpus,
            manifest,
            docs,
            issues,
            variant_links,
            story_of,
            inferred,
            story_groups,
            story_entities,
            story_claims,
            story_quotes,
            story_damage,
            entity_stories,
            entity_index,
            lang_colors,
            languages,
            sites,
            date_span: first.zip(last).map(|(a, b)| (a.to_string(), b.to_string())),
        }
    }

    /// A story's claims as its page lists them: conflicts first, then those with the most
    /// sources (what several articles report before what one does), then in corpus order.
    pub(crate) fn story_claims_ordered(&self, story: usize, corpus: &Corpus) -> Vec<usize> {
        let mut ordered = self.story_claims[story].clone();
        ordered.sort_by_key(|&idx| {
            let claim = &corpus.claims[idx];
            (
                claim.verdict != Verdict::Conflict,
                std::cmp::Reverse(claim.values.len()),
                idx,
            )
        });
        ordered
    }

    /// The colour of a language's marks.
    pub(crate) fn color(&self, lang: &str) -> &'static str {
        self.lang_colors.get(lang).copied().unwrap_or("#444444")
    }

    /// A document's date as shown: declared, or inferred (then marked), or none.
    pub(crate) fn date_of(&self, doc: DocId) -> Option<(&str, bool)> {
        if let Some(date) = self.docs.get(&doc).and_then(|doc| doc.published.as_deref()) {
            return Some((date, false));
        }
        self.inferred.get(&doc).map(|date| (*date, true))
    }

    /// A short name of a document for tables: its site, else its file name.
    pub(crate) fn source_name(&self, doc: DocId) -> String {
        match self.docs.get(&doc) {
            Some(summary) => match &summary.site {
                Some(site) => site.clone(),
                None => summary
                    .source
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&summary.source.path)
                    .to_owned(),
            },
            None => doc.to_string(),
        }
    }

    /// A document's language, or `und`.
    pub(crate) fn lang_of(&self, doc: DocId) -> &str {
        self.docs
            .get(&doc)
            .map(|summary| summary.lang.as_str())
            .unwrap_or("und")
    }

    /// Conflicting claims, the widest disagreement first (ratio of the largest value to the
    /// smallest), then by id.
    pub(crate) fn conflicts(&self) -> Vec<usize> {
        let mut list: Vec<(f64, usize)> = self
            .corpus
            .claims
            .iter()
            .enumerate()
            .filter(|(_, claim)| claim.verdict == Verdict::Conflict)
            .map(|(idx, claim)| (spread(claim), idx))
            .collect();
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        list.into_iter().map(|(_, idx)| idx).collect()
    }
}

/// How far apart a claim's values are: largest over smallest (1 when they agree).
pub(crate) fn spread(claim: &Claim) -> f64 {
    let mut low = f64::INFINITY;
    let mut high = 0f64;
    for value in &claim.values {
        low = low.min(value.value);
        high = high.max(value.value_max.unwrap_or(value.value));
    }
    if low > 0.0 && low.is_finite() {
        high / low
    } else {
        1.0
    }
}

/// A number as people write it: `94000` as `94,000`, fractions kept.
pub(crate) fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0.0 {
        out.push('-');
    }
    for (idx, ch) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        for (value, expected) in [
            (94000.0, "94,000"),
            (100.0, "100"),
            (1234567.0, "1,234,567"),
            (2.5, "2.5"),
            (-3000.0, "-3,000"),
        ] {
            assert_eq!(format_number(value), expected);
        }
    }
}
