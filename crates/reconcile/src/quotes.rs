//! Shared quotes: the same statement reported in several articles and languages.
//!
//! At push time [`digest`] keeps each document's quotations as [`QuoteDigest`]s (at most
//! [`MAX_QUOTES`], attributed ones first): span, capped text, the speaker's name key and span,
//! and content anchors that survive translation (names, figures, cognate word keys, length,
//! position in the text). At finish [`shared_quotes`] aligns them:
//!
//! - **Who**: each quote's speaker becomes an entity, the one with a mention at the speaker's
//!   span, else the person of the same document whose name key is the speaker's. Two speakers are
//!   one person when they are one entity, have one name key ([`same_speaker`]) or have compatible
//!   names ("Kim", "Kim Jong-un": [`same_person`]); they are two only when both are entities (a
//!   speaker no mention names is as often a word extract took for one).
//! - **Candidates**: quotes of one topic ([`crate::topics`]: a story, or stories linked by a kept
//!   story edge) with the same speaker entity, quotes of documents that are copies or translations
//!   of one another (there an unattributed quote may join its attributed rendering), and quotes
//!   sharing a long word or their whole text. Two quotes of one document are never candidates.
//! - **Alignment** ([`align`]): cognate word keys (Dice), names inside the quote (entities and name
//!   keys, Dice), figures (a shared value counts for, disjoint values against), the length ratio,
//!   and, in a copy or translation pair, how close the two quotes stand in their texts. A pair
//!   joins from [`JOIN_MIN`].
//! - **Groups**: pairs join best first (then by document and span), and never put two quotes of one
//!   document or two different speakers into one group, unless the content overrules the speakers
//!   ([`overrules`]: the same long words, or a person against a place or organisation in a copy or
//!   translation pair) and the merged group still has one speaker by vote (the same words from two
//!   people, one rendering each, stay apart). A group with renderings from two documents or more
//!   is a shared quote; its speaker is the one entity its members name (by vote).
//! - **Unknown on both sides**: content that aligns in everything ([`STRONG_ALIGN`]) joins too.
//! - **Unknown speakers**: a quote whose speaker extract did not find joins another quote only in a
//!   copy or translation pair where the other names its speaker, or when the two share most of
//!   their long words (at least [`STRONG_WORDS`] of [`STRONG_KEYS`] keys or more, quotes of
//!   [`STRONG_CHARS`] characters or more); a group where nobody is named has no speaker.
//!
//! Same speaker with different statements stays apart (the content does not align); the same
//! words from different speakers stay apart (speakers never mix).

use concord_model::{
    DocDigest, DocFacts, DocId, Entity, EntityType, MAX_QUOTE_ANCHORS, MAX_QUOTE_CONCEPTS,
    MAX_QUOTE_TEXT, MAX_QUOTE_WORDS, MAX_QUOTES, QuoteDigest, QuoteId, Rendering, SharedQuote,
    Span, Story,
};

use crate::analysis::Analysis;
use crate::dates::DateKnowledge;
use crate::fold::{SEED, latin, name_key, skeleton};
use crate::similarity::Lexicon;
use crate::unionfind::UnionFind;

/// The alignment score from which two quotes are one statement.
pub const JOIN_MIN: f32 = 0.4;
/// The alignment from which two quotes join though neither speaker is known: their words,
/// names, figures and lengths all agree.
const STRONG_ALIGN: f32 = 0.7;
/// Word overlap (Dice, or containment of the smaller) from which two quotes join though a
/// speaker is unknown: the same words, not only the same topic.
const STRONG_WORDS: f32 = 0.6;
/// Renderings published this many days apart or fewer report one statement as readily across
/// two stories of a topic as within one. An unknown date keeps the stricter bar: on the seeds, an
/// undated April article and Biden's December statement share a formula, not a statement.
const SAME_STATEMENT_DAYS: u32 = 7;

/// How many days apart two documents were published, when both dates are known.
fn days_apart(when: &[DateKnowledge], a: u32, b: u32) -> Option<u32> {
    let day = |d: u32| when.get(d as usize).and_then(|k| k.day);
    Some(day(a)?.abs_diff(day(b)?))
}

