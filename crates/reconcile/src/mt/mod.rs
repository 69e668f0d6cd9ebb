//! Machine-translation damage: places where a translation says something its other rendering
//! (or its story) shows to be a translation error, with the evidence and a proposed repair.
//!
//! Each document keeps a small [`MtDigest`](concord_model::MtDigest) ([`digest`]): its figures as
//! written and the lowercase words right next to its names. At finish, [`find`] compares the two
//! sides of every translation pair and near copy (the members of each copy group), aligning
//! anchors by what they are and where they stand (relative position within [`TOLERANCE`] of the
//! text's length), and flags aligned anchors that disagree:
//! 1. **Name as a common word**: one side writes a person's name ("Antony Blinken", or "Antony
//!    blinken" where the corpus knows a person "Antony Blinken"), the other the word before the
//!    surname and then a different lowercase word ("Antony berkedip": the surname translated as
//!    the verb "to blink"). Repair: the last two words of the full name.
//! 2. **Lost magnitude**: aligned figures whose values differ by exactly a thousand, a million or
//!    a billion, neither side having the other's value there ("100 ribu" = 100,000 against "100
//!    Einheiten"); the smaller lost its magnitude word. Repair: the full value as a plain number.
//! 3. **Damage in both renderings** (needs the story): a lowercase word next to a person's name
//!    that means what an acronym of the story means when read as a word of another language
//!    ("der geboren Jens Stoltemberg": German "geboren" is "born", and "NATO" read as Italian is
//!    "nato", born), where that entity is named in the document itself and in another member of
//!    its story. Only acronyms are read so: a proper noun that is a common word ("Democratic") is
//!    mostly translated as one on purpose. The bilingual [`Lexicon`] gives the meanings, with the
//!    irregular participles it lacks (`extra`). The same slot of the document's translation
//!    partners is then damaged too, whatever its language ("yg dibawa lahir Jens Stoltemberg").
//!    Repair: the acronym as written.
//!
//! Everything is a function of the sorted digests, stories, copy groups and entities, so the
//! result is deterministic; it is sorted by document and span.

mod digest;
mod extra;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use concord_model::{
    CopyGroup, CopyKind, DocDigest, DocId, Entity, EntityType, MentionDigest, MtDamage, NameSide,
    Span, SpanRef, SpanText, Story, Variant,
};

use crate::analysis::Analysis;
use crate::similarity::{Lexicon, pivot_of};

pub use digest::digest;

/// How far apart (as a share of each text's length) two anchors may stand and still be aligned.
pub const TOLERANCE: f32 = 0.15;
/// Bytes two aligned anchors may stand apart whatever the texts' lengths.
pub const SLACK: u32 = 48;
/// Members of a copy group compared pairwise (the first in id order).
const MAX_GROUP: usize = 12;
/// Evidence items kept per damage.
const MAX_EVIDENCE: usize = 4;
/// The languages the lexicon covers.
const LEXICON_LANGS: [&str; 9] = ["ar", "de", "en", "es", "fr", "it", "pl", "ru", "tr"];

