//! The result of an evaluation: figures, per-page scores, the removal audit,
//! and how they are printed and saved.

use super::audit::{KEPT_MAX, MIN_TOKENS, RIGHT_REMOVED_MAX, Verdict, WRONG_REMOVED_MIN};
use super::metrics::{Counts, Metric};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Excerpts shown per category/rule group of a worst page.
const GROUP_EXCERPTS: usize = 4;
/// Snippets listed per worst page.
const SNIPPETS_SHOWN: usize = 3;
/// Ids listed for pages without a prediction.
const MISSING_SHOWN: usize = 5;

/// Everything one evaluation found.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub metric: Metric,
    /// Pages in the gold.
    pub gold_pages: usize,
    /// Predictions given (including ignored ones).
    pub predictions: usize,
    /// Predictions whose id is not in the gold (ignored).
    pub unknown_predictions: usize,
    /// Predictions whose id came again (all but the first ignored).
    pub duplicate_predictions: usize,
    /// Figures over all pages.
    pub overall: Summary,
    /// The same figures per page kind, when the gold has kinds.
    pub by_kind: BTreeMap<String, Summary>,
    /// Pages whose removed blocks and kept lines were judged (those with
    /// gold text).
    pub audited_pages: usize,
    /// Removed blocks per category and rule, the most wrongly removed
    /// characters first.
    pub removal: Vec<RuleTotals>,
    /// Per-page scores, in id order.
    pub pages: Vec<PageScore>,
}

/// Averaged figures over a set of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Pages in the averages.
    pub pages: usize,
    /// Pages left out of the averages: no gold text and no output.
    pub left_out: usize,
    /// Gold pages without a prediction (scored as empty output).
    pub missing: usize,
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// The metric's F1: `f1_harmonic` for shingles, `f1_mean` for words.
    pub f1: f64,
    /// Mean of per-page F1.
    pub f1_mean: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1_harmonic: f64,
    /// Snippet figures, when the gold has snippets.
    pub snippets: Option<SnippetRates>,
}

/// Snippets found in the output, pooled over pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SnippetRates {
    pub with_found: usize,
    pub with_total: usize,
    /// Share of `with` snippets found (higher is better).
    pub with_rate: Option<f64>,
    pub without_found: usize,
    pub without_total: usize,
    /// Share of `without` snippets still present (lower is better).
    pub without_rate: Option<f64>,
    /// Share of all snippets handled right: `with` found, `without` absent.
    pub accuracy: Option<f64>,
}

impl SnippetRates {
    pub(crate) fn fill_rates(&mut self) {
        let rate = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.with_rate = rate(self.with_found, self.with_total);
        self.without_rate = rate(self.without_found, self.without_total);
        self.accuracy = rate(
            self.with_found + self.without_total - self.without_found,
            self.with_total + self.without_total,
        );
    }
}

/// One page's scores and diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageScore {
    pub id: String,
    pub url: Option<String>,
    pub kind: Option<String>,
    /// No prediction: scored as empty output.
    pub missing: bool,
    /// No gold text and no output: not in the averages.
    pub left_out: bool,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Shingles or words, as the metric counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Lower-cased `\w+` words in the gold and in the output.
    pub gold_words: usize,
    pub output_words: usize,
    pub with_found: usize,
    pub with_total: usize,
    pub without_found: usize,
    pub without_total: usize,
    pub wrongly_removed_blocks: usize,
    pub wrongly_removed_chars: usize,
    pub wrongly_kept_lines: usize,
    pub wrongly_kept_chars: usize,
    /// Every wrongly removed block, in page order.
    #[serde(skip)]
    pub wrongly_removed: Vec<RemovedNote>,
    /// Excerpts of the first wrongly kept lines.
    #[serde(skip)]
    pub wrongly_kept: Vec<String>,
    /// `with` snippets not found.
    #[serde(skip)]
    pub missed_with: Vec<String>,
    /// `without` snippets still present.
    #[serde(skip)]
    pub found_without: Vec<String>,
}

/// A wrongly removed block of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedNote {
    pub category: String,
    pub rule: String,
    pub chars: usize,
    pub excerpt: String,
}

