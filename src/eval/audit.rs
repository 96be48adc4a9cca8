//! Error analysis: was a removed block really boilerplate, was a kept line
//! really content?
//!
//! Text is compared with the gold case-insensitively by *bigram coverage*: a
//! token of a block counts as "in the gold" when it and a neighbour form a
//! word pair that also occurs in the gold text. Single-word presence is
//! too lenient (menus and related-article titles share most of their words
//! with any article on the same topic); pairs keep the check strict while
//! forgiving a different split into blocks.
//!
//! - removed block of >= [`MIN_TOKENS`] words: *wrong* when at least
//!   [`WRONG_REMOVED_MIN`] of its words are in the gold, *right* when fewer
//!   than [`RIGHT_REMOVED_MAX`] are, *mixed* in between;
//! - shorter removed block: *wrong* when its words are exactly those of a whole
//!   gold line (a heading, a short list item), else *short* (not judged);
//! - kept output line of >= [`MIN_TOKENS`] words: *wrongly kept* when fewer
//!   than [`KEPT_MAX`] of its words are in the gold.

use super::hash::{FxHashMap, FxHashSet};
use super::metrics::Counts;
use super::text::{Tokenized, lowercase, tokens};
use serde::Serialize;

/// Blocks and lines with fewer words are too short to judge by coverage.
pub const MIN_TOKENS: usize = 4;
/// A removed block at least this covered by the gold was wrongly removed.
pub const WRONG_REMOVED_MIN: f64 = 0.6;
/// A removed block less covered than this was rightly removed.
pub const RIGHT_REMOVED_MAX: f64 = 0.4;
/// A kept line less covered than this was wrongly kept.
pub const KEPT_MAX: f64 = 0.4;

/// How a removed block is judged against the gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Mostly gold text: should have been kept.
    Wrong,
    /// Mostly absent from the gold: rightly removed.
    Right,
    /// Partly in the gold.
    Mixed,
    /// Too short to judge (and not a whole gold line).
    Short,
}

/// The lower-cased gold text of one page, indexed for word counts and
/// coverage checks. Words are given small ids; `None` is a word the gold
/// does not have.
pub(crate) struct GoldIndex<'a> {
    /// Gold word -> id.
    vocab: FxHashMap<&'a str, u32>,
    /// Occurrences of each id in the gold.
    counts: Vec<u32>,
    /// Gold words in all.
    total: u64,
    /// Adjacent gold word pairs, ids packed in a u64.
    bigrams: FxHashSet<u64>,
    /// Ids of the gold lines with fewer than MIN_TOKENS words.
    short_lines: FxHashSet<Vec<u32>>,
}

impl<'a> GoldIndex<'a> {
    /// `gold` must be the tokens of the lower-cased gold text.
    pub(crate) fn new(gold: &Tokenized<'a>) -> Self {
        let mut vocab: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut counts: Vec<u32> = Vec::new();
        let mut bigrams = FxHashSet::default();
        let mut short_lines = FxHashSet::default();
        let mut prev: Option<u32> = None;
        for line in &gold.lines {
            let words = &gold.tokens[line.clone()];
            let mut ids = Vec::with_capacity(words.len());
            for &w in words {
                let next = counts.len() as u32;
                let id = *vocab.entry(w).or_insert(next);
                if id == next {
                    counts.push(0);
                }
                counts[id as usize] += 1;
                if let Some(p) = prev {
                    bigrams.insert(pack(p, id));
                }
                prev = Some(id);
                ids.push(id);
            }
            if !ids.is_empty() && ids.len() < MIN_TOKENS {
                short_lines.insert(ids);
            }
        }
        GoldIndex {
            vocab,
            counts,
            total: gold.tokens.len() as u64,
            bigrams,
            short_lines,
        }
    }

    /// The gold ids of lower-cased `words`.
    pub(crate) fn ids(&self, words: &[&str]) -> Vec<Option<u32>> {
        words.iter().map(|w| self.vocab.get(w).copied()).collect()
    }

    /// Bag-of-words counts of an output (its word ids) against the gold.
    pub(crate) fn bag_counts(&self, output: &[Option<u32>]) -> Counts {
        let mut left = self.counts.clone();
        let mut c = Counts::default();
        for id in output {
            match id {
                Some(i) if left[*i as usize] > 0 => {
                    left[*i as usize] -= 1;
                    c.tp += 1;
                }
                _ => c.fp += 1,
            }
        }
        c.fn_ = self.total - c.tp;
        c
    }

    /// Share of the words (by id) that pair with a neighbour into a gold
    /// bigram. 0 for no words.
    pub(crate) fn coverage(&self, ids: &[Option<u32>]) -> f64 {
        let n = ids.len();
        if n == 0 {
            return 0.0;
        }
        let pair_in_gold = |i: usize| match (ids[i], ids[i + 1]) {
            (Some(a), Some(b)) => self.bigrams.contains(&pack(a, b)),
            _ => false,
        };
        let mut covered = 0;
        let mut left = false; // the pair (i-1, i) is in the gold
        for i in 0..n {
            let right = i + 1 < n && pair_in_gold(i);
            if left || right {
                covered += 1;
            }
            left = right;
        }
        covered as f64 / n as f64
    }