/// A word or name folded for comparison: transliterated, lowercase, letters and single spaces.
pub fn fold_word(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether two names are spellings of one (folded alike, or the same consonant skeleton:
/// "Antony" and "Антони").
fn same_name(a: &str, b: &str) -> bool {
    Folded::of(a).same(&Folded::of(b))
}

/// A word folded once for [`same_name`]: its [`fold_word`] and the hash of its name key.
struct Folded {
    text: String,
    key: Option<u32>,
}

impl Folded {
    fn of(word: &str) -> Folded {
        Folded {
            text: fold_word(word),
            key: crate::fold::name_key(word, false).map(|k| k.0),
        }
    }

    /// [`same_name`] of the two words.
    fn same(&self, other: &Folded) -> bool {
        let (short, long) = if self.text.len() <= other.text.len() {
            (&self.text, &other.text)
        } else {
            (&other.text, &self.text)
        };
        // One inflected ("Rafał", "Rafałem"): a prefix of four letters or more, at most three
        // more.
        let inflected =
            short.len() >= 4 && long.starts_with(short.as_str()) && long.len() - short.len() <= 3;
        self.text == other.text
            || inflected
            || matches!((self.key, other.key), (Some(x), Some(y)) if x == y)
    }
}

/// The words of each of a document's mentions (split at spaces), folded: built once per document
/// and direction, not once per name compared with them.
fn mention_words(doc: &DocDigest) -> Vec<Vec<Folded>> {
    doc.mentions
        .iter()
        .map(|m| m.surface.split(' ').map(Folded::of).collect())
        .collect()
}

/// What the corpus knows of a document while damage is looked for.
struct Docs<'a> {
    docs: &'a [DocDigest],
}

impl<'a> Docs<'a> {
    fn get(&self, id: DocId) -> Option<&'a DocDigest> {
        self.docs
            .binary_search_by(|d| d.id.cmp(&id))
            .ok()
            .map(|at| &self.docs[at])
    }

    /// The surface of the mention starting at `start` in `doc`.
    fn surface_at(&self, doc: &'a DocDigest, start: u32) -> Option<&'a str> {
        doc.mentions
            .iter()
            .find(|m| m.spans().any(|s| s.start == start))
            .map(|m| m.surface.as_str())
    }

    /// The text of a side's name: the part of the mention that holds it (a side may name the
    /// head or the tail of a run-on mention).
    fn name_of(&self, doc: &'a DocDigest, side: &'a NameSide) -> Option<&'a str> {
        if let Some(name) = &side.untagged {
            return Some(name);
        }
        let (start, end) = (side.name.start, side.name.end);
        doc.mentions.iter().find_map(|m| {
            let s = m.spans().find(|s| s.start <= start && end <= s.end)?;
            m.surface
                .get((start - s.start) as usize..(end - s.start) as usize)
        })
    }

    /// The evidence of one mention.
    fn mention(&self, at: SpanRef) -> Option<SpanText> {
        let doc = self.get(at.doc)?;
        let text = self.surface_at(doc, at.span.start)?;
        Some(SpanText {
            doc: at.doc,
            span: at.span,
            text: text.to_owned(),
        })
    }
}

/// Where an offset stands in a document, as a share of its length.
fn rel(doc: &DocDigest, offset: u32) -> f32 {
    offset as f32 / doc.text_len.max(1) as f32
}

/// Whether two places of two texts are aligned: within [`TOLERANCE`] of their lengths, or
/// [`SLACK`] bytes (short texts).
fn aligned(a: &DocDigest, at: u32, b: &DocDigest, bt: u32) -> bool {
    (rel(a, at) - rel(b, bt)).abs() <= TOLERANCE || at.abs_diff(bt) <= SLACK
}

/// A several-word name the corpus knows, folded, with one mention as evidence.
struct FullName {
    text: String,
    evidence: Option<SpanText>,
}

/// The corpus's several-word person names, indexed by their folded last word: rule 1 looks a
/// surname up once per name side, so a pair costs the same however many names the corpus knows.
struct FullNames {
    names: Vec<FullName>,
    /// Folded last word → indices into `names`, in order.
    by_surname: HashMap<String, Vec<usize>>,
}

impl FullNames {
    fn new(names: Vec<FullName>) -> FullNames {
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            if let Some((_, _, y, _)) = last_two(&name.text) {
                by_surname.entry(fold_word(y)).or_default().push(i);
            }
        }
        FullNames { names, by_surname }
    }

    /// The first name (in corpus order) whose folded surname is `surname` and whose word before
    /// it is a spelling of `first`: its last two words and the name.
    fn find(&self, surname: &str, first: &str) -> Option<(String, &FullName)> {
        self.by_surname.get(surname)?.iter().find_map(|&i| {
            let f = &self.names[i];
            let (_, x, _, two) = last_two(&f.text)?;
            same_name(x, first).then(|| (two.to_owned(), f))
        })
    }
}

