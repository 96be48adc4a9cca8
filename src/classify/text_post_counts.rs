//! Text input: a counter's value under its label. A forum post's header
//! prints its counters as a label line and a value line ("Messages",
//! "1,204", "Reaction score", "88"); rules remove the labels, but the bare
//! numbers say nothing a rule knows and stay, on pages not read as a
//! thread too (`text_items::drop_counts` needs a thread).

use super::Decision;
use super::category::Category;
use super::text_items::is_count;
use crate::segment::{Block, Page};

/// The rule id of a counter's value removed here.
const VALUE_RULE: &str = "heuristic.label-value";

/// Words at most in a counter's label.
const LABEL_WORDS: u32 = 3;

/// Removes a kept count line right under a short label line that a rule
/// removed as low content (post stats, a member's counters): the label's
/// value, and the counts right under that value (more counters). Labels
/// that buttons or menus carry ("Learn more") are not counters: a figure
/// after them starts the next item. A count one apart
/// from the count before or after it on the page is a step or a code
/// sample's line number and stays.
pub fn drop_label_values(page: &Page, out: &mut [Decision]) {
    if page.is_html {
        return;
    }
    let n = page.blocks.len().min(out.len());
    let count_at = |i: usize| is_count_line(&page.blocks[i]);
    let counts = counts_in(&page.blocks[..n]);
    for (k, &(j, v)) in counts.iter().enumerate() {
        let one_apart = |o: Option<&(usize, Option<u64>)>| {
            o.and_then(|&(_, w)| w)
                .zip(v)
                .is_some_and(|(w, v)| w.abs_diff(v) == 1)
        };
        let stepped =
            one_apart(k.checked_sub(1).and_then(|p| counts.get(p))) || one_apart(counts.get(k + 1));
        if j == 0 || stepped || !out[j].is_kept() {
            continue;
        }
        let (label, b) = (&out[j - 1], &page.blocks[j - 1]);
        let labelled = label.removed == Some(Category::LowContent)
            // Lines out of the region or repeated go by heuristics, not
            // as a counter's label.
            && !label.rule.starts_with("heuristic.")
            && b.features.words <= LABEL_WORDS
            && !b.features.ends_sentence;
        // A post header prints a member's counters one under another
        // ("275", "25", "710") with the labels as icons: the numbers after
        // a counter's value are counters too.
        let after_value = label.rule == VALUE_RULE && count_at(j - 1);
        if labelled || after_value {
            out[j] = Decision {
                removed: Some(Category::LowContent),
                rule: std::borrow::Cow::Borrowed(VALUE_RULE),
                score: 1.0,
                in_main: out[j].in_main,
            };
        }
    }
}

/// A line that is a count alone (two words at most).
fn is_count_line(b: &Block) -> bool {
    b.features.words <= 2 && may_be_count(&b.text) && is_count(&b.text)
}

/// The count lines of `blocks`, with their values where they are plain
/// numbers. A plain loop: a filter closure called per line cost more
/// than the counts found.
fn counts_in(blocks: &[Block]) -> Vec<(usize, Option<u64>)> {
    let mut counts = Vec::new();
    for (j, b) in blocks.iter().enumerate() {
        if is_count_line(b) {
            counts.push((j, b.text.trim().parse::<u64>().ok()));
        }
    }
    counts
}

/// False only where `is_count` is: a count starts with a digit after its
/// space, and most lines start with a letter. A byte of other than ASCII
/// first (a space of Unicode's) leaves it to `is_count`.
pub(crate) fn may_be_count(text: &str) -> bool {
    text.bytes()
        .find(|c| !super::text_signed::is_ascii_space(*c))
        .is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_be_count_is_false_only_where_is_count_is() {
        let lines = [
            "",
            " ",
            "12",
            " 1,204 ",
            "88k",
            "k",
            "\u{b}5",
            "\u{a0}5",
            "\u{2003}7",
            "x5",
            "5 stars",
            "\u{1c}5",
            "٣",
            "\u{feff}5",
            "1.5M",
            "-3",
            "\t\r\n9",
        ];
        for l in lines {
            assert!(may_be_count(l) || !is_count(l), "{l:?}");
            assert_eq!(may_be_count(l) && is_count(l), is_count(l), "{l:?}");
        }
    }

    /// The loop finds the counts the filter did: generated pages of counts
    /// and labels, some labels removed by a rule, with `out` as long as the
    /// page or shorter; values are dropped on some.
    #[test]
    fn counts_found_in_a_loop_as_by_the_filter() {
        let mut rng = crate::classify::testgen::rng(71);
        let pool = [
            "12",
            "13",
            "1,204",
            " 88 ",
            "Messages",
            "Reaction score",
            "5 stars",
            "x",
        ];
        let (mut found, mut dropped) = (0, 0);
        for _ in 0..2000 {
            let text: Vec<&str> = (0..rng.below(30)).map(|_| rng.pick(&pool)).collect();
            let page = crate::segment::text::segment(&text.join("\n"));
            let n = page.blocks.len();
            let out: Vec<Decision> = (0..n.saturating_sub(rng.below(2)))
                .map(|_| Decision {
                    removed: (rng.below(2) == 0).then_some(Category::LowContent),
                    rule: std::borrow::Cow::Borrowed(if rng.below(4) == 0 {
                        "heuristic.x"
                    } else {
                        "r"
                    }),
                    score: 0.0,
                    in_main: true,
                })
                .collect();
            // As the filter over the lines found them.
            let blocks = &page.blocks[..out.len().min(n)];
            let want: Vec<(usize, Option<u64>)> = (0..blocks.len())
                .filter(|&j| is_count_line(&blocks[j]))
                .map(|j| (j, blocks[j].text.trim().parse::<u64>().ok()))
                .collect();
            assert_eq!(counts_in(blocks), want, "{text:?}");
            found += want.len();
            let mut a = out.clone();
            drop_label_values(&page, &mut a);
            dropped += a.iter().zip(&out).filter(|(x, y)| x != y).count();
        }
        assert!(found > 5000 && dropped > 500, "{found} {dropped}");
    }
}
