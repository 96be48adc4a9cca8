//! JSON strings at the speed of a byte scan: finding the bytes a JSON
//! string cannot hold as they are (the reader unescapes a JSONL line's
//! strings, the writer escapes the output's), sixteen at a time.
//! serde_json looks at each byte (or word) in turn, with a call per
//! escape; on text input, where every line of a body is an escaped `\n`,
//! that was most of the cost of reading and writing.

/// Bit `k` set when byte `k` of `c` is `"`, `\` or a control character
/// (below 0x20): the bytes that end a run of plain string bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn special_mask(c: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is enabled for the build (the `cfg` above); the load
    // reads the 16 bytes `c` holds, unaligned loads allowed.
    unsafe {
        let v = _mm_loadu_si128(c.as_ptr().cast::<__m128i>());
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // Unsigned `v <= 0x1f`: the larger of the two is 0x1f.
        let low = _mm_set1_epi8(0x1f);
        let control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn special_mask(c: &[u8; 16]) -> u32 {
    c.iter()
        .enumerate()
        .filter(|&(_, &b)| is_special(b))
        .fold(0, |m, (k, _)| m | 1 << k)
}

/// A byte a JSON string holds only escaped.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline]
fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// Index of the first special byte (see `is_special`) of `b` at or after
/// `at`; `b.len()` when there is none.
#[inline]
pub(crate) fn find_special(b: &[u8], mut at: usize) -> usize {
    while let Some(Ok(c)) = b.get(at..at + 16).map(<&[u8; 16]>::try_from) {
        let m = special_mask(c);
        if m != 0 {
            return at + m.trailing_zeros() as usize;
        }
        at += 16;
    }
    if at < b.len() {
        // The tail: the last sixteen bytes when there are as many, those
        // before `at` (looked at already) masked off; copied into padding
        // and read back at once, it stalled on the copy's stores (once
        // per string written, as most are short).
        let last = b.len().saturating_sub(16);
        let m = match b.get(last..).map(<&[u8; 16]>::try_from) {
            Some(Ok(c)) => special_mask(c) >> (at - last) << (at - last),
            _ => {
                // Fewer than sixteen bytes in all: padded with plain ones.
                let mut c = [b'a'; 16];
                c[..b.len() - at].copy_from_slice(&b[at..]);
                special_mask(&c) << (at - last)
            }
        };
        if m != 0 {
            return last + m.trailing_zeros() as usize;
        }
    }
    b.len()
}

/// Bit `k` set when byte `k` of `c` is special (see `special_mask`),
/// 32 bytes at a time.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn special_mask32(c: &[u8; 32]) -> u64 {
    use std::arch::x86_64::*;
    // SAFETY: AVX2 is there (this function's `target_feature`, which its
    // callers have); the load reads the 32 bytes `c` holds, unaligned
    // loads allowed.
    unsafe {
        let v = _mm256_loadu_si256(c.as_ptr().cast::<__m256i>());
        let quote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'"' as i8));
        let backslash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8));
        // Unsigned `v <= 0x1f`: the larger of the two is 0x1f.
        let low = _mm256_set1_epi8(0x1f);
        let control = _mm256_cmpeq_epi8(_mm256_max_epu8(v, low), low);
        let any = _mm256_or_si256(_mm256_or_si256(quote, backslash), control);
        _mm256_movemask_epi8(any) as u32 as u64
    }
}

/// `find_special` 32 bytes a step, the tail (when `b` holds 32 bytes) as
/// the last 32 with those looked at masked off; shorter strings as
/// `find_special` does them.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn find_special_avx2(b: &[u8], mut at: usize) -> usize {
    while let Some(Ok(c)) = b.get(at..at + 32).map(<&[u8; 32]>::try_from) {
        // SAFETY: the CPU has AVX2 (this function's contract).
        let m = unsafe { special_mask32(c) };
        if m != 0 {
            return at + m.trailing_zeros() as usize;
        }
        at += 32;
    }
    if at >= b.len() {
        return b.len();
    }
    let last = b.len().saturating_sub(32);
    match b.get(last..).map(<&[u8; 32]>::try_from) {
        Some(Ok(c)) if at >= last => {
            // SAFETY: as above.
            let m = unsafe { special_mask32(c) } >> (at - last);
            if m != 0 {
                at + m.trailing_zeros() as usize
            } else {
                b.len()
            }
        }
        _ => find_special(b, at),
    }
}

