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

fn word_stats(text: &str, buf: &mut String) -> WordStats {
    let mut st = WordStats::default();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let word = word.trim_matches('\'');
        if word.is_empty() {
            continue;
        }
        // CJK scripts do not separate words with spaces: count characters.
        let cjk = word.chars().filter(|&c| is_cjk(c)).count() as u32;
        if cjk > 0 {
            st.words += cjk.div_ceil(2);
            continue;
        }
        st.words += 1;
        if word.chars().next().is_some_and(char::is_uppercase) {
            st.capitalised += 1;
        }
        if word.len() > 12 {
            continue;
        }
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        let m = stopwords::mask(buf);
        if m != 0 {
            for (i, slot) in st.per_lang.iter_mut().enumerate() {
                if m & (1 << i) != 0 {
                    *slot += 1;
                }
            }
        }
        if stopwords::is_first_person(buf) {
            st.first_person += 1;
        }
    }
    st
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
    let mut buf = String::new();
    let stats: Vec<WordStats> = page
        .blocks
        .iter()
        .map(|b| word_stats(&b.text, &mut buf))
        .collect();
    let mut totals = [0u32; 7];
    for s in &stats {
        for (t, &n) in totals.iter_mut().zip(s.per_lang.iter()) {
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
    for (i, (b, s)) in page.blocks.iter_mut().zip(stats.iter()).enumerate() {
        let chars = b.text.chars().count() as u32;
        let words = s.words.max(1) as f32;
        b.features = Features {
            chars,
            words: s.words,
            link_density: link_chars.get(i).copied().unwrap_or(0) as f32 / chars.max(1) as f32,
            stopword_ratio: s.per_lang[lang] as f32 / words,
            punctuation: b
                .text
                .chars()
                .filter(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '。' | '，' | '、'))
                .count() as u32,
            ends_sentence: is_sentence_end(&b.text),
            title_case_ratio: s.capitalised as f32 / words,
            first_person_ratio: s.first_person as f32 / words,
            position: i as f32 / n,
            depth: b.features.depth,
        };
    }
    lang
}
