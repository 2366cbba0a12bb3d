//! The inner loops of the float reductions: one read of a piece gives eight lanes of
//! running sums (with each addition's rounding error, by TwoSum) and, when asked,
//! eight lanes of least and greatest values; a second read of the (cached) piece
//! gives the deviations from its mean. For Float64Array on x86-64 the loops are
//! written with AVX2 where the CPU has it (checked at run time) and SSE2 (part of
//! every x86-64 CPU) elsewhere: LLVM vectorises the plain loops poorly, and the
//! explicit SSE2 ones measured 2× faster on one thread (the `sum of 100M Float64` row
//! of benches/workers.bench.mjs runs them). Every path puts element i in lane i mod 16,
//! so all give the same bits.
//!
//! The lanes of least and greatest values follow the hardware's min/max, which pick
//! an operand when one is NaN or both are zeros: callers find NaNs from the sum and
//! settle the sign of a zero extreme themselves.

use super::element::Number;

pub const LANES: usize = 16;

/// What one read of a piece found, lane by lane.
pub struct Scan {
    pub sums: [f64; LANES],
    pub errors: [f64; LANES],
    pub mins: [f64; LANES],
    pub maxs: [f64; LANES],
}

/// Knuth's TwoSum: `a + b` rounded, and the rounding error, exactly.
pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let sum = a + b;
    let b_part = sum - a;
    (sum, (a - (sum - b_part)) + (b - b_part))
}

/// Sums (and, with `extremes`, least and greatest values) of `values` in lanes.
pub fn scan<T: Number>(values: &[T], extremes: bool) -> Scan {
    #[cfg(target_arch = "x86_64")]
    if let Some(doubles) = T::as_doubles(values) {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe {
                if extremes {
                    avx2::scan::<true>(doubles)
                } else {
                    avx2::scan::<false>(doubles)
                }
            };
        }
        // SAFETY: SSE2 is part of every x86-64 CPU.
        return unsafe {
            if extremes {
                sse2::scan::<true>(doubles)
            } else {
                sse2::scan::<false>(doubles)
            }
        };
    }
    scan_portable(values, extremes)
}

fn scan_portable<T: Number>(values: &[T], extremes: bool) -> Scan {
    let mut scan = Scan {
        sums: [0.0; LANES],
        errors: [0.0; LANES],
        mins: [f64::INFINITY; LANES],
        maxs: [f64::NEG_INFINITY; LANES],
    };
    for (i, value) in values.iter().enumerate() {
        let lane = i % LANES;
        let value = value.to_f64();
        let (sum, error) = two_sum(scan.sums[lane], value);
        scan.sums[lane] = sum;
        scan.errors[lane] += error;
        if extremes {
            scan.mins[lane] = scan.mins[lane].min(value);
            scan.maxs[lane] = scan.maxs[lane].max(value);
        }
    }
    scan
}

/// The last elements (fewer than LANES) of a SIMD scan, element i into lane i.
#[cfg(target_arch = "x86_64")]
fn scan_tail<const EXTREMES: bool>(scan: &mut Scan, rest: &[f64]) {
    for (lane, &x) in rest.iter().enumerate() {
        let (sum, error) = two_sum(scan.sums[lane], x);
        scan.sums[lane] = sum;
        scan.errors[lane] += error;
        if EXTREMES {
            scan.mins[lane] = scan.mins[lane].min(x);
            scan.maxs[lane] = scan.maxs[lane].max(x);
        }
    }
}

/// Adds the last elements of a SIMD pass of deviations, and folds the lanes.
#[cfg(target_arch = "x86_64")]
fn deviations_tail(
    mut deviations: [f64; LANES],
    mut squares: [f64; LANES],
    rest: &[f64],
    mean: f64,
) -> (f64, f64) {
    for (lane, &x) in rest.iter().enumerate() {
        deviations[lane] += x - mean;
        squares[lane] += (x - mean) * (x - mean);
    }
    (deviations.iter().sum(), squares.iter().sum())
}

/// Σ(x − mean) and Σ(x − mean)² of `values`.
pub fn deviations<T: Number>(values: &[T], mean: f64) -> (f64, f64) {
    #[cfg(target_arch = "x86_64")]
    if let Some(doubles) = T::as_doubles(values) {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe { avx2::deviations(doubles, mean) };
        }
        // SAFETY: SSE2 is part of every x86-64 CPU.
        return unsafe { sse2::deviations(doubles, mean) };
    }
    let mut deviations = [0.0f64; LANES];
    let mut squares = [0.0f64; LANES];
    for (i, value) in values.iter().enumerate() {
        let deviation = value.to_f64() - mean;
        deviations[i % LANES] += deviation;
        squares[i % LANES] += deviation * deviation;
    }
    (deviations.iter().sum(), squares.iter().sum())
}

