//! `reduce(ta, op)` and `stats(ta)`: count, sum, min, max, mean and variance in one
//! read of the memory. The array is cut into pieces of 32 Ki elements (they stay in
//! the core's cache); the pool summarises pieces in parallel and the summaries are
//! merged in array order, so a result does not depend on the number of threads.
//!
//! - Sum of integer types: exact (i128), rounded once to a Number where one is
//!   returned. Sum of floats: Sum2 of Ogita, Rump and Oishi (each addition's rounding
//!   error kept by TwoSum and added back at the end), in eight lanes (`lanes`):
//!   |error| ≤ u·|sum| + γ(n)²·Σ|xᵢ|, u = 2⁻⁵³, γ(n) = n·u / (1 − n·u), about as
//!   accurate as summing in twice the precision. NaN in, NaN out; infinities sum as
//!   plain addition does.
//! - min/max as `Math.min`/`Math.max`: NaN if any element is NaN, -0 below +0.
//! - variance is the population variance (divided by n): per piece by the corrected
//!   two-pass formula about the piece's mean (the second pass reads the cache), pieces
//!   merged with Chan, Golub and LeVeque's pairwise update.

use rayon::prelude::*;

use super::control::{Aborted, Control};
use super::element::Number;
use super::lanes::{deviations, scan, two_sum, LANES};

const PIECE: usize = 1 << 15;

/// What a call needs beyond the sum: the extremes, the variance (its own pass).
#[derive(Clone, Copy, Debug)]
pub struct Wanted {
    pub extremes: bool,
    pub variance: bool,
}

impl Wanted {
    pub const ALL: Wanted = Wanted {
        extremes: true,
        variance: true,
    };
}

/// A sum: exact for integer types, compensated for floats.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Total {
    Exact(i128),
    Float(f64),
}

/// A least or greatest element: none for an empty array.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Extreme {
    Empty,
    Exact(i128),
    Float(f64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub count: u64,
    pub sum: Total,
    pub min: Extreme,
    pub max: Extreme,
    pub mean: f64,
    pub variance: f64,
}

/// What one piece contributes.
#[derive(Clone, Copy, Debug)]
struct Piece {
    count: u64,
    /// Floats: the plain running sum and the rounding errors of its additions.
    sum: f64,
    error: f64,
    exact: i128,
    min: f64,
    max: f64,
    min_exact: i128,
    max_exact: i128,
    has_nan: bool,
    /// Mean and sum of squared deviations, for the variance.
    mean: f64,
    m2: f64,
}

/// Summarises `values`; the extremes and the variance only when `wanted` asks for
/// them (a call that leaves them out gets NaN there).
pub fn summarize<T: Number>(
    values: &[T],
    wanted: Wanted,
    control: &Control,
) -> Result<Summary, Aborted> {
    let pieces: Vec<Piece> = values
        .par_chunks(PIECE)
        .map(|piece| {
            control.check()?;
            let summary = if T::INTEGER {
                integer_piece(piece, wanted.variance)
            } else {
                float_piece(piece, wanted)
            };
            control.advance(piece.len() as u64);
            Ok(summary)
        })
        .collect::<Result<_, Aborted>>()?;
    control.finish();
    Ok(merge::<T>(&pieces))
}

fn integer_piece<T: Number>(values: &[T], variance: bool) -> Piece {
    let mut exact = 0i128;
    let (mut min_exact, mut max_exact) = (i128::MAX, i128::MIN);
    for value in values {
        let value = value.to_i128();
        exact += value;
        min_exact = min_exact.min(value);
        max_exact = max_exact.max(value);
    }
    let count = values.len() as u64;
    let mean = exact as f64 / count as f64;
    Piece {
        count,
        sum: 0.0,
        error: 0.0,
        exact,
        min: 0.0,
        max: 0.0,
        min_exact,
        max_exact,
        has_nan: false,
        mean,
        m2: if variance {
            squared_deviations(values, mean)
        } else {
            0.0
        },
    }
}

fn float_piece<T: Number>(values: &[T], wanted: Wanted) -> Piece {
    let lanes = scan(values, wanted.extremes);
    let (mut sum, mut error) = (lanes.sums[0], lanes.errors[0]);
    for lane in 1..LANES {
        let (next, rounding) = two_sum(sum, lanes.sums[lane]);
        sum = next;
        error += lanes.errors[lane] + rounding;
    }
    // A NaN sum means a NaN element or +Infinity meeting -Infinity: look which.
    let has_nan = sum.is_nan() && values.iter().any(|v| v.to_f64().is_nan());
    let (mut min, mut max) = (f64::NAN, f64::NAN);
    if wanted.extremes {
        min = lanes.mins.iter().copied().fold(f64::INFINITY, f64::min);
        max = lanes.maxs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // The lanes pick either zero; Math.min/max rank -0 below +0.
        if min == 0.0
            && values
                .iter()
                .any(|v| v.to_f64().to_bits() == (-0.0f64).to_bits())
        {
            min = -0.0;
        }
        if max == 0.0 {
            max = if values.iter().any(|v| v.to_f64().to_bits() == 0) {
                0.0
            } else {
                -0.0
            };
        }
    }
    let count = values.len() as u64;
    let mean = (sum + error) / count as f64;
    Piece {
        count,
        sum,
        error,
        exact: 0,
        min,
        max,
        min_exact: 0,
        max_exact: 0,
        has_nan,
        mean,
        m2: if wanted.variance && mean.is_finite() {
            squared_deviations(values, mean)
        } else {
            f64::NAN
        },
    }
}

/// Σ(x − mean)², corrected by the rounding of the mean (Σ(x − mean))² / n.
fn squared_deviations<T: Number>(values: &[T], mean: f64) -> f64 {
    let (deviation, squares) = deviations(values, mean);
    squares - deviation * deviation / values.len() as f64
}

