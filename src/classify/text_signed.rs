//! Text input: comments signed under their text. A Q&A page lists short
//! comments under the question and each answer, each one line of text,
//! then the commenter's name (the link to the profile), the name again
//! after a dash ("– Ann Lee") and the comment's date on the next line.
//! The answers are the content; their comments go. A testimonial signed
//! "– Ann" with its date names its writer once, and stays.

use super::Decision;
use super::category::Category;
use crate::segment::Page;

/// Words at most in a signature's name.
const NAME_WORDS: usize = 6;
/// Lines after a signature searched for its date.
const DATE_REACH: usize = 2;
/// Signatures needed on a page to read them as comments (one dashed
/// name over a date may close a quote).
const MIN_SIGNED: usize = 2;

/// The name a line signs with: the words after a leading dash, when the
/// line is only that ("– Ann Lee").
#[inline]
fn signed_name(text: &str) -> Option<&str> {
    // Most lines start with a letter. `trim` is Unicode's: past ASCII
    // whitespace, an ASCII byte other than '-' already says no, without
    // trimming the line; any other byte takes the full path.
    match text.bytes().find(|c| !is_ascii_space(*c)) {
        Some(c) if !c.is_ascii() || c == b'-' => {}
        _ => return None,
    }
    let rest = text.trim().strip_prefix(['–', '—', '-'])?;
    let name = rest.trim_start();
    // A space after the dash: "—no" starts a sentence.
    let words = name.split_whitespace().count();
    (name.len() < rest.len() && (1..=NAME_WORDS).contains(&words)).then_some(name)
}

/// The ASCII bytes `char::is_whitespace` (and so `str::trim`) takes as
/// space; `u8::is_ascii_whitespace` leaves out the vertical tab.
pub(crate) fn is_ascii_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Lines that sign a comment: a dashed name, the same name just over it
/// and a date just under it.
fn signatures(page: &Page) -> Vec<usize> {
    let blocks = &page.blocks;
    let mut out = Vec::new();
    // A plain loop, run on every line of a page: most lines fail the
    // first test on their first byte.
    for i in 1..blocks.len() {
        if signed_name(&blocks[i].text).is_some_and(|name| blocks[i - 1].text.trim() == name)
            && (i + 1..blocks.len().min(i + 1 + DATE_REACH))
                .any(|j| super::text_thread::is_date_line(page, j))
        {
            out.push(i);
        }
    }
    out
}

/// Removes each signed comment: the signature, the name said just before
/// it, the comment's line before that and its vote count (a bare number
/// just above it). Only where `MIN_SIGNED` signatures or more are found.
pub fn drop_comments(page: &Page, out: &mut [Decision]) {
    if page.is_html {
        return;
    }
    let signed = signatures(page);
    if signed.len() < MIN_SIGNED {
        return;
    }
    let drop = |i: usize, out: &mut [Decision]| {
        if let Some(d) = out.get_mut(i).filter(|d| d.is_kept()) {
            *d = Decision {
                removed: Some(Category::Comments),
                rule: std::borrow::Cow::Borrowed("heuristic.signed-comment"),
                score: 1.0,
                in_main: d.in_main,
            };
        }
    };
    for s in signed {
        // The signature and the name over it.
        drop(s, out);
        drop(s - 1, out);
        // The comment's text: one line, kept as content so far (a line
        // removed already is the post's footer: the comment had none).
        let Some(t) = (s - 1).checked_sub(1).filter(|&t| out[t].is_kept()) else {
            continue;
        };
        drop(t, out);
        if t > 0 && super::text_items::is_count(&page.blocks[t - 1].text) {
            drop(t - 1, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `signed_name` before its leading-byte test.
    fn signed_name_full(text: &str) -> Option<&str> {
        let rest = text.trim().strip_prefix(['–', '—', '-'])?;
        let name = rest.trim_start();
        let words = name.split_whitespace().count();
        (name.len() < rest.len() && (1..=NAME_WORDS).contains(&words)).then_some(name)
    }

    #[test]
    fn leading_byte_test_says_what_the_full_path_does() {
        let lines = [
            "",
            " ",
            "\u{b}",
            "\u{b}- Ann",
            "- Ann Lee",
            "  – Ann Lee",
            "— Bo",
            "—no",
            "-",
            "- ",
            "Ann",
            "\t\n- Ann",
            "\u{a0}- Ann",
            "\u{2003}– Ann Lee",
            "\u{feff}- Ann",
            "1 - Ann",
            "-- Ann",
            "- a b c d e f g",
            "é - Ann",
            "\u{85}- Ann",
            "\u{1c}- Ann",
        ];
        for l in lines {
            assert_eq!(signed_name(l), signed_name_full(l), "{l:?}");
        }
    }
}
