//! Classification: rule sets, heuristic scores and section context decide,
//! for every block, keep or remove (with category, rule id and score).

pub mod category;
pub mod evidence;
pub mod heuristics;
pub mod patset;
mod prebuilt;
pub mod region;
pub mod repeats;
pub mod rules;
pub mod sections;
pub mod site;
pub mod text_bio;
pub mod text_consent;
pub mod text_grid;
pub mod text_headers;
pub mod text_items;
pub mod text_listicle;
pub mod text_lists;
pub mod text_post_counts;
pub mod text_region;
pub mod text_repeats;
pub mod text_reply_prompt;
pub mod text_runs;
pub mod text_signed;
pub mod text_testimonials;
pub mod text_thread;
pub mod text_title;
pub mod text_toc;
pub mod thread;
mod word8;

pub use category::Category;
pub use rules::{RuleError, RuleSet, RuleSetBuilder};

use crate::segment::Page;
use serde::Serialize;
use std::borrow::Cow;

/// What was decided for one block.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    /// `None` when the block is kept.
    pub removed: Option<Category>,
    /// Id of the rule or heuristic that decided.
    pub rule: Cow<'static, str>,
    /// Boilerplate score: the summed rule weights, or the heuristic's score.
    /// A block is removed at 1.0 or more.
    pub score: f32,
    pub in_main: bool,
}

impl Decision {
    pub fn is_kept(&self) -> bool {
        self.removed.is_none()
    }
}

/// Share of the main content's characters in links above which the page is
/// a listing, and its links are content.
const LISTING_LINK_SHARE: f32 = 0.35;

pub fn classify(page: &Page, set: &RuleSet) -> Vec<Decision> {
    classify_with(page, set, None)
}

