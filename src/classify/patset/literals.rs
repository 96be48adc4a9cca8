//! Finding many short literals in a block at once, in any ASCII casing:
//! the prefixes a block starts with (`Heads`) and every factor it holds
//! (`Grams`, and `Leads` for those led by a rare byte). The pattern set's prefilter is built on these.

/// Literals to search, each with the set patterns it stands for.
#[derive(Default)]
pub(super) struct Table {
    pub(super) lits: Vec<Vec<u8>>,
    pub(super) owners: Vec<Vec<u32>>,
    /// Only looked up, never walked: its order does not matter, and a
    /// fast hash of the short literals costs a fraction of SipHash's.
    index: rustc_hash::FxHashMap<Vec<u8>, usize>,
}

impl Table {
    pub(super) fn add(&mut self, lit: Vec<u8>, pattern: u32) {
        // Looked up before a key is made: most literals come again.
        match self.index.get(&lit) {
            Some(&k) => self.owners[k].push(pattern),
            None => {
                self.index.insert(lit.clone(), self.lits.len());
                self.lits.push(lit);
                self.owners.push(vec![pattern]);
            }
        }
    }
}

/// The literals (ASCII lower case) that a text starts with, in any ASCII
/// casing: a walk down a trie of the literals along the text's first
/// bytes, ended by the first byte no literal continues with. Prefixes come
/// in families (`share this article`, `share this post`, ...): comparing
/// each member with the text, as a table keyed by the first bytes did,
/// costs a hundred compares on a line starting with `This`; the walk
/// passes their common part once.
#[derive(Debug, Clone)]
pub(super) struct Heads {
    /// Trie nodes, one record each, the root's first (at 0): the range in
    /// `owners` of the set patterns a literal ending there is a prefix
    /// of, the number of edges, the edges' bytes four to a word (`edge`),
    /// then per edge where the node it leads to starts. A step down reads
    /// one record, mostly one cache line, where nodes, edge bytes and edge
    /// targets in arrays of their own were a miss each; records are in
    /// the order nodes were made, so a literal's own chain of nodes lies
    /// together.
    data: Vec<u32>,
    /// Where the root's edges lead, by byte (0: none; no edge leads to the
    /// root).
    root: Box<[u32; 256]>,
    owners: Vec<u32>,
    /// The first two steps at once: where the node two bytes down starts
    /// (0: none), at `row[first] * classes + class[second]`. The root's
    /// children are the widest nodes, their edges a few lines of cache
    /// read through one by one, and each walk went through one.
    pairs: Vec<u32>,
    /// Per first byte (either case): its row in `pairs` (0: no literal
    /// starts with it, nor is one; row 0 is all zeros).
    row: Box<[u16; 256]>,
    /// Per second byte (either case): its column in `pairs` (0: no
    /// literal has it second).
    class: Box<[u8; 256]>,
    classes: usize,
    /// Per first byte: the root's child has owners (a literal of one
    /// byte), looked at only then.
    owned: [u64; 4],
}

/// Words of a node record before its edges.
const HEAD: usize = 3;

impl Default for Heads {
    fn default() -> Heads {
        Heads::new(Vec::new(), Vec::new())
    }
}

/// A trie node as `Heads::new` makes it: its children as a list (the
/// first child, then each one's next sibling, latest made first), its
/// byte and its number of children.
#[derive(Clone, Copy, Default)]
struct Node {
    first: u32,
    next: u32,
    byte: u8,
    children: u32,
}

