//! Fixed tables of short ASCII words (tag names, class-name words), looked up by the word packed
//! into one integer: no string compares and no allocation per lookup.
//!
//! A word of up to [`MAX_LEN`] bytes packs, lower-cased, into a `u128` (first byte lowest, as
//! `u128::from_le_bytes` reads a lower-cased copy), so a key compare is one integer compare and a
//! prefix test is a mask. Longer words have no key; the tables hold no such words. The tables are
//! built once, on first use.

/// Longest word a key holds.
pub(crate) const MAX_LEN: usize = 16;

/// The key of `word` (ASCII lower-cased), or of its first [`MAX_LEN`] bytes if it is longer.
pub(crate) const fn pack(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < word.len() && i < MAX_LEN {
        key |= (word[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    key
}

/// The key of the alphanumeric word `hay[start..end]` (letters and digits only: for them, and
/// only for them among what tables hold, setting bit 0x20 lower-cases). Reads 16 bytes at once
/// when the haystack has them.
pub(crate) fn key_at(hay: &[u8], start: usize, end: usize) -> u128 {
    let len = (end - start).min(MAX_LEN);
    let raw = match hay.get(start..start + MAX_LEN) {
        Some(chunk) => {
            let mut bytes = [0u8; MAX_LEN];
            bytes.copy_from_slice(chunk);
            u128::from_le_bytes(bytes)
        }
        None => {
            let mut bytes = [0u8; MAX_LEN];
            bytes[..len].copy_from_slice(&hay[start..start + len]);
            u128::from_le_bytes(bytes)
        }
    };
    let mask = if len == MAX_LEN {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    (raw | 0x2020_2020_2020_2020_2020_2020_2020_2020) & mask
}

/// Whether the word of `key` starts with `prefix` (lower-case, at most [`MAX_LEN`] bytes).
pub(crate) const fn starts_with(key: u128, prefix: &[u8]) -> bool {
    let mask = if prefix.len() >= MAX_LEN {
        u128::MAX
    } else {
        (1u128 << (8 * prefix.len())) - 1
    };
    key & mask == pack(prefix)
}

/// An open-addressed table from word keys to values.
pub(crate) struct Lexicon<V> {
    /// (key, value) pairs; key 0 marks an empty slot.
    slots: Box<[(u128, V)]>,
    shift: u32,
}

impl<V: Copy> Lexicon<V> {
    /// A table of `entries` (words of at most [`MAX_LEN`] bytes; a later duplicate is ignored);
    /// `fill` is a placeholder value for empty slots, never returned.
    pub(crate) fn new(entries: &[(&[u8], V)], fill: V) -> Lexicon<V> {
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = Lexicon {
            slots: vec![(0, fill); size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
        };
        for &(word, value) in entries {
            debug_assert!(!word.is_empty() && word.len() <= MAX_LEN);
            let key = pack(word);
            let mut i = table.slot(key);
            while table.slots[i].0 != 0 && table.slots[i].0 != key {
                i = (i + 1) & (size - 1);
            }
            if table.slots[i].0 == 0 {
                table.slots[i] = (key, value);
            }
        }
        table
    }

    fn slot(&self, key: u128) -> usize {
        let h = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The value of the word with `key` (0, the empty word, is never found).
    pub(crate) fn get(&self, key: u128) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.slots[i] {
                (0, _) => return None,
                (k, value) if k == key => return Some(value),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_words_it_holds() {
        let words: &[(&[u8], u8)] = &[
            (b"a", 1),
            (b"ad", 2),
            (b"blockquote", 3),
            (b"sixteen-letters!", 4),
        ];
        let table = Lexicon::new(words, 0);
        let check = |word: &[u8], want: Option<u8>| {
            assert_eq!(
                table.get(pack(word)),
                want,
                "{:?}",
                String::from_utf8_lossy(word)
            );
        };
        check(b"a", Some(1));
        check(b"AD", Some(2));
        check(b"BlockQuote", Some(3));
        check(b"sixteen-letters!", Some(4));
        check(b"", None);
        check(b"ads", None);
        check(b"blockquot", None);
        check(b"x", None);
    }

    #[test]
    fn keys_read_in_place_equal_packed_keys() {
        let hay = b"div Blockquote x12 articleBODY-and-a-long-tail end";
        for (start, end) in [(0, 3), (4, 14), (15, 18), (19, 30), (19, 45), (46, 49)] {
            let word = &hay[start..end];
            assert_eq!(
                key_at(hay, start, end),
                pack(word),
                "{:?}",
                String::from_utf8_lossy(word)
            );
        }
    }

    #[test]
    fn prefixes() {
        let check = |word: &[u8], prefix: &[u8], want: bool| {
            assert_eq!(starts_with(pack(word), prefix), want, "{word:?} {prefix:?}");
        };
        check(b"commentary", b"comment", true);
        check(b"Comment", b"comment", true);
        check(b"comment", b"commentary", false);
        check(b"com", b"comment", false);
        check(b"navigation-and-more", b"nav", true);
        check(b"navigation-and-more", b"navigation-and-m", true);
        check(b"sharing", b"share", false);
    }
}
