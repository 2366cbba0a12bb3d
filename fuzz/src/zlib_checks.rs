//! The properties every zlib-family decoder input must keep, whatever its bytes:
//! the whole-buffer call, a plain engine loop and a chunked stream tell the same
//! story; libdeflate never says anything zlib-rs would not; `maxOutputLength` cuts
//! exactly where the unlimited output crosses it.

use hotpath::zlib::chunk_writer::ChunkWriter;
use hotpath::zlib::codec_error::CodecError;
use hotpath::zlib::codecs::{libdeflate, Codec, CodecOptions};
use hotpath::zlib::one_shot::{self, OneShotError};
use hotpath::zlib::route::Cores;

/// Node's finishing flag for the mode family (Z_FINISH, BROTLI_OPERATION_FINISH).
pub fn finish_flag(options: &CodecOptions) -> i32 {
    if options.mode.is_brotli() {
        2
    } else {
        4
    }
}

/// The engine alone, as Node's loop drives it: call again while a call fills all
/// of its `room`.
pub fn engine_loop(
    codec: &mut Codec,
    flush: i32,
    input: &[u8],
    room: usize,
) -> Result<Vec<u8>, CodecError> {
    let room = room.max(1);
    let mut output = Vec::new();
    let mut offset = 0;
    loop {
        let start = output.len();
        output.resize(start + room, 0);
        let step = codec.step(flush, &input[offset..], &mut output[start..])?;
        output.truncate(start + step.produced);
        offset += step.consumed;
        if step.produced < room {
            return Ok(output);
        }
    }
}

/// A Node stream over `chunks`: each written without flushing, then the finishing
/// call; the stream stops early where the engine reports input past the end.
pub fn stream(
    options: &CodecOptions,
    chunks: &[&[u8]],
    max_pieces: usize,
) -> Result<Vec<u8>, CodecError> {
    let mut writer = ChunkWriter::new(options.clone());
    let mut output = Vec::new();
    let last = [&[][..]];
    let finish = finish_flag(options);
    for (index, chunk) in chunks.iter().chain(last.iter()).enumerate() {
        let flush = if index == chunks.len() { finish } else { 0 };
        let mut rest = *chunk;
        loop {
            let outcome = writer.write(flush, rest, max_pieces, Vec::new());
            let produced: usize = outcome.pieces.iter().map(|&p| p as usize).sum();
            assert_eq!(produced, outcome.output.len(), "pieces cover the output");
            output.extend_from_slice(&outcome.output);
            if let Some(error) = outcome.error {
                return Err(error);
            }
            rest = &rest[outcome.consumed..];
            if outcome.input_left {
                return Ok(output);
            }
            if !outcome.more_output {
                break;
            }
        }
    }
    Ok(output)
}

const TOO_FAR: &str = "invalid distance too far back";

fn too_far(result: &Result<Vec<u8>, CodecError>) -> bool {
    matches!(result, Err(error) if error.message == TOO_FAR)
}

fn codec_error(result: &Result<Vec<u8>, OneShotError>) -> Option<&CodecError> {
    match result {
        Err(OneShotError::Codec(error)) => Some(error),
        _ => None,
    }
}