/// Removed blocks of one category and rule over all audited pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleTotals {
    pub category: String,
    pub rule: String,
    pub blocks: usize,
    pub chars: usize,
    /// Mostly gold text: should have been kept.
    pub wrong_blocks: usize,
    pub wrong_chars: usize,
    /// Mostly not gold text.
    pub right_blocks: usize,
    pub right_chars: usize,
    /// Partly gold text.
    pub mixed_blocks: usize,
    pub mixed_chars: usize,
    /// Too short to judge.
    pub short_blocks: usize,
    pub short_chars: usize,
}

impl RuleTotals {
    pub(crate) fn new(category: &str, rule: &str) -> Self {
        RuleTotals {
            category: category.to_string(),
            rule: rule.to_string(),
            ..RuleTotals::default()
        }
    }

    pub(crate) fn add(&mut self, verdict: Verdict, chars: usize) {
        self.blocks += 1;
        self.chars += chars;
        let (blocks, total) = match verdict {
            Verdict::Wrong => (&mut self.wrong_blocks, &mut self.wrong_chars),
            Verdict::Right => (&mut self.right_blocks, &mut self.right_chars),
            Verdict::Mixed => (&mut self.mixed_blocks, &mut self.mixed_chars),
            Verdict::Short => (&mut self.short_blocks, &mut self.short_chars),
        };
        *blocks += 1;
        *total += chars;
    }

    fn merge(&mut self, other: &RuleTotals) {
        self.blocks += other.blocks;
        self.chars += other.chars;
        self.wrong_blocks += other.wrong_blocks;
        self.wrong_chars += other.wrong_chars;
        self.right_blocks += other.right_blocks;
        self.right_chars += other.right_chars;
        self.mixed_blocks += other.mixed_blocks;
        self.mixed_chars += other.mixed_chars;
        self.short_blocks += other.short_blocks;
        self.short_chars += other.short_chars;
    }

    /// Share of this rule's removed characters that were gold text.
    pub fn wrong_share(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.wrong_chars as f64 / self.chars as f64
        }
    }
}

impl EvalReport {
    /// The metric's headline F1 (see [`Summary::f1`]).
    pub fn f1(&self) -> f64 {
        self.overall.f1
    }

