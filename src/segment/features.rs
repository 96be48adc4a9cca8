//! Per-block features, computed once after segmentation.

use super::block::{Features, Page};
use super::stopwords;

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

/// `CLASS` bits: sentence punctuation, word character, ASCII white space
/// other than the space.
const PUNCT: u8 = 1;
const WORD: u8 = 2;
const BREAK: u8 = 4;

/// Per byte: `PUNCT` for . , ; : ! ?, `WORD` for ASCII letters, digits and
/// the apostrophe, `BREAK` for tab, line feed, vertical tab, form feed and
/// carriage return; nothing for the bytes of other characters (looked at
/// whole).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            t[b] = PUNCT;
        } else if c.is_ascii_alphanumeric() || c == b'\'' {
            t[b] = WORD;
        } else if matches!(c, b'\t'..=b'\r') {
            t[b] = BREAK;
        }
        b += 1;
    }
    t
};

/// No word is being read (`text_stats`'s `start`).
const NO_WORD: usize = usize::MAX;

/// `WordStats` while a text is read: the function-word hits per language
/// as 32-bit lanes of two integers, so that a word's hits are two adds.
#[derive(Default)]
struct Counter {
    words: u32,
    capitalised: u32,
    first_person: u32,
    lanes: [u128; 2],
}

/// Per language bit mask (`stopwords::lookup` less `FIRST_PERSON_BIT`):
/// a one in the 32-bit lane of each language set, languages 0-3 in the
/// first integer, 4-6 in the second.
static LANES: [[u128; 2]; 128] = {
    let mut t = [[0u128; 2]; 128];
    let mut m = 0;
    while m < 128 {
        let mut i = 0;
        while i < 7 {
            if m & (1 << i) != 0 {
                t[m][i / 4] |= 1u128 << (32 * (i % 4));
            }
            i += 1;
        }
        m += 1;
    }
    t
};

impl Counter {
    fn finish(&self) -> WordStats {
        let mut per_lang = [0u16; 7];
        for (i, slot) in per_lang.iter_mut().enumerate() {
            // Truncated: the per-language counts wrap as u16 sums do.
            *slot = (self.lanes[i / 4] >> (32 * (i % 4))) as u16;
        }
        WordStats {
            words: self.words,
            capitalised: self.capitalised,
            first_person: self.first_person,
            per_lang,
        }
    }
}

/// Whether the non-ASCII `c` is part of a word. General punctuation
/// (curly quotes, dashes, ellipses: most of the non-ASCII in Latin-script
/// text) answered without the Unicode tables.
#[inline]
fn is_word_char(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric()
}

/// Where the run of ASCII word bytes (`CLASS` `WORD`) from `i` ends: the
/// first byte that is not one, or the end. Eight bytes at a time, without
/// a branch per byte (word lengths vary: a byte loop's exit is
/// mispredicted once a word).
#[inline]
fn word_run_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte below 0x80 (no carry crosses bytes): the high bit of
    // x + (0x80 - lo) is set from `lo` up, that of x + (0x7F - hi) above
    // `hi`.
    let at_least = |x: u64, lo: u8| x.wrapping_add(ONES * (0x80 - lo) as u64);
    let above = |x: u64, hi: u8| x.wrapping_add(ONES * (0x7F - hi) as u64);
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let low = x & !HIGH;
        let digit = at_least(low, b'0') & !above(low, b'9');
        // Letters of either case: the case bit set maps 'A'..'Z' onto
        // 'a'..'z', and no other byte into them.
        let folded = low | (ONES * 0x20);
        let letter = at_least(folded, b'a') & !above(folded, b'z');
        // A zero byte of `low ^ '\''`, exactly: x + 0x7F stays below
        // 0x100 and has the high bit unless x is 0.
        let apostrophe = !above(low ^ (ONES * b'\'' as u64), 0);
        // Bytes from 0x80 up are not ASCII word bytes.
        let word = (digit | letter | apostrophe) & !x & HIGH;
        let other = !word & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && CLASS[b[i] as usize] & WORD != 0 {
        i += 1;
    }
    i
}

/// Words are runs of alphanumeric characters and apostrophes, apostrophes
/// trimmed from their ends.
fn text_stats(text: &str) -> TextStats {
    scan::<false>(text).0
}

/// `text_stats`, and whether `text` is already what
/// `text::collapse_whitespace` makes of it (its only whitespace single
/// spaces between other characters), found in the same pass: the text
/// path needs both of each line. The counts but `chars` are the same for
/// the text collapsed (white space is neither word nor punctuation).
pub(super) fn line_stats(text: &str) -> (TextStats, bool) {
    let (st, irregular) = scan::<true>(text);
    (st, !irregular)
}

