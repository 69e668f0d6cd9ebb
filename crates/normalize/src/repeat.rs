//! Lines that repeat across documents of the same site within a run: banners, footers and
//! disclaimers a scraper kept in every page.
//!
//! The state across documents lives in a [`RepeatTracker`] that the caller drives on one thread,
//! in input order: it delays each document until the `window` documents after it have been seen,
//! then hands it out with a [`RunContext`] naming which of its lines also occur in another document
//! of the same site among the `window` documents before and after it. The answer depends only on
//! the input order, never on thread count or batch size, and memory is bounded by the window.
//! A line counts as repeated only when a document with *different* bytes has it too: exact copies
//! of one article are not evidence of chrome.
//!
//! It tracks plain-text documents only: HTML chrome is the HTML extractor's business.

use std::collections::{HashMap, VecDeque};

use concord_model::{Media, RawDoc};
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

/// One document in the window.
#[derive(Debug)]
struct Slot {
    site: u64,
    content: u64,
    /// Sorted, deduplicated line keys.
    keys: Vec<u64>,
}

/// Finds lines repeated across documents of the same site, deterministically (see the module doc).
#[derive(Debug)]
pub struct RepeatTracker {
    window: usize,
    /// Documents from `window` before the next one out to the newest.
    slots: VecDeque<Slot>,
    /// The documents not handed out yet: the last `pending.len()` slots.
    pending: VecDeque<RawDoc>,
    /// For each (site, line): the distinct contents having it in `slots`, with counts.
    witnesses: HashMap<(u64, u64), Vec<(u64, u32)>>,
}

impl RepeatTracker {
    /// A tracker comparing each document with the `window` documents before and after it.
    pub fn new(window: usize) -> RepeatTracker {
        RepeatTracker {
            window,
            slots: VecDeque::new(),
            pending: VecDeque::new(),
            witnesses: HashMap::new(),
        }
    }

    /// Takes the next document in input order; returns the documents now ready, in order.
    pub fn push(&mut self, doc: RawDoc) -> Vec<(RawDoc, RunContext)> {
        let site = hash_str(&site_key(&doc));
        let keys = if doc.media == Media::Text {
            let mut keys: Vec<u64> = doc.body.lines().filter_map(line_key).collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        } else {
            Vec::new()
        };
        let content = doc.content_hash.0;
        for &key in &keys {
            let entry = self.witnesses.entry((site, key)).or_default();
            match entry.iter_mut().find(|(c, _)| *c == content) {
                Some((_, count)) => *count += 1,
                None => entry.push((content, 1)),
            }
        }
        self.slots.push_back(Slot {
            site,
            content,
            keys,
        });
        self.pending.push_back(doc);
        let mut ready = Vec::new();
        while self.pending.len() > self.window {
            ready.extend(self.emit_next());
        }
        ready
    }

    /// Hands out every document still waiting, in order.
    pub fn finish(mut self) -> Vec<(RawDoc, RunContext)> {
        let mut ready = Vec::new();
        while let Some(next) = self.emit_next() {
            ready.push(next);
        }
        ready
    }

    /// Hands out the oldest waiting document; it has seen up to `window` documents on each side.
    fn emit_next(&mut self) -> Option<(RawDoc, RunContext)> {
        let doc = self.pending.pop_front()?;
        // The slot of `doc` is now at `slots.len() - pending.len() - 1`; keep `window` before it.
        while self.slots.len() - self.pending.len() - 1 > self.window {
            self.evict_front();
        }
        let slot = &self.slots[self.slots.len() - self.pending.len() - 1];
        let repeated: Vec<u64> = slot
            .keys
            .iter()
            .copied()
            .filter(|&key| {
                self.witnesses
                    .get(&(slot.site, key))
                    .is_some_and(|contents| contents.len() >= 2)
            })
            .collect();
        Some((doc, RunContext { repeated }))
    }

    fn evict_front(&mut self) {
        if let Some(slot) = self.slots.pop_front() {
            for key in slot.keys {
                if let Some(entry) = self.witnesses.get_mut(&(slot.site, key)) {
                    if let Some(at) = entry.iter().position(|(c, _)| *c == slot.content) {
                        entry[at].1 -= 1;
                        if entry[at].1 == 0 {
                            entry.swap_remove(at);
                        }
                    }
                    if entry.is_empty() {
                        self.witnesses.remove(&(slot.site, key));
                    }
                }
            }
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

    /// Runs `docs` through a tracker of `window`, pushing in chunks of `chunk` (as a pipeline with
    /// that batch size would), and lists per document the repeated lines among its own.
    fn run(docs: &[RawDoc], window: usize, chunk: usize) -> Vec<(String, Vec<String>)> {
        let mut tracker = RepeatTracker::new(window);
        let mut out = Vec::new();
        for batch in docs.chunks(chunk.max(1)) {
            for d in batch {
                out.extend(tracker.push(d.clone()));
            }
        }
        out.extend(tracker.finish());
        out.into_iter()
            .map(|(d, ctx)| {
                let lines = d
                    .body
                    .lines()
                    .filter(|l| line_key(l).is_some_and(|k| ctx.is_repeated(k)))
                    .map(str::to_owned)
                    .collect();
                (d.source.path, lines)
            })
            .collect()
    }

    #[track_caller]
    fn check(docs: &[RawDoc], window: usize, expected: &[(&str, &[&str])]) {
        let got = run(docs, window, 1);
        let want: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(p, l)| ((*p).to_owned(), l.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
        assert_eq!(got, want);
        // Same answer at any batch size.
        for chunk in [2, 3, 7, 100] {
            assert_eq!(run(docs, window, chunk), want, "chunk {chunk}");
        }
    }

    #[test]
    fn repeats_within_a_site_and_window() {
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
            2,
            &[
                ("a/1.txt", &["The Limited Times", "Footer line here"]),
                ("a/2.txt", &["The Limited Times", "Footer  line, here!"]),
                ("b/3.txt", &[]),
                ("a/4.txt", &["Footer line here"]),
                // Doc 2 is within two documents; doc 1 is not, but doc 2 is enough.
                ("a/5.txt", &[]),
            ],
        );
        // With a window of 3, doc 5 sees doc 2.
        let wide = run(&docs, 3, 1);
        assert_eq!(wide[4].1, vec!["The Limited Times".to_owned()]);
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
            4,
            &[
                ("a/1.txt", &["Same text."]),
                ("a/1.txt", &["Same text."]),
                ("a/2.txt", &["Same text."]),
            ],
        );
        check(&docs[..2], 4, &[("a/1.txt", &[]), ("a/1.txt", &[])]);
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