/// Word overlap from which two quotes of two stories join on their words: nearly all of them,
/// not a shared formula.
const ACROSS_STORIES_WORDS: f32 = 0.8;
/// The fewest word keys each quote needs to join on its words alone.
const STRONG_KEYS: usize = 3;
/// The shortest quote (in characters) that joins on its words alone: titles and slogans in quote
/// marks are shorter.
const STRONG_CHARS: u16 = 30;
/// Words shorter than this (in Latin letters) give no cognate key: short words are function words
/// more often than shared stems.
const MIN_WORD: usize = 6;
/// How many skeleton letters a cognate key covers (at least one fewer: police, policía).
const STEM: usize = 4;
/// A candidate list longer than this pairs each quote with its next [`WINDOW`] neighbours only.
const BLOCK_MAX: usize = 256;
/// Neighbours per quote in a long candidate list.
const WINDOW: usize = 64;

/// The cognate key of one word: its transliterated consonant skeleton's first letters, with `z`
/// read as `s` (Konzentration, konsentrasi, concentration).
fn word_key(word: &str) -> Option<u16> {
    let folded = latin(word);
    if folded.chars().count() < MIN_WORD || folded.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // A soft c is an s (concentration, Konzentration), as a z is, and so is the t of -tion
    // (operation, operación).
    let letters: Vec<char> = folded.chars().collect();
    let soft: String = letters
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let next = letters.get(i + 1).copied();
            let after = letters.get(i + 2).copied();
            let front = matches!(next, Some('e' | 'i' | 'y'));
            let tion = c == 't' && next == Some('i') && matches!(after, Some('o' | 'a' | 'e'));
            if (c == 'c' && front) || tion || c == 'z' {
                's'
            } else {
                c
            }
        })
        .collect();
    let stem: String = skeleton(&soft).chars().take(STEM).collect();
    if stem.len() < STEM - 1 {
        return None;
    }
    let hash = xxhash_rust::xxh3::xxh3_64_with_seed(stem.as_bytes(), SEED);
    Some((hash >> 48) as u16)
}

/// The cognate keys of a quote's words outside the names in it (names count apart), first
/// distinct, at most [`MAX_QUOTE_WORDS`]. `names` are byte spans relative to the quote.
fn word_keys(quote: &str, names: &[Span]) -> Vec<u16> {
    let mut keys = Vec::new();
    for word in words_outside(quote, names) {
        if keys.len() >= MAX_QUOTE_WORDS {
            break;
        }
        if let Some(key) = word_key(word)
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    }
    keys
}

/// The runs of letters and digits of `quote` that lie outside `names` (byte spans relative to
/// the quote).
fn words_outside<'q>(quote: &'q str, names: &'q [Span]) -> impl Iterator<Item = &'q str> + 'q {
    quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(move |w| {
            // A subslice of `quote`: its offset is the distance between the two pointers.
            let from = w.as_ptr() as usize - quote.as_ptr() as usize;
            let at = from + w.len();
            !names
                .iter()
                .any(|n| (n.start as usize) < at && from < n.end as usize)
        })
}

/// The words shorter than this (in characters) give no concept key.
const MIN_CONCEPT_WORD: usize = 3;
/// Pivots kept per word: its first translations.
const WORD_PIVOTS: usize = 3;
/// The fewest content words each quote needs for its concepts to count.
const MIN_CONCEPT_WORDS: u8 = 2;

