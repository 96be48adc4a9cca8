//! Text input: a consent manager's panel (cookie categories with their
//! switches, "N partners can use this purpose", "Accept all", "Always
//! active"). With its HTML gone, the panel's explanations read as prose
//! and the main content's run can take them in when the panel is printed
//! beside it. Its lines are short labels that say the same few things on
//! every site: a close cluster of them marks the panel, and the lines
//! between them are its text.
//!
//! The labels are data: the rules with `mark = "panel"` (the built-in
//! `cookie.consent-panel` and any a user adds) match them in the one pass
//! of the rule set over every line; this counts what they matched.

use super::Decision;
use super::evidence::Evidence;
use super::rules::{Mark, RuleSet};
use crate::segment::Page;

/// Lines at most between two marks of one panel.
const GAP: usize = 5;
/// Marks a panel needs: one or two such lines are a page's own words
/// ("Performance", "Accept").
const MIN_MARKS: usize = 3;

/// Text: removes the kept lines of each panel, from its first mark to its
/// last, under the category of the panel rules that marked it and the id
/// of the one that marked most of its lines. Rules of different
/// categories mark different panels.
pub fn drop_panels(page: &Page, set: &RuleSet, evidence: &[Evidence], out: &mut [Decision]) {
    if page.is_html {
        return;
    }
    // (line, panel rule): the first panel rule each line matched.
    // A plain loop: most lines match no rule, and a flat map pays for an
    // inner iterator on each.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (i, ev) in evidence.iter().enumerate() {
        for &r in &ev.rules {
            if set.rules[r].has_mark(Mark::Panel) {
                hits.push((i, r));
            }
        }
    }
    if hits.len() < MIN_MARKS {
        return;
    }
    let mut categories: Vec<_> = hits.iter().map(|&(_, r)| set.rules[r].category).collect();
    categories.sort_unstable();
    categories.dedup();
    for category in categories {
        // One mark per line: the line's first rule of this category.
        let mut marks: Vec<(usize, usize)> = hits
            .iter()
            .copied()
            .filter(|&(_, r)| set.rules[r].category == category)
            .collect();
        marks.dedup_by_key(|&mut (i, _)| i);
        let mut k = 0;
        while k < marks.len() {
            let start = k;
            while k + 1 < marks.len() && marks[k + 1].0 - marks[k].0 <= GAP {
                k += 1;
            }
            let panel = &marks[start..=k];
            k += 1;
            if panel.len() < MIN_MARKS {
                continue;
            }
            let rule = namer(panel);
            for d in &mut out[panel[0].0..=panel[panel.len() - 1].0] {
                if d.is_kept() {
                    *d = Decision {
                        removed: Some(category),
                        rule: set.rule_id(rule),
                        score: 1.0 + d.score,
                        in_main: d.in_main,
                    };
                }
            }
        }
    }
}

/// The rule that marked most lines of a panel (the earliest rule of those
/// that tie): the audit names it.
fn namer(panel: &[(usize, usize)]) -> usize {
    let mut rules: Vec<usize> = panel.iter().map(|&(_, r)| r).collect();
    rules.sort_unstable();
    let mut best = (0, rules[0]);
    for run in rules.chunk_by(|a, b| a == b) {
        if run.len() > best.0 {
            best = (run.len(), run[0]);
        }
    }
    best.1
}
