//! The native side of one zlib or brotli stream: Node's per-chunk loop over a
//! `ChunkWriter`, sync on the JS thread or async on the pool.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use napi::bindgen_prelude::Object;
use napi::{Env, Result};
use napi_derive::napi;

use super::result::NativeResult;
use super::settings::read_settings;
use crate::binding::{spawn_promise_scheduled, ByteView, JsAnchor};
use crate::js_memory::owned::OwnedBytes;
use crate::zlib::buffer_pool;
use crate::zlib::chunk_writer::{ChunkWriter, WriteOutcome};
use crate::zlib::codec_error::CodecError;

/// The slots of a stream's write state (a Uint32Array on the JS stream, where Node
/// keeps its `_writeState`); the pieces themselves travel as the returned array.
#[napi(js_name = "ZlibWriteSlot")]
pub enum WriteSlot {
    /// Input bytes the write consumed.
    Consumed = 0,
    /// `ZlibWriteFlag` bits.
    Flags = 1,
    /// Where the next output goes in the stream's output buffer (Node's
    /// `_outOffset`), after the write.
    OutAt = 2,
    /// Bytes a `writeInto` call wrote into the buffer it was given.
    Produced = 3,
}

#[napi]
pub const ZLIB_WRITE_STATE_LENGTH: u32 = 4;

/// Stream writes run on the JS thread (`writeSync`: small writes and `_processChunk`)
/// and on the pool, since the process started: tests read which path a write took.
static WRITES_HERE: AtomicU64 = AtomicU64::new(0);
static WRITES_ON_POOL: AtomicU64 = AtomicU64::new(0);

#[napi(object)]
pub struct ZlibStreamWriteCounts {
    pub here: f64,
    pub pool: f64,
}

#[napi]
pub fn zlib_stream_write_counts() -> ZlibStreamWriteCounts {
    ZlibStreamWriteCounts {
        here: WRITES_HERE.load(Ordering::Relaxed) as f64,
        pool: WRITES_ON_POOL.load(Ordering::Relaxed) as f64,
    }
}

#[napi(js_name = "ZlibWriteFlag")]
pub enum WriteFlag {
    /// The output filled the pieces asked for; write again for more.
    MoreOutput = 1,
    /// Input is left after the stream's end (trailing data).
    InputLeft = 2,
    /// The result array ends with an error description after the pieces.
    Failed = 4,
}

/// `ZlibWriteFlag` bits of a write (pool or `writeInto`).
fn write_flags(more_output: bool, input_left: bool, failed: bool) -> u32 {
    let flag = |set: bool, flag: WriteFlag| if set { flag as u32 } else { 0 };
    flag(more_output, WriteFlag::MoreOutput)
        | flag(input_left, WriteFlag::InputLeft)
        | flag(failed, WriteFlag::Failed)
}

fn write_state(state: &ByteView, outcome: &WriteOutcome) {
    let flags = write_flags(
        outcome.more_output,
        outcome.input_left,
        outcome.error.is_some(),
    );
    put_state(
        state,
        [
            outcome.consumed as u32,
            flags,
            outcome.out_offset as u32,
            outcome.output.len() as u32,
        ],
    );
}

/// Writes the slots in `WriteSlot` order (on the stack: this runs once per write).
fn put_state(state: &ByteView, words: [u32; ZLIB_WRITE_STATE_LENGTH as usize]) {
    let mut bytes = [0u8; ZLIB_WRITE_STATE_LENGTH as usize * 4];
    for (slot, word) in bytes.chunks_exact_mut(4).zip(words) {
        slot.copy_from_slice(&word.to_ne_bytes());
    }
    state.overwrite(&bytes);
}

thread_local! {
    /// Output room for `writeInto`, kept between calls so it is zeroed only as it grows.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn finish_write(
    state: &ByteView,
    result: std::result::Result<WriteOutcome, CodecError>,
) -> NativeResult {
    match result {
        Ok(mut outcome) => {
            write_state(state, &outcome);
            if let Some(error) = outcome.error.take() {
                return NativeResult::PiecesThenError(outcome.output, outcome.pieces, error);
            }
            if outcome.output.is_empty() {
                buffer_pool::give(outcome.output);
                NativeResult::Empty
            } else {
                NativeResult::Pieces(outcome.output, outcome.pieces)
            }
        }
        Err(error) => NativeResult::Failed(error),
    }
}

