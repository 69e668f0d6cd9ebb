//! Eight text bytes at a time in one `u64`: the few bit tests that normalize's hot scans share
//! (HTML parsing and text runs, collapsed lines, sentence terminators). A test flags a byte by
//! setting its bit 7; bytes are read little-endian, so the lowest flag is the first byte.
//!
//! Two kinds of flags: exact ones (every flagged byte matches) and "first only" ones, where a
//! borrow can flag bytes above the first match; those are only for "is there one" and "where is
//! the first".

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// Bit 7 of every byte.
pub(crate) const HIGH: u64 = ONES << 7;
/// Bits 0-6 of every byte.
const LOW: u64 = !HIGH;

/// The first 8 bytes of `chunk` (which holds at least 8) as one little-endian integer.
#[inline(always)]
pub(crate) fn load(chunk: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&chunk[..8]);
    u64::from_le_bytes(bytes)
}

/// Flags the zero bytes of `x`, exactly (no carry crosses a byte).
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW) + LOW) | x | LOW)
}

/// Flags the bytes of `x` equal to `byte`, exactly.
#[inline(always)]
pub(crate) fn eq_bytes(x: u64, byte: u8) -> u64 {
    zero_bytes(x ^ (ONES * u64::from(byte)))
}

/// Flags bytes of `x` equal to `byte`: first only.
#[inline(always)]
pub(crate) fn first_eq(x: u64, byte: u8) -> u64 {
    let v = x ^ (ONES * u64::from(byte));
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Flags bytes of `x` below `bound` (at most `0x80`): first only.
#[inline(always)]
pub(crate) fn first_below(x: u64, bound: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(bound)) & !x & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test against a byte-by-byte answer, at every position of a match in the word.
    #[test]
    fn tests_agree_with_bytes() {
        let base = *b"abcdefgh";
        for at in 0..8 {
            for b in [0u8, b' ', b'&', 0x1f, 0x7f, 0x80, 0xff] {
                let mut w = base;
                w[at] = b;
                let x = load(&w);
                let exact = |f: &dyn Fn(u8) -> bool| {
                    w.iter()
                        .enumerate()
                        .filter(|&(_, &c)| f(c))
                        .fold(0u64, |acc, (i, _)| acc | 0x80 << (8 * i))
                };
                let first = |flags: u64| (flags != 0).then(|| flags.trailing_zeros() / 8);
                assert_eq!(zero_bytes(x), exact(&|c| c == 0), "{w:?}");
                assert_eq!(eq_bytes(x, b), exact(&|c| c == b), "{w:?}");
                assert_eq!(first(first_eq(x, b)), first(exact(&|c| c == b)), "{w:?}");
                assert_eq!(
                    first(first_below(x, 0x21)),
                    first(exact(&|c| c < 0x21)),
                    "{w:?}"
                );
            }
        }
    }
}