/// `classify`, overruled where the page's site rules hit (see `site`).
pub fn classify_with(page: &Page, set: &RuleSet, site: Option<&site::Hits>) -> Vec<Decision> {
    let (text_hits, mut headings) = evidence::rule_hits(page, set);
    let hits = evidence::element_hits(page, set);
    text_toc::clear_listed(page, &mut headings);
    let region = if page.is_html && !page.elements.is_empty() {
        let junk = evidence::removed_by_text(set, &text_hits);
        region::find(page, &junk, &region::element_marks(set, &hits))
    } else {
        // Asked of the same lines again and again (each pass over the
        // posts looks for its bounds): each line is looked at once.
        let known: Vec<std::cell::Cell<Option<bool>>> =
            vec![std::cell::Cell::new(None); page.blocks.len()];
        let ends = |i: usize| match known.get(i).map(std::cell::Cell::get) {
            Some(Some(e)) => e,
            _ => {
                let e = text_items::ends_posts(page, set, &text_hits, &headings, i);
                if let Some(k) = known.get(i) {
                    k.set(Some(e));
                }
                e
            }
        };
        let flags = text_flags(set, &text_hits);
        let [junk, inline, closes, ends_thread] = flags.split();
        let section = |i: usize| text_items::ends_section(page, set, &headings, i);
        let mut region = text_region::find_inline(page, junk, inline, closes, &ends, &section);
        text_reply_prompt::cut(
            page,
            region.said.as_deref(),
            junk,
            ends_thread,
            &mut region.in_main,
        );
        region
    };
    let mut evidence = evidence::collect_with(page, set, &region, text_hits, headings, &hits);
    if let Some(h) = site {
        h.mask(&mut evidence);
    }
    thread::keep_lone_thread(page, set, &region, &mut evidence);
    let listing = region.link_share(page) > LISTING_LINK_SHARE;
    let between = heuristics::in_text_flow(page, &region.in_main);
    let claims = sections::claims(page, set, &evidence, &region);
    let mut out: Vec<Decision> = page
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let ev = &evidence[i];
            let (score, top) = ev.score(set);
            if let Some(r) = top.filter(|_| score >= 1.0) {
                let rule = &set.rules[r];
                return Decision {
                    removed: Some(rule.category),
                    rule: set.rule_id(r),
                    score,
                    in_main: region.in_main[i],
                };
            }
            if let Some(c) = &claims[i] {
                return Decision {
                    removed: Some(c.category),
                    rule: set.rule_id(c.rule),
                    score: set.rules[c.rule].weight.max(score),
                    in_main: region.in_main[i],
                };
            }
            if region.teaser.get(i).copied().unwrap_or(false) {
                return Decision {
                    removed: Some(Category::RelatedList),
                    rule: Cow::Borrowed("heuristic.teaser-row"),
                    score: 1.0 + score,
                    in_main: region.in_main[i],
                };
            }
            let mut d = heuristics::decide(
                b,
                region.in_main[i],
                listing || region.item_lead.get(i).copied().unwrap_or(false) || between[i],
                score,
            );
            if !region.trimmed.is_empty()
                && d.rule == heuristics::OUTSIDE_MAIN
                && let Some(&(_, _, id)) = region
                    .trimmed
                    .iter()
                    .find(|&&(a, z, _)| (a..z).contains(&i))
            {
                d.rule = Cow::Borrowed(id);
            }
            d
        })
        .collect();
    heuristics::smooth(page, region.said.as_deref(), &mut out);
    // Counters under a post's header: on a thread, or on a page whose
    // region holds dated posts (a forum the region did not grow over).
    // Looked for only on a page with a count kept (most have none).
    let posts = region.thread
        || !page.is_html
            && page.blocks.iter().zip(&out).any(|(b, d)| {
                d.is_kept()
                    && b.features.words <= 2
                    && text_post_counts::may_be_count(&b.text)
                    && text_items::is_count(&b.text)
            })
            && text_headers::dated_posts(
                page,
                text_region::Said::or_count(region.said.as_deref(), page, &mut None),
                region.span(),
            );
    text_items::drop_counts(page, posts, &mut out);
    text_signed::drop_comments(page, &mut out);
    text_headers::drop_poster_lines(page, &region, &mut out);
    text_post_counts::drop_label_values(page, &mut out);
    text_consent::drop_panels(page, set, &evidence, &mut out);
    repeats::drop_repeats(page, &mut out);
    if let Some(h) = site {
        h.apply(&mut out);
    }
    out
}

/// Text input: each line's flags from the text rules it matched, in one
/// buffer (one allocation a page, not four).
struct TextFlags {
    n: usize,
    all: Vec<bool>,
}

impl TextFlags {
    /// Whether the text rules alone remove each line
    /// (`evidence::removed_by_text`), and the lines a rule with each mark
    /// matched: `Mark::Inline`, `Mark::Closes`, `Mark::EndsThread`.
    fn split(&self) -> [&[bool]; 4] {
        let (junk, rest) = self.all.split_at(self.n);
        let (inline, rest) = rest.split_at(self.n);
        let (closes, ends_thread) = rest.split_at(self.n);
        [junk, inline, closes, ends_thread]
    }
}

/// `TextFlags` in one pass over the hits: furniture set inside a story
/// does not cut it (see `Mark::Inline`); lines that close an article when
/// late enough (`Mark::Closes`); the prompt to sign in and reply under a
/// thread's last post (`Mark::EndsThread`).
fn text_flags(set: &RuleSet, text_hits: &[Vec<usize>]) -> TextFlags {
    let n = text_hits.len();
    let mut all = vec![false; 4 * n];
    for (i, h) in text_hits.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        let (mut inline, mut closes, mut ends_thread) = (false, false, false);
        for &r in h {
            let rule = &set.rules[r];
            inline |= rule.has_mark(rules::Mark::Inline);
            closes |= rule.has_mark(rules::Mark::Closes);
            ends_thread |= rule.has_mark(rules::Mark::EndsThread);
        }
        all[i] = evidence::removes_by_text(set, h);
        all[n + i] = inline;
        all[2 * n + i] = closes;
        all[3 * n + i] = ends_thread;
    }
    TextFlags { n, all }
}

