//! Scoring a set of predictions against the gold: per page, then summed up.

use super::audit::{GoldIndex, Verdict};
use super::gold::GoldDoc;
use super::metrics::{Counts, Metric, harmonic_mean, shingle_counts};
use super::prediction::{Prediction, RemovedBlock};
use super::report::{EvalReport, PageScore, RemovedNote, RuleTotals, SnippetRates, Summary};
use super::text::{
    Tokenized, char_len, collapse_whitespace, excerpt, lowercase, normalize_for_snippets,
};
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// Longest excerpt kept for a block, line or snippet.
pub const EXCERPT_CHARS: usize = 100;
/// Excerpts of wrongly kept lines kept per page.
pub const KEPT_EXCERPTS: usize = 8;

/// Scores `predictions` against `gold`.
///
/// Gold pages without a prediction are scored as empty output (and counted
/// in `missing`); predictions whose id is not in the gold are ignored (and
/// counted); of several predictions with one id the first is used.
pub fn evaluate(
    gold: &BTreeMap<String, GoldDoc>,
    predictions: &[Prediction],
    metric: Metric,
) -> EvalReport {
    let mut by_id: HashMap<&str, &Prediction> = HashMap::with_capacity(predictions.len());
    let mut duplicate_predictions = 0;
    for p in predictions {
        match by_id.entry(p.id.as_str()) {
            Entry::Occupied(_) => duplicate_predictions += 1,
            Entry::Vacant(v) => {
                v.insert(p);
            }
        }
    }
    let unknown_predictions = by_id.keys().filter(|id| !gold.contains_key(**id)).count();

    let scored: Vec<(PageScore, Vec<Judged<'_>>)> = gold
        .par_iter()
        .map(|(id, doc)| score_page(id, doc, by_id.get(id.as_str()).copied(), metric))
        .collect();

    let mut totals: HashMap<(&str, &str), RuleTotals> = HashMap::new();
    let mut audited_pages = 0;
    let mut pages = Vec::with_capacity(scored.len());
    for (page, judged) in scored {
        if page.gold_words > 0 {
            audited_pages += 1;
        }
        for j in judged {
            totals
                .entry((j.block.category.as_str(), j.block.rule.as_str()))
                .or_insert_with(|| RuleTotals::new(&j.block.category, &j.block.rule))
                .add(j.verdict, j.chars);
        }
        pages.push(page);
    }
    let mut removal: Vec<RuleTotals> = totals.into_values().collect();
    removal.sort_by(|a, b| {
        b.wrong_chars
            .cmp(&a.wrong_chars)
            .then(b.chars.cmp(&a.chars))
            .then_with(|| (&a.category, &a.rule).cmp(&(&b.category, &b.rule)))
    });

    let overall = summarize(metric, pages.iter());
    let mut kinds: BTreeMap<&str, Vec<&PageScore>> = BTreeMap::new();
    for p in &pages {
        if let Some(kind) = &p.kind {
            kinds.entry(kind.as_str()).or_default().push(p);
        }
    }
    let by_kind = kinds
        .into_iter()
        .map(|(kind, ps)| (kind.to_string(), summarize(metric, ps.into_iter())))
        .collect();

    EvalReport {
        metric,
        gold_pages: gold.len(),
        predictions: predictions.len(),
        unknown_predictions,
        duplicate_predictions,
        overall,
        by_kind,
        audited_pages,
        removal,
        pages,
    }
}

/// A removed block with its verdict.
struct Judged<'p> {
    block: &'p RemovedBlock,
    verdict: Verdict,
    chars: usize,
}

