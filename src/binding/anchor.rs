//! A JS value held by async work until its promise settles.
//!
//! A strong napi reference keeps the value (and so its buffer object) from being
//! collected; it does not stop a detach or a `resize()` of a non-shared ArrayBuffer.
//! It is therefore used only for memory JS cannot take back — a SharedArrayBuffer,
//! which can be neither detached nor shrunk — and to find a view again on the JS
//! thread when the work settles, where its current bytes are read afresh.

use napi::bindgen_prelude::FromNapiValue;
use napi::{check_status, sys, Env, Result};

pub struct JsAnchor {
    reference: sys::napi_ref,
}

// SAFETY: the reference is created, read and deleted only on the JS thread of its env
// (in the call that makes it and in the promise's settle); a pool thread only moves
// the handle along and never dereferences it.
unsafe impl Send for JsAnchor {}

impl JsAnchor {
    /// Holds `value` (an object) until `release`.
    ///
    /// # Safety
    /// `env` and `value` must come from napi for the current call on the JS thread.
    pub unsafe fn new(env: sys::napi_env, value: sys::napi_value) -> Result<JsAnchor> {
        let mut reference = std::ptr::null_mut();
        // SAFETY: the caller's contract.
        check_status!(unsafe { sys::napi_create_reference(env, value, 1, &mut reference) })?;
        Ok(JsAnchor { reference })
    }

    /// The held value, converted as a fresh argument would be (a view's pointer and
    /// length are read now, not when the anchor was made).
    pub fn read<T: FromNapiValue>(&self, env: &Env) -> Result<T> {
        let mut value = std::ptr::null_mut();
        // SAFETY: settle runs on the JS thread of the env that made the reference,
        // which is still held (it is deleted only by `release`, which consumes self).
        check_status!(unsafe {
            sys::napi_get_reference_value(env.raw(), self.reference, &mut value)
        })?;
        // SAFETY: `value` is a live JS value of this env.
        unsafe { T::from_napi_value(env.raw(), value) }
    }

    /// Lets the value go; on the JS thread, when the work is done with it.
    pub fn release(self, env: &Env) {
        // SAFETY: as in `read`; a failure can only leave the reference to env teardown.
        unsafe { sys::napi_delete_reference(env.raw(), self.reference) };
    }
}
