//! Section context: a heading such as "About the author" or "Latest
//! entries" opens a boilerplate section that claims the blocks after it
//! until the section plainly ends.

use super::category::Category;
use super::evidence::{Evidence, is_heading_like};
use super::region::{Region, descends, is_prose};
use super::rules::RuleSet;
use crate::segment::{BlockKind, Page};

#[derive(Debug, Clone)]
pub struct Claim {
    pub rule: usize,
    pub category: Category,
    /// Index of the block that opened the section.
    pub opener: usize,
}

struct Open {
    rule: usize,
    category: Category,
    opener: usize,
    level: Option<u8>,
    /// HTML: the element holding the heading; the section ends with it.
    container: Option<usize>,
    /// Text: the section follows an article (its list is not the content).
    after_article: bool,
    /// Text: a section of prose opened above most of the main content's
    /// prose (see `before_article` in `claims`), less the posts test.
    /// Worked out once when it opens, not again for every line it holds.
    early: bool,
    /// `region.in_main` of the opener, read for every line too.
    opener_in_main: bool,
    /// Text: posts cut from one template may follow the heading (a
    /// product's reviews), and then the section is theirs however much
    /// prose they hold: `posts_section` but for `text_items::posts_follow`,
    /// which reads up to hundreds of lines and is asked only where its
    /// answer counts (`posts_at`).
    may_post: bool,
}

