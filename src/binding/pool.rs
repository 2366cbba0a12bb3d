//! The pool's size as JS sees it (`hotpath/workers`' `threads()` and `setThreads()`),
//! and the default the loader gives it (`os.availableParallelism()`).

use napi::{Error, Result, Status};
use napi_derive::napi;

use crate::pool;

/// The pool's size: the one it has, or the one it will start with.
#[napi(js_name = "poolThreads", catch_unwind)]
pub fn pool_threads() -> u32 {
    pool::threads() as u32
}

/// Whether the pool has started (its size is then fixed).
#[napi(js_name = "poolStarted", catch_unwind)]
pub fn pool_started() -> bool {
    pool::started()
}

/// Asks for `size` threads; an error once the pool has started with another size.
#[napi(js_name = "poolSetThreads", catch_unwind)]
pub fn pool_set_threads(size: u32) -> Result<()> {
    pool::set_threads(size as usize).map_err(|started| {
        Error::new(
            Status::GenericFailure,
            format!("the pool has already started with {} threads", started.0),
        )
    })
}

/// The size to start with when `setThreads` is not called.
#[napi(js_name = "poolSetDefaultThreads", catch_unwind)]
pub fn pool_set_default_threads(size: u32) {
    pool::set_default_threads(size as usize);
}
