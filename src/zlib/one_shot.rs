//! Whole-buffer compression and decompression, as `zlib.gzipSync(buf)` and its
//! relatives do it: one engine, the finish flag on every call, output gathered
//! into one buffer, and `maxOutputLength` enforced before more memory is spent.

use super::codec_cache;
use super::codec_error::CodecError;
use super::codecs::libdeflate;
use super::codecs::{Codec, CodecOptions};
use super::mode::Mode;
use super::parallel_deflate;
use super::route::{route, Cores, Engine};

#[derive(Debug, PartialEq, Eq)]
pub enum OneShotError {
    Codec(CodecError),
    /// The output would exceed `maxOutputLength` (Node's ERR_BUFFER_TOO_LARGE).
    TooLarge(usize),
}

impl From<CodecError> for OneShotError {
    fn from(error: CodecError) -> Self {
        OneShotError::Codec(error)
    }
}

/// Output capacity to start with: compressors rarely exceed their input by much;
/// decompressors usually expand text 3–5×.
fn initial_capacity(mode: Mode, input_len: usize) -> usize {
    if mode.is_compressor() {
        input_len + input_len / 8 + 64
    } else {
        input_len.saturating_mul(4).clamp(1024, 64 << 20)
    }
}

/// Output room offered per engine call. The buffer is reserved ahead (untouched
/// pages cost nothing) but zero-filled only a window at a time, so a generous
/// estimate never pays page faults for memory it does not use.
const WINDOW: usize = 2 << 20;
const MIN_ROOM: usize = 16 << 10;

/// Runs `input` through a fresh engine with `flush` (Node's `finishFlush`) on this
/// thread alone, as the `*Sync` forms and each input of a `*Many` batch do.
pub fn process(
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
) -> Result<Vec<u8>, OneShotError> {
    process_on(Cores::One, options, flush, input, max_output_length)
}

/// As `process`, spreading big inputs over every core when `cores` allows it.
pub fn process_on(
    cores: Cores,
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
) -> Result<Vec<u8>, OneShotError> {
    let mut output = Vec::new();
    process_into(cores, options, flush, input, max_output_length, &mut output)?;
    output.shrink_to_fit();
    Ok(output)
}

/// As `process`, in the order a callback call (`zlib.gunzip(buf, cb)`) meets its
/// limit. Node's callback form is a stream: it writes the whole input without a
/// flush, counting output against `maxOutputLength` as it arrives, and only then
/// finishes. An input that ends early is found at that finish, so it is "too large"
/// when what it decodes to is, where the sync form names the early end.
pub fn process_as_callback(
    cores: Cores,
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
) -> Result<Vec<u8>, OneShotError> {
    let result = process_on(cores, options, flush, input, max_output_length);
    match &result {
        Err(OneShotError::Codec(error))
            if !options.mode.is_compressor() && error.is_end_of_input() =>
        {
            // Z_NO_FLUSH is 0, as is brotli's BROTLI_OPERATION_PROCESS.
            match process_on(
                cores,
                options,
                libz_rs_sys::Z_NO_FLUSH,
                input,
                max_output_length,
            ) {
                Err(too_large @ OneShotError::TooLarge(_)) => Err(too_large),
                _ => result,
            }
        }
        _ => result,
    }
}

/// As `process_on`, into `output` (cleared first), whose memory may be reused from
/// call to call: fresh pages cost a fault each on first write. The engine is the
/// one `route` names.
pub fn process_into(
    cores: Cores,
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
    output: &mut Vec<u8>,
) -> Result<(), OneShotError> {
    let mode = options.mode;
    match route(options, flush, input, cores).engine {
        Engine::ParallelDeflate => {
            *output = parallel_deflate::compress(mode, &options.flate, input)?;
            return within_limit(output, max_output_length);
        }
        Engine::Libdeflate => {
            let whole = if mode.is_compressor() {
                libdeflate::compress_whole(mode, &options.flate, flush, input, output)
            } else {
                libdeflate::decompress_whole(
                    mode,
                    &options.flate,
                    flush,
                    input,
                    max_output_length,
                    output,
                )
            };
            if whole.is_ok() {
                return within_limit(output, max_output_length);
            }
        }
        Engine::ZlibRs | Engine::Brotli => {}
    }
    let mut codec = codec_cache::take(options);
    let result = run(&mut codec, options, flush, input, max_output_length, output);
    codec_cache::give(codec);
    if result.is_err() && mode == Mode::BrotliDecode && !options.reference_brotli_decoder {
        // The Rust decoder names some corruptions differently from C brotli and
        // outputs sooner (which orders errors against maxOutputLength); Node's own
        // decoder settles what a failing input gives.
        let reference = CodecOptions {
            reference_brotli_decoder: true,
            ..options.clone()
        };
        return run(
            &mut Codec::new(&reference),
            &reference,
            flush,
            input,
            max_output_length,
            output,
        );
    }
    result
}