/// Varied lines and pages for the tests that pin a fast form to the form
/// it replaced: words, numbers, dates, punctuation and other than ASCII,
/// drawn from a fixed seed.
#[cfg(test)]
pub(crate) mod testgen {
    pub(crate) use crate::test_rng::XorShift as Rng;

    /// A generator for `seed` (any, 0 too): small seeds spread over the
    /// bits, as xorshift's first draws are small otherwise.
    pub fn rng(seed: u64) -> Rng {
        Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Pieces lines are built of.
    const PIECES: &[&str] = &[
        "Reply",
        "Quote",
        "the",
        "and",
        "of",
        "Posted",
        "by",
        "Jane",
        "Roe",
        "J.",
        "—",
        "-",
        "–",
        "|",
        ",",
        ".",
        ":",
        "/",
        "#",
        "$",
        "12",
        "3",
        "2019",
        "1,204",
        "4.5",
        "7:45",
        "pm",
        "ago",
        "hours",
        "days",
        "Nov",
        "May",
        "yesterday",
        "at",
        "Today",
        "Comments",
        "comment",
        "Share",
        "Follow",
        "Add",
        "a",
        "Read",
        "more",
        "Café",
        "Über",
        "ΣΊΣΥΦΟΣ",
        "东京",
        "٣",
        "\u{212a}elvin",
        "İstanbul",
        "ſep",
        "\u{a0}",
        "·",
        "“quoted”",
        "\"Great",
        "service!\"",
        "5",
        "stars",
        "★★★★★",
        "Senior",
        "Member",
        "410",
        "posts",
        "Join",
        "Date",
        "x",
        "ǅ",
        "(@jane)",
        "MD",
        "is",
        "has",
        "writer",
        "editor",
        "?",
        "!",
        "’s",
        "0",
        "00",
        "9,",
        "..",
    ];

    /// A line of 0 to `max` pieces, spaced or run together.
    pub fn line(rng: &mut Rng, max: usize) -> String {
        let mut s = String::new();
        let n = rng.below(max + 1);
        for k in 0..n {
            if k > 0 && rng.below(5) != 0 {
                s.push(' ');
            }
            s.push_str(rng.pick(PIECES));
        }
        if rng.below(8) == 0 {
            s.push('.');
        }
        s
    }

    /// Panics unless no character past ASCII matches any of the ASCII
    /// `letters` under Unicode case folding (the Kelvin sign does 'k', the
    /// long s 's'): a byte test on those letters then skips no line the
    /// case-insensitive pattern could match.
    pub fn assert_letters_fold_to_ascii_only(letters: &str) {
        let re = regex::Regex::new(&format!("(?i)^[{letters}]$")).expect("a class of letters");
        let mut buf = [0u8; 4];
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(
                !re.is_match(c.encode_utf8(&mut buf)),
                "{c:?} folds to one of {letters}"
            );
        }
    }

    /// The check sees the Kelvin sign fold to 'k'.
    #[test]
    #[should_panic(expected = "folds to one of k")]
    fn kelvin_sign_folds_to_k() {
        assert_letters_fold_to_ascii_only("k");
    }

    /// A text page of up to `max` lines drawn from `pool` (so lines are
    /// said again and again, as a thread's "Reply" is), segmented.
    pub fn page_from(rng: &mut Rng, pool: &[String], max: usize) -> crate::segment::Page {
        let text: Vec<&str> = (0..rng.below(max))
            .map(|_| pool[rng.below(pool.len())].as_str())
            .collect();
        crate::segment::text::segment(&text.join("\n"))
    }