/// `text_stats`; with `SPACING`, also whether `text` has white space that
/// `collapse_whitespace` would change.
#[inline(always)]
fn scan<const SPACING: bool>(text: &str) -> (TextStats, bool) {
    let bytes = text.as_bytes();
    // `SPACING` only: white space `collapse_whitespace` changes, where the
    // last space seen ends, the `CLASS` bits of the bytes seen.
    let mut irregular = SPACING && bytes.last() == Some(&b' ');
    let mut space_end = 0;
    let mut classes = 0;
    let mut st = TextStats::default();
    let mut words = Counter::default();
    // Bytes past the first of each multi-byte character: the characters
    // are the bytes less these.
    let mut continuation = 0;
    let mut start = NO_WORD;
    // Whether the word being read is ASCII so far.
    let mut ascii = true;
    let max_key = stopwords::MAX_LEN.min(stopwords::KEY_LEN);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let class = CLASS[b as usize];
            if class & WORD != 0 {
                let run = i;
                // The rest of the run of ASCII word bytes at once: none of
                // them is punctuation or ends the word.
                i = word_run_end(bytes, i + 1);
                if start == NO_WORD {
                    // A word wholly of this run (it ends at an ASCII byte
                    // or the end: no other character can join it), as most
                    // are: counted here.
                    if bytes.get(i).is_none_or(|&c| c < 0x80) {
                        end_word(text, run, i, true, max_key, &mut words);
                        continue;
                    }
                    start = run;
                }
                continue;
            }
            st.punctuation += (class & PUNCT) as u32;
            if SPACING {
                // A space right after a space (or at the start); tab, line
                // feed and the like are in `classes`. Without a branch:
                // most of these bytes are spaces, the rest punctuation.
                let space = b == b' ';
                irregular |= space & (space_end == i);
                space_end = if space { i + 1 } else { space_end };
                classes |= class;
            }
            if start != NO_WORD {
                end_word(text, start, i, ascii, max_key, &mut words);
                start = NO_WORD;
                ascii = true;
            }
            i += 1;
            continue;
        }
        // `i` is on a character boundary: it only moves by whole ones.
        let c = text[i..].chars().next().unwrap_or(' ');
        if matches!(c, '。' | '，' | '、') {
            st.punctuation += 1;
        }
        if is_word_char(c) {
            ascii = false;
            if start == NO_WORD {
                start = i;
            }
        } else {
            irregular |= SPACING && c.is_whitespace();
            if start != NO_WORD {
                end_word(text, start, i, ascii, max_key, &mut words);
                start = NO_WORD;
                ascii = true;
            }
        }
        continuation += c.len_utf8() - 1;
        i += c.len_utf8();
    }
    if start != NO_WORD {
        end_word(text, start, bytes.len(), ascii, max_key, &mut words);
    }
    st.chars = (bytes.len() - continuation) as u32;
    st.words = words.finish();
    (st, irregular || classes & BREAK != 0)
}

/// Count the word `text[s..e]` into `st`: ASCII words here, without a
/// copy or a call; others by `add_word`.
#[inline(always)]
fn end_word(text: &str, s: usize, e: usize, ascii: bool, max_key: usize, st: &mut Counter) {
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
    count_function_word(stopwords::lookup_key(key), st);
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

/// Count a word's `stopwords::lookup` answer `m` into `st`.
#[inline]
fn count_function_word(m: u8, st: &mut Counter) {
    let lanes = &LANES[(m & !stopwords::FIRST_PERSON_BIT) as usize];
    st.lanes[0] = st.lanes[0].wrapping_add(lanes[0]);
    st.lanes[1] = st.lanes[1].wrapping_add(lanes[1]);
    st.first_person += (m & stopwords::FIRST_PERSON_BIT != 0) as u32;
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
        let cjk = word.chars().filter(|&c| is_cjk(c)).count() as u32;
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
        // Lower-cased on the stack: 12 bytes grow to 18 at most.
        let mut buf = [0u8; 64];
        let mut n = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            if n + 4 > buf.len() {
                return;
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        stopwords::lookup(&buf[..n])
    };
    count_function_word(m, st);
}

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
    let mut totals = [0u32; 7];
    for s in stats {
        for (t, &n) in totals.iter_mut().zip(s.words.per_lang.iter()) {
            *t += n as u32;
        }
    }
    let lang = totals
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let n = page.blocks.len().max(1) as f32;
    for (i, (b, t)) in page.blocks.iter_mut().zip(stats.iter()).enumerate() {
        let s = &t.words;
        let chars = t.chars;
        let words = s.words.max(1) as f32;
        b.features = Features {
            chars,
            words: s.words,
            link_density: link_chars.get(i).copied().unwrap_or(0) as f32 / chars.max(1) as f32,
            stopword_ratio: s.per_lang[lang] as f32 / words,
            punctuation: t.punctuation,
            ends_sentence: is_sentence_end(&b.text),
            title_case_ratio: s.capitalised as f32 / words,
            first_person_ratio: s.first_person as f32 / words,
            position: i as f32 / n,
            depth: b.features.depth,
        };
    }
    lang
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let (st, plain) = line_stats(t);
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
    fn word_runs_end_where_a_byte_loop_ends_them() {
        let mut text = Vec::new();
        // Every byte value, and runs of word bytes of every length.
        text.extend(0u8..=255);
        for n in 0..20 {
            text.extend(std::iter::repeat_n(b"aZ9'"[n % 4], n));
            text.push([b' ', b'.', 0x80, b'@', b'[', b'`', b'{', b'/', b':'][n % 9]);
        }
        for i in 0..text.len() {
            let mut want = i;
            while want < text.len() && CLASS[text[want] as usize] & WORD != 0 {
                want += 1;
            }
            assert_eq!(word_run_end(&text, i), want, "from {i}");
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
        ] {
            let st = text_stats(text);
            let w = st.words;
            let got = (
                w.words,
                w.capitalised,
                w.first_person,
                w.per_lang,
                st.chars,
                st.punctuation,
            );
            assert_eq!(got, reference(text), "{text:?}");
        }
    }
}
