//! napi binding of the zlib engines: CRC-32, a stream handle that runs Node's
//! per-chunk loop natively, one-shot calls (sync, async, parallel) and batches.
//! Async work runs on hotpath's rayon pool, not libuv's, so heavy compression
//! cannot starve fs and dns; results come back through a napi deferred.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use napi::bindgen_prelude::{Buffer, BufferSlice, Either, Object, ToNapiValue};
use napi::{sys, Env, Error, Result, Status};
use napi_derive::napi;

use super::buffer_pool;
use super::chunk_writer::{ChunkWriter, WriteOutcome};
use super::codec::CodecOptions;
use super::codec_error::CodecError;
use super::crc32::crc32;
use super::flate_codec::FlateOptions;
use super::many::process_many;
use super::mode::Mode;
use super::one_shot::{process, process_as_callback, process_into, OneShotError};
use super::parallel_deflate;
use crate::binding::{ByteView, HeldBytes, Utf8Text};

/// `zlib.crc32(view, value)` for any TypedArray or DataView; arguments are
/// validated by the JS face.
#[napi(
    js_name = "crc32Bytes",
    catch_unwind,
    ts_args_type = "data: ArrayBufferView, value: number"
)]
pub fn crc32_bytes(data: ByteView, value: u32) -> u32 {
    crc32(value, data.as_slice())
}

/// `zlib.crc32(string, value)`: the string is hashed as its UTF-8 bytes, as Node does.
#[napi(
    js_name = "crc32String",
    catch_unwind,
    ts_args_type = "data: string, value: number"
)]
pub fn crc32_string(data: Utf8Text, value: u32) -> u32 {
    crc32(value, data.as_bytes())
}

/// Outputs up to this size are copied into a V8-owned Buffer; a napi external
/// buffer costs ~1.4 µs to create, more than copying a few KiB.
const COPY_OUTPUT_MAX: usize = 32 << 10;

/// What a native zlib call hands back: no output (undefined), a Buffer, or an error
/// description `{ message, code, errno }` that the JS face turns into Node's error.
pub enum NativeResult {
    Empty,
    Output(Vec<u8>),
    /// A stream write's pieces, back to back with their lengths: each becomes its
    /// own Buffer (small, from malloc's warm heap) and the bytes go back to the pool.
    Pieces(Vec<u8>, Vec<u32>),
    /// Pieces, then the error the engine stopped with, as one array.
    PiecesThenError(Vec<u8>, Vec<u32>, CodecError),
    Failed(CodecError),
    TooLarge,
}

impl From<std::result::Result<Vec<u8>, OneShotError>> for NativeResult {
    fn from(result: std::result::Result<Vec<u8>, OneShotError>) -> Self {
        match result {
            Ok(output) => NativeResult::Output(output),
            Err(OneShotError::Codec(error)) => NativeResult::Failed(error),
            Err(OneShotError::TooLarge(_)) => NativeResult::TooLarge,
        }
    }
}

impl ToNapiValue for NativeResult {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        match value {
            NativeResult::Empty => {
                let mut undefined = std::ptr::null_mut();
                // SAFETY: `env` is the live environment of this call.
                napi::check_status!(unsafe { sys::napi_get_undefined(env, &mut undefined) })?;
                Ok(undefined)
            }
            // SAFETY: `env` is the live environment of this call.
            NativeResult::Output(bytes) if bytes.len() <= COPY_OUTPUT_MAX => unsafe {
                buffer_copy(env, &bytes)
            },
            // SAFETY: forwarded to napi-rs's own conversion with the same env.
            NativeResult::Output(bytes) => unsafe {
                Buffer::to_napi_value(env, Buffer::from(bytes))
            },
            NativeResult::Pieces(bytes, pieces) => {
                // SAFETY: `env` is the live environment of this call.
                let array = unsafe { pieces_to_array(env, &bytes, &pieces) };
                buffer_pool::give(bytes);
                array
            }
            NativeResult::PiecesThenError(bytes, pieces, error) => {
                // SAFETY: `env` is the live environment of this call.
                let array = unsafe { pieces_to_array(env, &bytes, &pieces) }?;
                buffer_pool::give(bytes);
                // SAFETY: as above; `array` belongs to this env.
                unsafe {
                    let info = NativeResult::to_napi_value(env, NativeResult::Failed(error))?;
                    napi::check_status!(sys::napi_set_element(
                        env,
                        array,
                        pieces.len() as u32,
                        info
                    ))?;
                }
                Ok(array)
            }
            NativeResult::Failed(error) => {
                let info = ZlibErrorInfo {
                    message: error.message.into_owned(),
                    code: error.code.into_owned(),
                    errno: error.errno,
                };
                // SAFETY: forwarded to the derived conversion with the same env.
                unsafe { ZlibErrorInfo::to_napi_value(env, info) }
            }
            NativeResult::TooLarge => {
                let info = ZlibErrorInfo {
                    message: String::new(),
                    code: "ERR_BUFFER_TOO_LARGE".to_owned(),
                    errno: 0,
                };
                // SAFETY: as above.
                unsafe { ZlibErrorInfo::to_napi_value(env, info) }
            }
        }
    }
}