fn full_names(docs: &Docs<'_>, entities: &[Entity]) -> FullNames {
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityType::Person) {
        let wanted: Vec<&Variant> = e
            .variants
            .iter()
            .filter(|v| fold_word(&v.text).contains(' ') && !v.repaired && !v.mixed_script)
            .collect();
        if wanted.is_empty() {
            continue;
        }
        // Each written form's first mention, in one pass over the mentions: an entity of a
        // large corpus has thousands of variants and mentions, and a search per variant made
        // this quadratic.
        let texts: std::collections::HashSet<&str> =
            wanted.iter().map(|v| v.text.as_str()).collect();
        let mut first: HashMap<String, SpanText> = HashMap::new();
        for m in &e.mentions {
            if first.len() == texts.len() {
                break;
            }
            if let Some(found) = docs.mention(*m)
                && texts.contains(found.text.as_str())
            {
                first.entry(found.text.clone()).or_insert(found);
            }
        }
        for v in wanted {
            out.push(FullName {
                text: v.text.clone(),
                evidence: first.get(&v.text).cloned(),
            });
        }
    }
    FullNames::new(out)
}

/// The last two words of a name ("Antony Blinken" of "Secretary Antony Blinken"), with the byte
/// offset of the first of them.
fn last_two(name: &str) -> Option<(usize, &str, &str, &str)> {
    let (head, y) = name.rsplit_once(' ')?;
    let x = head.rsplit(' ').next()?;
    let at = head.len() - x.len();
    Some((at, x, y, &name[at..]))
}

/// Rule 1 in one direction: names of `b` followed by a lowercase word where `a`, at the same
/// place, has the same name followed by a surname ("Antony berkedip" against "Antony Blinken").
/// Of `a`'s occurrences of the name, the closest decides: a bare one ("Kumud adds" against
/// "Kumud aggiunge") means both sides wrote the name alone.
fn name_damage(
    docs: &Docs<'_>,
    (a, a_words): (&DocDigest, &[Vec<Folded>]),
    b: &DocDigest,
    full: &FullNames,
) -> Vec<MtDamage> {
    let lexicon = Lexicon::builtin();
    let common = |w: &str| {
        let w = w.to_lowercase();
        lexicon.frequency(&a.lang, &w) > 0 || lexicon.frequency(&b.lang, &w) > 0
    };
    let mut out = Vec::new();
    for sb in b.mt.sides.iter().filter(|s| s.after) {
        let Some(name) = docs.name_of(b, sb) else {
            continue;
        };
        // The word before the missing surname, and where it stands.
        let xb = name.rsplit(' ').next().unwrap_or(name);
        let probe = Folded::of(xb);
        let pb = sb.name.start + (name.len() - xb.len()) as u32;
        let gap = |pa: u32| (rel(a, pa) - rel(b, pb)).abs();
        // The closest occurrence of the name in `a`: (distance, surname folded, full name,
        // evidence) with an empty surname for a bare occurrence.
        let mut best: Option<(f32, u32, String, String, Vec<SpanText>)> = None;
        let mut consider = |pa: u32, d: f32, found: (String, String, Vec<SpanText>)| {
            if best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, pa, found.0, found.1, found.2));
            }
        };
        for (m, folded) in a.mentions.iter().zip(a_words) {
            let words: Vec<&str> = m.surface.split(' ').collect();
            let mut offset = 0;
            for (k, (w, f)) in words.iter().zip(folded).enumerate() {
                if f.same(&probe) {
                    let found = match surname_after(m, &a.lang, &words, k, f.text == probe.text) {
                        Some(Some(y)) => (fold_word(y), format!("{w} {y}"), Vec::new()),
                        Some(None) => (String::new(), String::new(), Vec::new()),
                        None => {
                            offset += w.len() + 1;
                            continue;
                        }
                    };
                    for s in m.spans() {
                        let mut found = found.clone();
                        if !found.0.is_empty() {
                            found.2.push(SpanText {
                                doc: a.id,
                                span: s,
                                text: m.surface.clone(),
                            });
                        }
                        let pa = s.start + offset as u32;
                        consider(pa, gap(pa), found);
                    }
                }
                offset += w.len() + 1;
            }
        }
        for sa in a.mt.sides.iter().filter(|s| s.after) {
            let Some(name_a) = docs.name_of(a, sa) else {
                continue;
            };
            let xa = name_a.rsplit(' ').next().unwrap_or(name_a);
            let pa = sa.name.start + (name_a.len() - xa.len()) as u32;
            if !Folded::of(xa).same(&probe) {
                continue;
            }
            let word = fold_word(&sa.text);
            let known = if common(&word) {
                None
            } else {
                full.find(&word, xb)
            };
            if known.is_none() && sa.untagged.is_some() {
                // A name the tagger left out, followed by a lowercase word: a bare occurrence
                // ("Kumud aggiunge" against "Kumud adds").
                consider(pa, gap(pa), (String::new(), String::new(), Vec::new()));
            }
            if let Some((two, f)) = known {
                let mut evidence = vec![SpanText {
                    doc: a.id,
                    span: Span {
                        start: pa,
                        end: sa.word.end,
                    },
                    text: format!("{xa} {}", sa.text),
                }];
                evidence.extend(f.evidence.clone());
                consider(pa, gap(pa) - 1e-6, (word, two, evidence));
            }
        }
        let Some((_, pa, next, repair, evidence)) = best else {
            continue;
        };
        if next.is_empty() || !aligned(a, pa, b, pb) {
            continue;
        }
        // The surname as written, or inflected, is no damage.
        if same_name(&sb.text, &next) || fold_word(&sb.text).starts_with(&next) {
            continue;
        }
        let names_it = b.mentions.iter().any(|m| {
            m.surface
                .rsplit(' ')
                .next()
                .is_some_and(|last| same_name(last, &next))
                && m.spans().any(|s| s.start.abs_diff(pb) <= 16)
        });
        if names_it {
            continue;
        }
        out.push(MtDamage {
            doc: b.id,
            span: Span {
                start: pb,
                end: sb.word.end,
            },
            text: format!("{xb} {}", sb.text),
            evidence,
            repair,
        });
    }
    out
}

