//! What a kernel call hands back to JS, converted on the JS thread.

use napi::bindgen_prelude::{Either, Float64Array, ToNapiValue, Uint32Array};
use napi::{sys, Result};
use napi_derive::napi;

use crate::workers::argsort::Indices;
use crate::workers::stats::{Extreme, Summary, Total};

/// A kernel's result, before it is converted to JS.
pub enum Outcome {
    Sorted,
    Indices(Indices),
    Summary(Summary),
    Counts(Vec<u64>),
    Aborted,
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

/// What a kernel call resolves to: whether a sort's result is in the array (false:
/// the array was detached or shrunk before a sorted copy could be written back),
/// indices or counts, a summary, or null when it was cancelled.
pub enum KernelValue {
    Sorted(bool),
    Null,
    Uint32(Vec<u32>),
    Float64(Vec<f64>),
    Summary(KernelSummary),
}

impl KernelValue {
    /// `written`: for a sort, whether its result reached the array.
    pub fn of(outcome: Outcome, bigints: bool, written: bool) -> KernelValue {
        match outcome {
            Outcome::Sorted => KernelValue::Sorted(written),
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
                KernelValue::Sorted(written) => bool::to_napi_value(env, written),
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
