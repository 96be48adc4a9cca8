//! Tokenising and normalising text the way the two benchmarks do.
//!
//! Tokens are the matches of `\w+` with Unicode classes (as the `regex` crate
//! defines `\w`). The scan is done by hand with a table built once from that
//! regex, as it is about three times faster than running the regex itself.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One `\w` character, the definition every token follows.
static WORD_CHAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\w$").expect("valid word regex"));

/// Bit per character of the Basic Multilingual Plane: is it `\w`?
static BMP_WORD: LazyLock<Box<[u64]>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64].into_boxed_slice();
    let mut buf = [0u8; 4];
    for cp in 0..0x10000u32 {
        if let Some(c) = char::from_u32(cp)
            && WORD_CHAR.is_match(c.encode_utf8(&mut buf))
        {
            bits[cp as usize / 64] |= 1 << (cp % 64);
        }
    }
    bits
});

/// Whether `c` matches `\w`.
pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else if cp < 0x10000 {
        BMP_WORD[cp as usize / 64] & (1 << (cp % 64)) != 0
    } else {
        let mut buf = [0u8; 4];
        WORD_CHAR.is_match(c.encode_utf8(&mut buf))
    }
}

/// Pushes the `\w+` tokens of `text` onto `out`, case kept.
pub fn push_tokens<'a>(text: &'a str, out: &mut Vec<&'a str>) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (word, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric() || b == b'_', 1)
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            (is_word_char(c), c.len_utf8())
        };
        if word {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
}

/// The `\w+` tokens of `text`, case kept.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    push_tokens(text, &mut out);
    out
}

/// A text's tokens, with the range of tokens on each line (as `str::lines`
/// splits; a token never spans lines).
pub struct Tokenized<'a> {
    pub tokens: Vec<&'a str>,
    pub lines: Vec<Range<usize>>,
}

impl<'a> Tokenized<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut lines = Vec::new();
        for line in text.lines() {
            let start = tokens.len();
            push_tokens(line, &mut tokens);
            lines.push(start..tokens.len());
        }
        Tokenized { tokens, lines }
    }
}

/// `text.to_lowercase()`, faster on mostly-ASCII text.
pub fn lowercase(text: &str) -> String {
    // Only capital sigma lower-cases differently by context (final sigma).
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.bytes().position(|b| !b.is_ascii()) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().expect("a char starts here");
        out.extend(c.to_lowercase());
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    // Lower-cased non-ASCII characters never map to ASCII capitals.
    out.make_ascii_lowercase();
    out
}

pub use crate::segment::text::collapse_whitespace;

/// Lower-cased text with every run of whitespace made one space and the ends
/// trimmed: the form snippets are matched in.
pub fn normalize_for_snippets(text: &str) -> String {
    collapse_whitespace(&lowercase(text))
}

/// Whitespace collapsed, cut to at most `max_chars` characters (an ellipsis
/// marks a cut).
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        if count > 0 {
            if count >= max_chars {
                cut = true;
                break;
            }
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count >= max_chars {
                cut = true;
                break 'words;
            }
            out.push(c);
            count += 1;
        }
    }
    if cut && max_chars > 0 {
        // Make room for the ellipsis within the limit.
        let keep = out
            .char_indices()
            .nth(max_chars - 1)
            .map_or(out.len(), |(i, _)| i);
        out.truncate(keep);
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
    }
    out
}

/// Characters (not bytes) of `text` once trimmed.
pub fn char_len(text: &str) -> usize {
    text.trim().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex_tokens(text: &str) -> Vec<&str> {
        Regex::new(r"\w+")
            .unwrap()
            .find_iter(text)
            .map(|m| m.as_str())
            .collect()
    }

    #[test]
    fn tokens_split_on_non_word_characters() {
        assert_eq!(
            tokens("Hello, world! it's 2024_x"),
            vec!["Hello", "world", "it", "s", "2024_x"]
        );
        assert!(tokens("  --  ").is_empty());
        assert!(tokens("").is_empty());
    }

    #[test]
    fn tokens_are_unicode() {
        assert_eq!(tokens("Grüße, Zoë — 東京"), vec!["Grüße", "Zoë", "東京"]);
        assert_eq!(tokens("Привет мир"), vec!["Привет", "мир"]);
    }

    #[test]
    fn tokens_match_the_regex() {
        for text in [
            "plain ascii text, with punctuation; and_underscores 42",
            "हिन्दी भाषा", // combining vowel signs are \w
            "e\u{301}te\u{301} cafe\u{301}",
            "zero\u{200d}width\u{200c}joiners",
            "x² ½ Ⅻ 3.14 ١٢٣",
            "emoji 😀 here 𝒜𝒷 𐐀𐐨 ok",
            "tab\tnew\nline\r\nend",
            "“quoted” — ‘dash’ … ‿tie‿",
            "",
        ] {
            assert_eq!(tokens(text), regex_tokens(text), "{text:?}");
        }
    }

    #[test]
    fn tokenized_keeps_line_ranges() {
        let t = Tokenized::new("a b\n\n-- \r\nc d e\nf");
        assert_eq!(t.tokens, vec!["a", "b", "c", "d", "e", "f"]);
        assert_eq!(t.lines, vec![0..2, 2..2, 2..2, 2..5, 5..6]);
    }

    #[test]
    fn lowercase_matches_std() {
        for text in [
            "Hello WORLD",
            "ÉCOLE Straße İstanbul KELVIN \u{212a}",
            "ΟΔΟΣ ΣΟΦΙΑΣ",
            "Ǆ ǅ ǆ",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn snippet_normalisation_lowercases_and_collapses_whitespace() {
        assert_eq!(
            normalize_for_snippets("  Hello\n\n  WORLD\t again\u{a0}x "),
            "hello world again x"
        );
        assert_eq!(normalize_for_snippets(" \n "), "");
    }

    #[test]
    fn excerpt_cuts_with_ellipsis_within_limit() {
        assert_eq!(excerpt("short  text\nhere", 100), "short text here");
        let long = "word ".repeat(50);
        let e = excerpt(&long, 20);
        assert!(e.chars().count() <= 20, "{e:?}");
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("abcdef", 6), "abcdef");
        let e = excerpt("abcdefg", 6);
        assert_eq!(e, "abcde…");
        assert_eq!(excerpt("ééééééé", 3), "éé…");
    }

    #[test]
    fn char_len_counts_characters() {
        assert_eq!(char_len("  héllo "), 5);
    }
}
