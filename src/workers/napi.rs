//! napi binding of the workers kernels. Arguments arrive validated by the JS face;
//! this file finds the elements, claims their memory, runs the kernel on the pool
//! (or, for the sync forms, from the calling thread) and converts the result.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;

use napi::bindgen_prelude::{Either, Float64Array, Object, ToNapiValue, Uint32Array};
use napi::{sys, Env, Error, Result, Status};
use napi_derive::napi;

use super::argsort::{argsort, Indices};
use super::claims::{Claim, Claims};
use super::control::{Aborted, Control, ProgressSlots};
use super::element::{ElementType, Half};
use super::histogram::{finite_range, histogram, Edges};
use super::sort::sort;
use super::stats::{summarize, Extreme, Summary, Total, Wanted};
use crate::binding::{pool, spawn_promise_scheduled, PoolJob, TypedArrayView};

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

/// Where a TypedArray's elements are, carried to a pool thread.
#[derive(Clone, Copy)]
struct Elements {
    element_type: ElementType,
    address: usize,
    length: usize,
}

fn element_type(id: sys::napi_typedarray_type) -> Option<ElementType> {
    use sys::TypedarrayType as T;
    Some(match id {
        T::int8_array => ElementType::Int8,
        T::uint8_array => ElementType::Uint8,
        T::uint8_clamped_array => ElementType::Uint8Clamped,
        T::int16_array => ElementType::Int16,
        T::uint16_array => ElementType::Uint16,
        T::int32_array => ElementType::Int32,
        T::uint32_array => ElementType::Uint32,
        T::float32_array => ElementType::Float32,
        T::float64_array => ElementType::Float64,
        T::bigint64_array => ElementType::BigInt64,
        T::biguint64_array => ElementType::BigUint64,
        11 => ElementType::Float16,
        _ => return None,
    })
}

impl Elements {
    fn of(view: &TypedArrayView) -> Result<Elements> {
        let element_type = element_type(view.element_type).ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                format!("unsupported TypedArray element type {}", view.element_type),
            )
        })?;
        if view.detached {
            return Err(Error::new(
                Status::InvalidArg,
                "the TypedArray's buffer is detached",
            ));
        }
        let address = view.address();
        if !address.is_multiple_of(element_type.width()) {
            return Err(Error::new(
                Status::InvalidArg,
                "the TypedArray's elements are not aligned",
            ));
        }
        Ok(Elements {
            element_type,
            address,
            length: view.length,
        })
    }

    fn claim(&self, writes: bool) -> Claim {
        Claim {
            start: self.address,
            end: self.address + self.length * self.element_type.width(),
            writes,
        }
    }

    /// # Safety
    /// The array must stay alive and attached, and its memory claimed, while the
    /// slice is used; `W` must be the width of its elements.
    #[allow(clippy::mut_from_ref)]
    unsafe fn words<W>(&self) -> &mut [W] {
        // SAFETY: the caller's contract; address is aligned for W (checked in `of`).
        unsafe { std::slice::from_raw_parts_mut(self.address as *mut W, self.length) }
    }
}

/// The progress slots' address (the `done` slot; `total` follows), carried to a pool
/// thread. The face keeps their SharedArrayBuffer alive while the kernel runs.
#[derive(Clone, Copy)]
struct Progress(usize);

impl Progress {
    fn of(view: Option<&TypedArrayView>, index: u32) -> Result<Option<Progress>> {
        let Some(view) = view else { return Ok(None) };
        if view.element_type != sys::TypedarrayType::int32_array
            || index as usize + 1 >= view.length
        {
            return Err(Error::new(
                Status::InvalidArg,
                "progress needs two Int32 slots",
            ));
        }
        Ok(Some(Progress(view.address() + 4 * index as usize)))
    }

    fn slots(&self) -> ProgressSlots<'_> {
        // SAFETY: two aligned i32 slots of a live Int32Array (checked in `of`); JS reads
        // and writes them only through Atomics, as AtomicI32 does here.
        unsafe {
            ProgressSlots {
                done: AtomicI32::from_ptr(self.0 as *mut i32),
                total: AtomicI32::from_ptr((self.0 + 4) as *mut i32),
            }
        }
    }
}

/// One kernel call, ready to run on any thread.
struct Call {
    options: KernelOptions,
    elements: Elements,
    progress: Option<Progress>,
    cancelled: Arc<AtomicBool>,
}

// SAFETY: `Elements` and `Progress` are addresses of JS memory that the face keeps
// alive until the call settles; the claim keeps other kernels off it meanwhile.
unsafe impl Send for Call {}

/// A kernel's result, converted to JS on the JS thread.
enum Outcome {
    Sorted,
    Indices(Indices),
    Summary(Summary),
    Counts(Vec<u64>),
    Aborted,
}

