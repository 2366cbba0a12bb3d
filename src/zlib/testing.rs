//! What the zlib engines' unit tests share: compressible text and Node's call loop.

use super::codec_error::CodecError;
use super::codecs::Step;

/// `len` bytes of English text, which every codec compresses well.
pub fn text(len: usize) -> Vec<u8> {
    b"pack my box with five dozen liquor jugs; "
        .iter()
        .copied()
        .cycle()
        .take(len)
        .collect()
}

/// Node's loop over one engine call: call again while a call fills all the room it
/// was given (`room` bytes a call), collecting the output.
pub fn run_steps(
    mut step: impl FnMut(i32, &[u8], &mut [u8]) -> Result<Step, CodecError>,
    flush: i32,
    input: &[u8],
    room: usize,
) -> Result<Vec<u8>, CodecError> {
    let mut output = Vec::new();
    let mut offset = 0;
    loop {
        let mut piece = vec![0u8; room];
        let done = step(flush, &input[offset..], &mut piece)?;
        offset += done.consumed;
        output.extend_from_slice(&piece[..done.produced]);
        if done.produced < room {
            return Ok(output);
        }
    }
}
