//! The one way hotpath runs work off the JS thread: on its one pool (never libuv's,
//! so heavy work cannot starve fs and dns; see `crate::pool`), through the one panic
//! guard, with the result converted on the JS thread when the returned promise
//! settles.
//!
//! Work that outlives the JS call never reads a non-shared ArrayBuffer in place (see
//! `js_memory`): what it reads is copied before the call returns, and what it
//! writes back goes through a `JsAnchor` on the JS thread, read afresh there.

use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{Env, Result};

use super::anchor::JsAnchor;
use super::panic_guard::guard;
use crate::pool;

/// A job for the pool.
pub type PoolJob = Box<dyn FnOnce() + Send>;

/// Runs `work` on the pool; `settle` turns its value into the promise's JS value on
/// the JS thread. An `Err` from either, or a panic in `work`, rejects the promise.
pub fn spawn_promise<T, V, W, S>(env: &Env, work: W, settle: S) -> Result<Object<'_>>
where
    T: Send + 'static,
    V: ToNapiValue + 'static,
    W: FnOnce() -> Result<T> + Send + 'static,
    S: FnOnce(T) -> Result<V> + Send + 'static,
{
    spawn_promise_scheduled(env, rayon::spawn, Vec::new(), work, move |_, _, value| {
        settle(value)
    })
}

/// As `spawn_promise`, with `schedule` deciding when the job goes to the pool (it
/// must hand the job to `rayon::spawn` exactly once, now or later), and `anchors`
/// held until the promise settles: `settle` gets them (and the env) to read the
/// values afresh, and they are released after it, or after the work failed.
pub fn spawn_promise_scheduled<T, V, W, S>(
    env: &Env,
    schedule: impl FnOnce(PoolJob),
    anchors: Vec<JsAnchor>,
    work: W,
    settle: S,
) -> Result<Object<'_>>
where
    T: Send + 'static,
    V: ToNapiValue + 'static,
    W: FnOnce() -> Result<T> + Send + 'static,
    S: FnOnce(&Env, &[JsAnchor], T) -> Result<V> + Send + 'static,
{
    pool::ensure_started();
    let (deferred, promise) = env.create_deferred()?;
    schedule(Box::new(move || {
        let outcome = guard(work);
        deferred.resolve(move |env| {
            let settled = outcome.and_then(|value| settle(&env, &anchors, value));
            for anchor in anchors {
                anchor.release(&env);
            }
            settled
        });
    }));
    Ok(promise)
}
