//! A block's text: its own string, or a piece of the page it was cut from.
//!
//! Text input gives a block per line, and most lines are kept as they are:
//! a `String` each cost a malloc, a copy and a free per line (a tenth of
//! the time on text input). Those blocks share the page instead, one
//! reference-counted buffer per document (and one more for the lines
//! whose white space is collapsed); the HTML path gives each block a
//! buffer of its own.

use serde::{Serialize, Serializer};
use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering, fence};

/// Reads as the `str` it holds (`Deref`); compares, hashes, orders,
/// prints and serializes as that `str` does, whatever its form. Never
/// changed once made; a clone copies no text.
///
/// One form for all, no variant to branch on where it is read: where the
/// text lies, and a counted handle on what holds it (`Header`): a page
/// it is a piece of, or its own bytes, right after the header. The
/// blocks cut from a page take their handles in one count
/// (`PageTexts`): an `Arc` of the page per block took an atomic add per
/// line (about 1% of the time on text input).
pub struct BlockText {
    head: NonNull<Header>,
    /// The text: `len` bytes from `ptr`, valid UTF-8, inside the page or
    /// the bytes the header holds.
    ptr: NonNull<u8>,
    len: usize,
}

/// What the `BlockText`s of one buffer share: their number (as an
/// `Arc`'s strong count, with `PageTexts`' reserve), and the page they
/// are pieces of (`None`: the one text's `inline` bytes follow the
/// header, in the same allocation).
#[repr(C)]
struct Header {
    count: AtomicUsize,
    page: Option<Arc<str>>,
    inline: usize,
}

/// The allocation of a header followed by `inline` bytes.
fn layout(inline: usize) -> Layout {
    Layout::new::<Header>()
        .extend(Layout::array::<u8>(inline).unwrap_or_else(|_| capacity_overflow()))
        .unwrap_or_else(|_| capacity_overflow())
        .0
        .pad_to_align()
}

#[cold]
fn capacity_overflow() -> ! {
    panic!("BlockText: text too long")
}

/// More handles than `isize::MAX` on one buffer: as `Arc` does, abort
/// (they cannot all exist but through leaks).
#[cold]
fn too_many() -> ! {
    std::process::abort()
}

impl Header {
    /// A header counting `count` handles, holding `page`, or else `own`'s
    /// bytes after it. Returns it and where its text starts.
    fn new(count: usize, page: Option<Arc<str>>, own: &str) -> (NonNull<Header>, NonNull<u8>) {
        let inline = if page.is_some() { 0 } else { own.len() };
        let l = layout(inline);
        // SAFETY: `l` has a non-zero size (the header's); the header is
        // written before any read, the `inline` bytes after it (inside
        // the allocation: `layout`) copied from `own`, which is
        // `inline` bytes long when it is copied.
        unsafe {
            let Some(head) = NonNull::new(alloc(l).cast::<Header>()) else {
                handle_alloc_error(l)
            };
            let bytes = head.as_ptr().add(1).cast::<u8>();
            let text = match &page {
                Some(p) => p.as_ptr().cast_mut(),
                None => {
                    std::ptr::copy_nonoverlapping(own.as_ptr(), bytes, inline);
                    bytes
                }
            };
            head.as_ptr().write(Header {
                count: AtomicUsize::new(count),
                page,
                inline,
            });
            (head, NonNull::new(text).unwrap_or(NonNull::dangling()))
        }
    }

    /// Give up `k` of the handles counted on `head`; the last frees it.
    ///
    /// # Safety
    /// The caller holds `k` of those counted (and uses none after).
    unsafe fn release(head: NonNull<Header>, k: usize) {
        // SAFETY: the header lives while a handle is counted: the caller
        // holds `k >= 1` of them.
        let h = unsafe { head.as_ref() };
        // As `Arc`'s drop: a release decrement, and an acquire fence
        // before freeing, so that every use by other handles happened
        // before.
        if h.count.fetch_sub(k, Ordering::Release) != k {
            return;
        }
        fence(Ordering::Acquire);
        let l = layout(h.inline);
        // SAFETY: no handle is left: the header (written by `new`, with
        // the layout `layout(inline)`) is dropped and freed once.
        unsafe {
            std::ptr::drop_in_place(head.as_ptr());
            dealloc(head.as_ptr().cast::<u8>(), l);
        }
    }
}

