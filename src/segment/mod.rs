//! Segmentation: HTML or text in, one sequence of feature-bearing blocks out.

pub mod block;
pub mod block_text;
pub mod depth;
pub mod features;
pub mod html;
pub mod marks;
pub mod stopwords;
pub mod text;
pub mod tokenize;
pub mod tree;

pub use block::{Block, BlockKind, Element, Features, Page};
pub use block_text::BlockText;
