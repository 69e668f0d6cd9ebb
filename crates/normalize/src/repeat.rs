//! Lines that repeat across documents of the same site: banners, footers and disclaimers a scraper
//! kept in every page.
//!
//! The state across documents lives in a [`RepeatTracker`] that the caller drives on one thread,
//! in input order: [`RepeatTracker::observe`] hands each document a [`RunContext`] naming which of
//! its lines were already seen in an *earlier* document of the same site, then counts the
//! document's own lines. Nothing is held back, so no document waits outside the pipeline's byte
//! budget, and the answer depends only on what came before in input order, never on thread count,
//! batch size or what comes after: a corpus read in two runs, the second resuming the first's
//! statistics ([`RepeatTracker::snapshot`], [`RepeatTracker::resume`]), gets the same clean text
//! as one run over everything. The first document of a site has no evidence yet and keeps its
//! repeated lines; cue phrases still remove its chrome.
//!
//! A line counts as repeated only when a document with *different* bytes had it: exact copies of one
//! article are not evidence of chrome. What is done with a repeated line is decided in
//! [`crate::lines`]: only lines that look like chrome go, never the prose of an article's body and
//! never a whole document.
//!
//! Memory is bounded in bytes: past the budget, the lines seen in only one document are forgotten
//! first (most lines of article bodies), then the rarest of the rest, the same way at any order of
//! sites, so the pruning is deterministic.
//!
//! It tracks plain-text documents only: HTML chrome is the HTML extractor's business.

use std::collections::HashMap;

use concord_model::{LineCount, Media, RawDoc, RepeatStats};
use xxhash_rust::xxh3::Xxh3;

/// Per-document hints from the run: which of its lines repeat across the site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunContext {
    /// Keys ([`line_key`]) of the document's lines seen in another document of the same site,
    /// sorted.
    repeated: Vec<u64>,
}

impl RunContext {
    /// No run information: the document is cleaned on its own.
    pub fn none() -> RunContext {
        RunContext::default()
    }

    /// A context naming these repeated line keys (any order, duplicates allowed).
    pub fn with_repeated(mut keys: Vec<u64>) -> RunContext {
        keys.sort_unstable();
        keys.dedup();
        RunContext { repeated: keys }
    }

    /// Whether the line with key `key` repeats across the site.
    pub fn is_repeated(&self, key: u64) -> bool {
        self.repeated.binary_search(&key).is_ok()
    }

    /// How many distinct lines of the document repeat across the site.
    pub fn repeated_lines(&self) -> usize {
        self.repeated.len()
    }
}

/// The identity of a line for repetition: its letters and digits, lowercased, hashed; `None` for a
/// line with fewer than three of them. Spacing, punctuation and quote styles do not matter.
///
/// The key is the XXH3 of the concatenated lowercased characters. They are gathered in a stack
/// buffer and hashed in chunks (XXH3 streams give the one-shot hash whatever the chunking), since
/// hashing character by character cost more than everything else on a line.
pub fn line_key(line: &str) -> Option<u64> {
    const CHUNK: usize = 256;
    let mut buf = [0u8; CHUNK + 8];
    let mut len = 0;
    let mut hasher: Option<Xxh3> = None;
    let mut count = 0usize;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if len >= CHUNK {
            hasher.get_or_insert_with(Xxh3::new).update(&buf[..len]);
            len = 0;
        }
        let b = bytes[i];
        if b.is_ascii() {
            // Without a branch on the byte's class (spaces and punctuation come at random): the
            // slot past the key is free, so a dropped byte may be written there.
            let key = ASCII_KEY[usize::from(b)];
            buf[len] = key;
            let kept = usize::from(key != 0);
            len += kept;
            count += kept;
            i += 1;
            continue;
        }
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if let Some(lower) = simple_lower(c) {
            len += lower.encode_utf8(&mut buf[len..]).len();
            count += 1;
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                if len + 4 > buf.len() {
                    hasher.get_or_insert_with(Xxh3::new).update(&buf[..len]);
                    len = 0;
                }
                len += lower.encode_utf8(&mut buf[len..]).len();
            }
            count += 1;
        }
    }
    if count < 3 {
        return None;
    }
    Some(match hasher {
        Some(mut hasher) => {
            hasher.update(&buf[..len]);
            hasher.digest()
        }
        None => xxhash_rust::xxh3::xxh3_64(&buf[..len]),
    })
}

