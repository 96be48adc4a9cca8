//! The main content of text input (one block per line, no markup): the
//! run of lines with the most prose in it, found as a maximum subarray.

use super::region::{Region, has_stopwords};
use crate::segment::Page;

/// The run of lines with the largest prose balance (maximum subarray).
pub fn find(page: &Page, junk: &[bool]) -> Region {
    find_with(page, junk, &|_| false)
}

/// `find`, where `ends_posts(i)` tells whether line i ends a run of posts
/// (see `text_items::ends_posts`).
pub fn find_with(page: &Page, junk: &[bool], ends_posts: &dyn Fn(usize) -> bool) -> Region {
    find_inline(page, junk, &[], &[], ends_posts, ends_posts)
}

/// `find_with`, where `inline[i]` says that line i is furniture set
/// inside a story (a caption, a picture credit, an ad marker: rules marked
/// `inline`, removed later but not `junk` here): it neither breaks the run
/// of paragraphs around it nor counts for or against the region. Shorter
/// than `junk` means false. `ends_section(i)` tells whether line i is a
/// heading that ends a page's content (see `text_items::ends_section`).
/// `closes[i]` says that line i closes an article (rules marked `closes`);
/// shorter than `junk` means false.
pub fn find_inline(
    page: &Page,
    junk: &[bool],
    inline: &[bool],
    closes: &[bool],
    ends_posts: &dyn Fn(usize) -> bool,
    ends_section: &dyn Fn(usize) -> bool,
) -> Region {
    let inline = |i: usize| inline.get(i).copied().unwrap_or(false);
    let said = Said::new(page);
    // A section heading, or a line a rule marks as closing content, said
    // at most twice: a button under each of a page's items ("Share")
    // closes none of them.
    let ends =
        |i: usize| ends_section(i) || closes.get(i).copied().unwrap_or(false) && said.times(i) < 3;
    let sw = has_stopwords(page);
    let LineFlags {
        loose,
        run_ons,
        prose,
        repeat,
        twice,
        data,
    } = line_flags(page, junk, sw, &said);
    // Data rows (`data`) `TABLE_ROWS` or more in a row make a table.
    // Menus and headline lists carry no numbers, so a table between
    // paragraphs is no reason for the article to end there.
    let table_row = table_rows(&data);
    let core = core_end(page, &prose);
    let article_core = core.is_some();
    // A lone short line between paragraphs is a subheading; a run of menu
    // items or headlines costs more with each further line. A prose line
    // alone between such lines is a teaser, not an article.
    let mut run = 0.0f32;
    // Menu-like lines in a row, with nothing else between them.
    let mut consec = 0.0f32;
    // What each lone paragraph would add to a lead run (see `lead_run`).
    let mut card = vec![0.0f32; page.blocks.len()];
    let scores: Vec<f32> = page
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let w = b.features.words as f32;
            if inline(i) {
                // Transparent: the menu or paragraph run around it goes on.
                return 0.0;
            }
            let was = consec;
            consec = 0.0;
            if repeat[i] && !junk[i] {
                // A run of them is a quoted post (forums quote whole
                // replies): neutral. A single one is a teaser or a panel.
                let quoted =
                    (i > 0 && repeat[i - 1]) || repeat.get(i + 1).copied().unwrap_or(false);
                return if quoted { 0.0 } else { -0.2 * w - 1.0 };
            }
            if junk[i] {
                // A button said under each card of a feature list ("Learn
                // more" after each card's sentence) belongs to the cards,
                // not to a menu: neutral, so a run of cards can join the
                // content. A menu's links follow no sentence.
                if w <= BUTTON_WORDS && twice[i] && i > 0 && prose[i - 1] {
                    consec = was;
                    return 0.0;
                }
                // Junk inside a menu (a legal link) does not break it.
                consec = was;
                run += 1.0;
                return -0.5 * w - 2.0;
            }
            if run_ons[i] || table_row[i] && !prose[i] {
                // Code, a list or a data table inside an article must not
                // break it, nor pull the region towards it.
                return 0.0;
            }
            if prose[i] {
                run = 0.0;
                // Paragraphs of one text are at most a short line apart.
                let near = |j: usize| {
                    prose[j] || inline(j) || (page.blocks[j].features.words <= 12 && !junk[j])
                };
                let before = (i > 0 && prose[i - 1]) || (i > 1 && prose[i - 2] && near(i - 1));
                let after = prose.get(i + 1).copied().unwrap_or(false)
                    || (prose.get(i + 2).copied().unwrap_or(false) && near(i + 1));
                return if before || after || w >= 40.0 || !article_core {
                    w
                } else {
                    card[i] = CARD_SHARE * (0.7 * w + 1.0);
                    0.3 * w - 1.0
                };
            }
            let f = &b.features;
            // Menu items and headlines: short, unpunctuated, capitalised.
            let menuish = f.words <= 6
                && f.punctuation == 0
                && (f.title_case_ratio >= 0.5 || f.stopword_ratio < 0.1);
            if menuish {
                run += 1.0;
                // A menu repeats its items (top and bottom, desktop and
                // mobile) or runs on with nothing between them; a label
                // said once, between lines of other text, heads a list of
                // the page's own: its cost stops growing.
                consec = was + 1.0;
                return if twice[i] || consec >= MENU_ROW {
                    -1.5 * run
                } else {
                    -1.5 * run.min(ONCE_RUN)
                };
            }
            // List items, code and short sentences: text of a structured
            // page, cheap inside the content but no anchor for it.
            run += 0.5;
            if f.words <= 12 && !f.ends_sentence {
                -run.min(3.0)
            } else {
                -0.1 * w.max(2.0) * run.min(3.0)
            }
        })
        .collect();
    let (mut best, mut best_range) = max_run(&scores);
    // Runs found to be a policy panel or a footer's fine print.
    let mut set_aside: Vec<(usize, usize)> = Vec::new();
    // A policy or consent panel (refund policy, privacy notice, cookie
    // settings) printed after the page is long prose under its short
    // heading: when the run found is one, it goes and the next best run
    // is the content. Not on a page about such a policy (its title says):
    // asked only of a panel found, as a title may be long (a text's first
    // line) and most pages show no panel.
    {
        let mut scores = std::borrow::Cow::Borrowed(&scores);
        for k in 0..POLICY_TRIES {
            if best <= 0.0 || !policy_panel(page, junk, &prose, best_range) {
                break;
            }
            if k == 0 && about_policy(page) {
                break;
            }
            set_aside.push(best_range);
            let s = scores.to_mut();
            for v in &mut s[best_range.0..best_range.1] {
                *v = -v.abs() - 1.0;
            }
            (best, best_range) = max_run(s);
        }
    }
    // A footer's fine print (footnotes, disclaimers, a consent text) is
    // the page's last prose; on a page of short offers and lists it can
    // outweigh them. When the run found is such a tail, its lines weigh
    // against any run (as a policy panel's do) and the best run before it
    // is the content.
    let scores = if article_core && best > 0.0 && footer_tail(page, junk, &prose, best_range) {
        let mut s = scores.clone();
        for v in &mut s[best_range.0..best_range.1] {
            *v = -v.abs() - 1.0;
        }
        let (b, r) = max_run(&s);
        if b > 0.0 {
            set_aside.push(best_range);
            (best, best_range) = (b, r);
            s
        } else {
            scores
        }
    } else {
        scores
    };
    // When the paragraphs that made the page read as an article were the
    // panel or fine print set aside, and the run left has none of its own,
    // the page has no article (a shop's page with its refund policy).
    let article_core = article_core
        && (set_aside.is_empty() || best > 0.0 && holds_core(page, &prose, best_range));
    // The headline repeating the title, with prose soon after it, marks the
    // article. When the run found lies away from every such headline (a
    // cookie policy or a footer disclaimer outweighed a short article),
    // the run is found again with the headlines weighing in.
    // Lines repeating the title, found once: the passes below ask again.
    let title_lines = super::text_title::headline_lines(page);
    let headlines: Vec<usize> = title_lines
        .iter()
        .copied()
        .filter(|&t| prose[t + 1..].iter().take(HEADLINE_REACH).any(|&p| p))
        .collect();
    let near = |t: usize| t < best_range.1 && t + HEADLINE_REACH >= best_range.0;
    if !headlines.is_empty() && !headlines.iter().any(|&t| near(t)) {
        let mut anchored = scores.clone();
        for &t in &headlines {
            anchored[t] = anchored[t].max(0.0) + HEADLINE_BONUS;
        }
        (best, best_range) = max_run(&anchored);
        // The headline only chose the run: the body starts with its prose.
        if let Some(p) = prose[best_range.0..best_range.1].iter().position(|&p| p) {
            best_range.0 += p;
        }
    }
    // A comment thread of many short posts can outweigh an article of
    // short paragraphs between lists: when the run found opens inside a
    // thread that a comments heading starts, the article is the best run
    // before that heading.
    let mut thread_heading = None;
    if best > 0.0
        && let Some(h) = super::text_thread::opened_at(page, &said, best_range)
    {
        let (b, r) = max_run(&scores[..h]);
        // Paragraphs, not a forum's header lines or a run-on menu.
        let paragraphs = (r.0..r.1).filter(|&i| prose[i]);
        let words: u32 = paragraphs
            .clone()
            .map(|i| page.blocks[i].features.words)
            .sum();
        if b > 0.0 && paragraphs.count() >= 3 && words as f32 >= THREAD_ARTICLE_MIN {
            (best, best_range) = (b, r);
            thread_heading = Some(h);
        }
    }
    // Lists between an article's paragraphs cut its run short.
    if article_core && best > 0.0 {
        best_range = super::text_lists::bridge(page, &prose, junk, ends_posts, best_range);
        // Product boxes, tables and widgets between chunks of the article.
        best_range =
            super::text_runs::join(page, &said, &prose, junk, &twice, ends_posts, best_range);
    }
    if !article_core {
        // No article: the content is the separate texts of a product,
        // listing or forum page, from the first to the last.
        // When most of the sentence-like text is in headlines and
        // unfinished lines, the page is a list of them: they bound it.
        let words = |flags: &[bool]| -> u32 {
            page.blocks
                .iter()
                .zip(flags)
                .filter(|(_, p)| **p)
                .map(|(b, _)| b.features.words)
                .sum()
        };
        let bounds = if 2 * words(&prose) < words(&loose) {
            &loose
        } else {
            &prose
        };
        // On a page that read as an article only through a panel set
        // aside, the panels bound the content: more policy text follows
        // the first one (a privacy notice after the refund policy).
        let (lo, hi) = if core.is_some() {
            between(&set_aside, best_range, bounds.len())
        } else {
            (0, bounds.len())
        };
        let bound = |i: usize| bounds[i] && (lo..hi).contains(&i);
        // The best run of prose, before the bounds stretch it.
        let run = best_range;
        if let (Some(a), Some(z)) = (
            (0..bounds.len()).position(bound),
            (0..bounds.len()).rposition(bound),
        ) {
            best_range = (a, z + 1);
        }
        // A grid of items (a shop's tiles, a chart) is content no prose
        // line marks: it joins the prose next to it, or outweighs prose
        // far from it (a footer disclaimer, a sign-up line).
        if let Some(grid) = super::text_grid::find(page, &said, junk) {
            let g = grid.lines;
            let words = |(a, z): (usize, usize), all: bool| -> u32 {
                (a..z)
                    .filter(|&i| !junk[i] && (all || prose[i]))
                    .map(|i| page.blocks[i].features.words)
                    .sum()
            };
            let near = g.0 <= best_range.1 + GRID_REACH && best_range.0 <= g.1 + GRID_REACH;
            // A description just before the grid (paragraphs, not one
            // intro line) is an item's own page, the grid its related
            // items.
            let desc: Vec<usize> = (g.0.saturating_sub(DESCRIPTION_REACH)..g.0)
                .filter(|&i| prose[i] && !junk[i])
                .collect();
            let local = desc.len() >= 2
                && desc
                    .iter()
                    .map(|&i| page.blocks[i].features.words)
                    .sum::<u32>()
                    >= DESCRIPTION_WORDS;
            // Or the region before it is paragraphs, mostly prose (not
            // bounds stretched over a menu), with other lines after them.
            let paragraphs = (best_range.0..best_range.1)
                .filter(|&i| prose[i] && !junk[i])
                .count();
            let whole = paragraphs >= 2
                && words(best_range, false) >= DESCRIPTION_WORDS
                && 2 * words(best_range, false) >= words(best_range, true);
            // The page's heading just above the grid: the grid is the
            // page's own list, whatever paragraphs come before it. Or the
            // run is a thread's posts, the grid its list of other threads.
            let headed = headed_grid(&title_lines, junk, &prose, g);
            let posts = super::text_headers::dated_posts(page, &said, best_range);
            let described =
                headed.is_none() && best > 0.0 && best_range.1 <= g.0 && (local || whole || posts);
            // The grid weighs against the best run of prose, not all the
            // prose the bounds span: lines scattered over a page of menus
            // and a footer (a promise, a disclaimer) add up to more words
            // than a grid's short lines while none is the content.
            let (grid_words, run_words) = (words(g, true), words(run, false));
            if best <= 0.0 || !described && grid_words >= run_words {
                best_range = if near && best > 0.0 {
                    // A large grid that far outweighs the prose is the
                    // page's list: the lines the bounds stretch over on
                    // either side of it (a promotion, filters, a footer's
                    // blurb) are not content unless they weigh as much as
                    // the grid. A thread's posts repeat a header too, but
                    // each has a date and text under it: not narrowed.
                    let list = grid.items >= LIST_ITEMS
                        && grid_words >= LIST_OUTWEIGH * run_words
                        && !super::text_headers::dated_posts(page, &said, g);
                    let (mut a, mut z) = best_range;
                    if list {
                        let near_run = g.0 <= run.1 + GRID_REACH && run.0 <= g.1 + GRID_REACH;
                        if a < g.0 && words((a, g.0), true) < grid_words {
                            // A sentence just above the grid is its intro.
                            let intro = (g.0.saturating_sub(GRID_REACH).max(a)..g.0)
                                .find(|&i| prose[i] && !junk[i]);
                            a = if near_run && run.0 < g.0 {
                                run.0.max(a)
                            } else {
                                headed.unwrap_or(g.0).min(intro.unwrap_or(g.0))
                            };
                        }
                        if z > g.1 && words((g.1, z), true) < grid_words {
                            // And one just below it, its closing note.
                            let note =
                                (g.1..(g.1 + GRID_REACH).min(z)).rfind(|&i| prose[i] && !junk[i]);
                            z = if near_run && run.1 > g.1 {
                                run.1.min(z)
                            } else {
                                note.map_or(g.1, |i| i + 1)
                            };
                        }
                    }
                    (g.0.min(a), g.1.max(z))
                } else {
                    (headed.unwrap_or(g.0), g.1)
                };
                best = best.max(1.0);
            } else if near && !described {
                best_range = (g.0.min(best_range.0), g.1.max(best_range.1));
            }
        }
        if best > 0.0 {
            // The page's own heading (a line repeating its title, less the
            // site name) starts a product's or a list's content: the
            // promotions, filters and menus above it are not, and the name
            // and price just above its first description line are.
            if let Some(h) = title_lines.iter().copied().find(|&h| !junk[h])
                && h < best_range.1
                && h + TITLE_REACH >= best_range.0
                && (h > best_range.0
                    || (h..best_range.0)
                        .any(|i| prose[i] || super::region::is_price(&page.blocks[i].text)))
            {
                best_range.0 = h;
            }
            // A closing line ("Reviews for ...") ends a product's content
            // as a section heading does, when most of the page is before it.
            best_range.1 = section_end(page, &said, junk, &prose, &ends, best_range);
        }
    }
    // A comment thread after the article is not part of it.
    // Posts that share the region's own header template are more of the
    // same thread (a forum): the whole thread is the content. Otherwise a
    // comment thread after an article is not part of it.
    // Posts whose template lines lead them (a forum's author headers) or
    // close them (a Q&A page's "Share", "Follow" under each answer); a
    // page may read as both, and the posts are then all that either finds.
    let mut thread = false;
    if let Some(h) = thread_heading {
        // The thread after the article stays out, however alike its posts.
        best_range.1 = best_range.1.min(h);
    }
    let items = if best > 0.0 && thread_heading.is_none() {
        let (items, posts) =
            super::text_items::extend_both(page, &said, junk, ends_posts, &loose, best_range);
        thread = items != best_range;
        match posts {
            Some(posts) => {
                thread = true;
                (items.0.min(posts.0), items.1.max(posts.1))
            }
            None => items,
        }
    } else {
        best_range
    };
    if thread {
        best_range = items;
    } else if let Some(t) =
        core.and_then(|c| super::text_thread::start(page, &said, &prose, c + 1, best_range))
    {
        best_range.1 = t;
    } else if best > 0.0 && article_core {
        // Posts of a thread repeat one shape too: only an article's
        // region is trimmed.
        // Each line's teaser shape, found once for both: the run is looked
        // for in what the tail leaves, a start of the same lines.
        let shapes: Vec<Option<u8>> = page.blocks[best_range.0..best_range.1]
            .iter()
            .map(teaser_shape)
            .collect();
        best_range.1 = teaser_tail(page, &prose, best_range, &shapes);
        let kept = &shapes[..best_range.1 - best_range.0];
        if let Some(t) = teaser_run(page, junk, &prose, best_range, kept) {
            best_range.1 = t;
        }
    }
    let mut trimmed = Vec::new();
    if !thread && article_core && best > 0.0 {
        let mut cut = |end: usize, id: &'static str, range: &mut (usize, usize)| {
            if end < range.1 {
                trimmed.push((end, range.1, id));
                range.1 = end;
            }
        };
        // The writer's box after the article, and all after it.
        let end = super::text_bio::cut(page, &prose, best_range);
        cut(end, "heuristic.after-author-box", &mut best_range);
        // Clients' signed praise after the article, and all after it.
        let end = super::text_testimonials::cut(page, &said, &prose, best_range);
        cut(end, "heuristic.after-testimonials", &mut best_range);
        // A comment section's heading, and the comments after it.
        let end = super::text_thread::heading_cut(page, &said, &prose, best_range);
        cut(end, "heuristic.after-comments-heading", &mut best_range);
        // A related list's (or a writer box's) heading said once, late
        // enough to close the article: the teasers under it read as prose.
        best_range.1 = closing_section(page, &prose, &ends, best_range);
    }
    // A page's lead sections (a hero, its features) before a menu or a
    // table that parts them from the main run are content too.
    let lead = if article_core && best > 0.0 && !thread {
        lead_run(&prose, &scores, &card, best, best_range)
    } else {
        None
    };
    let in_main = if best <= 0.0 {
        // No prose at all: nothing to anchor on, keep everything.
        vec![true; page.blocks.len()]
    } else {
        mask(page.blocks.len(), std::iter::once(best_range).chain(lead))
    };
    Region {
        in_main,
        holds_main: vec![false; page.elements.len()],
        item_lead: vec![false; page.blocks.len()],
        teaser: vec![false; page.blocks.len()],
        thread,
        trimmed,
        said: Some(std::sync::Arc::new(said)),
        stopwords: sw,
    }
}