    /// The figures as JSON: everything but the text excerpts.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("an eval report always serialises")
    }

    /// Prints the figures, the per-kind table, the removal audit and the
    /// `worst` pages with the lowest F1.
    pub fn print(&self, out: &mut dyn Write, worst: usize) -> io::Result<()> {
        self.print_summary(out)?;
        self.print_kinds(out)?;
        self.print_removal(out)?;
        self.print_worst(out, worst)
    }

    fn unit(&self) -> &'static str {
        match self.metric {
            Metric::Shingle => "shingles",
            Metric::Word => "words",
        }
    }

    fn print_summary(&self, out: &mut dyn Write) -> io::Result<()> {
        let s = &self.overall;
        writeln!(out, "metric: {}", self.metric.describe())?;
        write!(
            out,
            "pages: {} in gold, {} scored",
            self.gold_pages, s.pages
        )?;
        if s.left_out > 0 {
            write!(
                out,
                ", {} left out (no gold text and no output)",
                s.left_out
            )?;
        }
        writeln!(out)?;
        let no_gold: Vec<&PageScore> = self.pages.iter().filter(|p| p.gold_words == 0).collect();
        if !no_gold.is_empty() {
            let scored: Vec<&str> = no_gold
                .iter()
                .filter(|p| !p.left_out)
                .map(|p| p.id.as_str())
                .collect();
            write!(out, "no gold text: {} pages", no_gold.len())?;
            if scored.is_empty() {
                writeln!(out)?;
            } else {
                let more = if scored.len() > MISSING_SHOWN {
                    ", ..."
                } else {
                    ""
                };
                writeln!(
                    out,
                    "; {} of them scored 0 for having output ({}{more}), not listed among the worst",
                    scored.len(),
                    scored[..scored.len().min(MISSING_SHOWN)].join(", ")
                )?;
            }
        }
        if s.missing > 0 {
            let ids: Vec<&str> = self
                .pages
                .iter()
                .filter(|p| p.missing)
                .take(MISSING_SHOWN)
                .map(|p| p.id.as_str())
                .collect();
            let more = if s.missing > ids.len() { ", ..." } else { "" };
            writeln!(
                out,
                "missing: {} gold pages had no prediction, scored as empty output ({}{more})",
                s.missing,
                ids.join(", ")
            )?;
        }
        if self.unknown_predictions > 0 {
            writeln!(
                out,
                "ignored: {} predictions with an id not in the gold",
                self.unknown_predictions
            )?;
        }
        if self.duplicate_predictions > 0 {
            writeln!(
                out,
                "ignored: {} repeated prediction ids (the first one was used)",
                self.duplicate_predictions
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "F1 {:.3}   precision {:.3}   recall {:.3}",
            s.f1, s.precision, s.recall
        )?;
        match self.metric {
            Metric::Word => writeln!(
                out,
                "  (F1 = mean of per-page F1; harmonic mean of P and R: {:.3})",
                s.f1_harmonic
            )?,
            Metric::Shingle => writeln!(
                out,
                "  (F1 = harmonic mean of P and R; mean of per-page F1: {:.3})",
                s.f1_mean
            )?,
        }
        if let Some(sn) = &s.snippets {
            writeln!(
                out,
                "snippets: with {}/{} found ({}, higher is better); without {}/{} still present ({}, lower is better)",
                sn.with_found,
                sn.with_total,
                pct(sn.with_rate),
                sn.without_found,
                sn.without_total,
                pct(sn.without_rate)
            )?;
        }
        Ok(())
    }

    fn print_kinds(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.by_kind.is_empty() {
            return Ok(());
        }
        let alt = match self.metric {
            Metric::Word => "F1(P,R)",
            Metric::Shingle => "page F1",
        };
        let width = self
            .by_kind
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        writeln!(out)?;
        writeln!(out, "By kind")?;
        writeln!(
            out,
            "{:<width$}  {:>5}  {:>6}  {:>6}  {:>6}  {:>7}  {:>6}  {:>7}",
            "kind", "pages", "F1", "P", "R", alt, "with", "without"
        )?;
        let rows = self
            .by_kind
            .iter()
            .map(|(k, s)| (k.as_str(), s))
            .chain(std::iter::once(("all", &self.overall)));
        for (kind, s) in rows {
            let alt_value = match self.metric {
                Metric::Word => s.f1_harmonic,
                Metric::Shingle => s.f1_mean,
            };
            let sn = s.snippets.as_ref();
            writeln!(
                out,
                "{:<width$}  {:>5}  {:>6.3}  {:>6.3}  {:>6.3}  {:>7.3}  {:>6}  {:>7}",
                kind,
                s.pages,
                s.f1,
                s.precision,
                s.recall,
                alt_value,
                pct(sn.and_then(|x| x.with_rate)),
                pct(sn.and_then(|x| x.without_rate)),
            )?;
        }
        Ok(())
    }

    fn print_removal(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)?;
        if self.removal.is_empty() {
            writeln!(
                out,
                "Removed blocks: none in the predictions' audit (or no page has gold text)"
            )?;
            return Ok(());
        }
        writeln!(
            out,
            "Removed blocks by rule, over {} pages with gold text (most wrongly removed text first)",
            self.audited_pages
        )?;
        writeln!(
            out,
            "  wrong: >= {:.0}% of the block's words are in the gold (in a gold word pair): should have been kept",
            WRONG_REMOVED_MIN * 100.0
        )?;
        writeln!(
            out,
            "  right: < {:.0}% in the gold; mixed: in between; short: < {MIN_TOKENS} words and not a whole gold line (not judged)",
            RIGHT_REMOVED_MAX * 100.0
        )?;
        writeln!(
            out,
            "  wrong% = wrongly removed characters / all characters the rule removed"
        )?;
        let total = self
            .removal
            .iter()
            .fold(RuleTotals::new("total", ""), |mut t, r| {
                t.merge(r);
                t
            });
        let cw = self
            .removal
            .iter()
            .map(|r| r.category.chars().count())
            .max()
            .unwrap_or(0)
            .max("category".len());
        let rw = self
            .removal
            .iter()
            .map(|r| r.rule.chars().count())
            .max()
            .unwrap_or(0)
            .max("rule".len());
        let row = |out: &mut dyn Write, c: [&str; 13]| {
            writeln!(
                out,
                "{:<cw$}  {:<rw$}  {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} | {:>6} {:>6} | {:>6} {:>6}",
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12],
            )
        };
        let rule_row = |out: &mut dyn Write, r: &RuleTotals| {
            let cells = [
                r.category.clone(),
                r.rule.clone(),
                human(r.blocks),
                human(r.chars),
                human(r.wrong_blocks),
                human(r.wrong_chars),
                pct(Some(r.wrong_share())),
                human(r.right_blocks),
                human(r.right_chars),
                human(r.mixed_blocks),
                human(r.mixed_chars),
                human(r.short_blocks),
                human(r.short_chars),
            ];
            row(out, cells.each_ref().map(String::as_str))
        };
        let groups = format!(
            "{:<cw$}  {:<rw$}  {:^13} | {:^20} | {:^13} | {:^13} | {:^13}",
            "", "", "removed", "wrong: was gold", "right", "mixed", "short"
        );
        writeln!(out, "{}", groups.trim_end())?;
        row(
            out,
            [
                "category", "rule", "blocks", "chars", "blocks", "chars", "wrong%", "blocks",
                "chars", "blocks", "chars", "blocks", "chars",
            ],
        )?;
        let rule_line = "-".repeat(groups.chars().count());
        writeln!(out, "{rule_line}")?;
        for r in &self.removal {
            rule_row(out, r)?;
        }
        writeln!(out, "{rule_line}")?;
        rule_row(out, &total)?;
        let kept_lines: usize = self.pages.iter().map(|p| p.wrongly_kept_lines).sum();
        let kept_chars: usize = self.pages.iter().map(|p| p.wrongly_kept_chars).sum();
        writeln!(
            out,
            "wrongly kept: {} output lines, {} chars (lines of >= {MIN_TOKENS} words, < {:.0}% in the gold)",
            human(kept_lines),
            human(kept_chars),
            KEPT_MAX * 100.0
        )?;
        Ok(())
    }

    fn print_worst(&self, out: &mut dyn Write, worst: usize) -> io::Result<()> {
        if worst == 0 {
            return Ok(());
        }
        // Pages without gold text have nothing to show: the summary names them.
        let mut ranked: Vec<&PageScore> = self
            .pages
            .iter()
            .filter(|p| !p.left_out && p.gold_words > 0)
            .collect();
        ranked.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        ranked.truncate(worst);
        writeln!(out)?;
        writeln!(out, "Worst {} pages by F1", ranked.len())?;
        for (i, p) in ranked.iter().enumerate() {
            writeln!(out)?;
            self.print_page(out, i + 1, p)?;
        }
        Ok(())
    }

    fn print_page(&self, out: &mut dyn Write, rank: usize, p: &PageScore) -> io::Result<()> {
        write!(
            out,
            "#{rank} {}  F1 {:.3}  P {:.3}  R {:.3}",
            p.id, p.f1, p.precision, p.recall
        )?;
        if let Some(kind) = &p.kind {
            write!(out, "  [{kind}]")?;
        }
        if p.missing {
            write!(out, "  (no prediction)")?;
        }
        writeln!(out)?;
        if let Some(url) = &p.url {
            writeln!(out, "   {url}")?;
        }
        writeln!(
            out,
            "   words: output {}, gold {}; {}: tp {}, fp {}, fn {}",
            p.output_words,
            p.gold_words,
            self.unit(),
            p.counts.tp,
            p.counts.fp,
            p.counts.fn_
        )?;
        if !p.missed_with.is_empty() {
            writeln!(
                out,
                "   with snippets missing: {}/{}",
                p.missed_with.len(),
                p.with_total
            )?;
            print_quotes(out, &p.missed_with, SNIPPETS_SHOWN, "     ")?;
        }
        if !p.found_without.is_empty() {
            writeln!(
                out,
                "   without snippets present: {}/{}",
                p.found_without.len(),
                p.without_total
            )?;
            print_quotes(out, &p.found_without, SNIPPETS_SHOWN, "     ")?;
        }
        if !p.wrongly_removed.is_empty() {
            writeln!(
                out,
                "   wrongly removed: {} blocks, {} chars",
                p.wrongly_removed_blocks,
                human(p.wrongly_removed_chars)
            )?;
            // Group by category and rule, the most removed text first.
            let mut groups: Vec<((&str, &str), Vec<&RemovedNote>)> = Vec::new();
            for note in &p.wrongly_removed {
                let key = (note.category.as_str(), note.rule.as_str());
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, notes)) => notes.push(note),
                    None => groups.push((key, vec![note])),
                }
            }
            let chars = |notes: &[&RemovedNote]| notes.iter().map(|n| n.chars).sum::<usize>();
            groups.sort_by_key(|(_, notes)| std::cmp::Reverse(chars(notes)));
            for ((category, rule), notes) in &groups {
                writeln!(
                    out,
                    "     {category} / {rule}: {} blocks, {} chars",
                    notes.len(),
                    human(chars(notes))
                )?;
                let excerpts: Vec<String> = notes.iter().map(|n| n.excerpt.clone()).collect();
                print_quotes(out, &excerpts, GROUP_EXCERPTS, "       ")?;
            }
        }
        if p.wrongly_kept_lines > 0 {
            writeln!(
                out,
                "   wrongly kept: {} lines, {} chars",
                p.wrongly_kept_lines,
                human(p.wrongly_kept_chars)
            )?;
            print_quotes(out, &p.wrongly_kept, p.wrongly_kept.len(), "     ")?;
            if p.wrongly_kept_lines > p.wrongly_kept.len() {
                writeln!(
                    out,
                    "     ... {} more",
                    p.wrongly_kept_lines - p.wrongly_kept.len()
                )?;
            }
        }
        Ok(())
    }
}