/// What an ASCII byte adds to a line key: its lowercase if it is a letter or digit, else 0.
const ASCII_KEY: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The lowercase of `c` when `c` is a letter of Latin-1, Latin Extended-A or basic Cyrillic
/// whose lowercase is one character, computed without the Unicode tables (a test checks every
/// answer against them); `None` for anything else, the tables decide then.
pub(crate) fn simple_lower(c: char) -> Option<char> {
    let code = c as u32;
    let shifted = |by: u32| char::from_u32(code + by);
    match code {
        0xc0..=0xde if code != 0xd7 => shifted(0x20),
        0xdf..=0xff if code != 0xf7 => Some(c),
        // Latin Extended-A pairs: upper then lower, the odd ones out left to the tables.
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 => {
            Some(if code % 2 == 0 { shifted(1)? } else { c })
        }
        0x139..=0x148 | 0x179..=0x17e => Some(if code % 2 == 1 { shifted(1)? } else { c }),
        0x400..=0x40f => shifted(0x50),
        0x410..=0x42f => shifted(0x20),
        0x430..=0x45f => Some(c),
        _ => None,
    }
}

/// The site a document belongs to: its URL host, else its declared site, else its folder.
pub fn site_key(doc: &RawDoc) -> String {
    if let Some(host) = doc.source.url.as_deref().and_then(url_host) {
        return host.to_owned();
    }
    if let Some(site) = doc.site.as_deref().filter(|s| !s.trim().is_empty()) {
        return format!("site:{}", site.trim().to_lowercase());
    }
    let path = doc.source.path.as_str();
    match path.rfind(['/', '\\']) {
        Some(at) => format!("dir:{}", &path[..at]),
        None => "dir:.".to_owned(),
    }
}

/// The host of a URL, lowercased is up to the caller; `www.` is dropped.
pub(crate) fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// What the tracker knows of one line of one site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    /// Documents with distinct content that had it.
    documents: u32,
    /// Content hash of the last of them.
    last_content: u64,
}

/// Bytes one counted line costs in memory (key, value and the hash table's share), for the budget.
const BYTES_PER_LINE: usize = 48;

/// Finds lines repeated across documents of the same site, deterministically (see the module doc).
#[derive(Debug)]
pub struct RepeatTracker {
    /// Per (site, line key).
    seen: HashMap<(u64, u64), Seen>,
    /// Lines kept at most, from the byte budget.
    max_lines: usize,
}

impl RepeatTracker {
    /// A tracker whose statistics take at most about `budget_bytes` of memory.
    pub fn new(budget_bytes: usize) -> RepeatTracker {
        RepeatTracker {
            seen: HashMap::new(),
            max_lines: (budget_bytes / BYTES_PER_LINE).max(1024),
        }
    }

    /// A tracker that goes on from the statistics of an earlier run.
    pub fn resume(stats: &RepeatStats, budget_bytes: usize) -> RepeatTracker {
        let mut tracker = RepeatTracker::new(budget_bytes);
        for line in &stats.lines {
            tracker.seen.insert(
                (line.site, line.line),
                Seen {
                    documents: line.documents,
                    last_content: line.last_content,
                },
            );
        }
        // Prune only as `observe` would, so a resumed run cleans as one run over everything.
        if tracker.seen.len() > tracker.max_lines {
            tracker.prune();
        }
        tracker
    }

    /// The statistics so far, for a later run to resume.
    pub fn snapshot(&self) -> RepeatStats {
        let mut lines: Vec<LineCount> = self
            .seen
            .iter()
            .map(|(&(site, line), seen)| LineCount {
                site,
                line,
                documents: seen.documents,
                last_content: seen.last_content,
            })
            .collect();
        lines.sort_unstable();
        RepeatStats { lines }
    }