fn score_page<'p>(
    id: &str,
    doc: &GoldDoc,
    prediction: Option<&'p Prediction>,
    metric: Metric,
) -> (PageScore, Vec<Judged<'p>>) {
    let output = prediction.map_or("", |p| p.text.as_str());
    let lower_gold = lowercase(&doc.text);
    let lower_output = lowercase(output);
    let gold_words = Tokenized::new(&lower_gold);
    let output_words = Tokenized::new(&lower_output);
    let index = GoldIndex::new(&gold_words);
    let output_ids = index.ids(&output_words.tokens);
    let counts: Counts = match metric {
        Metric::Word => index.bag_counts(&output_ids),
        Metric::Shingle => shingle_counts(&doc.text, output),
    };

    let mut page = PageScore {
        id: id.to_string(),
        url: doc.url.clone(),
        kind: doc.kind.clone(),
        missing: prediction.is_none(),
        left_out: counts.is_empty(),
        precision: counts.precision(),
        recall: counts.recall(),
        f1: counts.f1(),
        counts,
        gold_words: gold_words.tokens.len(),
        output_words: output_words.tokens.len(),
        ..PageScore::default()
    };

    if !doc.with.is_empty() || !doc.without.is_empty() {
        let normalized = collapse_whitespace(&lower_output);
        for s in &doc.with {
            let n = normalize_for_snippets(s);
            if n.is_empty() {
                continue;
            }
            page.with_total += 1;
            if normalized.contains(&n) {
                page.with_found += 1;
            } else {
                page.missed_with.push(excerpt(s, EXCERPT_CHARS));
            }
        }
        for s in &doc.without {
            let n = normalize_for_snippets(s);
            if n.is_empty() {
                continue;
            }
            page.without_total += 1;
            if normalized.contains(&n) {
                page.without_found += 1;
                page.found_without.push(excerpt(s, EXCERPT_CHARS));
            }
        }
    }

    // Judging removed and kept text needs gold text to judge against.
    let mut judged = Vec::new();
    if !gold_words.tokens.is_empty() {
        if let Some(p) = prediction {
            for block in &p.removed {
                let (verdict, _) = index.judge_removed(&block.text);
                let chars = char_len(&block.text);
                if verdict == Verdict::Wrong {
                    page.wrongly_removed_blocks += 1;
                    page.wrongly_removed_chars += chars;
                    page.wrongly_removed.push(RemovedNote {
                        category: block.category.clone(),
                        rule: block.rule.clone(),
                        chars,
                        excerpt: excerpt(&block.text, EXCERPT_CHARS),
                    });
                }
                judged.push(Judged {
                    block,
                    verdict,
                    chars,
                });
            }
        }
        // Lower-casing keeps every line break, so the lines pair up.
        for (line, range) in output.lines().zip(&output_words.lines) {
            if index.wrongly_kept(&output_ids[range.clone()]) {
                page.wrongly_kept_lines += 1;
                page.wrongly_kept_chars += char_len(line);
                if page.wrongly_kept.len() < KEPT_EXCERPTS {
                    page.wrongly_kept.push(excerpt(line, EXCERPT_CHARS));
                }
            }
        }
    }
    (page, judged)
}

