//! Text input: the prompt under a thread's last post ("You must log in or
//! register to reply here.", "Create an account or sign in to comment").
//! Forum and Q&A software prints it once, where the posts end; after it
//! come the board's lists of other threads, its footer and consent text,
//! which read as prose and would otherwise stay in the region.
//!
//! The prompts are data: the rules with `mark = "ends-thread"` match them.

use super::text_region::Said;
use crate::segment::Page;

/// Words of the region's text before the prompt: at least a short post.
/// A prompt above the posts (a banner over the thread) ends nothing.
const MIN_WORDS: u32 = 40;

/// Ends the region `in_main` at its first line a rule marks as ending a
/// thread (`ends[i]`), said once on the page, with a post's worth of the
/// region's text (not `junk`) before it. Shorter `ends` means false.
/// `said`: the page's line counts, if the region passes made them.
pub fn cut(page: &Page, said: Option<&Said>, junk: &[bool], ends: &[bool], in_main: &mut [bool]) {
    // Most pages have no such prompt: nothing to cut.
    if page.is_html || !ends.contains(&true) {
        return;
    }
    let mut own = None;
    let said = Said::or_count(said, page, &mut own);
    let n = page.blocks.len().min(in_main.len());
    let mut before = 0u32;
    for i in 0..n {
        if !in_main[i] {
            continue;
        }
        if ends.get(i).copied().unwrap_or(false) && before >= MIN_WORDS && said.times(i) == 1 {
            for m in &mut in_main[i..n] {
                *m = false;
            }
            return;
        }
        if !junk.get(i).copied().unwrap_or(false) {
            before += page.blocks[i].features.words;
        }
    }
}