/// What `find_inline` knows of each line before it scores them, each
/// flag as its own pass over the lines had it; found in one pass, as
/// every flag reads the same line's features (a page's lines are walked
/// once, not six times).
struct LineFlags {
    /// Prose no text rule removed, less run-on lines (`run_on`).
    loose: Vec<bool>,
    /// Lines that read as prose but are run on.
    run_ons: Vec<bool>,
    /// `loose` less headlines, short unfinished lines and repeats.
    prose: Vec<bool>,
    /// A paragraph said before on the page.
    repeat: Vec<bool>,
    /// A short line said more than once on the page.
    twice: Vec<bool>,
    /// A data table's row: a label and a value ending in a number.
    data: Vec<bool>,
}

/// `LineFlags` of `page`. `loose`, `run_ons` and `prose` are as long as
/// `junk` or the page, whichever is shorter; the others as the page.
/// Each line's flags are found as the bits of one byte, written where
/// the line's byte goes (no room checked per push, six times a line);
/// each flag's Vec is then taken from the bytes in a loop the compiler
/// vectorises.
fn line_flags(page: &Page, junk: &[bool], sw: bool, said: &Said) -> LineFlags {
    const LOOSE: u8 = 1;
    const RUN_ON: u8 = 2;
    const PROSE: u8 = 4;
    const REPEAT: u8 = 8;
    const TWICE: u8 = 16;
    const DATA: u8 = 32;
    let n = page.blocks.len();
    let m = n.min(junk.len());
    let mut seen = vec![false; said.texts()];
    let bits: Vec<u8> = page
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let f = &b.features;
            // A paragraph seen before is a teaser or a panel shown twice:
            // it adds nothing to the region around its second copy.
            let before = std::mem::replace(&mut seen[said.id(i)], true);
            let repeat = before && f.words >= 5;
            let mut out = if repeat { REPEAT } else { 0 };
            // Short lines said more than once on the page (menus shown
            // twice); only short lines can be menu items.
            if f.words <= 6 && said.times(i) > 1 {
                out |= TWICE;
            }
            // Rows of a data table (a figure's series, a ranking): lines
            // of a label and a value, ending in a number.
            if (2..=12).contains(&f.words) && !f.ends_sentence && ends_number(&b.text) {
                out |= DATA;
            }
            let Some(&j) = junk.get(i) else { return out };
            if j || !super::region::is_prose(b, sw) {
                return out;
            }
            // Run-on lines read as prose to `is_prose` but are none (see
            // `run_on`): not even loose prose, and neutral in the scores.
            if run_on(f) {
                return out | RUN_ON;
            }
            out |= LOOSE;
            // Paragraphs end like sentences; a short line that does not
            // is a headline or a label. A headline in title case reads as
            // a short sentence but is not prose, even when it ends with a
            // period ("It Broke. Here Is Why.").
            let prose = !repeat
                && (f.words >= 20 || f.ends_sentence)
                && !(f.words <= 25
                    && (f.title_case_ratio >= 0.7
                        || f.title_case_ratio >= 0.6 && !b.text.ends_with('.')));
            if prose {
                out |= PROSE;
            }
            out
        })
        .collect();
    let flag = |bits: &[u8], f: u8| -> Vec<bool> { bits.iter().map(|&b| b & f != 0).collect() };
    LineFlags {
        loose: flag(&bits[..m], LOOSE),
        run_ons: flag(&bits[..m], RUN_ON),
        prose: flag(&bits[..m], PROSE),
        repeat: flag(&bits, REPEAT),
        twice: flag(&bits, TWICE),
        data: flag(&bits, DATA),
    }
}

