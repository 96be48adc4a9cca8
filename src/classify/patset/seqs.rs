//! Runs of byte classes a match must hold in a row (`[0-9][/.-][0-9]` for
//! `[0-9]{1,2}[/.-][0-9]{1,2}`, `\xC2\xA9` for `©`), for patterns with no
//! literal to search for. Such a pattern is otherwise run on every text
//! that has the bytes it needs somewhere (a digit and a dot), which is most
//! of them, and its DFA walks a chain of states (`[^0-9\n]{1,40}` counts)
//! that is out of cache each time. All the runs are found in one pass over
//! the text by a shift-and (bitap) over bit lanes, a few steps per byte.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::factors::ByteSet;

/// A run: per position, the bytes that can be there.
pub(super) type Seq = Vec<ByteSet>;

/// Longest run kept while a pattern is taken apart (a counted repetition
/// is spelled out up to this).
const CAP: usize = 64;
/// Longest run searched (positions, a bit each).
const MAX_LEN: usize = 8;
/// Runs searched at most per pattern.
const PER_PATTERN: usize = 2;
/// A run this likely in text (see `chance`) is not worth a lane.
const MAX_CHANCE: f64 = 2e-4;

/// What is known of every match of a part of a pattern.
enum Shape {
    /// Every match is as long as the run, each byte in its class.
    Exact(Seq),
    /// Every match starts with `head` and ends with `tail` (empty: nothing
    /// known; a match may be shorter than both together: they overlap).
    Open { head: Seq, tail: Seq },
}

fn set_of(bytes: impl IntoIterator<Item = u8>) -> ByteSet {
    let mut s = [0u64; 4];
    for b in bytes {
        s[usize::from(b / 64)] |= 1 << (b % 64);
    }
    s
}

fn union(a: &ByteSet, b: &ByteSet) -> ByteSet {
    [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]]
}

/// The first `n` positions of `s`.
fn first(mut s: Seq, n: usize) -> Seq {
    s.truncate(n);
    s
}

/// The last `n` positions of `s`.
fn last(mut s: Seq, n: usize) -> Seq {
    let cut = s.len().saturating_sub(n);
    s.drain(..cut);
    s
}

impl Shape {
    fn head(&self) -> &Seq {
        match self {
            Shape::Exact(s) => s,
            Shape::Open { head, .. } => head,
        }
    }

    fn tail(&self) -> &Seq {
        match self {
            Shape::Exact(s) => s,
            Shape::Open { tail, .. } => tail,
        }
    }
}

