//! Assembly: the title and the clean body, in reading order.

pub mod title;

use crate::classify::Decision;
use crate::segment::{BlockKind, Page};

/// A cleaned document: the segmented page, a decision per block, and the
/// title. Text and Markdown are rendered from it on demand.
#[derive(Debug)]
pub struct Article {
    pub title: Option<String>,
    /// The block the title was taken from, left out of the body.
    pub title_block: Option<usize>,
    pub page: Page,
    pub decisions: Vec<Decision>,
}

impl Article {
    pub fn new(page: Page, mut decisions: Vec<Decision>) -> Article {
        let (title, title_block) = title::choose(&page, &decisions);
        // The title line is neither body nor junk.
        if let Some(d) = title_block.and_then(|i| decisions.get_mut(i)) {
            d.removed = None;
            d.rule = "keep.title".into();
        }
        Article {
            title,
            title_block,
            page,
            decisions,
        }
    }

    /// Blocks of the body, in order.
    pub fn body_blocks(&self) -> impl Iterator<Item = &crate::segment::Block> {
        self.page
            .blocks
            .iter()
            .zip(&self.decisions)
            .filter(|(b, d)| d.is_kept() && Some(b.index) != self.title_block)
            .map(|(b, _)| b)
    }

    /// What became of the first block whose text is `text`, or None when
    /// no block reads so: for a library user asking why a line went.
    pub fn decision_for(&self, text: &str) -> Option<&Decision> {
        let i = self.page.blocks.iter().position(|b| b.text == text)?;
        self.decisions.get(i)
    }

    /// Plain text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out);
        out
    }

    /// `text`, written to `w` as it is joined (a JSON writer escapes it on
    /// the way, with no copy of the whole text).
    pub fn write_text<W: std::fmt::Write>(&self, w: &mut W) -> std::fmt::Result {
        let mut any = false;
        for b in self.body_blocks() {
            if any {
                w.write_str("\n\n")?;
            }
            w.write_str(&b.text)?;
            any |= !b.text.is_empty();
        }
        Ok(())
    }

    /// Markdown: headings, lists, quotes and code kept.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let mut prev: Option<BlockKind> = None;
        for b in self.body_blocks() {
            if !out.is_empty() {
                // Consecutive list items form one list.
                let tight = prev == Some(BlockKind::ListItem) && b.kind == BlockKind::ListItem;
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            match b.kind {
                BlockKind::Heading(l) => {
                    out.push_str(&"#".repeat(l.clamp(1, 6) as usize));
                    out.push(' ');
                    out.push_str(&b.text);
                }
                BlockKind::ListItem => {
                    out.push_str("- ");
                    out.push_str(&b.text);
                }
                BlockKind::Quote => {
                    for (i, line) in b.text.lines().enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        out.push_str("> ");
                        out.push_str(line);
                    }
                }
                BlockKind::Pre => {
                    out.push_str("```\n");
                    out.push_str(&b.text);
                    out.push_str("\n```");
                }
                _ => out.push_str(&b.text),
            }
            prev = Some(b.kind);
        }
        out
    }
}
