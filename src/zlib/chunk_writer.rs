//! The per-chunk loop of a Node zlib stream, run natively. Node calls the engine
//! once per `chunkSize` of output, crossing into JS each time; here one engine
//! call gets room for several pieces and its output is cut where Node's calls
//! would have cut it. The stream's output buffer is `chunkSize` long and refilled
//! from where the previous write stopped, so the first piece may be shorter.
//!
//! Cutting one big output is the same as many small calls because the engines'
//! output does not depend on how output room is handed to them, and a call that
//! fills its room is followed by another, exactly as Node's loop does.

use super::codec_cache;
use super::codec_error::CodecError;
use super::codecs::{Codec, CodecOptions, Step};
use super::mode::Mode;

/// The most output room offered to one engine call (see `ChunkWriter::fill`).
const ONE_CALL_ROOM: usize = 8 << 20;
/// The least room a write's first engine call is offered.
const FIRST_OFFER: usize = 16 << 10;

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
    /// Where the next output goes in Node's `_outBuffer` after this write.
    pub out_offset: usize,
}

/// What one `write_once` call did.
pub struct OneCall {
    pub step: Step,
    /// Where its output starts in Node's `_outBuffer`.
    pub at: usize,
    /// It filled the piece's room: Node calls again (with the input from `consumed`).
    pub room_filled: bool,
    /// Room was left and so was input: the stream ended before its input.
    pub input_left: bool,
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        codec_cache::give(std::mem::replace(&mut self.codec, Codec::Failed));
    }
}