/// `n` lines, those in any of `ranges` (from the first line to one past
/// the last) set: range by range, not line by line.
fn mask(n: usize, ranges: impl IntoIterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut out = vec![false; n];
    for (a, z) in ranges {
        if let Some(r) = out.get_mut(a.min(n)..z.min(n)) {
            r.fill(true);
        }
    }
    out
}

/// The run of lines before the region `(a, z)` that weighs at least
/// `LEAD_SHARE` of the region's `best` score: a page built of sections
/// (an intro, features, steps) split by a menu or a table, whose later
/// part won the region. A few teasers or a footer's blurb weigh far less
/// than the text they stand apart from. `card[i]` gives a lone paragraph
/// back part of its discount: before the main run it is more likely a
/// feature card's text (a name, a sentence, a button) than a teaser,
/// which follows an article.
fn lead_run(
    prose: &[bool],
    scores: &[f32],
    card: &[f32],
    best: f32,
    (a, _): (usize, usize),
) -> Option<(usize, usize)> {
    let lead: Vec<f32> = scores
        .get(..a)?
        .iter()
        .zip(card)
        .map(|(s, c)| s + c)
        .collect();
    let (b, r) = max_run(&lead);
    let paragraphs = prose[r.0..r.1].iter().filter(|&&p| p).count();
    (b >= LEAD_SHARE * best && b >= LEAD_MIN && paragraphs >= 2).then_some(r)
}

