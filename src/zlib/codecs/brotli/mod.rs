//! Brotli encoder (Google's C brotli) and decoder (the Rust `brotli-decompressor`,
//! faster than Node's C decoder: the `brotliDecompressSync (q9 input)` row of
//! benches/zlib.bench.mjs) with the semantics of Node's brotli binding:
//! parameters from a key → value list, "Decompression failed" with `ERR__ERROR_…`
//! codes, and "unexpected end of file" when a finishing call still needs input.

use brotli_decompressor::{
    BrotliDecoderParameter, BrotliDecompressStream, BrotliResult, BrotliState, StandardAlloc,
};
use brotlic_sys as c;

use super::Step;
use crate::zlib::codec_error::CodecError;

#[cfg(test)]
mod tests;

/// Node's `BROTLI_OPERATION_FINISH`, as the JS face passes it.
#[allow(clippy::unnecessary_cast)] // bindgen picks the C enum's type per platform
pub const OPERATION_FINISH: i32 = c::BrotliEncoderOperation_BROTLI_OPERATION_FINISH as i32;

/// Google's C brotli encoder (vendored by brotlic-sys, built by cc): the Rust
/// encoder measured 0.65-0.71x Node's speed at quality 4-5 here, and C brotli
/// is the engine Node itself runs, so its output matches Node's.
pub struct BrotliEncoderCodec {
    state: *mut c::BrotliEncoderState,
    last_step: Step,
}

// SAFETY: the encoder state is owned by this value and only used through `&mut self`.
unsafe impl Send for BrotliEncoderCodec {}

impl BrotliEncoderCodec {
    pub fn last_step(&self) -> Step {
        self.last_step
    }

    /// `params`: (key, value) pairs with Node's BROTLI_PARAM_* keys. Values the
    /// encoder refuses are ignored, as Node 20 ignores them.
    pub fn new(params: &[(u32, u32)]) -> Option<BrotliEncoderCodec> {
        // SAFETY: null allocator functions select brotli's default allocator.
        let state = unsafe { c::BrotliEncoderCreateInstance(None, None, std::ptr::null_mut()) };
        if state.is_null() {
            return None;
        }
        for &(key, value) in params {
            // SAFETY: `state` is a live encoder that has not started encoding.
            unsafe { c::BrotliEncoderSetParameter(state, key as c::BrotliEncoderParameter, value) };
        }
        Some(BrotliEncoderCodec {
            state,
            last_step: Step::default(),
        })
    }

    pub fn step(&mut self, op: i32, input: &[u8], output: &mut [u8]) -> Result<Step, CodecError> {
        let mut available_in = input.len();
        let mut next_in = input.as_ptr();
        let mut available_out = output.len();
        let mut next_out = output.as_mut_ptr();
        // SAFETY: the cursors describe `input` and `output`, which outlive the
        // call; brotli advances them within those bounds.
        let ok = unsafe {
            c::BrotliEncoderCompressStream(
                self.state,
                op as c::BrotliEncoderOperation,
                &mut available_in,
                &mut next_in,
                &mut available_out,
                &mut next_out,
                std::ptr::null_mut(),
            )
        };
        self.last_step = Step {
            consumed: input.len() - available_in,
            produced: output.len() - available_out,
        };
        if ok == 0 {
            return Err(CodecError::new(
                "Compression failed",
                "ERR_BROTLI_COMPRESSION_FAILED",
                -1,
            ));
        }
        Ok(self.last_step)
    }
}

impl Drop for BrotliEncoderCodec {
    fn drop(&mut self) {
        // SAFETY: `state` came from BrotliEncoderCreateInstance and is freed once.
        unsafe { c::BrotliEncoderDestroyInstance(self.state) };
    }
}

type DecoderState = BrotliState<StandardAlloc, StandardAlloc, StandardAlloc>;

pub struct BrotliDecoderCodec {
    state: Box<DecoderState>,
    total_out: usize,
    last_step: Step,
}

impl BrotliDecoderCodec {
    pub fn last_step(&self) -> Step {
        self.last_step
    }

