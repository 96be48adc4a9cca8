//! Per-block features, computed once after segmentation.

use super::block::{Features, Page};
use super::stopwords;
use std::sync::LazyLock;

/// Word statistics of one text, before the page language is known.
#[derive(Default, Clone, Copy)]
struct WordStats {
    words: u32,
    capitalised: u32,
    first_person: u32,
    /// Function-word hits per language (index as in `stopwords::LANGS`).
    per_lang: [u16; 7],
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Everything `compute` needs from one text, in one pass over it.
#[derive(Default, Clone, Copy)]
pub(super) struct TextStats {
    words: WordStats,
    /// Characters.
    pub(super) chars: u32,
    /// Sentence punctuation marks (see `Features::punctuation`).
    punctuation: u32,
}

impl TextStats {
    /// Whether the text has a word: a letter or a digit (`is_word_char`
    /// is `char::is_alphanumeric` but for general punctuation, which has
    /// none), since each run of them counts one word or more.
    #[inline(always)]
    pub(super) fn has_word(&self) -> bool {
        self.words.words > 0
    }
}

/// Per byte class bits (`CLASS`), and bit masks of up to 64 bytes built
/// from them (`Masks`: bit i for byte i).
const PUNCT: u8 = 1;
const WORD: u8 = 2;
const BREAK: u8 = 4;
const SPACE: u8 = 8;
const HIGH: u8 = 16;
const CONT: u8 = 32;
const UPPER: u8 = 64;
const APOSTROPHE: u8 = 128;

/// Per byte: `PUNCT` for . , ; : ! ?, `WORD` for ASCII letters, digits and
/// the apostrophe (`UPPER` as well for capitals, `APOSTROPHE` for it),
/// `BREAK` for tab, line feed, vertical tab, form feed and carriage
/// return, `SPACE` for the space, `HIGH` for the bytes of non-ASCII
/// characters, `CONT` as well for those past their first.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            PUNCT
        } else if c.is_ascii_uppercase() {
            WORD | UPPER
        } else if c == b'\'' {
            WORD | APOSTROPHE
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b'\t'..=b'\r') {
            BREAK
        } else if c == b' ' {
            SPACE
        } else if c >= 0xC0 {
            HIGH
        } else if c >= 0x80 {
            HIGH | CONT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What `scan` needs of the `CLASS` bits of up to 64 bytes: a mask per
/// class (bit i for byte i). The bytes past a piece are whatever follows
/// it in memory (the next line, a character cut at its end, zeros):
/// `first` clears their bits.
#[derive(Default, Clone, Copy, PartialEq, Debug)]
struct Masks {
    word: u64,
    space: u64,
    high: u64,
    upper: u64,
    apostrophe: u64,
    punct: u64,
    brk: u64,
}

impl Masks {
    /// Or in a piece's masks (in the fields' order), from bit `at` up:
    /// the SSE2 and AVX2 scans give 16 or 32 bits a piece.
    #[inline(always)]
    fn put(&mut self, [word, space, high, upper, apostrophe, punct, brk]: [u64; 7], at: usize) {
        self.word |= word << at;
        self.space |= space << at;
        self.high |= high << at;
        self.upper |= upper << at;
        self.apostrophe |= apostrophe << at;
        self.punct |= punct << at;
        self.brk |= brk << at;
    }

    /// The bits from `n` up cleared.
    #[inline(always)]
    fn first(self, n: usize) -> Masks {
        let keep = below(n);
        Masks {
            word: self.word & keep,
            space: self.space & keep,
            high: self.high & keep,
            upper: self.upper & keep,
            apostrophe: self.apostrophe & keep,
            punct: self.punct & keep,
            brk: self.brk & keep,
        }
    }
}

/// `Masks` of `b` (at most 64 bytes) a byte at a time: the form the
/// vector one must equal, and the one where there is none.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn masks_bytewise(b: &[u8]) -> Masks {
    let mut m = Masks::default();
    for (i, &c) in b.iter().enumerate().take(64) {
        let k = CLASS[c as usize];
        let bit = |f: u8| ((k & f != 0) as u64) << i;
        m.punct |= bit(PUNCT);
        m.word |= bit(WORD);
        m.brk |= bit(BREAK);
        m.space |= bit(SPACE);
        m.high |= bit(HIGH);
        m.upper |= bit(UPPER);
        m.apostrophe |= bit(APOSTROPHE);
    }
    m
}

/// Bit i set for each byte i of `b` (at most 64) past the first of its
/// character (`CONT`), a byte at a time.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn cont_bytewise(b: &[u8]) -> u64 {
    b.iter().enumerate().take(64).fold(0, |m, (i, &c)| {
        m | (((CLASS[c as usize] & CONT != 0) as u64) << i)
    })
}

/// `Masks` of the first `16 * chunks` of 64 bytes (`chunks` at most 4;
/// the other bits clear), sixteen at a time with SSE2 (every x86-64 has
/// it): a few instructions per byte where a byte loop takes tens. Most
/// lines are short: their pieces take one or two chunks.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn masks64(b: &[u8; 64], chunks: usize) -> Masks {
    // One form per number of chunks, its loop unrolled.
    match chunks {
        0 => Masks::default(),
        1 => masks_n::<1>(b),
        2 => masks_n::<2>(b),
        3 => masks_n::<3>(b),
        _ => masks_n::<4>(b),
    }
}

/// `masks64` of `C` chunks.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn masks_n<const C: usize>(b: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let mut m = Masks::default();
    // SAFETY: SSE2 is enabled for the build (the `cfg` above); the loads
    // read bytes 16k..16k+16 of the 64 `b` holds, unaligned loads allowed.
    unsafe {
        let set = |c: u8| _mm_set1_epi8(c as i8);
        for k in 0..C.min(4) {
            let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast::<__m128i>());
            let is = |c: u8| _mm_cmpeq_epi8(v, set(c));
            // `lo..=hi` (ASCII): shifted so that `lo` is the least signed
            // byte, one signed compare.
            let within = |x: __m128i, lo: u8, hi: u8| {
                _mm_cmplt_epi8(
                    _mm_add_epi8(x, set(0x80u8.wrapping_sub(lo))),
                    set(0x80u8.wrapping_add(hi - lo + 1)),
                )
            };
            // . and , differ in one bit, as do : and ;.
            let punct = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(_mm_and_si128(v, set(!2)), set(b',')),
                    _mm_cmpeq_epi8(_mm_and_si128(v, set(!1)), set(b':')),
                ),
                _mm_or_si128(is(b'!'), is(b'?')),
            );
            let brk = within(v, b'\t', b'\r');
            // Letters of either case: the case bit set maps 'A'..'Z' onto
            // 'a'..'z', and no other byte into them.
            let letter = within(_mm_or_si128(v, set(0x20)), b'a', b'z');
            let apostrophe = is(b'\'');
            let word = _mm_or_si128(_mm_or_si128(letter, within(v, b'0', b'9')), apostrophe);
            let lanes = [
                word,
                is(b' '),
                v,
                within(v, b'A', b'Z'),
                apostrophe,
                punct,
                brk,
            ];
            m.put(lanes.map(|x| _mm_movemask_epi8(x) as u16 as u64), 16 * k);
        }
    }
    m
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn masks64(b: &[u8; 64], chunks: usize) -> Masks {
    masks_bytewise(&b[..16 * chunks.min(4)])
}