impl Heads {
    pub(super) fn new(lits: Vec<Vec<u8>>, owners: Vec<Vec<u32>>) -> Heads {
        // The trie as lists of children (most nodes have one), nodes
        // numbered as made (the root 0), then each record written whole
        // in one pass: gathering every edge in a list, sorting it by node
        // and appending each record piece by piece over a dozen passes was
        // most of the start-up of a page.
        let most: usize = lits.iter().map(Vec::len).sum();
        let mut root_child = [0u32; 256];
        let mut nodes: Vec<Node> = Vec::with_capacity(most + 1);
        nodes.push(Node::default());
        let mut at_end = Vec::with_capacity(lits.len());
        for l in &lits {
            let mut at = 0u32;
            for &b in l {
                let b = b.to_ascii_lowercase();
                let found = if at == 0 {
                    root_child[usize::from(b)]
                } else {
                    let mut c = nodes[at as usize].first;
                    while c != 0 && nodes[c as usize].byte != b {
                        c = nodes[c as usize].next;
                    }
                    c
                };
                at = if found != 0 {
                    found
                } else {
                    let c = nodes.len() as u32;
                    let next = if at == 0 {
                        root_child[usize::from(b)] = c;
                        0
                    } else {
                        std::mem::replace(&mut nodes[at as usize].first, c)
                    };
                    nodes[at as usize].children += 1;
                    nodes.push(Node {
                        first: 0,
                        next,
                        byte: b,
                        children: 0,
                    });
                    c
                };
            }
            at_end.push(at);
        }
        drop(lits);
        let mut ends: Vec<(u32, u32)> = Vec::new();
        for (&at, o) in at_end.iter().zip(owners) {
            ends.extend(o.into_iter().map(|p| (at, p)));
        }
        // (A few thousand.)
        ends.sort_unstable();
        ends.dedup();
        // Where each record starts: its head, its bytes' words, a target
        // per edge.
        let n = nodes.len();
        let mut start = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        start.push(total);
        for node in &nodes {
            let e = node.children as usize;
            total += (HEAD + e.div_ceil(4) + e) as u32;
            start.push(total);
        }
        let mut data: Vec<u32> = Vec::with_capacity(total as usize);
        // A node's children, by byte.
        let mut kids: Vec<(u8, u32)> = Vec::with_capacity(256);
        let mut owned_to = 0usize;
        for (k, node) in nodes.iter().enumerate() {
            let lo = owned_to;
            while ends.get(owned_to).is_some_and(|e| e.0 as usize == k) {
                owned_to += 1;
            }
            kids.clear();
            if k == 0 {
                kids.extend((0..=255u8).zip(root_child).filter(|&(_, c)| c != 0));
            } else {
                let mut c = node.first;
                while c != 0 {
                    let child = &nodes[c as usize];
                    kids.push((child.byte, c));
                    c = child.next;
                }
                if kids.len() > 1 {
                    kids.sort_unstable();
                }
            }
            data.extend([lo as u32, owned_to as u32, kids.len() as u32]);
            data.extend(kids.chunks(4).map(|four| {
                (four.iter().enumerate()).fold(0u32, |w, (j, &(b, _))| w | u32::from(b) << (8 * j))
            }));
            data.extend(kids.iter().map(|&(_, c)| start[c as usize]));
        }
        // The edges of the record at `at`, by byte: (byte, target).
        let edges_at = |at: usize| {
            let e = data[at + 2] as usize;
            let (bytes, to) = data[at + HEAD..].split_at(e.div_ceil(4));
            (0..e).map(move |j| ((bytes[j / 4] >> (8 * (j % 4))) as u8, to[j]))
        };
        let mut root = Box::new([0u32; 256]);
        for (b, to) in edges_at(0) {
            root[usize::from(b)] = to;
            // The walk folds the text's case: an upper-case byte leads
            // where its lower case does.
            root[usize::from(b.to_ascii_uppercase())] = to;
        }
        // The second bytes (folded), each a column; the root's children,
        // each a row.
        let (mut class, mut classes) = (Box::new([0u8; 256]), 1usize);
        let mut row = Box::new([0u16; 256]);
        let mut rows = 1usize;
        let mut owned = [0u64; 4];
        for (b, _) in edges_at(0) {
            for c in [b, b.to_ascii_uppercase()] {
                row[usize::from(c)] = rows as u16;
            }
            rows += 1;
        }
        // Columns numbered in the order of the root's children as made,
        // each one's children by byte. (At most 230 second bytes,
        // folded: a column fits in a byte.)
        let mut tops: Vec<u32> = root_child.into_iter().filter(|&c| c != 0).collect();
        tops.sort_unstable();
        for &top in &tops {
            for (b, _) in edges_at(start[top as usize] as usize) {
                if class[usize::from(b)] == 0 {
                    for c in [b, b.to_ascii_uppercase()] {
                        class[usize::from(c)] = classes as u8;
                    }
                    classes += 1;
                }
            }
        }
        let mut pairs = vec![0u32; rows * classes];
        for (b0, to0) in edges_at(0) {
            let r = usize::from(row[usize::from(b0)]);
            let at = to0 as usize;
            if data[at] != data[at + 1] {
                for c in [b0, b0.to_ascii_uppercase()] {
                    owned[usize::from(c / 64)] |= 1 << (c % 64);
                }
            }
            for (b1, to1) in edges_at(at) {
                pairs[r * classes + usize::from(class[usize::from(b1)])] = to1;
            }
        }
        Heads {
            data,
            root,
            owners: ends.iter().map(|e| e.1).collect(),
            pairs,
            row,
            class,
            classes,
            owned,
        }
    }

    /// Call `hit` with the patterns of every literal `text` starts with.
    #[cfg(test)]
    pub(super) fn find(&self, text: &[u8], hit: impl FnMut(u32)) {
        self.find_begun(text, self.begin(text), hit)
    }

    /// The first two steps of `find`'s walk over `text`, and the record of
    /// the node they lead to read: a node record is mostly a cache miss,
    /// and read here, ahead of other work, the load is under way while
    /// that work runs (`find_begun` takes it up).
    pub(super) fn begin(&self, text: &[u8]) -> Begun {
        let none = Begun {
            at: 0,
            head: [0; HEAD],
        };
        let [first, second, ..] = *text else {
            return none;
        };
        let r = usize::from(self.row[usize::from(first)]);
        let col = usize::from(self.class[usize::from(second)]);
        let at = match r {
            0 => 0,
            _ => self
                .pairs
                .get(r * self.classes + col)
                .map_or(0, |&a| a as usize),
        };
        match self.data.get(at..at + HEAD) {
            Some(&[lo, hi, edges]) if at != 0 => Begun {
                at,
                head: [lo, hi, edges],
            },
            _ => none,
        }
    }

    /// `find` with its first two steps taken by `begin` (of the same text).
    #[inline]
    pub(super) fn find_begun(&self, text: &[u8], begun: Begun, mut hit: impl FnMut(u32)) {
        let Some(&first) = text.first() else {
            return;
        };
        if self.owned[usize::from(first / 64)] >> (first % 64) & 1 != 0 {
            self.root_owners(first, &mut hit);
        }
        if begun.at != 0 {
            self.descend(begun.at, begun.head, text.iter().skip(2), hit);
        }
    }

    /// Call `hit` with the patterns of every literal that, written
    /// backwards, `text` ends with (a `Heads` of reversed literals finds
    /// the suffixes of a text).
    pub(super) fn find_back(&self, text: &[u8], hit: impl FnMut(u32)) {
        self.walk(text.iter().rev(), hit)
    }

    /// The patterns of the one-byte literal `first` (either case).
    fn root_owners(&self, first: u8, hit: &mut impl FnMut(u32)) {
        let at = self.root[usize::from(first)] as usize;
        if let Some(&[lo, hi]) = self.data.get(at..at + 2)
            && let Some(o) = self.owners.get(lo as usize..hi as usize)
        {
            o.iter().for_each(|&p| hit(p));
        }
    }

