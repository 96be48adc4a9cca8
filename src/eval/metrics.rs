//! The two benchmark metrics, per page.
//!
//! Both count true positives, false positives and false negatives between two
//! multisets (shingles or words), then:
//! - precision = tp / (tp + fp), recall = tp / (tp + fn);
//! - when a denominator is 0, the ratio is 1 if fp = fn = 0 (nothing wrong)
//!   and 0 otherwise;
//! - a page whose gold and output both have no token is left out of the
//!   averages ([`Counts::is_empty`]).

use super::gold::GoldDoc;
use super::hash::FxHashMap;
use super::text::{lowercase, tokens};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hash;
use std::str::FromStr;

/// Shingle length of the article-extraction benchmark.
pub const SHINGLE_LEN: usize = 4;
// A shingle's word ids are packed into a u128 (see `shingle_counts`).
const _: () = assert!(SHINGLE_LEN <= 4);

/// Which benchmark metric to score with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Article-extraction benchmark: multisets of 4-token shingles, case kept;
    /// F1 is the harmonic mean of the averaged precision and recall.
    Shingle,
    /// WCXB: lower-cased words compared as bags; F1 is the mean of per-page F1.
    Word,
}

impl Metric {
    /// `"shingle"` or `"word"`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Shingle => "shingle",
            Metric::Word => "word",
        }
    }

    /// One line saying how pages are scored.
    pub fn describe(self) -> &'static str {
        match self {
            Metric::Shingle => {
                "shingle F1 (4-token \\w+ shingles, case kept, as multisets; F1 = harmonic mean of mean P and mean R)"
            }
            Metric::Word => "word F1 (lower-cased \\w+ words as bags; F1 = mean of per-page F1)",
        }
    }

    /// The metric a gold set was made for: `Word` when any page has a kind or
    /// snippets (WCXB), `Shingle` otherwise (article-extraction benchmark).
    pub fn detect(gold: &BTreeMap<String, GoldDoc>) -> Metric {
        let wcxb = gold
            .values()
            .any(|d| d.kind.is_some() || !d.with.is_empty() || !d.without.is_empty());
        if wcxb { Metric::Word } else { Metric::Shingle }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Metric {
    type Err = String;

    /// `shingle` (or `aeb`) and `word` (or `wcxb`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "shingle" | "shingles" | "aeb" => Ok(Metric::Shingle),
            "word" | "words" | "wcxb" => Ok(Metric::Word),
            _ => Err(format!(
                "unknown metric {s:?}: expected \"shingle\" or \"word\""
            )),
        }
    }
}

/// Matched and unmatched units (shingles or words) of one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Units in both gold and output (multiset intersection).
    pub tp: u64,
    /// Units only in the output.
    pub fp: u64,
    /// Units only in the gold.
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Counts {
    /// Neither side had a unit: no gold and no output.
    pub fn is_empty(&self) -> bool {
        self.tp == 0 && self.fp == 0 && self.fn_ == 0
    }

    /// tp / (tp + fp); 0/0 is 1 when fp = fn = 0, else 0.
    pub fn precision(&self) -> f64 {
        self.ratio(self.fp)
    }

    /// tp / (tp + fn); 0/0 is 1 when fp = fn = 0, else 0.
    pub fn recall(&self) -> f64 {
        self.ratio(self.fn_)
    }

    /// Harmonic mean of this page's precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }

    fn ratio(&self, wrong: u64) -> f64 {
        let denominator = self.tp + wrong;
        if denominator == 0 {
            if self.fp == 0 && self.fn_ == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            self.tp as f64 / denominator as f64
        }
    }
}

/// 2ab / (a + b), 0 when both are 0.
pub fn harmonic_mean(a: f64, b: f64) -> f64 {
    if a + b > 0.0 {
        2.0 * a * b / (a + b)
    } else {
        0.0
    }
}

/// Scores one page with `metric`.
pub fn page_counts(metric: Metric, gold: &str, output: &str) -> Counts {
    match metric {
        Metric::Shingle => shingle_counts(gold, output),
        Metric::Word => word_counts(gold, output),
    }
}