/// `cont_bytewise` of the first `16 * chunks` of 64 bytes, with SSE2.
/// Only pieces with non-ASCII bytes need it.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn cont64(b: &[u8; 64], chunks: usize) -> u64 {
    use std::arch::x86_64::*;
    let mut m = 0;
    for k in 0..chunks.min(4) {
        // SAFETY: SSE2 is enabled for the build (the `cfg` above); the
        // load reads bytes 16k..16k+16 of the 64 `b` holds.
        let cont = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast::<__m128i>());
            let x = _mm_and_si128(v, _mm_set1_epi8(0xC0u8 as i8));
            _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x80u8 as i8)))
        };
        m |= (cont as u16 as u64) << (16 * k);
    }
    m
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn cont64(b: &[u8; 64], chunks: usize) -> u64 {
    cont_bytewise(&b[..16 * chunks.min(4)])
}

/// `masks64` of all 64 bytes, 32 at a time with AVX2, where `scan_avx2`
/// runs (elsewhere, never called, the SSE2 form). All 64 whatever the
/// piece's length (the bits past it are cut by `Masks::first`): a branch
/// on whether it is past 32 bytes missed on about every other line.
#[inline(always)]
fn masks_wide(b: &[u8; 64]) -> Masks {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: only `scan_body::<true>` calls this, which only
        // `scan_avx2` and `line_stats_wide` run: the CPU has AVX2.
        unsafe { masks_avx2::<2>(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    masks64(b, 4)
}

/// `masks64` of `32 * C` bytes with AVX2: each byte's classes looked up
/// by its two halves (`NIBBLE_LO`, `NIBBLE_HI`: a bit per class and
/// range of bytes, set in both tables exactly for the bytes in it), a
/// mask per class then a shift and a move out (compares per class took
/// half again as many instructions).
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn masks_avx2<const C: usize>(b: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let mut m = Masks::default();
    let set = |c: u8| _mm256_set1_epi8(c as i8);
    // SAFETY: the loads read the 16 bytes of each table, unaligned loads
    // allowed.
    let (lo_t, hi_t) = unsafe {
        (
            _mm256_broadcastsi128_si256(_mm_loadu_si128(NIBBLE_LO.as_ptr().cast())),
            _mm256_broadcastsi128_si256(_mm_loadu_si128(NIBBLE_HI.as_ptr().cast())),
        )
    };
    for k in 0..C.min(2) {
        // SAFETY: the load reads bytes 32k..32k+32 of the 64 `b` holds,
        // unaligned loads allowed.
        let v = unsafe { _mm256_loadu_si256(b.as_ptr().add(32 * k).cast::<__m256i>()) };
        let lo = _mm256_and_si256(v, set(0x0f));
        let hi = _mm256_and_si256(_mm256_srli_epi16::<4>(v), set(0x0f));
        let class = _mm256_and_si256(_mm256_shuffle_epi8(lo_t, lo), _mm256_shuffle_epi8(hi_t, hi));
        // Bytes with none of the class bits `bits`.
        let none = |bits: u8| {
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(
                _mm256_and_si256(class, set(bits)),
                _mm256_setzero_si256(),
            ))
        };
        // Single bits moved to each byte's top bit (a 16-bit shift by
        // less than 8 moves none across the bytes' tops): bit 6 of the
        // class (`brk`), bit 3 (`apostrophe`), and bit 5 of the byte
        // (the case bit, set in digits and the apostrophe too).
        let brk = _mm256_movemask_epi8(_mm256_slli_epi16::<1>(class));
        let apostrophe = _mm256_movemask_epi8(_mm256_slli_epi16::<4>(class));
        let case = _mm256_movemask_epi8(_mm256_slli_epi16::<2>(v));
        let word = !none(N_WORD);
        let lanes = [
            word,
            _mm256_movemask_epi8(class),
            _mm256_movemask_epi8(v),
            word & !case,
            apostrophe,
            !none(N_PUNCT),
            brk,
        ];
        m.put(lanes.map(|x| x as u32 as u64), 32 * k);
    }
    m
}

/// Class bits of `NIBBLE_LO` and `NIBBLE_HI`: a byte is in a class when
/// the tables' entries for its low and high halves share one of its bits.
/// Word bytes: letters (bit 0: high half 4 or 6, low 1..F; bit 1: high 5
/// or 7, low 0..A), digits (bit 2) and the apostrophe (bit 3).
#[cfg(target_arch = "x86_64")]
const N_WORD: u8 = 0x0f;
/// Punctuation: . , ! (bit 4: high half 2) and : ; ? (bit 5: high 3).
#[cfg(target_arch = "x86_64")]
const N_PUNCT: u8 = 0x30;
/// Per low half of a byte, the class bits it may be in (see `N_WORD`,
/// `N_PUNCT`); bit 6: tab to carriage return (`brk`), bit 7: the space.
#[cfg(target_arch = "x86_64")]
static NIBBLE_LO: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut i = 0;
    while i < 16 {
        let mut x = 0;
        if i >= 1 {
            x |= 1;
        }
        if i <= 0xa {
            x |= 2;
        }
        if i <= 9 {
            x |= 4;
        }
        if i == 7 {
            x |= 8;
        }
        if matches!(i, 1 | 0xc | 0xe) {
            x |= 0x10;
        }
        if matches!(i, 0xa | 0xb | 0xf) {
            x |= 0x20;
        }
        if i >= 9 && i <= 0xd {
            x |= 0x40;
        }
        if i == 0 {
            x |= 0x80;
        }
        t[i] = x;
        i += 1;
    }
    t
};

/// See `NIBBLE_LO`.
#[cfg(target_arch = "x86_64")]
static NIBBLE_HI: [u8; 16] = {
    let mut t = [0u8; 16];
    t[0] = 0x40;
    t[2] = 0x08 | 0x10 | 0x80;
    t[3] = 0x04 | 0x20;
    t[4] = 0x01;
    t[5] = 0x02;
    t[6] = 0x01;
    t[7] = 0x02;
    t
};

/// `WordStats` while a text is read: the function-word hits as 16-bit
/// lanes of one integer (`HITS`), so that a word's hits are one add; in
/// the AVX2 scan, the usual words' hits as byte counters in a vector
/// (`lanes`, see `stopwords::lanes_avx2`). Both are moved out (`flush`)
/// before one can carry into the next.
struct Counter {
    words: u32,
    capitalised: u32,
    first_person: u32,
    /// Function-word hits per language (index as in `stopwords::LANGS`),
    /// wrapping sums; a lane more, unused, to add as `HITS` has them.
    per_lang: [u16; 8],
    hits: u128,
    /// Four slots of eight byte counters (one per bit of a
    /// `stopwords::lookup` answer), added to by `lanes_avx2`; all 0 but in
    /// the AVX2 scan.
    #[cfg(target_arch = "x86_64")]
    lanes: std::arch::x86_64::__m256i,
}

impl Default for Counter {
    fn default() -> Self {
        Counter {
            words: 0,
            capitalised: 0,
            first_person: 0,
            per_lang: [0; 8],
            hits: 0,
            // SAFETY: a vector of integers: all bits 0 is a valid value.
            #[cfg(target_arch = "x86_64")]
            lanes: unsafe { std::mem::zeroed() },
        }
    }
}

/// Per `stopwords::lookup` answer: a one in the 16-bit lane of each
/// language set (lane i for language i) and in lane 7 for
/// `FIRST_PERSON_BIT`.
static HITS: [u128; 256] = {
    let mut t = [0u128; 256];
    let mut m = 0;
    while m < 256 {
        let mut i = 0;
        while i < 8 {
            if m & (1 << i) != 0 {
                t[m] |= 1u128 << (16 * i);
            }
            i += 1;
        }
        m += 1;
    }
    t
};

/// Bytes of text after which the counters are flushed: a word and the
/// byte after it take two, so at most (256 + 64) / 2 + 1 words (each at
/// most one per counter) are counted in between, short of a byte
/// counter's 256.
const FLUSH_BYTES: usize = 1 << 8;