// SAFETY: what a `BlockText` reaches is never changed after it is made
// (the text, the page, `inline`) but for `count`, which is atomic and
// counts the handles across threads as `Arc`'s does; the page is an
// `Arc<str>`, itself `Send` and `Sync`.
unsafe impl Send for BlockText {}
// SAFETY: as for `Send`: shared handles only read, or change `count`
// atomically.
unsafe impl Sync for BlockText {}

impl Clone for BlockText {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: `self` is counted: the header lives.
        let h = unsafe { self.head.as_ref() };
        // Relaxed, as `Arc::clone`: a handle is there already.
        if h.count.fetch_add(1, Ordering::Relaxed) > isize::MAX as usize {
            too_many();
        }
        BlockText {
            head: self.head,
            ptr: self.ptr,
            len: self.len,
        }
    }
}

impl Drop for BlockText {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: `self` holds one of the handles counted, used no more.
        unsafe { Header::release(self.head, 1) }
    }
}

/// Hands out the pieces of one page as `BlockText`s, one count for up to
/// `n` of them taken at once (and one more for itself): no atomic step
/// per piece. What is left of it is given back when it is dropped.
pub struct PageTexts {
    head: NonNull<Header>,
    page: NonNull<u8>,
    len: usize,
    /// Handles counted and not handed out yet.
    left: usize,
}

impl PageTexts {
    /// For up to `n` pieces of `page` without an atomic step each (more
    /// take one).
    pub fn new(page: &Arc<str>, n: usize) -> PageTexts {
        let count = n.checked_add(1).unwrap_or_else(|| too_many());
        let (head, ptr) = Header::new(count, Some(Arc::clone(page)), "");
        PageTexts {
            head,
            page: ptr,
            len: page.len(),
            left: n,
        }
    }

    /// The page, read through the header's `Arc`.
    fn page(&self) -> &str {
        // SAFETY: `self` holds a count: the header lives, and it holds the
        // page (`new`).
        unsafe { self.head.as_ref() }.page.as_deref().unwrap_or("")
    }

    /// `page[range]` without copying it; an empty text when it is no
    /// range of the page.
    #[inline]
    pub fn piece(&mut self, range: Range<usize>) -> BlockText {
        let Some(s) = self.page().get(range) else {
            return BlockText::default();
        };
        debug_assert!(self.page.as_ptr().cast_const() <= s.as_ptr() && s.len() <= self.len);
        let ptr = NonNull::from(s).cast::<u8>();
        let len = s.len();
        if self.left > 0 {
            self.left -= 1;
        } else {
            // SAFETY: `self` is counted: the header lives.
            let h = unsafe { self.head.as_ref() };
            if h.count.fetch_add(1, Ordering::Relaxed) > isize::MAX as usize {
                too_many();
            }
        }
        BlockText {
            head: self.head,
            ptr,
            len,
        }
    }
}

// SAFETY: as for `BlockText`: `left` is its own, the rest is shared as a
// `BlockText`'s is.
unsafe impl Send for PageTexts {}
// SAFETY: `&PageTexts` only reads (`piece` takes `&mut self`).
unsafe impl Sync for PageTexts {}

impl Drop for PageTexts {
    fn drop(&mut self) {
        // SAFETY: `self` holds its own count and the `left` not handed
        // out, used no more.
        unsafe { Header::release(self.head, self.left + 1) }
    }
}

impl BlockText {
    /// `page[range]` without copying it; an empty text when it is no
    /// range of `page`. For many pieces of one page, `PageTexts`.
    #[inline]
    pub fn shared(page: &Arc<str>, range: Range<usize>) -> BlockText {
        PageTexts::new(page, 1).piece(range)
    }

