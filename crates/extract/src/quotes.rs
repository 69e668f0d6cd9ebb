//! Direct quotations and their speakers.
//!
//! [`QuoteFinder`] is built once (cue verbs, source prepositions, pronouns and role words for en, de,
//! fr, es, it, nl, pl, cs, sl, bg, ru, uk and id) and shared by reference across threads. For each
//! document it pairs quotation marks in one pass over the bytes (every quote style, mixed pairs and the
//! glued, spaced or reversed marks machine translation leaves, multi-paragraph quotations; see
//! [`marks`]), then looks for the speaker in the sentence around each quote, trying in order:
//!
//! 1. a reporting verb right after the quote (`“…,” Biden told`, `"…", said Jen Psaki`, `», a-t-il dit`);
//! 2. a cue before it: a reporting verb with its subject (`Jens Stoltenberg said: “…”`, `Biden
//!    mengulangi ke Putin "…"`), a source preposition (`according to Jen Psaki, "…"`, `laut X`,
//!    `menurut X`), a colon after a name (`Sergei Shoigu: "…"`), or a name glued to the opening mark;
//! 3. a reporting verb later in the sentence after the quote (`"We confirm" that …, Kremlin spokesman
//!    Dmitry Peskov said`);
//! 4. without a cue, a name in the clause that follows a quote and a comma (`"…", the minister
//!    Dmitro Kuleba, after …`), for quotes of three words or more;
//! 5. the speaker of the previous quote in the same paragraph when no name stands between them, and
//!    the speaker of the whole chain for a multi-paragraph quotation.
//!
//! Names come from the NER mentions (persons first, then organisations and places) and, where the
//! mentions say nothing, from runs of capitalised words that are not function, role or cue words. A
//! pronoun subject resolves to the previous quote's speaker (else the last person named); a relative
//! pronoun ("who", "qui", "yang") to the name before it; a role phrase ("the minister said") to the
//! nearest earlier person named with that role, else the last person named. `speaker_span` is where
//! the subject stands in the attributing clause (the name, pronoun or role phrase); `speaker` is the
//! resolved name, base form when it comes from a mention, as written otherwise.
//!
//! A quote is `partial` when it has fewer than three words, or when it neither starts a sentence (at a
//! paragraph start, after sentence-final punctuation or after a colon) nor holds sentence-final
//! punctuation. Partial quotes of one or two words are scare quotes, dropped unless a reporting cue
//! (verb, source preposition or colon) attributes them or they carry on a multi-paragraph quotation.
//!
//! The speaker search reads the document's own tokens ([`QuoteFinder::find_with_tokens`]), each
//! classified once per document (lowercase form and lexicon flags); a search window is a slice of
//! them, so no text is tokenized twice.
//!
//! It does not resolve pronouns across documents, nor attribute indirect speech.

mod lexicon;
pub mod marks;

use concord_model::{EntityType, Mention, Quote, Span};

use crate::tokenize::{Token, TokenKind, tokenize};
use lexicon::{
    CUE_POST, CUE_PREP, CUE_VERB, DET, Lexicon, Lexicons, NOT_NAME, PREP, PRON, RELPRON, ROLE,
    SKIP, STOP, TITLE,
};
use marks::RawQuote;

/// The languages with their own cue, pronoun and role lists; others use the union of all lists.
pub use lexicon::LANGUAGES;

/// How far (in bytes) the speaker search looks on each side of a quote.
const WINDOW: usize = 700;

/// Finds direct quotations and their speakers. Build once, share by reference.
#[derive(Debug)]
pub struct QuoteFinder {
    lexicons: Lexicons,
}

impl Default for QuoteFinder {
    fn default() -> Self {
        QuoteFinder::new()
    }
}

/// A token of a speaker-search window, classified once per document. Quotes inside the window are
/// one opaque token.
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    flags: u16,
    cap: bool,
    /// The lowercase form, as a range of [`Doc::lower`] (empty for quotes, numbers and punctuation).
    lower: (u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct,
    Quote,
}

/// A name in a window: tokens `[first, last]`, with a priority (3 person mention, 2 organisation
/// mention or several capitalised words, 1 place mention or one capitalised word, 0 a weak guess).
#[derive(Clone, Copy, Debug)]
struct Cand {
    first: usize,
    last: usize,
    prio: u8,
    mention: Option<usize>,
    person: bool,
}

