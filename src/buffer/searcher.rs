//! A streaming search: chunks arrive one at a time and a match may straddle any
//! number of them. Within a chunk the search is memmem's; across a boundary a KMP
//! state carries the longest needle prefix the stream so far ends with, so each byte
//! is looked at a bounded number of times and the whole stream is searched in linear
//! time whatever the needle and the chunking.

use memchr::memmem::Finder;

pub struct Searcher {
    needle: Vec<u8>,
    finder: Finder<'static>,
    /// KMP failure function: `fallback[i]` is the length of the longest proper
    /// prefix of `needle[..=i]` that is also its suffix.
    fallback: Vec<usize>,
    /// The length of the needle prefix the stream ends with (after the last match).
    partial: usize,
    /// Bytes pushed so far.
    seen: u64,
}

impl Searcher {
    /// None for an empty needle, which would match everywhere.
    pub fn new(needle: &[u8]) -> Option<Searcher> {
        if needle.is_empty() {
            return None;
        }
        Some(Searcher {
            needle: needle.to_vec(),
            finder: Finder::new(needle).into_owned(),
            fallback: failure_function(needle),
            partial: 0,
            seen: 0,
        })
    }

    /// A new stream: forget the bytes pushed so far.
    pub fn reset(&mut self) {
        self.partial = 0;
        self.seen = 0;
    }

    /// Appends to `found` the stream offset of every match whose last byte is in
    /// `chunk`.
    pub fn push(&mut self, chunk: &[u8], found: &mut Vec<u64>) {
        let n = self.needle.len();
        let mut at = 0;
        // A partial match left by the last chunk: follow it byte by byte. Any match
        // that starts before this chunk ends within its first n - 1 bytes.
        let carried_until = chunk.len().min(n - 1);
        while self.partial > 0 && at < carried_until {
            self.partial = self.step(self.partial, chunk[at]);
            at += 1;
            if self.partial == n {
                found.push(self.seen + at as u64 - n as u64);
                self.partial = 0;
            }
        }
        if at == chunk.len() {
            self.seen += chunk.len() as u64;
            return;
        }
        // What is still partial now started inside this chunk: memmem finds it.
        let from = at - self.partial;
        let mut end_of_last = from;
        for start in self.finder.find_iter(&chunk[from..]) {
            found.push(self.seen + (from + start) as u64);
            end_of_last = from + start + n;
        }
        // The prefix the chunk ends with, among bytes after the last match.
        let tail_from = end_of_last.max(chunk.len().saturating_sub(n - 1));
        self.partial = 0;
        for &byte in &chunk[tail_from..] {
            self.partial = self.step(self.partial, byte);
        }
        self.seen += chunk.len() as u64;
    }

    /// The KMP transition from `matched` needle bytes on `byte`.
    fn step(&self, mut matched: usize, byte: u8) -> usize {
        while matched > 0 && self.needle[matched] != byte {
            matched = self.fallback[matched - 1];
        }
        if self.needle[matched] == byte {
            matched + 1
        } else {
            0
        }
    }
}

fn failure_function(needle: &[u8]) -> Vec<usize> {
    let mut fallback = vec![0; needle.len()];
    let mut matched = 0;
    for i in 1..needle.len() {
        while matched > 0 && needle[i] != needle[matched] {
            matched = fallback[matched - 1];
        }
        if needle[i] == needle[matched] {
            matched += 1;
        }
        fallback[i] = matched;
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buffer::occurrences::positions;

    fn stream(needle: &[u8], chunks: &[&[u8]]) -> Vec<u64> {
        let mut searcher = Searcher::new(needle).expect("needle");
        let mut found = Vec::new();
        for chunk in chunks {
            searcher.push(chunk, &mut found);
        }
        found
    }

    #[test]
    fn a_match_straddling_three_chunks_is_found_once() {
        assert_eq!(stream(b"boundary", &[b"--bou", b"nd", b"ary--"]), vec![2]);
    }

    #[test]
    fn matches_do_not_overlap_across_chunks() {
        assert_eq!(stream(b"aa", &[b"a", b"a", b"a", b"a", b"a"]), vec![0, 2]);
    }

    #[test]
    fn a_failed_partial_match_still_lets_a_later_one_through() {
        assert_eq!(stream(b"aab", &[b"aa", b"ab"]), vec![1]);
        assert_eq!(stream(b"abab", &[b"aba", b"bab", b"x"]), vec![0]);
    }

    #[test]
    fn reset_starts_counting_again() {
        let mut searcher = Searcher::new(b"xy").expect("needle");
        let mut found = Vec::new();
        searcher.push(b"aax", &mut found);
        searcher.reset();
        searcher.push(b"yxy", &mut found);
        assert_eq!(found, vec![1]);
    }

    #[test]
    fn an_empty_needle_is_refused() {
        assert!(Searcher::new(b"").is_none());
    }

    #[test]
    fn any_chunking_finds_what_a_whole_buffer_search_finds() {
        let mut next = crate::test_random::xorshift(0x9e37_79b9_u32);
        for _ in 0..3000 {
            let alphabet = 1 + next() % 3;
            let haystack: Vec<u8> = (0..next() % 300)
                .map(|_| b'a' + (next() % alphabet) as u8)
                .collect();
            let needle: Vec<u8> = (0..1 + next() % 12)
                .map(|_| b'a' + (next() % alphabet) as u8)
                .collect();
            let mut chunks = Vec::new();
            let mut at = 0;
            while at < haystack.len() {
                let size = (1 + next() % 20) as usize;
                chunks.push(&haystack[at..(at + size).min(haystack.len())]);
                at += size;
            }
            let expected: Vec<u64> = positions(&haystack, &needle)
                .into_iter()
                .map(|p| p as u64)
                .collect();
            assert_eq!(
                stream(&needle, &chunks),
                expected,
                "{needle:?} in {haystack:?}"
            );
        }
    }
}