/// Share of the region's score a lead run must weigh.
const LEAD_SHARE: f32 = 0.5;
/// Score (about prose words) a lead run must weigh.
const LEAD_MIN: f32 = 50.0;
/// Share of a lone paragraph's discount (against one beside other
/// paragraphs) given back in a lead run.
const CARD_SHARE: f32 = 0.5;

/// A long line with hardly a punctuation mark is a list run together (a
/// menu's or a filter's options, a tag cloud, code), not a paragraph:
/// prose has a mark every few words.
fn run_on(f: &crate::segment::Features) -> bool {
    f.words >= RUN_ON_MIN && f.punctuation * RUN_ON_WORDS < f.words
}

/// Whether the line's last word is a number (a value, a share, a date:
/// "12.5%", "+3", "1,024", "4/1/2013"), as a table row's last cell is.
fn ends_number(text: &str) -> bool {
    // Most lines end in a letter: the last word's last byte tells first.
    if !text
        .trim_end()
        .bytes()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || b".,%/+-$:".contains(&c))
    {
        return false;
    }
    let Some(last) = text.split_whitespace().next_back() else {
        return false;
    };
    last.bytes().any(|c| c.is_ascii_digit())
        && last
            .bytes()
            .all(|c| c.is_ascii_digit() || b".,%/+-$:".contains(&c))
}

/// Whether the run `(a, z)` is a footer's fine print: a few lines that
/// end the page (or all but a copyright line or two), with much more
/// sentence text before them than prose in them. An article that ends
/// the page is long, or the most of the page's sentences.
fn footer_tail(page: &Page, junk: &[bool], prose: &[bool], (a, z): (usize, usize)) -> bool {
    let n = page.blocks.len();
    if z + TAIL_REACH < n || z - a > TAIL_LINES {
        return false;
    }
    let run: u32 = (a..z)
        .filter(|&i| prose[i])
        .map(|i| page.blocks[i].features.words)
        .sum();
    // Sentences of the page before the run: its offers, steps and
    // descriptions, however short.
    let before: u32 = (0..a)
        .filter(|&i| {
            let f = &page.blocks[i].features;
            !junk[i] && f.ends_sentence && f.words >= TAIL_SENTENCE
        })
        .map(|i| page.blocks[i].features.words)
        .sum();
    before >= TAIL_OUTWEIGH * run
}

/// How often each line of a page is said, counted once per page: the
/// passes ask it of many lines (a heading is said once or twice, a button
/// under every item again and again, a menu shown twice says its items
/// twice).
#[derive(Debug)]
pub struct Said {
    /// Per line, the number of its text among the page's distinct texts.
    id: Vec<u32>,
    /// Per distinct text, how many lines say it.
    count: Vec<u32>,
    /// Per distinct text, whether it reads as a comment header's date
    /// (`text_thread::is_date_line` less its word count): 0 not yet
    /// asked, 1 no, 2 yes. Five passes ask it of the same lines (a
    /// thread's "2 hours ago" again and again); each text is read once.
    /// Atomic only so that the count can be shared: the passes run on
    /// one thread, and a relaxed load or store is a plain one.
    dated: Vec<std::sync::atomic::AtomicU8>,
}

impl Said {
    pub fn new(page: &Page) -> Said {
        // An open-addressed table of text numbers (plus one; 0 is a free
        // slot), at most half full, probed in a line from a hash of the
        // text's length and first and last 8 bytes. Per distinct text,
        // its hash and its first line are kept: a slot's text is compared
        // whole only when the hashes agree. Every line is counted, and a
        // general hash map's hashing and probing cost most of that.
        let n = page.blocks.len();
        let bits = (2 * n).max(16).next_power_of_two().trailing_zeros();
        let mask = (1usize << bits) - 1;
        let mut slots = vec![0u32; mask + 1];
        // Per distinct text, its hash and first line side by side (one
        // push, one load to compare), and how many lines say it.
        let mut texts: Vec<(u64, u32)> = Vec::with_capacity(n);
        let mut count: Vec<u32> = Vec::with_capacity(n);
        // Written in place, not pushed: no room checked per line.
        let mut id = vec![0u32; n];
        for ((i, b), out) in page.blocks.iter().enumerate().zip(id.iter_mut()) {
            let h = line_hash(b.text.as_bytes());
            let mut at = (h >> (64 - bits)) as usize;
            *out = loop {
                match slots[at] {
                    0 => {
                        let k = count.len() as u32;
                        slots[at] = k + 1;
                        texts.push((h, i as u32));
                        count.push(1);
                        break k;
                    }
                    s => {
                        let k = s - 1;
                        let (hash, first) = texts[k as usize];
                        if hash == h && page.blocks[first as usize].text == b.text {
                            count[k as usize] += 1;
                            break k;
                        }
                    }
                }
                at = (at + 1) & mask;
            };
        }
        let dated = std::iter::repeat_with(Default::default)
            .take(count.len())
            .collect();
        Said { id, count, dated }
    }

    /// `dated` of line `i`'s text: `find`'s answer, asked only the first
    /// time one of the lines that say it is asked.
    pub(super) fn dated_text(&self, i: usize, find: impl FnOnce() -> bool) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let cell = &self.dated[self.id[i] as usize];
        match cell.load(Relaxed) {
            0 => {
                let d = find();
                cell.store(1 + u8::from(d), Relaxed);
                d
            }
            k => k == 2,
        }
    }

    /// `said` if it counts `page`'s lines (a count of another page's is
    /// no use), else `page` counted into `own`.
    pub fn or_count<'a>(
        said: Option<&'a Said>,
        page: &Page,
        own: &'a mut Option<Said>,
    ) -> &'a Said {
        match said.filter(|s| s.lines() == page.blocks.len()) {
            Some(s) => s,
            None => own.insert(Said::new(page)),
        }
    }

    /// How many lines of the page say what line `i` says.
    pub fn times(&self, i: usize) -> u32 {
        self.count[self.id[i] as usize]
    }

    /// The number of line `i`'s text, below `texts()`: lines that say
    /// the same have the same number.
    pub fn id(&self, i: usize) -> usize {
        self.id[i] as usize
    }

    /// How many lines were counted.
    pub fn lines(&self) -> usize {
        self.id.len()
    }

    /// How many distinct texts the page's lines say.
    pub fn texts(&self) -> usize {
        self.count.len()
    }
}

/// `Said::new`'s hash of a line's text: its length and its first and
/// last 8 bytes (fewer in a shorter text), mixed by multiplication so
/// that the top bits, which pick the slot, depend on all of them.
fn line_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (head, tail) = match b.first_chunk::<8>() {
        Some(h) => (u64::from_le_bytes(*h), super::word8::tail(b)),
        None => (super::word8::head(b), 0),
    };
    let h = (head ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h.rotate_left(29) ^ tail).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// Lines of the region `(a, z)` late enough to close an article (an
/// author box, a comment section's heading): at least `CLOSING_WORDS`
/// prose words and `CLOSING_SHARE` of the region's before them. The
/// words before a line only grow down the region, so once a line is late
/// enough every later one is: the lines are a range, from the first, with
/// no test per line yielded.
pub(super) fn closing_lines(
    page: &Page,
    prose: &[bool],
    (a, z): (usize, usize),
) -> std::ops::Range<usize> {
    let z = z.min(page.blocks.len());
    // A line's words masked by its prose flag, with no branch: whether a
    // line is prose changes from line to line, and was mispredicted often.
    let words = |i: usize| page.blocks[i].features.words & 0u32.wrapping_sub(u32::from(prose[i]));
    let total: u32 = (a..z).map(words).sum();
    let late = |b: u32| b >= CLOSING_WORDS && b as f32 >= CLOSING_SHARE * total as f32;
    let (mut i, mut before) = (a, 0u32);
    while i < z && !late(before) {
        before += words(i);
        i += 1;
    }
    i..z
}

