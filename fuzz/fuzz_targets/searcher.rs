//! Buffer search extras: the streaming Searcher in any chunking, count/positions,
//! first/last from any offset, and any-of-bytes/needles, each against a plain scan.
#![no_main]

use hotpath::buffer::any_of::{first_of_bytes, NeedleSet};
use hotpath::buffer::occurrences::{count, first, last, positions};
use hotpath::buffer::searcher::Searcher;
use hotpath_fuzz::{chunks, Input};
use libfuzzer_sys::fuzz_target;

fn matches_at(haystack: &[u8], needle: &[u8], at: usize) -> bool {
    haystack.get(at..at + needle.len()) == Some(needle)
}

/// Non-overlapping matches, left to right.
fn plain_positions(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + needle.len() <= haystack.len() {
        if matches_at(haystack, needle, at) {
            out.push(at);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    out
}

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let needle = input.piece();
    let from = input.below(1 << 12);
    let others: Vec<&[u8]> = (0..input.byte() % 4).map(|_| input.piece()).collect();
    let cuts = input.piece();
    let haystack = input.rest();

    if !needle.is_empty() {
        let expected = plain_positions(haystack, needle);
        assert_eq!(positions(haystack, needle), expected);
        assert_eq!(count(haystack, needle), expected.len());
        let Some(mut searcher) = Searcher::new(needle) else {
            panic!("non-empty needle refused")
        };
        let mut found = Vec::new();
        for chunk in chunks(haystack, cuts) {
            searcher.push(chunk, &mut found);
        }
        let found: Vec<usize> = found.into_iter().map(|at| at as usize).collect();
        assert_eq!(found, expected, "streaming search");
        let first_plain = (from..=haystack.len()).find(|&at| matches_at(haystack, needle, at));
        assert_eq!(
            first(haystack, needle, from),
            first_plain,
            "first from {from}"
        );
        let last_plain = (0..=from.min(haystack.len()))
            .rev()
            .find(|&at| matches_at(haystack, needle, at));
        assert_eq!(
            last(haystack, needle, from),
            last_plain,
            "last at or before {from}"
        );
    }

    let first_byte = (from..haystack.len()).find(|&at| needle.contains(&haystack[at]));
    assert_eq!(first_of_bytes(haystack, needle, from), first_byte);

    // The face refuses empty needles before the engine sees them.
    let mut set: Vec<&[u8]> = vec![needle];
    set.extend(others);
    set.retain(|n| !n.is_empty());
    if let Some(needles) = NeedleSet::new(&set).filter(|_| !set.is_empty()) {
        let plain = (from..=haystack.len()).find_map(|at| {
            set.iter()
                .position(|n| matches_at(haystack, n, at))
                .map(|index| (at, index))
        });
        assert_eq!(needles.first(haystack, from), plain);
    }
});