/// For each block, the section that claims it, if any. Openers claim
/// themselves.
pub fn claims(
    page: &Page,
    set: &RuleSet,
    evidence: &[Evidence],
    region: &Region,
) -> Vec<Option<Claim>> {
    // The region counted the page's function words already.
    let sw = region.stopwords;
    let mut out = vec![None; page.blocks.len()];
    let mut open: Option<Open> = None;
    // Openers that may open sections of posts, and whether a rating
    // breakdown already says they do.
    let mut threads: Vec<(usize, bool)> = Vec::new();
    // Whether some line was claimed by a section opened above it.
    let mut followed = false;
    // `text_items::posts_follow` for the openers asked, each asked once.
    let memo: std::cell::RefCell<Vec<(usize, bool)>> = Default::default();
    let posts_at = |i: usize| {
        if let Some(&(_, p)) = memo.borrow().iter().find(|e| e.0 == i) {
            return p;
        }
        let p = super::text_items::posts_follow(page, i);
        memo.borrow_mut().push((i, p));
        p
    };

    // Words of main-content prose seen so far, and in all (text only).
    let mut prose_before = 0;
    let mut main_prose: u32 = 0;
    // In text, a section heading said again and again ("Read more" under
    // every teaser, "Related" on every card) is a button of each item, not
    // a section's start: counted among the lines that read as section
    // headings. A comment heading said each time ("Replies" over each
    // reply) does open the thread, and stays one.
    // Counted digits alike and singular or plural: "1 Comment" under one
    // answer and "5 Comments" under the next are one button.
    let mut said: rustc_hash::FxHashMap<Vec<u8>, u32> = rustc_hash::FxHashMap::default();
    let mut key = Vec::new();
    // Prose words before each heading's first saying.
    let mut first_said: rustc_hash::FxHashMap<Vec<u8>, u32> = rustc_hash::FxHashMap::default();
    // One pass over the lines for both counts.
    if !page.is_html {
        for (i, b) in page.blocks.iter().enumerate() {
            if region.in_main[i] && is_prose(b, sw) {
                main_prose += b.features.words;
            }
            if evidence
                .get(i)
                .is_some_and(|ev| ev.headings.iter().any(|&r| set.rules[r].weight >= 1.0))
            {
                super::text_items::button_shape(&b.text, &mut key);
                // The key copied only when new: a button said again and
                // again is counted with no allocation.
                match said.get_mut(key.as_slice()) {
                    Some(n) => *n += 1,
                    None => {
                        said.insert(key.clone(), 1);
                    }
                }
            }
        }
    }
    for (i, b) in page.blocks.iter().enumerate() {
        let ev = &evidence[i];
        if !page.is_html && region.in_main[i] && is_prose(b, sw) {
            prose_before += b.features.words;
        }
        // A new section heading replaces the open section.
        if let Some(&r) = ev
            .headings
            .iter()
            .max_by(|&&a, &&b| set.rules[a].weight.total_cmp(&set.rules[b].weight))
        {
            let rule = &set.rules[r];
            // A comment heading under every post of a thread or every
            // item of a list is a post's button (a Q&A page's answers each
            // have "Add a comment"); first said after an article, it opens
            // the article's thread each time ("Replies" over each reply to
            // a blog post).
            let button = !page.is_html && {
                super::text_items::button_shape(&b.text, &mut key);
                let first = match first_said.get(key.as_slice()) {
                    Some(&f) => f,
                    None => {
                        first_said.insert(key.clone(), prose_before);
                        prose_before
                    }
                };
                // On a thread page, under each of two posts is enough.
                said.get(&key).is_some_and(|&n| {
                    n >= BUTTON_TIMES || region.thread && n >= THREAD_BUTTON_TIMES
                }) && (rule.category != Category::Comments
                    || region.thread
                    || first < ARTICLE_WORDS)
            };
            // In text, a paper's own "Discussion" (a heading that names a
            // comment section too) goes on with the article's paragraphs.
            if !page.is_html
                && rule.category == Category::Comments
                && super::text_thread::article_goes_on(page, i)
            {
                open = None;
                continue;
            }
            if rule.weight >= 1.0 && button {
                // The button itself goes; the section open before it (if
                // any) goes on, and none opens.
                out[i] = Some(Claim {
                    rule: r,
                    category: rule.category,
                    opener: i,
                });
                continue;
            }
            if rule.weight >= 1.0 {
                let level = match b.kind {
                    BlockKind::Heading(l) => Some(l),
                    _ => None,
                };
                let container = b
                    .element
                    .and_then(|e| page.elements[e].parent.or(Some(e)))
                    .filter(|_| page.is_html)
                    .map(|c| {
                        // Only for lists: a comment or review heading in
                        // a title bar may head readers' posts that are
                        // the page's content too.
                        if rule.category.claims_prose() {
                            c
                        } else {
                            own_wrapper_parent(page, i, c)
                        }
                    });
                open = Some(Open {
                    rule: r,
                    category: rule.category,
                    opener: i,
                    level,
                    container,
                    after_article: prose_before >= ARTICLE_WORDS,
                    early: early(page.is_html, rule.category, prose_before, main_prose),
                    opener_in_main: region.in_main[i],
                    may_post: prose_before >= POSTS_AFTER
                        && may_post_section(page, region, rule.category),
                });
                // A shop's rating breakdown under the heading ("5 Stars",
                // "94% 4 Stars", ...) marks its customer reviews, however
                // unlike one another the reviews are cut: they may
                // outweigh the product's description too.
                let rated = !page.is_html
                    && !region.thread
                    && rule.category == Category::Comments
                    && prose_before >= ARTICLE_WORDS
                    && rating_breakdown(page, i);
                if rated || open.as_ref().is_some_and(|o| o.may_post) {
                    threads.push((i, rated));
                }
                out[i] = Some(Claim {
                    rule: r,
                    category: rule.category,
                    opener: i,
                });
                continue;
            }
        }
        // A bio with no heading still opens a bio section: the lines after
        // a machine-written self-introduction go on in the same voice.
        if let Some(&r) = ev
            .rules
            .iter()
            .find(|&&r| set.rules[r].category == Category::AuthorBio && set.rules[r].has_text())
            && set.rules[r].weight >= 1.0
        {
            open = Some(Open {
                rule: r,
                category: Category::AuthorBio,
                opener: i,
                level: None,
                container: None,
                after_article: prose_before >= ARTICLE_WORDS,
                early: early(page.is_html, Category::AuthorBio, prose_before, main_prose),
                opener_in_main: region.in_main[i],
                may_post: false,
            });
            continue;
        }
        let Some(sec) = &open else { continue };
        // A heading seen in a menu above the article must not swallow it.
        let enters_main = region.in_main[i] && !sec.opener_in_main;
        // In text, a comment count or heading above the article ("12
        // Comments" by the byline, most of the article's prose still to
        // come) links to the thread; it does not open it. Nothing ends
        // such a section in text, so it would take the whole article.
        let before_article = sec.early && !(sec.may_post && posts_at(sec.opener));
        if enters_main || before_article || ends(page, i, sec, sw) {
            open = None;
            continue;
        }
        out[i] = Some(Claim {
            rule: sec.rule,
            category: sec.category,
            opener: sec.opener,
        });
        followed = true;
    }
    // Only a section that claims lines past its opener can be greedy.
    if followed {
        let is_thread = |o: usize| {
            threads
                .iter()
                .any(|&(t, rated)| t == o && (rated || posts_at(t)))
        };
        // In text the page's main prose is counted already.
        let total = (!page.is_html).then_some(main_prose as usize);
        drop_greedy_sections(page, region, sw, total, &is_thread, &mut out);
    }
    out
}