macro_rules! by_width {
    ($elements:expr, $words:ident => $body:expr) => {
        // SAFETY: (every arm) the width matches the element type; `Call::run` holds
        // the claim and the face keeps the array alive.
        match $elements.element_type.width() {
            1 => {
                let $words = unsafe { $elements.words::<u8>() };
                $body
            }
            2 => {
                let $words = unsafe { $elements.words::<u16>() };
                $body
            }
            4 => {
                let $words = unsafe { $elements.words::<u32>() };
                $body
            }
            _ => {
                let $words = unsafe { $elements.words::<u64>() };
                $body
            }
        }
    };
}

macro_rules! by_number {
    ($elements:expr, $values:ident => $body:expr) => {{
        let elements = $elements;
        // SAFETY: (every arm) the Rust type is the element type's; see `by_width`.
        match elements.element_type {
            ElementType::Int8 => {
                let $values: &[i8] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint8 | ElementType::Uint8Clamped => {
                let $values: &[u8] = unsafe { elements.words() };
                $body
            }
            ElementType::Int16 => {
                let $values: &[i16] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint16 => {
                let $values: &[u16] = unsafe { elements.words() };
                $body
            }
            ElementType::Int32 => {
                let $values: &[i32] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint32 => {
                let $values: &[u32] = unsafe { elements.words() };
                $body
            }
            ElementType::Float16 => {
                let $values: &[Half] = unsafe { elements.words() };
                $body
            }
            ElementType::Float32 => {
                let $values: &[f32] = unsafe { elements.words() };
                $body
            }
            ElementType::Float64 => {
                let $values: &[f64] = unsafe { elements.words() };
                $body
            }
            ElementType::BigInt64 => {
                let $values: &[i64] = unsafe { elements.words() };
                $body
            }
            ElementType::BigUint64 => {
                let $values: &[u64] = unsafe { elements.words() };
                $body
            }
        }
    }};
}

impl Call {
    fn writes(&self) -> bool {
        matches!(self.options.kernel, KernelKind::Sort)
    }

    /// Runs the kernel; the caller holds the claim on the memory.
    fn run(&self) -> Outcome {
        let slots = self.progress.as_ref().map(Progress::slots);
        let control = Control::new(&self.cancelled, slots, self.elements.length as u64);
        let kind = self.elements.element_type.kind();
        let result = match self.options.kernel {
            KernelKind::Sort => by_width!(self.elements, words => sort(words, kind, self.options.descending, &control))
                .map(|()| Outcome::Sorted),
            KernelKind::Argsort => {
                by_width!(self.elements, words => argsort(words, kind, &control)).map(Outcome::Indices)
            }
            KernelKind::Stats => {
                let wanted = Wanted {
                    extremes: self.options.extremes,
                    variance: self.options.variance,
                };
                by_number!(self.elements, values => summarize(values, wanted, &control)).map(Outcome::Summary)
            }
            KernelKind::Histogram => self.histogram(&control).map(Outcome::Counts),
        };
        result.unwrap_or(Outcome::Aborted)
    }

    fn histogram(&self, control: &Control) -> std::result::Result<Vec<u64>, Aborted> {
        let bins = self.options.bins.max(1) as usize;
        by_number!(self.elements, values => {
            let (low, high) = match (self.options.low, self.options.high) {
                (Some(low), Some(high)) => (low, high),
                (low, high) => {
                    let (found_low, found_high) = finite_range(values, control)?.unwrap_or((0.0, 1.0));
                    (low.unwrap_or(found_low), high.unwrap_or(found_high))
                }
            };
            histogram(values, &Edges::new(low, high, bins), control)
        })
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

fn prepare(
    array: &TypedArrayView,
    options: KernelOptions,
    progress: Option<&TypedArrayView>,
    progress_index: u32,
    cancelled: Arc<AtomicBool>,
) -> Result<Call> {
    Ok(Call {
        options,
        elements: Elements::of(array)?,
        progress: Progress::of(progress, progress_index)?,
        cancelled,
    })
}

/// The sync form: runs on the pool while the calling JS thread waits (after any
/// kernel already working on the same memory).
#[napi(
    js_name = "workersRunSync",
    catch_unwind,
    ts_args_type = "array: ArrayBufferView, options: KernelOptions, progress: Int32Array | undefined, progressIndex: number",
    ts_return_type = "undefined | null | Uint32Array | Float64Array | KernelSummary"
)]
pub fn workers_run_sync(
    array: TypedArrayView,
    options: KernelOptions,
    progress: Option<TypedArrayView>,
    progress_index: u32,
) -> Result<KernelValue> {
    let call = prepare(
        &array,
        options,
        progress.as_ref(),
        progress_index,
        Arc::new(AtomicBool::new(false)),
    )?;
    let bigints = call.elements.element_type.holds_bigints();
    pool::ensure_started();
    let claim = call.elements.claim(call.writes());
    CLAIMS.claim_blocking(claim);
    let _release = Release(claim);
    Ok(KernelValue::of(call.run(), bigints))
}

/// The async form: a promise settled on the JS thread once the kernel has run on the
/// pool (queued behind any kernel working on the same memory).
#[napi(
    js_name = "workersRun",
    catch_unwind,
    ts_args_type = "array: ArrayBufferView, options: KernelOptions, control: KernelControl, progress: Int32Array | undefined, progressIndex: number",
    ts_return_type = "Promise<undefined | null | Uint32Array | Float64Array | KernelSummary>"
)]
pub fn workers_run<'env>(
    env: &'env Env,
    array: TypedArrayView,
    options: KernelOptions,
    control: &KernelControl,
    progress: Option<TypedArrayView>,
    progress_index: u32,
) -> Result<Object<'env>> {
    let call = prepare(
        &array,
        options,
        progress.as_ref(),
        progress_index,
        Arc::clone(&control.cancelled),
    )?;
    let bigints = call.elements.element_type.holds_bigints();
    let claim = call.elements.claim(call.writes());
    spawn_promise_scheduled(
        env,
        |job: PoolJob| CLAIMS.run_when_free(claim, job, rayon::spawn),
        move || {
            let _release = Release(claim);
            Ok(call.run())
        },
        move |outcome| Ok(KernelValue::of(outcome, bigints)),
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

/// stats(): sums, least and greatest elements as Numbers, or as BigInts for
/// BigInt64Array and BigUint64Array (none there for an empty array).
#[napi(object, object_from_js = false)]
pub struct KernelSummary {
    pub count: f64,
    pub sum: Either<f64, i128>,
    pub min: Option<Either<f64, i128>>,
    pub max: Option<Either<f64, i128>>,
    pub mean: f64,
    pub variance: f64,
}

/// What a kernel call resolves to: undefined (sort), indices or counts, a summary, or
/// null when it was cancelled.
pub enum KernelValue {
    Undefined,
    Null,
    Uint32(Vec<u32>),
    Float64(Vec<f64>),
    Summary(KernelSummary),
}

impl KernelValue {
    fn of(outcome: Outcome, bigints: bool) -> KernelValue {
        match outcome {
            Outcome::Sorted => KernelValue::Undefined,
            Outcome::Aborted => KernelValue::Null,
            Outcome::Indices(Indices::U32(indices)) => KernelValue::Uint32(indices),
            Outcome::Indices(Indices::U64(indices)) => {
                KernelValue::Float64(indices.into_iter().map(|i| i as f64).collect())
            }
            Outcome::Counts(counts) => match counts.iter().all(|&c| c <= u64::from(u32::MAX)) {
                true => KernelValue::Uint32(counts.into_iter().map(|c| c as u32).collect()),
                false => KernelValue::Float64(counts.into_iter().map(|c| c as f64).collect()),
            },
            Outcome::Summary(summary) => KernelValue::Summary(summary_value(summary, bigints)),
        }
    }
}

fn summary_value(summary: Summary, bigints: bool) -> KernelSummary {
    let number = |value: i128| {
        if bigints {
            Either::B(value)
        } else {
            Either::A(value as f64)
        }
    };
    let extreme = |extreme: Extreme, empty: f64| match extreme {
        Extreme::Exact(value) => Some(number(value)),
        Extreme::Float(value) => Some(Either::A(value)),
        // Math.min() and Math.max() of nothing; BigInts have no infinity.
        Extreme::Empty if bigints => None,
        Extreme::Empty => Some(Either::A(empty)),
    };
    KernelSummary {
        count: summary.count as f64,
        sum: match summary.sum {
            Total::Exact(value) => number(value),
            Total::Float(value) => Either::A(value),
        },
        min: extreme(summary.min, f64::INFINITY),
        max: extreme(summary.max, f64::NEG_INFINITY),
        mean: summary.mean,
        variance: summary.variance,
    }
}

impl ToNapiValue for KernelValue {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        // SAFETY: (every arm) env is the JS thread's, as napi passes it.
        unsafe {
            match value {
                KernelValue::Undefined => <()>::to_napi_value(env, ()),
                KernelValue::Null => {
                    napi::bindgen_prelude::Null::to_napi_value(env, napi::bindgen_prelude::Null)
                }
                KernelValue::Uint32(values) => {
                    Uint32Array::to_napi_value(env, Uint32Array::new(values))
                }
                KernelValue::Float64(values) => {
                    Float64Array::to_napi_value(env, Float64Array::new(values))
                }
                KernelValue::Summary(summary) => KernelSummary::to_napi_value(env, summary),
            }
        }
    }
}