/// Where the article `(a, z)` ends: at the first heading that ends a
/// page's content (`text_items::ends_section`: related stories, comments,
/// about the writer) or line that closes an article (a share bar) among
/// its closing lines, or `z`.
fn closing_section(
    page: &Page,
    prose: &[bool],
    ends_section: &dyn Fn(usize) -> bool,
    (a, z): (usize, usize),
) -> usize {
    closing_lines(page, prose, (a, z))
        .find(|&i| !prose[i] && ends_section(i))
        .unwrap_or(z)
}

/// Prose words of an article before what closes it.
const CLOSING_WORDS: u32 = 120;
/// Share of the region's prose words before what closes it.
const CLOSING_SHARE: f32 = 0.75;

/// The page's heading (one of `title_lines`, the lines repeating the
/// title) at most `HEADED_REACH` lines above the grid `(g, _)`, with no
/// paragraph between them: an item's name and description above a grid
/// head the item.
fn headed_grid(
    title_lines: &[usize],
    junk: &[bool],
    prose: &[bool],
    (g, _): (usize, usize),
) -> Option<usize> {
    title_lines
        .iter()
        .copied()
        .find(|&h| !junk[h] && h <= g && g - h <= HEADED_REACH && !prose[h..g].contains(&true))
}

/// Whether the run `(a, z)` holds a run of paragraphs of its own
/// (`core_end` on its lines alone).
fn holds_core(page: &Page, prose: &[bool], (a, z): (usize, usize)) -> bool {
    let mut inside = vec![false; prose.len()];
    inside[a..z].copy_from_slice(&prose[a..z]);
    core_end(page, &inside).is_some()
}

/// The lines between the runs set aside around `(a, z)`: from the end of
/// the last one before it to the start of the first one after it.
fn between(set_aside: &[(usize, usize)], (a, z): (usize, usize), n: usize) -> (usize, usize) {
    let lo = set_aside
        .iter()
        .filter(|r| r.1 <= a)
        .map(|r| r.1)
        .max()
        .unwrap_or(0);
    let hi = set_aside
        .iter()
        .filter(|r| r.0 >= z)
        .map(|r| r.0)
        .min()
        .unwrap_or(n);
    (lo, hi)
}

/// Lines at most after a run for it to end the page.
const TAIL_REACH: usize = 3;
/// Lines at most in a footer's fine print.
const TAIL_LINES: usize = 16;
/// Words from which a line ending a sentence counts as the page's text.
const TAIL_SENTENCE: u32 = 6;
/// How many times the run's prose the sentences before it must weigh.
const TAIL_OUTWEIGH: u32 = 2;

/// A pattern asked only whether it matches, with the matches
/// `regex::Regex::new` gives it (the same syntax and match settings) but
/// no literal prefilter: these word lists under case folding yield no
/// literals worth one, and working them out costs most of the pattern's
/// build, once per process (several times its lazy DFA's searches on a
/// short run). The tests check it against `regex::Regex`.
pub(crate) fn words_pattern(pattern: &str) -> regex_automata::meta::Regex {
    regex_automata::meta::Regex::builder()
        .configure(regex_automata::meta::Config::new().auto_prefilter(false))
        .build(pattern)
        .expect("word pattern compiles")
}

/// Words of a policy or consent panel's heading and text.
static POLICY: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| words_pattern(POLICY_PATTERN));

/// `POLICY`'s pattern.
const POLICY_PATTERN: &str = r"(?i)\b(privacy|cookies?|polic(y|ies)|terms|consent|refunds?|datenschutz|confidentialit[ée]|privacidad|privacidade)\b";

/// Whether the page's title (its first line) names a policy: such a page
/// keeps its panels.
fn about_policy(page: &Page) -> bool {
    page.blocks
        .first()
        .is_some_and(|b| POLICY.is_match(b.text.as_str()))
}

/// Runs looked at again when a policy panel was found.
const POLICY_TRIES: usize = 2;
/// Lines before a run searched for its heading.
const POLICY_REACH: usize = 2;

/// Whether the run `(a, z)` is a policy or consent panel: a short line
/// naming a policy just before it, and its first paragraph about one too.
/// A paragraph a rule removed just before the run (a consent notice's
/// opening one) is the panel's own: it does not count in the reach, and
/// it may be the first paragraph.
fn policy_panel(page: &Page, junk: &[bool], prose: &[bool], (a, z): (usize, usize)) -> bool {
    let removed_paragraph = |i: usize| {
        junk.get(i).copied().unwrap_or(false)
            && page.blocks[i].features.words >= POLICY_PARAGRAPH_WORDS
    };
    let mut s = a;
    let mut reach = 0;
    while s > 0 && reach < POLICY_REACH {
        s -= 1;
        if !removed_paragraph(s) {
            reach += 1;
        }
    }
    let heading = (s..a).any(|i| {
        let b = &page.blocks[i];
        // A tag with a count ("privacy (62)") is a link, not a heading.
        b.features.words <= 6
            && !b.text.bytes().any(|c| c.is_ascii_digit())
            && POLICY.is_match(b.text.as_str())
    });
    heading
        && (s..z)
            .filter(|&i| {
                if i < a {
                    removed_paragraph(i)
                } else {
                    prose[i]
                }
            })
            .take(2)
            .any(|i| POLICY_WORDS.is_match(page.blocks[i].text.as_str()))
}

/// Words at least in a removed line before a panel's run read as its
/// opening paragraph.
const POLICY_PARAGRAPH_WORDS: u32 = 20;

/// What the paragraphs of such a panel are about.
static POLICY_WORDS: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| words_pattern(POLICY_WORDS_PATTERN));

/// `POLICY_WORDS`'s pattern.
const POLICY_WORDS_PATTERN: &str = r"(?i)\b(privacy|cookies?|polic(y|ies)|terms|consent|refunds?|returns?|personal (data|information)|partners|purchases?d?|datos|donn[ée]es|daten)\b";

/// The lines of `data` in runs of `TABLE_ROWS` or more. A run's length
/// so far is kept line by line with no branch (most lines are no data
/// row, and a search from each line for the run's end was a loop and an
/// exit mispredicted at every line); a run is marked back to its start
/// only when it reaches `TABLE_ROWS`.
fn table_rows(data: &[bool]) -> Vec<bool> {
    let mut out = vec![false; data.len()];
    let mut run = 0usize;
    for (i, &d) in data.iter().enumerate() {
        run = (run + 1) * usize::from(d);
        out[i] = run >= TABLE_ROWS;
        if run == TABLE_ROWS {
            out[i + 1 - TABLE_ROWS..i].fill(true);
        }
    }
    out
}

/// The run of lines with the largest sum of scores, and that sum.
/// Each step chooses its values with no branch: whether the sum so far
/// starts again, or beats the best, changes from line to line, and those
/// branches were mispredicted often. The sum is the same: a start again
/// adds the line's score to 0.0, as setting it to 0.0 first did.
fn max_run(scores: &[f32]) -> (f32, (usize, usize)) {
    let mut best = f32::MIN;
    let (mut best_start, mut best_end) = (0usize, 0usize);
    let (mut cur, mut start) = (0f32, 0usize);
    for (i, &s) in scores.iter().enumerate() {
        let again = cur <= 0.0;
        start = if again { i } else { start };
        cur = if again { 0.0 } else { cur } + s;
        let better = cur > best;
        best = if better { cur } else { best };
        best_start = if better { start } else { best_start };
        best_end = if better { i + 1 } else { best_end };
    }
    (best, (best_start, best_end))
}