/// Prints up to `shown` quoted excerpts, then how many more there are.
fn print_quotes(
    out: &mut dyn Write,
    items: &[String],
    shown: usize,
    indent: &str,
) -> io::Result<()> {
    for item in items.iter().take(shown) {
        writeln!(out, "{indent}\"{item}\"")?;
    }
    if items.len() > shown {
        writeln!(out, "{indent}... {} more", items.len() - shown)?;
    }
    Ok(())
}

/// A percentage with one decimal, or "-".
fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// A count, shortened past 9,999 (12.3k, 4.5M).
fn human(n: usize) -> String {
    if n < 10_000 {
        n.to_string()
    } else if n < 1_000_000 {
        format!("{:.1}k", n as f64 / 1e3)
    } else {
        format!("{:.1}M", n as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::super::evaluate::evaluate;
    use super::super::gold::GoldDoc;
    use super::super::prediction::{Prediction, RemovedBlock};
    use super::*;

    fn sample_report() -> EvalReport {
        let mut gold = BTreeMap::new();
        for (id, kind, text, with, without) in [
            (
                "p1",
                "article",
                "The mayor opened the new bridge on Monday morning.\nDrivers welcomed the shorter trip.",
                vec!["opened the new bridge", "missing snippet words"],
                vec!["Sign in"],
            ),
            (
                "p2",
                "forum",
                "Thanks for the help with my keyboard question.",
                vec![],
                vec![],
            ),
            (
                "p3",
                "forum",
                "Nobody answered this thread about cables.",
                vec![],
                vec![],
            ),
        ] {
            gold.insert(
                id.to_string(),
                GoldDoc {
                    id: id.into(),
                    url: Some(format!("https://example.test/{id}")),
                    text: text.into(),
                    kind: Some(kind.into()),
                    with: with.into_iter().map(String::from).collect(),
                    without: without.into_iter().map(String::from).collect(),
                },
            );
        }
        let preds = vec![
            Prediction {
                id: "p1".into(),
                text: "Sign in\nThe mayor opened the new bridge on Monday morning.\nFollow us on all the social networks".into(),
                removed: vec![
                    RemovedBlock {
                        category: "related".into(),
                        rule: "related-list".into(),
                        text: "Drivers welcomed the shorter trip.".into(),
                    },
                    RemovedBlock {
                        category: "navigation".into(),
                        rule: "nav-list".into(),
                        text: "Home News Sport Weather Contact".into(),
                    },
                ],
                kept: vec![],
            },
            Prediction {
                id: "p2".into(),
                text: "Thanks for the help with my keyboard question.".into(),
                removed: vec![],
                kept: vec![],
            },
            Prediction {
                id: "other".into(),
                text: "x".into(),
                removed: vec![],
                kept: vec![],
            },
        ];
        evaluate(&gold, &preds, Metric::Word)
    }

    fn printed(report: &EvalReport, worst: usize) -> String {
        let mut buf = Vec::new();
        report.print(&mut buf, worst).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn print_shows_figures_kinds_audit_and_worst_pages() {
        let r = sample_report();
        let text = printed(&r, 2);
        for needle in [
            "metric: word F1",
            "pages: 3 in gold, 3 scored",
            "missing: 1 gold pages had no prediction, scored as empty output (p3)",
            "ignored: 1 predictions with an id not in the gold",
            "snippets: with 1/2 found (50.0%",
            "without 1/1 still present (100.0%",
            "By kind",
            "article",
            "forum",
            "Removed blocks by rule, over 3 pages",
            "related-list",
            "nav-list",
            "total",
            "Worst 2 pages by F1",
            "#1 p3  F1 0.000",
            "(no prediction)",
            "#2 p1",
            "https://example.test/p1",
            "with snippets missing: 1/2",
            "\"missing snippet words\"",
            "without snippets present: 1/1",
            "wrongly removed: 1 blocks",
            "related / related-list: 1 blocks",
            "\"Drivers welcomed the shorter trip.\"",
            "wrongly kept: 1 lines",
            "\"Follow us on all the social networks\"",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
        // The related rule removed gold text, so it comes first.
        let rel = text.find("related-list").unwrap();
        let nav = text.find("nav-list").unwrap();
        assert!(rel < nav, "{text}");
        assert!(!text.contains("no gold text"), "{text}");
        // No worst section when not asked for.
        assert!(!printed(&r, 0).contains("Worst"));
    }

    #[test]
    fn to_json_has_figures_and_no_excerpts() {
        let r = sample_report();
        let j = r.to_json();
        assert_eq!(j["metric"], "word");
        assert_eq!(j["gold_pages"], 3);
        assert_eq!(j["overall"]["pages"], 3);
        assert_eq!(j["overall"]["missing"], 1);
        assert!((j["overall"]["f1"].as_f64().unwrap() - r.f1()).abs() < 1e-12);
        assert_eq!(j["overall"]["snippets"]["with_found"], 1);
        assert_eq!(j["by_kind"]["forum"]["pages"], 2);
        assert_eq!(j["pages"][0]["id"], "p1");
        assert!(j["pages"][0]["fn"].is_u64());
        assert!(j["pages"][0].get("wrongly_kept").is_none());
        assert_eq!(j["removal"][0]["rule"], "related-list");
        assert_eq!(j["removal"][0]["wrong_blocks"], 1);
    }

    #[test]
    fn print_without_audit_or_kinds() {
        let mut gold = BTreeMap::new();
        gold.insert(
            "a".to_string(),
            GoldDoc {
                id: "a".into(),
                url: None,
                text: "w x y z".into(),
                kind: None,
                with: vec![],
                without: vec![],
            },
        );
        let r = evaluate(&gold, &[], Metric::Shingle);
        let text = printed(&r, 5);
        assert!(text.contains("metric: shingle F1"), "{text}");
        assert!(text.contains("F1 0.000"), "{text}");
        assert!(!text.contains("By kind"), "{text}");
        assert!(text.contains("Removed blocks: none"), "{text}");
        assert!(!text.contains("snippets:"), "{text}");
    }

    #[test]
    fn pages_without_gold_are_named_but_not_ranked() {
        let mut gold = BTreeMap::new();
        for (id, text) in [("a", ""), ("b", ""), ("c", "real gold words here")] {
            gold.insert(
                id.to_string(),
                GoldDoc {
                    id: id.into(),
                    url: None,
                    text: text.into(),
                    kind: None,
                    with: vec![],
                    without: vec![],
                },
            );
        }
        let preds = vec![
            Prediction {
                id: "a".into(),
                text: "menu text".into(),
                removed: vec![],
                kept: vec![],
            },
            Prediction {
                id: "c".into(),
                text: "real gold words".into(),
                removed: vec![],
                kept: vec![],
            },
        ];
        let r = evaluate(&gold, &preds, Metric::Word);
        let text = printed(&r, 5);
        assert!(
            text.contains("no gold text: 2 pages; 1 of them scored 0 for having output (a)"),
            "{text}"
        );
        assert!(text.contains("Worst 1 pages by F1"), "{text}");
        assert!(text.contains("#1 c "), "{text}");
        assert!(!text.contains("#2"), "{text}");
    }

    #[test]
    fn human_and_pct_format() {
        assert_eq!(human(9_999), "9999");
        assert_eq!(human(12_345), "12.3k");
        assert_eq!(human(4_500_000), "4.5M");
        assert_eq!(pct(None), "-");
        assert_eq!(pct(Some(0.1234)), "12.3%");
    }
}