impl Counter {
    /// Count a word's `stopwords::lookup` answer `m`.
    #[inline(always)]
    fn hit(&mut self, m: u8) {
        self.hits = self.hits.wrapping_add(HITS[m as usize]);
    }

    /// Count the word of key `k` (see `stopwords::key`); `WIDE`: in the
    /// AVX2 scan, into `lanes`.
    #[inline(always)]
    fn hit_key<const WIDE: bool>(&mut self, k: u64) {
        #[cfg(target_arch = "x86_64")]
        if WIDE {
            use std::arch::x86_64::_mm256_add_epi8;
            // SAFETY: only `scan_body::<true>` passes `WIDE`, which only
            // `scan_avx2` and `line_stats_wide` run: the CPU has AVX2.
            unsafe {
                self.lanes = _mm256_add_epi8(self.lanes, stopwords::lanes_avx2(k));
            }
            return;
        }
        self.hit(stopwords::lookup_key(k));
    }

    /// The counters added to the totals and cleared; `WIDE`: in the AVX2
    /// scan (`lanes` used).
    #[inline(always)]
    fn flush<const WIDE: bool>(&mut self) {
        #[cfg(target_arch = "x86_64")]
        if WIDE {
            // SAFETY: as in `hit_key`: the CPU has AVX2.
            unsafe { flush_avx2(self) };
            return;
        }
        let h = std::mem::take(&mut self.hits);
        // Lane 7, first person, counted exactly; the languages' lanes
        // wrap as u16 sums.
        self.first_person += (h >> 112) as u32;
        let b = h.to_le_bytes();
        for (i, slot) in self.per_lang.iter_mut().enumerate() {
            *slot = slot.wrapping_add(u16::from_le_bytes([b[2 * i], b[2 * i + 1]]));
        }
    }

    #[inline(always)]
    fn finish<const WIDE: bool>(&mut self) -> WordStats {
        self.flush::<WIDE>();
        let [per_lang @ .., _] = self.per_lang;
        WordStats {
            words: self.words,
            capitalised: self.capitalised,
            first_person: self.first_person,
            per_lang,
        }
    }
}

/// `Counter::flush` in the AVX2 scan: the byte counters of `lanes`
/// summed per bit over the four slots, as 16-bit lanes, and `hits` added
/// to the totals, all in vectors (moved through integers, the lanes took
/// some forty instructions).
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn flush_avx2(c: &mut Counter) {
    use std::arch::x86_64::*;
    let v = std::mem::replace(&mut c.lanes, _mm256_setzero_si256());
    let h = std::mem::take(&mut c.hits);
    let z = _mm256_setzero_si256();
    // Bytes widened to 16 bits: slots 0 and 2 (low halves of the 128-bit
    // lanes), 1 and 3 (high halves); then the two 128-bit lanes added,
    // and the hits of the words that went the long way.
    let s = _mm256_add_epi16(_mm256_unpacklo_epi8(v, z), _mm256_unpackhi_epi8(v, z));
    let r = _mm_add_epi16(_mm256_castsi256_si128(s), _mm256_extracti128_si256::<1>(s));
    let r = _mm_add_epi16(r, _mm_set_epi64x((h >> 64) as i64, h as i64));
    // Lane 7, first person, counted exactly; the languages' lanes wrap as
    // u16 sums.
    c.first_person += _mm_extract_epi16::<7>(r) as u32;
    let p = c.per_lang.as_mut_ptr().cast::<__m128i>();
    // SAFETY: the load and the store read and write the 16 bytes of
    // `per_lang`, unaligned allowed.
    unsafe { _mm_storeu_si128(p, _mm_add_epi16(_mm_loadu_si128(p), r)) };
}

/// Whether the non-ASCII `c` is part of a word: alphanumeric, and not
/// general punctuation (curly quotes, dashes, ellipses: most of the
/// non-ASCII in Latin-script text). Answered without the Unicode tables
/// for the common scripts: they take hundreds of instructions a look-up.
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0x2000..=0x206F => false,
        // Latin, Greek, Cyrillic, Hebrew, Arabic...: two UTF-8 bytes.
        n @ 0x80..=0x7FF => TWO_BYTE_WORD[(n / 64) as usize] >> (n % 64) & 1 != 0,
        // CJK ideographs, Hangul syllables: all letters (a test checks).
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        // Arrows, math and technical signs, box drawing, shapes, dingbats,
        // emoji: no letter or digit among them (a test checks), and the
        // look-up of such a symbol is the slowest, in two tables.
        0x2190..=0x245F
        | 0x2500..=0x2775
        | 0x2794..=0x27BF
        | 0x1F1E6..=0x1F1FF
        | 0x1F300..=0x1F6FF
        | 0x1F900..=0x1F9FF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Bit per character below U+0800: whether it is alphanumeric. Made on
/// first use from the Unicode tables, so that it always agrees with them.
static TWO_BYTE_WORD: LazyLock<[u64; 32]> = LazyLock::new(|| {
    let mut t = [0u64; 32];
    for c in '\0'..'\u{800}' {
        if c.is_alphanumeric() {
            t[c as usize / 64] |= 1 << (c as usize % 64);
        }
    }
    t
});

/// Words are runs of alphanumeric characters and apostrophes, apostrophes
/// trimmed from their ends.
fn text_stats(text: &str) -> TextStats {
    let mut st = TextStats::default();
    scan(text, text.as_bytes(), &mut st);
    st
}

/// `text_stats`, and whether `text` is already what
/// `text::collapse_whitespace` makes of it (its only whitespace single
/// spaces between other characters), found in the same pass: the text
/// path needs both of each line. The counts but `chars` are the same for
/// the text collapsed (white space is neither word nor punctuation).
/// `room`: the bytes from `text`'s first on, in the same memory (the rest
/// of the page), where the bytes past `text` may be read (see `scan`).
#[cfg(test)]
fn line_stats(text: &str, room: &[u8]) -> (TextStats, bool) {
    let mut st = TextStats::default();
    let plain = line_stats_into(text, room, &mut st);
    (st, plain)
}

/// `line_stats`, the stats written to `st` (by the scan itself: see
/// `scan`).
#[inline]
pub(super) fn line_stats_into(text: &str, room: &[u8], st: &mut TextStats) -> bool {
    !scan(text, room, st)
}

/// `line_stats_into` with the AVX2 scan, inlined into the caller's loop.
///
/// # Safety
/// The CPU must have the features of `scan_avx2` (see `wide`), and the
/// caller be built for them (`#[target_feature]`), as
/// `text::segment_avx2` is.
#[inline(always)]
pub(super) unsafe fn line_stats_wide(text: &str, room: &[u8], st: &mut TextStats) -> bool {
    !scan_body::<true>(text, room, st)
}

