//! Direct quotations and their speakers on PolNeAR (brat `attributions/*.ann` over `text/*.txt`).
//!
//! PolNeAR annotates every attribution, indirect speech included, as source, cue and content spans in
//! character offsets; a content may have several fragments (`start end;start end`). The gold subset
//! scored here is the DIRECT quotations: a content fragment is direct when, trimmed of whitespace,
//! it starts with a quotation mark (" “ „ « ‘ ') and ends with one (” “ " » ’ '), possibly followed by
//! closing punctuation (`.,;:!?`). Each such fragment is one gold quote, with the attribution's source
//! span (if any) as its speaker.
//!
//! Matching (one-to-one, greedy by overlap): spans are compared after trimming whitespace, quotation
//! marks and `.,;:` from both ends.
//! - exact: the trimmed byte ranges are equal;
//! - relaxed: the word tokens in common are at least half of the gold's tokens and at least half of
//!   the prediction's tokens.
//!
//! A prediction lying inside a gold content fragment that is NOT direct (a partial quote inside
//! reported speech, "that … “keep the details under wraps.”") is neither right nor wrong: it is not
//! counted, because PolNeAR marks the whole reported clause there, not the quoted words. Every other
//! unmatched prediction is a false positive.
//!
//! Speaker accuracy is over matched quotes whose gold has a source: right when the predicted
//! `speaker_span` overlaps the gold source span, or when the last word of the predicted speaker name
//! appears as a word in the gold source text.
//!
//! [`evaluate`] runs without entity mentions (the capitalised-name fallback); [`evaluate_with`] takes a
//! tagger so that the figures with NER can be measured too.

use std::path::{Path, PathBuf};

use concord_extract::quotes::QuoteFinder;
use concord_model::{Mention, Quote, Span};

use super::{EvalError, EvalReport, EvalRow};

/// One gold direct quotation: content and source, in bytes.
#[derive(Clone, Debug, PartialEq)]
struct Gold {
    content: (usize, usize),
    source: Option<Vec<(usize, usize)>>,
}

/// Gold of one document: direct quotes and the other content fragments.
#[derive(Debug, Default, PartialEq)]
struct DocGold {
    direct: Vec<Gold>,
    indirect: Vec<(usize, usize)>,
}

/// Counts accumulated over documents.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counts {
    gold: u64,
    predicted: u64,
    exact: u64,
    relaxed: u64,
    speaker_scored_exact: u64,
    speaker_right_exact: u64,
    speaker_scored_relaxed: u64,
    speaker_right_relaxed: u64,
    ignored: u64,
}

/// Scores the quote finder without NER mentions on a PolNeAR split folder (`text/` and
/// `attributions/`), or on the PolNeAR root, whose `dev/` split is then used.
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    evaluate_with(data, |_, _| Vec::new())
}

/// The language of PolNeAR's texts (US election news).
pub const POLNEAR_LANGUAGE: &str = "en";

/// Scores the quote finder with the mentions of the entity model file `model`, which tags each
/// text as [`POLNEAR_LANGUAGE`], as the pipeline does for a document in that language.
pub fn evaluate_with_model(data: &Path, model: &Path) -> Result<EvalReport, EvalError> {
    let tagger = concord_extract::ner::NerModel::load(model).map_err(|err| EvalError::Format {
        path: model.to_owned(),
        message: format!("cannot load the entity model: {err}"),
    })?;
    evaluate_with(data, |text, sentences| {
        tagger.tag(
            text,
            &concord_extract::tokenize::tokenize(text),
            sentences,
            POLNEAR_LANGUAGE,
        )
    })
}