    /// The context of the next document in input order: which of its lines an earlier document of
    /// the same site with other content had. Then counts the document's lines.
    pub fn observe(&mut self, doc: &RawDoc) -> RunContext {
        if doc.media != Media::Text {
            return RunContext::none();
        }
        let site = hash_str(&site_key(doc));
        let mut keys: Vec<u64> = doc.body.lines().filter_map(line_key).collect();
        keys.sort_unstable();
        keys.dedup();
        let content = doc.content_hash.0;
        let mut repeated = Vec::new();
        for key in keys {
            match self.seen.get_mut(&(site, key)) {
                Some(seen) if seen.last_content != content => {
                    repeated.push(key);
                    seen.documents = seen.documents.saturating_add(1);
                    seen.last_content = content;
                }
                // An exact copy of the last document with the line: not new evidence.
                Some(_) => {}
                None => {
                    self.seen.insert(
                        (site, key),
                        Seen {
                            documents: 1,
                            last_content: content,
                        },
                    );
                }
            }
        }
        if self.seen.len() > self.max_lines {
            self.prune();
        }
        RunContext { repeated }
    }

    /// Lines counted, for tests and diagnostics.
    pub fn lines(&self) -> usize {
        self.seen.len()
    }

    /// Forgets the rarest lines until at most half the budget is used: those seen once first,
    /// then twice, and so on. Which lines go depends only on their counts, never on the order of the
    /// table, so runs stay deterministic.
    fn prune(&mut self) {
        let target = self.max_lines / 2;
        let mut threshold = 1;
        while self.seen.len() > target {
            self.seen.retain(|_, seen| seen.documents > threshold);
            threshold += 1;
        }
    }
}

