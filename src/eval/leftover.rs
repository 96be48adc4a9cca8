//! Error analysis of leftover junk: which `without` snippets (the gold's
//! must-not-keep boilerplate) survive in the output, and the kept block that
//! holds each one with the decision that kept it. Grouping these by rule and
//! context shows which kinds of junk the cleaner still lets through.

use super::gold::GoldDoc;
use super::prediction::{KeptBlock, Prediction};
use super::text::{excerpt, normalize_for_snippets};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

/// Longest excerpt of a snippet or block shown.
const SHOWN_CHARS: usize = 80;

/// One surviving `without` snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub page: String,
    pub kind: Option<String>,
    pub snippet: String,
    /// The kept block that holds the snippet (or its start, when the
    /// snippet spans blocks); `None` when no kept block was recorded.
    pub block: Option<KeptBlock>,
}

/// Every `without` snippet found in the output, page by page in id order.
pub fn leftover_without(
    gold: &BTreeMap<String, GoldDoc>,
    predictions: &[Prediction],
) -> Vec<Leftover> {
    let mut by_id: HashMap<&str, &Prediction> = HashMap::new();
    for p in predictions {
        by_id.entry(p.id.as_str()).or_insert(p);
    }
    let mut out = Vec::new();
    for (id, doc) in gold {
        let Some(p) = by_id.get(id.as_str()) else {
            continue;
        };
        if doc.without.is_empty() {
            continue;
        }
        let output = normalize_for_snippets(&p.text);
        let blocks: Vec<String> = p
            .kept
            .iter()
            .map(|b| normalize_for_snippets(&b.text))
            .collect();
        for s in &doc.without {
            let n = normalize_for_snippets(s);
            if n.is_empty() || !output.contains(&n) {
                continue;
            }
            out.push(Leftover {
                page: id.clone(),
                kind: doc.kind.clone(),
                snippet: s.clone(),
                block: holder(&n, &blocks).map(|i| p.kept[i].clone()),
            });
        }
    }
    out
}

/// The block holding `snippet`; else, as the snippet spans blocks, the one
/// it starts with, or the one holding its first words.
fn holder(snippet: &str, blocks: &[String]) -> Option<usize> {
    if let Some(i) = blocks.iter().position(|b| b.contains(snippet)) {
        return Some(i);
    }
    if let Some(i) = blocks
        .iter()
        .position(|b| !b.is_empty() && snippet.starts_with(b.as_str()))
    {
        return Some(i);
    }
    let head: String = snippet.split(' ').take(3).collect::<Vec<_>>().join(" ");
    blocks.iter().position(|b| b.contains(&head))
}

/// Prints a count per keeping rule, then every leftover with its block.
pub fn print_leftovers(out: &mut dyn Write, leftovers: &[Leftover]) -> io::Result<()> {
    writeln!(out, "\nLeftover `without` snippets: {}", leftovers.len())?;
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for l in leftovers {
        let rule = l.block.as_ref().map_or("(no block)", |b| b.rule.as_str());
        *by_rule.entry(rule).or_default() += 1;
    }
    let mut rules: Vec<_> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rule, n) in rules {
        writeln!(out, "  {n:5}  kept by {rule}")?;
    }
    for l in leftovers {
        writeln!(
            out,
            "- {} [{}] {:?}",
            l.page,
            l.kind.as_deref().unwrap_or("-"),
            excerpt(&l.snippet, SHOWN_CHARS)
        )?;
        if let Some(b) = &l.block {
            writeln!(out, "    {} | {}", b.rule, b.context)?;
            writeln!(out, "    block: {:?}", excerpt(&b.text, SHOWN_CHARS))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(rule: &str, text: &str) -> KeptBlock {
        KeptBlock {
            rule: rule.into(),
            context: "div.post > p".into(),
            text: text.into(),
        }
    }

    #[test]
    fn finds_surviving_snippets_and_their_blocks() {
        let mut gold = BTreeMap::new();
        gold.insert(
            "a".to_string(),
            GoldDoc {
                id: "a".into(),
                text: "The story.".into(),
                url: None,
                kind: Some("article".into()),
                with: vec![],
                without: vec![
                    "Share this".into(),
                    "Sign in".into(),
                    "next  story: the  other one".into(),
                ],
            },
        );
        let pred = Prediction {
            id: "a".into(),
            text: "The story.\nSHARE THIS\nNext story:\nThe other one".into(),
            removed: vec![],
            kept: vec![
                kept("keep.main-content", "The story."),
                kept("keep.main-content", "SHARE THIS"),
                kept("keep.main-content", "Next story:"),
                kept("keep.main-content", "The other one"),
            ],
        };
        let l = leftover_without(&gold, &[pred]);
        assert_eq!(l.len(), 2, "sign in is not in the output");
        assert_eq!(l[0].snippet, "Share this");
        assert_eq!(l[0].block.as_ref().unwrap().text, "SHARE THIS");
        // Spanning two blocks: the block with its first words.
        assert_eq!(l[1].block.as_ref().unwrap().text, "Next story:");
        let mut buf = Vec::new();
        print_leftovers(&mut buf, &l).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains("2  kept by keep.main-content"), "{s}");
        assert!(s.contains("div.post > p"), "{s}");
    }
}
