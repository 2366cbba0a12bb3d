//! The first position where any of several bytes, or any of several needles, occurs.

use aho_corasick::{AhoCorasick, MatchKind};

/// The first position at or after `start` holding one of `bytes`.
pub fn first_of_bytes(haystack: &[u8], bytes: &[u8], start: usize) -> Option<usize> {
    let rest = haystack.get(start..)?;
    let found = match *bytes {
        [] => None,
        [a] => memchr::memchr(a, rest),
        [a, b] => memchr::memchr2(a, b, rest),
        [a, b, c] => memchr::memchr3(a, b, c, rest),
        _ => {
            let mut wanted = [false; 256];
            for &byte in bytes {
                wanted[byte as usize] = true;
            }
            rest.iter().position(|&byte| wanted[byte as usize])
        }
    };
    found.map(|at| start + at)
}

/// A set of non-empty needles (the face refuses empty ones) searched together
/// (Aho–Corasick, SIMD-prefiltered), built once.
pub struct NeedleSet {
    automaton: AhoCorasick,
}

impl NeedleSet {
    /// None when the set cannot be built (too large for the automaton's limits).
    pub fn new<I, P>(needles: I) -> Option<NeedleSet>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(needles)
            .ok()?;
        Some(NeedleSet { automaton })
    }

    /// The leftmost match at or after `start`: (position, index of the needle). Where
    /// several needles start at that position, the one listed first wins.
    pub fn first(&self, haystack: &[u8], start: usize) -> Option<(usize, usize)> {
        let rest = haystack.get(start..)?;
        self.automaton
            .find(rest)
            .map(|found| (start + found.start(), found.pattern().as_usize()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_two_three_and_many_bytes_find_the_first() {
        let text = b"key=value; other:thing";
        assert_eq!(first_of_bytes(text, b"=", 0), Some(3));
        assert_eq!(first_of_bytes(text, b";=", 0), Some(3));
        assert_eq!(first_of_bytes(text, b":;=", 4), Some(9));
        assert_eq!(first_of_bytes(text, b":;=!?", 10), Some(16));
        assert_eq!(first_of_bytes(text, b"#", 0), None);
        assert_eq!(first_of_bytes(text, b"=", 99), None);
    }

    #[test]
    fn the_leftmost_needle_wins_and_ties_go_to_the_first_listed() {
        let set = NeedleSet::new(["cd", "bcd", "b"]).expect("set");
        assert_eq!(set.first(b"abcde", 0), Some((1, 1)));
        assert_eq!(set.first(b"abcde", 2), Some((2, 0)));
        assert_eq!(set.first(b"abcde", 4), None);
    }
}
