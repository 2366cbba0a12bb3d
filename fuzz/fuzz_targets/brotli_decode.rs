//! brotliDecompress over any bytes, raw or a damaged stream compressed here: the Rust
//! decoder never accepts what Node's C decoder refuses, and `check_decoder` holds.
#![no_main]

use hotpath::zlib::codecs::CodecOptions;
use hotpath::zlib::mode::Mode;
use hotpath_fuzz::zlib_checks::{check_case, decoder_case, packed_then_damaged};
use hotpath_fuzz::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let compress_first = input.byte().is_multiple_of(2);
    let case = decoder_case(&mut input, Mode::BrotliDecode);
    let quality = u32::from(input.byte() % 12);
    let window = 10 + u32::from(input.byte() % 15);
    let cuts = input.piece();
    let edits = input.take(12);
    let plain = input.rest();
    let data = if compress_first {
        let mut packer = CodecOptions::new(Mode::BrotliEncode);
        // BROTLI_PARAM_QUALITY (1) and BROTLI_PARAM_LGWIN (2).
        packer.brotli_params = vec![(1, quality), (2, window)];
        packed_then_damaged(&packer, plain, edits)
    } else {
        plain.to_vec()
    };
    check_case(&case, &data, cuts);
});
