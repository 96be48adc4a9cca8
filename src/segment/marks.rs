//! Which CSS selectors hold each block: site rules remove or keep the blocks
//! inside the elements a selector matches. The matching elements are found
//! once with `select` before the walk; the walk then tells this tracker
//! which elements it enters and leaves and which text it adds.

use ego_tree::NodeId;
use scraper::{Html, Selector};
use std::collections::HashMap;

#[derive(Default)]
pub struct Marks {
    /// Element -> the selectors that match it.
    by_node: HashMap<NodeId, Vec<usize>>,
    /// Per selector, how many open elements it matches.
    open: Vec<u32>,
    /// Selectors that hold all the text of the block being built so far;
    /// `None` before its first text.
    current: Option<Vec<usize>>,
    /// Per finished block, the selectors holding all its text.
    pub blocks: Vec<Vec<usize>>,
}

impl Marks {
    pub fn new(doc: &Html, selectors: &[Selector]) -> Marks {
        let mut by_node: HashMap<NodeId, Vec<usize>> = HashMap::new();
        for (k, sel) in selectors.iter().enumerate() {
            for el in doc.select(sel) {
                by_node.entry(el.id()).or_default().push(k);
            }
        }
        Marks {
            by_node,
            open: vec![0; selectors.len()],
            ..Marks::default()
        }
    }

    pub fn enter(&mut self, node: NodeId) {
        if self.by_node.is_empty() {
            return;
        }
        if let Some(ks) = self.by_node.get(&node) {
            for &k in ks {
                self.open[k] += 1;
            }
        }
    }

    pub fn leave(&mut self, node: NodeId) {
        if self.by_node.is_empty() {
            return;
        }
        if let Some(ks) = self.by_node.get(&node) {
            for &k in ks {
                self.open[k] = self.open[k].saturating_sub(1);
            }
        }
    }

    /// Text was added to the current block: a block is marked only when
    /// all of its text lies inside matching elements.
    pub fn text(&mut self, s: &str) {
        if self.by_node.is_empty() || s.trim().is_empty() {
            return;
        }
        let open = &self.open;
        match &mut self.current {
            None => {
                self.current = Some((0..open.len()).filter(|&k| open[k] > 0).collect());
            }
            Some(cur) => cur.retain(|&k| open[k] > 0),
        }
    }

    /// The current block ends; `kept` when it became a block of the page.
    pub fn end_block(&mut self, kept: bool) {
        let marks = self.current.take().unwrap_or_default();
        if kept {
            self.blocks.push(marks);
        }
    }
}
