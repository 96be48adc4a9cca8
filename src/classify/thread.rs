//! HTML: a thread with no article beside it is the page's content. Themes
//! mark each post as a comment (`comment_text`, `comments_subtree`); when
//! the comment containers would take nearly all of the main content's
//! prose and no article stands beside them, they are the body.

use super::category::Category;
use super::evidence::Evidence;
use super::region::{Region, has_stopwords, is_prose};
use super::rules::RuleSet;
use crate::segment::Page;

/// Prose words outside the comments that make an article beside them
/// (as `region::BESIDE_ARTICLE`).
const ARTICLE_WORDS: u32 = 100;
/// Fewest prose words in the comments for them to make a thread.
const THREAD_WORDS: u32 = 100;

/// Whether a rule marks comments by the page's structure (class or tag),
/// not by what a block says.
fn structural_comment(set: &RuleSet, r: usize) -> bool {
    let rule = &set.rules[r];
    rule.category == Category::Comments && !rule.has_text()
}

/// Drops the structural comment rules from every block when the comments
/// are the page: a thread with no article beside it.
pub fn keep_lone_thread(page: &Page, set: &RuleSet, region: &Region, evidence: &mut [Evidence]) {
    if !page.is_html {
        return;
    }
    let sw = has_stopwords(page);
    let (mut thread, mut other) = (0u32, 0u32);
    // Prose outside the comments in places shaped like the posts' own
    // (`div.item-body > div.message > p` under the question and under each
    // reply) is the thread's opening post, themed as a post: no article
    // the comments sit under.
    let mut post_shapes = rustc_hash::FxHashSet::default();
    let mut outside = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if !region.in_main[i] || !is_prose(b, sw) {
            continue;
        }
        let ev = &evidence[i];
        let w = b.features.words;
        if ev.rules.iter().any(|&r| structural_comment(set, r)) {
            thread += w;
            post_shapes.insert(post_shape(page, b.element));
        } else if ev.score(set).0 < 1.0 {
            outside.push((post_shape(page, b.element), w));
        }
    }
    other += outside
        .iter()
        .filter(|(shape, _)| !post_shapes.contains(shape))
        .map(|&(_, w)| w)
        .sum::<u32>();
    if thread < THREAD_WORDS || other >= ARTICLE_WORDS {
        return;
    }
    for ev in evidence.iter_mut() {
        ev.rules.retain(|&r| !structural_comment(set, r));
    }
}

/// Levels of a post's text that make its shape: the text element, its
/// wrapper and the post body.
const POST_SHAPE_DEPTH: usize = 3;

/// The tags and first classes of a block's element and its nearest
/// ancestors, hashed: a thread's posts share it, whatever their ids.
fn post_shape(page: &Page, mut e: Option<usize>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for _ in 0..POST_SHAPE_DEPTH {
        let Some(el) = e.and_then(|i| page.elements.get(i)) else {
            break;
        };
        el.tag.hash(&mut h);
        el.classes.first().hash(&mut h);
        e = el.parent;
    }
    h.finish()
}