/// A V8-owned Buffer holding a copy of `bytes`.
///
/// # Safety
/// `env` must be the live environment of the current call.
unsafe fn buffer_copy(env: sys::napi_env, bytes: &[u8]) -> Result<sys::napi_value> {
    let mut buffer = std::ptr::null_mut();
    // SAFETY: `bytes` is valid for its length and V8 copies it; `env` per contract.
    napi::check_status!(unsafe {
        sys::napi_create_buffer_copy(
            env,
            bytes.len(),
            bytes.as_ptr().cast(),
            std::ptr::null_mut(),
            &mut buffer,
        )
    })?;
    Ok(buffer)
}

/// # Safety
/// `env` must be the live environment of the current call.
unsafe fn pieces_to_array(
    env: sys::napi_env,
    bytes: &[u8],
    pieces: &[u32],
) -> Result<sys::napi_value> {
    let mut array = std::ptr::null_mut();
    // SAFETY: per this function's contract.
    napi::check_status!(unsafe {
        sys::napi_create_array_with_length(env, pieces.len(), &mut array)
    })?;
    let mut offset = 0;
    for (index, &length) in pieces.iter().enumerate() {
        let piece = &bytes[offset..offset + length as usize];
        offset += length as usize;
        // SAFETY: per this function's contract.
        let buffer = unsafe { buffer_copy(env, piece) }?;
        // SAFETY: `array` was created above in this env.
        napi::check_status!(unsafe { sys::napi_set_element(env, array, index as u32, buffer) })?;
    }
    Ok(array)
}

#[napi(object)]
pub struct ZlibErrorInfo {
    pub message: String,
    pub code: String,
    pub errno: i32,
}

/// `settings`: an Int32Array [mode, windowBits, level, memLevel, strategy,
/// chunkSize, flags] with Node's numbers, built once per options object by the JS
/// face; flag 1: gunzip stops after one member (Node 24's rejectGarbageAfterEnd).
const SINGLE_MEMBER: i32 = 1;

