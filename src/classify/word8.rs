//! Up to eight bytes of a text as one little-endian `u64`: the short-text
//! hashes and the word-wide byte tests of the classify passes read their
//! texts so.

/// The first eight bytes of `b` as a word; a shorter `b`'s bytes with
/// zeros above them, built in a register (a copy into a zeroed array was a
/// `memcpy` call of varying length, on every short block).
#[inline]
pub(crate) fn head(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => b.iter().rev().fold(0, |w, &c| w << 8 | u64::from(c)),
    }
}

/// The last eight bytes of `b` as a word (`head` of a shorter `b`).
#[inline]
pub(crate) fn tail(b: &[u8]) -> u64 {
    match b.last_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => head(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both are the bytes copied into a zeroed word, at every length
    /// around eight.
    #[test]
    fn words_are_the_bytes_padded_with_zeros() {
        let padded = |b: &[u8]| {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(w)
        };
        let all: Vec<u8> = (1..=20).map(|k| k * 13).collect();
        for n in 0..=all.len() {
            let b = &all[..n];
            assert_eq!(head(b), padded(&b[..n.min(8)]), "{n}");
            assert_eq!(tail(b), padded(&b[n.saturating_sub(8)..]), "{n}");
        }
    }
}
