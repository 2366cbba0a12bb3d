//! Hashing many independent inputs on every core.

use rayon::prelude::*;

use super::digest::{digest, Algorithm, Output};

/// Digests of `inputs`, in order, computed in parallel on the shared rayon pool.
pub fn hash_many(algorithm: Algorithm, inputs: &[&[u8]]) -> Vec<Output> {
    // Small inputs are cheap: hand rayon runs of them, not single items.
    inputs
        .par_iter()
        .with_min_len(256)
        .map(|input| digest(algorithm, input))
        .collect()
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
        for (input, output) in inputs.iter().zip(&results) {
            assert_eq!(
                output.as_bytes(),
                digest(Algorithm::Sha256, input).as_bytes()
            );
        }
    }
}