    /// `page_from` a pool of 1 to 30 `line`s of at most `max` pieces
    /// each, up to 60 lines long: the page most line-pass tests draw.
    pub fn pooled_page(rng: &mut Rng, max: usize) -> crate::segment::Page {
        let pool: Vec<String> = (0..1 + rng.below(30)).map(|_| line(rng, max)).collect();
        page_from(rng, &pool, 60)
    }

    /// Checks `words_pattern(pattern)` against `regex::Regex` on lines made
    /// of the pattern's own words, changed in case, cut, joined to letters,
    /// digits, non-ASCII letters and characters that fold to ASCII ones.
    pub(crate) fn assert_words_pattern(pattern: &str) {
        let ours = crate::classify::text_region::words_pattern(pattern);
        let theirs = regex::Regex::new(pattern).expect("pattern compiles");
        let words: Vec<String> = pattern
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let cut: String = w.chars().skip(1).collect();
                [
                    w.to_string(),
                    w.to_uppercase(),
                    w.replace('s', "\u{17f}").replace('k', "\u{212a}"),
                    cut,
                ]
            })
            .collect();
        let glue = [
            " ", " ", " ", "", "-", "é", "\u{17f}", "\u{212a}", "_", "1", ".", "’", "x", "\u{a0}",
            "É", "\n",
        ];
        let mut rng = rng(41);
        let (mut hits, mut misses) = (0, 0);
        for _ in 0..20000 {
            let mut line = String::new();
            for _ in 0..rng.below(6) {
                line.push_str(rng.pick(&glue));
                line.push_str(&words[rng.below(words.len())]);
            }
            if rng.below(2) == 0 {
                line.push_str(rng.pick(&glue));
            }
            let m = theirs.is_match(&line);
            assert_eq!(ours.is_match(line.as_str()), m, "{pattern}: {line:?}");
            if m {
                hits += 1;
            } else {
                misses += 1;
            }
        }
        assert!(hits > 1000 && misses > 1000, "{pattern}: {hits} {misses}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text_flags` gives what `evidence::removed_by_text` and a loop per
    /// mark gave (the code it replaced), on generated hit lists drawn from
    /// the built-in rules, the marked ones often; each flag is met set.
    #[test]
    fn text_flags_are_removed_by_text_and_each_mark() {
        let set = RuleSet::builtin();
        let marked: Vec<usize> = (0..set.rules.len())
            .filter(|&r| {
                let rule = &set.rules[r];
                [
                    rules::Mark::Inline,
                    rules::Mark::Closes,
                    rules::Mark::EndsThread,
                ]
                .iter()
                .any(|&m| rule.has_mark(m))
            })
            .collect();
        assert!(!marked.is_empty());
        let mut rng = testgen::rng(41);
        let mut met = [0usize; 4];
        for _ in 0..300 {
            let n = rng.below(40);
            let hits: Vec<Vec<usize>> = (0..n)
                .map(|_| {
                    (0..rng.below(4))
                        .map(|_| {
                            if rng.below(2) == 0 {
                                marked[rng.below(marked.len())]
                            } else {
                                rng.below(set.rules.len())
                            }
                        })
                        .collect()
                })
                .collect();
            let flags = text_flags(&set, &hits);
            let got = flags.split();
            let junk = evidence::removed_by_text(&set, &hits);
            let mark = |m: rules::Mark| -> Vec<bool> {
                hits.iter()
                    .map(|h| h.iter().any(|&r| set.rules[r].has_mark(m)))
                    .collect()
            };
            let want = [
                junk,
                mark(rules::Mark::Inline),
                mark(rules::Mark::Closes),
                mark(rules::Mark::EndsThread),
            ];
            for (k, (g, w)) in got.iter().zip(&want).enumerate() {
                assert_eq!(*g, w.as_slice(), "flag {k}");
                met[k] += w.iter().filter(|&&x| x).count();
            }
        }
        assert!(met.iter().all(|&m| m > 0), "{met:?}");
    }
}
