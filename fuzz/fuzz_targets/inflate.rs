//! inflate, inflateRaw, gunzip and unzip over any bytes: raw fuzz input, or a stream
//! compressed here and then damaged. See `zlib_checks::check_decoder`.
#![no_main]

use hotpath::zlib::codecs::CodecOptions;
use hotpath::zlib::mode::Mode;
use hotpath_fuzz::zlib_checks::{check_case, decoder_case, packed_then_damaged};
use hotpath_fuzz::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let (decoder, compressor) = match input.byte() % 4 {
        0 => (Mode::Inflate, Mode::Deflate),
        1 => (Mode::InflateRaw, Mode::DeflateRaw),
        2 => (Mode::Gunzip, Mode::Gzip),
        _ => (Mode::Unzip, Mode::Gzip),
    };
    let compress_first = input.byte().is_multiple_of(2);
    let case = decoder_case(&mut input, decoder);
    let cuts = input.piece();
    let edits = input.take(12);
    let plain = input.rest();
    let data = if compress_first {
        let mut packer = CodecOptions::new(compressor);
        packer.flate.level = i32::from(edits.first().copied().unwrap_or(6) % 10);
        if case.options.flate.window_bits >= 9 {
            packer.flate.window_bits = case.options.flate.window_bits;
        }
        packed_then_damaged(&packer, plain, edits)
    } else {
        plain.to_vec()
    };
    check_case(&case, &data, cuts);
});
