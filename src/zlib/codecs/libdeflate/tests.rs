//! The libdeflate codec on its own.

use super::*;
use crate::zlib::codecs::FlateCodec;
use crate::zlib::testing::{run_steps, text};

use libz_rs_sys::{Z_FINISH, Z_SYNC_FLUSH};
const BIG: usize = MIN_COMPRESS_INPUT * 4;

/// zlib-rs's side of every comparison: the whole input through one FlateCodec.
fn with_zlib(mode: Mode, input: &[u8]) -> Vec<u8> {
    let mut codec = FlateCodec::new(mode, FlateOptions::default());
    run_steps(
        |flush, input, output| codec.step(flush, input, output),
        Z_FINISH,
        input,
        1 << 16,
    )
    .expect("zlib-rs")
}

fn compressed(mode: Mode, options: &FlateOptions, input: &[u8]) -> Option<Vec<u8>> {
    let mut output = Vec::new();
    compress_whole(mode, options, Z_FINISH, input, &mut output)
        .ok()
        .map(|()| output)
}

fn decompressed(mode: Mode, input: &[u8], max_output_length: usize) -> Option<Vec<u8>> {
    let mut output = Vec::new();
    let options = FlateOptions::default();
    decompress_whole(
        mode,
        &options,
        Z_FINISH,
        input,
        max_output_length,
        &mut output,
    )
    .ok()
    .map(|()| output)
}

#[test]
fn what_it_compresses_zlib_inflates() {
    let input = text(BIG);
    for (compress_mode, inflate_mode) in [
        (Mode::Gzip, Mode::Gunzip),
        (Mode::Deflate, Mode::Inflate),
        (Mode::DeflateRaw, Mode::InflateRaw),
    ] {
        for level in [-1, 1, 9] {
            let options = FlateOptions {
                level,
                ..FlateOptions::default()
            };
            let packed = compressed(compress_mode, &options, &input).expect("compressed");
            assert_eq!(
                with_zlib(inflate_mode, &packed),
                input,
                "{compress_mode:?} {level}"
            );
        }
    }
}

#[test]
fn what_zlib_compresses_it_decompresses() {
    let input = text(BIG);
    for (compress_mode, inflate_mode) in [
        (Mode::Gzip, Mode::Gunzip),
        (Mode::Gzip, Mode::Unzip),
        (Mode::Deflate, Mode::Inflate),
        (Mode::Deflate, Mode::Unzip),
        (Mode::DeflateRaw, Mode::InflateRaw),
    ] {
        let packed = with_zlib(compress_mode, &input);
        let back = decompressed(inflate_mode, &packed, usize::MAX);
        assert_eq!(back.expect("decompressed"), input, "{inflate_mode:?}");
    }
}

#[test]
fn its_gzip_header_names_the_os_zlib_writes() {
    let packed = compressed(Mode::Gzip, &FlateOptions::default(), &text(BIG)).expect("gzip");
    assert_eq!(packed[9], with_zlib(Mode::Gzip, b"x")[9]);
}

#[test]
fn options_it_cannot_honour_go_to_zlib() {
    let input = text(BIG);
    let refused = [
        FlateOptions {
            window_bits: 14,
            ..FlateOptions::default()
        },
        FlateOptions {
            strategy: 1,
            ..FlateOptions::default()
        },
        FlateOptions {
            level: 0,
            ..FlateOptions::default()
        },
        FlateOptions {
            dictionary: b"dictionary".to_vec(),
            ..FlateOptions::default()
        },
    ];
    for options in &refused {
        assert!(
            compressed(Mode::Deflate, options, &input).is_none(),
            "{options:?}"
        );
    }
    let mut output = Vec::new();
    let defaults = FlateOptions::default();
    assert_eq!(
        compress_whole(Mode::Deflate, &defaults, Z_SYNC_FLUSH, &input, &mut output),
        Err(Declined)
    );
    assert!(compressed(Mode::Deflate, &defaults, &input[..MIN_COMPRESS_INPUT - 1]).is_none());
    assert!(compressed(Mode::Inflate, &defaults, &input).is_none());
}