fn within_limit(output: &[u8], max_output_length: usize) -> Result<(), OneShotError> {
    if output.len() > max_output_length {
        Err(OneShotError::TooLarge(max_output_length))
    } else {
        Ok(())
    }
}

fn run(
    codec: &mut Codec,
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
    output: &mut Vec<u8>,
) -> Result<(), OneShotError> {
    let limit = piece_end_past(max_output_length, options.chunk_size);
    output.clear();
    // The expected output size, doubled whenever reached: room is offered (and
    // zero-filled) up to it, whatever capacity a reused buffer already has.
    let mut expected = initial_capacity(options.mode, input.len()).min(limit);
    output.reserve(expected);
    let mut in_offset = 0;
    loop {
        let start = output.len();
        if start >= expected {
            expected = expected.saturating_mul(2).max(MIN_ROOM).min(limit);
        }
        let room = (expected - start).clamp(1, WINDOW).min(limit - start);
        output.resize(start + room, 0);
        let step = codec.step(flush, &input[in_offset..], &mut output[start..])?;
        output.truncate(start + step.produced);
        in_offset += step.consumed;
        if step.produced < room || output.len() == limit {
            return if output.len() > max_output_length {
                Err(OneShotError::TooLarge(max_output_length))
            } else {
                Ok(())
            };
        }
    }
}

