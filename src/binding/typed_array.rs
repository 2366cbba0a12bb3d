//! A TypedArray argument as the workers kernels take it: its element type (napi's
//! id), where its elements are, how many, whether its buffer is shared and whether it
//! was detached. Like `ByteView`, valid for the call that received it; async work
//! anchors it (`anchor`) and reads it afresh when it settles.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue};
use napi::{check_status, sys, Error, Result, Status, ValueType};

use super::anchor::JsAnchor;

pub struct TypedArrayView<'a> {
    /// napi's `napi_typedarray_type` (Float16Array is 11 on Node 24+).
    pub element_type: sys::napi_typedarray_type,
    data: *mut c_void,
    /// Elements, not bytes.
    pub length: usize,
    pub detached: bool,
    /// Over a SharedArrayBuffer, whose memory JS can neither detach nor shrink.
    pub shared: bool,
    env: sys::napi_env,
    value: sys::napi_value,
    call: PhantomData<&'a ()>,
}

impl TypedArrayView<'_> {
    /// Holds the array until the async work it is given to settles (see `JsAnchor`).
    pub fn anchor(&self) -> Result<JsAnchor> {
        // SAFETY: env and value came from napi for this call, which is still running.
        unsafe { JsAnchor::new(self.env, self.value) }
    }

    /// The address of the first element (dangling but non-null when there is none).
    pub fn address(&self) -> usize {
        if self.data.is_null() {
            ptr::NonNull::<u64>::dangling().as_ptr() as usize
        } else {
            self.data as usize
        }
    }
}

impl FromNapiValue for TypedArrayView<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut is_typed_array = false;
        // SAFETY: env and value come from napi for this call.
        check_status!(unsafe { sys::napi_is_typedarray(env, value, &mut is_typed_array) })?;
        if !is_typed_array {
            return Err(Error::new(
                Status::InvalidArg,
                "expected a TypedArray".to_owned(),
            ));
        }
        let (mut element_type, mut length, mut data) = (0, 0, ptr::null_mut());
        let (mut array_buffer, mut byte_offset) = (ptr::null_mut(), 0);
        // SAFETY: value is a TypedArray (checked above); every out-pointer is valid.
        check_status!(unsafe {
            sys::napi_get_typedarray_info(
                env,
                value,
                &mut element_type,
                &mut length,
                &mut data,
                &mut array_buffer,
                &mut byte_offset,
            )
        })?;
        let mut detached = false;
        // A SharedArrayBuffer is not an ArrayBuffer to napi and can never be detached.
        let mut is_array_buffer = false;
        // SAFETY: array_buffer is the view's buffer, from napi above.
        check_status!(unsafe {
            sys::napi_is_arraybuffer(env, array_buffer, &mut is_array_buffer)
        })?;
        if is_array_buffer {
            // SAFETY: as above.
            check_status!(unsafe {
                sys::napi_is_detached_arraybuffer(env, array_buffer, &mut detached)
            })?;
        }
        Ok(TypedArrayView {
            element_type,
            data,
            length,
            detached,
            shared: !is_array_buffer,
            env,
            value,
            call: PhantomData,
        })
    }
}

impl TypeName for TypedArrayView<'_> {
    fn type_name() -> &'static str {
        "TypedArray"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for TypedArrayView<'_> {}