/// A stream's engine, and the chunk its async writes work through.
struct StreamState {
    writer: ChunkWriter,
    /// A copy of the chunk (JS may detach or shrink its buffer while a write runs:
    /// see `js_memory`), taken by the write that starts it; the writes that go on
    /// where the last one stopped (more output pending) read it from `consumed` on.
    chunk: Option<OwnedBytes>,
    consumed: usize,
}

/// A stream's state, dropped by `close()` (or after the write in flight when
/// `close()` came during one) so its memory is freed at once, not at GC.
struct SharedWriter {
    state: Mutex<Option<StreamState>>,
    close_requested: AtomicBool,
}

impl SharedWriter {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<StreamState>> {
        // A poisoned lock only means an earlier write panicked; the codec state is
        // still memory-safe, and the stream is being destroyed by then anyway.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<T>(
        &self,
        work: impl FnOnce(&mut StreamState) -> std::result::Result<T, CodecError>,
    ) -> std::result::Result<T, CodecError> {
        let mut guard = self.lock();
        let result = match guard.as_mut() {
            Some(state) => work(state),
            None => Err(CodecError::new(
                "zlib binding closed",
                "ERR_ZLIB_BINDING_CLOSED",
                0,
            )),
        };
        if self.close_requested.load(Ordering::Acquire) {
            *guard = None;
        }
        result
    }

    /// Node's per-chunk loop over `input`, into a pooled output buffer.
    fn write(
        &self,
        flush: i32,
        input: &[u8],
        max_pieces: u32,
    ) -> std::result::Result<WriteOutcome, CodecError> {
        self.with(|state| {
            Ok(state
                .writer
                .write(flush, input, max_pieces as usize, buffer_pool::take()))
        })
    }

    /// As `write`, over the stream's own copy of a chunk: `chunk` starts a new one,
    /// `None` goes on with the current one.
    fn write_owned(
        &self,
        flush: i32,
        chunk: Option<OwnedBytes>,
        max_pieces: u32,
    ) -> std::result::Result<WriteOutcome, CodecError> {
        self.with(|state| {
            if chunk.is_some() {
                state.chunk = chunk;
                state.consumed = 0;
            }
            let whole = state.chunk.as_ref().map_or(&[][..], OwnedBytes::as_slice);
            let rest = whole.get(state.consumed..).unwrap_or_default();
            let outcome = state
                .writer
                .write(flush, rest, max_pieces as usize, buffer_pool::take());
            state.consumed += outcome.consumed;
            if state.consumed >= whole.len() {
                state.chunk = None;
                state.consumed = 0;
            }
            Ok(outcome)
        })
    }

    fn close(&self) {
        self.close_requested.store(true, Ordering::Release);
        if let Ok(mut guard) = self.state.try_lock() {
            *guard = None;
        }
    }
}

/// The native side of one zlib or brotli stream.
#[napi]
pub struct ZlibStream {
    writer: Arc<SharedWriter>,
}

#[napi]
impl ZlibStream {
    /// `extra`: the dictionary of a zlib mode or the params of a brotli mode.
    #[napi(constructor, catch_unwind)]
    pub fn new(settings: ByteView, extra: Option<ByteView>) -> Result<Self> {
        let settings = read_settings(&settings, extra)?;
        Ok(ZlibStream {
            writer: Arc::new(SharedWriter {
                state: Mutex::new(Some(StreamState {
                    writer: ChunkWriter::new(settings.options),
                    chunk: None,
                    consumed: 0,
                })),
                close_requested: AtomicBool::new(false),
            }),
        })
    }

    /// One write on the JS thread (Node's `writeSync`, used by `_processChunk`).
    #[napi(catch_unwind, ts_return_type = "Buffer[] | ZlibErrorInfo | undefined")]
    pub fn write_sync(
        &self,
        flush: i32,
        input: ByteView,
        in_offset: f64,
        max_pieces: u32,
        state: ByteView,
    ) -> NativeResult {
        WRITES_HERE.fetch_add(1, Ordering::Relaxed);
        let start = (in_offset as usize).min(input.len());
        let result = self
            .writer
            .write(flush, &input.as_slice()[start..], max_pieces);
        finish_write(&state, result)
    }

