//! A seeded xorshift generator for tests that try many made-up inputs:
//! the same inputs on every run, with no dependency for it.

pub(crate) struct XorShift(u64);

impl XorShift {
    /// `seed` must not be zero (xorshift stays at zero).
    pub(crate) fn new(seed: u64) -> XorShift {
        XorShift(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
