//! Text whose HTML is gone -> blocks, one per non-empty line.

use super::block::{Block, BlockKind, Features, Page};
use super::features;

pub fn segment(text: &str) -> Page {
    let mut page = Page::default();
    for line in text.lines() {
        let t = line.trim();
        if !t.chars().any(char::is_alphanumeric) {
            continue;
        }
        // Text from a Markdown source keeps its heading marks as a hint.
        let (kind, t) = match t.strip_prefix('#') {
            Some(rest) if rest.starts_with(['#', ' ']) => {
                let level = 1 + rest.chars().take_while(|&c| c == '#').count();
                (
                    BlockKind::Heading(level.min(6) as u8),
                    rest.trim_start_matches('#').trim(),
                )
            }
            _ => (BlockKind::Line, t),
        };
        let index = page.blocks.len();
        page.blocks.push(Block {
            index,
            text: t.split_whitespace().collect::<Vec<_>>().join(" "),
            kind,
            tag: "line".to_string(),
            element: None,
            features: Features::default(),
        });
    }
    let zeros = vec![0; page.blocks.len()];
    features::compute(&mut page, &zeros);
    page
}