impl ChunkWriter {
    pub fn new(mut options: CodecOptions) -> ChunkWriter {
        let chunk_size = options.chunk_size.max(1);
        // Streams hand out data as they go, so they decode brotli exactly as Node.
        options.reference_brotli_decoder = true;
        // A finished stream's engine, reset, when one with these options is kept:
        // building a deflate state (~400 KiB, zeroed) costs more than a small
        // message, and freeing one per stream fragments the heap.
        let codec = codec_cache::take(&options);
        ChunkWriter {
            codec,
            options,
            chunk_size,
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
        let mut outcome = if self.options.mode == Mode::BrotliDecode {
            self.write_piecewise(flush, input, max_pieces, output)
        } else {
            self.write_batched(flush, input, max_pieces, output)
        };
        outcome.out_offset = self.out_offset;
        outcome
    }

    /// One engine call with room for all the pieces, cut where Node's calls would
    /// have cut it.
    fn write_batched(
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
        let (step, error) = self.fill(flush, input, window, &mut outcome.output);
        let mut produced = step.produced;
        if let Some(error) = &error {
            // Node pushes the pieces of the calls before the failing one. A call
            // that fills its room exactly still goes on to an engine error when
            // no more output is needed to find it (a bad trailer, a bad code), so
            // that piece is the failing call's too. Errors zlib finds only with
            // room left ("unexpected end of file", "too far back") come from the
            // next call, so a piece that filled its room exactly was still pushed.
            let needs_room = error.needs_output_room();
            produced = if produced < first_room || (produced == first_room && !needs_room) {
                0
            } else {
                let past = (produced - first_room) % self.chunk_size;
                produced
                    - if past == 0 && !needs_room {
                        self.chunk_size
                    } else {
                        past
                    }
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

    /// Node's loop call by call, each with one piece of room. C brotli keeps
    /// decoded data in its ring buffer and writes it out depending on the room it
    /// is offered, so what precedes an error differs unless the calls are Node's.
    fn write_piecewise(
        &mut self,
        flush: i32,
        input: &[u8],
        max_pieces: usize,
        output: Vec<u8>,
    ) -> WriteOutcome {
        let mut outcome = WriteOutcome {
            output,
            ..WriteOutcome::default()
        };
        outcome.output.clear();
        loop {
            let room = self.chunk_size - self.out_offset;
            let start = outcome.output.len();
            let (step, error) =
                self.fill(flush, &input[outcome.consumed..], room, &mut outcome.output);
            let step = match error {
                None => step,
                Some(error) => {
                    // The failing call's output is never pushed, as in Node.
                    outcome.output.truncate(start);
                    outcome.error = Some(error);
                    return outcome;
                }
            };
            outcome.output.truncate(start + step.produced);
            outcome.consumed += step.consumed;
            if step.produced > 0 {
                outcome.pieces.push(step.produced as u32);
            }
            self.out_offset = (self.out_offset + step.produced) % self.chunk_size;
            if step.produced < room {
                outcome.input_left = outcome.consumed < input.len();
                return outcome;
            }
            if outcome.pieces.len() >= max_pieces.max(1) {
                outcome.more_output = true;
                return outcome;
            }
        }
    }

    /// What one engine call with `room` bytes of output room gives, appended to
    /// `output`: the steps' total and the error that stopped them, if any. Room is
    /// offered in doubling steps, from one piece's room up to `ONE_CALL_ROOM` a call,
    /// so that memory (and zero-filling) follows the output, not the room. Node's
    /// buffer of `chunkSize` bytes is never touched past its output either;
    /// zero-filling 2 GiB per write (or 32 GiB, for 16 pieces) is not an option.
    fn fill(
        &mut self,
        flush: i32,
        input: &[u8],
        room: usize,
        output: &mut Vec<u8>,
    ) -> (Step, Option<CodecError>) {
        let start = output.len();
        let mut total = Step::default();
        // The first offer is one piece's room (at least FIRST_OFFER): offered room is
        // zero-filled, and a small message's write should not clear 256 KiB for
        // a few hundred bytes of output. Each full offer doubles the next.
        let mut offer = room
            .min(self.chunk_size.max(FIRST_OFFER))
            .min(ONE_CALL_ROOM);
        loop {
            let at = output.len();
            let want = offer.min(room - (at - start));
            output.resize(at + want, 0);
            let (step, error) =
                match self
                    .codec
                    .step(flush, &input[total.consumed..], &mut output[at..])
                {
                    Ok(step) => (step, None),
                    Err(error) => (self.codec.last_step(), Some(error)),
                };
            total.consumed += step.consumed;
            total.produced += step.produced;
            output.truncate(at + step.produced);
            if error.is_some() || step.produced < want || total.produced == room {
                return (total, error);
            }
            offer = offer.saturating_mul(2);
        }
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

    /// Where the next output goes in Node's `_outBuffer` (its `_outOffset`).
    pub fn out_offset(&self) -> usize {
        self.out_offset
    }

    /// One engine call exactly as Node's loop makes it: room for the rest of the
    /// current output piece (`chunk_size - out_offset`), output into `scratch` (at
    /// least `chunk_size` long). What a small write on the JS thread runs, call by
    /// call, so each piece is Node's and a failing call pushes nothing, as in Node.
    pub fn write_once(
        &mut self,
        flush: i32,
        input: &[u8],
        scratch: &mut [u8],
    ) -> Result<OneCall, CodecError> {
        let at = self.out_offset;
        let room = (self.chunk_size - at).min(scratch.len());
        let step = self.codec.step(flush, input, &mut scratch[..room])?;
        self.out_offset = (at + step.produced) % self.chunk_size;
        Ok(OneCall {
            step,
            at,
            room_filled: step.produced == room,
            input_left: step.produced < room && step.consumed < input.len(),
        })
    }

    pub fn chunk_size(&self) -> usize {
        self.chunk_size
    }

    pub fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        self.codec.params(level, strategy)
    }

    pub fn reset(&mut self) -> Result<(), CodecError> {
        self.codec.reset(&self.options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zlib::codecs::brotli::OPERATION_FINISH as BROTLI_FINISH;
    use crate::zlib::mode::Mode;
    use crate::zlib::one_shot::process;
    use libz_rs_sys::{Z_FINISH, Z_NO_FLUSH, Z_SYNC_FLUSH};

    fn writer(mode: Mode, chunk_size: usize) -> ChunkWriter {
        ChunkWriter::new(CodecOptions {
            chunk_size,
            ..CodecOptions::new(mode)
        })
    }

    #[test]
    fn pieces_follow_the_chunk_size_and_continue_a_partial_buffer() {
        let input: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
        let packed = process(
            &CodecOptions::new(Mode::Deflate),
            Z_FINISH,
            &input,
            usize::MAX,
        )
        .expect("packed");
        let mut inflate = writer(Mode::Inflate, 1024);
        let first = inflate.write(Z_NO_FLUSH, &packed[..100], 64, Vec::new());
        let second = inflate.write(Z_FINISH, &packed[first.consumed..], 64, Vec::new());
        let offset = first.output.len() % 1024;
        // The second write first fills what was left of the 1024-byte buffer.
        assert_eq!(second.pieces[0] as usize, 1024 - offset);
        assert!(second.pieces[1..second.pieces.len() - 1]
            .iter()
            .all(|&p| p == 1024));
        assert_eq!([first.output, second.output].concat(), input);
    }

    #[test]
    fn a_write_stops_after_max_pieces_and_says_more_is_coming() {
        let packed = process(
            &CodecOptions::new(Mode::Gzip),
            Z_FINISH,
            &vec![7u8; 100_000],
            usize::MAX,
        )
        .expect("packed");
        let mut gunzip = writer(Mode::Gunzip, 1000);
        let outcome = gunzip.write(Z_NO_FLUSH, &packed, 3, Vec::new());
        assert_eq!(outcome.pieces, vec![1000, 1000, 1000]);
        assert!(outcome.more_output);
    }

    #[test]
    fn input_after_the_end_of_an_inflate_stream_is_left_over() {
        let mut input = process(
            &CodecOptions::new(Mode::Deflate),
            Z_FINISH,
            b"abc",
            usize::MAX,
        )
        .expect("packed");
        input.extend_from_slice(b"trailing");
        let outcome = writer(Mode::Inflate, 16384).write(Z_NO_FLUSH, &input, 16, Vec::new());
        assert_eq!(outcome.output, b"abc");
        assert!(outcome.input_left);
    }

    #[test]
    fn a_huge_chunk_size_costs_the_output_not_the_room() {
        // Found by the JS differential fuzz: { chunkSize: 2 ** 31 } made a write
        // zero-fill 16 pieces of room (32 GiB) and abort. Node's own buffer of that
        // size is only touched as far as the output goes. Brotli decoding goes piece
        // by piece, the others in one window: both are checked.
        let input = vec![1u8; 20 << 20];
        for (compressor, decompressor, finish) in [
            (Mode::Gzip, Mode::Gunzip, Z_FINISH),
            (Mode::BrotliEncode, Mode::BrotliDecode, BROTLI_FINISH),
        ] {
            let packed = process(&CodecOptions::new(compressor), finish, &input, usize::MAX)
                .expect("packed");
            let outcome = writer(decompressor, 1 << 31).write(finish, &packed, 16, Vec::new());
            assert_eq!(outcome.error, None);
            assert_eq!(outcome.pieces, vec![20 << 20]);
            let capacity = outcome.output.capacity();
            assert!(capacity < 64 << 20, "{decompressor:?}: {capacity}");
        }
    }

    #[test]
    fn a_piece_that_fills_its_room_before_a_too_far_back_match_is_pushed() {
        // Found by the JS differential fuzz: zlib checks "too far back" only when it
        // copies a match, which needs room, so Node's call that filled the 59 bytes
        // left of its 64-byte buffer returned fine and pushed them; the next call
        // failed. One call with room for several pieces must cut the same way.
        let input: [u8; 62] = [
            120, 94, 75, 74, 45, 73, 84, 224, 229, 74, 2, 81, 213, 74, 217, 74, 86, 134, 181, 6,
            134, 70, 198, 38, 166, 102, 230, 22, 150, 24, 2, 96, 101, 188, 92, 80, 241, 244, 196,
            220, 99, 68, 46, 132, 44, 130, 5, 145, 73, 204, 41, 200, 72, 84, 64, 54, 26, 0, 84,
            215, 29, 219,
        ];
        let mut inflate = writer(Mode::Inflate, 64);
        let mut pieces = Vec::new();
        let mut error = None;
        for (chunk, flush) in [
            (&input[..7], Z_NO_FLUSH),
            (&input[7..8], Z_NO_FLUSH),
            (&input[8..], Z_NO_FLUSH),
            (&[][..], Z_SYNC_FLUSH),
        ] {
            let outcome = inflate.write(flush, chunk, 16, Vec::new());
            pieces.extend(outcome.pieces);
            if outcome.error.is_some() {
                error = outcome.error;
                break;
            }
        }
        assert_eq!(pieces, vec![4, 1, 59]);
        assert_eq!(
            error.map(|e| e.message),
            Some("invalid distance too far back".into())
        );
    }
}
