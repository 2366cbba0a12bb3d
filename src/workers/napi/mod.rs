//! napi binding of the workers kernels. Arguments arrive validated by the JS face
//! (and are checked again here where memory safety depends on them); this folder finds
//! the elements (`elements`: in place, or a copy), claims memory in place, runs the
//! kernel (`call`) on the pool or, for the sync forms, from the calling thread, and
//! converts the result (`value`).

mod call;
mod elements;
mod value;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use napi::bindgen_prelude::Object;
use napi::{Env, Result};
use napi_derive::napi;

use self::call::Call;
use self::elements::{Elements, Progress};
use self::value::KernelValue;
use super::claims::{Claim, Claims};
use crate::binding::in_place_hook::register_in_place;
use crate::binding::{spawn_promise_scheduled, JsAnchor, PoolJob, TypedArrayView};
use crate::pool;

static CLAIMS: Claims = Claims::new();

/// Which kernel a call runs.
#[napi]
pub enum KernelKind {
    Sort,
    Argsort,
    Stats,
    Histogram,
}

/// A kernel and its options, as the face has checked them.
#[napi(object, object_to_js = false)]
pub struct KernelOptions {
    pub kernel: KernelKind,
    pub descending: bool,
    /// Stats: whether the least and greatest elements are wanted.
    pub extremes: bool,
    /// Stats: whether the variance is wanted (its pass is the only extra cost).
    pub variance: bool,
    pub bins: u32,
    /// Histogram range; absent: the finite elements' range.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// The cancel flag of one async call: the face's AbortSignal listener calls `cancel`.
#[napi(js_name = "KernelControl")]
pub struct KernelControl {
    cancelled: Arc<AtomicBool>,
}

impl Default for KernelControl {
    fn default() -> Self {
        Self::new()
    }
}

#[napi]
impl KernelControl {
    #[napi(constructor)]
    pub fn new() -> Self {
        KernelControl {
            cancelled: Arc::new(AtomicBool::new(false)),
        }
    }

    #[napi(catch_unwind)]
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// A claim released when dropped, so a panicking kernel frees its memory too; the
/// kernels that waited for it start on the pool.
struct Release(Claim);

impl Drop for Release {
    fn drop(&mut self) {
        for job in CLAIMS.release(self.0) {
            rayon::spawn(job);
        }
    }
}

/// The sync form: runs on the pool while the calling JS thread waits (after any
/// kernel already working on the same memory).
#[napi(
    js_name = "workersRunSync",
    catch_unwind,
    ts_args_type = "array: ArrayBufferView, options: KernelOptions, progress: Int32Array | undefined, progressIndex: number",
    ts_return_type = "boolean | null | Uint32Array | Float64Array | KernelSummary"
)]
pub fn workers_run_sync(
    array: TypedArrayView,
    options: KernelOptions,
    progress: Option<TypedArrayView>,
    progress_index: u32,
) -> Result<KernelValue> {
    let call = Call {
        options,
        elements: Elements::in_place(&array)?,
        progress: Progress::of(progress.as_ref(), progress_index)?,
        cancelled: Arc::new(AtomicBool::new(false)),
    };
    let bigints = call.elements.element_type.holds_bigints();
    pool::ensure_started();
    let _release = call.elements.claim(call.writes()).map(|claim| {
        CLAIMS.claim_blocking(claim);
        Release(claim)
    });
    Ok(KernelValue::of(call.run(), bigints, true))
}

/// The async form: a promise settled on the JS thread once the kernel has run on the
/// pool. Over a SharedArrayBuffer it works in place, queued behind any kernel working
/// on the same memory; over an ArrayBuffer, on a copy made now, which a sort writes
/// back when it settles (resolving false if the array was detached or shrunk by then).
#[napi(
    js_name = "workersRun",
    catch_unwind,
    ts_args_type = "array: ArrayBufferView, options: KernelOptions, control: KernelControl, progress: Int32Array | undefined, progressIndex: number",
    ts_return_type = "Promise<boolean | null | Uint32Array | Float64Array | KernelSummary>"
)]
pub fn workers_run<'env>(
    env: &'env Env,
    array: TypedArrayView,
    options: KernelOptions,
    control: &KernelControl,
    progress: Option<TypedArrayView>,
    progress_index: u32,
) -> Result<Object<'env>> {
    let elements = if array.shared {
        Elements::in_place(&array)?
    } else {
        Elements::copied(&array)?
    };
    let call = Call {
        options,
        elements,
        progress: Progress::of(progress.as_ref(), progress_index)?,
        cancelled: Arc::clone(&control.cancelled),
    };
    let bigints = call.elements.element_type.holds_bigints();
    let claim = call.elements.claim(call.writes());
    // Memory in place (the array's or the progress slots') is held from collection by
    // the anchors, and from an env teardown by the ticket; a copy needs the array only
    // to be written back.
    let in_place = (claim.is_some() || call.progress.is_some())
        .then(|| register_in_place(env, Arc::clone(&call.cancelled)))
        .transpose()?;
    let mut anchors = vec![array.anchor()?];
    if let Some(progress) = &progress {
        anchors.push(progress.anchor()?);
    }
    spawn_promise_scheduled(
        env,
        |job: PoolJob| match claim {
            Some(claim) => CLAIMS.run_when_free(claim, job, rayon::spawn),
            None => rayon::spawn(job),
        },
        anchors,
        move || {
            let _release = claim.map(Release);
            if in_place.as_ref().is_some_and(|ticket| !ticket.start()) {
                return Ok(None);
            }
            let outcome = call.run();
            drop(in_place);
            Ok(Some((outcome, call.elements)))
        },
        move |env, anchors: &[JsAnchor], ran| {
            // None: the env is going away; nothing will read this.
            let Some((outcome, elements)) = ran else {
                return Ok(KernelValue::of(value::Outcome::Aborted, bigints, false));
            };
            let written = match outcome {
                value::Outcome::Sorted => elements.write_back(env, &anchors[0])?,
                _ => true,
            };
            Ok(KernelValue::of(outcome, bigints, written))
        },
    )
}

/// Whether a TypedArray's buffer has been detached (the face asks only when the
/// array has no bytes, which a detached one never has).
#[napi(
    js_name = "workersIsDetached",
    catch_unwind,
    ts_args_type = "array: ArrayBufferView"
)]
pub fn workers_is_detached(array: TypedArrayView) -> bool {
    array.detached
}