/// Scores the quote finder with the entity mentions that `tagger` gives for each text and its
/// sentences.
pub fn evaluate_with(
    data: &Path,
    tagger: impl Fn(&str, &[Span]) -> Vec<Mention>,
) -> Result<EvalReport, EvalError> {
    let split = if data.join("attributions").is_dir() {
        data.to_owned()
    } else {
        data.join("dev")
    };
    let ann_dir = split.join("attributions");
    let text_dir = split.join("text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(|source| EvalError::Io {
            path: ann_dir.clone(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Format {
            path: ann_dir,
            message: "no .ann file".into(),
        });
    }
    let finder = QuoteFinder::new();
    let mut counts = Counts::default();
    for ann_path in &files {
        let text_path = text_for(&text_dir, ann_path).ok_or_else(|| EvalError::Format {
            path: ann_path.clone(),
            message: "no matching text file".into(),
        })?;
        let text = read(&text_path)?;
        let ann = read(ann_path)?;
        let gold = parse_ann(&ann, &text).map_err(|message| EvalError::Format {
            path: ann_path.clone(),
            message,
        })?;
        let sentences = concord_normalize::sentences::split(&text, POLNEAR_LANGUAGE);
        let mentions = tagger(&text, &sentences);
        let predicted = finder.find(&text, &sentences, &mentions, POLNEAR_LANGUAGE);
        score(&text, &gold, &predicted, &mut counts);
    }
    Ok(report(&split, files.len(), &counts))
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

/// `text/<name>.txt` for `attributions/<name>_<annotator>.ann`.
fn text_for(text_dir: &Path, ann: &Path) -> Option<PathBuf> {
    let stem = ann.file_stem()?.to_string_lossy().into_owned();
    let direct = text_dir.join(format!("{stem}.txt"));
    if direct.is_file() {
        return Some(direct);
    }
    let (name, _) = stem.rsplit_once('_')?;
    let path = text_dir.join(format!("{name}.txt"));
    path.is_file().then_some(path)
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '\'' | '”')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»' | '’' | '\'')
}

/// Whether a content fragment is a direct quotation (see the module docs).
fn is_direct(fragment: &str) -> bool {
    let t = fragment.trim();
    let body = t.trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '!' | '?') || c.is_whitespace()
    });
    t.chars().next().is_some_and(is_open_mark)
        && body.chars().next_back().is_some_and(is_close_mark)
        && body.chars().count() > 2
}

/// Parses a brat file into gold quotes, converting character offsets to bytes of `text`.
fn parse_ann(ann: &str, text: &str) -> Result<DocGold, String> {
    let mut char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    char_to_byte.push(text.len());
    let byte = |c: usize| {
        char_to_byte
            .get(c)
            .copied()
            .ok_or_else(|| format!("offset {c} past the text"))
    };
    // T id -> fragments in bytes.
    let mut spans: std::collections::BTreeMap<&str, Vec<(usize, usize)>> = Default::default();
    let mut relations: Vec<&str> = Vec::new();
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = body.split_once(' ') else {
                return Err(format!("bad span line {line:?}"));
            };
            let mut frags = Vec::new();
            for range in ranges.split(';') {
                let mut nums = range.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(s)), Some(Ok(e))) = (nums.next(), nums.next()) else {
                    return Err(format!("bad range in {line:?}"));
                };
                frags.push((byte(s)?, byte(e)?));
            }
            spans.insert(id, frags);
        } else if id.starts_with('E') {
            relations.push(body);
        }
    }
    let mut gold = DocGold::default();
    for body in relations {
        let mut content = None;
        let mut source = None;
        for arg in body.split_whitespace().skip(1) {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Content" => content = spans.get(id),
                "Source" => source = spans.get(id).cloned(),
                _ => {}
            }
        }
        for &(s, e) in content.into_iter().flatten() {
            if is_direct(&text[s..e]) {
                gold.direct.push(Gold {
                    content: (s, e),
                    source: source.clone(),
                });
            } else {
                gold.indirect.push((s, e));
            }
        }
    }
    gold.direct.sort_by_key(|g| g.content);
    gold.direct.dedup_by_key(|g| g.content);
    Ok(gold)
}

/// Trims whitespace, quotation marks and `.,;:` from both ends of a span.
fn core(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let strip = |c: char| {
        c.is_whitespace()
            || is_open_mark(c)
            || is_close_mark(c)
            || matches!(c, '.' | ',' | ';' | ':' | '»' | '«')
    };
    let slice = &text[s..e];
    let start = s + (slice.len() - slice.trim_start_matches(strip).len());
    let end = start + text[start..e].trim_end_matches(strip).len();
    (start, end.max(start))
}

