//! `WorkControl` as JS holds it: the face creates one per long async call, calls
//! `cancel()` when the call's AbortSignal fires and reads `done()`/`total()` on a
//! timer for `onProgress`; the work on the pool holds the same `Arc`.

use std::sync::Arc;

use napi_derive::napi;

use crate::work_control::WorkControl;

#[napi(js_name = "WorkControl")]
pub struct JsWorkControl {
    inner: Arc<WorkControl>,
}

impl Default for JsWorkControl {
    fn default() -> Self {
        Self::new()
    }
}

#[napi]
impl JsWorkControl {
    #[napi(constructor)]
    pub fn new() -> Self {
        JsWorkControl {
            inner: Arc::new(WorkControl::new()),
        }
    }

    #[napi]
    pub fn cancel(&self) {
        self.inner.cancel();
    }

    /// Units done so far (inputs, files or bytes, as the call counts them).
    #[napi]
    pub fn done(&self) -> f64 {
        self.inner.done() as f64
    }

    #[napi]
    pub fn total(&self) -> f64 {
        self.inner.total() as f64
    }
}

/// The work's side of an optional control: one that no JS call can cancel stands in.
pub fn shared_control(control: Option<&JsWorkControl>) -> Arc<WorkControl> {
    control.map_or_else(|| Arc::new(WorkControl::new()), |c| Arc::clone(&c.inner))
}
