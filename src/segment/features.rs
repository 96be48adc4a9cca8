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
struct TextStats {
    words: WordStats,
    chars: u32,
    /// Sentence punctuation marks (see `Features::punctuation`).
    punctuation: u32,
}

/// `ASCII_CLASS` bits: sentence punctuation, word character.
const PUNCT: u8 = 1;
const WORD: u8 = 2;

/// Per ASCII byte: `PUNCT` for . , ; : ! ?, `WORD` for letters, digits and
/// the apostrophe.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            t[b] = PUNCT;
        } else if c.is_ascii_alphanumeric() || c == b'\'' {
            t[b] = WORD;
        }
        b += 1;
    }
    t
};

/// Words are runs of alphanumeric characters and apostrophes, apostrophes
/// trimmed from their ends.
fn text_stats(text: &str) -> TextStats {
    let bytes = text.as_bytes();
    let mut st = TextStats::default();
    let mut start: Option<usize> = None;
    // Whether the word being read is ASCII so far.
    let mut ascii = true;
    let max_key = stopwords::max_len().min(stopwords::KEY_LEN);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // The usual case, by table: one lookup instead of two tests.
            let class = ASCII_CLASS[b as usize];
            st.chars += 1;
            st.punctuation += (class & PUNCT) as u32;
            if class & WORD != 0 {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                add_word(&text[s..i], ascii, max_key, &mut st.words);
                ascii = true;
            }
            i += 1;
            continue;
        }
        let (in_word, len) = {
            // `i` is on a character boundary: it only moves by whole ones.
            let c = text[i..].chars().next().unwrap_or(' ');
            if matches!(c, '。' | '，' | '、') {
                st.punctuation += 1;
            }
            let w = c.is_alphanumeric();
            if w {
                ascii = false;
            }
            (w, c.len_utf8())
        };
        st.chars += 1;
        if in_word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            add_word(&text[s..i], ascii, max_key, &mut st.words);
            ascii = true;
        }
        i += len;
    }
    if let Some(s) = start {
        add_word(&text[s..], ascii, max_key, &mut st.words);
    }
    st
}

/// The ASCII word `w` (at most 8 bytes) lower-cased and packed as
/// `stopwords::key` packs it.
fn ascii_key(w: &[u8]) -> u64 {
    let mut k = [0u8; stopwords::KEY_LEN];
    k[..w.len()].copy_from_slice(w);
    let x = u64::from_le_bytes(k);
    // Per byte (all below 0x80, so no carry crosses bytes): the high bit of
    // b + 0x3F is set from 'A' up, that of b + 0x25 from '[' up.
    let upper = (x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) & !x.wrapping_add(0x2525_2525_2525_2525))
        & 0x8080_8080_8080_8080;
    x | (upper >> 2)
}

/// Count one word into `st`. `ascii`: the word is ASCII; `max_key`: the
/// longest function word, in bytes, that a packed key holds.
fn add_word(word: &str, ascii: bool, max_key: usize, st: &mut WordStats) {
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
    if m == 0 {
        return;
    }
    for (i, slot) in st.per_lang.iter_mut().enumerate() {
        if m & (1 << i) != 0 {
            *slot = slot.wrapping_add(1);
        }
    }
    if m & stopwords::FIRST_PERSON_BIT != 0 {
        st.first_person += 1;
    }
}

pub fn is_sentence_end(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    });
    t.ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';'])
}

/// Fill `features` of every block; `link_chars[i]` is the number of
/// characters of block i inside links. Also returns the page language.
pub fn compute(page: &mut Page, link_chars: &[u32]) -> usize {
    let stats: Vec<TextStats> = page.blocks.iter().map(|b| text_stats(&b.text)).collect();
    let mut totals = [0u32; 7];
    for s in &stats {
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