/// Where the first run of story teasers after the article starts, if
/// any: `TEASER_GROUPS` groups of lines in a row with one shape (see
/// `teaser_shape`), each led by a headline and holding a label (a date,
/// "Read more": a line a rule removes) and a teaser's text, under a
/// label the rules know, after `CLOSING_WORDS` prose words of the
/// region. A related list printed before a testimonial or a form does
/// not end the region, so `teaser_tail` misses it.
/// `teaser_shapes`: `teaser_shape` of each line of `(a, z)`.
fn teaser_run(
    page: &Page,
    junk: &[bool],
    prose: &[bool],
    (a, z): (usize, usize),
    teaser_shapes: &[Option<u8>],
) -> Option<usize> {
    // A short line is a teaser's label only when a rule knows it as
    // furniture (a date line, "Read more"); a short heading or a fact line
    // of the article's own ("Set a budget", "Price: $20") is not (4).
    let shapes: Vec<Option<u8>> = (a..z)
        .zip(teaser_shapes)
        .map(|(i, &s)| match s {
            Some(0) if !junk[i] => Some(4),
            s => s,
        })
        .collect();
    let mut words = 0u32;
    for s in 0..shapes.len() {
        if words >= CLOSING_WORDS && shapes[s] == Some(1) {
            for g in 2..=4usize {
                let group = &shapes[s..];
                if group.len() < TEASER_GROUPS * g {
                    break;
                }
                let first = &group[..g];
                if first.iter().all(|t| t.is_some())
                    && first.contains(&Some(0))
                    && first.contains(&Some(2))
                    && (1..TEASER_GROUPS).all(|k| group[k * g..(k + 1) * g] == *first)
                    // Under a label the rules know ("Latest news",
                    // "Related content"): a roundup's or a listing's own
                    // items look the same, but follow the page's text.
                    && s > 0
                    && list_label(page, junk, a + s - 1)
                    // The label is not one of the items' own ("Read more"
                    // closing the item before).
                    && !page.blocks[a + s..a + s + TEASER_GROUPS * g]
                        .iter()
                        .any(|b| b.text == page.blocks[a + s - 1].text)
                {
                    return Some(a + s);
                }
            }
        }
        if prose[a + s] {
            words += page.blocks[a + s].features.words;
        }
    }
    None
}

/// Whether line i is a list's label that a rule removes: a few words, no
/// number (a date line is a teaser's label, not the list's).
fn list_label(page: &Page, junk: &[bool], i: usize) -> bool {
    let b = &page.blocks[i];
    junk[i] && b.features.words <= 6 && !b.text.bytes().any(|c| c.is_ascii_digit())
}

/// Groups of one shape in a row that make a run of teasers.
const TEASER_GROUPS: usize = 3;

/// A line's part in a story teaser: 0 a label (a date, a category, "Read
/// more"), 1 a headline, 2 a teaser's text, 3 a byline; `None` for a
/// paragraph too long to be a teaser.
fn teaser_shape(b: &crate::segment::Block) -> Option<u8> {
    let f = &b.features;
    match f.words {
        0..=3 => Some(0),
        // A line of several numbers is a date or a byline, not a
        // headline.
        4..=12 if !two_digit_words(&b.text) => Some(1),
        4..=12 => Some(3),
        13..=80 => Some(2),
        _ => None,
    }
}

/// Whether two or more of the words of `text` (as `split_whitespace`
/// cuts them) start with an ASCII digit. Looked at from the digits: a
/// word starts at one that follows white space or the text's start. A
/// byte scan, not a walk over the characters: every line is asked.
fn two_digit_words(text: &str) -> bool {
    let b = text.as_bytes();
    // Most lines hold no digit: told 16 bytes at a time.
    if !super::text_thread::has_ascii_digit(b) {
        return false;
    }
    let starts_word = |p: usize| match p.checked_sub(1).map(|q| b[q]) {
        None => true,
        Some(c) if c.is_ascii() => char::from(c).is_whitespace(),
        // The byte before ends a character of other than ASCII.
        Some(_) => text[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace),
    };
    b.iter()
        .enumerate()
        .filter(|&(p, c)| c.is_ascii_digit() && starts_word(p))
        .nth(1)
        .is_some()
}

/// Where a run of story teasers at the end of the region starts (or the
/// region's end when there is none): groups of lines with one shape
/// repeated at least three times, each led by a title-case headline and
/// holding no paragraph (headline, one-line teaser, date; again and
/// again). An article does not repeat its own layout like that; only
/// pages with an article are trimmed.
/// `shapes`: `teaser_shape` of each line of `(a, z)`.
fn teaser_tail(
    page: &Page,
    prose: &[bool],
    (a, z): (usize, usize),
    shapes: &[Option<u8>],
) -> usize {
    let n = shapes.len();
    let mut cut = z;
    for g in 2..=4usize {
        // The region may end inside a group: try each phase.
        for tail in 0..g {
            if n < 3 * g + tail + 3 {
                continue;
            }
            let e = n - tail;
            let group = &shapes[e - g..e];
            if group.iter().any(|s| s.is_none())
                || !group.contains(&Some(0))
                || !group.contains(&Some(1))
                || shapes[e..] != group[..tail]
            {
                continue;
            }
            let (mut start, mut groups) = (e - g, 1);
            loop {
                // Section labels ("More in ...") may sit between groups.
                let mut s = start;
                while s > start.saturating_sub(3) && shapes[s - 1] == Some(0) {
                    s -= 1;
                }
                if s >= g && shapes[s - g..s] == *group {
                    start = s - g;
                    groups += 1;
                } else if start >= g && shapes[start - g..start] == *group {
                    start -= g;
                    groups += 1;
                } else {
                    break;
                }
            }
            // The run starts at a headline, not at the label of the
            // article's last paragraph.
            while start < e && shapes[start] != Some(1) {
                start += 1;
            }
            // Three groups or more, and something of the article left.
            // On a listing the groups are the content: an article's own
            // paragraphs must come before them.
            let words: u32 = (a..a + start)
                .filter(|&i| prose[i])
                .map(|i| page.blocks[i].features.words)
                .sum();
            if groups >= 3 && words >= 120 {
                cut = cut.min(a + start);
            }
        }
    }
    cut
}

/// Words of a line from which it needs a punctuation mark per
/// `RUN_ON_WORDS` words to be prose (one long sentence may have none).
const RUN_ON_MIN: u32 = 100;
const RUN_ON_WORDS: u32 = 40;

/// Number-ending lines in a row that make a data table.
const TABLE_ROWS: usize = 4;

/// Where the cost of a menu-like line said once on the page stops growing.
const ONCE_RUN: f32 = 5.0;
/// Menu-like lines in a row that make a menu whether or not said twice.
const MENU_ROW: f32 = 8.0;

/// Prose words the run before a comment thread needs to be the article.
const THREAD_ARTICLE_MIN: f32 = 100.0;

/// Lines at most between an item grid and prose that joins it.
const GRID_REACH: usize = 3;
/// Words at most in a card's button.
const BUTTON_WORDS: f32 = 3.0;
/// Items of a grid from which it may be the page's list alone.
const LIST_ITEMS: usize = 8;
/// How many times the best prose run's words such a list's words weigh.
const LIST_OUTWEIGH: u32 = 2;
/// Prose words before a grid that make it an item's description.
const DESCRIPTION_WORDS: u32 = 40;
/// Lines at most from the page's heading to the grid it heads.
const HEADED_REACH: usize = 6;
/// Lines before a grid searched for an item's description.
const DESCRIPTION_REACH: usize = 12;

/// Lines at most from the page's heading to the first line of the region
/// found without it, for the heading to start the region.
const TITLE_REACH: usize = 15;

/// Where the content `(a, z)` of a page with no article ends: at the
/// first heading that ends a page's content ("Related products",
/// "Reviews", `ends_section`; or a line a rule marks `closes`, "Reviews
/// for ...") when the lines before it outweigh those
/// after it, or nothing after it is prose (only a related grid's tiles
/// and the footer's links). Otherwise the heading is the content's own
/// (a listing's "Latest articles") and the end stays, unless a later
/// heading ends it (see below).
fn section_end(
    page: &Page,
    said: &Said,
    junk: &[bool],
    prose: &[bool],
    ends_section: &dyn Fn(usize) -> bool,
    (a, z): (usize, usize),
) -> usize {
    let words = |(a, z): (usize, usize), only_prose: bool| -> u32 {
        (a..z)
            .filter(|&i| !junk[i] && (!only_prose || prose[i]))
            .map(|i| page.blocks[i].features.words)
            .sum()
    };
    let cuts = |e: usize| words((a, e), false) >= words((e, z), false) || words((e, z), true) == 0;
    let mut headings = (a + 1..z).filter(|&i| ends_section(i));
    let Some(e) = headings.next() else {
        return z;
    };
    if cuts(e) {
        return e;
    }
    // The first heading was the content's own (a listing's "Latest
    // articles", reviews that outweigh a description): a later one said
    // once ("Related products", not a "Read more" under each teaser) ends
    // the content when more of the page's prose is before it than after.
    headings
        .find(|&e| {
            let (before, after) = (words((a, e), true), words((e, z), true));
            cuts(e) && before > 0 && before >= after && said.times(e) < 2
        })
        .unwrap_or(z)
}

