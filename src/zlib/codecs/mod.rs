//! The codecs behind every zlib mode: `flate` (zlib-rs streams), `brotli` (C brotli
//! and brotli-decompressor) and `libdeflate` (whole-buffer calls), and `Codec`, one
//! codec of any of Node's nine modes behind a single `step` call.

pub mod brotli;
pub mod flate;
pub mod libdeflate;

pub use flate::{FlateCodec, FlateOptions, MAX_WINDOW_BITS, REPEATED_CALL};

use super::codec_error::CodecError;
use super::mode::Mode;
use brotli::{BrotliDecoderCodec, BrotliEncoderCodec, ReferenceBrotliDecoder};

/// How much of the input one call consumed and how much output it produced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Step {
    pub consumed: usize,
    pub produced: usize,
}

/// Node's `zlib.constants.Z_DEFAULT_CHUNK`: the default output piece size.
pub const NODE_DEFAULT_CHUNK: usize = 16 << 10;

/// Everything needed to build a codec: the mode plus either zlib options or
/// brotli parameters.
#[derive(Clone, Debug)]
pub struct CodecOptions {
    pub mode: Mode,
    pub flate: FlateOptions,
    pub brotli_params: Vec<(u32, u32)>,
    /// Decode brotli with C brotli, Node's own decoder, rather than the faster
    /// Rust one (see `ReferenceBrotliDecoder`).
    pub reference_brotli_decoder: bool,
    /// Node's `chunkSize`: the output piece size, which also orders an engine
    /// error against `maxOutputLength` in one-shot calls, as Node's loop does.
    pub chunk_size: usize,
}

impl CodecOptions {
    pub fn new(mode: Mode) -> CodecOptions {
        CodecOptions {
            mode,
            flate: FlateOptions::default(),
            brotli_params: Vec::new(),
            reference_brotli_decoder: false,
            chunk_size: NODE_DEFAULT_CHUNK,
        }
    }
}

pub enum Codec {
    /// An engine that could not be created (out of memory): every call fails.
    Failed,
    Flate(FlateCodec),
    BrotliEncode(Box<BrotliEncoderCodec>),
    BrotliDecode(BrotliDecoderCodec),
    ReferenceBrotliDecode(ReferenceBrotliDecoder),
}

impl Codec {
    pub fn new(options: &CodecOptions) -> Codec {
        match options.mode {
            Mode::BrotliEncode => match BrotliEncoderCodec::new(&options.brotli_params) {
                Some(encoder) => Codec::BrotliEncode(Box::new(encoder)),
                None => Codec::Failed,
            },
            Mode::BrotliDecode if options.reference_brotli_decoder => {
                match ReferenceBrotliDecoder::new(&options.brotli_params) {
                    Some(decoder) => Codec::ReferenceBrotliDecode(decoder),
                    None => Codec::Failed,
                }
            }
            Mode::BrotliDecode => {
                Codec::BrotliDecode(BrotliDecoderCodec::new(&options.brotli_params))
            }
            mode => Codec::Flate(FlateCodec::new(mode, options.flate.clone())),
        }
    }

    /// One engine call with Node's flush flag (zlib) or operation (brotli).
    pub fn step(
        &mut self,
        flush: i32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<Step, CodecError> {
        match self {
            Codec::Failed => Err(CodecError::new(
                "Initialization failed",
                "ERR_ZLIB_INITIALIZATION_FAILED",
                libz_rs_sys::Z_MEM_ERROR,
            )),
            Codec::Flate(codec) => codec.step(flush, input, output),
            Codec::BrotliEncode(codec) => codec.step(flush, input, output),
            Codec::BrotliDecode(codec) => codec.step(flush, input, output),
            Codec::ReferenceBrotliDecode(codec) => codec.step(flush, input, output),
        }
    }

    /// For streams: name zlib-rs's fast-loop inflate errors as zlib does.
    /// What the last `step` consumed and produced, also when it failed.
    pub fn last_step(&self) -> Step {
        match self {
            Codec::Failed => Step::default(),
            Codec::Flate(codec) => codec.last_step(),
            Codec::BrotliEncode(codec) => codec.last_step(),
            Codec::BrotliDecode(codec) => codec.last_step(),
            Codec::ReferenceBrotliDecode(codec) => codec.last_step(),
        }
    }

    /// `params()`; brotli streams accept and ignore it, as in Node.
    pub fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        match self {
            Codec::Flate(codec) => codec.params(level, strategy),
            _ => Ok(()),
        }
    }

    /// `reset()`; a brotli codec is rebuilt from its options.
    pub fn reset(&mut self, options: &CodecOptions) -> Result<(), CodecError> {
        match self {
            Codec::Flate(codec) => codec.reset(),
            _ => {
                *self = Codec::new(options);
                Ok(())
            }
        }
    }
}
