//! Hashing many independent inputs on every core.

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

/// As `hash_many`, counting inputs done on `control` and stopping once it is cancelled.
pub fn hash_many_controlled(
    algorithm: Algorithm,
    inputs: &[&[u8]],
    control: &WorkControl,
) -> Result<Vec<Output>, Cancelled> {
    control.set_total(inputs.len() as u64);
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
