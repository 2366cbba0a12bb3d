//! Many independent one-shot jobs (e.g. pre-compressing static assets) spread over
//! the rayon pool: each input is compressed or decompressed on its own.

use rayon::prelude::*;

use super::codecs::CodecOptions;
use super::one_shot::{process, OneShotError};

pub fn process_many(
    options: &CodecOptions,
    flush: i32,
    inputs: &[&[u8]],
    max_output_length: usize,
) -> Vec<Result<Vec<u8>, OneShotError>> {
    inputs
        .par_iter()
        .map(|input| process(options, flush, input, max_output_length))
        .collect()
}