/// The shape of `h`; runs every match holds inside it go to `out`.
fn shape(h: &Hir, out: &mut Vec<Seq>) -> Shape {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Shape::Exact(Vec::new()),
        HirKind::Literal(l) => Shape::Exact(l.0.iter().map(|&b| set_of([b])).collect()),
        HirKind::Class(Class::Bytes(c)) => Shape::Exact(vec![set_of(
            c.ranges().iter().flat_map(|r| r.start()..=r.end()),
        )]),
        HirKind::Class(Class::Unicode(c)) => {
            let (mut one, mut lead, mut wide) = ([0u64; 4], [0u64; 4], false);
            let enc = |ch: char| {
                let mut b = [0; 4];
                let n = ch.encode_utf8(&mut b).len();
                (b, n)
            };
            for r in c.ranges() {
                if r.start() <= '\x7f' {
                    one = union(&one, &set_of(r.start() as u8..=r.end().min('\x7f') as u8));
                }
                if r.end() > '\x7f' {
                    wide = true;
                    // UTF-8 keeps the order: the leading bytes of a range
                    // are those from its first character's to its last's.
                    let (a, _) = enc(r.start().max('\u{80}'));
                    let (z, _) = enc(r.end());
                    lead = union(&lead, &set_of(a[0]..=z[0]));
                }
            }
            if !wide {
                return Shape::Exact(vec![one]);
            }
            match c.ranges() {
                // One character: its bytes.
                [r] if r.start() == r.end() => {
                    let (b, n) = enc(r.start());
                    Shape::Exact(b[..n].iter().map(|&b| set_of([b])).collect())
                }
                // A character of one byte or of several: its first byte is
                // one of these, its last one of those.
                _ => Shape::Open {
                    head: vec![union(&one, &lead)],
                    tail: vec![union(&one, &set_of(0x80..=0xBF))],
                },
            }
        }
        HirKind::Capture(c) => shape(&c.sub, out),
        HirKind::Repetition(r) => {
            if r.min == 0 {
                // It may match nothing: what its part holds is not held.
                return Shape::Open {
                    head: Vec::new(),
                    tail: Vec::new(),
                };
            }
            let sub = shape(&r.sub, out);
            let min = r.min as usize;
            match sub {
                Shape::Exact(q) if q.is_empty() => Shape::Exact(q),
                Shape::Exact(q) => {
                    let n = min.min(CAP.div_ceil(q.len()));
                    let run: Seq = q.iter().cycle().take(n * q.len()).copied().collect();
                    if r.max == Some(r.min) && n == min {
                        Shape::Exact(run)
                    } else {
                        // The first `min` copies, and the last.
                        Shape::Open {
                            head: run.clone(),
                            tail: run,
                        }
                    }
                }
                open => open,
            }
        }
        HirKind::Concat(v) => {
            let mut cur: Seq = Vec::new();
            let mut head: Option<Seq> = None;
            for c in v {
                match shape(c, out) {
                    Shape::Exact(s) => cur.extend(s),
                    Shape::Open { head: h, tail } => {
                        cur.extend(h);
                        let run = std::mem::replace(&mut cur, tail);
                        if head.is_none() {
                            head = Some(run.clone());
                        }
                        if run.len() > 1 {
                            out.push(run);
                        }
                    }
                }
                if cur.len() > 4 * CAP {
                    // Only its ends are of use: the middle is out too.
                    let long = std::mem::take(&mut cur);
                    if head.is_none() {
                        head = Some(first(long.clone(), CAP));
                    }
                    out.push(first(long.clone(), CAP));
                    cur = last(long, CAP);
                }
            }
            match head {
                None => Shape::Exact(cur),
                Some(head) => Shape::Open { head, tail: cur },
            }
        }
        HirKind::Alternation(v) => {
            // What every branch has at its ends, position by position; the
            // runs inside one branch are not held by the others.
            let shapes: Vec<Shape> = v.iter().map(|c| shape(c, &mut Vec::new())).collect();
            if let Some(Shape::Exact(s0)) = shapes.first()
                && shapes
                    .iter()
                    .all(|s| matches!(s, Shape::Exact(s) if s.len() == s0.len()))
            {
                let mut acc = s0.clone();
                for s in &shapes[1..] {
                    for (a, b) in acc.iter_mut().zip(s.head()) {
                        *a = union(a, b);
                    }
                }
                return Shape::Exact(acc);
            }
            let n = |f: fn(&Shape) -> &Seq| shapes.iter().map(|s| f(s).len()).min().unwrap_or(0);
            let (nh, nt) = (n(Shape::head), n(Shape::tail));
            let mut head: Seq = vec![[0; 4]; nh];
            let mut tail: Seq = vec![[0; 4]; nt];
            for s in &shapes {
                for (a, b) in head.iter_mut().zip(s.head()) {
                    *a = union(a, b);
                }
                let t = s.tail();
                for (a, b) in tail.iter_mut().zip(&t[t.len() - nt..]) {
                    *a = union(a, b);
                }
            }
            Shape::Open { head, tail }
        }
    }
}

/// Every run of two or more positions that each match of `h` holds.
pub(super) fn runs(h: &Hir) -> Vec<Seq> {
    let mut out = Vec::new();
    match shape(h, &mut out) {
        Shape::Exact(s) => out.push(s),
        Shape::Open { head, tail } => {
            out.push(head);
            out.push(tail);
        }
    }
    out.retain(|s| s.len() > 1);
    // A concatenation's first run is also its head.
    out.sort_unstable();
    out.dedup();
    out
}

