//! The per-chunk loop of a Node zlib stream, run natively: Node calls the engine
//! once per `chunkSize` of output and crosses into JS each time; here one call
//! runs the loop and hands back the pieces Node would have pushed, with the same
//! boundaries (the stream's output buffer is `chunkSize` long and refilled from
//! where the previous write stopped).

use super::codec::{Codec, CodecOptions};
use super::codec_error::CodecError;

pub struct ChunkWriter {
    codec: Codec,
    options: CodecOptions,
    chunk_size: usize,
    /// Where the next output goes in Node's `_outBuffer` (the `_outOffset`).
    out_offset: usize,
}

/// What one write produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteOutcome {
    /// Input bytes consumed (Node's `bytesWritten` grows by this).
    pub consumed: usize,
    /// The pushed pieces, back to back.
    pub output: Vec<u8>,
    /// The length of each piece, in order.
    pub pieces: Vec<u32>,
    /// The engine filled the last piece's buffer and may have more: call again with
    /// the input from `consumed` on.
    pub more_output: bool,
    /// The engine stopped with input left over (the stream ended early): Node ends
    /// the readable side.
    pub input_left: bool,
}

impl ChunkWriter {
    pub fn new(options: CodecOptions, chunk_size: usize) -> ChunkWriter {
        ChunkWriter {
            codec: Codec::new(&options),
            options,
            chunk_size: chunk_size.max(1),
            out_offset: 0,
        }
    }

    /// Runs the engine over `input` with `flush` until it is done with the input or
    /// `max_pieces` pieces were produced.
    pub fn write(
        &mut self,
        flush: i32,
        input: &[u8],
        max_pieces: usize,
    ) -> Result<WriteOutcome, CodecError> {
        let mut outcome = WriteOutcome {
            output: super::buffer_pool::take(),
            ..WriteOutcome::default()
        };
        let mut in_offset = 0;
        loop {
            let room = self.chunk_size - self.out_offset;
            let start = outcome.output.len();
            outcome.output.resize(start + room, 0);
            let step = self
                .codec
                .step(flush, &input[in_offset..], &mut outcome.output[start..])?;
            outcome.output.truncate(start + step.produced);
            in_offset += step.consumed;
            if step.produced > 0 {
                outcome.pieces.push(step.produced as u32);
                self.out_offset += step.produced;
            }
            let buffer_full = step.produced == room;
            if buffer_full || self.out_offset >= self.chunk_size {
                self.out_offset = 0;
            }
            if !buffer_full {
                outcome.input_left = in_offset < input.len();
                break;
            }
            if outcome.pieces.len() >= max_pieces {
                outcome.more_output = true;
                break;
            }
        }
        outcome.consumed = in_offset;
        Ok(outcome)
    }

    pub fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        self.codec.params(level, strategy)
    }

    pub fn reset(&mut self) -> Result<(), CodecError> {
        self.codec.reset(&self.options)
    }
}