fn codec_options(
    settings: &ByteView,
    dictionary: Option<ByteView>,
    brotli_params: Option<ByteView>,
) -> Result<CodecOptions> {
    let bytes = settings.as_slice();
    if bytes.len() != 28 {
        return Err(Error::new(
            Status::InvalidArg,
            "zlib settings must hold 7 numbers",
        ));
    }
    let number = |index: usize| {
        let word = &bytes[index * 4..index * 4 + 4];
        i32::from_ne_bytes([word[0], word[1], word[2], word[3]])
    };
    let (mode, window_bits, level, mem_level, strategy, chunk_size, flags) = (
        number(0),
        number(1),
        number(2),
        number(3),
        number(4),
        number(5),
        number(6),
    );
    let mode = Mode::from_node(mode as u32)
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("unknown zlib mode {mode}")))?;
    let brotli_params = brotli_params
        .map(|view| {
            view.as_slice()
                .chunks_exact(8)
                .map(|pair| {
                    let key = u32::from_ne_bytes([pair[0], pair[1], pair[2], pair[3]]);
                    let value = u32::from_ne_bytes([pair[4], pair[5], pair[6], pair[7]]);
                    (key, value)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CodecOptions {
        mode,
        flate: FlateOptions {
            window_bits,
            level,
            mem_level,
            strategy,
            dictionary: dictionary
                .map(|d| d.as_slice().to_vec())
                .unwrap_or_default(),
            single_member: flags & SINGLE_MEMBER != 0,
        },
        brotli_params,
        reference_brotli_decoder: false,
        chunk_size: chunk_size.max(1) as usize,
    })
}

/// Runs `work` on the rayon pool and settles the returned promise with its result
/// on the JS thread; a panic rejects the promise instead of aborting the process.
fn spawn_settled<T, W, S>(env: &Env, work: W, settle: S) -> Result<Object<'_>>
where
    T: Send + 'static,
    W: FnOnce() -> T + Send + 'static,
    S: FnOnce(T) -> NativeResultOrList + Send + 'static,
{
    let (deferred, promise) = env.create_deferred()?;
    rayon::spawn(move || match catch_unwind(AssertUnwindSafe(work)) {
        Ok(value) => deferred.resolve(move |_| Ok(settle(value))),
        Err(_) => deferred.reject(Error::new(
            Status::GenericFailure,
            "hotpath panicked in a zlib worker",
        )),
    });
    Ok(promise)
}

/// A promise's value: one result or one per input of a batch.
pub enum NativeResultOrList {
    One(NativeResult),
    List(Vec<NativeResult>),
}

impl ToNapiValue for NativeResultOrList {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        // SAFETY: forwarded with the same env.
        unsafe {
            match value {
                NativeResultOrList::One(result) => NativeResult::to_napi_value(env, result),
                NativeResultOrList::List(results) => Vec::to_napi_value(env, results),
            }
        }
    }
}

const MORE_OUTPUT: u32 = 1;
const INPUT_LEFT: u32 = 2;
/// The result array ends with an error description after the pieces.
const FAILED: u32 = 4;

/// Writes the write state for the JS face (Node's `_writeState`): input consumed
/// and flags; the pieces travel as the returned array.
fn write_state(state: &HeldBytes, outcome: &WriteOutcome) {
    let flags = (if outcome.more_output { MORE_OUTPUT } else { 0 })
        | (if outcome.input_left { INPUT_LEFT } else { 0 })
        | (if outcome.error.is_some() { FAILED } else { 0 });
    let mut bytes = [0u8; 8];
    bytes[..4].copy_from_slice(&(outcome.consumed as u32).to_ne_bytes());
    bytes[4..].copy_from_slice(&flags.to_ne_bytes());
    state.overwrite(&bytes);
}

fn finish_write(
    state: &HeldBytes,
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

/// A stream's engine, dropped by `close()` (or after the write in flight when
/// `close()` came during one) so its memory is freed at once, not at GC.
struct SharedWriter {
    writer: Mutex<Option<ChunkWriter>>,
    close_requested: AtomicBool,
}

impl SharedWriter {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ChunkWriter>> {
        // A poisoned lock only means an earlier write panicked; the codec state is
        // still memory-safe, and the stream is being destroyed by then anyway.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<T>(
        &self,
        work: impl FnOnce(&mut ChunkWriter) -> std::result::Result<T, CodecError>,
    ) -> std::result::Result<T, CodecError> {
        let mut guard = self.lock();
        let result = match guard.as_mut() {
            Some(writer) => work(writer),
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

    fn close(&self) {
        self.close_requested.store(true, Ordering::Release);
        if let Ok(mut guard) = self.writer.try_lock() {
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
    #[napi(constructor, catch_unwind)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        settings: ByteView,
        dictionary: Option<ByteView>,
        brotli_params: Option<ByteView>,
    ) -> Result<Self> {
        let options = codec_options(&settings, dictionary, brotli_params)?;
        Ok(ZlibStream {
            writer: Arc::new(SharedWriter {
                writer: Mutex::new(Some(ChunkWriter::new(options))),
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
        let start = (in_offset as usize).min(input.len());
        let result = self.writer.with(|writer| {
            Ok(writer.write(
                flush,
                &input.as_slice()[start..],
                max_pieces as usize,
                buffer_pool::take(),
            ))
        });
        // SAFETY: both views are arguments of this synchronous call.
        let state = unsafe { state.hold() };
        finish_write(&state, result)
    }

    /// One write on the rayon pool. The JS face keeps `input` and `state` alive
    /// until the promise settles.
    #[napi(
        catch_unwind,
        ts_return_type = "Promise<Buffer[] | ZlibErrorInfo | undefined>"
    )]
    pub fn write<'env>(
        &self,
        env: &'env Env,
        flush: i32,
        input: ByteView,
        in_offset: f64,
        max_pieces: u32,
        state: ByteView,
    ) -> Result<Object<'env>> {
        let writer = Arc::clone(&self.writer);
        let start = (in_offset as usize).min(input.len());
        // SAFETY: the JS face holds the chunk and the state array until settled.
        let (input, state) = unsafe { (input.hold(), state.hold()) };
        spawn_settled(
            env,
            move || {
                writer.with(|writer| {
                    Ok(writer.write(
                        flush,
                        &input.as_slice()[start..],
                        max_pieces as usize,
                        buffer_pool::take(),
                    ))
                })
            },
            move |result| NativeResultOrList::One(finish_write(&state, result)),
        )
    }

    #[napi(catch_unwind, ts_return_type = "ZlibErrorInfo | undefined")]
    pub fn params(&self, level: i32, strategy: i32) -> NativeResult {
        match self.writer.with(|writer| writer.params(level, strategy)) {
            Ok(()) => NativeResult::Empty,
            Err(error) => NativeResult::Failed(error),
        }
    }

    #[napi(catch_unwind, ts_return_type = "ZlibErrorInfo | undefined")]
    pub fn reset(&self) -> NativeResult {
        match self.writer.with(ChunkWriter::reset) {
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

fn max_output(max_output_length: f64) -> usize {
    if max_output_length.is_finite() && max_output_length >= 1.0 {
        max_output_length as usize
    } else {
        usize::MAX
    }
}

/// `zlib.gzipSync(buf, opts)` and the other `*Sync` one-shot functions.
#[napi(
    js_name = "zlibProcessSync",
    catch_unwind,
    ts_return_type = "Buffer | ZlibErrorInfo"
)]
#[allow(clippy::too_many_arguments)]
pub fn zlib_process_sync<'env>(
    env: &'env Env,
    settings: ByteView,
    dictionary: Option<ByteView>,
    brotli_params: Option<ByteView>,
    flush: i32,
    input: ByteView,
    max_output_length: f64,
    parallel: bool,
) -> Result<Either<BufferSlice<'env>, NativeResult>> {
    let options = codec_options(&settings, dictionary, brotli_params)?;
    let max = max_output(max_output_length);
    if parallel {
        return Ok(Either::B(run_one_shot(
            &options,
            flush,
            input.as_slice(),
            max,
            parallel,
            process,
        )));
    }
    // Output goes to a per-thread buffer that stays mapped between calls and is
    // then copied into a V8 Buffer, as Node gathers its pieces and concatenates:
    // decoding into fresh memory pays a page fault per 4 KiB written.
    SYNC_OUTPUT.with(|arena| {
        let mut arena = arena.borrow_mut();
        let result = match process_into(&options, flush, input.as_slice(), max, &mut arena) {
            Ok(()) => Either::A(BufferSlice::copy_from(env, arena.as_slice())?),
            Err(error) => Either::B(Err::<Vec<u8>, _>(error).into()),
        };
        if arena.capacity() > ARENA_KEEP {
            *arena = Vec::new();
        }
        Ok(result)
    })
}

/// The per-thread output buffer is kept between calls up to this size (the JS
/// face releases it once sync calls go idle).
const ARENA_KEEP: usize = 256 << 20;

/// What the parallel compression path has done in this process (tests read it to
/// see that a call was parallel).
#[napi(object, js_name = "ZlibParallelStats")]
pub struct ZlibParallelStats {
    pub calls: f64,
    pub blocks: f64,
    pub threads_last_call: u32,
}

#[napi(js_name = "zlibParallelStats", catch_unwind)]
pub fn zlib_parallel_stats() -> ZlibParallelStats {
    let stats = parallel_deflate::stats();
    ZlibParallelStats {
        calls: stats.calls as f64,
        blocks: stats.blocks as f64,
        threads_last_call: stats.threads_last_call,
    }
}

/// Frees the JS thread's sync output buffer; the face calls it when idle.
#[napi(js_name = "zlibReleaseSyncBuffer", catch_unwind)]
pub fn zlib_release_sync_buffer() {
    SYNC_OUTPUT.with(|arena| *arena.borrow_mut() = Vec::new());
}

thread_local! {
    static SYNC_OUTPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How a one-shot form orders engine errors against `maxOutputLength`: `process`
/// as the sync forms do, `process_as_callback` as the callback forms do.
type OneShotRun =
    fn(&CodecOptions, i32, &[u8], usize) -> std::result::Result<Vec<u8>, OneShotError>;

fn run_one_shot(
    options: &CodecOptions,
    flush: i32,
    input: &[u8],
    max_output_length: usize,
    parallel: bool,
    run: OneShotRun,
) -> NativeResult {
    let parallel_mode = matches!(options.mode, Mode::Gzip | Mode::Deflate | Mode::DeflateRaw);
    if parallel
        && parallel_mode
        && parallel_deflate::pays_off(options.flate.level)
        && options.flate.dictionary.is_empty()
        && flush == libz_rs_sys::Z_FINISH
        && input.len() > parallel_deflate::BLOCK_SIZE
    {
        return match parallel_deflate::compress(options.mode, &options.flate, input) {
            Ok(output) if output.len() > max_output_length => NativeResult::TooLarge,
            Ok(output) => NativeResult::Output(output),
            Err(error) => NativeResult::Failed(error),
        };
    }
    run(options, flush, input, max_output_length).into()
}

/// `zlib.gzip(buf, opts, cb)` and the other callback one-shot functions; with
/// `parallel`, big deflate-family inputs are compressed on every core.
#[napi(
    js_name = "zlibProcess",
    catch_unwind,
    ts_return_type = "Promise<Buffer | ZlibErrorInfo>"
)]
#[allow(clippy::too_many_arguments)]
pub fn zlib_process<'env>(
    env: &'env Env,
    settings: ByteView,
    dictionary: Option<ByteView>,
    brotli_params: Option<ByteView>,
    flush: i32,
    input: ByteView,
    max_output_length: f64,
    parallel: bool,
) -> Result<Object<'env>> {
    let options = codec_options(&settings, dictionary, brotli_params)?;
    let max = max_output(max_output_length);
    // SAFETY: the JS face holds the input until the promise settles.
    let input = unsafe { input.hold() };
    spawn_settled(
        env,
        move || {
            run_one_shot(
                &options,
                flush,
                input.as_slice(),
                max,
                parallel,
                process_as_callback,
            )
        },
        NativeResultOrList::One,
    )
}

/// `gzipMany(buffers, opts)` and relatives: every input on its own, all cores.
#[napi(
    js_name = "zlibProcessMany",
    catch_unwind,
    ts_return_type = "Promise<Array<Buffer | ZlibErrorInfo>>"
)]
#[allow(clippy::too_many_arguments)]
pub fn zlib_process_many<'env>(
    env: &'env Env,
    settings: ByteView,
    dictionary: Option<ByteView>,
    brotli_params: Option<ByteView>,
    flush: i32,
    inputs: Vec<ByteView>,
    max_output_length: f64,
) -> Result<Object<'env>> {
    let options = codec_options(&settings, dictionary, brotli_params)?;
    let max = max_output(max_output_length);
    // SAFETY: the JS face holds the input array until the promise settles.
    let inputs: Vec<HeldBytes> = inputs.iter().map(|view| unsafe { view.hold() }).collect();
    spawn_settled(
        env,
        move || {
            let slices: Vec<&[u8]> = inputs.iter().map(HeldBytes::as_slice).collect();
            process_many(&options, flush, &slices, max)
        },
        |results| NativeResultOrList::List(results.into_iter().map(NativeResult::from).collect()),
    )
}
