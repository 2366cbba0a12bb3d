//! gunzip and unzip of several gzip members followed by anything (zero padding,
//! garbage, a damaged member): the members' contents come out in order, and
//! `zlib_checks::check_decoder`'s properties hold.
#![no_main]

use hotpath::zlib::codecs::CodecOptions;
use hotpath::zlib::mode::Mode;
use hotpath::zlib::one_shot;
use hotpath_fuzz::zlib_checks::{check_case, decoder_case};
use hotpath_fuzz::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let mode = if input.byte().is_multiple_of(2) {
        Mode::Gunzip
    } else {
        Mode::Unzip
    };
    let case = decoder_case(&mut input, mode);
    let cuts = input.piece();
    let mut packer = CodecOptions::new(Mode::Gzip);
    packer.flate.level = i32::from(input.byte() % 10);
    let mut data = Vec::new();
    let mut contents = Vec::new();
    for _ in 0..1 + input.byte() % 4 {
        let piece = input.piece();
        let Ok(member) = one_shot::process(&packer, 4, piece, usize::MAX) else {
            panic!("compressing a member failed");
        };
        data.extend_from_slice(&member);
        contents.extend_from_slice(piece);
    }
    let trailing = input.rest();
    data.extend_from_slice(trailing);
    check_case(&case, &data, cuts);

    let whole = one_shot::process(&case.options, 4, &data, usize::MAX);
    let header_window = case.options.flate.window_bits == 0 || case.options.flate.window_bits == 15;
    if trailing.first().is_none_or(|&b| b == 0) && header_window {
        assert!(
            whole.as_ref().ok() == Some(&contents),
            "members followed by padding"
        );
    } else if let Ok(out) = &whole {
        assert!(out.starts_with(&contents), "members' contents come first");
    }
});