/// Lines after a headline within which prose must start for it to anchor.
const HEADLINE_REACH: usize = 8;
/// What a headline weighs, in words of prose.
const HEADLINE_BONUS: f32 = 30.0;

/// Whether the page has a run of paragraphs, as articles do: three prose
/// lines and 120 words, with at most one short line (a subheading, a
/// source or a caption) between two of them.
/// Returns the line where the first such run is complete.
fn core_end(page: &Page, prose: &[bool]) -> Option<usize> {
    let (mut lines, mut words, mut gap) = (0, 0, 0);
    for (i, (b, &p)) in page.blocks.iter().zip(prose).enumerate() {
        if p {
            lines += 1;
            words += b.features.words;
            gap = 0;
            if lines >= 3 && words >= 120 {
                return Some(i);
            }
        } else {
            gap += 1;
            if gap > 1 || b.features.words > 12 {
                (lines, words) = (0, 0);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The policy patterns built without a prefilter match as built by
    /// `regex`.
    #[test]
    fn policy_patterns_are_the_regex_ones() {
        crate::classify::testgen::assert_words_pattern(POLICY_PATTERN);
        crate::classify::testgen::assert_words_pattern(POLICY_WORDS_PATTERN);
    }

    /// `closing_lines` as first written: every line of the region tested
    /// on the prose words before it.
    fn closing_lines_each(page: &Page, prose: &[bool], (a, z): (usize, usize)) -> Vec<usize> {
        let z = z.min(page.blocks.len());
        let words = |i: usize| {
            if prose[i] {
                page.blocks[i].features.words
            } else {
                0
            }
        };
        let total: u32 = (a..z).map(words).sum();
        (a..z)
            .scan(0u32, |before, i| {
                let b = *before;
                *before += words(i);
                Some((i, b))
            })
            .filter(|&(_, b)| b >= CLOSING_WORDS && b as f32 >= CLOSING_SHARE * total as f32)
            .map(|(i, _)| i)
            .collect()
    }

    /// The closing lines taken as a range from the first are the lines
    /// each tested: generated pages of paragraphs and short lines, every
    /// region of them (past the page's end too, and empty ones).
    #[test]
    fn closing_lines_are_the_lines_each_tested() {
        let mut rng = crate::classify::testgen::rng(83);
        let paragraph = "The members of the board met on Tuesday to go over the plan, and they agreed that it needs more work.";
        let (mut some, mut none) = (0, 0);
        for _ in 0..200 {
            let pool: Vec<String> = (0..1 + rng.below(8))
                .map(|k| {
                    if k % 2 == 0 {
                        paragraph.repeat(1 + rng.below(3))
                    } else {
                        crate::classify::testgen::line(&mut rng, 6)
                    }
                })
                .collect();
            let page = crate::classify::testgen::page_from(&mut rng, &pool, 40);
            let n = page.blocks.len();
            let prose: Vec<bool> = page
                .blocks
                .iter()
                .map(|b| super::super::region::is_prose(b, true))
                .collect();
            for a in 0..=n {
                for z in [a.saturating_sub(1), a, a + 1, n / 2, n, n + 3] {
                    let want = closing_lines_each(&page, &prose, (a, z));
                    let got: Vec<usize> = closing_lines(&page, &prose, (a, z)).collect();
                    assert_eq!(got, want, "{a} {z}");
                    some += usize::from(!want.is_empty());
                    none += usize::from(want.is_empty() && a < z.min(n));
                }
            }
        }
        assert!(some > 1000 && none > 1000, "{some} {none}");
    }

    /// `line_flags` as it was: a push per flag per line.
    fn line_flags_plain(page: &Page, junk: &[bool], sw: bool, said: &Said) -> LineFlags {
        let n = page.blocks.len();
        let m = n.min(junk.len());
        let mut out = LineFlags {
            loose: Vec::with_capacity(m),
            run_ons: Vec::with_capacity(m),
            prose: Vec::with_capacity(m),
            repeat: Vec::with_capacity(n),
            twice: Vec::with_capacity(n),
            data: Vec::with_capacity(n),
        };
        let mut seen = vec![false; said.texts()];
        for (i, b) in page.blocks.iter().enumerate() {
            let f = &b.features;
            // A paragraph seen before is a teaser or a panel shown twice: it
            // adds nothing to the region around its second copy.
            let before = std::mem::replace(&mut seen[said.id(i)], true);
            let repeat = before && f.words >= 5;
            out.repeat.push(repeat);
            // Short lines said more than once on the page (menus shown
            // twice); only short lines can be menu items.
            out.twice.push(f.words <= 6 && said.times(i) > 1);
            // Rows of a data table (a figure's series, a ranking): lines of a
            // label and a value, ending in a number.
            out.data
                .push((2..=12).contains(&f.words) && !f.ends_sentence && ends_number(&b.text));
            let Some(&j) = junk.get(i) else { continue };
            let l = !j && crate::classify::region::is_prose(b, sw);
            // Run-on lines read as prose to `is_prose` but are none (see
            // `run_on`): not even loose prose, and neutral in the scores.
            let r = l && run_on(f);
            let l = l && !r;
            out.loose.push(l);
            out.run_ons.push(r);
            // A headline in title case reads as a short sentence but is not
            // prose, even when it ends with a period ("It Broke. Here Is
            // Why.").
            let headline = f.words <= 25
                && (f.title_case_ratio >= 0.6 && !b.text.ends_with('.')
                    || f.title_case_ratio >= 0.7);
            // Paragraphs end like sentences; a short line that does not is a
            // headline or a label.
            out.prose
                .push(l && !(headline || (f.words < 20 && !f.ends_sentence)) && !repeat);
        }
        out
    }

    /// `Said::new` as first written: a hash map from each text to its
    /// number.
    fn said_slow(page: &Page) -> (Vec<u32>, Vec<u32>) {
        let mut ids: std::collections::HashMap<&str, u32> = Default::default();
        let mut count: Vec<u32> = Vec::new();
        let id = page
            .blocks
            .iter()
            .map(|b| {
                let next = count.len() as u32;
                let id = *ids.entry(b.text.as_str()).or_insert(next);
                if id == next {
                    count.push(0);
                }
                count[id as usize] += 1;
                id
            })
            .collect();
        (id, count)
    }

    /// The search from each line for its run's end, as `find_inline` did.
    fn table_rows_searched(data: &[bool]) -> Vec<bool> {
        let mut table_row = vec![false; data.len()];
        let mut i = 0;
        while i < data.len() {
            let end = data[i..]
                .iter()
                .position(|&d| !d)
                .map_or(data.len(), |p| i + p);
            if end - i >= TABLE_ROWS {
                table_row[i..end].fill(true);
            }
            i = end + 1;
        }
        table_row
    }

    /// `table_rows` marks the lines the search from each line did, on
    /// flags with runs of every length around `TABLE_ROWS`, at the ends.
    #[test]
    fn table_rows_are_the_runs_searched() {
        let mut rng = crate::classify::testgen::rng(11);
        let (mut long, mut short) = (0, 0);
        for _ in 0..3000 {
            let n = rng.below(40);
            let dense = 1 + rng.below(6);
            let data: Vec<bool> = (0..n).map(|_| rng.below(dense + 1) != 0).collect();
            let want = table_rows_searched(&data);
            assert_eq!(table_rows(&data), want, "{data:?}");
            long += usize::from(want.iter().any(|&t| t));
            short += usize::from(data.iter().any(|&d| d) && !want.iter().any(|&t| t));
        }
        // Both pages with a table and pages with data rows but none.
        assert!(long > 300 && short > 300, "{long} {short}");
    }

    /// `max_run` as first written, with a branch per step.
    fn max_run_branching(scores: &[f32]) -> (f32, (usize, usize)) {
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
        (best, best_range)
    }

    /// The branchless `max_run` finds the run and the sum, to the bit, the
    /// branching one did: on scores of the region's kinds (whole words,
    /// fractions, zeros of both signs), empty and all negative too.
    #[test]
    fn max_run_is_the_branching_search() {
        let mut rng = crate::classify::testgen::rng(12);
        let (mut restarts, mut negative) = (0, 0);
        for _ in 0..5000 {
            let n = rng.below(30);
            let scores: Vec<f32> = (0..n)
                .map(|_| match rng.below(6) {
                    0 => 0.0,
                    1 => -0.0,
                    2 => rng.below(60) as f32,
                    3 => -1.5 * rng.below(9) as f32,
                    4 => 0.3 * rng.below(40) as f32 - 1.0,
                    _ => -0.2 * rng.below(30) as f32 - 1.0,
                })
                .collect();
            let (b, r) = max_run(&scores);
            let (wb, wr) = max_run_branching(&scores);
            assert_eq!((b.to_bits(), r), (wb.to_bits(), wr), "{scores:?}");
            restarts += usize::from(wr.0 > 0);
            negative += usize::from(wb < 0.0);
        }
        // Runs that start after a restart, and pages with no positive run.
        assert!(restarts > 500 && negative > 100, "{restarts} {negative}");
    }

    /// `mask` answers as the line-by-line test of the region and the lead
    /// run did, for ranges empty, reversed or past the page's end.
    #[test]
    fn mask_sets_the_lines_of_its_ranges() {
        let ends = [0usize, 1, 2, 5, 9, 10, 11, 30];
        for n in [0usize, 1, 5, 10] {
            for &a in &ends {
                for &z in &ends {
                    for lead in [None, Some((0, 3)), Some((4, 2)), Some((7, 40))] {
                        let want: Vec<bool> = (0..n)
                            .map(|i| {
                                (i >= a && i < z) || lead.is_some_and(|(p, q)| i >= p && i < q)
                            })
                            .collect();
                        let got = mask(n, std::iter::once((a, z)).chain(lead));
                        assert_eq!(got, want, "{n} {a} {z} {lead:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn counts_of_another_page_are_not_used() {
        let page = crate::segment::text::segment("Share\nA line\nShare");
        let other = crate::segment::text::segment("Share\nA line");
        let mine = Said::new(&page);
        let mut own = None;
        let got = Said::or_count(Some(&mine), &page, &mut own);
        assert!(std::ptr::eq(got, &mine) && own.is_none());
        // Two lines counted for three: the page is counted anew.
        let theirs = Said::new(&other);
        let mut own = None;
        let got = Said::or_count(Some(&theirs), &page, &mut own);
        assert_eq!((got.lines(), got.times(0), got.times(1)), (3, 2, 1));
        let mut own = None;
        assert_eq!(Said::or_count(None, &page, &mut own).times(2), 2);
    }

    /// `line_flags` sets each flag where the push per flag did, on
    /// generated pages (lines said again, prose, headlines, table rows)
    /// with `junk` as long as the page, shorter or longer.
    #[test]
    fn line_flags_are_the_flags_pushed_one_by_one() {
        use crate::classify::testgen;
        let mut rng = testgen::rng(41);
        let mut pool: Vec<String> = (0..300).map(|_| testgen::line(&mut rng, 30)).collect();
        pool.extend(
            [
                "The team said the plan, which was late, would go on at the end of the year.",
                "It Broke. Here Is Why We Think It Will Not Happen Again.",
                "It Broke. Here Is Why We Think It Will Not Happen Again Today",
                "This is one of the best things we have ever seen in the whole of the town, and it is",
                "Revenue in the second quarter 12.5%",
                "Share",
                "Home About Contact",
                "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc",
            ]
            .map(String::from),
        );
        // A run-on line: many words, one mark.
        pool.push(format!("{}.", ["the menu and of it"; 30].join(" ")));
        // Each flag must be set somewhere, or the test compares nothing.
        let mut set = [0usize; 6];
        for _ in 0..400 {
            let page = testgen::page_from(&mut rng, &pool, 120);
            let n = page.blocks.len();
            let len = match rng.below(3) {
                0 => n,
                1 => rng.below(n + 1),
                _ => n + rng.below(3),
            };
            let junk: Vec<bool> = (0..len).map(|_| rng.below(6) == 0).collect();
            let said = Said::new(&page);
            for sw in [false, true] {
                let got = line_flags(&page, &junk, sw, &said);
                let want = line_flags_plain(&page, &junk, sw, &said);
                let pairs = [
                    (&got.loose, &want.loose),
                    (&got.run_ons, &want.run_ons),
                    (&got.prose, &want.prose),
                    (&got.repeat, &want.repeat),
                    (&got.twice, &want.twice),
                    (&got.data, &want.data),
                ];
                for (k, (g, w)) in pairs.into_iter().enumerate() {
                    assert_eq!(g, w, "flag {k}");
                    set[k] += g.iter().filter(|&&b| b).count();
                }
            }
        }
        assert!(set.iter().all(|&c| c > 0), "{set:?}");
    }

    #[test]
    fn said_numbers_texts_as_a_hash_map_does() {
        let lines = [
            "Home",
            "home",
            "Share",
            "Read more",
            "Read more.",
            "A",
            "B",
            "Posted on March 3, 2020",
            "Posted on March 5, 2020",
            "Posted on March 3, 2020 at noon",
            "abcdefgh",
            "abcdefghXabcdefgh",
            "abcdefghYabcdefgh",
            "12345678",
            "1234567",
            "Café déjà vu",
            "東京 2 Posts",
            "A paragraph long enough to be hashed by its ends only, said twice.",
            "A paragraph long enough to be hashed by its ends only, said twice!",
        ];
        // Two texts the hash does not tell apart: the slot's text is
        // compared whole, and a match of hashes alone is no match.
        assert_eq!(
            line_hash(b"abcdefghXabcdefgh"),
            line_hash(b"abcdefghYabcdefgh")
        );
        for step in [1usize, 2, 3, 7] {
            for len in [1usize, 5, 40, 200] {
                let text: Vec<&str> = (0..len).map(|k| lines[(k * step) % lines.len()]).collect();
                let page = crate::segment::text::segment(&text.join("\n"));
                let said = Said::new(&page);
                assert_eq!((said.id.clone(), said.count.clone()), said_slow(&page));
            }
        }
    }

    /// `line_hash` of a text shorter than a word reads its bytes as the
    /// zero-padded copy did: every length below 8, bytes of every value.
    #[test]
    fn short_texts_hash_as_their_padded_copy() {
        let padded = |b: &[u8]| {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            let h = u64::from_le_bytes(w) ^ b.len() as u64;
            h.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29)
                .wrapping_mul(0xD6E8_FEB8_6659_FD93)
        };
        let mut rng = crate::classify::testgen::rng(29);
        for _ in 0..20000 {
            let b: Vec<u8> = (0..rng.below(8)).map(|_| rng.below(256) as u8).collect();
            assert_eq!(line_hash(&b), padded(&b), "{b:?}");
        }
        for c in 0..=255u8 {
            assert_eq!(line_hash(&[c]), padded(&[c]));
        }
    }

    #[test]
    fn two_digit_words_answers_as_the_word_split_does() {
        for t in [
            "",
            "7",
            "12 May 2024",
            "May 12, 2024",
            "by Jane Doe 3 min read",
            "posted 2 days ago by 4chan fans",
            "a1 b2 c3",
            "x\u{a0}1 y\u{a0}2",
            "é1 ü2",
            "\u{3000}3\u{3000}4",
            "5\u{2003}6",
            "tab\t7\t8",
            "vt\u{b}9\u{b}0",
            "fs\u{1c}9\u{1c}0",
            "١٢ ٣",
            "no digits here at all",
            "—1 —2",
        ] {
            let want = t
                .split_whitespace()
                .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                .count()
                >= 2;
            assert_eq!(two_digit_words(t), want, "{t:?}");
        }
    }
}