/// How likely a byte is in text, roughly: letters by English frequency
/// (mostly lower case), spaces, digits, then the rest.
fn byte_chance(b: u8) -> f64 {
    use super::literals::LETTERS;
    match b {
        b'a'..=b'z' => LETTERS[usize::from(b - b'a')] * 0.7e-3,
        b'A'..=b'Z' => LETTERS[usize::from(b - b'A')] * 0.07e-3,
        b' ' => 0.16,
        b'0'..=b'9' => 0.005,
        b'.' | b',' | b'\n' => 0.01,
        0x80.. => 0.001,
        _ => 0.002,
    }
}

/// How likely `s` is at a given place in text, roughly.
fn chance(s: &[ByteSet]) -> f64 {
    s.iter()
        .map(|set| {
            (0..=255u8)
                .filter(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
                .map(byte_chance)
                .sum::<f64>()
                .min(1.0)
        })
        .product()
}

/// The rarest part of `s` of at most `MAX_LEN` positions (the shorter of
/// equals), with its chance.
fn rarest(s: &[ByteSet]) -> (f64, Seq) {
    let mut best = (f64::INFINITY, Vec::new());
    for len in 2..=MAX_LEN.min(s.len()) {
        for w in s.windows(len) {
            let c = chance(w);
            if c < best.0 {
                best = (c, w.to_vec());
            }
        }
    }
    best
}

/// The runs worth searching for a pattern: the rarest parts of its runs,
/// rarest first, at most `PER_PATTERN`.
pub(super) fn pick(h: &Hir) -> Vec<Seq> {
    let mut all: Vec<(f64, Seq)> = runs(h)
        .iter()
        .map(|s| rarest(s))
        .filter(|(c, _)| *c <= MAX_CHANCE)
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    all.dedup_by(|a, b| a.1 == b.1);
    all.into_iter().take(PER_PATTERN).map(|(_, s)| s).collect()
}

/// Most words of lanes: the runs past them are not searched (a pattern
/// goes without them), and what is found fits on the stack.
pub(super) const WORDS: usize = 4;

/// Runs searched at once: each in a lane of bits of one word (a position a
/// bit), shifted along the text a byte at a time.
#[derive(Debug, Clone, Default)]
pub(super) struct Lanes {
    /// Per word: per byte, the positions of the runs it can be at.
    masks: Vec<[u64; 256]>,
    /// Per word: the first position of each run in it.
    starts: Vec<u64>,
}

/// Where a run is in `Lanes`: its word and the bit of its last position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Lane {
    pub(super) word: usize,
    pub(super) end: u64,
}

impl Lanes {
    /// Lanes for `seqs` (each cut to 64 positions), in order; `None` for
    /// those past `WORDS` words.
    pub(super) fn new(seqs: &[Seq]) -> (Lanes, Vec<Option<Lane>>) {
        let mut lanes = Lanes::default();
        let mut at = 64;
        let mut out = Vec::with_capacity(seqs.len());
        for s in seqs {
            let n = s.len().clamp(1, 64);
            if at + n > 64 {
                if lanes.masks.len() == WORDS {
                    out.push(None);
                    continue;
                }
                lanes.masks.push([0; 256]);
                lanes.starts.push(0);
                at = 0;
            }
            let word = lanes.masks.len() - 1;
            let mask = &mut lanes.masks[word];
            for (k, set) in s.iter().take(n).enumerate() {
                for b in 0..=255u8 {
                    if set[usize::from(b / 64)] & 1 << (b % 64) != 0 {
                        mask[usize::from(b)] |= 1 << (at + k);
                    }
                }
            }
            lanes.starts[word] |= 1 << at;
            out.push(Some(Lane {
                word,
                end: 1 << (at + n - 1),
            }));
            at += n;
        }
        (lanes, out)
    }