    #[inline]
    fn walk<'a>(&self, mut bytes: impl Iterator<Item = &'a u8>, mut hit: impl FnMut(u32)) {
        let Some(&first) = bytes.next() else {
            return;
        };
        let r = usize::from(self.row[usize::from(first)]);
        if r == 0 {
            return;
        }
        if self.owned[usize::from(first / 64)] >> (first % 64) & 1 != 0 {
            self.root_owners(first, &mut hit);
        }
        let Some(&second) = bytes.next() else {
            return;
        };
        let col = usize::from(self.class[usize::from(second)]);
        let at = self
            .pairs
            .get(r * self.classes + col)
            .map_or(0, |&a| a as usize);
        if let Some(&[lo, hi, edges]) = self.data.get(at..at + HEAD)
            && at != 0
        {
            self.descend(at, [lo, hi, edges], bytes, hit);
        }
    }

    /// The walk from the node at `at` (not 0), whose record's head is
    /// `head`, on along `bytes`.
    fn descend<'a>(
        &self,
        mut at: usize,
        head: [u32; HEAD],
        mut bytes: impl Iterator<Item = &'a u8>,
        mut hit: impl FnMut(u32),
    ) {
        let [mut lo, mut hi, mut edges] = head;
        loop {
            if let Some(o) = self.owners.get(lo as usize..hi as usize) {
                o.iter().for_each(|&p| hit(p));
            }
            let Some(&b) = bytes.next() else {
                return;
            };
            let from = at + HEAD;
            let n = edges as usize;
            let words = n.div_ceil(4);
            at = match self.data.get(from..from + words + n) {
                Some(e) => {
                    let (bytes, to) = e.split_at(words);
                    edge(bytes, n, b.to_ascii_lowercase()).map_or(0, |k| to[k] as usize)
                }
                None => 0,
            };
            match self.data.get(at..at + HEAD) {
                Some(&[l, h, e]) if at != 0 => [lo, hi, edges] = [l, h, e],
                _ => return,
            }
        }
    }
}

/// Which of the `n` bytes packed four to a word in `words` (as a record
/// of `Heads` has them, each once) is `b`, if any. Four bytes a compare:
/// the scan edge by edge left the loop at a place no branch foresaw,
/// nearly once per step down.
#[inline]
fn edge(words: &[u32], n: usize, b: u8) -> Option<usize> {
    let pat = u32::from(b) * 0x0101_0101;
    for (k, &w) in words.iter().enumerate() {
        // A zero byte where `w` has `b`: the lowest byte flagged is one
        // (a borrow flags only bytes above a zero), the only one as the
        // bytes differ, or a pad byte past the `n` edges.
        let x = w ^ pat;
        let zero = x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080;
        if zero != 0 {
            let i = 4 * k + (zero.trailing_zeros() / 8) as usize;
            return (i < n).then_some(i);
        }
    }
    None
}

/// `Heads::begin`'s two steps: the node they lead to (0: none) and its
/// record's head.
pub(super) struct Begun {
    at: usize,
    head: [u32; HEAD],
}

/// Finds every occurrence of some literals (ASCII lower case) in any ASCII
/// casing, as an Aho-Corasick automaton would. Each literal of 5 bytes or
/// more is known by a run of 4-byte windows of it (its rarest, by English
/// letter frequencies), a shorter one by its own windows and those beside
/// it as the step needs: the search hashes the text's window at every
/// `step`-th position into a 16 KB bit table, and checks the literals
/// behind a set bit. An automaton over a few hundred case-folded literals
/// takes a megabyte, out of cache, and each byte's step waits for the last
/// one; these lookups stay in L1 and do not wait on each other.
#[derive(Debug, Clone)]
pub(super) struct Grams {
    lits: Vec<Vec<u8>>,
    /// The literals' bytes, one after another (`Entry::start`).
    bytes: Vec<u8>,
    /// Per literal, where its bytes are in `bytes` and how many: read
    /// only once a head matched, so not kept in each entry.
    spans: Vec<(u32, u32)>,
    /// 4-byte windows of the literals (the text's ASCII case bit set). A
    /// 3-byte literal is there under every window it starts (its bytes,
    /// then any byte with the case bit set): one table looked up per
    /// position, not two.
    four: Windows,
    /// Whether the last three bytes, where no window starts, are looked
    /// at too: a 3-byte literal may be there, or a 4-byte one known by the
    /// window a byte after it.
    tail: bool,
    /// Literals under 3 bytes, searched plainly (factors are longer).
    short: Vec<u32>,
    /// Positions apart that the scan looks at windows: every literal is
    /// known by this many windows in a row, one of which starts at a
    /// multiple of it wherever the literal is. The factors searched in a
    /// long paragraph are long (the short ones are for short lines), and
    /// looking at a quarter of its windows costs a quarter. A literal
    /// with fewer windows of its own than the step is known by the window
    /// a byte before it, or after it, or both too (one byte of the text's:
    /// 128 windows each, case bit set): short lines are looked at every
    /// other window, a paragraph whose shortest literal has 5 bytes every
    /// fourth.
    pub(super) step: usize,
}

/// Most positions apart the scan looks (more windows per literal fill the
/// bit table).
const MAX_STEP: usize = 4;

/// 2^17 bits: the windows beside the short literals, 128 each, fill a
/// table of 2^15 to a sixth, and a window that hits a set bit costs
/// several times one that does not.
const GRAM_BITS: u32 = 17;
/// A bit per hash value.
type Bits = [u64; BITS_WORDS];
const BITS_WORDS: usize = (1 << GRAM_BITS) / 64;

/// Hashed windows of literals, and behind each set bit of the table the
/// literals with that window: the first in a list indexed by the bit's
/// rank among the set bits, any others in a run of their own. A
/// window in the text and the bit for it set is a line of cache away from
/// its literal (a map of lists was four misses, each waiting on the last;
/// a list of where each bit's entries start, then the entries, two).
#[derive(Debug, Clone)]
struct Windows {
    /// A bit per hash value: an array of the hash's size, indexed without
    /// bounds checks.
    bits: Box<Bits>,
    /// Per word of `bits`: the bits set in the words before it.
    ranks: Box<[u32; BITS_WORDS]>,
    /// Per set bit, in order, its first entry.
    first: Vec<Slot>,
    /// The other entries, each bit's in a run, in the order of the bits.
    more: Vec<Slot>,
    /// Per set bit, in order, where its run in `more` starts (one more at
    /// the end): read only for a bit with more than one entry (`MORE`).
    runs: Vec<u32>,
}

/// An `Entry` as the scan reads it: 16 bytes, four to a line of cache (the
/// 32 of one with the literal's place and length, and a link to the next,
/// missed L2 on most bits hit). The literal's bytes are found by its index
/// (`Grams::spans`), only once its head matched.
#[derive(Debug, Clone, Copy)]
struct Slot {
    head: u64,
    w: u32,
    /// `k`, then `off + 1` from bit `OFF_SHIFT`, and `MORE`.
    meta: u32,
}

