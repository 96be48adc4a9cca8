//! Text input: a ranked or numbered listicle ("1. Name", "2. Name", ...)
//! whose items each hold a paragraph and short lists of their own
//! (services, clients, features). Such a list can name the same things
//! as the site's menu, in the same order: inside a numbered item it is
//! the item's own, not the menu shown again.

use crate::segment::Page;

/// Items in sequence a listicle needs.
const MIN_ITEMS: usize = 3;
/// Longest item heading, in words.
const HEADING_WORDS: u32 = 12;
/// Lines at least between two item headings: items with a body, not a
/// numbered list of short steps.
const MIN_ITEM_LINES: usize = 3;
/// Prose words an item's body needs, at least one line long.
const BODY_WORDS: u32 = 15;

/// Lines inside a numbered listicle's items: from the heading "1." to the
/// end of the last item, taken as long as the longest item before it.
/// `prose` marks paragraphs; shorter than the page means no listicle.
pub fn items(page: &Page, prose: &[bool]) -> Vec<bool> {
    let n = page.blocks.len();
    let mut out = vec![false; n];
    if prose.len() < n {
        return out;
    }
    // Headings numbered 1, 2, 3, ... in page order, each one the first
    // of its number after the one before it.
    let mut heads: Vec<usize> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if b.features.words > HEADING_WORDS || !may_number(&b.text) {
            continue;
        }
        if number(&b.text) == Some(heads.len() + 1) {
            heads.push(i);
        }
    }
    if heads.len() < MIN_ITEMS {
        return out;
    }
    // Every item has a body with a paragraph in it.
    let body = |a: usize, z: usize| {
        z - a >= MIN_ITEM_LINES
            && (a + 1..z).any(|i| prose[i] && page.blocks[i].features.words >= BODY_WORDS)
    };
    let longest = heads.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    if !heads.windows(2).all(|w| body(w[0], w[1])) {
        return out;
    }
    let last = *heads.last().unwrap_or(&0);
    let end = n.min(last + longest);
    if !body(last, end) {
        return out;
    }
    out[heads[0]..end].fill(true);
    out
}

/// Whether `number` may find one: a line that starts with an ASCII
/// character other than a space, a digit or '#' (most lines) has none,
/// told from its first byte.
fn may_number(text: &str) -> bool {
    !text
        .as_bytes()
        .first()
        .is_some_and(|&c| c > b' ' && c < 0x80 && c != b'#' && !c.is_ascii_digit())
}

/// The number a line starts with as an item heading: "3. Name",
/// "3) Name", "#3 Name" or "#3. Name", followed by a word.
fn number(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let hash = t.starts_with('#');
    let t = t.strip_prefix('#').unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &t[digits..];
    // "#3" needs no stop after it; "3" does.
    let rest = match rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
        Some(r) => r,
        None if hash => rest,
        None => return None,
    };
    // A word after a space: not a decimal, a date or a version number.
    let rest = rest.strip_prefix(' ')?;
    if !rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    t[..digits].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{may_number, number};

    #[test]
    fn numbers_of_item_headings() {
        assert_eq!(number("1. Harbour Movers"), Some(1));
        assert_eq!(number("12) Hilltop"), Some(12));
        assert_eq!(number("#3 Best pick"), Some(3));
        assert_eq!(number("3.5 stars"), None);
        assert_eq!(number("2025 was a year"), None);
        assert_eq!(number("1.2.3 release"), None);
        assert_eq!(number("Step 1. Go"), None);
    }

    /// `may_number` rules out only lines `number` finds none in.
    #[test]
    fn lines_ruled_out_hold_no_number() {
        for t in [
            "1. Harbour Movers",
            " 2. Spaced",
            "\u{b}3. Tabbed",
            "\u{a0}4. Non-breaking",
            "#5 Best pick",
            "Step 1. Go",
            "A 1. B",
            "",
            "é 1. x",
            "-1. minus",
        ] {
            if number(t).is_some() {
                assert!(may_number(t), "{t:?}");
            }
        }
        assert!(!may_number("Step 1. Go"));
        assert!(may_number("\u{a0}4. Non-breaking"));
    }
}