/// Article-extraction benchmark: 4-token shingles of `\w+` tokens (case
/// kept) as multisets. A text of 1 to 3 tokens is one shorter shingle.
pub fn shingle_counts(gold: &str, output: &str) -> Counts {
    // Words become ids and a shingle the ids (+1, 0 = no word) packed in a
    // u128: one cheap hash per shingle instead of four string hashes.
    let mut vocab: FxHashMap<&str, u32> = FxHashMap::default();
    let mut ids = |text| -> Vec<u32> {
        tokens(text)
            .into_iter()
            .map(|t| {
                let next = vocab.len() as u32 + 1;
                *vocab.entry(t).or_insert(next)
            })
            .collect()
    };
    let gold_ids = ids(gold);
    let output_ids = ids(output);
    let key = |s: &[u32]| s.iter().fold(0u128, |k, &id| (k << 32) | u128::from(id));
    multiset_counts(
        shingles(&gold_ids, SHINGLE_LEN).map(key),
        shingles(&output_ids, SHINGLE_LEN).map(key),
    )
}

/// WCXB: lower-cased `\w+` words as bags.
pub fn word_counts(gold: &str, output: &str) -> Counts {
    let gold = lowercase(gold);
    let output = lowercase(output);
    bag_counts(&tokens(&gold), &tokens(&output))
}

/// Bag-of-words counts over already tokenised (and lower-cased) words.
pub(crate) fn bag_counts(gold: &[&str], output: &[&str]) -> Counts {
    multiset_counts(gold.iter().copied(), output.iter().copied())
}

/// The `n`-token shingles of `tokens`: the windows of `n` tokens, or one
/// shingle of all tokens when there are fewer than `n` (none when empty).
pub(crate) fn shingles<T>(tokens: &[T], n: usize) -> impl Iterator<Item = &[T]> {
    let short = (!tokens.is_empty() && tokens.len() < n).then_some(tokens);
    tokens.windows(n.max(1)).chain(short)
}

fn multiset_counts<K: Hash + Eq>(
    gold: impl Iterator<Item = K>,
    output: impl Iterator<Item = K>,
) -> Counts {
    // (count in gold, count in output)
    let mut counts: FxHashMap<K, (u64, u64)> = FxHashMap::default();
    for k in gold {
        counts.entry(k).or_default().0 += 1;
    }
    for k in output {
        counts.entry(k).or_default().1 += 1;
    }
    let mut c = Counts::default();
    for (g, o) in counts.into_values() {
        let shared = g.min(o);
        c.tp += shared;
        c.fp += o - shared;
        c.fn_ += g - shared;
    }
    c
}