    /// Per word: the bits of the last positions of the runs `text` holds
    /// (and of parts of runs: only the runs' ends are asked about).
    pub(super) fn found(&self, text: &[u8]) -> [u64; WORDS] {
        let mut out = [0; WORDS];
        for ((o, mask), &start) in out.iter_mut().zip(&self.masks).zip(&self.starts) {
            // Bit i of `d`: the text so far ends with the first i + 1
            // positions of a run (counted from its lane's start). A bit
            // shifted out of one run into the next run's start is set
            // there anyway.
            let (mut d, mut seen) = (0u64, 0u64);
            for &b in text {
                d = ((d << 1) | start) & mask[usize::from(b)];
                seen |= d;
            }
            *o = seen;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &str) -> Hir {
        regex_syntax::Parser::new().parse(p).unwrap()
    }

    fn show(s: &Seq) -> String {
        s.iter()
            .map(|set| {
                let bytes: Vec<u8> = (0..=255u8)
                    .filter(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
                    .collect();
                match bytes[..] {
                    [b] if b.is_ascii_graphic() => (b as char).to_string(),
                    [b] => format!("\\x{b:02X}"),
                    _ if bytes.iter().all(u8::is_ascii_digit) && bytes.len() == 10 => "d".into(),
                    _ => format!("[{}]", String::from_utf8_lossy(&bytes)),
                }
            })
            .collect()
    }

    #[test]
    fn runs_are_what_every_match_holds_in_a_row() {
        let got = |p: &str| -> Vec<String> { runs(&parse(p)).iter().map(show).collect() };
        // One or two digits: the run breaks there.
        let date = got(r"^\p{L}[^0-9\n]{1,40}[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}");
        for run in ["d[-./]d", "d[-./]dd"] {
            assert!(date.contains(&run.to_string()), "{date:?}");
        }
        assert!(
            date.iter().all(|r| r.matches("[-./]").count() < 2),
            "{date:?}"
        );
        assert!(got(r"[0-9]{4}-[0-9]{2}").contains(&"dddd-dd".to_string()));
        // A space of any kind, then `©`.
        let copy = got(r"\s©\s*");
        assert!(copy.iter().any(|r| r.ends_with("]\\xC2\\xA9")), "{copy:?}");
        assert!(got(r"(19|20)[0-9]{2}\b").contains(&"[12][09]dd".to_string()));
        // Optional parts and parts of some branches only break the run.
        assert!(
            got(r"ab?c").iter().all(|s| s.len() < 2),
            "{:?}",
            got(r"ab?c")
        );
        // Branches of several lengths: what all have at each end.
        let mut alt = got(r"x(ab|cde)y");
        alt.sort();
        assert_eq!(alt, ["[ad][be]y", "x[ac][bd]"]);
        assert!(got(r"a\s*b").is_empty());
    }

    #[test]
    fn lanes_find_each_run_as_a_plain_search_does() {
        let seqs: Vec<Seq> = [
            vec![set_of(b'0'..=b'9'), set_of(*b"/.-"), set_of(b'0'..=b'9')],
            vec![set_of([0xC2]), set_of([0xA9])],
            vec![set_of(*b"aA"); 60],
            vec![set_of(*b"xy"), set_of(*b"y")],
        ]
        .to_vec();
        let (lanes, at) = Lanes::new(&seqs);
        assert_eq!(lanes.masks.len(), 2);
        let holds = |s: &Seq, t: &[u8]| {
            t.windows(s.len()).any(|w| {
                w.iter()
                    .zip(s)
                    .all(|(&b, set)| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
            })
        };
        let long = "a".repeat(59) + "A" + "x";
        for t in [
            "",
            "12.5",
            "12 . 5",
            "© 2020",
            "(c) 2020",
            "xy",
            "yy xxy",
            "x",
            &long,
            &long[1..],
            "1/2",
            "\u{212A}elvin 3-4",
        ] {
            let found = lanes.found(t.as_bytes());
            for (s, lane) in seqs.iter().zip(&at) {
                let lane = lane.unwrap();
                assert_eq!(
                    found[lane.word] & lane.end != 0,
                    holds(s, t.as_bytes()),
                    "{} in {t:?}",
                    show(s)
                );
            }
        }
    }
}