/// The JSON escape of a byte `find_special` stops at, as serde_json
/// writes it: short forms where JSON has them, `\u00xx` in lower case hex
/// otherwise; padded to six bytes, with its length.
#[inline]
fn escape_of(c: u8) -> ([u8; 6], usize) {
    let short = match c {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (hi, lo) = (HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xf)]);
            return ([b'\\', b'u', b'0', b'0', hi, lo], 6);
        }
    };
    ([b'\\', short, 0, 0, 0, 0], 2)
}

/// Append `b` escaped for a JSON string, byte for byte as serde_json does
/// (see `escape_of`); all else as it is, copied a run at a time between
/// the bytes that need escaping, found 32 bytes a step with AVX2.
pub(crate) fn escape_into(b: &[u8], out: &mut Vec<u8>) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { escape_into_avx2(b, out) };
    }
    escape_with(b, out, find_special);
}

/// `escape_into` with AVX2.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn escape_into_avx2(b: &[u8], out: &mut Vec<u8>) {
    // SAFETY: the CPU has AVX2 (this function's contract).
    escape_with(b, out, |b, at| unsafe { find_special_avx2(b, at) });
}

/// `escape_into`, `find` giving the next special byte (see `find_special`).
#[inline(always)]
fn escape_with(b: &[u8], out: &mut Vec<u8>, find: impl Fn(&[u8], usize) -> usize) {
    out.reserve(b.len());
    let mut from = 0;
    loop {
        let i = find(b, from);
        out.extend_from_slice(&b[from..i]);
        let Some(&c) = b.get(i) else {
            return;
        };
        let (e, n) = escape_of(c);
        out.extend_from_slice(&e[..n]);
        from = i + 1;
    }
}

/// Four hex digits (either case) as a number.
fn hex4(b: &[u8]) -> Option<u32> {
    let d = b.get(..4)?;
    let mut n = 0;
    for &c in d {
        n = n << 4 | char::from(c).to_digit(16)?;
    }
    Some(n)
}

/// `unescape_noting`, what it notes left out (the tests' shorthand).
#[cfg(test)]
fn unescape_at(b: &[u8], at: usize, out: &mut Vec<u8>) -> Option<usize> {
    unescape_noting(b, at, out, &mut false)
}

/// Unescape the JSON string whose contents start at `b[at]` (just after
/// its opening quote) onto `out`, as serde_json reads it into a `String`;
/// returns the index just after the closing quote. `None` where serde_json
/// would fail (an unknown or cut escape, a control character, no closing
/// quote) and for escaped UTF-16 surrogates, which are left to it: the
/// caller then asks serde_json, which gives the same string or its error.
/// Escapes give UTF-8, and other bytes are copied as they are: `out` is
/// valid UTF-8 when `b` is. `controls` is set when an escape gave a
/// control character other than a line feed, a carriage return or a tab
/// (`\b`, `\f`, or `\u` below `\u0020`): the only way one gets into the
/// string, as a control character itself ends it (`None`).
pub(crate) fn unescape_noting(
    b: &[u8],
    mut at: usize,
    out: &mut Vec<u8>,
    controls: &mut bool,
) -> Option<usize> {
    loop {
        // A body, with room to spare, sixteen bytes a step; other strings
        // (ids, URLs) and what those steps leave, a run at a time.
        if out.capacity() - out.len() >= b.len().saturating_sub(at) + 16 {
            match unescape_steps(b, at, out) {
                Ok(end) => return Some(end),
                Err(rest) => at = rest,
            }
        }
        let end = find_special(b, at);
        out.extend_from_slice(&b[at..end]);
        match b.get(end) {
            Some(b'"') => return Some(end + 1),
            Some(b'\\') => {}
            // A control character, or the end of the input.
            _ => return None,
        }
        let short = match *b.get(end + 1)? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => {
                *controls = true;
                0x08
            }
            b'f' => {
                *controls = true;
                0x0c
            }
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let n = hex4(&b[end + 2..])?;
                // Surrogates (paired or not): serde_json's to decide.
                let c = char::from_u32(n)?;
                *controls |= n < 0x20 && !matches!(c, '\n' | '\r' | '\t');
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                at = end + 6;
                continue;
            }
            _ => return None,
        };
        out.push(short);
        at = end + 2;
    }
}