/// Whether the CPU has the features `scan_avx2` is built for: a caller
/// built for them (`#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,
/// lzcnt")]`) may then call `line_stats_in::<true>`.
pub(super) fn wide() -> bool {
    #[cfg(target_arch = "x86_64")]
    return *AVX2;
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Bits below `n` (at most 64) of a mask.
#[inline(always)]
pub(super) fn below(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// `text_stats`, and whether `text` has white space that
/// `collapse_whitespace` would change. Up to 64 bytes at a time: their
/// classes as bit masks (`Masks`), the words found from where the word
/// mask turns on and off, so that the work goes by words, not by bytes.
/// Non-ASCII characters are looked at whole, one by one. The pieces are
/// read from `room` when it is `text`'s bytes and more in the same memory
/// (the counts are those of `text` alone), else from `text`. The stats
/// go to `out`, written as the scan ends: returned, they were copied from
/// the stack to where they are kept right after being written, which
/// stalled until the stores were done.
#[inline]
fn scan(text: &str, room: &[u8], out: &mut TextStats) -> bool {
    #[cfg(target_arch = "x86_64")]
    if *AVX2 {
        // SAFETY: the CPU has the features `scan_avx2` is built for.
        return unsafe { scan_avx2(text, room, out) };
    }
    scan_body::<false>(text, room, out)
}

/// Bytes `scan` reads at a piece's start: 64 to classify, and room for
/// an eight-byte load at any of those.
const PIECE: usize = 64 + stopwords::KEY_LEN;

/// Whether the CPU has AVX2 and the bit instructions that come with it
/// (BMI1, BMI2, POPCNT, LZCNT): `scan` then takes 32 bytes a step and
/// its bit work takes fewer instructions.
#[cfg(target_arch = "x86_64")]
static AVX2: LazyLock<bool> = LazyLock::new(|| {
    std::is_x86_feature_detected!("avx2")
        && std::is_x86_feature_detected!("bmi1")
        && std::is_x86_feature_detected!("bmi2")
        && std::is_x86_feature_detected!("popcnt")
        && std::is_x86_feature_detected!("lzcnt")
});

/// `scan` built for CPUs with AVX2 (see `AVX2`).
///
/// # Safety
/// The CPU must have the features enabled here.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,lzcnt")]
unsafe fn scan_avx2(text: &str, room: &[u8], out: &mut TextStats) -> bool {
    scan_body::<true>(text, room, out)
}

/// `scan`; `WIDE`: with the AVX2 masks (only from `scan_avx2`).
#[inline(always)]
fn scan_body<const WIDE: bool>(text: &str, room: &[u8], out: &mut TextStats) -> bool {
    let b = text.as_bytes();
    let len = b.len();
    // A space at either end, two in a row, another ASCII white space or a
    // non-ASCII one.
    let mut irregular = b.first() == Some(&b' ') || b.last() == Some(&b' ');
    let mut st = TextStats::default();
    let mut words = Counter::default();
    let max_key = stopwords::MAX_LEN.min(stopwords::KEY_LEN);
    let mut continuation = 0;
    // Carried from one piece to the next: whether its last byte was a
    // space; the word being read (`in_word`), where it starts and whether
    // it has non-ASCII characters so far.
    let mut prev_space = 0u64;
    let mut in_word = false;
    let mut start = 0;
    let mut wide = false;
    // The piece, and room past it for an eight-byte load at any of its
    // bytes.
    let mut buf = [0u8; PIECE];
    // Where the pieces are read: `room` when it holds `text` (the bytes
    // past `text` are masked off), else `text`.
    let room = match room.get(..len) {
        Some(r) if std::ptr::eq(r.as_ptr(), b.as_ptr()) => room,
        _ => b,
    };
    let mut next_flush = FLUSH_BYTES;
    let mut o = 0;
    while o < len {
        let mut n = len - o;
        if n >= 64 {
            // Pieces end on a character boundary: a character's bytes are
            // looked at together.
            n = 64;
            while n > 1 && !text.is_char_boundary(o + n) {
                n -= 1;
            }
        }
        // Read where they are (usually), not copied first: a copy of a
        // line's few bytes, read back at once a vector at a time, stalled
        // the loads for as long as the rest of a short line took.
        let piece: &[u8; PIECE] = match room.get(o..o + PIECE).and_then(|p| p.try_into().ok()) {
            Some(p) => p,
            None => {
                // Near the room's end: its last bytes, zeros past them.
                let rest = room.get(o..).unwrap_or_default();
                let (have, past) = buf.split_at_mut(rest.len().min(PIECE));
                have.copy_from_slice(&rest[..have.len()]);
                past.fill(0);
                &buf
            }
        };
        let chunks = n.div_ceil(16);
        let head = piece.first_chunk::<64>().unwrap_or(&[0; 64]);
        let m = if WIDE {
            masks_wide(head)
        } else {
            masks64(head, chunks)
        }
        .first(n);
        st.punctuation += m.punct.count_ones();
        irregular |= m.brk != 0 || m.space & ((m.space << 1) | prev_space) != 0;
        prev_space = (m.space >> (n - 1)) & 1;
        // Bytes of the non-ASCII word characters.
        let mut wide_bits = 0u64;
        if m.high != 0 {
            let cont = cont64(head, chunks) & below(n);
            continuation += cont.count_ones() as usize;
            let mut leads = m.high & !cont;
            while leads != 0 {
                let p = leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let c = text
                    .get(o + p..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(' ');
                if matches!(c, '。' | '，' | '、') {
                    st.punctuation += 1;
                }
                if is_word_char(c) {
                    wide_bits |= below(p + c.len_utf8()) & !below(p);
                } else {
                    irregular |= c.is_whitespace();
                }
            }
        }
        let word = m.word | wide_bits;
        // Where words start and where they have ended (the first byte
        // past them), in this piece: they alternate.
        let before = (word << 1) | in_word as u64;
        let mut starts = word & !before;
        // In the text's last piece, when it is short of 64 bytes, the end
        // of the text ends a word that runs to it (bit `n`): counted with
        // the others, not set aside and counted the long way (most lines
        // end in a word).
        let closes = o + n == len && n < 64;
        let mut ends = !word & before & below(n + closes as usize);
        if in_word {
            if ends == 0 {
                // The word goes on past this piece.
                wide |= wide_bits != 0;
                o += n;
                continue;
            }
            let e = ends.trailing_zeros() as usize;
            ends &= ends - 1;
            wide |= wide_bits & below(e) != 0;
            end_word::<WIDE>(text, start, o + e, !wide, max_key, &mut words);
            in_word = false;
        }
        // A word that goes on past this piece: its start set aside.
        if !closes && (word >> (n - 1)) & 1 != 0 && starts != 0 {
            let s = 63 - starts.leading_zeros() as usize;
            starts &= !(1 << s);
            in_word = true;
            start = o + s;
            wide = wide_bits >> s != 0;
        }
        // Bytes of words that go the long way: non-ASCII characters, and
        // apostrophes at a word's first or last byte (`ends >> 1`).
        let slow = wide_bits | (m.apostrophe & (starts | (ends >> 1)));
        // Every start left has its end; the usual piece has no slow word.
        if slow == 0 {
            piece_words::<false, WIDE>(text, o, piece, starts, ends, &m, 0, &mut words);
        } else {
            piece_words::<true, WIDE>(text, o, piece, starts, ends, &m, slow, &mut words);
        }
        if o + n >= next_flush {
            words.flush::<WIDE>();
            next_flush = o + n + FLUSH_BYTES;
        }
        o += n;
    }
    if in_word {
        end_word::<WIDE>(text, start, len, !wide, max_key, &mut words);
    }
    st.chars = (len - continuation) as u32;
    st.words = words.finish::<WIDE>();
    *out = st;
    irregular
}

/// Count the words of a piece into `st`: bits `starts` (each with its
/// end in `ends`, the first byte past it) of the piece at `o` of `text`,
/// copied in `buf`. `SLOW`: whether some words, those with a byte in
/// `slow`, go the long way (`end_word`); the others are ASCII letters,
/// digits and inner apostrophes.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn piece_words<const SLOW: bool, const WIDE: bool>(
    text: &str,
    o: usize,
    buf: &[u8; PIECE],
    mut starts: u64,
    mut ends: u64,
    m: &Masks,
    slow: u64,
    st: &mut Counter,
) {
    let max_key = stopwords::MAX_LEN.min(stopwords::KEY_LEN);
    debug_assert_eq!(starts.count_ones(), ends.count_ones());
    if !SLOW {
        // Every word here counts: all at once, not one add each.
        st.words += starts.count_ones();
        st.capitalised += (starts & m.upper).count_ones();
    }
    if WIDE && !SLOW {
        // Words UNROLL at a time, those past the last of the piece keyed
        // 0, which adds nothing (`stopwords::lanes_avx2`): a loop of one
        // word a step took a missed branch at its end on most pieces
        // (their number of words varies), one step in UNROLL takes fewer.
        // Two, not four: four a step looked up more empty slots (4.3 M
        // instructions more on 8 MB of text) and missed 4% fewer
        // branches in the scan (callgrind's branch model), not enough to
        // pay for them.
        const UNROLL: usize = 2;
        loop {
            for _ in 0..UNROLL {
                // Past the last word both are 64 (every start here has its
                // end), so its length is 0 with no test on it; the piece
                // has bytes 64.. to load.
                let s = starts.trailing_zeros() as usize;
                starts &= starts.wrapping_sub(1);
                let e = ends.trailing_zeros() as usize;
                ends &= ends.wrapping_sub(1);
                let len = e.wrapping_sub(s);
                let w = buf.get(s..s + 8).and_then(|w| w.try_into().ok());
                let x = u64::from_le_bytes(w.unwrap_or_default()) | 0x2020_2020_2020_2020;
                st.hit_key::<WIDE>(word_key(x, len));
            }
            if starts == 0 {
                return;
            }
        }
    }
    while starts != 0 {
        let s = starts.trailing_zeros() as usize & 63;
        starts &= starts - 1;
        let e = ends.trailing_zeros() as usize & 63;
        ends &= ends - 1;
        // Bits `s..e`: the word.
        let len = e.wrapping_sub(s);
        if SLOW && (slow >> s) & below(len) != 0 {
            let ascii = (m.high >> s) & below(len) == 0;
            end_word::<WIDE>(text, o + s, o + e, ascii, max_key, st);
            continue;
        }
        if SLOW {
            st.words += 1;
            st.capitalised += (m.upper >> s) as u32 & 1;
        }
        // Eight bytes from the word's start (the piece has room past its
        // end), lower-cased (setting bit 5 lower-cases an ASCII letter and
        // keeps a digit or an apostrophe), the bytes past the word masked
        // off. Looked up whatever the length, without a branch on it
        // (words of nine bytes and more come at random, and such a branch
        // often missed): a longer word's key is its first eight bytes,
        // which match no listed word (`word_key`).
        let w = buf.get(s..s + 8).and_then(|w| w.try_into().ok());
        let x = u64::from_le_bytes(w.unwrap_or_default()) | 0x2020_2020_2020_2020;
        st.hit_key::<WIDE>(word_key(x, len));
    }
}

/// The key of an ASCII word of `len` bytes (1 to 63) whose first eight (or
/// those and the bytes after it) are `x`, lower-cased: its bytes packed
/// as `stopwords::key` packs them, its first eight when it is longer (no
/// listed word has eight ASCII bytes: `stopwords::MAX_ASCII_LEN`).
#[inline(always)]
fn word_key(x: u64, len: usize) -> u64 {
    x & KEEP[len & 63]
}

/// Per length in bytes, the bytes of a key it keeps: all eight from 8 on.
static KEEP: [u64; 64] = {
    let mut t = [u64::MAX; 64];
    let mut n = 0;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// Count the word `text[s..e]` into `st`: ASCII words here, without a
/// copy or a call; others by `add_word`. `WIDE`: in the AVX2 scan, where
/// the word is looked up as `piece_words` looks up its words.
#[inline(always)]
fn end_word<const WIDE: bool>(
    text: &str,
    s: usize,
    e: usize,
    ascii: bool,
    max_key: usize,
    st: &mut Counter,
) {
    if !ascii {
        add_word(&text[s..e], false, max_key, st);
        return;
    }
    let b = text.as_bytes();
    let (mut s, mut e) = (s, e);
    // Apostrophes at a word's ends are rare: one test for both.
    if b[s] == b'\'' || b[e - 1] == b'\'' {
        while s < e && b[s] == b'\'' {
            s += 1;
        }
        while e > s && b[e - 1] == b'\'' {
            e -= 1;
        }
        if s == e {
            return;
        }
    }
    st.words += 1;
    st.capitalised += b[s].is_ascii_uppercase() as u32;
    let len = e - s;
    if WIDE {
        // Most such words (those cut by a piece's end) have eight bytes
        // from their start in the text: looked up with no branch on the
        // length, into the vector counters, as `piece_words` does (setting
        // bit 5 lower-cases the word's letters and keeps its digits and
        // apostrophes; a key of eight ASCII bytes matches no listed word).
        if let Some(w) = b.get(s..s + stopwords::KEY_LEN) {
            let x = u64::from_le_bytes(w.try_into().unwrap_or_default());
            st.hit_key::<WIDE>(word_key(x | 0x2020_2020_2020_2020, len.min(8)));
            return;
        }
    }
    // Lower-casing ASCII keeps the length: no listed word is longer.
    if len > max_key {
        return;
    }
    let key = match b.get(s..s + stopwords::KEY_LEN) {
        // Eight bytes from the word's start, the ones past it masked off:
        // one load instead of a copy into a padded buffer.
        Some(w) => {
            let x = u64::from_le_bytes(w.try_into().unwrap_or_default());
            // `len` is 1 to `KEY_LEN` here: a shift by at most 56.
            let keep = u64::MAX >> (8 * (stopwords::KEY_LEN - len));
            lower_key(x & keep)
        }
        None => ascii_key(&b[s..e]),
    };
    st.hit(stopwords::lookup_key(key));
}

/// A packed key of ASCII bytes (`stopwords::key`) lower-cased.
#[inline]
fn lower_key(x: u64) -> u64 {
    // Per byte (all below 0x80, so no carry crosses bytes): the high bit of
    // b + 0x3F is set from 'A' up, that of b + 0x25 from '[' up.
    let upper = (x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) & !x.wrapping_add(0x2525_2525_2525_2525))
        & 0x8080_8080_8080_8080;
    x | (upper >> 2)
}

/// The ASCII word `w` (at most 8 bytes) lower-cased and packed as
/// `stopwords::key` packs it.
fn ascii_key(w: &[u8]) -> u64 {
    let mut k = [0u8; stopwords::KEY_LEN];
    k[..w.len()].copy_from_slice(w);
    lower_key(u64::from_le_bytes(k))
}

/// Count one word into `st`. `ascii`: the word is ASCII; `max_key`: the
/// longest function word, in bytes, that a packed key holds.
fn add_word(word: &str, ascii: bool, max_key: usize, st: &mut Counter) {
    // Byte-wise: an ASCII apostrophe is never part of a longer character,
    // so this cuts on character boundaries, as `trim_matches('\'')` does.
    let b = word.as_bytes();
    let s = b.iter().position(|&c| c != b'\'').unwrap_or(b.len());
    let e = b.iter().rposition(|&c| c != b'\'').map_or(s, |e| e + 1);
    let word = &word[s..e];
    if word.is_empty() {
        return;
    }
    if !ascii {
        // CJK scripts do not separate words with spaces: count characters.
        // They all start with a byte from E3 on: most non-ASCII words
        // have none, and are not decoded for this.
        let cjk = match word.bytes().any(|b| b >= 0xe3) {
            true => word.chars().filter(|&c| is_cjk(c)).count() as u32,
            false => 0,
        };
        if cjk > 0 {
            st.words += cjk.div_ceil(2);
            return;
        }
    }
    st.words += 1;
    let upper = if ascii {
        word.as_bytes()[0].is_ascii_uppercase()
    } else {
        word.chars().next().is_some_and(char::is_uppercase)
    };
    if upper {
        st.capitalised += 1;
    }
    if word.len() > 12 {
        return;
    }
    let m = if ascii {
        if word.len() > max_key {
            // Lower-casing ASCII keeps the length: no listed word this long.
            return;
        }
        // Lower-cased straight into the packed key (`stopwords::key`).
        stopwords::lookup_key(ascii_key(word.as_bytes()))
    } else {
        // Lower-cased on the stack: 12 bytes grow to 18 at most. Past
        // a key's length no listed word matches, whatever follows (no
        // character lower-cases to nothing): the rest is not lower-cased.
        // Its ASCII characters (most, in words with an accent) without
        // the Unicode tables and their iterator.
        let mut buf = [0u8; 64];
        let mut n = 0;
        for c in word.chars() {
            if c.is_ascii() {
                if n > stopwords::KEY_LEN {
                    return;
                }
                buf[n] = c.to_ascii_lowercase() as u8;
                n += 1;
                continue;
            }
            for l in c.to_lowercase() {
                if n + 4 > buf.len() || n > stopwords::KEY_LEN {
                    return;
                }
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
        stopwords::lookup(&buf[..n])
    };
    st.hit(m);
}

#[inline]
pub fn is_sentence_end(text: &str) -> bool {
    // Most texts end in an ASCII byte that is not trimmed: answered from
    // it, without walking back by characters.
    match text.as_bytes().last() {
        Some(&b)
            if b.is_ascii()
                && !b.is_ascii_whitespace()
                && !matches!(b, b'"' | b'\'' | b')' | b']' | b'*' | 0x0b) =>
        {
            return matches!(b, b'.' | b'!' | b'?' | b':' | b';');
        }
        _ => {}
    }
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    });
    t.ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';'])
}