    pub fn new(params: &[(u32, u32)]) -> BrotliDecoderCodec {
        let mut state = Box::new(DecoderState::new_strict(
            StandardAlloc::default(),
            StandardAlloc::default(),
            StandardAlloc::default(),
        ));
        for &(key, value) in params {
            let param = match key {
                0 => BrotliDecoderParameter::BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION,
                1 => BrotliDecoderParameter::BROTLI_DECODER_PARAM_LARGE_WINDOW,
                _ => continue,
            };
            state.set_parameter(param, value);
        }
        BrotliDecoderCodec {
            state,
            total_out: 0,
            last_step: Step::default(),
        }
    }

    /// Decodes through a small scratch buffer and in small input slices: the
    /// decoder runs about 1.6× faster writing 4 KiB at a time (its ring buffer and
    /// the copy stay in L1) than writing straight into a big output.
    pub fn step(&mut self, op: i32, input: &[u8], output: &mut [u8]) -> Result<Step, CodecError> {
        let mut scratch = [0u8; SCRATCH];
        let mut consumed = 0;
        let mut produced = 0;
        loop {
            let room = (output.len() - produced).min(SCRATCH);
            let slice = &input[consumed..(consumed + SCRATCH).min(input.len())];
            let mut available_in = slice.len();
            let mut in_offset = 0;
            let mut available_out = room;
            let mut out_offset = 0;
            let result = BrotliDecompressStream(
                &mut available_in,
                &mut in_offset,
                slice,
                &mut available_out,
                &mut out_offset,
                &mut scratch[..room],
                &mut self.total_out,
                &mut self.state,
            );
            output[produced..produced + out_offset].copy_from_slice(&scratch[..out_offset]);
            consumed += in_offset;
            produced += out_offset;
            self.last_step = Step { consumed, produced };
            match result {
                BrotliResult::ResultFailure => return Err(decoder_error(self.state.error_code)),
                BrotliResult::ResultSuccess => break,
                // A scratch buffer filled to the brim may hide more decoded output:
                // ask again before reporting that input is needed.
                BrotliResult::NeedsMoreInput if consumed == input.len() && out_offset < room => {
                    if op == OPERATION_FINISH {
                        return Err(CodecError::end_of_input());
                    }
                    break;
                }
                BrotliResult::NeedsMoreOutput | BrotliResult::NeedsMoreInput
                    if produced == output.len() =>
                {
                    break
                }
                _ => {}
            }
        }
        Ok(Step { consumed, produced })
    }
}

const SCRATCH: usize = 4096;

/// C brotli 1.1's name for a decoder error code without its "BROTLI_DECODER"
/// prefix, as Node puts it after "ERR_" (the vendored C library's own
/// BrotliDecoderErrorString drops "_ERROR_FORMAT" too, unlike Node's).
fn decoder_error_name(code: i32) -> &'static str {
    match code {
        -1 => "_ERROR_FORMAT_EXUBERANT_NIBBLE",
        -2 => "_ERROR_FORMAT_RESERVED",
        -3 => "_ERROR_FORMAT_EXUBERANT_META_NIBBLE",
        -4 => "_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET",
        -5 => "_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME",
        -6 => "_ERROR_FORMAT_CL_SPACE",
        -7 => "_ERROR_FORMAT_HUFFMAN_SPACE",
        -8 => "_ERROR_FORMAT_CONTEXT_MAP_REPEAT",
        -9 => "_ERROR_FORMAT_BLOCK_LENGTH_1",
        -10 => "_ERROR_FORMAT_BLOCK_LENGTH_2",
        -11 => "_ERROR_FORMAT_TRANSFORM",
        -12 => "_ERROR_FORMAT_DICTIONARY",
        -13 => "_ERROR_FORMAT_WINDOW_BITS",
        -14 => "_ERROR_FORMAT_PADDING_1",
        -15 => "_ERROR_FORMAT_PADDING_2",
        -16 => "_ERROR_FORMAT_DISTANCE",
        -18 => "_ERROR_COMPOUND_DICTIONARY",
        -19 => "_ERROR_DICTIONARY_NOT_SET",
        -20 => "_ERROR_INVALID_ARGUMENTS",
        -21 => "_ERROR_ALLOC_CONTEXT_MODES",
        -22 => "_ERROR_ALLOC_TREE_GROUPS",
        -25 => "_ERROR_ALLOC_CONTEXT_MAP",
        -26 => "_ERROR_ALLOC_RING_BUFFER_1",
        -27 => "_ERROR_ALLOC_RING_BUFFER_2",
        -30 => "_ERROR_ALLOC_BLOCK_TYPE_TREES",
        -31 => "_ERROR_UNREACHABLE",
        _ => "_ERROR_UNKNOWN",
    }
}