#[test]
fn a_zlib_header_with_a_small_window_goes_to_zlib() {
    let options = FlateOptions {
        window_bits: 9,
        ..FlateOptions::default()
    };
    let mut codec = FlateCodec::new(Mode::Deflate, options);
    let mut packed = vec![0u8; 1 << 16];
    let step = codec
        .step(Z_FINISH, &text(1_000), &mut packed)
        .expect("small window");
    packed.truncate(step.produced);
    assert!(packed[0] >> 4 < 7);
    let mut output = Vec::new();
    let auto = FlateOptions {
        window_bits: 0,
        ..FlateOptions::default()
    };
    assert_eq!(
        decompress_whole(
            Mode::Inflate,
            &auto,
            Z_FINISH,
            &packed,
            usize::MAX,
            &mut output
        ),
        Err(Declined)
    );
}

#[test]
fn gzip_members_are_joined_and_a_zero_byte_ends_the_input() {
    // Long enough for dynamic blocks (libdeflate leaves static ones to zlib).
    let first = text(3000);
    let second = b"second ".repeat(500);
    let one = with_zlib(Mode::Gzip, &first);
    let two = with_zlib(Mode::Gzip, &second);
    let joined = [one, two, vec![0, 1, 2, 3]].concat();
    assert_eq!(
        decompressed(Mode::Gunzip, &joined, usize::MAX).expect("joined"),
        [first, second].concat()
    );
}

#[test]
fn bad_truncated_or_too_large_output_goes_to_zlib() {
    let input = text(BIG);
    let packed = with_zlib(Mode::Gzip, &input);
    assert!(decompressed(Mode::Gunzip, &packed[..packed.len() - 9], usize::MAX).is_none());
    let mut corrupt = packed.clone();
    corrupt[20] ^= 0x55;
    corrupt[21] ^= 0x55;
    assert!(decompressed(Mode::Gunzip, &corrupt, usize::MAX).is_none());
    assert!(decompressed(Mode::Gunzip, &packed, input.len() - 1).is_none());
    assert_eq!(
        decompressed(Mode::Gunzip, &packed, input.len()).expect("exact limit"),
        input
    );
}

#[test]
fn output_past_the_first_size_guess_is_still_whole() {
    // Zeros compress ~1000:1, past the 8× first guess, and a raw stream has no
    // trailer to read the size from: the room grows until it fits.
    let zeros = vec![0u8; 512 << 10];
    let packed = with_zlib(Mode::DeflateRaw, &zeros);
    assert_eq!(
        decompressed(Mode::InflateRaw, &packed, usize::MAX).expect("zeros"),
        zeros
    );
}

#[test]
fn output_past_every_size_guess_goes_to_zlib() {
    let packed = with_zlib(Mode::DeflateRaw, &vec![0u8; 8 << 20]);
    assert!(decompressed(Mode::InflateRaw, &packed, usize::MAX).is_none());
}

#[test]
fn a_gzip_trailer_claiming_4_gib_reserves_no_more_than_deflate_can_expand() {
    // Found by the `inflate` fuzz target: a gzip member whose trailer claims 4 GiB
    // made the first attempt reserve it all (an abort where memory is not
    // overcommitted). Here: an empty member, its CRC, and a size of 2^32 - 1.
    let mut input = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0];
    input.extend_from_slice(&[0, 0, 0, 0]);
    input.extend_from_slice(&[0xff, 0xff, 0xff, 0xff]);
    let mut output = Vec::new();
    let options = FlateOptions::default();
    let _ = decompress_whole(
        Mode::Gunzip,
        &options,
        Z_FINISH,
        &input,
        usize::MAX,
        &mut output,
    );
    assert!(
        output.capacity() <= input.len() * 1032 * 16,
        "{}",
        output.capacity()
    );
}

#[test]
fn static_blocks_are_left_to_zlib() {
    // zlib compresses a short input into one static block; libdeflate would decode
    // its invalid symbols (litlen 286-287, offsets 30-31) where zlib refuses them.
    let packed = with_zlib(Mode::DeflateRaw, b"short");
    assert!(decompressed(Mode::InflateRaw, &packed, usize::MAX).is_none());
}

#[test]
fn too_many_litlen_symbols_are_left_to_zlib() {
    // A dynamic block header declaring 288 litlen codes (HLIT = 31): zlib says "too
    // many length or distance symbols"; libdeflate would go on.
    let header = [0b1111_1101u8, 0xff, 0xff, 0xff, 0xff, 0xff];
    assert!(decompressed(Mode::InflateRaw, &header, usize::MAX).is_none());
}
