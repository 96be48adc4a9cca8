//! The block model shared by the HTML and the text paths: one classifier
//! serves both because both produce the same `Block`s.

use super::block_text::BlockText;
use serde::Serialize;
use std::borrow::Cow;

/// What kind of element a block came from. Text input only yields `Line`
/// (or `Heading` when a line reads as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
    Pre,
    Quote,
    Caption,
    Line,
    Other,
}

impl BlockKind {
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading(_))
    }
}

/// An element on the path from the root to a block (HTML only).
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub tag: String,
    /// Lower-cased class and id tokens, split on spaces, `-` and `_` kept.
    pub tokens: Vec<String>,
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub role: Option<String>,
    pub parent: Option<usize>,
    pub depth: u16,
}

impl Element {
    /// `tag#id` or `tag.first-class`: the element as a CSS path shows it.
    pub fn selector(&self) -> String {
        let mut s = self.tag.clone();
        if let Some(id) = &self.id {
            s.push('#');
            s.push_str(id);
        } else if let Some(c) = self.classes.first() {
            s.push('.');
            s.push_str(c);
        }
        s
    }
}

/// Numbers the classifier works from; cheap to compute once per block.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Features {
    pub chars: u32,
    pub words: u32,
    /// Characters inside links / all characters.
    pub link_density: f32,
    /// Share of words that are function words of the page's language.
    pub stopword_ratio: f32,
    /// Sentence punctuation marks (. , ; : ! ?).
    pub punctuation: u32,
    /// Ends like a sentence does.
    pub ends_sentence: bool,
    /// Share of words that start with a capital letter.
    pub title_case_ratio: f32,
    /// Share of first-person singular words (I, my, me ...).
    pub first_person_ratio: f32,
    /// Position of the block in the page, 0 = first, 1 = last.
    pub position: f32,
    pub depth: u16,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub index: usize,
    /// The page's own bytes on text input, where they need no change.
    pub text: BlockText,
    pub kind: BlockKind,
    /// Tag of the element that holds the block (`line` for text input).
    /// Borrowed for the tags unboil knows: no allocation per block.
    pub tag: Cow<'static, str>,
    /// Innermost element holding the block, index into `Page::elements`.
    pub element: Option<usize>,
    pub features: Features,
}

/// A segmented document: its blocks in reading order, plus what the HTML
/// path knows about the tree.
#[derive(Debug, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub elements: Vec<Element>,
    /// Candidate titles found while segmenting, best first.
    pub title_candidates: Vec<String>,
    pub is_html: bool,
    pub warnings: Vec<String>,
}

impl Page {
    /// Elements from the block's own element up to the root.
    pub fn ancestors(&self, block: &Block) -> Ancestors<'_> {
        Ancestors {
            elements: &self.elements,
            next: block.element,
        }
    }

    /// Whether the element or one of its ancestors is flagged in `set`.
    pub fn is_within(&self, mut e: Option<usize>, set: &[bool]) -> bool {
        while let Some(i) = e {
            if set.get(i).copied().unwrap_or(false) {
                return true;
            }
            e = self.elements.get(i).and_then(|el| el.parent);
        }
        false
    }
}

pub struct Ancestors<'a> {
    elements: &'a [Element],
    next: Option<usize>,
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = &'a Element;
    fn next(&mut self) -> Option<&'a Element> {
        let e = self.elements.get(self.next?)?;
        self.next = e.parent;
        Some(e)
    }
}
