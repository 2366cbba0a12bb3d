//! Every non-overlapping occurrence of a needle in one haystack, left to right.

use memchr::memmem::{self, Finder};

/// How many times `needle` occurs in `haystack` without overlap; an empty needle
/// occurs nowhere (the JS face refuses it before calling).
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    match needle {
        [] => 0,
        [byte] => count_byte(haystack, *byte),
        _ => {
            let mut found = 0;
            for_each_match(haystack, needle, |_| found += 1);
            found
        }
    }
}

/// The start of every non-overlapping occurrence of `needle` in `haystack`.
pub fn positions(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    match needle {
        [] => Vec::new(),
        [byte] => memchr::memchr_iter(*byte, haystack).collect(),
        _ => {
            let mut found = Vec::new();
            for_each_match(haystack, needle, |at| found.push(at));
            found
        }
    }
}

/// Counts a byte 64 bytes at a time: stopping at each match, as memchr does, is far
/// slower for a frequent byte, and compilers do not vectorise the plain loop (the
/// `count a 16-byte needle` row of benches/buffer.bench.mjs runs through here).
#[cfg(target_arch = "x86_64")]
fn count_byte(haystack: &[u8], byte: u8) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_sad_epu8,
        _mm_set1_epi8, _mm_setzero_si128, _mm_srli_si128, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target; each load reads 16 bytes inside a
    // 64-byte group of `haystack`.
    unsafe {
        let wanted = _mm_set1_epi8(byte as i8);
        let zero = _mm_setzero_si128();
        // Each u8 lane gains at most 4 a group: 63 groups fit before it could wrap.
        let lane_sum = |lanes: __m128i| {
            let halves = _mm_sad_epu8(lanes, zero);
            (_mm_cvtsi128_si64(halves) + _mm_cvtsi128_si64(_mm_srli_si128::<8>(halves))) as usize
        };
        let mut total = 0;
        let mut groups = haystack.chunks_exact(64);
        let mut lanes = zero;
        let mut in_lanes = 0;
        for group in &mut groups {
            let at = group.as_ptr().cast::<__m128i>();
            let a = _mm_cmpeq_epi8(_mm_loadu_si128(at), wanted);
            let b = _mm_cmpeq_epi8(_mm_loadu_si128(at.add(1)), wanted);
            let c = _mm_cmpeq_epi8(_mm_loadu_si128(at.add(2)), wanted);
            let d = _mm_cmpeq_epi8(_mm_loadu_si128(at.add(3)), wanted);
            // A match compares as 0xFF (-1): subtracting counts it.
            lanes = _mm_sub_epi8(lanes, _mm_add_epi8(_mm_add_epi8(a, b), _mm_add_epi8(c, d)));
            in_lanes += 1;
            if in_lanes == 63 {
                total += lane_sum(lanes);
                lanes = zero;
                in_lanes = 0;
            }
        }
        total
            + lane_sum(lanes)
            + groups
                .remainder()
                .iter()
                .filter(|&&value| value == byte)
                .count()
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn count_byte(haystack: &[u8], byte: u8) -> usize {
    haystack.iter().filter(|&&value| value == byte).count()
}

/// False candidates the rare-byte skip may meet per this many bytes before it hands
/// the rest of the haystack to memmem.
const SKIP_PAYS_PER: usize = 256;

/// What one false candidate may cost, in bytes scanned: at least `SKIP_PAYS_PER`, and
/// at least the needle's length, the most its check can compare. The skip therefore
/// never compares more bytes than it has scanned (plus a constant), which keeps every
/// search linear however long the needle.
fn false_candidate_cost(needle_length: usize) -> usize {
    needle_length.max(SKIP_PAYS_PER)
}

/// Calls `each` with the start of every non-overlapping match, leftmost first.
///
/// memmem's prefilter ranks bytes by how rare they are in typical text; a needle made
/// of common bytes (`'a'.repeat(4000) + 'b'` in a run of `'a'`) leaves it to the
/// two-way search, linear but slow. So the needle's own rarest byte is looked for
/// first with memchr, and each place it occurs is checked; while that finds false
/// candidates more often than once per `SKIP_PAYS_PER` bytes, memmem takes over.
fn for_each_match(haystack: &[u8], needle: &[u8], mut each: impl FnMut(usize)) {
    for_matches_while(haystack, needle, |at| {
        each(at);
        true
    });
}

/// The first match at or after `from`, with the same rare-byte skip as `count`.
pub fn first(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let rest = haystack.get(from..)?;
    let mut found = None;
    for_matches_while(rest, needle, |at| {
        found = Some(from + at);
        false
    });
    found
}

/// The last match that starts at or before `last_start`: the rare-byte skip run
/// backwards (memrchr). memmem's reverse search has no prefilter, so where the skip
/// meets too many false candidates it searches only the next `REVERSE_WINDOW` bytes
/// that way and then tries the skip again.
pub fn last(haystack: &[u8], needle: &[u8], last_start: usize) -> Option<usize> {
    let n = needle.len();
    let end = last_start.checked_add(n)?.min(haystack.len());
    if n == 0 || end < n {
        return None;
    }
    let (rare, rare_at) = rarest_byte(needle);
    // Candidates for the rare byte lie below `limit`; a match starts `rare_at` before.
    let mut limit = end - (n - 1 - rare_at);
    let mut skip_from = limit;
    let mut false_candidates = 0usize;
    while limit > rare_at {
        if false_candidates * false_candidate_cost(n)
            > skip_from - limit + false_candidate_cost(n) * 16
        {
            // Starts below `limit - rare_at` remain; search the nearest window of them.
            let starts_below = limit - rare_at;
            // As big as the skip's allowance, so the retries stay linear too.
            let window = REVERSE_WINDOW.max(false_candidate_cost(n) * 16);
            let window_start = starts_below.saturating_sub(window);
            if let Some(found) =
                memmem::rfind(&haystack[window_start..starts_below - 1 + n], needle)
            {
                return Some(window_start + found);
            }
            limit = window_start + rare_at;
            skip_from = limit;
            false_candidates = 0;
            continue;
        }
        let found = memchr::memrchr(rare, &haystack[rare_at..limit])? + rare_at;
        let start = found - rare_at;
        if &haystack[start..start + n] == needle {
            return Some(start);
        }
        limit = found;
        false_candidates += 1;
    }
    None
}

const REVERSE_WINDOW: usize = 64 << 10;

/// `for_each_match` that stops once `each` returns false.
fn for_matches_while(haystack: &[u8], needle: &[u8], mut each: impl FnMut(usize) -> bool) {
    let n = needle.len();
    let (rare, rare_at) = rarest_byte(needle);
    let mut at = 0;
    let mut false_candidates = 0usize;
    while at + n <= haystack.len() {
        let Some(found) = memchr::memchr(
            rare,
            &haystack[at + rare_at..haystack.len() - (n - 1 - rare_at)],
        ) else {
            return;
        };
        let start = at + found;
        if &haystack[start..start + n] == needle {
            if !each(start) {
                return;
            }
            at = start + n;
        } else {
            at = start + 1;
            false_candidates += 1;
            if false_candidates * false_candidate_cost(n) > at + false_candidate_cost(n) * 16 {
                break;
            }
        }
    }
    if at + n > haystack.len() {
        return;
    }
    let finder = Finder::new(needle);
    for found in finder.find_iter(&haystack[at..]) {
        if !each(at + found) {
            return;
        }
    }
}

/// The needle byte that occurs in it least often, and where (its last such place,
/// so a match is confirmed or refuted with as much of the needle behind it).
fn rarest_byte(needle: &[u8]) -> (u8, usize) {
    let mut seen = [0u32; 256];
    for &byte in needle {
        seen[byte as usize] += 1;
    }
    let mut best = (needle[0], 0);
    for (index, &byte) in needle.iter().enumerate() {
        if seen[byte as usize] <= seen[best.0 as usize] {
            best = (byte, index);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one position at a time.
    fn naive(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        let mut at = 0;
        while !needle.is_empty() && at + needle.len() <= haystack.len() {
            if &haystack[at..at + needle.len()] == needle {
                found.push(at);
                at += needle.len();
            } else {
                at += 1;
            }
        }
        found
    }

    #[test]
    fn occurrences_do_not_overlap() {
        assert_eq!(positions(b"aaaaa", b"aa"), vec![0, 2]);
        assert_eq!(count(b"aaaaa", b"aa"), 2);
    }

    #[test]
    fn a_byte_is_counted_in_every_lane_and_past_the_lane_limit() {
        for length in [0, 1, 63, 64, 65, 64 * 63, 64 * 63 + 1, 64 * 200 + 17] {
            let all = vec![7u8; length];
            assert_eq!(count(&all, &[7]), length, "{length}");
            let every_third: Vec<u8> = (0..length).map(|i| (i % 3) as u8).collect();
            assert_eq!(count(&every_third, &[0]), length.div_ceil(3), "{length}");
        }
    }

    #[test]
    fn a_single_byte_is_counted_and_listed() {
        let text = b"one\ntwo\n\nthree\n";
        assert_eq!(count(text, b"\n"), 4);
        assert_eq!(positions(text, b"\n"), vec![3, 7, 8, 14]);
    }

    #[test]
    fn first_and_last_find_the_match_nearest_their_bound() {
        let text = b"abcabcabc";
        assert_eq!(first(text, b"bc", 0), Some(1));
        assert_eq!(first(text, b"bc", 2), Some(4));
        assert_eq!(first(text, b"bc", 8), None);
        assert_eq!(first(text, b"bc", 99), None);
        assert_eq!(last(text, b"bc", 8), Some(7));
        assert_eq!(last(text, b"bc", 6), Some(4));
        assert_eq!(last(text, b"bc", 0), None);
        assert_eq!(last(text, b"ab", 0), Some(0));
    }

    #[test]
    fn first_and_last_agree_with_the_definition_from_any_bound() {
        let mut next = crate::test_random::xorshift(0x51ed_270b);
        for _ in 0..3000 {
            let haystack: Vec<u8> = (0..next() % 300)
                .map(|_| b'a' + (next() % 2) as u8)
                .collect();
            let needle: Vec<u8> = (0..1 + next() % 6)
                .map(|_| b'a' + (next() % 2) as u8)
                .collect();
            let bound = (next() % 320) as usize;
            let starts = |range: std::ops::RangeInclusive<usize>| {
                range
                    .filter(|&at| haystack.get(at..at + needle.len()) == Some(&needle[..]))
                    .collect::<Vec<_>>()
            };
            let all = starts(0..=haystack.len());
            assert_eq!(
                first(&haystack, &needle, bound),
                all.iter().copied().find(|&at| at >= bound)
            );
            assert_eq!(
                last(&haystack, &needle, bound),
                all.iter().copied().rev().find(|&at| at <= bound)
            );
        }
    }

    #[test]
    fn last_searches_past_dense_false_candidates_window_by_window() {
        let mut haystack = vec![b'.'; 10];
        haystack.extend_from_slice(b"xb");
        for _ in 0..(300 << 10) / 2 {
            haystack.extend_from_slice(b"ab");
        }
        assert_eq!(last(&haystack, b"xb", haystack.len()), Some(10));
        assert_eq!(last(&haystack, b"xb", 9), None);
        assert_eq!(first(&haystack, b"xb", 0), Some(10));
    }

    #[test]
    fn an_empty_needle_or_haystack_finds_nothing() {
        assert_eq!(count(b"abc", b""), 0);
        assert!(positions(b"", b"abc").is_empty());
        assert!(positions(b"ab", b"abc").is_empty());
    }

    #[test]
    fn small_alphabets_agree_with_the_definition() {
        let mut next = crate::test_random::xorshift(0x2545_f491_u32);
        for _ in 0..2000 {
            let haystack: Vec<u8> = (0..next() % 200)
                .map(|_| b'a' + (next() % 3) as u8)
                .collect();
            let needle: Vec<u8> = (0..1 + next() % 5)
                .map(|_| b'a' + (next() % 3) as u8)
                .collect();
            let expected = naive(&haystack, &needle);
            assert_eq!(positions(&haystack, &needle), expected);
            assert_eq!(count(&haystack, &needle), expected.len());
        }
    }
}