/// Averages over the pages that are not left out; snippets over all pages.
fn summarize<'a>(metric: Metric, pages: impl Iterator<Item = &'a PageScore>) -> Summary {
    let mut s = Summary::default();
    let (mut p_sum, mut r_sum, mut f_sum) = (0.0, 0.0, 0.0);
    let mut snippets = SnippetRates::default();
    for page in pages {
        if page.missing {
            s.missing += 1;
        }
        snippets.with_found += page.with_found;
        snippets.with_total += page.with_total;
        snippets.without_found += page.without_found;
        snippets.without_total += page.without_total;
        if page.left_out {
            s.left_out += 1;
            continue;
        }
        s.pages += 1;
        p_sum += page.precision;
        r_sum += page.recall;
        f_sum += page.f1;
    }
    if s.pages > 0 {
        let n = s.pages as f64;
        s.precision = p_sum / n;
        s.recall = r_sum / n;
        s.f1_mean = f_sum / n;
    }
    s.f1_harmonic = harmonic_mean(s.precision, s.recall);
    s.f1 = match metric {
        Metric::Shingle => s.f1_harmonic,
        Metric::Word => s.f1_mean,
    };
    if snippets.with_total + snippets.without_total > 0 {
        snippets.fill_rates();
        s.snippets = Some(snippets);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> GoldDoc {
        GoldDoc {
            id: id.into(),
            url: Some(format!("https://example.test/{id}")),
            text: text.into(),
            kind: None,
            with: vec![],
            without: vec![],
        }
    }

    fn pred(id: &str, text: &str) -> Prediction {
        Prediction {
            id: id.into(),
            text: text.into(),
            removed: vec![],
            kept: vec![],
        }
    }

    fn removed(category: &str, rule: &str, text: &str) -> RemovedBlock {
        RemovedBlock {
            category: category.into(),
            rule: rule.into(),
            text: text.into(),
        }
    }

    fn gold_of(docs: Vec<GoldDoc>) -> BTreeMap<String, GoldDoc> {
        docs.into_iter().map(|d| (d.id.clone(), d)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_predictions_score_one() {
        let gold = gold_of(vec![
            doc("a", "One two three four five six."),
            doc("b", "Seven eight nine ten eleven."),
        ]);
        let preds = vec![
            pred("a", "One two three four five six."),
            pred("b", "Seven eight nine ten eleven."),
        ];
        for m in [Metric::Shingle, Metric::Word] {
            let r = evaluate(&gold, &preds, m);
            assert_eq!(r.overall.pages, 2);
            assert_eq!(r.f1(), 1.0);
            assert_eq!(r.overall.precision, 1.0);
            assert_eq!(r.overall.recall, 1.0);
            assert_eq!(r.overall.missing, 0);
        }
    }

    #[test]
    fn shingle_f1_is_harmonic_mean_of_averages() {
        // Page a: tp 1 fp 1 fn 2 -> P 0.5, R 1/3. Page b: perfect -> 1, 1.
        let gold = gold_of(vec![doc("a", "a b c d e f"), doc("b", "w x y z")]);
        let preds = vec![pred("a", "a b c d x"), pred("b", "w x y z")];
        let r = evaluate(&gold, &preds, Metric::Shingle);
        let (p, rc) = (0.75, (1.0 / 3.0 + 1.0) / 2.0);
        assert!(close(r.overall.precision, p));
        assert!(close(r.overall.recall, rc));
        assert!(close(r.f1(), 2.0 * p * rc / (p + rc)));
        assert!(close(r.overall.f1_mean, (0.4 + 1.0) / 2.0));
        let a = &r.pages[0];
        assert_eq!((a.counts.tp, a.counts.fp, a.counts.fn_), (1, 1, 2));
    }

    #[test]
    fn word_f1_is_mean_of_page_f1() {
        // Page a: P 1, R 0.5 -> F1 2/3. Page b: P 0.5, R 1 -> F1 2/3.
        let gold = gold_of(vec![doc("a", "one two three four"), doc("b", "five six")]);
        let preds = vec![pred("a", "ONE two"), pred("b", "five six seven eight")];
        let r = evaluate(&gold, &preds, Metric::Word);
        assert!(close(r.overall.precision, 0.75));
        assert!(close(r.overall.recall, 0.75));
        assert!(close(r.f1(), 2.0 / 3.0));
        assert!(close(r.overall.f1_harmonic, 0.75));
    }

    #[test]
    fn missing_unknown_duplicate_and_left_out_pages() {
        let gold = gold_of(vec![
            doc("a", "alpha beta gamma delta"),
            doc("b", "gold text for page b"),
            doc("empty", "  "),
        ]);
        let preds = vec![
            pred("a", "alpha beta gamma delta"),
            pred("a", "something else entirely"),
            pred("zzz", "not in gold"),
        ];
        let r = evaluate(&gold, &preds, Metric::Word);
        assert_eq!(r.gold_pages, 3);
        assert_eq!(r.predictions, 3);
        assert_eq!(r.duplicate_predictions, 1);
        assert_eq!(r.unknown_predictions, 1);
        // b is missing (scored empty -> 0); "empty" has no gold and no output.
        assert_eq!(r.overall.missing, 2);
        assert_eq!(r.overall.left_out, 1);
        assert_eq!(r.overall.pages, 2);
        assert!(close(r.f1(), 0.5));
        let b = r.pages.iter().find(|p| p.id == "b").unwrap();
        assert!(b.missing && !b.left_out);
        assert_eq!((b.precision, b.recall, b.f1), (0.0, 0.0, 0.0));
        let e = r.pages.iter().find(|p| p.id == "empty").unwrap();
        assert!(e.left_out);
    }

    #[test]
    fn output_on_a_page_without_gold_scores_zero() {
        let gold = gold_of(vec![doc("a", ""), doc("b", "x y z w")]);
        let preds = vec![pred("a", "boilerplate text"), pred("b", "x y z w")];
        let r = evaluate(&gold, &preds, Metric::Shingle);
        assert_eq!(r.overall.pages, 2);
        assert!(close(r.overall.precision, 0.5));
        assert!(close(r.overall.recall, 0.5));
    }

    #[test]
    fn snippet_rates_pool_over_pages_and_kinds() {
        let mut a = doc("a", "Main story text");
        a.kind = Some("article".into());
        a.with = vec!["main STORY".into(), "not there".into()];
        a.without = vec!["Sign in".into()];
        let mut b = doc("b", "Product details");
        b.kind = Some("product".into());
        b.with = vec!["product   details".into(), " ".into()];
        b.without = vec!["cart".into(), "Menu".into()];
        let gold = gold_of(vec![a, b]);
        let preds = vec![
            pred("a", "Sign  In\nMain story text"),
            pred("b", "Product\ndetails"),
        ];
        let r = evaluate(&gold, &preds, Metric::Word);
        let s = r.overall.snippets.as_ref().unwrap();
        assert_eq!((s.with_found, s.with_total), (2, 3));
        assert_eq!((s.without_found, s.without_total), (1, 3));
        assert!(close(s.with_rate.unwrap(), 2.0 / 3.0));
        assert!(close(s.without_rate.unwrap(), 1.0 / 3.0));
        assert!(close(s.accuracy.unwrap(), 4.0 / 6.0));

        let art = &r.by_kind["article"];
        assert_eq!(art.pages, 1);
        let sa = art.snippets.as_ref().unwrap();
        assert_eq!((sa.with_found, sa.with_total, sa.without_found), (1, 2, 1));
        let prod = r.by_kind["product"].snippets.as_ref().unwrap();
        assert_eq!(
            (prod.with_found, prod.with_total, prod.without_found),
            (1, 1, 0)
        );

        let pa = &r.pages[0];
        assert_eq!(pa.missed_with, vec!["not there"]);
        assert_eq!(pa.found_without, vec!["Sign in"]);
    }

    #[test]
    fn no_snippets_no_kinds_means_none() {
        let gold = gold_of(vec![doc("a", "x y z w")]);
        let r = evaluate(&gold, &[pred("a", "x y z w")], Metric::Shingle);
        assert!(r.overall.snippets.is_none());
        assert!(r.by_kind.is_empty());
    }

    #[test]
    fn removal_audit_totals_and_page_notes() {
        let gold = gold_of(vec![
            doc(
                "a",
                "The mayor opened the new bridge on Monday morning.\nTraffic\nDrivers welcomed the shorter trip across the river.",
            ),
            doc("b", "A quiet story about gardens and the spring weather."),
        ]);
        let mut pa = pred(
            "a",
            "The mayor opened the new bridge on Monday morning.\nSubscribe to our daily newsletter today",
        );
        pa.removed = vec![
            removed("navigation", "nav-list", "Home News Sport Weather Contact"),
            removed(
                "related",
                "related-list",
                "Drivers welcomed the shorter trip across the river.",
            ),
            removed("heading", "short-heading", "Traffic"),
            removed("navigation", "nav-list", "Menu"),
        ];
        let mut pb = pred("b", "A quiet story about gardens and the spring weather.");
        pb.removed = vec![removed(
            "footer",
            "copyright",
            "Copyright 2024 Example Media Ltd all rights reserved",
        )];
        let r = evaluate(&gold, &[pa, pb], Metric::Word);
        assert_eq!(r.audited_pages, 2);

        let find = |c: &str, rule: &str| {
            r.removal
                .iter()
                .find(|t| t.category == c && t.rule == rule)
                .unwrap()
                .clone()
        };
        let nav = find("navigation", "nav-list");
        assert_eq!(
            (
                nav.blocks,
                nav.right_blocks,
                nav.short_blocks,
                nav.wrong_blocks
            ),
            (2, 1, 1, 0)
        );
        assert_eq!(nav.chars, "Home News Sport Weather Contact".len() + 4);
        assert_eq!(nav.right_chars, "Home News Sport Weather Contact".len());
        let rel = find("related", "related-list");
        assert_eq!((rel.blocks, rel.wrong_blocks), (1, 1));
        assert_eq!(rel.wrong_chars, rel.chars);
        assert!(close(rel.wrong_share(), 1.0));
        let head = find("heading", "short-heading");
        assert_eq!(head.wrong_blocks, 1);
        assert_eq!(find("footer", "copyright").right_blocks, 1);
        // Sorted by wrongly removed characters first.
        assert_eq!(r.removal[0].rule, "related-list");

        let a = &r.pages[0];
        assert_eq!(a.wrongly_removed_blocks, 2);
        assert_eq!(a.wrongly_removed.len(), 2);
        assert_eq!(a.wrongly_removed[0].rule, "related-list");
        assert_eq!(a.wrongly_kept_lines, 1);
        assert_eq!(
            a.wrongly_kept,
            vec!["Subscribe to our daily newsletter today"]
        );
        let b = &r.pages[1];
        assert_eq!((b.wrongly_removed_blocks, b.wrongly_kept_lines), (0, 0));
    }

    #[test]
    fn pages_without_gold_are_not_audited() {
        let gold = gold_of(vec![doc("a", "")]);
        let mut p = pred("a", "Some output line with words");
        p.removed = vec![removed("navigation", "nav", "Home News Sport Weather")];
        let r = evaluate(&gold, &[p], Metric::Word);
        assert_eq!(r.audited_pages, 0);
        assert!(r.removal.is_empty());
        assert_eq!(r.pages[0].wrongly_kept_lines, 0);
    }

    #[test]
    fn kept_line_excerpts_are_capped() {
        let gold = gold_of(vec![doc("a", "real content words appear here")]);
        let junk: Vec<String> = (0..20)
            .map(|i| format!("junk line number {i} here"))
            .collect();
        let r = evaluate(&gold, &[pred("a", &junk.join("\n"))], Metric::Word);
        assert_eq!(r.pages[0].wrongly_kept_lines, 20);
        assert_eq!(r.pages[0].wrongly_kept.len(), KEPT_EXCERPTS);
    }
}