/// What a mention says of the name word `words[k]`: `Some(Some(surname))` when a surname
/// follows it, `Some(None)` when it stands alone (a bare occurrence), `None` when the mention
/// cannot tell. A surname is the last word of a person's name of two or three words, or of any
/// other mention (the tagger's type and bounds are often wrong: "KZN Health Head of Department
/// Dr Sandile Tshabalala" as an organisation) when the lexicon does not know it as a word and the
/// name word is spelt as the other side spells it (`exact`: "Rosas" against "Rose Parade" is a
/// translated name, not a damaged one).
fn surname_after<'w>(
    m: &MentionDigest,
    lang: &str,
    words: &[&'w str],
    k: usize,
    exact: bool,
) -> Option<Option<&'w str>> {
    let Some(&y) = words.get(k + 1).filter(|y| is_surname(y)) else {
        return Some(None);
    };
    if k + 2 != words.len() {
        return Some(None);
    }
    let lexicon = Lexicon::builtin();
    let lower = y.to_lowercase();
    if lexicon.is_function_word(lang, &lower) {
        // "Ray Las" tagged as a person: "Las" starts the next sentence.
        return Some(None);
    }
    if m.kind == EntityType::Person && words.len() <= digest::MAX_NAME_WORDS {
        return Some(Some(y));
    }
    (exact && lexicon.frequency(lang, &lower) == 0).then_some(Some(y))
}