/// Merges the pieces in array order.
fn merge<T: Number>(pieces: &[Piece]) -> Summary {
    let count: u64 = pieces.iter().map(|p| p.count).sum();
    let (mut mean, mut m2, mut merged) = (0.0f64, 0.0f64, 0u64);
    for piece in pieces {
        // Chan, Golub and LeVeque: combine (n, mean, M2) pairs.
        let total = merged + piece.count;
        let delta = piece.mean - mean;
        m2 += piece.m2 + delta * delta * (merged as f64) * (piece.count as f64) / total as f64;
        mean += delta * piece.count as f64 / total as f64;
        merged = total;
    }
    let variance = if count == 0 {
        f64::NAN
    } else {
        m2 / count as f64
    };
    if count == 0 {
        let sum = if T::INTEGER {
            Total::Exact(0)
        } else {
            Total::Float(0.0)
        };
        return Summary {
            count,
            sum,
            min: Extreme::Empty,
            max: Extreme::Empty,
            mean: f64::NAN,
            variance,
        };
    }
    if T::INTEGER {
        let exact: i128 = pieces.iter().map(|p| p.exact).sum();
        let min = pieces.iter().map(|p| p.min_exact).min().unwrap_or(0);
        let max = pieces.iter().map(|p| p.max_exact).max().unwrap_or(0);
        return Summary {
            count,
            sum: Total::Exact(exact),
            min: Extreme::Exact(min),
            max: Extreme::Exact(max),
            mean: exact as f64 / count as f64,
            variance,
        };
    }
    let (mut sum, mut error) = (0.0f64, 0.0f64);
    for piece in pieces {
        let (next, rounding) = two_sum(sum, piece.sum);
        sum = next;
        error += piece.error + rounding;
    }
    // Past the finite range the errors are meaningless (Infinity − Infinity).
    let sum = if sum.is_finite() { sum + error } else { sum };
    let has_nan = pieces.iter().any(|p| p.has_nan);
    let (min, max) = if has_nan {
        (f64::NAN, f64::NAN)
    } else {
        let min = pieces
            .iter()
            .map(|p| p.min)
            .min_by(f64::total_cmp)
            .unwrap_or(f64::NAN);
        let max = pieces
            .iter()
            .map(|p| p.max)
            .max_by(f64::total_cmp)
            .unwrap_or(f64::NAN);
        (min, max)
    };
    Summary {
        count,
        sum: Total::Float(sum),
        min: Extreme::Float(min),
        max: Extreme::Float(max),
        mean: sum / count as f64,
        variance: if has_nan { f64::NAN } else { variance },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workers::element::Half;
    use std::sync::atomic::AtomicBool;

    fn run<T: Number>(values: &[T]) -> Summary {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, values.len() as u64);
        summarize(values, Wanted::ALL, &control).expect("not cancelled")
    }

    #[test]
    fn integer_sums_are_exact_past_two_to_the_53() {
        let values = vec![i64::MAX; 1000];
        let summary = run(&values);
        assert_eq!(summary.sum, Total::Exact(i128::from(i64::MAX) * 1000));
        assert_eq!(summary.min, Extreme::Exact(i128::from(i64::MAX)));
        assert_eq!(summary.variance, 0.0);
    }

    #[test]
    fn float_sums_keep_what_plain_addition_loses() {
        // 1e16 + 1 + 1 + … − 1e16: plain addition loses every 1.
        let mut values = vec![1e16];
        values.extend(std::iter::repeat_n(1.0, 100_000));
        values.push(-1e16);
        assert_eq!(run(&values).sum, Total::Float(100_000.0));
    }

    #[test]
    fn min_and_max_follow_math_min_and_math_max() {
        let zeros = run(&[0.0f64, -0.0, 0.0]);
        assert_eq!(zeros.min, Extreme::Float(-0.0));
        assert!(matches!(zeros.min, Extreme::Float(m) if m.is_sign_negative()));
        assert!(matches!(zeros.max, Extreme::Float(m) if m.is_sign_positive()));
        let with_nan = run(&[1.0f32, f32::NAN, 3.0]);
        assert!(matches!(with_nan.min, Extreme::Float(m) if m.is_nan()));
        assert!(matches!(with_nan.sum, Total::Float(s) if s.is_nan()));
        let infinities = run(&[f64::INFINITY, 1.0]);
        assert_eq!(infinities.sum, Total::Float(f64::INFINITY));
        assert_eq!(infinities.max, Extreme::Float(f64::INFINITY));
    }

    #[test]
    fn variance_is_the_population_variance_whatever_the_piece_boundaries() {
        let mut next = crate::test_random::xorshift(0xbad);
        let values: Vec<f64> = (0..(3 * PIECE + 17))
            .map(|_| 1e9 + f64::from(next() % 1000))
            .collect();
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let expected = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        let summary = run(&values);
        assert!(
            (summary.variance - expected).abs() <= expected * 1e-12,
            "{} vs {expected}",
            summary.variance
        );
        assert!((summary.mean - mean).abs() <= mean * 1e-15);
    }

    #[test]
    fn an_empty_array_has_no_extremes() {
        let summary = run::<u8>(&[]);
        assert_eq!(
            (summary.count, summary.sum, summary.min),
            (0, Total::Exact(0), Extreme::Empty)
        );
        assert!(summary.mean.is_nan() && summary.variance.is_nan());
    }

    #[test]
    fn half_floats_are_read_exactly() {
        let summary = run(&[Half(0x3c00), Half(0xc000), Half(0x3800)]);
        assert_eq!(summary.sum, Total::Float(-0.5));
        assert_eq!(summary.min, Extreme::Float(-2.0));
    }
}
