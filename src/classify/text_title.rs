//! Text input: the page title comes first (a `<title>` turned into a line),
//! and the article's headline repeats it just above the article body. A
//! line that repeats the title, less the site name after it, marks where the
//! article starts.

use crate::segment::Page;

/// Words of a line, letters and digits only.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn same_word(a: &str, b: &str) -> bool {
    // ASCII words (most): no case tables.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// At most this many title words after the headline: the site's name.
const SITE_NAME_WORDS: usize = 6;

/// Indices of the lines after the first that repeat the title: the whole
/// title, or its start with only a site name left over.
pub fn headline_lines(page: &Page) -> Vec<usize> {
    let Some(first) = page.blocks.first() else {
        return Vec::new();
    };
    // A long first line is no title: not split into words.
    if first.features.words > 40 {
        return Vec::new();
    }
    let title: Vec<&str> = words(&first.text).collect();
    if title.len() < 3 {
        return Vec::new();
    }
    page.blocks
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, b)| {
            // Cheap checks first: most lines are far from the title.
            let n = b.features.words as usize;
            n >= 3
                && n <= title.len()
                && 2 * n >= title.len()
                && title.len() - n <= SITE_NAME_WORDS
                && {
                    let mut line = words(&b.text);
                    let mut matched = 0;
                    let prefix = line.by_ref().zip(&title).all(|(w, t)| {
                        matched += 1;
                        same_word(w, t)
                    });
                    prefix
                        && line.next().is_none()
                        && matched >= 3
                        && 2 * matched >= title.len()
                        && title.len() - matched <= SITE_NAME_WORDS
                }
        })
        .map(|(i, _)| i)
        .collect()
}
