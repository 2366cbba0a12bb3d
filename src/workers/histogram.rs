//! `histogram(ta, {bins, min, max})`: counts of the elements in `bins` equal-width
//! bins over [min, max], with numpy.histogram's rules. The edges are
//! `min + i · (max − min) / bins` (the last is `max` itself); bin i holds the values
//! from edge i up to but not including edge i + 1, and the last bin also holds `max`.
//! NaNs and values outside [min, max] are not counted. Without a range the range is
//! that of the finite elements, widened by 0.5 each way when they are all equal.

use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

use super::control::{Aborted, Control};
use super::element::Number;

const PIECE: usize = 1 << 16;
/// Above this many bins the threads count into one shared table (atomically) rather
/// than into a table each.
const PRIVATE_TABLE_BINS: usize = 1 << 16;

/// The bins' edges: `bins + 1` values from `low` to `high`.
#[derive(Debug, PartialEq)]
pub struct Edges {
    low: f64,
    high: f64,
    bins: usize,
}

impl Edges {
    /// Edges over [low, high] (both finite, low ≤ high; equal ones are widened by 0.5).
    pub fn new(low: f64, high: f64, bins: usize) -> Edges {
        let (low, high) = if low == high {
            (low - 0.5, high + 0.5)
        } else {
            (low, high)
        };
        Edges { low, high, bins }
    }

    pub fn low(&self) -> f64 {
        self.low
    }

    pub fn high(&self) -> f64 {
        self.high
    }

    fn edge(&self, i: usize) -> f64 {
        if i == self.bins {
            self.high
        } else {
            self.low + i as f64 * ((self.high - self.low) / self.bins as f64)
        }
    }

    /// The bin of `value`, or None outside the range (NaN included).
    fn bin(&self, value: f64) -> Option<usize> {
        if !(value >= self.low && value <= self.high) {
            return None;
        }
        let scaled = (value - self.low) * (self.bins as f64 / (self.high - self.low));
        let mut bin = (scaled as usize).min(self.bins - 1);
        // The scaled guess can be one off at an edge; the edges decide.
        if value < self.edge(bin) {
            bin -= 1;
        } else if bin + 1 < self.bins && value >= self.edge(bin + 1) {
            bin += 1;
        }
        Some(bin)
    }
}

/// The least and greatest finite element, or None when there is none.
pub fn finite_range<T: Number>(
    values: &[T],
    control: &Control,
) -> Result<Option<(f64, f64)>, Aborted> {
    let pieces: Vec<Option<(f64, f64)>> = values
        .par_chunks(PIECE)
        .map(|piece| {
            control.check()?;
            Ok(piece
                .iter()
                .map(|v| v.to_f64())
                .filter(|v| v.is_finite())
                .fold(None, |range, v| {
                    Some(range.map_or((v, v), |(lo, hi): (f64, f64)| (lo.min(v), hi.max(v))))
                }))
        })
        .collect::<Result<_, Aborted>>()?;
    Ok(pieces
        .into_iter()
        .flatten()
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d))))
}

/// The count of each bin.
pub fn histogram<T: Number>(
    values: &[T],
    edges: &Edges,
    control: &Control,
) -> Result<Vec<u64>, Aborted> {
    let counts = if edges.bins <= PRIVATE_TABLE_BINS {
        values
            .par_chunks(PIECE)
            .try_fold(
                || vec![0u64; edges.bins],
                |mut counts, piece| {
                    control.check()?;
                    for value in piece {
                        if let Some(bin) = edges.bin(value.to_f64()) {
                            counts[bin] += 1;
                        }
                    }
                    control.advance(piece.len() as u64);
                    Ok(counts)
                },
            )
            .try_reduce(
                || vec![0u64; edges.bins],
                |mut total, counts| {
                    total.iter_mut().zip(&counts).for_each(|(t, c)| *t += c);
                    Ok(total)
                },
            )?
    } else {
        let shared: Vec<AtomicU64> = (0..edges.bins).map(|_| AtomicU64::new(0)).collect();
        values.par_chunks(PIECE).try_for_each(|piece| {
            control.check()?;
            for value in piece {
                if let Some(bin) = edges.bin(value.to_f64()) {
                    shared[bin].fetch_add(1, Ordering::Relaxed);
                }
            }
            control.advance(piece.len() as u64);
            Ok(())
        })?;
        shared.into_iter().map(AtomicU64::into_inner).collect()
    };
    control.finish();
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn run(values: &[f64], edges: &Edges) -> Vec<u64> {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, values.len() as u64);
        histogram(values, edges, &control).expect("not cancelled")
    }

    #[test]
    fn values_on_edges_go_to_the_bin_they_open_and_the_maximum_to_the_last() {
        let edges = Edges::new(0.0, 1.0, 10);
        // 3 · 0.1 rounds above 0.3, so 0.3 is below edge 3 and falls in bin 2, as in
        // numpy.histogram; 0.5 is edge 5 exactly.
        assert!(edges.edge(3) > 0.3 && edges.edge(5) == 0.5);
        let values = [0.0, 0.1, 0.3, 0.5, 0.9999, 1.0, -0.01, 1.01, f64::NAN];
        let mut expected = vec![0u64; 10];
        for bin in [0, 1, 2, 5, 9, 9] {
            expected[bin] += 1;
        }
        assert_eq!(run(&values, &edges), expected);
    }

    #[test]
    fn every_value_lands_between_the_edges_of_its_bin() {
        let mut next = crate::test_random::xorshift(0xed9e);
        let edges = Edges::new(-3.7, 11.1, 37);
        for _ in 0..20_000 {
            let value = -3.7 + f64::from(next() % 1_000_000) * (14.8 / 999_999.0);
            let value = if next().is_multiple_of(4) {
                edges.edge((next() % 38) as usize)
            } else {
                value
            };
            let Some(bin) = edges.bin(value) else {
                continue;
            };
            assert!(value >= edges.edge(bin), "{value} below bin {bin}");
            assert!(
                value < edges.edge(bin + 1) || (bin == 36 && value == edges.high()),
                "{value} past bin {bin}"
            );
        }
    }

    #[test]
    fn equal_bounds_are_widened_by_a_half() {
        let edges = Edges::new(3.0, 3.0, 2);
        assert_eq!((edges.low(), edges.high()), (2.5, 3.5));
        assert_eq!(run(&[3.0, 3.0, 2.5, 3.5], &edges), vec![1, 3]);
    }

    #[test]
    fn many_bins_count_the_same_through_the_shared_table() {
        let mut next = crate::test_random::xorshift(0x415);
        let values: Vec<f64> = (0..200_000)
            .map(|_| f64::from(next() % 1_000_000) / 7.0)
            .collect();
        let (small, large) = (
            Edges::new(0.0, 150_000.0, 1000),
            Edges::new(0.0, 150_000.0, 100_000),
        );
        let fine = run(&values, &large);
        let coarse = run(&values, &small);
        let regrouped: Vec<u64> = fine.chunks(100).map(|group| group.iter().sum()).collect();
        assert_eq!(regrouped.iter().sum::<u64>(), coarse.iter().sum::<u64>());
        assert_eq!(
            fine.iter().sum::<u64>(),
            values.iter().filter(|v| **v <= 150_000.0).count() as u64
        );
    }

    #[test]
    fn the_finite_range_skips_nan_and_infinities() {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, 0);
        let values = [f64::NAN, 2.0, f64::INFINITY, -1.0, f64::NEG_INFINITY];
        assert_eq!(finite_range(&values, &control), Ok(Some((-1.0, 2.0))));
        assert_eq!(finite_range(&[f64::NAN], &control), Ok(None));
    }
}