/// A module of the SIMD loops for one x86-64 vector width: `$vector` holds `$width`
/// doubles and the intrinsics are that width's. The callers check `$feature` first
/// (SSE2 is part of every x86-64 CPU).
#[cfg(target_arch = "x86_64")]
macro_rules! simd_lanes {
    ($module:ident, $feature:literal, $vector:ident, $width:literal, $load:ident, $store:ident,
     $set1:ident, $zero:ident, $add:ident, $sub:ident, $mul:ident, $min:ident, $max:ident) => {
        mod $module {
            use super::{Scan, LANES};
            use std::arch::x86_64::{
                $add, $load, $max, $min, $mul, $set1, $store, $sub, $vector, $zero,
            };

            const VECTORS: usize = LANES / $width;

            #[target_feature(enable = $feature)]
            fn store(vectors: [$vector; VECTORS]) -> [f64; LANES] {
                let mut out = [0.0; LANES];
                for (k, vector) in vectors.into_iter().enumerate() {
                    // SAFETY: out has room for $width doubles at $width·k (k < VECTORS).
                    unsafe { $store(out.as_mut_ptr().add($width * k), vector) };
                }
                out
            }

            /// # Safety
            /// The CPU must have the module's feature.
            #[target_feature(enable = $feature)]
            pub unsafe fn scan<const EXTREMES: bool>(values: &[f64]) -> Scan {
                let mut sums = [$zero(); VECTORS];
                let mut errors = [$zero(); VECTORS];
                let mut mins = [$set1(f64::INFINITY); VECTORS];
                let mut maxs = [$set1(f64::NEG_INFINITY); VECTORS];
                let mut groups = values.chunks_exact(LANES);
                for group in &mut groups {
                    for k in 0..VECTORS {
                        // SAFETY: $width doubles at $width·k lie inside `group` (LANES long).
                        let x = unsafe { $load(group.as_ptr().add($width * k)) };
                        let sum = $add(sums[k], x);
                        let x_part = $sub(sum, sums[k]);
                        let error = $add($sub(sums[k], $sub(sum, x_part)), $sub(x, x_part));
                        sums[k] = sum;
                        errors[k] = $add(errors[k], error);
                        if EXTREMES {
                            mins[k] = $min(mins[k], x);
                            maxs[k] = $max(maxs[k], x);
                        }
                    }
                }
                let mut scan = Scan {
                    sums: store(sums),
                    errors: store(errors),
                    mins: store(mins),
                    maxs: store(maxs),
                };
                super::scan_tail::<EXTREMES>(&mut scan, groups.remainder());
                scan
            }

            /// # Safety
            /// The CPU must have the module's feature.
            #[target_feature(enable = $feature)]
            pub unsafe fn deviations(values: &[f64], mean: f64) -> (f64, f64) {
                let center = $set1(mean);
                let mut deviations = [$zero(); VECTORS];
                let mut squares = [$zero(); VECTORS];
                let mut groups = values.chunks_exact(LANES);
                for group in &mut groups {
                    for k in 0..VECTORS {
                        // SAFETY: as in `scan`.
                        let d = $sub(unsafe { $load(group.as_ptr().add($width * k)) }, center);
                        deviations[k] = $add(deviations[k], d);
                        squares[k] = $add(squares[k], $mul(d, d));
                    }
                }
                super::deviations_tail(store(deviations), store(squares), groups.remainder(), mean)
            }
        }
    };
}

#[cfg(target_arch = "x86_64")]
simd_lanes!(
    sse2,
    "sse2",
    __m128d,
    2,
    _mm_loadu_pd,
    _mm_storeu_pd,
    _mm_set1_pd,
    _mm_setzero_pd,
    _mm_add_pd,
    _mm_sub_pd,
    _mm_mul_pd,
    _mm_min_pd,
    _mm_max_pd
);
#[cfg(target_arch = "x86_64")]
simd_lanes!(
    avx2,
    "avx2",
    __m256d,
    4,
    _mm256_loadu_pd,
    _mm256_storeu_pd,
    _mm256_set1_pd,
    _mm256_setzero_pd,
    _mm256_add_pd,
    _mm256_sub_pd,
    _mm256_mul_pd,
    _mm256_min_pd,
    _mm256_max_pd
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_gives_the_same_bits() {
        let mut next = crate::test_random::xorshift(0x51d);
        let values: Vec<f64> = (0..10_007)
            .map(|_| (f64::from(next()) - 2e9) * 1e-3)
            .collect();
        let portable = scan_portable(&values, true);
        let mut paths = vec![("dispatched", scan(&values, true))];
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of every x86-64 CPU.
            paths.push(("sse2", unsafe { sse2::scan::<true>(&values) }));
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2 (checked just above).
                paths.push(("avx2", unsafe { avx2::scan::<true>(&values) }));
            }
        }
        let bits = |lanes: &[f64; LANES]| lanes.map(f64::to_bits);
        for (name, path) in paths {
            assert_eq!(bits(&path.sums), bits(&portable.sums), "{name} sums");
            assert_eq!(bits(&path.errors), bits(&portable.errors), "{name} errors");
            assert_eq!(bits(&path.mins), bits(&portable.mins), "{name} mins");
            assert_eq!(bits(&path.maxs), bits(&portable.maxs), "{name} maxs");
        }
    }

    #[test]
    fn deviations_are_those_of_a_plain_loop() {
        let mut next = crate::test_random::xorshift(0xde7);
        let values: Vec<f64> = (0..10_007)
            .map(|_| (f64::from(next()) - 2e9) * 1e-3)
            .collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let (d, q) = deviations(&values, mean);
        let q_ref: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
        let magnitude: f64 = values.iter().map(|v| v.abs()).sum();
        assert!(d.abs() <= magnitude * 1e-12, "{d}");
        assert!((q - q_ref).abs() <= q_ref * 1e-12, "{q} vs {q_ref}");
    }
}