/// Whether `snippet` occurs in `output`, ignoring case and with runs of
/// whitespace counted as one space. An empty snippet is never found.
pub fn contains_snippet(output: &str, snippet: &str) -> bool {
    use super::text::normalize_for_snippets;
    let snippet = normalize_for_snippets(snippet);
    !snippet.is_empty() && normalize_for_snippets(output).contains(&snippet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(tp: u64, fp: u64, fn_: u64) -> Counts {
        Counts { tp, fp, fn_ }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn identical_texts_score_one() {
        let t = "The quick brown fox jumps over the lazy dog. Twice!";
        for m in [Metric::Shingle, Metric::Word] {
            let k = page_counts(m, t, t);
            assert_eq!(k.fp, 0);
            assert_eq!(k.fn_, 0);
            assert!(k.tp > 0);
            assert_eq!((k.precision(), k.recall(), k.f1()), (1.0, 1.0, 1.0));
        }
    }

    #[test]
    fn shingle_counts_known_example() {
        // gold: a b c d e f -> abcd bcde cdef
        // out:  a b c d x   -> abcd bcdx
        let k = shingle_counts("a b c d e f", "a b c d x");
        assert_eq!(k, c(1, 1, 2));
        assert!(close(k.precision(), 0.5));
        assert!(close(k.recall(), 1.0 / 3.0));
        assert!(close(k.f1(), 0.4));
    }

    #[test]
    fn shingles_keep_case_and_ignore_punctuation() {
        assert_eq!(shingle_counts("A b c d", "a b c d"), c(0, 1, 1));
        assert_eq!(shingle_counts("a, b. c; d!", "a b\nc   d"), c(1, 0, 0));
    }

    #[test]
    fn shingles_are_multisets() {
        // gold: the shingle "x y z w" twice (and others); output once.
        let gold = "x y z w x y z w"; // xyzw yzwx zwxy wxyz xyzw
        let out = "x y z w"; // xyzw
        assert_eq!(shingle_counts(gold, out), c(1, 0, 4));
        // Output repeats a shingle more often than gold has it.
        assert_eq!(shingle_counts(out, gold), c(1, 4, 0));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let toks = ["a", "b"];
        let s: Vec<_> = shingles(&toks, 4).collect();
        assert_eq!(s, vec![&toks[..]]);
        let toks = ["a", "b", "c", "d", "e"];
        assert_eq!(shingles(&toks, 4).count(), 2);
        let toks = ["a", "b", "c", "d"];
        assert_eq!(shingles(&toks, 4).count(), 1);
        assert_eq!(shingles::<&str>(&[], 4).count(), 0);

        assert_eq!(shingle_counts("Hello world", "Hello world"), c(1, 0, 0));
        assert_eq!(shingle_counts("Hello world", "Hello"), c(0, 1, 1));
        assert_eq!(
            shingle_counts("Hello world", "Hello world again and more"),
            c(0, 2, 1)
        );
    }

    #[test]
    fn word_counts_are_case_insensitive_bags() {
        // gold bag: the x2, cat, sat; output: the x3, cat, dog
        let k = word_counts("The cat sat. the", "the THE cat the dog");
        assert_eq!(k, c(3, 2, 1));
        assert!(close(k.precision(), 3.0 / 5.0));
        assert!(close(k.recall(), 3.0 / 4.0));
        assert!(close(k.f1(), 2.0 * 0.6 * 0.75 / 1.35));
        // Word order does not matter.
        assert_eq!(word_counts("a b c", "c b a"), c(3, 0, 0));
        // Non-ASCII case folding.
        assert_eq!(
            word_counts("ÉCOLE Straße", "école STRASSE straße"),
            c(2, 1, 0)
        );
    }

    #[test]
    fn empty_sides() {
        for m in [Metric::Shingle, Metric::Word] {
            // No output, gold present: precision and recall 0.
            let k = page_counts(m, "some gold text here now", "");
            assert_eq!(k.tp, 0);
            assert_eq!(k.fp, 0);
            assert!(k.fn_ > 0);
            assert_eq!((k.precision(), k.recall(), k.f1()), (0.0, 0.0, 0.0));
            // Output present, no gold: both 0.
            let k = page_counts(m, "", "some output");
            assert!(k.fp > 0);
            assert_eq!((k.precision(), k.recall()), (0.0, 0.0));
            // Neither: empty, left out by the caller.
            let k = page_counts(m, "  ", "-- !");
            assert!(k.is_empty());
            assert_eq!((k.precision(), k.recall()), (1.0, 1.0));
        }
    }

    #[test]
    fn zero_over_zero_rules() {
        assert_eq!(c(0, 0, 5).precision(), 0.0);
        assert_eq!(c(0, 5, 0).recall(), 0.0);
        assert_eq!(c(0, 0, 0).precision(), 1.0);
        assert_eq!(c(2, 0, 0).precision(), 1.0);
        assert_eq!(harmonic_mean(0.0, 0.0), 0.0);
        assert!(close(harmonic_mean(1.0, 0.5), 2.0 / 3.0));
    }

    #[test]
    fn snippets_ignore_case_and_whitespace() {
        let out = "Intro line\nThe  Quick\n\tBROWN fox jumps.";
        assert!(contains_snippet(out, "the quick brown"));
        assert!(contains_snippet(out, "  quick   brown FOX "));
        assert!(contains_snippet(out, "line the quick"));
        assert!(!contains_snippet(out, "quick red fox"));
        assert!(!contains_snippet(out, "   "));
        assert!(!contains_snippet("", "x"));
    }

    #[test]
    fn metric_parses_and_detects() {
        assert_eq!("Word".parse::<Metric>(), Ok(Metric::Word));
        assert_eq!("aeb".parse::<Metric>(), Ok(Metric::Shingle));
        assert!("f1".parse::<Metric>().is_err());
        assert_eq!(Metric::Word.to_string(), "word");

        let mut gold = BTreeMap::new();
        gold.insert(
            "a".to_string(),
            GoldDoc {
                id: "a".into(),
                url: None,
                text: "x".into(),
                kind: None,
                with: vec![],
                without: vec![],
            },
        );
        assert_eq!(Metric::detect(&gold), Metric::Shingle);
        gold.get_mut("a").unwrap().kind = Some("article".into());
        assert_eq!(Metric::detect(&gold), Metric::Word);
    }
}