/// Every property above for one decoder input.
pub fn check_decoder(
    options: &CodecOptions,
    data: &[u8],
    limit: usize,
    chunks: &[&[u8]],
    room: usize,
    max_pieces: usize,
) {
    assert!(!options.mode.is_compressor());
    if let Ok(path) = std::env::var("HOTPATH_FUZZ_DUMP") {
        // To replay a finding against Node: the exact bytes the decoders were given.
        let _ = std::fs::write(&path, data);
        let lengths: Vec<String> = chunks.iter().map(|c| c.len().to_string()).collect();
        let case = format!(
            "{{\"mode\":{},\"windowBits\":{},\"chunkSize\":{},\"limit\":{},\"chunks\":[{}]}}",
            options.mode as u32,
            options.flate.window_bits,
            options.chunk_size,
            if limit == usize::MAX {
                -1
            } else {
                limit as i64
            },
            lengths.join(",")
        );
        let _ = std::fs::write(format!("{path}.json"), case);
    }
    let finish = finish_flag(options);
    let whole = one_shot::process(options, finish, data, usize::MAX);
    assert!(
        !matches!(whole, Err(OneShotError::TooLarge(_))),
        "no limit, yet too large"
    );

    // The engine alone (for brotli, Node's own C decoder) agrees with the whole-buffer
    // call, which may have used libdeflate or the Rust brotli decoder.
    let reference_options = CodecOptions {
        reference_brotli_decoder: true,
        ..options.clone()
    };
    let reference = engine_loop(&mut Codec::new(&reference_options), finish, data, room);
    let small_window = (8..15).contains(&options.flate.window_bits) && !options.mode.is_brotli();
    match (&whole, &reference) {
        // zlib checks a distance against the output room of the current call too, so
        // under a window below 32 KiB the room decides whether one is "too far back"
        // (Node's sync and stream forms differ the same way).
        (_, b) if small_window && too_far(b) => {}
        (Err(OneShotError::Codec(a)), _) if small_window && a.message == TOO_FAR => {}
        (Ok(a), Ok(b)) => assert!(a == b, "whole-buffer and engine outputs differ"),
        (Err(OneShotError::Codec(a)), Err(b)) => assert_eq!(a.code, b.code, "error codes differ"),
        (a, b) => panic!(
            "whole-buffer {:?} but engine {:?}",
            a.as_ref().map(Vec::len),
            b.as_ref().map(Vec::len)
        ),
    }

    // libdeflate, when it answers at all, answers as zlib-rs does.
    if !options.mode.is_brotli() {
        let mut fast = Vec::new();
        if libdeflate::decompress_whole(
            options.mode,
            &options.flate,
            finish,
            data,
            usize::MAX,
            &mut fast,
        )
        .is_ok()
        {
            assert!(
                reference.as_ref().ok() == Some(&fast),
                "libdeflate decoded what zlib-rs did not"
            );
        }
    }

    // The Rust brotli decoder never accepts what C brotli refuses, nor differs on success.
    if options.mode.is_brotli() {
        let rust = engine_loop(&mut Codec::new(options), finish, data, room);
        if let Ok(out) = &rust {
            assert!(
                reference.as_ref().ok() == Some(out),
                "Rust brotli decoded what C brotli did not"
            );
        }
    }

    // maxOutputLength: the unlimited output decides, as Node's loop would.
    let limited = one_shot::process(options, finish, data, limit);
    match &whole {
        Ok(out) if out.len() <= limit => assert!(
            limited.as_ref().ok() == Some(out),
            "under the limit, output changed"
        ),
        Ok(_) => assert_eq!(
            limited,
            Err(OneShotError::TooLarge(limit)),
            "over the limit, not too large"
        ),
        Err(_) => assert!(
            limited == whole || limited == Err(OneShotError::TooLarge(limit)),
            "a failing input failed otherwise under a limit"
        ),
    }
    let callback = one_shot::process_as_callback(Cores::One, options, finish, data, limit);
    let early_end = codec_error(&limited).is_some_and(CodecError::is_end_of_input);
    assert!(
        callback == limited || (early_end && callback == Err(OneShotError::TooLarge(limit))),
        "callback order differs beyond the early-end rule"
    );

    // A stream in any chunking says what the whole-buffer call says, except where Node
    // itself differs (checked against Node 20-26 on the fuzzer's findings): zlib checks
    // a distance against the output of the current call too, so with a window under
    // 32 KiB a one-shot call may accept what a stream calls "too far back"; C brotli
    // names a bad block length by how far the input it was given reached.
    let streamed = stream(options, chunks, max_pieces);
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => assert!(a == b, "stream output differs"),
        (_, b) if small_window && too_far(b) => {}
        (Err(OneShotError::Codec(a)), _) if small_window && a.message == TOO_FAR => {}
        (Err(OneShotError::Codec(_)), Err(_)) if options.mode.is_brotli() => {}
        (Err(OneShotError::Codec(a)), Err(b)) => {
            assert_eq!(a.code, b.code, "stream error code differs")
        }
        (a, b) => panic!(
            "whole-buffer {:?} but stream {:?}",
            a.as_ref().map(Vec::len),
            b.as_ref().map(Vec::len)
        ),
    }
}

/// Options for a decoder of `mode` read from the fuzz input: windowBits (0 = from the
/// header, where Node allows it), chunkSize, an output limit (small or none), the
/// room per engine call and pieces per stream write.
pub struct DecoderCase {
    pub options: CodecOptions,
    pub limit: usize,
    pub room: usize,
    pub max_pieces: usize,
}

pub fn decoder_case(input: &mut crate::Input<'_>, mode: hotpath::zlib::mode::Mode) -> DecoderCase {
    use hotpath::zlib::mode::Mode;
    let mut options = CodecOptions::new(mode);
    let window = input.byte() % 9; // 0 or 8..=15
    options.flate.window_bits = match (window, mode) {
        (0, Mode::InflateRaw) => 15,
        (0, _) => 0,
        (bits, _) => i32::from(bits) + 7,
    };
    options.chunk_size = 64 + input.below(16 << 10);
    let limit = match input.byte() % 3 {
        0 => usize::MAX,
        _ => input.below(5000),
    };
    let room = 1 + input.below(70_000);
    let max_pieces = 1 + input.below(8);
    DecoderCase {
        options,
        limit,
        room,
        max_pieces,
    }
}

/// Up to three byte edits (xor at a place) and a possible cut, so that valid streams
/// the target made itself still reach the decoders' error paths.
pub fn damage(data: &mut Vec<u8>, input: &mut crate::Input<'_>) {
    if data.is_empty() {
        return;
    }
    for _ in 0..input.byte() % 4 {
        let at = input.below(data.len());
        data[at] ^= input.byte();
    }
    if input.byte().is_multiple_of(4) {
        let keep = input.below(data.len() + 1);
        data.truncate(keep);
    }
}

/// `plain` compressed with `packer` (a valid stream the target made itself), then
/// damaged by `edits` (see `damage`).
pub fn packed_then_damaged(packer: &CodecOptions, plain: &[u8], edits: &[u8]) -> Vec<u8> {
    let finish = finish_flag(packer);
    let Ok(mut packed) = one_shot::process(packer, finish, plain, usize::MAX) else {
        panic!("compressing {} bytes failed", plain.len());
    };
    damage(&mut packed, &mut crate::Input::new(edits));
    packed
}

/// `check_decoder` for a case read by `decoder_case`, over `data` cut by `cuts`.
pub fn check_case(case: &DecoderCase, data: &[u8], cuts: &[u8]) {
    check_decoder(
        &case.options,
        data,
        case.limit,
        &crate::chunks(data, cuts),
        case.room,
        case.max_pieces,
    );
}
