//! Text whose HTML is gone -> blocks, one per non-empty line.

use super::block::{Block, BlockKind, Features, Page};
use super::features;
use std::borrow::Cow;

/// Runs of whitespace made one space, ends trimmed (case kept): what
/// `split_whitespace` joined with spaces gives, without the allocations
/// when there is nothing to do.
pub fn collapse_whitespace(t: &str) -> String {
    // Usually there is nothing to collapse: plain spaces, one at a time.
    let b = t.as_bytes();
    let plain = t.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b
            .iter()
            .any(|&c| matches!(c, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        && memchr::memmem::find(b, b"  ").is_none();
    if plain {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    for (i, w) in t.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

pub fn segment(text: &str) -> Page {
    let mut page = Page::default();
    for line in text.lines() {
        let t = line.trim();
        let has_word = t.bytes().any(|b| b.is_ascii_alphanumeric())
            || (!t.is_ascii() && t.chars().any(char::is_alphanumeric));
        if !has_word {
            continue;
        }
        // Text from a Markdown source keeps its heading marks as a hint.
        let (kind, t) = match t.strip_prefix('#') {
            Some(rest) if rest.starts_with(['#', ' ']) => {
                let level = 1 + rest.chars().take_while(|&c| c == '#').count();
                (
                    BlockKind::Heading(level.min(6) as u8),
                    rest.trim_start_matches('#').trim(),
                )
            }
            _ => (BlockKind::Line, t),
        };
        let index = page.blocks.len();
        page.blocks.push(Block {
            index,
            text: collapse_whitespace(t),
            kind,
            tag: Cow::Borrowed("line"),
            element: None,
            features: Features::default(),
        });
    }
    let zeros = vec![0; page.blocks.len()];
    features::compute(&mut page, &zeros);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_whitespace_is_one_space_per_run_of_whitespace() {
        for t in [
            "plain words here",
            "two  spaces",
            "tab\there",
            "nbsp\u{a0}here",
            "ideographic\u{3000}space",
            "vertical\x0btab",
            "café au lait",
            "x",
            " leading and trailing ",
            "",
            "   ",
            " a  b\t\tc\n\r\nd \u{a0}e\u{2003}f\u{b}g\u{c}h ",
            "ünï  cödé\u{3000}東京 ",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(t), want, "{t:?}");
        }
    }
}