/// The element a section opened by heading `i` ends with, from the one
/// holding the heading: a wrapper that holds nothing but the heading (a
/// carousel's or a widget's title bar) is the heading's own, and the
/// section is its parent's (the list beside the title bar).
fn own_wrapper_parent(page: &Page, i: usize, mut c: usize) -> usize {
    let holds = |j: usize, c: usize| {
        page.blocks
            .get(j)
            .and_then(|b| b.element)
            .is_some_and(|e| descends(page, e, c))
    };
    // Blocks come in document order: a wrapper's other blocks would be
    // next to the heading.
    while !(holds(i + 1, c) || i > 0 && holds(i - 1, c)) {
        match page.elements[c].parent {
            Some(p) => c = p,
            None => break,
        }
    }
    c
}

/// Text: whether a comment section may hold posts cut from one template
/// (see `text_items::posts_follow`, which decides). Not on a thread page,
/// whose posts are the content.
fn may_post_section(page: &Page, region: &Region, category: Category) -> bool {
    !page.is_html && !region.thread && category == Category::Comments
}

/// A section that would claim most of the main content's prose was opened
/// by a false heading (a menu item, a headline that reads like one): keep
/// only its opener.
/// Sections of posts (openers `is_thread` says yes to) are exempt: a
/// product's reviews often outweigh its description.
fn drop_greedy_sections(
    page: &Page,
    region: &Region,
    sw: bool,
    total: Option<usize>,
    is_thread: &dyn Fn(usize) -> bool,
    out: &mut [Option<Claim>],
) {
    let prose_words = |i: usize| {
        let b = &page.blocks[i];
        if region.in_main[i] && is_prose(b, sw) {
            b.features.words as usize
        } else {
            0
        }
    };
    let total: usize = total.unwrap_or_else(|| (0..page.blocks.len()).map(prose_words).sum());
    // Prose words each opener's section claims.
    let mut claimed = vec![0usize; out.len()];
    for (i, c) in out.iter().enumerate() {
        if let Some(c) = c {
            claimed[c.opener] += prose_words(i);
        }
    }
    for (i, c) in out.iter_mut().enumerate() {
        let greedy = c.as_ref().is_some_and(|cl| {
            cl.opener != i && claimed[cl.opener] * 2 > total && !is_thread(cl.opener)
        });
        if greedy {
            *c = None;
        }
    }
}

/// Whether a rating breakdown follows line `i` closely: `BREAKDOWN_ROWS`
/// star-count lines within `BREAKDOWN_REACH` lines.
fn rating_breakdown(page: &Page, i: usize) -> bool {
    page.blocks
        .iter()
        .skip(i + 1)
        .take(BREAKDOWN_REACH)
        .filter(|b| star_count(&b.text))
        .take(BREAKDOWN_ROWS)
        .count()
        >= BREAKDOWN_ROWS
}

/// A row of a rating breakdown: a star count with at most a share or a
/// count beside it ("5 Stars", "94% 4 Stars", "4 ★ 120", "1 star (3)").
fn star_count(text: &str) -> bool {
    let mut star = false;
    let mut figures = 0;
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c| matches!(c, '(' | ')'));
        if w.eq_ignore_ascii_case("star") || w.eq_ignore_ascii_case("stars") || w == "★" {
            star = true;
        } else if !w.is_empty()
            && w.bytes().any(|c| c.is_ascii_digit())
            && w.bytes().all(|c| c.is_ascii_digit() || b",.%".contains(&c))
        {
            figures += 1;
        } else {
            return false;
        }
    }
    star && (1..=2).contains(&figures)
}

/// Lines after a reviews heading searched for a rating breakdown.
const BREAKDOWN_REACH: usize = 16;
/// Star-count rows that make a rating breakdown (five, some hidden).
const BREAKDOWN_ROWS: usize = 3;

