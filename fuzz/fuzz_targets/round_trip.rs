//! Compress anything with any valid options (whole-buffer, streamed in any chunking,
//! and the parallel deflate), then decompress: the input comes back every time.
#![no_main]

use hotpath::zlib::codecs::CodecOptions;
use hotpath::zlib::mode::Mode;
use hotpath::zlib::{one_shot, parallel_deflate};
use hotpath_fuzz::zlib_checks::{check_decoder, finish_flag, stream};
use hotpath_fuzz::{chunks, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let (compressor, decompressor) = match input.byte() % 4 {
        0 => (Mode::Deflate, Mode::Inflate),
        1 => (Mode::DeflateRaw, Mode::InflateRaw),
        2 => (Mode::Gzip, Mode::Gunzip),
        _ => (Mode::BrotliEncode, Mode::BrotliDecode),
    };
    let mut packer = CodecOptions::new(compressor);
    let mut unpacker = CodecOptions::new(decompressor);
    packer.flate.level = i32::from(input.byte() % 11) - 1;
    packer.flate.window_bits = 9 + i32::from(input.byte() % 7);
    packer.flate.mem_level = 1 + i32::from(input.byte() % 9);
    packer.flate.strategy = i32::from(input.byte() % 5);
    packer.chunk_size = 64 + input.below(16 << 10);
    unpacker.flate.window_bits = packer.flate.window_bits;
    let dictionary = input.piece();
    if matches!(compressor, Mode::Deflate | Mode::DeflateRaw) {
        packer.flate.dictionary = dictionary.to_vec();
        unpacker.flate.dictionary = dictionary.to_vec();
    }
    // BROTLI_PARAM_MODE (0), QUALITY (1), LGWIN (2).
    packer.brotli_params = vec![
        (0, u32::from(input.byte() % 3)),
        (1, u32::from(input.byte() % 12)),
        (2, 10 + u32::from(input.byte() % 15)),
    ];
    let max_pieces = 1 + input.below(8);
    let cuts = input.piece();
    let plain = input.rest();
    let finish = finish_flag(&packer);

    let mut packed_forms = Vec::new();
    match one_shot::process(&packer, finish, plain, usize::MAX) {
        Ok(packed) => packed_forms.push(packed),
        Err(error) => panic!("whole-buffer compression failed: {error:?}"),
    }
    match stream(&packer, &chunks(plain, cuts), max_pieces) {
        Ok(packed) => packed_forms.push(packed),
        Err(error) => panic!("streamed compression failed: {error:?}"),
    }
    // Every input the parallel path would take but its size (the fuzzer's inputs are
    // small, and the joining of blocks is what needs testing at every size).
    if parallel_deflate::refusal(compressor, &packer.flate, finish, usize::MAX).is_none() {
        match parallel_deflate::compress(compressor, &packer.flate, plain) {
            Ok(packed) => packed_forms.push(packed),
            Err(error) => panic!("parallel compression failed: {error:?}"),
        }
    }
    for packed in &packed_forms {
        let unpacked = one_shot::process(&unpacker, finish, packed, usize::MAX);
        assert!(
            unpacked.as_ref().ok().map(Vec::as_slice) == Some(plain),
            "round trip lost the input"
        );
        check_decoder(
            &unpacker,
            packed,
            plain.len(),
            &chunks(packed, cuts),
            1 + plain.len() % 4096,
            max_pieces,
        );
    }
});