/// What the attributing clause names as the subject.
#[derive(Clone, Debug)]
enum Subject {
    /// A name candidate.
    Name(Span, Option<usize>),
    /// A personal pronoun.
    Pronoun(Span),
    /// A relative pronoun, with the name before it.
    Relative(Span, Option<(Span, Option<usize>)>),
    /// A role phrase with the role stem.
    Role(Span, &'static str),
    /// A common noun phrase ("a source"): no name.
    Phrase(Span),
    /// A cue that names no one we can resolve ("according to a report").
    Nobody,
}

#[derive(Clone, Debug)]
struct Attribution {
    subject: Subject,
    cue: Option<Span>,
    /// Found through a reporting cue or a colon (lets a scare quote stand).
    strong: bool,
}

/// Per-document context.
struct Doc<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    lex: &'a Lexicon,
    regions: Vec<(usize, usize)>,
    sentence_starts: Vec<usize>,
    german: bool,
    /// The document's tokens outside every quote region, classified, in text order. A token that
    /// a quote mark cuts (a closing mark glued to the next word) keeps only its pieces outside.
    toks: Vec<Tok>,
    /// The lowercase forms of the words of `toks`, one after the other.
    lower: String,
}

impl QuoteFinder {
    /// Compiles the word lists of every language.
    pub fn new() -> QuoteFinder {
        QuoteFinder {
            lexicons: Lexicons::new(),
        }
    }

    /// Finds the direct quotations of `text` (language `lang`, ISO 639-1) with their speakers, in text
    /// order, tokenizing `text` first; a caller that already holds the tokens (as
    /// [`crate::Extractor::extract`] does) calls [`QuoteFinder::find_with_tokens`].
    pub fn find(
        &self,
        text: &str,
        sentences: &[Span],
        mentions: &[Mention],
        lang: &str,
    ) -> Vec<Quote> {
        self.find_with_tokens(text, &tokenize(text), sentences, mentions, lang)
    }

    /// Finds the direct quotations of `text` (language `lang`, ISO 639-1) with their speakers, in text
    /// order. `tokens` are the document's tokens from [`crate::tokenize::tokenize`], `sentences` its
    /// sentence spans and `mentions` its entity mentions sorted by span; sentences and mentions may be
    /// empty or imperfect. Each token is classified (lowercase form, cue and name flags) once.
    pub fn find_with_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Span],
        mentions: &[Mention],
        lang: &str,
    ) -> Vec<Quote> {
        let mut raw = Vec::new();
        marks::find_pairs(text, &mut raw);
        if raw.is_empty() {
            return Vec::new();
        }
        let mut doc = Doc {
            text,
            mentions,
            lex: self.lexicons.get(lang),
            regions: raw
                .iter()
                .map(|q| (q.open.0, q.close.map_or(q.content.1, |c| c.1)))
                .collect(),
            sentence_starts: sentences.iter().map(|s| s.start as usize).collect(),
            german: lang == "de",
            toks: Vec::with_capacity(tokens.len()),
            lower: String::with_capacity(text.len() / 2),
        };
        doc.classify(tokens);
        let mut out: Vec<Quote> = Vec::with_capacity(raw.len());
        let mut keep: Vec<bool> = Vec::with_capacity(raw.len());
        let mut toks = Vec::new();
        let mut post = Vec::new();
        for (i, q) in raw.iter().enumerate() {
            let attribution = doc.attribute(i, q, &mut toks, &mut post);
            let content = &text[q.content.0..q.content.1];
            let words = count_words(content);
            let starts_sentence = doc.starts_sentence(q);
            let partial = words < 3 || (!starts_sentence && !has_final_punct(content));
            let strong = attribution.as_ref().is_some_and(|a| a.strong);
            let continued = i > 0 && raw[i - 1].continues;
            // Scare quotes (partial, one or two words) stand only when a cue attributes them.
            keep.push(words > 2 || strong || continued);
            let (speaker, speaker_span, cue) = match attribution {
                Some(a) => {
                    let (speaker, span) = doc.resolve(&a.subject, q.open.0, &out, &keep);
                    (speaker, span, a.cue)
                }
                None => (None, None, None),
            };
            let (start, end) = trim_comma(text, q.content);
            out.push(Quote {
                span: Span::new(start, end),
                speaker,
                speaker_span,
                cue,
                partial,
            });
        }
        // Speakerless quotes take the speaker of the previous kept quote of the same paragraph when no
        // name stands between them, and chains of paragraphs share one speaker.
        for i in 1..out.len() {
            if out[i].speaker.is_some() || !keep[i] {
                continue;
            }
            let Some(p) = (0..i).rev().find(|&p| keep[p]) else {
                continue;
            };
            let chained = raw[i - 1].continues && p == i - 1;
            let same_paragraph = raw[p].paragraph == raw[i].paragraph;
            if (chained || same_paragraph) && out[p].speaker.is_some() {
                let gap = (doc.regions[p].1, doc.regions[i].0);
                if chained || !doc.names_between(gap, &mut toks) {
                    out[i].speaker = out[p].speaker.clone();
                    out[i].speaker_span = out[p].speaker_span;
                }
            }
        }
        // A chain's first pieces take the speaker named after its last piece.
        for i in (0..out.len().saturating_sub(1)).rev() {
            if raw[i].continues && out[i].speaker.is_none() && out[i + 1].speaker.is_some() {
                out[i].speaker = out[i + 1].speaker.clone();
                out[i].speaker_span = out[i + 1].speaker_span;
                out[i].cue = out[i + 1].cue;
            }
        }
        out.into_iter()
            .zip(keep)
            .filter_map(|(q, k)| k.then_some(q))
            .collect()
    }
}