    /// One engine call on the JS thread, exactly as Node's loop makes it, into `out`
    /// (the stream's output buffer, `chunkSize` long) from `OutAt` on: a small write
    /// runs here call by call (lib/internal/zlib/small-writes.js). The state gets
    /// Consumed, Flags (MoreOutput: the room filled; InputLeft: the stream ended
    /// before the input), OutAt (after the call) and Produced.
    #[napi(catch_unwind, ts_return_type = "ZlibErrorInfo | undefined")]
    pub fn write_into(
        &self,
        flush: i32,
        input: ByteView,
        in_offset: f64,
        out: ByteView,
        state: ByteView,
    ) -> NativeResult {
        WRITES_HERE.fetch_add(1, Ordering::Relaxed);
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let called = self.writer.with(|stream| {
                let room = stream.writer.chunk_size();
                if scratch.len() < room {
                    scratch.resize(room, 0);
                }
                let rest = input
                    .as_slice()
                    .get(in_offset as usize..)
                    .unwrap_or_default();
                let call = stream.writer.write_once(flush, rest, &mut scratch)?;
                Ok((call, stream.writer.out_offset()))
            });
            let (call, next) = match called {
                Ok(called) => called,
                Err(error) => return NativeResult::Failed(error),
            };
            // Through a scratch copy, so `out` is written only by `overwrite_at`: JS
            // views may overlap, and no slice of one is held while another is written.
            out.overwrite_at(call.at, &scratch[..call.step.produced]);
            let flags = write_flags(call.room_filled, call.input_left, false);
            put_state(
                &state,
                [
                    call.step.consumed as u32,
                    flags,
                    next as u32,
                    call.step.produced as u32,
                ],
            );
            NativeResult::Empty
        })
    }

    /// One write on the rayon pool: `chunk` starts a new chunk (copied now), an
    /// absent one goes on where the last write stopped. The write state is found
    /// again, and written, on the JS thread when the write settles.
    #[napi(
        catch_unwind,
        ts_args_type = "flush: number, chunk: ArrayBufferView | undefined, maxPieces: number, state: Uint32Array",
        ts_return_type = "Promise<Buffer[] | ZlibErrorInfo | undefined>"
    )]
    pub fn write<'env>(
        &self,
        env: &'env Env,
        flush: i32,
        chunk: Option<ByteView>,
        max_pieces: u32,
        state: ByteView,
    ) -> Result<Object<'env>> {
        WRITES_ON_POOL.fetch_add(1, Ordering::Relaxed);
        let writer = Arc::clone(&self.writer);
        let chunk = chunk.as_ref().map(ByteView::to_owned_bytes);
        spawn_promise_scheduled(
            env,
            rayon::spawn,
            vec![state.anchor()?],
            move || Ok(writer.write_owned(flush, chunk, max_pieces)),
            move |env, anchors: &[JsAnchor], result| {
                let state: ByteView = anchors[0].read(env)?;
                Ok(finish_write(&state, result))
            },
        )
    }

    #[napi(catch_unwind, ts_return_type = "ZlibErrorInfo | undefined")]
    pub fn params(&self, level: i32, strategy: i32) -> NativeResult {
        match self
            .writer
            .with(|state| state.writer.params(level, strategy))
        {
            Ok(()) => NativeResult::Empty,
            Err(error) => NativeResult::Failed(error),
        }
    }

    #[napi(catch_unwind, ts_return_type = "ZlibErrorInfo | undefined")]
    pub fn reset(&self) -> NativeResult {
        match self.writer.with(|state| state.writer.reset()) {
            Ok(()) => NativeResult::Empty,
            Err(error) => NativeResult::Failed(error),
        }
    }

    /// Frees the engine now (or right after the write in flight).
    #[napi(catch_unwind)]
    pub fn close(&self) {
        self.writer.close();
    }
}