/// A word that can be a surname: capitalised, two letters or more, no digits.
fn is_surname(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// Whether `big` is `small` times a thousand, a million or a billion.
fn lost_magnitude(big: f64, small: f64) -> bool {
    [1e3, 1e6, 1e9]
        .iter()
        .any(|k| (small * k - big).abs() < 0.5)
}

/// A value written as a plain number ("100000").
fn plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Rule 2 in one direction: figures of `b` that lost the magnitude `a` still has.
fn figure_damage(a: &DocDigest, b: &DocDigest) -> Vec<MtDamage> {
    let mut out = Vec::new();
    let has = |d: &DocDigest, value: f64, at: u32| {
        d.mt.figures
            .iter()
            .any(|f| f.value == value && aligned(d, f.span.start, b, at))
    };
    for fb in &b.mt.figures {
        let at = fb.span.start;
        let best =
            a.mt.figures
                .iter()
                .filter(|fa| lost_magnitude(fa.value, fb.value) && aligned(a, fa.span.start, b, at))
                .min_by(|x, y| {
                    let dx = (rel(a, x.span.start) - rel(b, at)).abs();
                    let dy = (rel(a, y.span.start) - rel(b, at)).abs();
                    dx.total_cmp(&dy).then(x.span.cmp(&y.span))
                });
        let Some(fa) = best else {
            continue;
        };
        if has(a, fb.value, at) || has(b, fa.value, at) {
            continue;
        }
        out.push(MtDamage {
            doc: b.id,
            span: fb.span,
            text: fb.text.clone(),
            evidence: vec![SpanText {
                doc: a.id,
                span: fa.span,
                text: fa.text.clone(),
            }],
            repair: plain(fa.value),
        });
    }
    out
}

/// The meanings (pivot concepts) of a lowercase word of `lang`.
fn meanings(lexicon: &Lexicon, lang: &str, word: &str) -> Vec<u32> {
    let mut out = lexicon.pivots(lang, word);
    out.extend(extra::pivots(lang, word).map(pivot_of));
    out.sort_unstable();
    out.dedup();
    out
}

/// An entity of a story whose name, read as a word, has meanings in some language.
struct WordName<'a> {
    entity: &'a Entity,
    form: String,
    /// The form as the documents write it (the repair).
    written: String,
    /// (language, meaning) of the name read as a word of that language.
    meanings: Vec<(&'static str, u32)>,
}

/// Rule 3: words next to names that mean what an entity of the story means read as a word.
fn story_damage(
    docs: &Docs<'_>,
    stories: &[Story],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Vec<MtDamage> {
    let mut story_of: BTreeMap<DocId, usize> = BTreeMap::new();
    for (k, s) in stories.iter().enumerate() {
        for d in &s.docs {
            story_of.insert(*d, k);
        }
    }
    // Entities named in two or more documents of one story, by story.
    let mut by_story: BTreeMap<usize, Vec<WordName<'_>>> = BTreeMap::new();
    for e in entities {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for d in &e.docs {
            if let Some(&s) = story_of.get(d) {
                *counts.entry(s).or_default() += 1;
            }
        }
        let forms = word_forms(e);
        for (s, n) in counts {
            if n < 2 {
                continue;
            }
            for (form, written) in &forms {
                let mut m = Vec::new();
                for lang in LEXICON_LANGS {
                    m.extend(meanings(lexicon, lang, form).into_iter().map(|p| (lang, p)));
                }
                if !m.is_empty() {
                    by_story.entry(s).or_default().push(WordName {
                        entity: e,
                        form: form.clone(),
                        written: written.clone(),
                        meanings: m,
                    });
                }
            }
        }
    }
    let mut out = Vec::new();
    for (&s, names) in &by_story {
        for &doc_id in &stories[s].docs {
            let Some(doc) = docs.get(doc_id) else {
                continue;
            };
            for side in &doc.mt.sides {
                let word = side.text.to_lowercase();
                let mine = meanings(lexicon, &doc.lang, &word);
                if mine.is_empty() {
                    continue;
                }
                let hit = names.iter().find(|n| {
                    n.form != fold_word(&word)
                        && n.entity.docs.binary_search(&doc_id).is_ok()
                        && !n
                            .entity
                            .mentions
                            .iter()
                            .any(|m| m.doc == doc_id && m.span.start == side.name.start)
                        && n.meanings
                            .iter()
                            .any(|(l, p)| *l != doc.lang && mine.binary_search(p).is_ok())
                });
                let Some(hit) = hit else {
                    continue;
                };
                out.push(MtDamage {
                    doc: doc_id,
                    span: side.word,
                    text: side.text.clone(),
                    evidence: entity_evidence(docs, hit.entity, doc_id, &stories[s]),
                    repair: hit.written.clone(),
                });
            }
        }
    }
    out
}

/// The one-word acronyms of an entity, folded (three letters or more), each with its most frequent
/// written form (variants are sorted most frequent first).
fn word_forms(e: &Entity) -> Vec<(String, String)> {
    let mut forms: Vec<(String, String)> = e
        .variants
        .iter()
        .filter(|v| !v.repaired)
        .map(|v| v.text.as_str())
        .chain(std::iter::once(e.name.as_str()))
        .map(|t| (fold_word(t), t.to_owned()))
        .filter(|(f, t)| !f.contains(' ') && f.chars().count() >= 3 && is_acronym(t))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    forms.retain(|(f, _)| {
        let new = !seen.contains(f);
        seen.push(f.clone());
        new
    });
    forms
}

/// An acronym ("NATO", "ONU"): every letter a capital. Only acronyms are read as words: a
/// proper noun that is also a common word ("Democratic", "Rice") is usually translated as one
/// on purpose.
fn is_acronym(text: &str) -> bool {
    text.chars().all(|c| c.is_uppercase()) && text.chars().any(char::is_alphabetic)
}

/// An entity's first mention in `doc`, then in up to two other members of its story.
fn entity_evidence(docs: &Docs<'_>, e: &Entity, doc: DocId, story: &Story) -> Vec<SpanText> {
    let mut out: Vec<SpanText> = Vec::new();
    let first_in = |d: DocId| e.mentions.iter().find(|m| m.doc == d).copied();
    if let Some(m) = first_in(doc).and_then(|m| docs.mention(m)) {
        out.push(m);
    }
    for &other in story.docs.iter().filter(|&&d| d != doc) {
        if out.len() >= 3 {
            break;
        }
        if let Some(m) = first_in(other).and_then(|m| docs.mention(m)) {
            out.push(m);
        }
    }
    out
}

/// Rule 3 carried over: the same slot of a flagged document's translation partner.
fn partner_damage(
    docs: &Docs<'_>,
    flagged: &MtDamage,
    a: &DocDigest,
    b: &DocDigest,
) -> Option<MtDamage> {
    let side = a.mt.sides.iter().find(|s| s.word == flagged.span)?;
    let name = docs.name_of(a, side)?;
    let key = crate::fold::name_key(name, true)?.0;
    let repair = fold_word(&flagged.repair);
    let other = b.mt.sides.iter().find(|s| {
        s.after == side.after
            && aligned(a, side.name.start, b, s.name.start)
            && fold_word(&s.text) != repair
            && docs
                .name_of(b, s)
                .and_then(|n| crate::fold::name_key(n, true))
                .is_some_and(|k| k.0 == key)
    })?;
    let mut evidence = vec![SpanText {
        doc: a.id,
        span: flagged.span,
        text: flagged.text.clone(),
    }];
    evidence.extend(flagged.evidence.iter().take(MAX_EVIDENCE - 1).cloned());
    Some(MtDamage {
        doc: b.id,
        span: other.word,
        text: other.text.clone(),
        evidence,
        repair: flagged.repair.clone(),
    })
}

/// The document pairs compared: the members of every near and translation copy group.
fn copy_pairs(copies: &[CopyGroup]) -> Vec<(DocId, DocId)> {
    let mut pairs = Vec::new();
    for g in copies.iter().filter(|g| g.kind != CopyKind::Exact) {
        let mut members = g.docs.clone();
        members.sort();
        members.truncate(MAX_GROUP);
        for (k, &x) in members.iter().enumerate() {
            for &y in &members[k + 1..] {
                pairs.push((x, y));
            }
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

/// Machine-translation damage in the translation pairs and near copies of `copies` and in the
/// stories, sorted by document and span.
pub fn find(
    analysis: &Analysis,
    stories: &[Story],
    copies: &[CopyGroup],
    entities: &[Entity],
) -> Vec<MtDamage> {
    find_in_pairs(analysis, stories, &copy_pairs(copies), entities)
}

/// [`find`] over given document pairs (each compared in both directions) instead of the copy
/// groups: for measuring on pairs known to be translations.
pub fn find_in_pairs(
    analysis: &Analysis,
    stories: &[Story],
    pairs: &[(DocId, DocId)],
    entities: &[Entity],
) -> Vec<MtDamage> {
    let docs = Docs {
        docs: &analysis.docs,
    };
    let full = full_names(&docs, entities);
    let mut out = Vec::new();
    let story_found = story_damage(&docs, stories, entities, Lexicon::builtin());
    let mut flagged_in: HashMap<DocId, Vec<&MtDamage>> = HashMap::new();
    for d in &story_found {
        flagged_in.entry(d.doc).or_default().push(d);
    }
    // Folded mention words of the documents compared so far (only those facing a side).
    let mut words: HashMap<DocId, Vec<Vec<Folded>>> = HashMap::new();
    for &(x, y) in pairs {
        let (Some(a), Some(b)) = (docs.get(x), docs.get(y)) else {
            continue;
        };
        for (a, b) in [(a, b), (b, a)] {
            let a_words: &[Vec<Folded>] = if b.mt.sides.iter().any(|s| s.after) {
                words.entry(a.id).or_insert_with(|| mention_words(a))
            } else {
                &[]
            };
            out.extend(name_damage(&docs, (a, a_words), b, &full));
            out.extend(figure_damage(a, b));
            for flagged in flagged_in.get(&a.id).into_iter().flatten() {
                out.extend(partner_damage(&docs, flagged, a, b));
            }
        }
    }
    out.extend(story_found);
    merge(out)
}

/// Sorts by (document, span) and merges the findings of one place (the first repair wins).
fn merge(mut found: Vec<MtDamage>) -> Vec<MtDamage> {
    found.sort_by(|x, y| {
        (x.doc, x.span, &x.repair, &x.evidence).cmp(&(y.doc, y.span, &y.repair, &y.evidence))
    });
    let mut out: Vec<MtDamage> = Vec::new();
    for d in found {
        match out.last_mut() {
            Some(last) if last.doc == d.doc && last.span == d.span => {
                for e in d.evidence {
                    if !last.evidence.contains(&e) && last.evidence.len() < MAX_EVIDENCE {
                        last.evidence.push(e);
                    }
                }
            }
            _ => out.push(d),
        }
    }
    for d in &mut out {
        d.evidence.truncate(MAX_EVIDENCE);
    }
    out
}

/// Makes every damaged name a mention of the entity its repair names (see
/// [`repair_entities_with_langs`]); the variants' language is `und`.
#[allow(clippy::ptr_arg)] // the signature agreed with the other parts of reconcile
pub fn repair_entities(entities: &mut Vec<Entity>, damage: &[MtDamage]) {
    repair_entities_with_langs(entities, damage, &[]);
}

/// Makes every damaged name (a damage whose repair is not a number) a mention of the entity its
/// repair names (by name or variant, folded; the most mentioned when several do), with the damaged
/// text as a variant marked `repaired` in the document's language (`langs`, sorted by document;
/// `und` when missing). Entities stay sorted (most mentioned first, then by id); ids do not change.
pub fn repair_entities_with_langs(
    entities: &mut [Entity],
    damage: &[MtDamage],
    langs: &[(DocId, &str)],
) {
    // Folded name or variant → the first entity (in order) that has it, built once: the lookup
    // per damage must not cost a pass over every entity.
    let mut index: HashMap<String, usize> = HashMap::new();
    let note = |index: &mut HashMap<String, usize>, key: String, at: usize| {
        index
            .entry(key)
            .and_modify(|i| *i = (*i).min(at))
            .or_insert(at);
    };
    for (at, e) in entities.iter().enumerate() {
        note(&mut index, fold_word(&e.name), at);
        for v in &e.variants {
            note(&mut index, fold_word(&v.text), at);
        }
    }
    for d in damage {
        if d.repair.parse::<f64>().is_ok() {
            continue;
        }
        let Some(&which) = index.get(&fold_word(&d.repair)) else {
            continue;
        };
        let e = &mut entities[which];
        let at = SpanRef {
            doc: d.doc,
            span: d.span,
        };
        if let Err(pos) = e.mentions.binary_search(&at) {
            e.mentions.insert(pos, at);
        } else {
            continue;
        }
        if let Err(pos) = e.docs.binary_search(&d.doc) {
            e.docs.insert(pos, d.doc);
        }
        let lang = langs
            .binary_search_by(|(doc, _)| doc.cmp(&d.doc))
            .map_or("und", |k| langs[k].1);
        match e
            .variants
            .iter_mut()
            .find(|v| v.text == d.text && v.lang == lang)
        {
            Some(v) => {
                v.count += 1;
                v.repaired = true;
            }
            None => {
                e.variants.push(Variant {
                    text: d.text.clone(),
                    lang: lang.to_owned(),
                    count: 1,
                    mixed_script: false,
                    repaired: true,
                });
                note(&mut index, fold_word(&d.text), which);
            }
        }
        e.variants.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then((&a.text, &a.lang).cmp(&(&b.text, &b.lang)))
        });
    }
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.id.cmp(&b.id))
    });
}