fn trim_comma(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let inner = text[s..e].trim_end_matches([',', ' ', '\u{a0}']);
    (s, s + inner.len())
}

fn count_words(s: &str) -> usize {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn has_final_punct(content: &str) -> bool {
    let trimmed = content.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ')'));
    trimmed.ends_with(['.', '!', '?', '…'])
        || content.match_indices(['.', '!', '?']).any(|(i, _)| {
            content[i + 1..].starts_with(' ')
                && content[i + 1..]
                    .trim_start()
                    .starts_with(char::is_uppercase)
        })
}

fn is_boundary_punct(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

/// Abbreviations whose dot does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Jr"
                | "Sr"
                | "Prof"
                | "Lt"
                | "Col"
                | "Sgt"
                | "No"
                | "vs"
                | "etc"
                | "bzw"
                | "z"
                | "Nr"
                | "MM"
                | "Mme"
                | "Hr"
        )
}

impl Doc<'_> {
    /// Classifies the document's tokens once: lowercase form, lexicon flags and capitalisation of
    /// every word outside the quote regions. A token that overlaps a region keeps its pieces
    /// outside it, read as the window tokenizer would have read them.
    fn classify(&mut self, tokens: &[Token]) {
        // The regions' union, sorted and disjoint, so that a token is cut by partition_point.
        let mut covered: Vec<(usize, usize)> = Vec::with_capacity(self.regions.len());
        let mut sorted = self.regions.clone();
        sorted.sort_unstable();
        for (s, e) in sorted {
            match covered.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => covered.push((s, e)),
            }
        }
        let text = self.text;
        for t in tokens {
            let (s, e) = (t.start as usize, t.end as usize);
            if text.get(s..e).is_none_or(str::is_empty) {
                continue;
            }
            let mut k = covered.partition_point(|r| r.1 <= s);
            if covered.get(k).is_none_or(|r| r.0 >= e) {
                self.push_tok(s, e, t.kind);
                continue;
            }
            // Cut by a quote region: keep the pieces outside, with their kind read again.
            let mut cur = s;
            while let Some(&(rs, re)) = covered.get(k).filter(|r| r.0 < e) {
                if rs > cur {
                    self.push_piece(cur, rs);
                }
                cur = cur.max(re);
                k += 1;
            }
            if cur < e {
                self.push_piece(cur, e);
            }
        }
    }

    /// Pushes the tokens of the piece `[s, e)` of a token cut by a quote region (rare: a mark glued
    /// inside a word).
    fn push_piece(&mut self, s: usize, e: usize) {
        let Some(piece) = self.text.get(s..e) else {
            return;
        };
        for t in tokenize(piece) {
            self.push_tok(s + t.start as usize, s + t.end as usize, t.kind);
        }
    }

    /// Classifies the token `[s, e)` and appends it to the document's tokens.
    fn push_tok(&mut self, s: usize, e: usize, kind: TokenKind) {
        let word = &self.text[s..e];
        let (kind, flags, cap, lower) = match kind {
            TokenKind::Word => {
                let from = self.lower.len();
                self.lower.extend(word.chars().flat_map(char::to_lowercase));
                let lower = &self.lower[from..];
                let cap = word.chars().next().is_some_and(char::is_uppercase);
                (
                    Kind::Word,
                    self.lex.flags(lower),
                    cap,
                    (from as u32, self.lower.len() as u32),
                )
            }
            TokenKind::Number => (Kind::Number, 0, false, (0, 0)),
            TokenKind::Punct => (Kind::Punct, 0, false, (0, 0)),
        };
        self.toks.push(Tok {
            start: s,
            end: e,
            kind,
            flags,
            cap,
            lower,
        });
    }

    /// The lowercase form of a token (`""` for a quote).
    fn lower(&self, t: &Tok) -> &str {
        match t.kind {
            Kind::Word => self
                .lower
                .get(t.lower.0 as usize..t.lower.1 as usize)
                .unwrap_or(""),
            Kind::Number | Kind::Punct => self.tok_text(t),
            Kind::Quote => "",
        }
    }

    /// Builds the tokens of `[from, to)`, each quote region one `Quote` token. A word cut by `from`
    /// or `to` (a window edge in mid-text) is left out.
    fn tokens(&self, from: usize, to: usize, out: &mut Vec<Tok>) {
        out.clear();
        let first = self.regions.partition_point(|r| r.1 <= from);
        let mut pos = from;
        for &(rs, re) in &self.regions[first..] {
            if rs >= to {
                break;
            }
            if rs > pos {
                self.gap_tokens(pos, rs, out);
            }
            out.push(Tok {
                start: rs.max(from),
                end: re.min(to),
                kind: Kind::Quote,
                flags: 0,
                cap: false,
                lower: (0, 0),
            });
            pos = re.max(pos);
        }
        if pos < to {
            self.gap_tokens(pos, to, out);
        }
    }

    /// Appends the document's tokens that lie within `[from, to)`.
    fn gap_tokens(&self, from: usize, to: usize, out: &mut Vec<Tok>) {
        let a = self.toks.partition_point(|t| t.start < from);
        let b = self.toks.partition_point(|t| t.end <= to).max(a);
        out.extend_from_slice(&self.toks[a..b]);
    }

    fn tok_text(&self, t: &Tok) -> &str {
        &self.text[t.start..t.end]
    }

    /// Index of the first token of the sentence that ends the token list (after the last boundary).
    fn sentence_start(&self, toks: &[Tok]) -> usize {
        for i in (0..toks.len()).rev() {
            if self.boundary_after(toks, i) {
                return i + 1;
            }
            if self.sentence_starts.binary_search(&toks[i].start).is_ok() && i > 0 {
                // The splitter's boundary counts only when the text agrees that a sentence ended.
                let prev = &toks[i - 1];
                if prev.kind == Kind::Quote || is_boundary_punct(self.tok_text(prev)) {
                    return i;
                }
            }
        }
        0
    }

    /// Whether a sentence ends after token `i`.
    fn boundary_after(&self, toks: &[Tok], i: usize) -> bool {
        let t = &toks[i];
        // The end of a pre-quote window is followed by the quote itself.
        let next_capital = toks
            .get(i + 1)
            .is_none_or(|n| n.cap || n.kind == Kind::Quote || n.kind == Kind::Number);
        match t.kind {
            Kind::Punct if is_boundary_punct(self.tok_text(t)) => {
                if !next_capital {
                    return false;
                }
                if self.tok_text(t) == "." && i > 0 {
                    let prev = &toks[i - 1];
                    if prev.kind == Kind::Word
                        && prev.end == t.start
                        && is_abbreviation(self.tok_text(prev))
                    {
                        return false;
                    }
                }
                true
            }
            Kind::Quote => {
                let inner = self.text[t.start..t.end].trim_end_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(
                            c,
                            '"' | '\'' | '”' | '“' | '»' | '«' | '’' | '‘' | '›' | '‹'
                        )
                });
                has_final_punct(inner)
                    && inner.ends_with(['.', '!', '?'])
                    && next_capital
                    && toks
                        .get(i + 1)
                        .is_some_and(|n| n.flags & (CUE_VERB | PRON) == 0)
            }
            _ => false,
        }
    }

    /// Number of tokens from the start that stay within the first sentence.
    fn sentence_end(&self, toks: &[Tok]) -> usize {
        for i in 0..toks.len() {
            if self.boundary_after(toks, i) {
                return i + 1;
            }
        }
        toks.len()
    }

    /// Whether the quote starts a sentence: paragraph start, after a sentence end or a colon.
    fn starts_sentence(&self, q: &RawQuote) -> bool {
        let before = self.text[q.paragraph.0..q.open.0].trim_end();
        before.is_empty()
            || before.ends_with([':', '.', '!', '?', '—', '–'])
            || before.ends_with(['"', '”', '“', '»', '«'])
    }

    /// Name candidates of a window, in token order.
    fn candidates(&self, toks: &[Tok], cands: &mut Vec<Cand>) {
        cands.clear();
        if toks.is_empty() {
            return;
        }
        let (from, to) = (toks[0].start, toks[toks.len() - 1].end);
        let mut covered = vec![false; toks.len()];
        let first = self
            .mentions
            .partition_point(|m| (m.span.end as usize) <= from);
        for (mi, m) in self.mentions.iter().enumerate().skip(first) {
            let (ms, me) = (m.span.start as usize, m.span.end as usize);
            if ms >= to {
                break;
            }
            let prio = match m.kind {
                EntityType::Person => 3,
                EntityType::Organization => 2,
                EntityType::Location => 1,
                EntityType::Event | EntityType::Misc => continue,
            };
            let a = toks.partition_point(|t| t.end <= ms);
            let b = toks.partition_point(|t| t.start < me);
            if a >= b || toks[a..b].iter().any(|t| t.kind == Kind::Quote) {
                continue;
            }
            for c in &mut covered[a..b] {
                *c = true;
            }
            cands.push(Cand {
                first: a,
                last: b - 1,
                prio,
                mention: Some(mi),
                person: m.kind == EntityType::Person,
            });
        }
        // Capitalised runs where the mentions are silent.
        let namey = |i: usize| {
            let t = &toks[i];
            !covered[i]
                && t.kind == Kind::Word
                && t.cap
                && t.flags & NOT_NAME == 0
                && !(t.end - t.start <= 3
                    && self
                        .tok_text(t)
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.'))
        };
        let mut i = 0;
        while i < toks.len() {
            if !namey(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < toks.len() && namey(j + 1) && toks[j + 1].start <= toks[j].end + 1 {
                j += 1;
            }
            let len = j - i + 1;
            if len == 2 && self.both_alone(&toks[i], &toks[j]) {
                // "Biden Putin": two names that each stand alone elsewhere are two candidates.
                for k in [i, j] {
                    cands.push(Cand {
                        first: k,
                        last: k,
                        prio: u8::from(!self.german),
                        mention: None,
                        person: false,
                    });
                }
                i = j + 1;
                continue;
            }
            let prio = if len >= 2 {
                2
            } else if self.german || self.tok_text(&toks[i]).chars().count() < 3 {
                0
            } else {
                1
            };
            cands.push(Cand {
                first: i,
                last: j,
                prio,
                mention: None,
                person: len >= 2,
            });
            i = j + 1;
        }
        cands.sort_by_key(|c| c.first);
    }

    /// Whether each of two adjacent capitalised words also stands elsewhere without the other.
    fn both_alone(&self, a: &Tok, b: &Tok) -> bool {
        let (wa, wb) = (self.tok_text(a), self.tok_text(b));
        let alone =
            |word: &str, own: usize, pair_after: Option<&str>, pair_before: Option<&str>| {
                self.text.match_indices(word).any(|(p, _)| {
                    let e = p + word.len();
                    p != own
                        && !self.text[..p]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                        && !self.text[e..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                        && pair_after.is_none_or(|w| !self.text[e..].trim_start().starts_with(w))
                        && pair_before.is_none_or(|w| !self.text[..p].trim_end().ends_with(w))
                })
            };
        alone(wa, a.start, Some(wb), None) && alone(wb, b.start, None, Some(wa))
    }

    fn cand_subject(&self, toks: &[Tok], c: &Cand) -> Subject {
        Subject::Name(Span::new(toks[c.first].start, toks[c.last].end), c.mention)
    }

    /// The subject whose last token is `j` (skipping in-between words), if any.
    fn subject_ending_at(
        &self,
        toks: &[Tok],
        cands: &[Cand],
        mut j: usize,
        floor: usize,
    ) -> Option<Subject> {
        let mut skipped = 0;
        // Auxiliaries and adverbs ("has", "also", "famously") stand between a subject and its verb.
        let adverb = |t: &Tok| t.kind == Kind::Word && !t.cap && self.tok_text(t).ends_with("ly");
        while j > floor && (toks[j].flags & SKIP != 0 || adverb(&toks[j])) && skipped < 3 {
            j -= 1;
            skipped += 1;
        }
        if toks[j].kind == Kind::Punct && self.tok_text(&toks[j]) == "," && j > floor {
            // An appositive: ", the head of Ukrainian diplomacy," between the name and the verb.
            let k = (floor..j)
                .rev()
                .take(14)
                .find(|&k| toks[k].kind == Kind::Punct && self.tok_text(&toks[k]) == ",")?;
            let head = toks.get(k + 1)?;
            // "the head of Ukrainian diplomacy", or a short run of names and roles ("NATO chief").
            let short_names = j - k <= 5
                && toks[k + 1..j]
                    .iter()
                    .all(|t| t.cap || t.flags & (DET | ROLE | PREP) != 0);
            let appositive = head.flags & (DET | ROLE) != 0 || short_names;
            if !appositive || k == floor {
                return None;
            }
            j = k - 1;
        }
        let t = &toks[j];
        if let Some(c) = cands.iter().find(|c| c.last == j) {
            return Some(self.cand_subject(toks, c));
        }
        if t.kind != Kind::Word {
            return None;
        }
        if t.flags & PRON != 0 {
            return Some(Subject::Pronoun(Span::new(t.start, t.end)));
        }
        if t.flags & RELPRON != 0 {
            let mut k = j;
            while k > floor && (k + 3 > j) {
                k -= 1;
                if let Some(c) = cands.iter().find(|c| c.last == k) {
                    let name = (Span::new(toks[c.first].start, toks[c.last].end), c.mention);
                    return Some(Subject::Relative(Span::new(t.start, t.end), Some(name)));
                }
            }
            return Some(Subject::Relative(Span::new(t.start, t.end), None));
        }
        if t.flags & ROLE != 0 {
            let stem = lexicon::role_stem(self.lower(t)).unwrap_or("");
            let mut k = j;
            while k > floor
                && toks[k - 1].kind == Kind::Word
                && (toks[k - 1].flags & (DET | ROLE) != 0
                    || toks[k - 1].cap
                    || (toks[k - 1].flags & PREP != 0 && k >= 2 && toks[k - 2].flags & ROLE != 0))
            {
                k -= 1;
            }
            return Some(Subject::Role(Span::new(toks[k].start, t.end), stem));
        }
        if !t.cap && t.flags & NOT_NAME == 0 {
            // A common noun subject ("sources said", "a source said").
            let mut k = j;
            while k > floor
                && j - k < 3
                && toks[k - 1].kind == Kind::Word
                && toks[k - 1].flags & (PREP | CUE_VERB | PRON | RELPRON | STOP) == 0
            {
                k -= 1;
                if toks[k].flags & DET != 0 {
                    break;
                }
            }
            return Some(Subject::Phrase(Span::new(toks[k].start, t.end)));
        }
        None
    }

    /// The subject right after token `c` (inverted order: "said Jen Psaki", "sagte der Minister").
    /// With `clause_end`, the name must close the clause (before a colon, comma or the quote), as in
    /// "nennt Biden: «…»", so that an object ("emphasizing the United States' …") is not taken.
    fn subject_after(
        &self,
        toks: &[Tok],
        cands: &[Cand],
        c: usize,
        clause_end: bool,
    ) -> Option<Subject> {
        let mut role: Option<(usize, &'static str)> = None;
        let mut j = c + 1;
        let mut steps = 0;
        let mut det = false;
        while j < toks.len() && steps < 6 {
            let t = &toks[j];
            if let Some(cand) = cands.iter().find(|x| x.first == j) {
                let closes = |k: usize| {
                    toks.get(k).is_none_or(|n| {
                        matches!(self.tok_text(n), ":" | "," | "-" | "–" | "—")
                            || n.kind == Kind::Quote
                    })
                };
                // "nennt Biden Putin: «…»": subject then object, then the clause ends.
                let then_object = cands
                    .iter()
                    .find(|x| x.first == cand.last + 1)
                    .is_some_and(|x| closes(x.last + 1));
                if clause_end && !closes(cand.last + 1) && !then_object {
                    return None;
                }
                // "the Kremlin spokesman Dmitry Peskov": a name after a role wins over one before it.
                let mut k = cand.last + 1;
                while k < toks.len() && toks[k].flags & ROLE != 0 {
                    k += 1;
                }
                if k > cand.last + 1
                    && let Some(next) = cands.iter().find(|x| x.first == k)
                {
                    return Some(self.cand_subject(toks, next));
                }
                let followed_by_capital = toks.get(cand.last + 1).is_some_and(|n| n.cap);
                if cand.prio > 0 || clause_end || !(followed_by_capital || det) {
                    return Some(self.cand_subject(toks, cand));
                }
                return None;
            }
            if t.kind != Kind::Word {
                break;
            }
            if t.flags & PRON != 0 && steps == 0 {
                return Some(Subject::Pronoun(Span::new(t.start, t.end)));
            }
            if t.flags & ROLE != 0 {
                if role.is_none() {
                    role = Some((j, lexicon::role_stem(self.lower(t)).unwrap_or("")));
                }
            } else if t.flags & (DET | TITLE | SKIP) == 0 && (t.cap || !self.german) {
                break;
            }
            det |= t.flags & DET != 0;
            j += 1;
            steps += 1;
        }
        role.map(|(k, stem)| {
            Subject::Role(
                Span::new(toks[k].start, toks[j.saturating_sub(1).max(k)].end),
                stem,
            )
        })
    }

    /// A cue (single or multi-word) at token `i`: its flags and its last token.
    fn cue_at(&self, toks: &[Tok], i: usize) -> Option<(u16, usize)> {
        let t = &toks[i];
        if t.kind != Kind::Word {
            return None;
        }
        // A capitalised cue only at a sentence start ("According to", "Laut"), not "United States".
        if t.cap
            && i > 0
            && !(toks[i - 1].kind == Kind::Quote || is_boundary_punct(self.tok_text(&toks[i - 1])))
        {
            return None;
        }
        for (rest, flags) in self.lex.multi(self.lower(t)) {
            let ok = rest
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + 1 + k).is_some_and(|n| self.lower(n) == &**w));
            if ok {
                return Some((*flags, i + rest.len()));
            }
        }
        let f = t.flags & (CUE_VERB | CUE_PREP | CUE_POST);
        (f != 0).then_some((f, i))
    }

    /// Resolves the cue at `c` (ending at `c_end`) to an attribution; `pre` when the cue stands
    /// before the quote.
    fn attribute_cue(
        &self,
        toks: &[Tok],
        cands: &[Cand],
        c: usize,
        c_end: usize,
        flags: u16,
        pre: bool,
    ) -> Option<Attribution> {
        let floor = 0;
        let cue = Some(Span::new(toks[c].start, toks[c_end].end));
        if flags & (CUE_PREP | CUE_POST) != 0 {
            let subject = self
                .subject_after(toks, cands, c_end, false)
                .unwrap_or(Subject::Nobody);
            return Some(Attribution {
                subject,
                cue,
                strong: true,
            });
        }
        let subject = (c > floor)
            .then(|| self.subject_ending_at(toks, cands, c - 1, floor))
            .flatten()
            .or_else(|| self.subject_after(toks, cands, c_end, pre))
            .or_else(|| {
                // The subject opens the clause: "Biden questioned Putin about …, emphasizing".
                pre.then(|| self.clause_subject(toks, cands, c)).flatten()
            })?;
        Some(Attribution {
            subject,
            cue,
            strong: true,
        })
    }

    /// The best name before token `c` that is not the object of a preposition.
    fn clause_subject(&self, toks: &[Tok], cands: &[Cand], c: usize) -> Option<Subject> {
        let best = cands
            .iter()
            .filter(|x| x.last < c && x.prio > 0)
            .filter(|x| {
                let mut k = x.first;
                while k > 0 && toks[k - 1].flags & DET != 0 {
                    k -= 1;
                }
                k == 0 || toks[k - 1].flags & PREP == 0
            })
            .max_by_key(|x| (x.prio, std::cmp::Reverse(x.first)))?;
        Some(self.cand_subject(toks, best))
    }

    /// Finds who the quote `raw[i]` is attributed to in its sentence.
    fn attribute(
        &self,
        i: usize,
        q: &RawQuote,
        toks: &mut Vec<Tok>,
        post: &mut Vec<Tok>,
    ) -> Option<Attribution> {
        let (ps, pe) = q.paragraph;
        let region_end = self.regions[i].1;
        let mut cands = Vec::new();
        let content = &self.text[q.content.0..q.content.1];
        let content_words = count_words(content);

        // After the quote.
        let post_to = floor_char(self.text, pe.min(region_end + WINDOW));
        post.clear();
        if q.close.is_some() {
            self.tokens(region_end, post_to, post);
            let end = self.sentence_end(post);
            post.truncate(end);
            // A quote ending a sentence of its own is followed by a new sentence unless a verb or a
            // lowercase word carries on.
            let ends_itself = content.trim_end().ends_with(['.', '!', '?']);
            let cue_soon = post
                .iter()
                .take(4)
                .any(|t| t.flags & CUE_VERB != 0 && !t.cap);
            if ends_itself
                && !cue_soon
                && post
                    .first()
                    .is_some_and(|t| t.cap && t.flags & (CUE_VERB | PRON) == 0)
            {
                post.clear();
            }
        }
        let post: &[Tok] = post;
        self.candidates(post, &mut cands);
        let post_cands = cands.clone();
        let first_cue = |toks: &[Tok], limit: usize| {
            (0..toks.len().min(limit)).find_map(|k| {
                if toks[k].kind == Kind::Quote {
                    return None;
                }
                self.cue_at(toks, k).map(|(f, e)| (k, e, f))
            })
        };
        let attached = content.ends_with([',', '!', '?'])
            || post.first().is_some_and(|t| {
                t.start == region_end && t.kind == Kind::Word
                    || matches!(self.tok_text(t), "," | "—" | "–" | "-" | "(")
            });
        if attached
            && let Some((c, e, f)) = first_cue(post, 5)
            && let Some(a) = self.attribute_cue(post, &post_cands, c, e, f, false)
        {
            return Some(a);
        }

        // Before the quote.
        let pre_from = ceil_char(self.text, ps.max(q.open.0.saturating_sub(WINDOW)));
        self.tokens(pre_from, q.open.0, toks);
        let start = self.sentence_start(toks);
        let pre = &toks[start..];
        self.candidates(pre, &mut cands);
        let colon = pre.last().is_some_and(|t| self.tok_text(t) == ":");
        for c in (0..pre.len()).rev() {
            if pre.len() - c > 40 {
                break;
            }
            if pre[c].kind == Kind::Quote {
                continue;
            }
            let Some((flags, c_end)) = self.cue_at(pre, c) else {
                continue;
            };
            if flags & (CUE_VERB | CUE_PREP) == 0 {
                continue;
            }
            if let Some(a) = self.attribute_cue(pre, &cands, c, c_end, flags & !CUE_POST, true) {
                return Some(a);
            }
        }
        let last = pre.len().checked_sub(1 + usize::from(colon));
        if let Some(last) = last {
            let glued = !colon && pre[last].end == q.open.0;
            let adjacent = colon || glued || content.starts_with(char::is_uppercase);
            if adjacent
                && let Some(c) = cands.iter().find(|c| c.last == last)
                && (colon || glued || c.prio >= 2)
            {
                let cue = colon.then(|| Span::new(pre[last + 1].start, pre[last + 1].end));
                return Some(Attribution {
                    subject: self.cand_subject(pre, c),
                    cue,
                    strong: true,
                });
            }
            if colon && pre[last].flags & ROLE != 0 {
                let subject = self.subject_ending_at(pre, &cands, last, 0)?;
                let cue = Some(Span::new(pre[last + 1].start, pre[last + 1].end));
                return Some(Attribution {
                    subject,
                    cue,
                    strong: true,
                });
            }
            // "Clinton, exasperated, famously responded: «…»": a verb we do not list before a colon.
            if colon
                && pre[last].kind == Kind::Word
                && !pre[last].cap
                && let Some(subject) = self.clause_subject(pre, &cands, last)
            {
                let cue = Some(Span::new(pre[last + 1].start, pre[last + 1].end));
                return Some(Attribution {
                    subject,
                    cue,
                    strong: true,
                });
            }
        }

        // A cue later in the sentence after the quote.
        if let Some((c, e, f)) = first_cue(post, post.len())
            && f & CUE_POST == 0
            && let Some(a) = self.attribute_cue(post, &post_cands, c, e, f, false)
        {
            return Some(a);
        }

        // No cue: a name in the clause right after "…", for quotes of a few words at least.
        if attached && content_words >= 3 {
            let best = post_cands
                .iter()
                .filter(|x| x.last < 12 && x.prio > 0)
                .filter(|x| {
                    x.first == 0
                        || post[x.first - 1].flags & (PREP | DET) == 0
                        || post[x.first - 1].flags & ROLE != 0
                })
                .max_by_key(|x| (x.prio, std::cmp::Reverse(x.first)))?;
            return Some(Attribution {
                subject: self.cand_subject(post, best),
                cue: None,
                strong: false,
            });
        }
        None
    }

    /// Whether a person-like name stands in `[from, to)`.
    fn names_between(&self, (from, to): (usize, usize), toks: &mut Vec<Tok>) -> bool {
        if from >= to {
            return false;
        }
        self.tokens(from, to, toks);
        // The previous quote's own attributing clause ("…,” said Mike Shields, the president of X.)
        // does not count.
        let clause_end = self.sentence_end(toks);
        let mut cands = Vec::new();
        self.candidates(toks, &mut cands);
        cands
            .iter()
            .any(|c| c.first >= clause_end && (c.person || c.prio >= 2))
    }

    /// The name of a subject and where it stands.
    fn resolve(
        &self,
        subject: &Subject,
        at: usize,
        done: &[Quote],
        keep: &[bool],
    ) -> (Option<String>, Option<Span>) {
        match subject {
            Subject::Name(span, mention) => (Some(self.name(*span, *mention)), Some(*span)),
            Subject::Pronoun(span) => {
                let previous = done
                    .iter()
                    .zip(keep)
                    .rev()
                    .find_map(|(q, &k)| if k { q.speaker.clone() } else { None });
                (previous.or_else(|| self.last_person(at, None)), Some(*span))
            }
            Subject::Relative(span, name) => match name {
                Some((s, m)) => (Some(self.name(*s, *m)), Some(*s)),
                None => (self.last_person(at, None), Some(*span)),
            },
            Subject::Role(span, stem) => (
                self.last_person(span.start as usize, Some(stem)),
                Some(*span),
            ),
            Subject::Phrase(span) => (None, Some(*span)),
            Subject::Nobody => (None, None),
        }
    }

    fn name(&self, span: Span, mention: Option<usize>) -> String {
        match mention.and_then(|m| self.mentions.get(m)) {
            Some(m) => m.base.clone(),
            None => span.of(self.text).to_owned(),
        }
    }

    /// The last person named before `at`, preferring one introduced with the role `stem`.
    fn last_person(&self, at: usize, stem: Option<&str>) -> Option<String> {
        let end = self
            .mentions
            .partition_point(|m| (m.span.end as usize) <= at);
        let persons = || {
            self.mentions[..end]
                .iter()
                .rev()
                .filter(|m| m.kind == EntityType::Person)
                .take(40)
        };
        if let Some(stem) = stem.filter(|s| !s.is_empty()) {
            // The role must stand just before the name, with no other mention in between.
            let with_role = self.mentions[..end]
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, m)| m.kind == EntityType::Person)
                .take(40)
                .find(|&(k, m)| {
                    let s = m.span.start as usize;
                    let prev_end = k
                        .checked_sub(1)
                        .map_or(0, |p| self.mentions[p].span.end as usize);
                    let from = ceil_char(self.text, s.saturating_sub(40).max(prev_end.min(s)));
                    self.text[from..s].to_lowercase().contains(stem)
                })
                .map(|(_, m)| m);
            if let Some(m) = with_role {
                return Some(m.base.clone());
            }
        }
        if let Some(m) = persons().next() {
            return Some(m.base.clone());
        }
        // Without mentions: the nearest run of capitalised words before, preferring one after the role.
        let from = ceil_char(self.text, at.saturating_sub(3000));
        let mut toks = Vec::new();
        self.tokens(from, at, &mut toks);
        let mut cands = Vec::new();
        self.candidates(&toks, &mut cands);
        let runs = || cands.iter().rev().filter(|c| c.prio >= 2);
        let pick = stem
            .filter(|s| !s.is_empty())
            .and_then(|stem| {
                runs().find(|c| {
                    (c.first.saturating_sub(4)..c.first)
                        .any(|k| toks[k].flags & ROLE != 0 && self.lower(&toks[k]).contains(stem))
                })
            })
            .or_else(|| runs().next())?;
        Some(self.text[toks[pick.first].start..toks[pick.last].end].to_owned())
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
