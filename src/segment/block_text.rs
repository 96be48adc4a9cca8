//! A block's text: its own string, or a piece of the page it was cut from.
//!
//! Text input gives a block per line, and most lines are kept as they are:
//! a `String` each cost a malloc, a copy and a free per line (a tenth of
//! the time on text input). Those blocks share the page instead, one
//! reference-counted buffer per document (and one more for the lines
//! whose white space is collapsed); the HTML path gives each block a
//! buffer of its own.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Reads as the `str` it holds (`Deref`); compares, hashes, orders,
/// prints and serializes as that `str` does, whatever its form. Never
/// changed once made; a clone copies no text.
///
/// One form for all, no variant to branch on where it is read: a
/// reference-counted buffer and where the text lies in it. Either
/// `buf[from..to]` is a valid range of `buf`, or `from > to` and the text
/// is all of `buf` (a text of its own; also a piece past 4 GiB, which the
/// `u32`s, there to keep the type at 24 bytes, cannot place).
#[derive(Clone)]
pub struct BlockText {
    buf: Arc<str>,
    from: u32,
    to: u32,
}

impl BlockText {
    /// `page[range]` without copying it; a copy of its own when the range
    /// lies past 4 GiB, an empty text when it is no range of `page`.
    #[inline]
    pub fn shared(page: &Arc<str>, range: Range<usize>) -> BlockText {
        let Some(s) = page.get(range.clone()) else {
            return BlockText::default();
        };
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(from), Ok(to)) => BlockText {
                buf: Arc::clone(page),
                from,
                to,
            },
            _ => BlockText::from(s),
        }
    }

    /// A text that is all of `buf`.
    fn whole(buf: Arc<str>) -> BlockText {
        BlockText {
            buf,
            from: 1,
            to: 0,
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        if self.from > self.to {
            return &self.buf;
        }
        let r = self.from as usize..self.to as usize;
        debug_assert!(self.buf.get(r.clone()).is_some());
        // SAFETY: `from..to` with `from <= to` is a range of `buf` on
        // character boundaries: the fields are private, set only by
        // `shared`, which checks the range against the buffer, and by
        // `whole`, which sets `from > to`; neither they nor the
        // reference-counted `str` change after. Unchecked because a block's
        // text is read some twenty times per block by the passes: the
        // bound and boundary checks of `str::get` cost 2.5% of the run.
        unsafe { self.buf.get_unchecked(r) }
    }

    /// Whether the text is a piece of a buffer it shares (for tests).
    pub fn is_shared(&self) -> bool {
        self.from <= self.to
    }
}

impl Default for BlockText {
    fn default() -> Self {
        BlockText::whole(Arc::from(""))
    }
}

impl Deref for BlockText {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for BlockText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for BlockText {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<String> for BlockText {
    fn from(s: String) -> Self {
        BlockText::whole(Arc::from(s))
    }
}

impl From<&str> for BlockText {
    fn from(s: &str) -> Self {
        BlockText::whole(Arc::from(s))
    }
}

impl From<BlockText> for String {
    fn from(t: BlockText) -> Self {
        t.as_str().to_string()
    }
}

impl PartialEq for BlockText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for BlockText {}

impl PartialEq<str> for BlockText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for BlockText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for BlockText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<BlockText> for str {
    fn eq(&self, other: &BlockText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<BlockText> for &str {
    fn eq(&self, other: &BlockText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<BlockText> for String {
    fn eq(&self, other: &BlockText) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for BlockText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BlockText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// As `str` hashes: `Borrow<str>` lookups find it.
impl Hash for BlockText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for BlockText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn page(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn stays_small() {
        assert_eq!(std::mem::size_of::<BlockText>(), 24);
    }

    #[test]
    fn shared_and_owned_read_as_the_same_str() {
        let p = page("first line\nsecond\u{a0}line, café 東京\r\nlast");
        for (from, to) in [(0, 10), (11, 37), (11, 11), (0, p.len()), (38, p.len())] {
            let want = &p[from..to];
            let shared = BlockText::shared(&p, from..to);
            let owned = BlockText::from(want.to_string());
            assert!(shared.is_shared() && !owned.is_shared());
            // Deref, as_str, AsRef and Borrow: all the same str.
            assert_eq!(&*shared, want);
            assert_eq!(shared.as_str(), want);
            assert_eq!(AsRef::<str>::as_ref(&shared), want);
            assert_eq!(Borrow::<str>::borrow(&shared), want);
            assert_eq!(&*owned, want);
            assert_eq!(shared.len(), want.len());
            // Equal each way, to each form of string.
            assert_eq!(shared, owned);
            assert_eq!(shared, *want);
            assert_eq!(shared, want);
            assert_eq!(shared, want.to_string());
            assert_eq!(*want, shared);
            assert_eq!(want, shared);
            assert_eq!(want.to_string(), shared);
            assert_eq!(shared.cmp(&owned), std::cmp::Ordering::Equal);
            // Printed, serialized and hashed as the str.
            assert_eq!(format!("{shared}"), want);
            assert_eq!(format!("{shared:?}"), format!("{want:?}"));
            assert_eq!(format!("{owned:?}"), format!("{want:?}"));
            assert_eq!(
                serde_json::to_string(&shared).unwrap(),
                serde_json::to_string(want).unwrap()
            );
            let set: HashSet<BlockText> = [shared.clone()].into_iter().collect();
            assert!(set.contains(want) && set.contains(&owned));
            assert_eq!(String::from(shared), want);
            assert_eq!(String::from(owned), want);
        }
        assert_ne!(BlockText::shared(&p, 0..5), BlockText::from("other"));
        assert!(BlockText::shared(&p, 0..5) < BlockText::shared(&p, 11..17));
    }

    #[test]
    fn clones_share_the_page() {
        let p = page("one two three");
        let a = BlockText::shared(&p, 4..7);
        assert_eq!(Arc::strong_count(&p), 2);
        let b = a.clone();
        // One more reference, no copy: the same bytes.
        assert_eq!(Arc::strong_count(&p), 3);
        assert_eq!(a.as_ptr(), b.as_ptr());
        assert_eq!(b.as_ptr(), p[4..].as_ptr());
        assert_eq!(b, "two");
        drop((a, b));
        assert_eq!(Arc::strong_count(&p), 1);
    }

    #[test]
    fn ranges_that_are_not_of_the_page_give_empty_text() {
        let p = page("é and more");
        // Inside a character, backwards, past the end: no panic.
        for r in [1..3, Range { start: 4, end: 2 }, 3..40, 40..41] {
            let t = BlockText::shared(&p, r.clone());
            assert_eq!(t, "", "{r:?}");
        }
        assert_eq!(BlockText::default(), "");
    }
}
