//! The main content of text input (one block per line, no markup): the
//! run of lines with the most prose in it, found as a maximum subarray.

use super::region::{Region, has_article_core, has_stopwords, prose_flags};
use crate::segment::Page;

/// The run of lines with the largest prose balance (maximum subarray).
pub fn find(page: &Page, junk: &[bool]) -> Region {
    let sw = has_stopwords(page);
    let prose = prose_flags(page, junk, sw);
    let article_core = has_article_core(page, &prose);
    // A lone short line between paragraphs is a subheading; a run of them
    // is a menu or a list of headlines: each further line costs more. A
    // prose line alone between such lines is a teaser, not an article.
    let mut run = 0.0f32;
    let scores: Vec<f32> = page
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let w = b.features.words as f32;
            if junk[i] {
                run += 1.0;
                return -0.5 * w - 2.0;
            }
            if prose[i] {
                run = 0.0;
                let before = i > 0 && prose[i - 1];
                let after = prose.get(i + 1).copied().unwrap_or(false);
                return if before || after || w >= 40.0 || !article_core {
                    w
                } else {
                    0.3 * w - 1.0
                };
            }
            run += 1.0;
            if b.features.words <= 12 && !b.features.ends_sentence {
                -1.5 * run
            } else {
                -0.3 * w.max(2.0) * run.min(3.0)
            }
        })
        .collect();
    let (mut best, mut best_range) = (f32::MIN, (0, 0));
    let (mut cur, mut start) = (0f32, 0usize);
    for (i, &s) in scores.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = i;
        }
        cur += s;
        if cur > best {
            best = cur;
            best_range = (start, i + 1);
        }
    }
    if !article_core {
        // No article: the content is the separate texts of a product,
        // listing or forum page, from the first to the last.
        if let (Some(a), Some(z)) = (
            prose.iter().position(|&p| p),
            prose.iter().rposition(|&p| p),
        ) {
            best_range = (a, z + 1);
        }
    }
    let in_main = if best <= 0.0 {
        // No prose at all: nothing to anchor on, keep everything.
        vec![true; page.blocks.len()]
    } else {
        (0..page.blocks.len())
            .map(|i| i >= best_range.0 && i < best_range.1)
            .collect()
    };
    Region {
        in_main,
        holds_main: vec![false; page.elements.len()],
    }
}