    /// A text of its own: its bytes copied after its header.
    fn own(s: &str) -> BlockText {
        let (head, ptr) = Header::new(1, None, s);
        BlockText {
            head,
            ptr,
            len: s.len(),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: `ptr` and `len` are those of a `str` (`own` copies one
        // after the header, `PageTexts::piece` takes one of the page the
        // header holds), which lives, unchanged, while `self` is counted.
        // Read through a pointer, no bounds or boundary checks: a block's
        // text is read some twenty times per block by the passes, and
        // the checks of `str::get` cost 2.5% of the run.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr.as_ptr(), self.len))
        }
    }

    /// Whether the text is a piece of a page it shares (for tests).
    pub fn is_shared(&self) -> bool {
        // SAFETY: `self` is counted: the header lives.
        unsafe { self.head.as_ref() }.page.is_some()
    }
}

impl Default for BlockText {
    fn default() -> Self {
        BlockText::own("")
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
        BlockText::own(&s)
    }
}

impl From<&str> for BlockText {
    fn from(s: &str) -> Self {
        BlockText::own(s)
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
        // One reference for all the handles on the page.
        assert_eq!(Arc::strong_count(&p), 2);
        let b = a.clone();
        assert_eq!(Arc::strong_count(&p), 2);
        // No copy: the same bytes.
        assert_eq!(a.as_ptr(), b.as_ptr());
        assert_eq!(b.as_ptr(), p[4..].as_ptr());
        assert_eq!(b, "two");
        drop(a);
        assert_eq!(b, "two");
        assert_eq!(Arc::strong_count(&p), 2);
        drop(b);
        // The last handle gone, the page is given back.
        assert_eq!(Arc::strong_count(&p), 1);
    }

    /// `PageTexts` hands out the pieces `page[range]` gives, more or fewer
    /// than it counted at first, and the page is given back exactly when
    /// the last of them, their clones and the `PageTexts` are gone,
    /// whatever the order they go in and the threads they go in; texts
    /// of their own read as the strings they were made of. Random
    /// pages, ranges and orders, against plain `String`s.
    #[test]
    fn page_texts_read_as_copies_and_give_the_page_back_last() {
        let mut rng = crate::test_rng::XorShift::new(0xB504_F333_F9DE_6484);
        const PARTS: &[&str] = &["a", "é", "東京", " ", "\n", "word", "\u{1f600}"];
        let (mut over, mut under, mut invalid, mut threaded) = (0, 0, 0, 0);
        for round in 0..300 {
            let n = rng.below(40);
            let text: String = (0..n).map(|_| rng.pick(PARTS)).collect();
            let p = page(&text);
            let reserve = rng.below(12);
            let wanted = rng.below(12);
            over += (wanted > reserve) as usize;
            under += (wanted < reserve) as usize;
            let mut texts = PageTexts::new(&p, reserve);
            let mut held: Vec<(BlockText, String)> = Vec::new();
            for _ in 0..wanted {
                let a = rng.below(text.len() + 2);
                let b = rng.below(text.len() + 2);
                let want = text.get(a..b).unwrap_or("").to_string();
                invalid += text.get(a..b).is_none() as usize;
                let t = texts.piece(a..b);
                // A piece of the page, not a copy; or, when the range is
                // none of the page, an empty text of its own.
                match text.get(a..b) {
                    Some(_) => assert!(t.is_shared() && t.as_ptr() == p[a..].as_ptr()),
                    None => assert!(!t.is_shared()),
                }
                held.push((t.clone(), want.clone()));
                held.push((t, want));
                let own = BlockText::from(format!("own {round}"));
                assert!(!own.is_shared());
                held.push((own, format!("own {round}")));
            }
            if round % 2 == 0 {
                drop(texts);
            } else {
                held.push((texts.piece(0..0), String::new()));
                drop(texts);
            }
            // Dropped in a random order, some in another thread.
            while !held.is_empty() {
                // The page is held while a piece of it is.
                let pieces = held.iter().any(|(t, _)| t.is_shared());
                assert_eq!(Arc::strong_count(&p), 1 + pieces as usize);
                let (t, want) = held.swap_remove(rng.below(held.len()));
                assert_eq!(t, want);
                if rng.below(8) == 0 {
                    threaded += 1;
                    std::thread::spawn(move || assert_eq!(t, want))
                        .join()
                        .unwrap();
                } else {
                    drop(t);
                }
            }
            assert_eq!(Arc::strong_count(&p), 1, "{text:?}");
        }
        // More pieces than counted, fewer, ranges that are none of the
        // page, handles dropped in other threads: all reached.
        assert!(over > 50 && under > 50 && invalid > 100 && threaded > 50);
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
