//! inflate, inflateRaw, gunzip and unzip over any bytes: raw fuzz input, or a stream
//! compressed here and then damaged. See `zlib_checks::check_decoder`.
#![no_main]

use hotpath::zlib::codecs::CodecOptions;
use hotpath::zlib::mode::Mode;
use hotpath::zlib::one_shot;
use hotpath_fuzz::zlib_checks::{check_decoder, damage, decoder_case};
use hotpath_fuzz::{chunks, Input};
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
        let Ok(mut packed) = one_shot::process(&packer, 4, plain, usize::MAX) else {
            panic!("compressing {} bytes failed", plain.len());
        };
        damage(&mut packed, &mut Input::new(edits));
        packed
    } else {
        plain.to_vec()
    };
    check_decoder(
        &case.options,
        &data,
        case.limit,
        &chunks(&data, cuts),
        case.room,
        case.max_pieces,
    );
});