/// Literals at `MAX_K` or after are searched plainly (`Grams::short`).
const MAX_K: usize = 1 << OFF_SHIFT;
const OFF_SHIFT: u32 = 22;
/// Most `off` of an entry: 9 bits hold it plus one.
const MAX_OFF: usize = 510;
/// The set bit of this entry has other entries too.
const MORE: u32 = 1 << 31;

/// An entry packed as `Windows::new` sorts it: by hash, window, `off`,
/// literal (the order of (hash, `Entry`) pairs, as a literal's index
/// fixes the rest of its entry), the low 31 bits the entry's `Slot::meta`.
fn key(w: u32, off: i32, k: u32) -> u128 {
    debug_assert!((k as usize) < MAX_K && (-1..=MAX_OFF as i32).contains(&off));
    let off1 = (off + 1) as u32 & 0x1FF;
    let meta = k & (MAX_K as u32 - 1) | off1 << OFF_SHIFT;
    (gram_hash(w) as u128) << 63 | u128::from(w) << 31 | u128::from(meta)
}

impl Slot {
    fn k(&self) -> u32 {
        self.meta & (MAX_K as u32 - 1)
    }

    /// `off + 1` (`off` is -1 or more).
    #[inline]
    fn off1(&self) -> usize {
        (self.meta >> OFF_SHIFT & 0x1FF) as usize
    }

    #[cfg(test)]
    fn off(&self) -> i32 {
        self.off1() as i32 - 1
    }

    /// The bytes of `head` the literal has (its first 8 at most): those
    /// not zero, as a literal's byte with the case bit set never is.
    #[inline]
    fn mask(&self) -> u64 {
        // (No head is 0; if one were, `& 56` keeps the shift under 64.)
        u64::MAX >> (self.head.leading_zeros() & 56)
    }
}

/// A literal known by a window: the window (case bit set), where it is in
/// the literal (-1: a byte before it), and the literal (its index and its
/// bytes in `bytes`; its first 8 in `head`, case bits set, zeros past its
/// end): the record the table was built from before `key`, kept to test
/// that the keys sort as (hash, entry) pairs did.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    w: u32,
    off: i32,
    k: u32,
    start: u32,
    len: u32,
    head: u64,
}

/// The ASCII case bit of each of 8 bytes.
const CASE8: u64 = 0x2020_2020_2020_2020;

/// A literal's first 8 bytes (fewer: zeros) with the case bits set.
fn head(l: &[u8]) -> u64 {
    let mut h = [0u8; 8];
    for (j, &b) in l.iter().take(8).enumerate() {
        h[j] = b | 0x20;
    }
    u64::from_le_bytes(h)
}

impl Windows {
    /// The table of entries given as `key`s, `heads` per literal.
    fn new(mut all: Vec<u128>, heads: &[u64]) -> Windows {
        // Sorting packed keys, not (hash, entry) records of 40 bytes
        // compared field by field, was most of building the table.
        all.sort_unstable();
        all.dedup();
        let slot = |x: u128, more: bool| {
            let meta = x as u32 & !MORE;
            Slot {
                head: heads[(meta & (MAX_K as u32 - 1)) as usize],
                w: (x >> 31) as u32,
                meta: meta | if more { MORE } else { 0 },
            }
        };
        let hash = |x: u128| (x >> 63) as usize;
        let mut bits = Box::new([0u64; BITS_WORDS]);
        let mut first = Vec::new();
        let mut more: Vec<Slot> = Vec::new();
        let mut runs = Vec::new();
        for (n, &x) in all.iter().enumerate() {
            let h = hash(x);
            if n == 0 || hash(all[n - 1]) != h {
                bits[h / 64] |= 1 << (h % 64);
                let others = matches!(all.get(n + 1), Some(&y) if hash(y) == h);
                first.push(slot(x, others));
                runs.push(more.len() as u32);
            } else {
                more.push(slot(x, false));
            }
        }
        runs.push(more.len() as u32);
        let mut ranks = Box::new([0u32; BITS_WORDS]);
        let mut before = 0;
        for (r, b) in ranks.iter_mut().zip(bits.iter()) {
            *r = before;
            before += b.count_ones();
        }
        Windows {
            bits,
            ranks,
            first,
            more,
            runs,
        }
    }

    /// Every entry, for tests.
    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = &Slot> {
        self.first.iter().chain(&self.more)
    }

