//! The blocks a pattern applies to (its rule's word and link-density
//! bounds), and the classes of blocks that the same patterns apply to: the
//! pattern set keeps one prefilter per class, holding only the factors of
//! the patterns that apply, so a long paragraph, or a block with no links,
//! is not searched for factors of patterns that could not count there.

/// The bounds of one pattern's rule; `None`: unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bounds {
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub min_link_density: Option<f32>,
    pub max_link_density: Option<f32>,
}

impl Bounds {
    /// Whether a block of `words` words and this link density is within
    /// the bounds (as `Rule::within_bounds` answers).
    pub fn holds(&self, words: u32, link_density: f32) -> bool {
        self.max_words.is_none_or(|m| words <= m)
            && self.min_words.is_none_or(|m| words >= m)
            && self.min_link_density.is_none_or(|m| link_density >= m)
            && self.max_link_density.is_none_or(|m| link_density <= m)
    }
}

/// Splits (words, link density) into classes within which every pattern's
/// `Bounds::holds` answers the same.
#[derive(Debug, Clone, Default)]
pub(super) struct Classes {
    /// Word counts at which some bound's answer may change: a count's
    /// class is how many of these are at or below it.
    word_cuts: Vec<u32>,
    /// The link-density bounds, ascending, without repeats. A density's
    /// class: twice the number of values below it, plus one if it equals
    /// the next; NaN (which no bound holds) has the last class.
    densities: Vec<f32>,
    /// The word class of each count under its length, looked up: the
    /// usual block is short, and a search per block adds up.
    by_words: Vec<u8>,
    /// The density class of 0, the density of every block of text input
    /// (which has no links): no search for it.
    zero: usize,
}

/// Word counts whose class `Classes::by_words` holds.
const LOOKED_UP: u32 = 256;

impl Classes {
    pub(super) fn new(bounds: &[Bounds]) -> Classes {
        let mut word_cuts = Vec::new();
        let mut densities = Vec::new();
        for b in bounds {
            // `w <= m` changes at m + 1, `w >= m` at m.
            word_cuts.extend(b.max_words.and_then(|m| m.checked_add(1)));
            word_cuts.extend(b.min_words);
            densities.extend(b.min_link_density.filter(|d| !d.is_nan()));
            densities.extend(b.max_link_density.filter(|d| !d.is_nan()));
        }
        word_cuts.sort_unstable();
        word_cuts.dedup();
        densities.sort_by(f32::total_cmp);
        densities.dedup();
        let by_words = if word_cuts.len() < usize::from(u8::MAX) {
            (0..LOOKED_UP)
                .map(|w| word_cuts.partition_point(|&c| c <= w) as u8)
                .collect()
        } else {
            Vec::new()
        };
        let mut classes = Classes {
            word_cuts,
            densities,
            by_words,
            zero: 0,
        };
        classes.zero = classes.density_class(0.0);
        classes
    }

    fn density_classes(&self) -> usize {
        2 * self.densities.len() + 2
    }

    /// How many classes there are.
    pub(super) fn len(&self) -> usize {
        (self.word_cuts.len() + 1) * self.density_classes()
    }

    /// The class of a block of `words` words and this link density.
    pub(super) fn of(&self, words: u32, link_density: f32) -> usize {
        let w = match self.by_words.get(words as usize) {
            Some(&w) => usize::from(w),
            None => self.word_cuts.partition_point(|&c| c <= words),
        };
        // (-0.0 is 0.0 to the comparisons below too.)
        let d = if link_density == 0.0 {
            self.zero
        } else {
            self.density_class(link_density)
        };
        w * self.density_classes() + d
    }

    fn density_class(&self, link_density: f32) -> usize {
        if link_density.is_nan() {
            self.density_classes() - 1
        } else {
            let below = self.densities.partition_point(|&v| v < link_density);
            2 * below + usize::from(self.densities.get(below) == Some(&link_density))
        }
    }

    /// A block (words, link density) of class `k`: what holds for it holds
    /// for the whole class.
    pub(super) fn sample(&self, k: usize) -> (u32, f32) {
        let (w, d) = (k / self.density_classes(), k % self.density_classes());
        let words = if w == 0 { 0 } else { self.word_cuts[w - 1] };
        let v = &self.densities;
        let density = if d == self.density_classes() - 1 {
            f32::NAN
        } else if d % 2 == 1 {
            v[d / 2]
        } else {
            // Strictly between the neighbouring values.
            let i = d / 2;
            match (i.checked_sub(1).map(|j| v[j]), v.get(i)) {
                (None, None) => 0.0,
                (None, Some(&hi)) => hi.next_down(),
                (Some(lo), None) => lo.next_up(),
                (Some(lo), Some(&hi)) => lo + (hi - lo) / 2.0,
            }
        };
        (words, density)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_of_a_class_is_bounded_as_its_sample() {
        let bounds = [
            Bounds {
                max_words: Some(12),
                ..Bounds::default()
            },
            Bounds {
                min_words: Some(5),
                max_words: Some(40),
                min_link_density: Some(0.6),
                ..Bounds::default()
            },
            Bounds {
                max_link_density: Some(0.3),
                ..Bounds::default()
            },
            Bounds {
                min_link_density: Some(0.3),
                max_words: Some(u32::MAX),
                ..Bounds::default()
            },
            Bounds::default(),
        ];
        let classes = Classes::new(&bounds);
        let densities = [
            0.0,
            -0.0,
            0.1,
            0.3,
            0.30001,
            0.5,
            0.6,
            0.7,
            1.0,
            -1.0,
            f32::NAN,
        ];
        let words = [0, 1, 4, 5, 6, 12, 13, 39, 40, 41, 1000, u32::MAX];
        for &w in &words {
            for &d in &densities {
                let k = classes.of(w, d);
                assert!(k < classes.len());
                // The class of 0 kept aside is the one searched for.
                assert_eq!(k % classes.density_classes(), classes.density_class(d));
                let (sw, sd) = classes.sample(k);
                assert_eq!(classes.of(sw, sd), k, "sample of {w} {d}");
                for b in &bounds {
                    assert_eq!(b.holds(w, d), b.holds(sw, sd), "{b:?} on {w} {d}");
                }
            }
        }
    }
}