/// Where Node's loop would notice `maxOutputLength`: it checks the total after
/// each `chunkSize` piece, once the engine call that produced the piece returned
/// without error. So an engine error found before the end of the piece that
/// crosses the limit wins, and decoding may go that far, not one byte further.
fn piece_end_past(max_output_length: usize, chunk_size: usize) -> usize {
    let chunk = chunk_size.max(1);
    (max_output_length / chunk)
        .saturating_add(1)
        .saturating_mul(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zlib::testing::text;
    use libz_rs_sys::{Z_BUF_ERROR, Z_FINISH};

    const BROTLI_FINISH: i32 = crate::zlib::codecs::brotli::OPERATION_FINISH;

    fn options(mode: Mode) -> CodecOptions {
        CodecOptions::new(mode)
    }

    #[test]
    fn every_deflate_format_round_trips() {
        let input = text(100_000);
        for (compress, decompress) in [
            (Mode::Gzip, Mode::Gunzip),
            (Mode::Deflate, Mode::Inflate),
            (Mode::DeflateRaw, Mode::InflateRaw),
            (Mode::Gzip, Mode::Unzip),
            (Mode::BrotliEncode, Mode::BrotliDecode),
        ] {
            let flush = if compress.is_brotli() {
                BROTLI_FINISH
            } else {
                Z_FINISH
            };
            let packed = process(&options(compress), flush, &input, usize::MAX).expect("compress");
            let unpacked =
                process(&options(decompress), flush, &packed, usize::MAX).expect("decompress");
            assert_eq!(unpacked, input, "{compress:?} -> {decompress:?}");
        }
    }

    #[test]
    fn gzip_members_are_joined_and_zero_padding_ends_the_input() {
        let a = process(&options(Mode::Gzip), Z_FINISH, b"abc", usize::MAX).expect("a");
        let b = process(&options(Mode::Gzip), Z_FINISH, b"def", usize::MAX).expect("b");
        let joined = [a.clone(), b.clone(), vec![0, b'x']].concat();
        assert_eq!(
            process(&options(Mode::Gunzip), Z_FINISH, &joined, usize::MAX).expect("joined"),
            b"abcdef"
        );
    }

    #[test]
    fn garbage_after_a_member_is_a_header_error() {
        let a = process(&options(Mode::Gzip), Z_FINISH, b"abc", usize::MAX).expect("a");
        let input = [a, b"AB".to_vec()].concat();
        match process(&options(Mode::Gunzip), Z_FINISH, &input, usize::MAX) {
            Err(OneShotError::Codec(error)) => {
                assert_eq!(error.message, "incorrect header check");
                assert_eq!(error.code, "Z_DATA_ERROR");
                assert_eq!(error.errno, -3);
            }
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    #[test]
    fn truncated_input_is_an_unexpected_end_of_file() {
        let packed =
            process(&options(Mode::Deflate), Z_FINISH, &text(50_000), usize::MAX).expect("packed");
        let result = process(
            &options(Mode::Inflate),
            Z_FINISH,
            &packed[..packed.len() / 2],
            usize::MAX,
        );
        assert!(
            matches!(result, Err(OneShotError::Codec(ref e)) if e.is_end_of_input() && e.errno == Z_BUF_ERROR)
        );
    }

    #[test]
    fn output_over_the_limit_stops_with_too_large() {
        let packed = process(
            &options(Mode::Gzip),
            Z_FINISH,
            &vec![0u8; 1 << 20],
            usize::MAX,
        )
        .expect("packed");
        assert_eq!(
            process(&options(Mode::Gunzip), Z_FINISH, &packed, 1000),
            Err(OneShotError::TooLarge(1000))
        );
    }

    #[test]
    fn fast_path_decoding_errors_carry_zlibs_message() {
        // A raw stream compressed against a dictionary, inflated without it: zlib
        // says "invalid distance too far back" (zlib-rs's fast loop would not).
        let mut with_dictionary = options(Mode::DeflateRaw);
        with_dictionary.flate.dictionary = b"hello world, hello dictionary".to_vec();
        let input = b"hello world, hello dictionary, hello world".repeat(30);
        let packed = process(&with_dictionary, Z_FINISH, &input, usize::MAX).expect("packed");
        match process(&options(Mode::InflateRaw), Z_FINISH, &packed, usize::MAX) {
            Err(OneShotError::Codec(error)) => {
                assert_eq!(error.message, "invalid distance too far back")
            }
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    #[test]
    fn a_static_block_with_litlen_symbol_286_is_refused_as_zlib_refuses_it() {
        // Found by the `inflate` fuzz target: libdeflate decoded this raw stream (it
        // reads symbol 286 as a 258-byte match); zlib, and so Node, refuse it.
        let input = [
            0xfb, 0xc9, 0x77, 0xc0, 0xc1, 0xb4, 0x57, 0xbe, 0x9b, 0x09, 0x44, 0x33, 0x8c, 0x03,
            0x00,
        ];
        match process(&options(Mode::InflateRaw), Z_FINISH, &input, usize::MAX) {
            Err(OneShotError::Codec(error)) => {
                assert_eq!(error.message, "invalid literal/length code");
                assert_eq!(error.code, "Z_DATA_ERROR");
            }
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    #[test]
    fn brotli_garbage_is_a_format_error_with_node_code() {
        match process(
            &options(Mode::BrotliDecode),
            BROTLI_FINISH,
            b"garbage",
            usize::MAX,
        ) {
            Err(OneShotError::Codec(error)) => {
                assert_eq!(error.message, "Decompression failed");
                assert_eq!(error.code, "ERR__ERROR_FORMAT_PADDING_1");
                assert_eq!(error.errno, -14);
            }
            other => panic!("expected a format error, got {other:?}"),
        }
    }

    #[test]
    fn a_truncated_input_is_too_large_in_callback_order_when_its_output_is() {
        let mut packed = Vec::new();
        let deflate = CodecOptions::new(Mode::DeflateRaw);
        packed.extend(process(&deflate, Z_FINISH, &text(5000), usize::MAX).expect("deflate"));
        let truncated = &packed[..packed.len() - 3];
        let inflate = CodecOptions::new(Mode::InflateRaw);
        let sync = process(&inflate, Z_FINISH, truncated, 100);
        assert!(matches!(&sync, Err(OneShotError::Codec(error)) if error.is_end_of_input()));
        assert_eq!(
            process_as_callback(Cores::One, &inflate, Z_FINISH, truncated, 100),
            Err(OneShotError::TooLarge(100))
        );
        // Under the limit, the early end is reported in both orders.
        assert_eq!(
            process_as_callback(Cores::One, &inflate, Z_FINISH, truncated, 1 << 20),
            process(&inflate, Z_FINISH, truncated, 1 << 20)
        );
    }
}