fn hash_str(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, body: &str) -> RawDoc {
        crate::tests::raw(path, body, Media::Text)
    }

    /// Runs `docs` through a tracker and lists per document the repeated lines among its own.
    fn run(docs: &[RawDoc], budget: usize) -> Vec<(String, Vec<String>)> {
        let mut tracker = RepeatTracker::new(budget);
        docs.iter()
            .map(|d| {
                let ctx = tracker.observe(d);
                let lines = d
                    .body
                    .lines()
                    .filter(|l| line_key(l).is_some_and(|k| ctx.is_repeated(k)))
                    .map(str::to_owned)
                    .collect();
                (d.source.path.clone(), lines)
            })
            .collect()
    }

    #[track_caller]
    fn check(docs: &[RawDoc], expected: &[(&str, &[&str])]) {
        let got = run(docs, 1 << 20);
        let want: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(p, l)| ((*p).to_owned(), l.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn repeats_within_a_site_from_earlier_documents() {
        let docs = [
            doc(
                "a/1.txt",
                "The Limited Times\nPutin spoke.\nFooter line here",
            ),
            doc(
                "a/2.txt",
                "The Limited Times\nBiden spoke.\nFooter  line, here!",
            ),
            doc("b/3.txt", "The Limited Times\nOther site."),
            doc("a/4.txt", "Nothing shared.\nFooter line here"),
            doc("a/5.txt", "The Limited Times\nFar away."),
        ];
        check(
            &docs,
            &[
                // The first document of a site has no evidence yet.
                ("a/1.txt", &[]),
                ("a/2.txt", &["The Limited Times", "Footer  line, here!"]),
                // Another site's lines are never evidence.
                ("b/3.txt", &[]),
                ("a/4.txt", &["Footer line here"]),
                ("a/5.txt", &["The Limited Times"]),
            ],
        );
    }

    #[test]
    fn exact_copies_are_not_evidence() {
        let docs = [
            doc("a/1.txt", "Same article.\nSame text."),
            doc("a/1.txt", "Same article.\nSame text."),
            doc("a/2.txt", "Other.\nSame text."),
        ];
        check(
            &docs,
            &[
                ("a/1.txt", &[]),
                ("a/1.txt", &[]),
                ("a/2.txt", &["Same text."]),
            ],
        );
    }

    /// Two runs, the second resuming the first's statistics, give what one run over both gives.
    #[test]
    fn resumed_statistics_give_the_single_run_answer() {
        let docs: Vec<RawDoc> = (0..12)
            .map(|i| {
                doc(
                    &format!("s/{i}.txt"),
                    &format!("Banner of the site\nStory {i} told once.\nFooter {}", i % 3),
                )
            })
            .collect();
        let single = run(&docs, 1 << 20);
        let mut first = RepeatTracker::new(1 << 20);
        for d in &docs[..5] {
            first.observe(d);
        }
        let stats = first.snapshot();
        let mut second = RepeatTracker::resume(&stats, 1 << 20);
        for (d, (_, want)) in docs[5..].iter().zip(&single[5..]) {
            let ctx = second.observe(d);
            let got: Vec<String> = d
                .body
                .lines()
                .filter(|l| line_key(l).is_some_and(|k| ctx.is_repeated(k)))
                .map(str::to_owned)
                .collect();
            assert_eq!(&got, want, "{}", d.source.path);
        }
    }

    /// Memory stays within the budget however many distinct lines come, and the lines that
    /// repeat survive the pruning.
    #[test]
    fn memory_is_bounded_by_the_budget() {
        let budget = 64 * 1024;
        let mut tracker = RepeatTracker::new(budget);
        for i in 0..5_000 {
            let body = format!("Site banner here\nUnique line number {i} of the corpus");
            tracker.observe(&doc(&format!("s/{i}.txt"), &body));
            assert!(
                tracker.lines() * BYTES_PER_LINE
                    <= budget.max(1024 * BYTES_PER_LINE) + BYTES_PER_LINE
            );
        }
        let ctx = tracker.observe(&doc("s/last.txt", "Site banner here\nNew"));
        assert_eq!(ctx.repeated_lines(), 1, "the banner survived pruning");
    }

    /// The key of `line` is the XXH3 of its lowercased letters and digits, and equal for `same`.
    #[track_caller]
    fn check_key(line: &str, same: &str) {
        let folded: String = line
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let expected = (line.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
            .then(|| xxhash_rust::xxh3::xxh3_64(folded.as_bytes()));
        assert_eq!(line_key(line), expected, "line: {line:?}");
        assert_eq!(line_key(same), expected, "line: {same:?}");
    }

    #[test]
    fn simple_lower_agrees_with_the_tables() {
        for c in '\0'..='\u{530}' {
            if let Some(lower) = simple_lower(c) {
                assert!(c.is_alphanumeric(), "{c:?}");
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [lower], "{c:?}");
            }
        }
        for c in ['Ł', 'ł', 'Č', 'Ž', 'Ї', 'Я', 'Ö', 'ß'] {
            assert!(simple_lower(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn line_keys() {
        check_key("Read more: Our NEWSLETTER!", "read more our newsletter");
        check_key(
            "Подпишитесь на НАШ канал «Ёлка»",
            "подпишитесь на наш канал ёлка",
        );
        check_key("İstanbul’da ÇOK güzel", "İSTANBUL da çok GÜZEL");
        check_key("Ab", "a b");
        check_key("ŁÓDŹ, Čeština × ÷ Їжак ß", "łódź češtinaїжакß");
        check_key("ΑΘΗΝΑ 2024 — Ελλάδα", "αθηνα2024ελλάδα");
        // Longer than the hashing chunk, with multi-byte letters across its edge.
        let long = "Всё Ещё ДАЛЕКО ".repeat(40);
        check_key(&long, &long.to_lowercase());
        let mixed = "x".repeat(255) + "ÉÉ" + &"ДЖ".repeat(200);
        check_key(&mixed, &mixed.to_lowercase());
    }

    #[test]
    fn sites() {
        let mut d = doc("x/y/z.jsonl", "a");
        assert_eq!(site_key(&d), "dir:x/y");
        d.site = Some("Le Monde".into());
        assert_eq!(site_key(&d), "site:le monde");
        d.source.url = Some("https://www.lemonde.fr/international/a.html".into());
        assert_eq!(site_key(&d), "lemonde.fr");
    }
}
