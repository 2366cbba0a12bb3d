//! The per-chunk loop of a Node zlib stream, run natively. Node calls the engine
//! once per `chunkSize` of output, crossing into JS each time; here one engine
//! call gets room for several pieces and its output is cut where Node's calls
//! would have cut it. The stream's output buffer is `chunkSize` long and refilled
//! from where the previous write stopped, so the first piece may be shorter.
//!
//! Cutting one big output is the same as many small calls because the engines'
//! output does not depend on how output room is handed to them, and a call that
//! fills its room is followed by another, exactly as Node's loop does.

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
    /// The engine filled all the room it was given and may have more: call again
    /// with the input from `consumed` on.
    pub more_output: bool,
    /// The engine stopped with input left over (the stream ended early): Node ends
    /// the readable side.
    pub input_left: bool,
    /// The engine failed; `pieces` hold what Node would have pushed before.
    pub error: Option<CodecError>,
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

    /// Runs the engine over `input` with `flush`, with room for `max_pieces`
    /// pieces, into `output` (cleared first; pass a recycled buffer).
    pub fn write(
        &mut self,
        flush: i32,
        input: &[u8],
        max_pieces: usize,
        output: Vec<u8>,
    ) -> WriteOutcome {
        let first_room = self.chunk_size - self.out_offset;
        let window = first_room + (max_pieces.max(1) - 1) * self.chunk_size;
        let mut outcome = WriteOutcome {
            output,
            ..WriteOutcome::default()
        };
        outcome.output.clear();
        outcome.output.resize(window, 0);
        let (step, error) = match self.codec.step(flush, input, &mut outcome.output) {
            Ok(step) => (step, None),
            Err(error) => (self.codec.last_step(), Some(error)),
        };
        let mut produced = step.produced;
        if error.is_some() {
            // Node pushes the pieces of the calls before the failing one: those
            // that filled their room. The rest came from the call that failed.
            produced = if produced < first_room {
                0
            } else {
                produced - (produced - first_room) % self.chunk_size
            };
        }
        outcome.output.truncate(produced);
        self.cut_pieces(produced, first_room, &mut outcome.pieces);
        outcome.consumed = step.consumed;
        outcome.more_output = error.is_none() && produced == window;
        outcome.input_left = error.is_none() && !outcome.more_output && step.consumed < input.len();
        self.out_offset = (self.out_offset + produced) % self.chunk_size;
        outcome.error = error;
        outcome
    }

    fn cut_pieces(&self, produced: usize, first_room: usize, pieces: &mut Vec<u32>) {
        let mut left = produced;
        let mut room = first_room;
        while left > 0 {
            let piece = left.min(room);
            pieces.push(piece as u32);
            left -= piece;
            room = self.chunk_size;
        }
    }

    pub fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        self.codec.params(level, strategy)
    }

    pub fn reset(&mut self) -> Result<(), CodecError> {
        self.codec.reset(&self.options)
    }
}
