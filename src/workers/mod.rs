//! Engines behind `hotpath/workers`: kernels over the elements of any numeric
//! TypedArray, in place, on hotpath's one pool, each cancellable and reporting its
//! progress (`control`). Memory that two kernels share is claimed first (`claims`), so
//! kernels on overlapping memory run one after another.

pub mod argsort;
pub mod claims;
pub mod control;
pub mod element;
pub mod histogram;
pub mod lanes;
pub mod quicksort;
pub mod sort;
pub mod stats;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