/// `unescape_at`'s usual steps, while `out` has room for the rest of `b`
/// and sixteen bytes more (what the reader gives a body: unescaped, it is
/// no longer). Sixteen bytes a step (32 with AVX2), each copied whole into the room and
/// those from the first special byte (see `is_special`) on left out; a
/// `\n` (one per line of a text body) is written here and the steps go
/// on. `Ok`: the index past the closing quote; `Err(at)`: `b[at..]` is
/// left to the general loop (another escape, fewer than sixteen bytes
/// left, or no room). Leaving the loop at each escape, and a copy call
/// per run between them, cost more than the bytes did. With AVX-512's
/// byte compress, 64 bytes a step first (see `unescape_steps_compress`),
/// the AVX2 steps taking what those leave.
fn unescape_steps(b: &[u8], mut at: usize, out: &mut Vec<u8>) -> Result<usize, usize> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        if *COMPRESS {
            // SAFETY: the CPU has the features (`COMPRESS`).
            match unsafe { unescape_steps_compress(b, at, out) } {
                Ok(end) => return Ok(end),
                // Fewer than 64 bytes left, or a special byte the steps
                // below stop at too.
                Err(rest) => at = rest,
            }
        }
        // SAFETY: the CPU has AVX2.
        return unsafe { unescape_steps_avx2(b, at, out) };
    }
    steps::<16>(b, at, out, |c| special_mask(c) as u64)
}

/// Whether the CPU has AVX-512 with VBMI2's byte compress (and AVX2), for
/// `unescape_steps_compress`.
#[cfg(target_arch = "x86_64")]
static COMPRESS: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
    std::is_x86_feature_detected!("avx2")
        && std::is_x86_feature_detected!("avx512f")
        && std::is_x86_feature_detected!("avx512bw")
        && std::is_x86_feature_detected!("avx512vbmi2")
        && std::is_x86_feature_detected!("popcnt")
});

/// `unescape_steps` 64 bytes a step with AVX-512, every `\n` of a step at
/// once: each backslash before an `n` becomes a line feed and the `n`s
/// are squeezed out (VBMI2's compress), where the narrower steps start
/// again after each one (a text body has one every 40-odd bytes). A step
/// with any other special byte (see `is_special`) is taken up to it; a
/// backslash that ends a step is left to the next. `Err(at)`: `b[at..]`
/// is left to the caller (a special byte other than a `\n` at `at`,
/// fewer than 64 bytes left, or no room).
///
/// # Safety
/// The CPU must have the features enabled here (see `COMPRESS`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,avx512f,avx512bw,avx512vbmi2,popcnt")]
unsafe fn unescape_steps_compress(
    b: &[u8],
    mut at: usize,
    out: &mut Vec<u8>,
) -> Result<usize, usize> {
    use std::arch::x86_64::*;
    let base = out.len();
    let room = out.spare_capacity_mut();
    // Bytes of the room written.
    let mut w = 0;
    let r = loop {
        let (Some(Ok(c)), Some(to)) = (
            b.get(at..at + 64).map(<&[u8; 64]>::try_from),
            room.get_mut(w..w + 64),
        ) else {
            break Err(at);
        };
        // SAFETY: the load reads the 64 bytes `c` holds (unaligned loads
        // allowed).
        let v = unsafe { _mm512_loadu_epi8(c.as_ptr().cast::<i8>()) };
        let slash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(b'\\' as i8));
        let n = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(b'n' as i8));
        let quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(b'"' as i8));
        let control = _mm512_cmple_epu8_mask(v, _mm512_set1_epi8(0x1f));
        // A step starts where an escape may: a backslash with an `n` after
        // it, before any other special byte, is a `\n` (one escaped
        // itself would follow another backslash, which comes first).
        let feeds = slash & (n >> 1);
        let other = quote | control | (slash & !feeds);
        // Bytes of the step taken: up to the first other special byte; a
        // backslash last in the step (its escape goes on in the next) is
        // left to the next step.
        let (take, stop) = match other {
            0 => (64, false),
            _ if other == 1 << 63 && slash >> 63 == 1 => (63, false),
            _ => (other.trailing_zeros() as usize, true),
        };
        let taken = if take == 64 {
            u64::MAX
        } else {
            (1 << take) - 1
        };
        // Each `\n`'s backslash becomes a line feed, its `n` goes.
        let keep = taken & !(feeds << 1);
        let feeds_as_lf = _mm512_mask_blend_epi8(feeds, v, _mm512_set1_epi8(b'\n' as i8));
        let packed = _mm512_maskz_compress_epi8(keep, feeds_as_lf);
        // SAFETY: `to` is 64 bytes of `out`'s spare room (the `get`
        // above); unaligned stores allowed.
        unsafe { _mm512_storeu_epi8(to.as_mut_ptr().cast::<i8>(), packed) };
        w += keep.count_ones() as usize;
        at += take;
        #[cfg(test)]
        REACHED.with(|r| {
            let mut n = r.get();
            n[match (stop, take, feeds != 0) {
                (false, 64, true) => 0,
                (false, 63, _) => 1,
                (true, _, _) if c.get(take) == Some(&b'"') => 2,
                (true, _, true) => 3,
                _ => 4,
            }] += 1;
            r.set(n);
        });
        if stop {
            break if c.get(take) == Some(&b'"') {
                Ok(at + 1)
            } else {
                Err(at)
            };
        }
    };
    // SAFETY: the first `w` bytes of the room (`spare_capacity_mut`) were
    // written above: each store wrote 64 bytes at `w`, of which those
    // kept are counted.
    unsafe { out.set_len(base + w) };
    r
}

