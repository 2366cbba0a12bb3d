//! The seeded generator the unit tests share (xorshift32): random inputs that replay
//! exactly.

/// Returns a generator of pseudo-random u32s starting from `seed` (not 0).
pub fn xorshift(seed: u32) -> impl FnMut() -> u32 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    }
}