    #[inline]
    fn test(&self, h: usize) -> bool {
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// The rank of the set bit `h` among the set bits.
    #[inline]
    fn rank(&self, h: usize) -> usize {
        let (word, bit) = (h / 64, h % 64);
        (self.ranks[word] + (self.bits[word] & ((1u64 << bit) - 1)).count_ones()) as usize
    }

    /// The entries after the first of the set bit of rank `r`.
    #[inline]
    fn others(&self, r: usize) -> &[Slot] {
        match (self.runs.get(r), self.runs.get(r + 1)) {
            (Some(&a), Some(&b)) => self.more.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The entries of the set bit `h`: its first, then its others.
    #[cfg(test)]
    fn at(&self, h: usize) -> impl Iterator<Item = &Slot> {
        let r = self.rank(h);
        let first = self.first.get(r);
        let others = match first {
            Some(e) if e.meta & MORE != 0 => self.others(r),
            _ => &[],
        };
        first.into_iter().chain(others)
    }
}
/// The ASCII case bit of each byte of a window: a byte equal to a literal's
/// byte in some ASCII casing has the same bits once it is set.
const CASE: u32 = 0x2020_2020;

/// The first three bytes of a window: a 3-byte literal's.
const THREE: u32 = 0x00FF_FFFF;

fn gram_hash(w: u32) -> usize {
    (w.wrapping_mul(0x9E37_79B1) >> (32 - GRAM_BITS)) as usize
}

fn gram(b: &[u8]) -> u32 {
    let mut w = [0u8; 4];
    w[..b.len()].copy_from_slice(b);
    u32::from_le_bytes(w) | CASE
}

/// English letter frequencies, per mille, 'a' to 'z': the rarity models
/// of the literal search and of `seqs` both rank bytes by them.
pub(super) const LETTERS: [f64; 26] = [
    82., 15., 28., 43., 127., 22., 20., 61., 70., 2., 8., 40., 24., 67., 75., 19., 1., 60., 63.,
    91., 28., 10., 24., 2., 20., 1.,
];

/// How common a byte is in text, roughly (per mille; letters by English
/// frequency): the window with the smallest product is the rarest.
fn commonness(b: u8) -> f64 {
    match b {
        b'a'..=b'z' => LETTERS[(b - b'a') as usize],
        b' ' => 180.,
        _ => 5.,
    }
}

/// Where in `l` its rarest byte is (`commonness`; the first of equals).
pub(super) fn rarest(l: &[u8]) -> usize {
    (0..l.len())
        .min_by(|&a, &b| f64::total_cmp(&commonness(l[a]), &commonness(l[b])))
        .unwrap_or(0)
}

/// The bytes with the ASCII case bit set, in order (made, not filtered
/// out of all 256: this is looped over for each short literal).
/// How many entries `Grams::new` makes for its `k`th literal, of `len`
/// bytes, at `step`: its own windows (a 3-byte one's 128), and 128 for
/// each window beside it the step needs (one, or both).
fn entries(k: usize, len: usize, step: usize) -> usize {
    if k >= MAX_K || len < 3 {
        return 0;
    }
    let n = if len < 3 + step { len.max(4) - 3 } else { step };
    let own = if len == 3 { 128 } else { n };
    own + 128 * step.saturating_sub(n).min(2)
}

fn with_case_bit() -> impl Iterator<Item = u32> {
    (0..128u32).map(|j| j & 0x1F | 0x20 | (j >> 5) << 6)
}

impl Grams {
    /// The step of a search whose shortest literal has `shortest` bytes.
    pub(super) fn step_for(shortest: usize) -> usize {
        // A literal of n bytes, 3 or more, is known by its windows and
        // the two beside it: n - 1 windows in a row (2 for 3 bytes: the
        // window after one of 3 has two bytes of the text's).
        shortest.saturating_sub(1).clamp(2, MAX_STEP)
    }

    pub(super) fn new(lits: &[Vec<u8>]) -> Grams {
        let step = Grams::step_for(lits.iter().map(Vec::len).min().unwrap_or(4));
        let mut short = Vec::new();
        let mut bytes = Vec::new();
        let mut spans = Vec::new();
        // Room for every entry at once: grown step by step, it was
        // reallocated some fifty times per table.
        let room: usize = (lits.iter().enumerate())
            .map(|(k, l)| entries(k, l.len(), step))
            .sum();
        let (mut four, mut tail) = (Vec::with_capacity(room), false);
        let heads: Vec<u64> = lits.iter().map(|l| head(l)).collect();
        let mut prods: Vec<f64> = Vec::new();
        // How common the 3 bytes of a literal in a window beside it are
        // (the other is any byte).
        let rare3 = |b: &[u8]| b.iter().map(|&b| commonness(b)).product::<f64>();
        for (k, l) in lits.iter().enumerate() {
            let start = bytes.len() as u32;
            spans.push((start, l.len() as u32));
            let (off, n) = match l.len() {
                // (`k` past what an entry holds: never so many.)
                _ if k >= MAX_K => {
                    short.push(k as u32);
                    continue;
                }
                0..=2 => {
                    short.push(k as u32);
                    continue;
                }
                // Fewer windows of its own than the step: all of them
                // (the 3-byte one's below), and some beside it.
                n if n < 3 + step => (0, n.max(4) - 3),
                n => {
                    // The rarest run of `step` windows.
                    // Each window's product once, not once per run it is in
                    // (in one buffer for all).
                    prods.clear();
                    prods.extend(
                        (0..=n - 4)
                            .map(|o| l[o..o + 4].iter().map(|&b| commonness(b)).product::<f64>()),
                    );
                    let score = |o: usize| -> f64 { prods[o..o + step].iter().sum() };
                    // (At most `MAX_OFF`: what an entry holds.)
                    let off = (0..=(n - 3 - step).min(MAX_OFF + 1 - step))
                        .min_by(|&a, &b| f64::total_cmp(&score(a), &score(b)))
                        .unwrap_or(0);
                    (off, step)
                }
            };
            bytes.extend_from_slice(l);
            let entry = |w: u32, off: i32| key(w, off, k as u32);
            // The byte of a window that is the text's has its case bit
            // set: 128 values, each a window of its own.
            let any = with_case_bit;
            let len = l.len();
            if len == 3 {
                let w3 = gram(l) & THREE;
                for b in any() {
                    let w = w3 | b << 24;
                    four.push(entry(w, 0));
                }
            } else {
                for off in off..off + n {
                    let w = gram(&l[off..off + 4]);
                    four.push(entry(w, off as i32));
                }
            }
            // The windows beside it: before it, after it (not for 3 bytes:
            // that one has two of the text's), or the rarer, as the step
            // needs.
            let (head3, last3) = (&l[..3], &l[len - 3..]);
            let (before, after) = match step.saturating_sub(n) {
                0 => (false, false),
                1 => {
                    let before = len == 3 || rare3(head3) <= rare3(last3);
                    (before, !before)
                }
                _ => (true, true),
            };
            for b in any() {
                if before {
                    let w = (gram(head3) & THREE) << 8 | b;
                    four.push(entry(w, -1));
                }
                if after {
                    let w = gram(last3) & THREE | b << 24;
                    four.push(entry(w, len as i32 - 3));
                }
            }
            // Found in the last three bytes, where no window starts.
            tail |= len == 3 || after;
        }
        // (`entries` counts what the loop makes, no more: its tests check.)
        if cfg!(test) {
            assert_eq!(four.len(), room);
        }
        Grams {
            lits: lits.to_vec(),
            bytes,
            spans,
            four: Windows::new(four, &heads),
            tail,
            short,
            step,
        }
    }

    /// Call `hit` with the index of every literal at `hay[i..]` whose window
    /// is `w` (hashed `h`, its bit set in `t`), found at `i + offset`.
    #[inline(always)]
    fn check(
        &self,
        t: &Windows,
        hay: &[u8],
        i: usize,
        w: u32,
        h: usize,
        hit: &mut impl FnMut(usize),
    ) {
        let r = t.rank(h);
        let Some(e) = t.first.get(r) else {
            return;
        };
        self.check_one(e, hay, i, w, hit);
        if e.meta & MORE != 0 {
            for e in t.others(r) {
                self.check_one(e, hay, i, w, hit);
            }
        }
    }

    /// `check` of one entry.
    #[inline(always)]
    fn check_one(&self, e: &Slot, hay: &[u8], i: usize, w: u32, hit: &mut impl FnMut(usize)) {
        if e.w != w {
            return;
        }
        let Some(s) = (i + 1).checked_sub(e.off1()) else {
            return;
        };
        // Most windows found are of a common word (`cont`, ` you`)
        // that several literals share: their first 8 bytes, compared
        // at once, turn nearly all of those away.
        if let Some(t) = hay.get(s..s + 8) {
            let x = u64::from_le_bytes([t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]]);
            if (x | CASE8) & e.mask() != e.head {
                return;
            }
        }
        let k = e.k() as usize;
        let Some(&(a, len)) = self.spans.get(k) else {
            return;
        };
        let (a, len) = (a as usize, len as usize);
        if let (Some(t), Some(l)) = (hay.get(s..s + len), self.bytes.get(a..a + len))
            && t.eq_ignore_ascii_case(l)
        {
            hit(k);
        }
    }

    /// The windows of `scan` at every `S`-th position (`S`: the step, at
    /// most `MAX_STEP`): a step known when compiled lets the rest of the
    /// text move on with no check, where a plain index had each window
    /// checked for its end and for overflow.
    ///
    /// With `C`, also the or of `of` over the bytes it passes (the first
    /// `S` of each window), and where they end: the rest of `hay` is
    /// left for the caller.
    #[inline(always)]
    fn scan_apart<const S: usize, const C: bool>(
        &self,
        hay: &[u8],
        of: &[u64; 256],
        hit: &mut impl FnMut(usize),
    ) -> (u64, usize) {
        const { assert!(S >= 1 && S <= MAX_STEP) };
        let four = &self.four;
        let mut rest = hay;
        let mut held = 0u64;
        while let [a, b, c, d, ..] = *rest {
            if C {
                let o = |x: u8| of[usize::from(x)];
                held |= match S {
                    1 => o(a),
                    2 => o(a) | o(b),
                    3 => (o(a) | o(b)) | o(c),
                    _ => (o(a) | o(b)) | (o(c) | o(d)),
                };
            }
            let w = u32::from_le_bytes([a, b, c, d]) | CASE;
            let h = gram_hash(w);
            if four.test(h) {
                self.check(four, hay, hay.len() - rest.len(), w, h, hit);
            }
            rest = &rest[S..];
        }
        let passed = hay.len() - rest.len();
        // The last three bytes, where no window starts: a 3-byte literal
        // is under every window it starts, one with a space after it too,
        // and so is a longer one by the window a byte after it. They are
        // looked at as a window would be there: if the step falls there
        // (elsewhere a window of the same literals was looked at). (Here,
        // where the step is known when compiled: with `self.step` the
        // remainder was a division.)
        let n = hay.len();
        if self.tail
            && let Some(i) = n.checked_sub(3)
            && i % S == 0
            && let Some(&[a, b, c]) = hay.get(i..)
        {
            let w = u32::from_le_bytes([a, b, c, b' ']) | CASE;
            let h = gram_hash(w);
            if four.test(h) {
                self.check(four, hay, i, w, h, hit);
            }
        }
        (held, passed)
    }

    /// Call `hit` with the literal index of every occurrence in `hay`.
    #[inline]
    pub(super) fn scan(&self, hay: &[u8], hit: impl FnMut(usize)) {
        static NONE: [u64; 256] = [0; 256];
        self.scan_or::<false>(hay, &NONE, hit);
    }

    /// `scan`, and the or of `of` over the bytes of `hay` before the
    /// place it returns (the bytes after it are fewer than eight): the
    /// scan reads them anyway, where a pass of its own read each again.
    #[inline]
    pub(super) fn scan_classes(
        &self,
        hay: &[u8],
        of: &[u64; 256],
        hit: impl FnMut(usize),
    ) -> (u64, usize) {
        self.scan_or::<true>(hay, of, hit)
    }

    /// `scan`, with `scan_apart`'s or of `of` if `C`.
    #[inline]
    fn scan_or<const C: bool>(
        &self,
        hay: &[u8],
        of: &[u64; 256],
        mut hit: impl FnMut(usize),
    ) -> (u64, usize) {
        // Every `step`-th window: each literal has one there.
        // (`windows().step_by()` took half again the steps.)
        let out = match self.step {
            2 => self.scan_apart::<2, C>(hay, of, &mut hit),
            3 => self.scan_apart::<3, C>(hay, of, &mut hit),
            4 => self.scan_apart::<4, C>(hay, of, &mut hit),
            // Not made (`step_for`).
            _ => self.scan_apart::<1, C>(hay, of, &mut hit),
        };
        for &k in &self.short {
            let l = &self.lits[k as usize];
            for t in hay.windows(l.len()) {
                if t.eq_ignore_ascii_case(l) {
                    hit(k as usize);
                }
            }
        }
        out
    }
}

/// Finds every occurrence of literals that start with a byte rare in text
/// (`(`, `%`, ...; see `takes`), in any ASCII casing: each place the text
/// holds one of those bytes (a `memchr` skips the rest) is compared with
/// the literals it leads. `Grams` looks at every `step`-th window, the step
/// set by its shortest literal: one short literal such as `(ap` there has
/// every window of every paragraph looked at.
#[derive(Debug, Clone, Default)]
pub(super) struct Leads {
    /// The lead bytes, each once.
    bytes: Vec<u8>,
    /// The literals (ASCII lower case) with the set patterns each is a
    /// factor of.
    lits: Vec<(Vec<u8>, Vec<u32>)>,
}

impl Leads {
    /// Whether a literal is searched from its first byte: one that has no
    /// case and is rare in prose (not a letter, digit, space or the
    /// punctuation of sentences).
    pub(super) fn takes(lit: &[u8]) -> bool {
        matches!(
            lit.first(),
            Some(
                b'(' | b'['
                    | b'{'
                    | b'<'
                    | b'%'
                    | b'#'
                    | b'@'
                    | b'|'
                    | b'*'
                    | b'~'
                    | b'^'
                    | b'$'
                    | b'&'
                    | b'+'
                    | b'='
                    | b'\\'
            )
        )
    }

    pub(super) fn new(lits: Vec<(Vec<u8>, Vec<u32>)>) -> Leads {
        let mut bytes: Vec<u8> = lits
            .iter()
            .filter_map(|(l, _)| l.first().copied())
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        Leads { bytes, lits }
    }

    /// Call `hit` with the patterns of every literal `hay` holds (once per
    /// occurrence).
    #[inline]
    pub(super) fn scan(&self, hay: &[u8], mut hit: impl FnMut(u32)) {
        let mut at = |p: usize| {
            let rest = &hay[p..];
            for (l, owners) in &self.lits {
                if rest.len() >= l.len() && rest[..l.len()].eq_ignore_ascii_case(l) {
                    owners.iter().for_each(|&o| hit(o));
                }
            }
        };
        match self.bytes[..] {
            [] => {}
            [a] => memchr::memchr_iter(a, hay).for_each(&mut at),
            [a, b] => memchr::memchr2_iter(a, b, hay).for_each(&mut at),
            [a, b, c] => memchr::memchr3_iter(a, b, c, hay).for_each(&mut at),
            _ => (0..hay.len())
                .filter(|&p| self.bytes.contains(&hay[p]))
                .for_each(&mut at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Literals of 3 and 4 bytes at step 2, each known by its own window
    /// and one beside it (before it, or after a 4-byte one whose window
    /// after is rarer): every occurrence is reported once, at either
    /// parity and at the text's end, as a case-folding count finds them.
    /// Literals of 4 to 6 bytes at steps 3 and 4, short of windows of
    /// their own: known by the window before them, after them or both,
    /// they are found as a case-folding count finds them.
    #[test]
    fn literals_short_of_windows_are_found_by_those_beside_them() {
        let pieces = [
            "share", "SHARE", "posted", "cookies", "é", " ", "x", "shar", "ookie", "post", "ted",
            "is a ", "IS A ", "teaseq", "TeaSeq", "tease",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x00be_51de);
        for (lits, step, before, after) in [
            (vec!["post", "cookies"], 3, true, true),
            (vec!["share", "cookies"], 4, true, true),
            (vec!["posted", "cookies"], 4, true, false),
            (vec!["teaseq", "cookies"], 4, false, true),
            (vec![" is a ", "cookies"], 4, true, false),
        ] {
            let lits: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
            let grams = Grams::new(&lits);
            assert_eq!(grams.step, step);
            let len = lits[0].len() as i32;
            let offs = first_offsets(&grams);
            assert_eq!(offs.contains(&-1), before, "{lits:?}");
            assert_eq!(offs.contains(&(len - 3)), after, "{lits:?}");
            for _ in 0..600 {
                let mut hay = Vec::new();
                for _ in 0..rng.below(9) {
                    hay.extend_from_slice(pieces[rng.below(pieces.len())].as_bytes());
                }
                let mut got = vec![0; lits.len()];
                grams.scan(&hay, |k| got[k] += 1);
                let want: Vec<usize> = lits
                    .iter()
                    .map(|l| {
                        hay.windows(l.len())
                            .filter(|t| t.eq_ignore_ascii_case(l))
                            .count()
                    })
                    .collect();
                assert_eq!(got, want, "{:?} {lits:?}", String::from_utf8_lossy(&hay));
            }
        }
    }

    /// Where the windows of literal 0 stand in it (`off`), entry by entry.
    fn first_offsets(grams: &Grams) -> Vec<i32> {
        grams
            .four
            .entries()
            .filter(|e| e.k() == 0)
            .map(|e| e.off())
            .collect()
    }

    /// A literal longer than an entry's `off` can reach is known by
    /// windows within reach (its rarest run further on is not), and found
    /// where a count finds it.
    #[test]
    fn long_literals_are_known_by_windows_an_entry_holds() {
        let mut long = vec![b'e'; 700];
        long[650..654].copy_from_slice(b"qzjx");
        long[100..104].copy_from_slice(b"vwky");
        let lits = vec![long.clone(), b"cookies".to_vec()];
        let grams = Grams::new(&lits);
        let offs = first_offsets(&grams);
        assert!(
            !offs.is_empty() && offs.iter().all(|&o| o <= MAX_OFF as i32),
            "{offs:?}"
        );
        for pre in 0..9 {
            let mut hay = b"x".repeat(pre);
            hay.extend_from_slice(&long.to_ascii_uppercase());
            hay.extend_from_slice(b" cookies ");
            hay.extend_from_slice(&long);
            let mut got = vec![0; 2];
            grams.scan(&hay, |k| got[k] += 1);
            assert_eq!(got, [2, 1], "{pre}");
        }
    }

    #[test]
    fn short_literals_at_step_two_are_found_where_a_count_finds_them() {
        let lits: Vec<Vec<u8>> = ["afp", "post", " apr", "cookies"]
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        let grams = Grams::new(&lits);
        assert_eq!(grams.step, 2);
        // `afp` and `post` by the window before them, ` apr` after.
        let beside: Vec<(u32, i32)> = grams.four.entries().map(|e| (e.k(), e.off())).collect();
        for want in [(0, -1), (1, -1), (2, 1)] {
            assert!(beside.contains(&want), "{want:?}");
        }
        assert!(!beside.contains(&(2, -1)) && !beside.contains(&(3, -1)));
        let pieces = [
            "afp", "AFP", "post", "PoSt", " apr", " APR", "cookies", "x", " ", "é", "af", "pos",
            " ap", "Cookie",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x5e_c0de);
        // Occurrences at an odd place (found by the window beside), and
        // ending the text at an odd length (the last three bytes looked
        // at) and an even one (not looked at).
        let (mut odd, mut end_odd, mut end_even) = ([0; 3], 0, 0);
        for _ in 0..3000 {
            let mut hay = Vec::new();
            for _ in 0..rng.below(8) {
                hay.extend_from_slice(pieces[rng.below(pieces.len())].as_bytes());
            }
            let mut got = vec![0; lits.len()];
            grams.scan(&hay, |k| got[k] += 1);
            let mut want = vec![0; lits.len()];
            for (k, l) in lits.iter().enumerate() {
                for (p, t) in hay.windows(l.len()).enumerate() {
                    if t.eq_ignore_ascii_case(l) {
                        want[k] += 1;
                        if k < 3 && p % 2 == 1 {
                            odd[k] += 1;
                        }
                        if k < 3 && p + l.len() == hay.len() {
                            *(if hay.len() % 2 == 1 {
                                &mut end_odd
                            } else {
                                &mut end_even
                            }) += 1;
                        }
                    }
                }
            }
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(&hay));
        }
        assert!(odd.iter().all(|&n| n > 50), "{odd:?}");
        assert!(end_odd > 50 && end_even > 50, "{end_odd} {end_even}");
    }

    /// Each set bit leads to its entries, in order, and to no other: its
    /// first by the bit's rank, the rest in its run (on made-up entries,
    /// many bits holding several, some one, hashes at the table's ends
    /// among them).
    #[test]
    fn each_bit_leads_to_its_entries_in_order() {
        let mut rng = crate::test_rng::XorShift::new(0xc4a1);
        let (mut several, mut one) = (0, 0);
        // The inverse of `gram_hash`'s factor (Newton's iteration).
        let inverse = (0..5).fold(0x9E37_79B1u32, |x, _| {
            x.wrapping_mul(2u32.wrapping_sub(0x9E37_79B1u32.wrapping_mul(x)))
        });
        assert_eq!(inverse.wrapping_mul(0x9E37_79B1), 1);
        for _ in 0..200 {
            let n = 1 + rng.below(300);
            let hashes = 1 + rng.below(40);
            let pool: Vec<usize> = (0..hashes)
                .map(|j| match j {
                    0 => 0,
                    1 => (1 << GRAM_BITS) - 1,
                    _ => rng.below(1 << GRAM_BITS),
                })
                .collect();
            // A literal's index fixes its place, length and head, as in a
            // table of literals.
            let lens: Vec<u32> = (0..50).map(|_| 3 + rng.below(12) as u32).collect();
            let heads: Vec<u64> = (0..50)
                .map(|k| head(&b"abcdefgh"[..lens[k].min(8) as usize]) ^ (k % 26) as u64)
                .collect();
            let all: Vec<(usize, Entry)> = (0..n)
                .map(|_| {
                    let k = rng.below(50);
                    let len = lens[k];
                    // A hash from the pool, a window that hashes to it
                    // (one of a few: windows of a hash are told apart).
                    let h = pool[rng.below(pool.len())];
                    let low = rng.below(3) as u32 * 0x2A5;
                    let w = ((h as u32) << (32 - GRAM_BITS) | low).wrapping_mul(inverse);
                    let e = Entry {
                        w,
                        off: rng.below(len as usize - 2) as i32 - 1,
                        k: k as u32,
                        start: 16 * k as u32,
                        len,
                        head: heads[k],
                    };
                    assert_eq!(gram_hash(w), h);
                    (h, e)
                })
                .collect();
            let mut want = all.clone();
            want.sort_unstable();
            want.dedup();
            let keys = all.iter().map(|(_, e)| key(e.w, e.off, e.k)).collect();
            let t = Windows::new(keys, &heads);
            let mut got = Vec::new();
            for h in 0..1usize << GRAM_BITS {
                if !t.test(h) {
                    assert!(want.iter().all(|&(g, _)| g != h));
                    continue;
                }
                match t.at(h).count() {
                    1 => one += 1,
                    _ => several += 1,
                }
                for e in t.at(h) {
                    got.push((h, (e.w, e.off(), e.k(), e.head)));
                }
            }
            let want: Vec<_> = want
                .iter()
                .map(|&(h, e)| (h, (e.w, e.off, e.k, e.head)))
                .collect();
            assert_eq!(got, want);
            // The mask covers the head's bytes, as many as the literal has.
            for e in t.entries() {
                assert_eq!(e.mask() & CASE8, e.head & CASE8, "{:x}", e.head);
            }
        }
        assert!(several > 100 && one > 100, "{several} {one}");
    }

    #[test]
    fn with_case_bit_is_the_bytes_with_it_in_order() {
        let want: Vec<u32> = (0..=255u32).filter(|b| b & 0x20 != 0).collect();
        assert_eq!(with_case_bit().collect::<Vec<_>>(), want);
    }

    /// `edge` finds a byte among those packed four to a word as a search
    /// edge by edge does: on made-up sets of 0 to 13 distinct bytes (zero
    /// and 0x80 and up among them, pads of zeros past the last), for
    /// every byte; each place is found, and bytes not there are not.
    #[test]
    fn edge_finds_a_byte_as_a_linear_search() {
        let mut rng = crate::test_rng::XorShift::new(0xed6e);
        let mut found = [0usize; 13];
        let mut missed = 0;
        for _ in 0..400 {
            let n = rng.below(14);
            let mut bytes: Vec<u8> = Vec::new();
            while bytes.len() < n {
                let b = match rng.below(4) {
                    0 => 0,
                    1 => 0x80 + rng.below(128) as u8,
                    _ => rng.below(256) as u8,
                };
                if !bytes.contains(&b) {
                    bytes.push(b);
                }
            }
            let words: Vec<u32> = bytes
                .chunks(4)
                .map(|c| {
                    let mut w = [0u8; 4];
                    w[..c.len()].copy_from_slice(c);
                    u32::from_le_bytes(w)
                })
                .collect();
            for b in 0..=255u8 {
                let want = bytes.iter().position(|&x| x == b);
                assert_eq!(edge(&words, n, b), want, "{bytes:?} {b}");
                match want {
                    Some(i) => found[i] += 1,
                    None => missed += 1,
                }
            }
        }
        assert!(found.iter().all(|&k| k > 10) && missed > 1000, "{found:?}");
    }
}
