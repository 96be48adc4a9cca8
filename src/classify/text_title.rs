//! Text input: the page title comes first (a `<title>` turned into a line),
//! and the article's headline repeats it just above the article body. A
//! line that repeats the title, less the site name after it, marks where the
//! article starts.

use crate::segment::Page;

/// Lower-cased words of a line, letters and digits only.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// At most this many title words after the headline: the site's name.
const SITE_NAME_WORDS: usize = 6;

/// Indices of the lines after the first that repeat the title: the whole
/// title, or its start with only a site name left over.
pub fn headline_lines(page: &Page) -> Vec<usize> {
    let Some(first) = page.blocks.first() else {
        return Vec::new();
    };
    let title = words(&first.text);
    if title.len() < 3 || first.features.words > 40 {
        return Vec::new();
    }
    page.blocks
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, b)| {
            // Cheap length check before splitting the line into words.
            b.features.words as usize <= title.len() && {
                let w = words(&b.text);
                w.len() >= 3
                    && 2 * w.len() >= title.len()
                    && title.len() - w.len() <= SITE_NAME_WORDS
                    && title.starts_with(&w)
            }
        })
        .map(|(i, _)| i)
        .collect()
}
