//! One-shot calls: `zlib.gzipSync(buf, opts)` and the other `*Sync` forms, the
//! callback forms (parallel on every core for big deflate-family inputs), the `*Many`
//! batches, and what the parallel path has done.

use napi::bindgen_prelude::{BufferSlice, Either, Object};
use napi::{Env, Result};
use napi_derive::napi;

use super::result::NativeResult;
use super::settings::{read_settings, Settings};
use crate::binding::{shared_control, spawn_promise, ByteView, JsWorkControl};
use crate::js_memory::owned::OwnedBytes;
use crate::zlib::codecs::CodecOptions;
use crate::zlib::many::process_many;
use crate::zlib::one_shot::{process_as_callback, process_into};
use crate::zlib::parallel_deflate;
use crate::zlib::route::{route, Cores};

/// What every one-shot entry starts from: its settings, read, and Node's
/// `maxOutputLength` as a byte count (anything but a size of at least 1: no limit).
struct OneShotCall {
    options: CodecOptions,
    flush: i32,
    max: usize,
}

impl OneShotCall {
    fn read(settings: &ByteView, extra: Option<ByteView>, max_output_length: f64) -> Result<Self> {
        let Settings {
            options,
            finish_flush,
        } = read_settings(settings, extra)?;
        let max = if max_output_length.is_finite() && max_output_length >= 1.0 {
            max_output_length as usize
        } else {
            usize::MAX
        };
        Ok(OneShotCall {
            options,
            flush: finish_flush,
            max,
        })
    }
}

/// The JS face's `parallel` answer: may the call use every core of the pool?
fn cores(parallel: bool) -> Cores {
    if parallel {
        Cores::All
    } else {
        Cores::One
    }
}

/// `zlib.gzipSync(buf, opts)` and the other `*Sync` one-shot functions.
#[napi(
    js_name = "zlibProcessSync",
    catch_unwind,
    ts_return_type = "Buffer | ZlibErrorInfo"
)]
pub fn zlib_process_sync<'env>(
    env: &'env Env,
    settings: ByteView,
    extra: Option<ByteView>,
    input: ByteView,
    max_output_length: f64,
    parallel: bool,
) -> Result<Either<BufferSlice<'env>, NativeResult>> {
    let call = OneShotCall::read(&settings, extra, max_output_length)?;
    let cores = cores(parallel);
    SYNC_OUTPUT.with(|arena| {
        let mut arena = arena.borrow_mut();
        let result = match process_into(
            cores,
            &call.options,
            call.flush,
            input.as_slice(),
            call.max,
            &mut arena,
        ) {
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

/// `zlib.gzip(buf, opts, cb)` and the other callback one-shot functions; with
/// `parallel`, big deflate-family inputs are compressed on every core. The input is
/// copied first: the result is that of the bytes as they were at the call, whatever
/// JS does to its buffer meanwhile.
#[napi(
    js_name = "zlibProcess",
    catch_unwind,
    ts_return_type = "Promise<Buffer | ZlibErrorInfo>"
)]
pub fn zlib_process<'env>(
    env: &'env Env,
    settings: ByteView,
    extra: Option<ByteView>,
    input: ByteView,
    max_output_length: f64,
    parallel: bool,
) -> Result<Object<'env>> {
    let call = OneShotCall::read(&settings, extra, max_output_length)?;
    let input = input.to_owned_bytes();
    let cores = cores(parallel);
    spawn_promise(
        env,
        move || {
            let OneShotCall {
                options,
                flush,
                max,
            } = &call;
            let result = process_as_callback(cores, options, *flush, input.as_slice(), *max);
            Ok(NativeResult::from(result))
        },
        Ok,
    )
}

/// `gzipMany(buffers, opts)` and relatives: every input on its own, all cores, each
/// copied first as in `zlibProcess`.
#[napi(
    js_name = "zlibProcessMany",
    catch_unwind,
    ts_return_type = "Promise<Array<Buffer | ZlibErrorInfo> | null>"
)]
pub fn zlib_process_many<'env>(
    env: &'env Env,
    settings: ByteView,
    extra: Option<ByteView>,
    inputs: Vec<ByteView>,
    max_output_length: f64,
    control: Option<&JsWorkControl>,
) -> Result<Object<'env>> {
    let call = OneShotCall::read(&settings, extra, max_output_length)?;
    let inputs: Vec<OwnedBytes> = inputs.iter().map(ByteView::to_owned_bytes).collect();
    let control = shared_control(control);
    spawn_promise(
        env,
        move || {
            let slices: Vec<&[u8]> = inputs.iter().map(OwnedBytes::as_slice).collect();
            Ok(process_many(&call.options, call.flush, &slices, call.max, &control).ok())
        },
        // null: the call was cancelled.
        |results| {
            Ok(results.map(|results| {
                results
                    .into_iter()
                    .map(NativeResult::from)
                    .collect::<Vec<_>>()
            }))
        },
    )
}

/// For `HOTPATH_TRACE=zlib`: the engine a whole-buffer call with these settings and
/// this input takes, and why (`zlib::route`), as one line.
#[napi(js_name = "zlibRoute", catch_unwind)]
pub fn zlib_route(
    settings: ByteView,
    extra: Option<ByteView>,
    input: ByteView,
    parallel: bool,
) -> Result<String> {
    let call = OneShotCall::read(&settings, extra, f64::INFINITY)?;
    Ok(route(&call.options, call.flush, input.as_slice(), cores(parallel)).describe())
}
