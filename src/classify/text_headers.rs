//! Text input: the poster's lines in a post's header. A forum post opens
//! with the poster's name, place and title ("Destination Expert",
//! "Senior Member") among its counters, date and buttons, which rules
//! remove; the name and place say nothing a rule knows. On a thread page
//! a short line between two removed header lines, in a run of short
//! lines with no text in it, is the poster's too.

use super::Decision;
use super::category::Category;
use super::text_region::Said;
use crate::segment::Page;

/// Words at most in a header line.
const HEADER_WORDS: u32 = 12;

/// Whether line `i` may be part of a post's header: short, and not a
/// sentence unless the page says it again (a reply's title, "Re: Where to
/// stay in Kyoto?", over each post).
fn header_line(page: &Page, said: &rustc_hash::FxHashMap<&str, u32>, i: usize) -> bool {
    let b = &page.blocks[i];
    let f = &b.features;
    f.words <= HEADER_WORDS
        && (!(f.ends_sentence && f.words >= 4) || said.get(b.text.trim()).is_some_and(|&c| c > 1))
}

/// Removes the kept lines of each post header on a thread page
/// (`Region::thread`): in a run of header lines, those after a removed
/// line (a counter, a button) and up to the post's date line, itself too.
/// The kept lines before that removed line end the post before (a short
/// reply, a sign-off), and the lines after the date start the post.
pub fn drop_poster_lines(page: &Page, region: &super::region::Region, out: &mut [Decision]) {
    if page.is_html || !region.thread {
        return;
    }
    let mut own = None;
    let lines = Said::or_count(region.said.as_deref(), page, &mut own);
    let n = page.blocks.len().min(out.len());
    let mut said: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for b in page
        .blocks
        .iter()
        .filter(|b| b.features.words <= HEADER_WORDS)
    {
        *said.entry(b.text.trim()).or_default() += 1;
    }
    let mut i = 0;
    while i < n {
        if !header_line(page, &said, i) {
            i += 1;
            continue;
        }
        let end = (i..n).find(|&j| !header_line(page, &said, j)).unwrap_or(n);
        drop_in_run(page, lines, (i, end), out);
        i = end;
    }
}

/// In the run of header lines `(i, end)`, removes the kept lines of the
/// main content between a removed line and the next date line. Dates are
/// looked for only after a removed line: one before it closes nothing
/// (`is_date_line` runs a regex, and most header lines come before).
/// `said` counts the page's lines.
fn drop_in_run(page: &Page, said: &Said, (i, end): (usize, usize), out: &mut [Decision]) {
    let dated = |j: usize| super::text_thread::dated(page, said, j);
    let mut from = i;
    while let Some(f) = (from..end).find(|&j| !out[j].is_kept()) {
        // A removed date line opens nothing: the post starts after it.
        if dated(f) {
            from = f + 1;
            continue;
        }
        let Some(d) = (f + 1..end).find(|&j| dated(j)) else {
            break;
        };
        for o in &mut out[f + 1..d] {
            if o.is_kept() && o.in_main {
                *o = Decision {
                    removed: Some(Category::LowContent),
                    rule: std::borrow::Cow::Borrowed("heuristic.poster-line"),
                    score: 1.0,
                    in_main: o.in_main,
                };
            }
        }
        from = d + 1;
    }
}

/// Dated lines that make a run of lines a thread's posts.
const MIN_POSTS: usize = 3;

/// Whether the lines `(a, z)` are a thread's posts: `MIN_POSTS` dated
/// header lines or more, each with a line of text after it before the
/// next. `said` counts the page's lines.
pub fn dated_posts(page: &Page, said: &Said, (a, z): (usize, usize)) -> bool {
    let z = z.min(page.blocks.len());
    let mut posts = 0;
    let mut open = false;
    for i in a..z {
        if super::text_thread::dated(page, said, i) {
            open = true;
        } else if open && page.blocks[i].features.words >= 5 {
            open = false;
            posts += 1;
            if posts >= MIN_POSTS {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        crate::segment::text::segment(text)
    }

    /// `drop_in_run` before it looked for dates only after removed lines.
    fn drop_in_run_all_dates(page: &Page, (i, end): (usize, usize), out: &mut [Decision]) {
        let mut from = i;
        for d in (i..end).filter(|&j| crate::classify::text_thread::is_date_line(page, j)) {
            if let Some(f) = (from..d).find(|&j| !out[j].is_kept()) {
                for o in out.iter_mut().take(d).skip(f + 1) {
                    if o.is_kept() && o.in_main {
                        *o = Decision {
                            removed: Some(Category::LowContent),
                            rule: std::borrow::Cow::Borrowed("heuristic.poster-line"),
                            score: 1.0,
                            in_main: o.in_main,
                        };
                    }
                }
            }
            from = d + 1;
        }
    }

    #[test]
    fn dates_after_removed_lines_only_drop_the_same_lines() {
        let lines = [
            "anna",
            "Jul 18, 2024",
            "Senior Member",
            "Messages",
            "1,204",
            "Oslo",
            "Jul 19, 2024",
            "ben",
            "Reply",
            "Jul 20, 2024",
            "Quote",
            "carl",
            "3 days ago",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400 {
            // A run of header lines of random order, kept and removed.
            let mut next = || rng.next_u64();
            let n = 2 + (next() % 14) as usize;
            let text: Vec<&str> = (0..n)
                .map(|_| lines[(next() % lines.len() as u64) as usize])
                .collect();
            let page = page(&text.join("\n"));
            let out: Vec<Decision> = (0..page.blocks.len())
                .map(|_| {
                    let r = next();
                    Decision {
                        removed: (r % 3 == 0).then_some(Category::LowContent),
                        rule: std::borrow::Cow::Borrowed("r"),
                        score: 0.0,
                        in_main: r % 5 != 0,
                    }
                })
                .collect();
            let span = (
                (next() % 2) as usize,
                page.blocks.len() - (next() % 2) as usize,
            );
            let (mut a, mut b) = (out.clone(), out);
            drop_in_run(&page, &Said::new(&page), span, &mut a);
            drop_in_run_all_dates(&page, span, &mut b);
            assert_eq!(a, b, "{text:?}");
        }
    }

    #[test]
    fn dated_posts_need_text_under_their_dates() {
        let thread = page(
            "anna\nJul 18, 2024\nHas anyone heard back from the harbour office yet?\nben\nJul 19, 2024\nNot yet, the list comes out at the end of the month.\ncarl\nJul 20, 2024\nI got a letter today, so they are going out now.",
        );
        assert!(dated_posts(
            &thread,
            &Said::new(&thread),
            (0, thread.blocks.len())
        ));
        // A list of other threads: dates and counts, no text under them.
        let list = page(
            "Winter berths\nJul 1, 2025\nReplies\n3\nMooring fees\nJul 2, 2025\nReplies\n6\nSlipway hours\nJul 3, 2025\nReplies\n12",
        );
        assert!(!dated_posts(
            &list,
            &Said::new(&list),
            (0, list.blocks.len())
        ));
    }
}
