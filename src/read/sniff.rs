//! Telling what a stream holds from its first bytes.

use super::open::InputFormat;

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// The head of a stream that starts with a UTF-16 byte order mark, as
/// UTF-8, so that it can be sniffed like the rest.
fn utf16_head(head: &[u8]) -> Option<Vec<u8>> {
    let (enc, _) = encoding_rs::Encoding::for_bom(head)?;
    if enc == encoding_rs::UTF_8 {
        return None;
    }
    let probe = &head[..head.len().min(8192) & !1];
    let (text, _, _) = enc.decode(probe);
    Some(text.into_owned().into_bytes())
}

/// Guess the format of a stream from its head.
pub fn format(head: &[u8]) -> InputFormat {
    if let Some(h) = utf16_head(head) {
        return format(&h);
    }
    let b = skip_bom_and_space(head);
    if b.starts_with(b"WARC/1.") {
        return InputFormat::Warc;
    }
    if b.starts_with(b"{") {
        let line = b.split(|&c| c == b'\n').next().unwrap_or(b);
        let line = skip_bom_and_space(line);
        if line.trim_ascii_end().ends_with(b"}") || !b.contains(&b'\n') {
            return InputFormat::Jsonl;
        }
    }
    if looks_like_html(b) {
        return InputFormat::Html;
    }
    InputFormat::Text
}

pub fn looks_like_html(head: &[u8]) -> bool {
    if let Some(h) = utf16_head(head) {
        return looks_like_html(&h);
    }
    let b = skip_bom_and_space(head);
    let probe = &b[..b.len().min(4096)];
    let lower: Vec<u8> = probe.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return true;
    }
    [
        &b"<html"[..],
        b"<head",
        b"<body",
        b"<div",
        b"<p>",
        b"<p ",
        b"<meta",
        b"<title",
        b"<article",
        b"<br",
        b"<table",
        b"<span",
    ]
    .iter()
    .any(|t| memchr::memmem::find(&lower, t).is_some())
        && lower.first() == Some(&b'<')
}

/// Bytes that are neither text nor HTML: NUL and control characters that
/// text never has (UTF-16 is decoded before this is asked).
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.is_empty() {
        return false;
    }
    // Usually there is no such byte at all, NUL included: one quick pass
    // says so, without the counts.
    if !any_odd_control(probe) {
        return false;
    }
    let bad = count_bytes(probe, is_odd_control);
    let nuls = count_bytes(&probe[..probe.len().min(1024)], |c| c == 0);
    bad * 20 > probe.len() || nuls > 4
}

/// A control byte that text never has (`is_binary`).
fn is_odd_control(c: u8) -> bool {
    c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)
}

/// Whether any of `bytes` `is_odd_control`: 32 at a time where the CPU
/// has AVX2, else sixteen at a time with SSE2 (every x86-64 has it), the
/// bytes past the last step one by one.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn any_odd_control(bytes: &[u8]) -> bool {
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { any_odd_control_avx2(bytes) };
    }
    any_odd_control_sse2(bytes)
}

/// `any_odd_control` with AVX2.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "avx2")]
unsafe fn any_odd_control_avx2(bytes: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let mut chunks = bytes.chunks_exact(32);
    // SAFETY: AVX2 is there (this function's `target_feature`); each load
    // reads the 32 bytes of one chunk, unaligned loads allowed.
    let found = unsafe {
        let set = |c: u8| _mm256_set1_epi8(c as i8);
        let low = set(0x1f);
        let mut acc = _mm256_setzero_si256();
        for c in &mut chunks {
            let v = _mm256_loadu_si256(c.as_ptr().cast::<__m256i>());
            // Unsigned `v <= 0x1f`: the larger of the two is 0x1f.
            let control = _mm256_cmpeq_epi8(_mm256_max_epu8(v, low), low);
            let is = |c: u8| _mm256_cmpeq_epi8(v, set(c));
            let ok = _mm256_or_si256(
                _mm256_or_si256(is(b'\n'), is(b'\r')),
                _mm256_or_si256(_mm256_or_si256(is(b'\t'), is(0x0c)), is(0x1b)),
            );
            acc = _mm256_or_si256(acc, _mm256_andnot_si256(ok, control));
        }
        _mm256_movemask_epi8(acc) != 0
    };
    found || any_odd_control_sse2(chunks.remainder())
}

/// `any_odd_control` with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn any_odd_control_sse2(bytes: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let mut chunks = bytes.chunks_exact(16);
    // SAFETY: SSE2 is enabled for the build (the `cfg` above); each load
    // reads the 16 bytes of one chunk, unaligned loads allowed.
    let found = unsafe {
        let set = |c: u8| _mm_set1_epi8(c as i8);
        let low = set(0x1f);
        let mut acc = _mm_setzero_si128();
        for c in &mut chunks {
            let v = _mm_loadu_si128(c.as_ptr().cast::<__m128i>());
            // Unsigned `v <= 0x1f`: the larger of the two is 0x1f.
            let control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
            let is = |c: u8| _mm_cmpeq_epi8(v, set(c));
            let ok = _mm_or_si128(
                _mm_or_si128(is(b'\n'), is(b'\r')),
                _mm_or_si128(_mm_or_si128(is(b'\t'), is(0x0c)), is(0x1b)),
            );
            acc = _mm_or_si128(acc, _mm_andnot_si128(ok, control));
        }
        _mm_movemask_epi8(acc) != 0
    };
    found || chunks.remainder().iter().any(|&c| is_odd_control(c))
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn any_odd_control(bytes: &[u8]) -> bool {
    bytes.iter().any(|&c| is_odd_control(c))
}

/// How many of `bytes` are `is`: summed in 8-bit lanes, 255 bytes at a
/// time, which the compiler does sixteen bytes per step (a `filter` and
/// `count` goes byte by byte; this runs on every document).
fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(is(b))) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format(b"  <!DOCTYPE html><p>x"), InputFormat::Html);
        assert_eq!(format(b"<div>hi</div>"), InputFormat::Html);
        assert_eq!(format(b"{\"html\": \"<p>\"}\n{}"), InputFormat::Jsonl);
        assert_eq!(format(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(format(b"Just a line of text.\nAnother."), InputFormat::Text);
        assert_eq!(format(b"x < y and <b>"), InputFormat::Text);
    }

    #[test]
    fn utf16_with_bom_is_sniffed_after_decoding() {
        let utf16 = |s: &str| {
            let mut b = vec![0xFF, 0xFE];
            s.encode_utf16()
                .for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
            b
        };
        assert_eq!(format(&utf16("<!DOCTYPE html><p>x")), InputFormat::Html);
        assert_eq!(format(&utf16("Just text.\nMore.")), InputFormat::Text);
    }

    #[test]
    fn odd_control_bytes_are_found_where_a_plain_scan_finds_them() {
        // Every byte value at every offset of a sixteen-byte step, and
        // in the tail past the last step.
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 48, 64, 95, 100] {
            let base = vec![b'a'; len];
            assert!(!any_odd_control(&base));
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            assert!(!any_odd_control_sse2(&base));
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = base.clone();
                    b[at] = c;
                    assert_eq!(any_odd_control(&b), is_odd_control(c), "{len} {at} {c}");
                    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
                    assert_eq!(
                        any_odd_control_sse2(&b),
                        is_odd_control(c),
                        "{len} {at} {c}"
                    );
                }
            }
        }
    }

    #[test]
    fn binary() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"));
        assert!(!is_binary("plain text é".as_bytes()));
        assert!(!is_binary(b"\xFF\xFEh\0i\0"));
    }
}
