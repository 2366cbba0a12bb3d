//! Panics in work that runs off the JS thread are not caught by
//! `#[napi(catch_unwind)]`; unwinding out of a pool thread would abort the process.
//! The async runner runs every task body through `guard`, which turns a panic into an
//! ordinary error that rejects the promise.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::{Error, Result, Status};

pub fn guard<T>(work: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Error::new(
            Status::GenericFailure,
            format!("hotpath panicked: {message}"),
        ))
    })
}