/// Times a section heading is said in text to be a post's button.
const BUTTON_TIMES: u32 = 3;
/// The same on a thread page, whose posts each carry their buttons.
const THREAD_BUTTON_TIMES: u32 = 2;

/// Prose words of main content before a section of posts: posts under a
/// heading that opens the main content (a forum's "Discussion" over its
/// first post) are the content.
const POSTS_AFTER: u32 = 100;

/// Prose words before a section that make it follow an article.
const ARTICLE_WORDS: u32 = 150;

/// Text: whether a section of `category` opened after `prose_at` words
/// of the main content's `main_prose` comes before most of the article
/// (the posts test aside, see `before_article` in `claims`).
fn early(is_html: bool, category: Category, prose_at: u32, main_prose: u32) -> bool {
    !is_html
        && category.claims_prose()
        && prose_at < ARTICLE_WORDS
        && 2 * prose_at < main_prose.saturating_sub(prose_at)
}

fn ends(page: &Page, i: usize, sec: &Open, sw: bool) -> bool {
    let b = &page.blocks[i];
    if let Some(c) = sec.container
        && !b.element.is_some_and(|e| descends(page, e, c))
    {
        return true;
    }
    // A real heading at the same level or above ends any section.
    if let (BlockKind::Heading(l), Some(open_level)) = (b.kind, sec.level)
        && l <= open_level
    {
        return true;
    }
    if sec.category.claims_prose() {
        // Bios and comments are prose; a new heading ends them, and a bio
        // that had no heading ends where the first person stops.
        if page.is_html {
            // Under a real heading, smaller headings are the section's
            // own (a review's title, a commenter's name); the heading
            // check above ends it at one of the same rank.
            return b.kind.is_heading() && sec.level.is_none();
        }
        if sec.level.is_none() && page.blocks[sec.opener].features.words >= 10 {
            return b.features.first_person_ratio < 0.02 && b.features.words >= 10;
        }
        return false;
    }
    // Lists end where prose starts again.
    let paragraph = |b: &crate::segment::Block| {
        is_prose(b, sw) && b.features.words >= 15 && !is_heading_like(b)
    };
    if !paragraph(b) {
        return false;
    }
    // In text, a list of stories after an article carries a teaser under
    // each headline: only two paragraphs in a row, or a long one, end it.
    page.is_html
        || !sec.after_article
        || b.features.words >= 60
        || page.blocks.get(i + 1).is_some_and(paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In text, a comment, bio or legal section opened near the top, with
    /// most of the article's prose still to come ("12 Comments" by the
    /// byline), is early: it links to its section and must not take the
    /// article. Not so in HTML (elements end sections), after an article's
    /// worth of prose, once most of the prose is above it, or for a
    /// section of another kind.
    #[test]
    fn a_prose_section_opened_above_most_of_the_article_is_early() {
        let near_top = (40, 1000);
        for category in [Category::Comments, Category::AuthorBio, Category::Legal] {
            assert!(
                early(false, category, near_top.0, near_top.1),
                "{category:?}"
            );
            assert!(
                !early(true, category, near_top.0, near_top.1),
                "{category:?}"
            );
        }
        let c = Category::Comments;
        // The first line of a page opens it: early, given any prose below.
        assert!(early(false, c, 0, 1));
        assert!(!early(false, c, 0, 0));
        // An article's worth of prose above: the section follows it.
        assert!(early(false, c, ARTICLE_WORDS - 1, 10_000));
        assert!(!early(false, c, ARTICLE_WORDS, 10_000));
        // Early only while less than a third of the prose is above it.
        assert!(early(false, c, 99, 300));
        assert!(!early(false, c, 100, 300));
        let other: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| !c.claims_prose())
            .collect();
        assert!(!other.is_empty());
        for category in other {
            assert!(
                !early(false, category, near_top.0, near_top.1),
                "{category:?}"
            );
        }
    }

    #[test]
    fn star_counts_are_a_breakdown_s_rows_and_nothing_more() {
        for row in [
            "5 Stars",
            "94% 4 Stars",
            "1 star (3)",
            "4 ★ 120",
            "0% 2 Stars",
        ] {
            assert!(star_count(row), "{row}");
        }
        for line in [
            "Stars",
            "5 Star Hotel Deals",
            "Rated 4.8 out of 5 stars",
            "12 34 5 stars",
        ] {
            assert!(!star_count(line), "{line}");
        }
    }
}