/// The concept keys of a quote's content words outside the names in it (see
/// [`QuoteDigest::concepts`]), with the number of words that gave them.
fn concept_keys(quote: &str, names: &[Span], lang: &str) -> (Vec<u16>, u8) {
    let lexicon = Lexicon::builtin();
    let mut keys: Vec<u16> = Vec::new();
    let mut words = 0u8;
    let mut lower = String::new();
    for word in words_outside(quote, names) {
        if word.chars().count() < MIN_CONCEPT_WORD {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if lexicon.is_function_word(lang, &lower) {
            continue;
        }
        let before = keys.len();
        keys.extend(
            lexicon
                .each_pivot(lang, &lower)
                .take(WORD_PIVOTS)
                .map(|p| (p ^ (p >> 16)) as u16),
        );
        if keys.len() > MAX_QUOTE_CONCEPTS {
            keys.truncate(before);
            break;
        }
        if keys.len() > before {
            words = words.saturating_add(1);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    (keys, words)
}

/// How many of the fewer content words of two quotes the other's concepts hold, from their
/// shared concept keys (0 below [`MIN_CONCEPT_WORDS`] each).
fn concept_share(a: &QuoteDigest, b: &QuoteDigest) -> f32 {
    let fewer = a.concept_words.min(b.concept_words);
    if fewer < MIN_CONCEPT_WORDS {
        return 0.0;
    }
    let shared = a
        .concepts
        .iter()
        .filter(|k| b.concepts.binary_search(k).is_ok())
        .count();
    (shared as f32 / f32::from(fewer)).min(1.0)
}

/// `text` cut to at most `max` bytes on a character boundary.
fn capped(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn inside(inner: Span, outer: Span) -> bool {
    inner.start >= outer.start && inner.end <= outer.end
}

/// The quotations of one document as reconcile keeps them: attributed and whole ones first, at
/// most [`MAX_QUOTES`], in text order.
pub fn digest(facts: &DocFacts) -> Vec<QuoteDigest> {
    let text = facts.doc.text.as_str();
    let length = text.len().max(1) as u64;
    let mut chosen: Vec<usize> = (0..facts.quotes.len()).collect();
    chosen.sort_by_key(|&k| {
        let q = &facts.quotes[k];
        (q.speaker.is_none(), q.partial, q.span.start)
    });
    chosen.truncate(MAX_QUOTES);
    chosen.sort_by_key(|&k| facts.quotes[k].span.start);
    chosen
        .into_iter()
        .map(|k| {
            let quote = &facts.quotes[k];
            let words = quote.span.of(text);
            let mut names: Vec<u32> = Vec::new();
            let mut name_spans: Vec<Span> = Vec::new();
            for m in facts.entities.iter().filter(|m| inside(m.span, quote.span)) {
                name_spans.push(Span {
                    start: m.span.start - quote.span.start,
                    end: m.span.end - quote.span.start,
                });
                if names.len() >= MAX_QUOTE_ANCHORS {
                    break;
                }
                if m.kind != EntityType::Misc
                    && let Some((key, _)) = name_key(&m.base, m.kind == EntityType::Person)
                    && !names.contains(&key)
                {
                    names.push(key);
                }
            }
            let mut numbers: Vec<f32> = Vec::new();
            for f in facts.figures.iter().filter(|f| inside(f.span, quote.span)) {
                let value = f.value as f32;
                if numbers.len() < MAX_QUOTE_ANCHORS
                    && value.is_finite()
                    && !numbers.contains(&value)
                {
                    numbers.push(value);
                }
            }
            let (concepts, concept_words) = concept_keys(words, &name_spans, &facts.doc.lang.code);
            QuoteDigest {
                span: quote.span,
                text: capped(words, MAX_QUOTE_TEXT).to_owned(),
                speaker_key: quote
                    .speaker
                    .as_deref()
                    .and_then(|s| name_key(s, true))
                    .map(|k| k.0),
                speaker_span: quote.speaker_span,
                chars: words.chars().count().min(usize::from(u16::MAX)) as u16,
                position: (u64::from(quote.span.start) * 255 / length).min(255) as u8,
                names,
                numbers,
                words: word_keys(words, &name_spans),
                concepts,
                concept_words,
                partial: quote.partial,
            }
        })
        .collect()
}

/// How many of the smaller set's members the larger holds, over the smaller's size: a fragment
/// quoted in one article and the whole statement in another (0 below three members).
fn containment<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() < 3 {
        return 0.0;
    }
    small.iter().filter(|x| large.contains(x)).count() as f32 / small.len() as f32
}

/// A quote's text with case and the typography of apostrophes and quote marks folded ("he's",
/// "he’s").
fn folded(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '´' | 'ʼ' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two quotes are the same text (folded), long enough not to be a title.
fn identical(a: &QuoteDigest, b: &QuoteDigest) -> bool {
    a.chars >= STRONG_CHARS && a.chars == b.chars && folded(&a.text) == folded(&b.text)
}

/// The fewest characters a quoted fragment needs to be taken for part of a longer quotation.
const FRAGMENT_CHARS: u16 = 20;

/// Whether one quote is word for word the other or a part of it (folded): "neue strategische
/// Waffe" inside "Die Welt wird eine neue strategische Waffe erleben".
fn verbatim(a: &QuoteDigest, b: &QuoteDigest) -> bool {
    let (short, long) = if a.chars <= b.chars { (a, b) } else { (b, a) };
    if identical(a, b) {
        return true;
    }
    // A capped text holds only the start of a long quotation.
    let whole = usize::from(short.chars) == short.text.chars().count();
    short.chars >= FRAGMENT_CHARS
        && whole
        && folded(&long.text).contains(folded(&short.text).trim_end_matches(['.', ',', '!', '?']))
}

/// Whether two quotes share most of their words: enough to join them without a speaker.
pub fn same_words(a: &Placed<'_>, b: &Placed<'_>) -> bool {
    shares_words(a, b, STRONG_WORDS)
}

/// Whether two quotes are identical or share at least `min` of their words (Dice, or
/// containment of the smaller; in two languages, also their words' meanings), each long enough
/// not to be a title.
fn shares_words(a: &Placed<'_>, b: &Placed<'_>, min: f32) -> bool {
    let (qa, qb) = (a.quote, b.quote);
    if identical(qa, qb) {
        return true;
    }
    let cognates = qa.words.len().min(qb.words.len()) >= STRONG_KEYS
        && dice(&qa.words, &qb.words).max(containment(&qa.words, &qb.words)) >= min;
    let meanings = a.lang != b.lang && concept_share(qa, qb) >= min;
    (cognates || meanings) && qa.chars.min(qb.chars) >= STRONG_CHARS
}

/// Dice overlap of two small sets (0 when either is empty).
fn dice<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|x| b.contains(x)).count();
    2.0 * shared as f32 / (a.len() + b.len()) as f32
}

/// Who said a quote, as far as the corpus tells: the speaker entity and the speaker's name key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Who {
    /// The speaker entity (index into the entity list).
    pub entity: Option<u32>,
    /// The name key of the speaker as extract named them.
    pub key: Option<u32>,
}

/// Whether two speakers are known to be one person (`Some(true)`), known to be two
/// (`Some(false)`), or not known (`None`). One entity, or one name key (the surname, within one
/// story: "But Grassley" and "Chuck Grassley" where the tagger took a word too many), is one person.
/// Two people are known only when both are entities: a speaker no mention of the corpus names is
/// as often a word extract took for one ("Anunciaremos", "Pytany") as a person.
pub fn same_speaker(a: Who, b: Who) -> Option<bool> {
    let entity = matches!((a.entity, b.entity), (Some(x), Some(y)) if x == y);
    let key = matches!((a.key, b.key), (Some(x), Some(y)) if x == y);
    if entity || key {
        return Some(true);
    }
    (a.entity.is_some() && b.entity.is_some()).then_some(false)
}

/// The entity a speaker is, when known.
fn entity_of(entities: &[Entity], w: Who) -> Option<&Entity> {
    w.entity.and_then(|e| entities.get(e as usize))
}

/// Whether a speaker is a person (`None`: no entity).
fn is_person(entities: &[Entity], w: Who) -> Option<bool> {
    entity_of(entities, w).map(|e| e.kind == EntityType::Person)
}

/// Whether two speaker entities' names can be one person's: every word of the shorter name is
/// a word of the longer, after transliteration and case folding ("Kim", "Kim Jong" and "Kim
/// Jong-un"; "Jennifer L" and "Jennifer L. Keller": the tagger cut or split the name).
fn compatible_names(a: &str, b: &str) -> bool {
    fn words(name: &str) -> Vec<&str> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    }
    let (a, b) = (latin(a), latin(b));
    let (a, b) = (words(&a), words(&b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

/// [`same_speaker`], with two entities whose names are compatible ([`compatible_names`]) taken
/// for one person (candidates are of one topic).
fn same_person(entities: &[Entity], a: Who, b: Who) -> Option<bool> {
    match same_speaker(a, b) {
        Some(false) => match (entity_of(entities, a), entity_of(entities, b)) {
            (Some(x), Some(y)) if compatible_names(&x.name, &y.name) => Some(true),
            _ => Some(false),
        },
        known => known,
    }
}

/// The speaker of two groups joined: the entity mentioned most (the lower index), the key of
/// either.
fn joined(a: Who, b: Who) -> Who {
    let entity = match (a.entity, b.entity) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    Who {
        entity,
        key: a.key.or(b.key),
    }
}

/// One quote at finish: its digest with what the corpus says about it.
#[derive(Clone, Debug)]
pub struct Placed<'a> {
    /// The document index in the analysis.
    pub doc: u32,
    /// The digest.
    pub quote: &'a QuoteDigest,
    /// Its document's language.
    pub lang: &'a str,
    /// Who said it.
    pub speaker: Who,
    /// The entities mentioned inside the quote, sorted.
    pub entities: Vec<u32>,
}

/// How well two quotes align as one statement: 0 (nothing in common) to about 1.5. `copies` says
/// whether their documents are copies or translations of one another.
pub fn align(a: &Placed<'_>, b: &Placed<'_>, copies: bool) -> f32 {
    let (qa, qb) = (a.quote, b.quote);
    let mut words = dice(&qa.words, &qb.words).max(0.85 * containment(&qa.words, &qb.words));
    if a.lang != b.lang {
        words = words.max(concept_share(qa, qb));
    }
    let names = dice(&qa.names, &qb.names).max(dice(&a.entities, &b.entities));
    let numbers = match (qa.numbers.is_empty(), qb.numbers.is_empty()) {
        (false, false) => {
            let shared = qa.numbers.iter().any(|x| {
                qb.numbers
                    .iter()
                    .any(|y| (x - y).abs() <= 0.01 * x.abs().max(1.0))
            });
            if shared { 0.25 } else { -0.3 }
        }
        _ => 0.0,
    };
    let (la, lb) = (f32::from(qa.chars.max(1)), f32::from(qb.chars.max(1)));
    let ratio = la.min(lb) / la.max(lb);
    let mut score = 0.6 * words + 0.25 * names + 0.15 * ratio + numbers;
    if copies {
        let apart = f32::from(qa.position.abs_diff(qb.position)) / 255.0;
        score += 0.25 * (1.0 - apart / 0.1).max(0.0);
    }
    if identical(qa, qb) {
        score = score.max(1.0);
    }
    score
}

/// Document indices by copy group: documents that are exact or near copies or translations of
/// one another share a group number; others have their own.
fn copy_groups(analysis: &Analysis) -> Vec<u32> {
    let mut uf = UnionFind::new(analysis.docs.len());
    for group in analysis
        .exact
        .iter()
        .chain(&analysis.near)
        .chain(&analysis.translations)
    {
        for pair in group.windows(2) {
            uf.union(pair[0], pair[1]);
        }
    }
    (0..analysis.docs.len() as u32)
        .map(|d| uf.find(d))
        .collect()
}

/// Each entity mention as (document index, start, end, entity index), sorted.
fn mention_index(analysis: &Analysis, entities: &[Entity]) -> Vec<(u32, u32, u32, u32)> {
    let mut index = Vec::new();
    for (e, entity) in entities.iter().enumerate() {
        // An entity's mentions are sorted by document: look each document up once.
        let mut last: Option<(DocId, Option<u32>)> = None;
        for m in &entity.mentions {
            let d = match last {
                Some((id, d)) if id == m.doc => d,
                _ => doc_index(analysis, m.doc),
            };
            last = Some((m.doc, d));
            if let Some(d) = d {
                index.push((d, m.span.start, m.span.end, e as u32));
            }
        }
    }
    index.sort_unstable();
    index
}

fn doc_index(analysis: &Analysis, id: DocId) -> Option<u32> {
    analysis
        .docs
        .binary_search_by_key(&id, |d| d.id)
        .ok()
        .map(|i| i as u32)
}

/// The mentions of one document.
fn of_doc(index: &[(u32, u32, u32, u32)], doc: u32) -> &[(u32, u32, u32, u32)] {
    let lo = index.partition_point(|m| m.0 < doc);
    let hi = index.partition_point(|m| m.0 <= doc);
    &index[lo..hi]
}

/// The people a document names, as (name key, entity index), for speakers named without a span.
fn people(digest: &DocDigest, mentions: &[(u32, u32, u32, u32)]) -> Vec<(u32, u32)> {
    digest
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .filter_map(|m| {
            let (key, _) = name_key(&m.base_form(), true)?;
            let start = m.spans().next()?.start;
            let entity = mentions.iter().find(|x| x.1 == start)?.3;
            Some((key, entity))
        })
        .collect()
}

/// The speaker entity of a quote: the entity mentioned at the speaker's span, else the person of
/// the document whose name key is the speaker's (`people`, computed once per document when
/// needed).
fn speaker(
    digest: &DocDigest,
    mentions: &[(u32, u32, u32, u32)],
    people_of: &mut Option<Vec<(u32, u32)>>,
    q: &QuoteDigest,
) -> Option<u32> {
    if let Some(span) = q.speaker_span
        && let Some(m) = mentions.iter().find(|m| m.1 < span.end && span.start < m.2)
    {
        return Some(m.3);
    }
    let key = q.speaker_key?;
    people_of
        .get_or_insert_with(|| people(digest, mentions))
        .iter()
        .find(|p| p.0 == key)
        .map(|p| p.1)
}

/// Pushes the candidate pairs of one list of quote indices (all pairs when short, else each with
/// its next neighbours).
fn push_pairs(members: &[u32], placed: &[Placed<'_>], pairs: &mut Vec<(u32, u32)>) {
    let window = if members.len() <= BLOCK_MAX {
        members.len()
    } else {
        WINDOW
    };
    for (k, &x) in members.iter().enumerate() {
        for &y in members.iter().skip(k + 1).take(window) {
            if placed[x as usize].doc != placed[y as usize].doc {
                pairs.push((x.min(y), x.max(y)));
            }
        }
    }
}

/// The quotes of every document with their speakers and the entities inside them.
fn place<'a>(analysis: &'a Analysis, entities: &[Entity]) -> Vec<Placed<'a>> {
    let index = mention_index(analysis, entities);
    let mut placed: Vec<Placed<'a>> = Vec::new();
    for (d, digest) in analysis.docs.iter().enumerate() {
        let mentions = of_doc(&index, d as u32);
        let mut people_of = None;
        for quote in &digest.quoted {
            let mut inner: Vec<u32> = mentions
                .iter()
                .filter(|m| m.1 >= quote.span.start && m.2 <= quote.span.end)
                .map(|m| m.3)
                .collect();
            inner.sort_unstable();
            inner.dedup();
            placed.push(Placed {
                doc: d as u32,
                quote,
                lang: &digest.lang,
                speaker: Who {
                    entity: speaker(digest, mentions, &mut people_of, quote),
                    key: quote.speaker_key,
                },
                entities: inner,
            });
        }
    }
    placed
}

/// Candidate pairs (indices into `placed`, smaller first, sorted, unique): within one topic, one
/// speaker entity or name key, one copy group, one long word or one whole text.
fn candidates(placed: &[Placed<'_>], topic_of: &[u32], copy_of: &[u32]) -> Vec<(u32, u32)> {
    let mut keyed: Vec<((u8, u32, u64), u32)> = Vec::new();
    for (k, p) in placed.iter().enumerate() {
        let topic = topic_of[p.doc as usize];
        let mut push = |kind: u8, key: u64| keyed.push(((kind, topic, key), k as u32));
        if let Some(s) = p.speaker.entity {
            push(0, u64::from(s));
        }
        if let Some(key) = p.speaker.key {
            push(1, u64::from(key));
        }
        push(2, u64::from(copy_of[p.doc as usize]));
        for &word in &p.quote.words {
            push(3, u64::from(word));
        }
        for &concept in &p.quote.concepts {
            push(5, u64::from(concept));
        }
        if p.quote.chars >= STRONG_CHARS {
            let text = p.quote.text.to_lowercase();
            push(4, xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
        }
    }
    keyed.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        members.clear();
        members.extend(run.iter().map(|x| x.1));
        push_pairs(&members, placed, &mut pairs);
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A candidate pair with its alignment, and whether it may join though its speakers are two
/// people ([`overrules`]).
type Scored = (f32, u32, u32, bool);

/// Whether a pair's content says more than its two different speakers:
/// - the same long words: one attribution is wrong (a predecessor named before "the president
///   said");
/// - in a copy or translation pair, a person against a speaker of another type: the other is
///   more often a word extract took for the speaker ("ha detto all'Herald": told the Herald).
///
/// `words` is [`same_words`] of the pair.
fn overrules(
    entities: &[Entity],
    a: &Placed<'_>,
    b: &Placed<'_>,
    copies: bool,
    words: bool,
) -> bool {
    let one_person = matches!(
        (
            is_person(entities, a.speaker),
            is_person(entities, b.speaker)
        ),
        (Some(true), Some(false)) | (Some(false), Some(true))
    );
    words || (copies && one_person)
}

/// The candidate pairs that may be one statement, with their alignment, best first (then by
/// the pair).
fn score(
    placed: &[Placed<'_>],
    entities: &[Entity],
    pairs: Vec<(u32, u32)>,
    copy_of: &[u32],
    story_of: &[u32],
    when: &[DateKnowledge],
) -> Vec<Scored> {
    let mut scored: Vec<Scored> = Vec::new();
    for (x, y) in pairs {
        let (a, b) = (&placed[x as usize], &placed[y as usize]);
        let copies = copy_of[a.doc as usize] == copy_of[b.doc as usize];
        let one = a.speaker.entity.is_some() || b.speaker.entity.is_some();
        let score = align(a, b, copies);
        let words = same_words(a, b);
        let overruled = match same_person(entities, a.speaker, b.speaker) {
            Some(true) => false,
            Some(false) if overrules(entities, a, b, copies, words) => true,
            Some(false) => continue,
            // An unknown speaker needs the same words, a copy or translation with one speaker
            // known, or content that aligns in everything.
            None if words || (copies && one) || score >= STRONG_ALIGN => false,
            None => continue,
        };
        // Across two stories of a topic published more than a few days apart, a statement must
        // be quoted word for word (whole or in part), with nearly all its words, or align in
        // everything: a speaker repeats a formula months later ("support for Ukraine's
        // sovereignty and territorial integrity") in another statement.
        let one_story = story_of[a.doc as usize] == story_of[b.doc as usize];
        let min = if one_story
            || days_apart(when, a.doc, b.doc).is_some_and(|d| d <= SAME_STATEMENT_DAYS)
            || shares_words(a, b, ACROSS_STORIES_WORDS)
            || verbatim(a.quote, b.quote)
        {
            JOIN_MIN
        } else {
            STRONG_ALIGN
        };
        if score >= min {
            scored.push((score, x, y, overruled));
        }
    }
    scored.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    scored
}

/// The one speaker most members name, persons before other kinds of speaker; `None` on a tie
/// (two people, one rendering each: the same words from two speakers stay apart).
fn voted(placed: &[Placed<'_>], entities: &[Entity], members: &[u32]) -> Option<Who> {
    let mut named: Vec<Who> = members
        .iter()
        .map(|&k| placed[k as usize].speaker)
        .filter(|w| w.entity.is_some())
        .collect();
    named.sort_by_key(|w| w.entity);
    let mut votes: Vec<((usize, bool), Who)> = named
        .chunk_by(|a, b| a.entity == b.entity)
        .map(|run| {
            (
                (run.len(), is_person(entities, run[0]) == Some(true)),
                run[0],
            )
        })
        .collect();
    votes.sort_by_key(|v| std::cmp::Reverse(v.0));
    match votes.as_slice() {
        [] => Some(Who::default()),
        [(_, only)] => Some(*only),
        [(first, w), (second, _), ..] => (first > second).then_some(*w),
    }
}

/// Groups of quotes: one rendering per document, one speaker per group. Pairs join best first
/// among agreeing speakers; then the pairs whose content overrules two different speakers
/// ([`overrules`]) join when the merged group still has one speaker by vote ([`voted`]). Each
/// group with its speaker.
fn group(placed: &[Placed<'_>], entities: &[Entity], scored: &[Scored]) -> Vec<(Vec<u32>, Who)> {
    let mut uf = UnionFind::new(placed.len());
    let mut members: Vec<Vec<u32>> = (0..placed.len() as u32).map(|k| vec![k]).collect();
    let mut who: Vec<Who> = placed.iter().map(|p| p.speaker).collect();
    let one_document = |a: &[u32], b: &[u32]| {
        a.iter().any(|&x| {
            b.iter()
                .any(|&y| placed[x as usize].doc == placed[y as usize].doc)
        })
    };
    for overruling in [false, true] {
        for &(_, x, y, overruled) in scored {
            if overruling && !overruled {
                continue;
            }
            let (rx, ry) = (uf.find(x) as usize, uf.find(y) as usize);
            if rx == ry || one_document(&members[rx], &members[ry]) {
                continue;
            }
            let (sx, sy) = (who[rx], who[ry]);
            let speaker = match same_person(entities, sx, sy) {
                Some(false) if overruling => {
                    let all: Vec<u32> = members[rx].iter().chain(&members[ry]).copied().collect();
                    match voted(placed, entities, &all) {
                        Some(w) => w,
                        None => continue,
                    }
                }
                Some(false) => continue,
                _ => joined(sx, sy),
            };
            let mut merged = std::mem::take(&mut members[rx]);
            merged.append(&mut members[ry]);
            let root = uf.union(rx as u32, ry as u32) as usize;
            members[root] = merged;
            who[root] = speaker;
        }
    }
    uf.components(2)
        .into_iter()
        .map(|group| {
            let speaker = who[uf.find(group[0]) as usize];
            (group, speaker)
        })
        .collect()
}

/// The shared quotes of the corpus, most renderings first, then by id.
pub fn shared_quotes(
    analysis: &Analysis,
    stories: &[Story],
    entities: &[Entity],
) -> Vec<SharedQuote> {
    let copy_of = copy_groups(analysis);
    let placed = place(analysis, entities);
    let topics = crate::topics::topics(analysis, stories);
    let story_id = |doc: u32| {
        stories
            .get(topics.story_of[doc as usize] as usize)
            .map(|s| s.id)
    };
    let pairs = candidates(&placed, &topics.topic_of, &copy_of);
    let scored = score(
        &placed,
        entities,
        pairs,
        &copy_of,
        &topics.story_of,
        &analysis.when,
    );
    let mut out: Vec<SharedQuote> = group(&placed, entities, &scored)
        .into_iter()
        .map(|(members, speaker)| {
            let mut members: Vec<&Placed<'_>> =
                members.iter().map(|&k| &placed[k as usize]).collect();
            members.sort_by_key(|p| (analysis.docs[p.doc as usize].id, p.quote.span.start));
            let first = members[0];
            let mut key = analysis.docs[first.doc as usize]
                .id
                .0
                .to_le_bytes()
                .to_vec();
            key.extend_from_slice(&first.quote.span.start.to_le_bytes());
            SharedQuote {
                id: QuoteId::of(&key),
                speaker: speaker
                    .entity
                    .and_then(|s| entities.get(s as usize))
                    .map(|e| e.id),
                story: story_id(first.doc),
                renderings: members
                    .iter()
                    .map(|p| {
                        let digest = &analysis.docs[p.doc as usize];
                        Rendering {
                            doc: digest.id,
                            lang: digest.lang.clone(),
                            span: p.quote.span,
                            text: p.quote.text.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.renderings
            .len()
            .cmp(&x.renderings.len())
            .then(x.id.cmp(&y.id))
    });
    out
}

#[cfg(test)]
#[path = "quotes_tests.rs"]
mod tests;