/// C brotli's error name without its "BROTLI_DECODER" prefix, after "ERR_", as
/// Node builds it: ERR__ERROR_FORMAT_PADDING_1.
fn decoder_error(code: brotli_decompressor::BrotliDecoderErrorCode) -> CodecError {
    let name = format!("{code:?}");
    let name = name.trim_start_matches("BROTLI_DECODER");
    CodecError::new("Decompression failed", format!("ERR_{name}"), code as i32)
}

/// Google's C brotli decoder, the one Node runs: streams use it so that the data
/// handed out before an error, and the error code itself, are Node's (the Rust
/// decoder outputs sooner and names some corruptions differently). One-shot calls
/// use the faster Rust decoder and fall back to this one when it fails.
pub struct ReferenceBrotliDecoder {
    state: *mut c::BrotliDecoderState,
    last_step: Step,
}

// SAFETY: the decoder state is owned by this value and only used through `&mut self`.
unsafe impl Send for ReferenceBrotliDecoder {}

impl ReferenceBrotliDecoder {
    pub fn new(params: &[(u32, u32)]) -> Option<ReferenceBrotliDecoder> {
        // SAFETY: null allocator functions select brotli's default allocator.
        let state = unsafe { c::BrotliDecoderCreateInstance(None, None, std::ptr::null_mut()) };
        if state.is_null() {
            return None;
        }
        for &(key, value) in params {
            // SAFETY: `state` is a live decoder that has not started decoding.
            unsafe { c::BrotliDecoderSetParameter(state, key as c::BrotliDecoderParameter, value) };
        }
        Some(ReferenceBrotliDecoder {
            state,
            last_step: Step::default(),
        })
    }

    pub fn last_step(&self) -> Step {
        self.last_step
    }

    pub fn step(&mut self, op: i32, input: &[u8], output: &mut [u8]) -> Result<Step, CodecError> {
        let mut available_in = input.len();
        let mut next_in = input.as_ptr();
        let mut available_out = output.len();
        let mut next_out = output.as_mut_ptr();
        // SAFETY: the cursors describe `input` and `output`, which outlive the
        // call; brotli advances them within those bounds.
        let result = unsafe {
            c::BrotliDecoderDecompressStream(
                self.state,
                &mut available_in,
                &mut next_in,
                &mut available_out,
                &mut next_out,
                std::ptr::null_mut(),
            )
        };
        self.last_step = Step {
            consumed: input.len() - available_in,
            produced: output.len() - available_out,
        };
        if result == c::BrotliDecoderResult_BROTLI_DECODER_RESULT_ERROR {
            // SAFETY: the state is live.
            let code = unsafe { c::BrotliDecoderGetErrorCode(self.state) };
            return Err(CodecError::new(
                "Decompression failed",
                format!("ERR_{}", decoder_error_name(code)),
                code,
            ));
        }
        if result == c::BrotliDecoderResult_BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT
            && op == OPERATION_FINISH
        {
            return Err(CodecError::end_of_input());
        }
        Ok(self.last_step)
    }
}

impl Drop for ReferenceBrotliDecoder {
    fn drop(&mut self) {
        // SAFETY: `state` came from BrotliDecoderCreateInstance and is freed once.
        unsafe { c::BrotliDecoderDestroyInstance(self.state) };
    }
}
