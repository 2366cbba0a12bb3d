//! Many independent one-shot jobs (e.g. pre-compressing static assets) spread over
//! the rayon pool: each input is compressed or decompressed on its own.

use rayon::prelude::*;

use super::codecs::CodecOptions;
use super::one_shot::{process, OneShotError};
use crate::work_control::{Cancelled, WorkControl};

/// Each input's result, in order; progress counts inputs, and a cancel stops the
/// inputs not yet started.
pub fn process_many(
    options: &CodecOptions,
    flush: i32,
    inputs: &[&[u8]],
    max_output_length: usize,
    control: &WorkControl,
) -> Result<Vec<Result<Vec<u8>, OneShotError>>, Cancelled> {
    control.add_total(inputs.len() as u64);
    inputs
        .par_iter()
        .map(|input| {
            control.check()?;
            let result = process(options, flush, input, max_output_length);
            control.advance(1);
            Ok(result)
        })
        .collect()
}
