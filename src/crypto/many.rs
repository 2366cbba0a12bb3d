//! Hashing many independent inputs on every core.

use std::ops::Range;

use rayon::prelude::*;

use super::digest::{digest, Algorithm, Output};
use crate::work_control::{Cancelled, WorkControl};

/// Small inputs are cheap: rayon gets runs of them, not single items, and the cancel
/// flag and progress are checked and counted per run.
const RUN: usize = 256;

/// Digests of `inputs`, in order, computed in parallel on the shared rayon pool.
pub fn hash_many(algorithm: Algorithm, inputs: &[&[u8]]) -> Vec<Output> {
    inputs
        .par_iter()
        .with_min_len(RUN)
        .map(|input| digest(algorithm, input))
        .collect()
}

/// The ends of packed inputs did not rise within the packed bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct BadEnds;

/// Where each input lies in `len` packed bytes, input `i` ending at `ends[i]` (as the
/// face packs them: one copy in JS costs less than reading each input across napi).
pub fn packed_ranges(len: usize, ends: &[f64]) -> Result<Vec<Range<usize>>, BadEnds> {
    let mut start = 0usize;
    ends.iter()
        .map(|&end| {
            if !(end >= start as f64 && end <= len as f64) || end.fract() != 0.0 {
                return Err(BadEnds);
            }
            let range = start..end as usize;
            start = range.end;
            Ok(range)
        })
        .collect()
}

/// As `hash_many`, counting inputs done on `control` and stopping once it is cancelled.
pub fn hash_many_controlled(
    algorithm: Algorithm,
    inputs: &[&[u8]],
    control: &WorkControl,
) -> Result<Vec<Output>, Cancelled> {
    control.add_total(inputs.len() as u64);
    let runs: Vec<Vec<Output>> = inputs
        .par_chunks(RUN)
        .map(|run| {
            control.check()?;
            let digests: Vec<Output> = run.iter().map(|input| digest(algorithm, input)).collect();
            control.advance(run.len() as u64);
            Ok(digests)
        })
        .collect::<Result<_, Cancelled>>()?;
    Ok(runs.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_inputs_lie_between_their_ends_and_bad_ends_are_refused() {
        assert_eq!(
            packed_ranges(6, &[1.0, 1.0, 4.0, 6.0]),
            Ok(vec![0..1, 1..1, 1..4, 4..6])
        );
        for bad in [&[3.0, 2.0][..], &[7.0], &[-1.0], &[1.5], &[f64::NAN]] {
            assert_eq!(packed_ranges(6, bad), Err(BadEnds), "{bad:?}");
        }
    }

    #[test]
    fn results_keep_input_order() {
        let owned: Vec<Vec<u8>> = (0..2000u32)
            .map(|i| i.to_le_bytes().repeat((i % 50) as usize))
            .collect();
        let inputs: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let results = hash_many(Algorithm::Sha256, &inputs);
        let control = WorkControl::new();
        assert_eq!(
            hash_many_controlled(Algorithm::Sha256, &inputs, &control).map(|d| d.len()),
            Ok(results.len())
        );
        assert_eq!((control.done(), control.total()), (2000, 2000));
        control.cancel();
        assert_eq!(
            hash_many_controlled(Algorithm::Sha256, &inputs, &control).map(|d| d.len()),
            Err(Cancelled)
        );
        for (input, output) in inputs.iter().zip(&results) {
            assert_eq!(
                output.as_bytes(),
                digest(Algorithm::Sha256, input).as_bytes()
            );
        }
    }
}