#[cfg(all(test, target_arch = "x86_64"))]
thread_local! {
    // How often `unescape_steps_compress` took a whole step with a `\n`,
    // a step cut before a backslash at its end, stopped at a closing
    // quote, stopped at another special byte after a `\n`, or otherwise.
    static REACHED: std::cell::Cell<[usize; 5]> = const { std::cell::Cell::new([0; 5]) };
}

/// `unescape_steps` thirty-two bytes a step, with AVX2.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn unescape_steps_avx2(b: &[u8], at: usize, out: &mut Vec<u8>) -> Result<usize, usize> {
    steps::<32>(b, at, out, |c| {
        // SAFETY: AVX2 is there (this function's `target_feature`).
        unsafe { special_mask32(c) }
    })
}

/// `unescape_steps` `W` bytes a step, `mask` giving the special bytes of
/// a step (bit `k` for byte `k`).
#[inline(always)]
fn steps<const W: usize>(
    b: &[u8],
    mut at: usize,
    out: &mut Vec<u8>,
    mask: impl Fn(&[u8; W]) -> u64,
) -> Result<usize, usize> {
    let base = out.len();
    let room = out.spare_capacity_mut();
    // Bytes of the room written.
    let mut w = 0;
    let r = loop {
        let (Some(Ok(c)), Some(to)) = (
            b.get(at..at + W).map(<&[u8; W]>::try_from),
            room.get_mut(w..w + W),
        ) else {
            break Err(at);
        };
        // SAFETY: `to` and `c` are `W` bytes each (the `get`s above), and
        // one is in `out`'s spare room, the other in `b`: no overlap.
        // (`copy_from_slice` of `c.map(MaybeUninit::new)`, the safe form,
        // became a call per step for 32 bytes.)
        unsafe { std::ptr::copy_nonoverlapping(c.as_ptr(), to.as_mut_ptr().cast::<u8>(), W) };
        let m = mask(c);
        if m == 0 {
            at += W;
            w += W;
            continue;
        }
        let k = m.trailing_zeros() as usize;
        // A `\n`, and one right after it (a blank line), in the step: its
        // bytes are looked at in `c`, not `b`, and a blank line costs one
        // more step, not two.
        let feed = |e: usize| c.get(e) == Some(&b'\\') && c.get(e + 1) == Some(&b'n');
        if feed(k)
            && let Some(slot) = to.get_mut(k)
        {
            slot.write(b'\n');
            if feed(k + 2)
                && let Some(slot) = to.get_mut(k + 1)
            {
                slot.write(b'\n');
                at += k + 4;
                w += k + 2;
            } else {
                at += k + 2;
                w += k + 1;
            }
            continue;
        }
        at += k;
        w += k;
        break if c.get(k) == Some(&b'"') {
            Ok(at + 1)
        } else {
            Err(at)
        };
    };
    // SAFETY: the first `w` bytes of the room (`spare_capacity_mut`) were
    // written above: whole steps, the bytes before a special one, and a
    // line feed for each `\n`.
    unsafe { out.set_len(base + w) };
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_bytes_are_found_where_a_plain_scan_finds_them() {
        let mut text: Vec<u8> = Vec::new();
        for n in 0..300u32 {
            // Long plain runs, short ones, and every kind of byte.
            text.extend(std::iter::repeat_n(b'x', (n * 7 % 41) as usize));
            text.push((n * 37 % 256) as u8);
        }
        for start in 0..text.len() {
            let plain = text[start..]
                .iter()
                .position(|&b| is_special(b))
                .map_or(text.len(), |p| start + p);
            assert_eq!(find_special(&text, start), plain, "from {start}");
        }
        assert_eq!(find_special(b"", 0), 0);
        assert_eq!(find_special(b"abc", 3), 3);
        // Short strings and the ends of longer ones: every length up to
        // past three steps, every start, special bytes anywhere or none.
        let mut rng = crate::test_rng::XorShift::new(0x7A3F_0C5D_19E2_B864);
        for len in 0..50usize {
            for _ in 0..40 {
                let b: Vec<u8> = (0..len)
                    .map(|_| match rng.next_u64() % 40 {
                        0 => b'"',
                        1 => b'\\',
                        2 => (rng.next_u64() % 32) as u8,
                        r => [b'a', b' ', 0xc3, 0xa9, 0x7f, 0x20][r as usize % 6],
                    })
                    .collect();
                for start in 0..=len {
                    let plain = b[start..]
                        .iter()
                        .position(|&c| is_special(c))
                        .map_or(len, |p| start + p);
                    assert_eq!(find_special(&b, start), plain, "{b:?} {start}");
                }
            }
        }
    }

    /// `escape_into` as it was: runs found sixteen bytes at a time, each
    /// special byte escaped by a table of its own.
    fn escape_by_runs(b: &[u8], out: &mut Vec<u8>) {
        let mut from = 0;
        loop {
            let i = find_special(b, from);
            out.extend_from_slice(&b[from..i]);
            let Some(&c) = b.get(i) else {
                return;
            };
            let short: &[u8] = match c {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                _ => b"",
            };
            if short.is_empty() {
                out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
            } else {
                out.extend_from_slice(short);
            }
            from = i + 1;
        }
    }

    /// Strings of every length up to past four steps of 32 bytes, with
    /// special bytes anywhere (runs of them too) or none: each found where
    /// a plain scan finds it from every start, whether in a step, in the
    /// last 32 bytes or in a string shorter than 32; and escaped as by
    /// runs and as serde_json escapes them, after bytes already there.
    #[test]
    fn wide_steps_find_and_escape_as_plain_ones_do() {
        let mut rng = crate::test_rng::XorShift::new(0x51C3_9E07_D2A4_6B1F);
        let wide = cfg!(target_arch = "x86_64") && std::is_x86_feature_detected!("avx2");
        // Found in a step, in the last 32 bytes, in a short string; none.
        let mut seen = [0usize; 4];
        for len in 0..140usize {
            for _ in 0..30 {
                let odds = 1 + rng.next_u64() % 60;
                let s: String = (0..len)
                    .map(|_| match rng.next_u64() % (odds + 4) {
                        0 => '"',
                        1 => '\\',
                        2 => char::from((rng.next_u64() % 32) as u8),
                        3 => '\u{7f}',
                        r => ['a', ' ', 'é', '東'][r as usize % 4],
                    })
                    .collect();
                let b = s.as_bytes();
                let mut want = b"ab".to_vec();
                escape_by_runs(b, &mut want);
                let sj = serde_json::to_vec(&s).unwrap();
                assert_eq!(&want[2..], &sj[1..sj.len() - 1], "{s:?}");
                for room in [0, b.len() * 6 + 8] {
                    let mut got = Vec::with_capacity(room);
                    got.extend_from_slice(b"ab");
                    escape_into(b, &mut got);
                    assert_eq!(got, want, "{s:?} {room}");
                }
                #[cfg(target_arch = "x86_64")]
                if wide {
                    let len = b.len();
                    for start in 0..=len {
                        let plain = b[start..]
                            .iter()
                            .position(|&c| is_special(c))
                            .map_or(len, |p| start + p);
                        // SAFETY: the CPU has AVX2 (`wide`).
                        let got = unsafe { find_special_avx2(b, start) };
                        assert_eq!(got, plain, "{s:?} {start}");
                        let tail = len.saturating_sub(32);
                        seen[match () {
                            _ if plain == len => 3,
                            _ if len < 32 => 2,
                            _ if start >= tail || plain >= start + (tail - start) / 32 * 32 => 1,
                            _ => 0,
                        }] += 1;
                    }
                }
            }
        }
        assert!(!wide || seen.iter().all(|&n| n > 1000), "{seen:?}");
    }

    /// What serde_json makes of a string, or None where it fails.
    fn serde(s: &str) -> Option<String> {
        serde_json::from_str::<String>(s).ok()
    }

    /// Random strings of plain runs of every length and every escape, a
    /// closing quote or none, raw control bytes: unescaped as serde_json
    /// reads them, with the same end, whatever falls on the steps of
    /// sixteen bytes.
    #[test]
    fn random_strings_unescape_as_serde_json_reads_them() {
        const PARTS: &[&str] = &[
            "a",
            "abcdefghijklmno",
            "xyz ",
            "é",
            "東",
            "\u{1F600}",
            "\\n",
            "\\n\\n",
            "\\r",
            "\\t",
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\u00e9",
            "\\u20AC",
            "\\u0000",
            "\\u001B",
            "\\u000a",
            "\\u0009",
            "\\ud83d\\ude00",
            "\\q",
            "\\u12",
            "\t",
            "\u{1}",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        // Blank lines (`\n` twice), which the steps take in one.
        let mut blank = 0;
        // Strings without and with a control character noted.
        let mut noted = [0; 2];
        for _ in 0..4000 {
            let mut s = String::from("\"");
            for _ in 0..next() % 12 {
                s.push_str(PARTS[(next() % PARTS.len() as u64) as usize]);
            }
            match next() % 4 {
                0 => {}
                1 => s.push_str("\",\"k\":\"v\"}"),
                _ => s.push('"'),
            }
            blank += s.matches("\\n\\n").count();
            // What serde_json reads of the string (up to its closing quote).
            let mut de = serde_json::Deserializer::from_str(&s);
            let want = <String as serde::Deserialize>::deserialize(&mut de).ok();
            // The steps of sixteen bytes, whatever the CPU, and those the
            // CPU takes, each finished by the general loop where they stop:
            // the string unescaped in the general loop alone.
            let b = s.as_bytes();
            let finish = |r: Result<usize, usize>, mut out: Vec<u8>| match r {
                Ok(end) => Some((out, end)),
                Err(at) => {
                    let mut rest = Vec::new();
                    let end = unescape_at(b, at, &mut rest)?;
                    out.extend_from_slice(&rest);
                    Some((out, end))
                }
            };
            let mut plain = Vec::new();
            let alone = unescape_at(b, 1, &mut plain).map(|end| (plain, end));
            let mut narrow = Vec::with_capacity(b.len() + 16);
            let r = steps::<16>(b, 1, &mut narrow, |c| special_mask(c) as u64);
            assert_eq!(finish(r, narrow), alone, "{s}");
            let mut wide = Vec::with_capacity(b.len() + 16);
            let r = unescape_steps(b, 1, &mut wide);
            assert_eq!(finish(r, wide), alone, "{s}");
            // Without room (a run at a time) and with room for the rest
            // (sixteen bytes a step), after bytes already there.
            for room in [0, s.len() + 15, s.len() + 16, s.len() + 40] {
                let mut out = Vec::with_capacity(room);
                out.extend_from_slice(b"ab");
                let got = unescape_at(s.as_bytes(), 1, &mut out);
                match got {
                    Some(end) => {
                        // Noted: a control character but a line feed, a
                        // carriage return or a tab in what it gave.
                        let mut again = Vec::new();
                        let mut controls = false;
                        let got = unescape_noting(b, 1, &mut again, &mut controls);
                        assert_eq!(got, Some(end), "{s}");
                        let odd = again
                            .iter()
                            .any(|&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t'));
                        assert_eq!(controls, odd, "{s}");
                        noted[usize::from(controls)] += 1;
                        let out = String::from_utf8(out).unwrap();
                        assert_eq!(out.strip_prefix("ab"), want.as_deref(), "{s}");
                        assert_eq!(s.as_bytes()[end - 1], b'"', "{s}");
                        assert_eq!(serde(&s[..end]), want, "{s}");
                    }
                    None => assert!(want.is_none() || s.contains("\\ud"), "{s}"),
                }
            }
        }
        assert!(blank > 200, "{blank}");
        assert!(noted.iter().all(|&n| n > 1000), "{noted:?}");
    }

    /// Long strings of `\n`s among plain runs of every length, and every
    /// other escape, raw control bytes and closing quotes now and then:
    /// the steps of 64 bytes, finished by the general loop where they
    /// stop, unescape as the general loop alone does (and serde_json),
    /// with room for all and with too little; each way a step ends is
    /// taken (a `\` split by a step's end among them).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn compress_steps_unescape_as_the_general_loop_does() {
        if !*COMPRESS {
            return;
        }
        const PARTS: &[&str] = &[
            "\\n",
            "\\n\\n",
            "\\\\n",
            "\\\\\\n",
            "n",
            "\\\"",
            "\\\\",
            "\\/",
            "\\t",
            "\\b",
            "\\u00e9",
            "\\u000a",
            "\\ud83d\\ude00",
            "\\x",
            "é",
            "東",
            "\t",
            "\u{1}",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x6A09_E667_F3BC_C908);
        REACHED.with(|r| r.set([0; 5]));
        for _ in 0..6000 {
            let mut s = String::from("\"");
            let odds = 1 + rng.below(12);
            for _ in 0..rng.below(60) {
                if rng.below(odds) == 0 {
                    s.push_str(PARTS[rng.below(PARTS.len())]);
                } else {
                    // Plain runs of any length, so that escapes fall
                    // anywhere in a step, its last byte too.
                    let run = rng.below(70);
                    s.extend(std::iter::repeat_n('a', run));
                }
            }
            if rng.below(8) != 0 {
                s.push_str("\",\"k\":\"v\"}");
            }
            let b = s.as_bytes();
            let mut plain = Vec::new();
            let alone = unescape_at(b, 1, &mut plain).map(|end| (plain, end));
            if let Some((got, end)) = &alone {
                let want = serde_json::from_str::<String>(&s[..*end]).ok();
                assert_eq!(std::str::from_utf8(got).ok(), want.as_deref(), "{s}");
            }
            for room in [b.len() + 16, 70, 130] {
                let mut out = Vec::with_capacity(room);
                // SAFETY: the CPU has the features (`COMPRESS`).
                let r = unsafe { unescape_steps_compress(b, 1, &mut out) };
                let got = match r {
                    Ok(end) => Some((out, end)),
                    Err(at) => unescape_at(b, at, &mut out).map(|end| (out, end)),
                };
                assert_eq!(got, alone, "{s} {room}");
            }
        }
        let reached = REACHED.with(|r| r.get());
        assert!(reached.iter().all(|&n| n > 100), "{reached:?}");
    }

    #[test]
    fn strings_unescape_as_serde_json_reads_them() {
        let cases = [
            r#""""#,
            r#""plain text, long enough to take more than one chunk of sixteen""#,
            r#""line\nline\r\n\ttab \"quoted\" back\\slash \/ \b\f end""#,
            r#""\u00e9t\u00C9 \u20ac \u0000 \u001f \uffff""#,
            "\"caf\u{e9} \u{1F600} raw\"",
            r#""emoji \ud83d\ude00 paired""#,
            r#""lone \ud83d high""#,
            r#""lone \ude00 low""#,
            r#""bad \x escape""#,
            r#""cut \u12""#,
            r#""cut \"#,
            r#""no closing quote"#,
            "\"raw\ttab\"",
            "\"raw\u{1}control\"",
        ];
        for s in cases {
            let mut out = Vec::new();
            match unescape_at(s.as_bytes(), 1, &mut out) {
                Some(end) => {
                    assert_eq!(end, s.len(), "{s}");
                    assert_eq!(Some(String::from_utf8(out).unwrap()), serde(s), "{s}");
                }
                // Left to serde_json: a failure, or a surrogate escape.
                None => assert!(serde(s).is_none() || s.contains("\\ud"), "{s}"),
            }
        }
    }
}