/// Fill `features` of every block; `link_chars[i]` is the number of
/// characters of block i inside links. Also returns the page language.
pub fn compute(page: &mut Page, link_chars: &[u32]) -> usize {
    let stats: Vec<TextStats> = page.blocks.iter().map(|b| text_stats(&b.text)).collect();
    compute_from(page, link_chars, &stats)
}

/// `compute`, with `stats[i]` the `text_stats` of block i's text.
pub(super) fn compute_from(page: &mut Page, link_chars: &[u32], stats: &[TextStats]) -> usize {
    let lang = page_lang(stats);
    let n = page.blocks.len();
    for (i, (b, t)) in page.blocks.iter_mut().zip(stats.iter()).enumerate() {
        let links = link_chars.get(i).copied().unwrap_or(0);
        let ends = is_sentence_end(&b.text);
        b.features = block_features(t, lang, links, (i, n), ends, b.features.depth);
    }
    lang
}

/// The page language (index as in `stopwords::LANGS`): the one whose
/// function words its blocks hold most of (`stats`: theirs).
pub(super) fn page_lang(stats: &[TextStats]) -> usize {
    let mut totals = [0u32; 7];
    for s in stats {
        for (t, &n) in totals.iter_mut().zip(s.words.per_lang.iter()) {
            *t += n as u32;
        }
    }
    totals
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// The features of block `at.0` of `at.1` on a page in language `lang`,
/// from its text's stats `t` and whether it ends a sentence
/// (`is_sentence_end`); `links`: its characters inside links. Inlined: on text input it runs once per line, and a call
/// built the features on the stack to be copied into the block.
#[inline(always)]
pub(super) fn block_features(
    t: &TextStats,
    lang: usize,
    links: u32,
    at: (usize, usize),
    ends_sentence: bool,
    depth: u16,
) -> Features {
    let s = &t.words;
    let chars = t.chars;
    let words = s.words.max(1) as f32;
    Features {
        chars,
        words: s.words,
        link_density: links as f32 / chars.max(1) as f32,
        stopword_ratio: s.per_lang[lang] as f32 / words,
        punctuation: t.punctuation,
        ends_sentence,
        title_case_ratio: s.capitalised as f32 / words,
        first_person_ratio: s.first_person as f32 / words,
        position: at.0 as f32 / at.1.max(1) as f32,
        depth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text_stats`'s counts, in `reference`'s order.
    fn counts(text: &str) -> (u32, u32, u32, [u16; 7], u32, u32) {
        let st = text_stats(text);
        let w = st.words;
        (
            w.words,
            w.capitalised,
            w.first_person,
            w.per_lang,
            st.chars,
            st.punctuation,
        )
    }

    /// Counts in `reference`'s order.
    type Counts = (u32, u32, u32, [u16; 7], u32, u32);

    /// `scan`'s answer as a tuple; `plain`: the SSE2 form, not the one
    /// the CPU picks (AVX2 where there is one).
    fn scanned(text: &str, room: &[u8], plain: bool) -> (Counts, bool) {
        let mut st = TextStats::default();
        let irregular = if plain {
            scan_body::<false>(text, room, &mut st)
        } else {
            scan(text, room, &mut st)
        };
        let w = st.words;
        (
            (
                w.words,
                w.capitalised,
                w.first_person,
                w.per_lang,
                st.chars,
                st.punctuation,
            ),
            irregular,
        )
    }

    /// The straightforward form `text_stats` replaces: one split per word,
    /// one lower-cased `String` per word, one more pass per count.
    fn reference(text: &str) -> (u32, u32, u32, [u16; 7], u32, u32) {
        let (mut words, mut caps, mut first) = (0u32, 0u32, 0u32);
        let mut per_lang = [0u16; 7];
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            let word = word.trim_matches('\'');
            if word.is_empty() {
                continue;
            }
            let cjk = word.chars().filter(|&c| is_cjk(c)).count() as u32;
            if cjk > 0 {
                words += cjk.div_ceil(2);
                continue;
            }
            words += 1;
            if word.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
            if word.len() > 12 {
                continue;
            }
            let lower: String = word.chars().flat_map(char::to_lowercase).collect();
            let m = stopwords::mask(&lower);
            for (i, slot) in per_lang.iter_mut().enumerate() {
                if m & (1 << i) != 0 {
                    *slot += 1;
                }
            }
            if stopwords::is_first_person(&lower) {
                first += 1;
            }
        }
        let chars = text.chars().count() as u32;
        let punct = text
            .chars()
            .filter(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '。' | '，' | '、'))
            .count() as u32;
        (words, caps, first, per_lang, chars, punct)
    }

    /// The text path counts a line before collapsing its white space: the
    /// counts are those of the collapsed line but for `chars`, and the
    /// line is said to need collapsing exactly when it does.
    #[test]
    fn line_stats_count_as_the_collapsed_line_does() {
        for t in [
            "plain words, here.",
            "two  spaces",
            " leading",
            "trailing ",
            "tab\there",
            "cr\rlf\n",
            "nbsp\u{a0}here",
            "ideographic\u{3000}space 東京",
            "ctrl\x01byte\x1fkept",
            "It’s “quoted” — fine…",
            "a\u{2028}b\u{205f}c\u{85}d\u{2003}e",
            "ends\u{a0}",
            "x",
            "",
        ] {
            let collapsed = crate::segment::text::collapse_whitespace(t);
            let (st, plain) = line_stats(t, t.as_bytes());
            assert_eq!(plain, collapsed == t, "{t:?}");
            let want = text_stats(&collapsed);
            let w = (st.words.words, st.words.capitalised, st.words.per_lang);
            assert_eq!(
                (w, st.words.first_person, st.punctuation),
                (
                    (
                        want.words.words,
                        want.words.capitalised,
                        want.words.per_lang
                    ),
                    want.words.first_person,
                    want.punctuation
                ),
                "{t:?}"
            );
            if plain {
                assert_eq!(st.chars, want.chars, "{t:?}");
            }
        }
    }

    #[test]
    fn sentence_ends_past_closing_quotes_and_brackets() {
        for (t, want) in [
            ("It rained.", true),
            ("Really?\u{201d}", true),
            ("(see below:)", true),
            ("He said \"no!\" ", true),
            ("tab end.\t\x0b", true),
            ("Menu", false),
            ("Wait…", true),
            ("終わり。", true),
            ("a * ", false),
            ("", false),
            ("x 1", false),
        ] {
            assert_eq!(is_sentence_end(t), want, "{t:?}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_characters() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(is_word_char('\u{2071}'));
        assert!(is_word_char('é'));
    }

    #[test]
    fn word_characters_are_the_alphanumeric_ones_outside_general_punctuation() {
        // Every character: the fast paths agree with the Unicode tables.
        for c in '\u{80}'..=char::MAX {
            let want = !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric();
            assert_eq!(is_word_char(c), want, "{c:?}");
        }
    }

    #[test]
    fn byte_masks_are_the_byte_classes() {
        // Every byte value at every position of a 64-byte piece.
        for shift in 0..64 {
            let mut b = [0u8; 64];
            for (i, x) in b.iter_mut().enumerate() {
                *x = (i * 4 + shift * 3) as u8;
            }
            for k in 0..4 {
                let mut c = b;
                for x in c.iter_mut() {
                    *x = x.wrapping_add(k as u8);
                }
                assert_eq!(masks64(&c, 4), masks_bytewise(&c), "{shift} {k}");
                #[cfg(target_arch = "x86_64")]
                if *AVX2 {
                    assert_eq!(masks_wide(&c), masks_bytewise(&c), "{shift} {k}");
                    let want = masks_bytewise(&c[..32]);
                    assert_eq!(masks_wide(&c).first(32), want, "{shift} {k}");
                }
                assert_eq!(cont64(&c, 4), cont_bytewise(&c), "{shift} {k}");
                for chunks in 0..4 {
                    let want = masks_bytewise(&c[..16 * chunks]);
                    assert_eq!(masks64(&c, chunks), want, "{shift} {k} {chunks}");
                    let want = cont_bytewise(&c[..16 * chunks]);
                    assert_eq!(cont64(&c, chunks), want, "{shift} {k} {chunks}");
                }
            }
        }
        // Pieces cut short as `scan` cuts them: zeros past the last bytes
        // of a text, or the bytes of a character that a piece of 64 bytes
        // cuts through; masks as if the bytes past the cut were not there.
        let mut all = [0u8; 64];
        let sample = b"ab, cd\t\xc3\xa9' Z9.?!:;\x0b\x80";
        for (i, x) in all.iter_mut().enumerate() {
            *x = sample[i % sample.len()];
        }
        for n in 0..=64usize {
            let mut piece = all;
            piece[n..].fill(0);
            let m = masks64(&piece, n.div_ceil(16)).first(n);
            assert_eq!(m, masks_bytewise(&all[..n]), "{n}");
            #[cfg(target_arch = "x86_64")]
            if *AVX2 && n > 0 {
                assert_eq!(masks_wide(&piece).first(n), m, "{n}");
            }
            // The bytes of what follows the piece in memory, not zeros.
            assert_eq!(masks64(&all, n.div_ceil(16)).first(n), m, "{n}");
            #[cfg(target_arch = "x86_64")]
            if *AVX2 && n > 0 {
                assert_eq!(masks_wide(&all).first(n), m, "{n}");
            }
        }
        for (n, tail) in [(63, &b"\xc3"[..]), (62, b"\xe6\x9d"), (61, b"\xf0\x9f\x98")] {
            let mut piece = all;
            piece[n..].copy_from_slice(tail);
            let m = masks64(&piece, 4).first(n);
            assert_eq!(m, masks_bytewise(&all[..n]), "{n}");
            #[cfg(target_arch = "x86_64")]
            if *AVX2 {
                assert_eq!(masks_wide(&piece).first(n), m, "{n}");
            }
        }
    }

    /// The AVX2 scan's nibble tables put each byte in the classes `CLASS`
    /// gives it (what `byte_masks_are_the_byte_classes` checks of the
    /// masks, where the CPU has AVX2).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn nibble_tables_are_the_byte_classes() {
        for b in 0..=255u8 {
            let c = NIBBLE_LO[usize::from(b & 15)] & NIBBLE_HI[usize::from(b >> 4)];
            let k = CLASS[usize::from(b)];
            assert_eq!(c & N_WORD != 0, k & WORD != 0, "{b:#x}");
            assert_eq!(c & N_PUNCT != 0, k & PUNCT != 0, "{b:#x}");
            assert_eq!(c & 0x40 != 0, k & BREAK != 0, "{b:#x}");
            assert_eq!(c & 0x80 != 0, k & SPACE != 0, "{b:#x}");
            assert_eq!(c & 0x08 != 0, k & APOSTROPHE != 0, "{b:#x}");
            assert_eq!(k & WORD != 0 && b & 0x20 == 0, k & UPPER != 0, "{b:#x}");
        }
    }

    /// Random texts of the characters that matter (word and not, ASCII and
    /// not, spaces of every kind, punctuation), long enough to cross
    /// several 64-byte pieces: counted as the plain form counts, and said
    /// to need collapsing exactly when they do.
    #[test]
    fn random_texts_count_like_the_plain_form() {
        const PARTS: &[&str] = &[
            "a",
            "Z",
            "9",
            "'",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\r",
            "\x0b",
            ".",
            ",",
            ";",
            ":",
            "!",
            "?",
            "-",
            "\x01",
            "é",
            "É",
            "ß",
            "ж",
            "Ж",
            "’",
            "—",
            "…",
            "\u{a0}",
            "\u{3000}",
            "東",
            "、",
            "。",
            "，",
            "한",
            "ア",
            "ー",
            "\u{1F600}",
            "\u{2071}",
            // Shorter lower-cased (Kelvin sign, capital sharp s).
            "\u{212A}",
            "\u{1E9E}",
            "the",
            "The",
            "my",
            "about",
            "también",
            "ÉTÉ",
            "İ",
            "because",
            "supercalifragilistic",
            "x'y",
            // Words longer than a 64-byte piece.
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "жжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжж",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = || rng.next_u64();
        for _ in 0..3000 {
            let n = (next() % 120) as usize;
            let text: String = (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            assert_eq!(counts(&text), reference(&text), "{text:?}");
            let collapsed = crate::segment::text::collapse_whitespace(&text);
            assert_eq!(line_stats(&text, text.as_bytes()).1, collapsed == text);
            // Both builds of `scan` answer alike.
            let alone = scanned(&text, text.as_bytes(), true);
            assert_eq!(alone, scanned(&text, text.as_bytes(), false), "{text:?}");
            // Read in a page, with up to 100 bytes of more text after it
            // (whatever they are, cut anywhere on a character boundary):
            // counted as alone, and a `room` elsewhere is not read.
            let more: String = (0..8)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            let mut cut = (next() % 101) as usize;
            while !more.is_char_boundary(cut.min(more.len())) {
                cut -= 1;
            }
            let page = format!("{text}{}", &more[..cut.min(more.len())]);
            let line = &page[..text.len()];
            for plain in [true, false] {
                assert_eq!(scanned(line, page.as_bytes(), plain), alone, "{page:?}");
                assert_eq!(scanned(line, more.as_bytes(), plain), alone, "{page:?}");
                let shifted = page.as_bytes().get(1..).unwrap_or_default();
                assert_eq!(scanned(line, shifted, plain), alone, "{page:?}");
            }
        }
    }

    /// Words cut by a piece's end (64 bytes) count as the plain form
    /// counts them, in both builds: function words and others, capitalised
    /// or not, with apostrophes inside or at their ends, of every length
    /// (longer than a piece too, some starting with a listed word), the
    /// text ending in them or not, at every offset around the cut.
    #[test]
    fn words_across_pieces_count_like_the_plain_form() {
        let long = format!("a{}", "b".repeat(64));
        let longer = format!("My{}", "x".repeat(70));
        let words = [
            "the",
            "The",
            "my",
            "MY",
            "about",
            "because",
            "también",
            "ich",
            "de",
            "a",
            "I",
            "'tis",
            "don't",
            "it's'",
            "''the''",
            "x'y",
            "supercalifragilistic",
            "9th",
            "é",
            &long,
            &longer,
        ];
        let mut across = 0;
        for w in words {
            for pad in 40..140 {
                for tail in ["", " end.", "'", " x"] {
                    let text = format!("{} {w}{tail}", "y".repeat(pad));
                    let at = pad + 1;
                    across += (at < 64 && at + w.len() > 64) as usize;
                    assert_eq!(counts(&text), reference(&text), "{text:?}");
                    let plain = scanned(&text, text.as_bytes(), true);
                    assert_eq!(plain, scanned(&text, text.as_bytes(), false), "{text:?}");
                }
            }
        }
        // Words that run over the first piece's end.
        assert!(across > 100, "{across}");
    }

    /// A text with more function words than a 16-bit lane holds: the
    /// counts are exact (first person, words) or wrap as u16 sums do
    /// (languages), with no carry from one language into the next.
    #[test]
    fn long_texts_count_past_a_lane() {
        let text = "the my ".repeat(40_000);
        let st = text_stats(&text);
        assert_eq!(st.words.words, 80_000);
        assert_eq!(st.words.first_person, 40_000);
        // "the" and "my" are English only.
        assert_eq!(
            st.words.per_lang,
            [(80_000u32 % 65_536) as u16, 0, 0, 0, 0, 0, 0]
        );
        let text = "de ".repeat(70_000);
        let per_lang = text_stats(&text).words.per_lang;
        let de = (70_000u32 % 65_536) as u16;
        // Spanish, French, Portuguese and Dutch list "de".
        assert_eq!(per_lang, [0, de, de, 0, de, 0, de]);
    }

    /// An ASCII word's key is its bytes packed, as `stopwords::key` packs
    /// them, up to eight bytes; a longer word's matches no listed word,
    /// whatever it starts with (listed words, cut or not, and random
    /// letters), in either look-up.
    #[test]
    fn word_keys_are_packed_words_or_match_none() {
        let mut starts: Vec<Vec<u8>> = Vec::new();
        for w in ["the", "because", "about", "a", "i", "my", "de", "yo", "x'y"] {
            starts.push(w.as_bytes().to_vec());
        }
        let mut rng = crate::test_rng::XorShift::new(0x0DDB_A11C_0FFE_E123);
        for _ in 0..2000 {
            let r = rng.next_u64();
            starts.push((0..8).map(|i| b'a' + ((r >> (6 * i)) % 26) as u8).collect());
        }
        for w in starts {
            // The word's bytes, then letters: eight bytes and more.
            let mut b = w.clone();
            b.extend_from_slice(b"xyzwvuts");
            let x = u64::from_le_bytes(b[..8].try_into().unwrap()) | 0x2020_2020_2020_2020;
            for len in 1..64 {
                let k = word_key(x, len);
                if len <= 8 {
                    let lower = b[..len].to_ascii_lowercase();
                    assert_eq!(Some(k), stopwords::key(&lower), "{w:?} {len}");
                }
                if len >= 8 {
                    assert_eq!(stopwords::lookup_key(k), 0, "{w:?} {len}");
                    #[cfg(target_arch = "x86_64")]
                    if *AVX2 {
                        // SAFETY: the CPU has AVX2; a vector's bytes read
                        // as four u64s.
                        let l: [u64; 4] = unsafe { std::mem::transmute(stopwords::lanes_avx2(k)) };
                        assert_eq!(l, [0; 4], "{w:?} {len}");
                    }
                }
            }
        }
    }

    #[test]
    fn packed_keys_are_lower_case() {
        for w in ["", "a", "The", "ABOUT", "@[`{", "AbCdEfGh", "09Zz'"] {
            let lower = w.to_ascii_lowercase();
            assert_eq!(
                Some(ascii_key(w.as_bytes())),
                stopwords::key(lower.as_bytes()),
                "{w:?}"
            );
        }
    }

    /// Non-ASCII words with ASCII letters (the listed ones and others, each
    /// character's case drawn at random): lower-cased a character at a
    /// time, ASCII ones without the Unicode tables, they count as the
    /// plain form's lower-cased `String`s do.
    #[test]
    fn accented_words_count_like_the_plain_form() {
        const WORDS: &[&str] = &[
            "también",
            "über",
            "für",
            "été",
            "être",
            "même",
            "après",
            "según",
            "está",
            "você",
            "più",
            "más",
            "había",
            "naïve",
            "café",
            "Ωmega",
            "straße",
            "İstanbul",
        ];
        let mut rng = crate::test_rng::XorShift::new(0xD1B5_4A32_D192_ED03);
        let mut mixed = 0;
        for _ in 0..2000 {
            let text: String = (0..1 + rng.below(6))
                .map(|_| {
                    let w: String = rng
                        .pick(WORDS)
                        .chars()
                        .map(|c| match rng.below(3) {
                            0 => c.to_uppercase().collect::<String>(),
                            _ => c.to_string(),
                        })
                        .collect();
                    w + " "
                })
                .collect();
            mixed += text
                .split(' ')
                .filter(|w| !w.is_ascii() && w.bytes().any(|b| b.is_ascii_alphabetic()))
                .count();
            assert_eq!(counts(&text), reference(&text), "{text:?}");
        }
        assert!(mixed > 1000, "{mixed}");
    }

    #[test]
    fn one_pass_counts_like_the_plain_form() {
        for text in [
            "",
            "The cat sat on my mat, and I was there.",
            "'Tis the season: 'quoted' words'' and don't",
            "Él dijo que la casa de mi madre está aquí.",
            "Über den Autor: ich bin MEIN eigener Chef!",
            "İstanbul İİİİİİ ÉTÉ été",
            "日本語のテキスト、漢字と かな。mixed 中文 words",
            "Ünïcödé-heavy wörds with ﬁligatures and ǅ titlecase",
            "  spaces\tand\u{a0}nbsp; semicolons; colons: done?! ",
            "a-b_c d/e f.g 12,5 3.14 x'y",
            "supercalifragilistic THE The tHe",
            // Words of every length up to and past a packed key, at the
            // end of the text too (where eight bytes cannot be loaded).
            "x ab abc abcd about abcdef because ABOUT'S themselves ourselves",
            "Before BECAUSE between's 'about' where''",
            "también él",
            "It’s “quoted” — and… ‘so’ are these‼ ⁂ x\u{2070}\u{2071}y",
            // Non-ASCII words: lower-cased past a key's length (cut short),
            // shorter lower-cased, with bytes from E3 on but no CJK
            // (full-width letters), listed ones.
            "ÉTÉS ÉTÉÉTÉ \u{212A}\u{212A}\u{212A} \u{1E9E}E ａｂ ｄｅ Été ÜBER über Ωmega",
        ] {
            assert_eq!(counts(text), reference(text), "{text:?}");
            let b = text.as_bytes();
            assert_eq!(scanned(text, b, true), scanned(text, b, false), "{text:?}");
        }
    }
}