/// Word tokens (byte ranges of alphanumeric runs) of a span.
fn words(text: &str, (s, e): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[s..e].char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(s + i);
        } else if let Some(st) = start.take() {
            out.push((st, s + i));
        }
    }
    if let Some(st) = start {
        out.push((st, e));
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn speaker_right(text: &str, quote: &Quote, source: &[(usize, usize)]) -> bool {
    if let Some(span) = quote.speaker_span
        && source
            .iter()
            .any(|&s| overlaps((span.start as usize, span.end as usize), s))
    {
        return true;
    }
    let Some(last) = quote
        .speaker
        .as_deref()
        .and_then(|n| n.split_whitespace().next_back())
    else {
        return false;
    };
    source.iter().any(|&(s, e)| {
        words(text, (s, e))
            .iter()
            .any(|&(a, b)| &text[a..b] == last.trim_matches(|c: char| !c.is_alphanumeric()))
    })
}

fn score(text: &str, gold: &DocGold, predicted: &[Quote], counts: &mut Counts) {
    counts.gold += gold.direct.len() as u64;
    let gold_cores: Vec<(usize, usize)> =
        gold.direct.iter().map(|g| core(text, g.content)).collect();
    let gold_words: Vec<Vec<(usize, usize)>> = gold_cores.iter().map(|&c| words(text, c)).collect();
    let mut gold_used_exact = vec![false; gold.direct.len()];
    let mut gold_used_relaxed = vec![false; gold.direct.len()];
    // Candidate relaxed pairs: (overlap, pred, gold).
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (pi, q) in predicted.iter().enumerate() {
        let span = (q.span.start as usize, q.span.end as usize);
        let matches_gold = gold.direct.iter().any(|g| overlaps(span, g.content));
        if !matches_gold
            && gold
                .indirect
                .iter()
                .any(|&(s, e)| s <= span.0 && span.1 <= e)
        {
            counts.ignored += 1;
            continue;
        }
        counts.predicted += 1;
        let pc = core(text, span);
        let pw = words(text, pc);
        for (gi, gc) in gold_cores.iter().enumerate() {
            if pc == *gc && !gold_used_exact[gi] {
                gold_used_exact[gi] = true;
                counts.exact += 1;
                if let Some(source) = &gold.direct[gi].source {
                    counts.speaker_scored_exact += 1;
                    counts.speaker_right_exact += u64::from(speaker_right(text, q, source));
                }
            }
            let common = pw.iter().filter(|w| gold_words[gi].contains(w)).count();
            if common * 2 >= gold_words[gi].len().max(1)
                && common * 2 >= pw.len().max(1)
                && common > 0
            {
                pairs.push((common, pi, gi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut pred_used = vec![false; predicted.len()];
    for (_, pi, gi) in pairs {
        if pred_used[pi] || gold_used_relaxed[gi] {
            continue;
        }
        pred_used[pi] = true;
        gold_used_relaxed[gi] = true;
        counts.relaxed += 1;
        if let Some(source) = &gold.direct[gi].source {
            counts.speaker_scored_relaxed += 1;
            counts.speaker_right_relaxed += u64::from(speaker_right(text, &predicted[pi], source));
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn prf(hit: u64, predicted: u64, gold: u64) -> (f64, f64, f64) {
    let p = ratio(hit, predicted);
    let r = ratio(hit, gold);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn report(split: &Path, docs: usize, c: &Counts) -> EvalReport {
    let row = |name: &str, hit: u64, right: u64, scored: u64| {
        let (p, r, f) = prf(hit, c.predicted, c.gold);
        EvalRow {
            name: name.to_owned(),
            n: c.gold,
            metrics: vec![
                ("precision".into(), p),
                ("recall".into(), r),
                ("f1".into(), f),
                ("speaker_acc".into(), ratio(right, scored)),
            ],
        }
    };
    let relaxed = prf(c.relaxed, c.predicted, c.gold);
    EvalReport {
        task: "quotes".into(),
        data: format!(
            "{} ({docs} documents, {} gold direct quotes, {} predicted, {} inside indirect content not counted)",
            split.display(),
            c.gold,
            c.predicted,
            c.ignored
        ),
        rows: vec![
            row(
                "exact",
                c.exact,
                c.speaker_right_exact,
                c.speaker_scored_exact,
            ),
            row(
                "relaxed",
                c.relaxed,
                c.speaker_right_relaxed,
                c.speaker_scored_relaxed,
            ),
        ],
        summary: vec![
            ("relaxed f1".into(), relaxed.2),
            (
                "speaker accuracy (relaxed matches)".into(),
                ratio(c.speaker_right_relaxed, c.speaker_scored_relaxed),
            ),
        ],
        peers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::Span;

    /// A cut of PolNeAR's format (made up text, same layout as `dev/attributions/*.ann`).
    const TEXT: &str = "“We will win,” said Smith. Jones said that taxes will “go up” soon. “Nothing,” Brown added.";
    const ANN: &str = "T1\tContent 0 14\t“We will win,”\n\
        T2\tCue 15 19\tsaid\n\
        T3\tSource 20 25\tSmith\n\
        E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n\
        T4\tSource 27 32\tJones\n\
        T5\tCue 33 37\tsaid\n\
        T6\tContent 38 66\tthat taxes will “go up” soon\n\
        E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n\
        T7\tContent 68 78\t“Nothing,”\n\
        T8\tSource 79 84\tBrown\n\
        E3\tAttribution:T8 Content:T7 Source:T8\n";

    fn quote(text: &str, content: &str, speaker: Option<&str>) -> Quote {
        let s = text.find(content).unwrap();
        let speaker_span = speaker.map(|n| {
            let p = text.find(n).unwrap();
            Span::new(p, p + n.len())
        });
        Quote {
            span: Span::new(s, s + content.len()),
            speaker: speaker.map(str::to_owned),
            speaker_span,
            cue: None,
            partial: false,
        }
    }

    /// Checks the counts for a set of predictions against the inline example.
    fn check(predicted: &[Quote], expected: Counts) {
        let gold = parse_ann(ANN, TEXT).unwrap();
        let mut counts = Counts::default();
        score(TEXT, &gold, predicted, &mut counts);
        assert_eq!(counts, expected);
    }

    #[test]
    fn gold_subset() {
        let gold = parse_ann(ANN, TEXT).unwrap();
        let texts: Vec<&str> = gold
            .direct
            .iter()
            .map(|g| &TEXT[g.content.0..g.content.1])
            .collect();
        assert_eq!(texts, ["“We will win,”", "“Nothing,”"]);
        assert_eq!(gold.indirect.len(), 1);
    }

    #[test]
    fn scoring() {
        // Both right, speakers right; the partial quote inside indirect speech is not counted.
        check(
            &[
                quote(TEXT, "We will win", Some("Smith")),
                quote(TEXT, "go up", Some("Jones")),
                quote(TEXT, "Nothing", Some("Brown")),
            ],
            Counts {
                gold: 2,
                predicted: 2,
                exact: 2,
                relaxed: 2,
                speaker_scored_exact: 2,
                speaker_right_exact: 2,
                speaker_scored_relaxed: 2,
                speaker_right_relaxed: 2,
                ignored: 1,
            },
        );
        // A too-short span matches relaxed only; a wrong speaker; a false positive outside content.
        check(
            &[
                quote(TEXT, "We will", Some("Jones")),
                quote(TEXT, "Smith", None),
            ],
            Counts {
                gold: 2,
                predicted: 2,
                exact: 0,
                relaxed: 1,
                speaker_scored_relaxed: 1,
                ..Counts::default()
            },
        );
    }

    #[test]
    fn direct_fragments() {
        for (fragment, direct) in [
            ("“One of the things,”", true),
            ("\"It is.\"", true),
            ("“in Their Heads.’", true),
            ("that she didn’t want the escort", false),
            ("Democrat Voters Worried; It’s ‘in Their Heads.’", false),
        ] {
            assert_eq!(is_direct(fragment), direct, "{fragment}");
        }
    }
}
