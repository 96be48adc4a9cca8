//! Choosing the title. HTML: og:title, the first h1, `<title>`. Text: the
//! first line when it reads as a headline.

use crate::classify::Decision;
use crate::segment::{Block, Page};

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn reads_as_headline(b: &Block) -> bool {
    let f = &b.features;
    (2..=30).contains(&f.words)
        && f.link_density < 0.5
        && !b.text.trim_end().ends_with(['.', ',', ';', ':'])
}

/// The title and, if it is also a block, that block's index.
pub fn choose(page: &Page, decisions: &[Decision]) -> (Option<String>, Option<usize>) {
    if page.is_html {
        let Some(title) = page.title_candidates.first().cloned() else {
            return (None, None);
        };
        // The heading that repeats the title is not body text.
        let t = norm(&title);
        let block = page
            .blocks
            .iter()
            .zip(decisions)
            .find(|(b, d)| d.is_kept() && b.kind.is_heading() && norm(&b.text) == t)
            .map(|(b, _)| b.index);
        return (Some(title), block);
    }
    match page.blocks.first() {
        Some(b)
            if reads_as_headline(b)
                && decisions.first().is_some_and(|d| d.is_kept() || !d.in_main) =>
        {
            (Some(b.text.to_string()), Some(b.index))
        }
        _ => (None, None),
    }
}
