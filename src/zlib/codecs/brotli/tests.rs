//! The brotli codec on its own.

use super::*;
use crate::zlib::testing::{run_steps as run, text};

const OPERATION_PROCESS: i32 = 0;
const PARAM_QUALITY: u32 = 1;

fn encode(params: &[(u32, u32)], input: &[u8]) -> Vec<u8> {
    let mut encoder = BrotliEncoderCodec::new(params).expect("encoder");
    run(
        |op, i, o| encoder.step(op, i, o),
        OPERATION_FINISH,
        input,
        1 << 16,
    )
    .expect("encode")
}

fn decode_both(input: &[u8], room: usize) -> [Result<Vec<u8>, CodecError>; 2] {
    let mut fast = BrotliDecoderCodec::new(&[]);
    let mut reference = ReferenceBrotliDecoder::new(&[]).expect("reference decoder");
    [
        run(
            |op, i, o| fast.step(op, i, o),
            OPERATION_FINISH,
            input,
            room,
        ),
        run(
            |op, i, o| reference.step(op, i, o),
            OPERATION_FINISH,
            input,
            room,
        ),
    ]
}

#[test]
fn both_decoders_return_the_encoders_input_in_any_room() {
    let input = text(300_000);
    let packed = encode(&[], &input);
    for room in [1, 333, SCRATCH, SCRATCH + 1, 1 << 20] {
        for decoded in decode_both(&packed, room) {
            assert_eq!(decoded.expect("decoded"), input, "room {room}");
        }
    }
}

#[test]
fn encoder_output_does_not_depend_on_the_room() {
    let input = text(100_000);
    let mut encoder = BrotliEncoderCodec::new(&[]).expect("encoder");
    let small = run(
        |op, i, o| encoder.step(op, i, o),
        OPERATION_FINISH,
        &input,
        61,
    );
    assert_eq!(small.expect("small pieces"), encode(&[], &input));
}

#[test]
fn the_quality_param_reaches_the_encoder() {
    let input = text(100_000);
    let fastest = encode(&[(PARAM_QUALITY, 0)], &input);
    let best = encode(&[(PARAM_QUALITY, 11)], &input);
    assert_ne!(fastest, best);
    for packed in [fastest, best] {
        for decoded in decode_both(&packed, 4096) {
            assert_eq!(decoded.expect("decoded"), input);
        }
    }
}

#[test]
fn unknown_param_keys_are_ignored() {
    let input = text(1_000);
    assert_eq!(encode(&[(999, 1)], &input), encode(&[], &input));
    let mut decoder = BrotliDecoderCodec::new(&[(999, 1)]);
    let packed = encode(&[], &input);
    let decoded = run(
        |op, i, o| decoder.step(op, i, o),
        OPERATION_FINISH,
        &packed,
        4096,
    );
    assert_eq!(decoded.expect("decoded"), input);
}

#[test]
fn truncated_input_is_an_unexpected_end_of_file_when_finishing() {
    let packed = encode(&[], &text(50_000));
    for decoded in decode_both(&packed[..packed.len() / 2], 4096) {
        let error = decoded.expect_err("truncated");
        assert!(error.is_end_of_input());
        assert_eq!((error.code.as_ref(), error.errno), ("Z_BUF_ERROR", -5));
    }
}

#[test]
fn truncated_input_is_not_an_error_before_finishing() {
    let packed = encode(&[], &text(50_000));
    let mut decoder = BrotliDecoderCodec::new(&[]);
    let half = &packed[..packed.len() / 2];
    assert!(run(
        |op, i, o| decoder.step(op, i, o),
        OPERATION_PROCESS,
        half,
        4096
    )
    .is_ok());
}

#[test]
fn corrupt_input_fails_with_nodes_error_shape() {
    // A window-bits nibble no encoder writes: WBITS 0b0100001 is reserved.
    let corrupt = [0x11u8, 0x00, 0xff, 0xff, 0xff, 0xff];
    for decoded in decode_both(&corrupt, 4096) {
        let error = decoded.expect_err("corrupt");
        assert_eq!(error.message, "Decompression failed");
        assert!(
            error.code.starts_with("ERR__ERROR_FORMAT_"),
            "{}",
            error.code
        );
        assert!(error.errno < 0);
    }
}

#[test]
fn both_decoders_name_a_bad_window_alike() {
    let [fast, reference] = decode_both(&[0x11u8, 0x00, 0xff, 0xff, 0xff, 0xff], 4096);
    let (fast, reference) = (fast.expect_err("fast"), reference.expect_err("reference"));
    assert_eq!((fast.code, fast.errno), (reference.code, reference.errno));
}