    /// Judges a removed block. Returns the verdict and the block's word count.
    pub(crate) fn judge_removed(&self, text: &str) -> (Verdict, usize) {
        let lower = lowercase(text);
        let ids = self.ids(&tokens(&lower));
        if ids.len() < MIN_TOKENS {
            let whole_line = !ids.is_empty()
                && ids
                    .iter()
                    .copied()
                    .collect::<Option<Vec<u32>>>()
                    .is_some_and(|ids| self.short_lines.contains(&ids));
            let verdict = if whole_line {
                Verdict::Wrong
            } else {
                Verdict::Short
            };
            return (verdict, ids.len());
        }
        let cov = self.coverage(&ids);
        let verdict = if cov >= WRONG_REMOVED_MIN {
            Verdict::Wrong
        } else if cov < RIGHT_REMOVED_MAX {
            Verdict::Right
        } else {
            Verdict::Mixed
        };
        (verdict, ids.len())
    }

    /// Whether a kept output line (its word ids) is mostly not gold text.
    pub(crate) fn wrongly_kept(&self, line: &[Option<u32>]) -> bool {
        line.len() >= MIN_TOKENS && self.coverage(line) < KEPT_MAX
    }
}

fn pack(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::metrics::bag_counts;

    /// Checks `f` against the index of `gold` (lower-cased here).
    fn with_index(gold: &str, f: impl FnOnce(&GoldIndex<'_>)) {
        let lower = gold.to_lowercase();
        let tok = Tokenized::new(&lower);
        f(&GoldIndex::new(&tok));
    }

    fn kept(idx: &GoldIndex<'_>, line: &str) -> bool {
        let lower = line.to_lowercase();
        idx.wrongly_kept(&idx.ids(&tokens(&lower)))
    }

    fn cov(idx: &GoldIndex<'_>, words: &[&str]) -> f64 {
        idx.coverage(&idx.ids(words))
    }

    const GOLD: &str = "the council approved the new budget on tuesday after a long debate\n\
                        Results\n\
                        schools will get more money next year";

    #[test]
    fn coverage_counts_words_in_gold_bigrams() {
        with_index(GOLD, |idx| {
            assert_eq!(cov(idx, &["the", "council", "approved"]), 1.0);
            // "budget tuesday" is not a gold pair; "new budget" is.
            assert!((cov(idx, &["new", "budget", "tuesday", "zzz"]) - 0.5).abs() < 1e-9);
            // All words in the gold vocabulary but no gold pair.
            assert_eq!(cov(idx, &["budget", "the", "money", "council"]), 0.0);
            assert_eq!(cov(idx, &[]), 0.0);
            // Pairs across gold lines count (block splits may differ).
            assert_eq!(cov(idx, &["debate", "results"]), 1.0);
        });
    }

    #[test]
    fn removed_blocks_are_judged() {
        with_index(GOLD, |idx| {
            assert_eq!(
                idx.judge_removed("The Council approved the new BUDGET."),
                (Verdict::Wrong, 6)
            );
            assert_eq!(
                idx.judge_removed("Subscribe to our newsletter for the latest"),
                (Verdict::Right, 7)
            );
            // 2 of 4 words covered: mixed.
            assert_eq!(idx.judge_removed("new budget sign up"), (Verdict::Mixed, 4));
            // A short block that is a whole gold line (a heading) is wrong.
            assert_eq!(idx.judge_removed("RESULTS"), (Verdict::Wrong, 1));
            // Other short blocks are not judged, even with gold words.
            assert_eq!(idx.judge_removed("Home"), (Verdict::Short, 1));
            assert_eq!(idx.judge_removed("the council"), (Verdict::Short, 2));
            assert_eq!(idx.judge_removed(" | "), (Verdict::Short, 0));
        });
    }

    #[test]
    fn kept_lines_are_judged() {
        with_index(GOLD, |idx| {
            assert!(!kept(idx, "Schools will get more money next year."));
            assert!(kept(idx, "Share this on Facebook and Twitter"));
            // Too short to judge.
            assert!(!kept(idx, "Share this"));
        });
    }

    #[test]
    fn empty_gold_covers_nothing() {
        with_index("", |idx| {
            assert_eq!(idx.judge_removed("one two three four").0, Verdict::Right);
            assert!(kept(idx, "one two three four"));
            assert_eq!(
                idx.bag_counts(&idx.ids(&["a", "b"])),
                Counts {
                    tp: 0,
                    fp: 2,
                    fn_: 0
                }
            );
        });
    }

    #[test]
    fn bag_counts_by_id_match_the_hash_counts() {
        for (gold, out) in [
            ("the cat sat on the mat the end", "the the the the dog sat"),
            ("a b c", "c b a a"),
            ("", "x y"),
            ("x y", ""),
            ("one\ntwo two\nthree", "two three four two two"),
        ] {
            with_index(gold, |idx| {
                let lower = out.to_lowercase();
                let out_words = tokens(&lower);
                let gold_lower = gold.to_lowercase();
                let expected = bag_counts(&tokens(&gold_lower), &out_words);
                assert_eq!(
                    idx.bag_counts(&idx.ids(&out_words)),
                    expected,
                    "{gold:?} / {out:?}"
                );
            });
        }
    }
}
