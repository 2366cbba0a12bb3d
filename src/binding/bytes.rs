//! Borrowing the bytes of any `ArrayBufferView` without copying.
//!
//! napi-rs's own `&[u8]` accepts only `Uint8Array` (and so `Buffer`); Node's APIs
//! take every TypedArray and DataView, including views over a SharedArrayBuffer,
//! and read their underlying bytes.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue};
use napi::{check_status, sys, Error, Result, Status, ValueType};

/// The bytes behind a TypedArray or DataView argument, valid for the duration of the
/// synchronous call that received it (the JS value is held by the call's handle scope).
///
/// JS memory is shared: two arguments may view the same bytes. So the view keeps a
/// raw pointer, hands out short-lived slices, and writes only through `overwrite`.
pub struct ByteView<'a> {
    data: *mut u8,
    len: usize,
    call: PhantomData<&'a [u8]>,
}

impl ByteView<'_> {
    fn new(data: *mut c_void, len: usize) -> Self {
        let data = if data.is_null() || len == 0 {
            ptr::NonNull::dangling().as_ptr()
        } else {
            data.cast()
        };
        ByteView {
            data,
            len,
            call: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: napi reported `len` readable bytes at `data` (or len is 0 and the
        // pointer is dangling but aligned), kept alive by the JS value for this call.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }

    /// Copies `bytes` over the start of the view; callers must not hold a slice of
    /// any view across this call, since views may overlap.
    pub fn overwrite(&self, bytes: &[u8]) {
        let count = bytes.len().min(self.len);
        // SAFETY: `count` bytes fit in the view; `ptr::copy` tolerates overlap with
        // `bytes`, which may come from another view of the same memory.
        unsafe { ptr::copy(bytes.as_ptr(), self.data, count) };
    }
}

/// The bytes of a JS view carried to another thread. The JS caller promises to
/// keep the view's object alive (and its buffer attached) until the work is done,
/// as Node's zlib keeps `handle.buffer` while a write is in flight.
pub struct HeldBytes {
    data: *mut u8,
    len: usize,
}

// SAFETY: the bytes are owned by a JS object the caller keeps alive; only the one
// worker holding this value reads them while the work runs.
unsafe impl Send for HeldBytes {}

impl ByteView<'_> {
    /// # Safety
    /// The caller must keep the viewed JS object alive and its buffer attached
    /// until the returned value is dropped.
    pub unsafe fn hold(&self) -> HeldBytes {
        HeldBytes {
            data: self.data,
            len: self.len,
        }
    }
}

impl HeldBytes {
    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: `hold`'s contract keeps `len` bytes at `data` alive.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }

    /// Copies `bytes` over the start of the held view.
    pub fn overwrite(&self, bytes: &[u8]) {
        let count = bytes.len().min(self.len);
        // SAFETY: `count` bytes fit; `ptr::copy` tolerates overlap.
        unsafe { ptr::copy(bytes.as_ptr(), self.data, count) };
    }
}

/// napi's id for Float16Array (Node 24+), which napi-sys does not name yet.
const FLOAT16_ARRAY: sys::napi_typedarray_type = 11;

fn element_size(typed_array_type: sys::napi_typedarray_type) -> usize {
    use sys::TypedarrayType as T;
    match typed_array_type {
        T::int8_array | T::uint8_array | T::uint8_clamped_array => 1,
        T::int16_array | T::uint16_array | FLOAT16_ARRAY => 2,
        T::int32_array | T::uint32_array | T::float32_array => 4,
        // float64, bigint64, biguint64; an element type newer than this list is at
        // most 8 bytes wide only if it is one of these, so refuse anything else.
        T::float64_array | T::bigint64_array | T::biguint64_array => 8,
        _ => 0,
    }
}

impl FromNapiValue for ByteView<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut is_typed_array = false;
        // SAFETY: env and value come from napi for this call.
        check_status!(unsafe { sys::napi_is_typedarray(env, value, &mut is_typed_array) })?;
        let mut data = ptr::null_mut();
        let mut array_buffer = ptr::null_mut();
        let mut byte_offset = 0;
        if is_typed_array {
            let mut kind = 0;
            let mut length = 0;
            // SAFETY: value is a TypedArray (checked above); every out-pointer is valid.
            check_status!(unsafe {
                sys::napi_get_typedarray_info(
                    env,
                    value,
                    &mut kind,
                    &mut length,
                    &mut data,
                    &mut array_buffer,
                    &mut byte_offset,
                )
            })?;
            let width = element_size(kind);
            if width == 0 {
                return Err(Error::new(
                    Status::InvalidArg,
                    format!("unsupported TypedArray element type {kind}"),
                ));
            }
            return Ok(ByteView::new(data, length * width));
        }
        let mut is_data_view = false;
        // SAFETY: as above.
        check_status!(unsafe { sys::napi_is_dataview(env, value, &mut is_data_view) })?;
        if !is_data_view {
            return Err(Error::new(
                Status::InvalidArg,
                "expected a TypedArray or DataView".to_owned(),
            ));
        }
        let mut byte_length = 0;
        // SAFETY: value is a DataView (checked above); every out-pointer is valid.
        check_status!(unsafe {
            sys::napi_get_dataview_info(
                env,
                value,
                &mut byte_length,
                &mut data,
                &mut array_buffer,
                &mut byte_offset,
            )
        })?;
        Ok(ByteView::new(data, byte_length))
    }
}

impl TypeName for ByteView<'_> {
    fn type_name() -> &'static str {
        "ArrayBufferView"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for ByteView<'_> {}
