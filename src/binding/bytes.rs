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

use super::anchor::JsAnchor;
use crate::js_memory::owned::OwnedBytes;

/// The bytes behind a TypedArray or DataView argument, valid for the duration of the
/// synchronous call that received it (the JS value is held by the call's handle scope,
/// and JS cannot run to detach or shrink its buffer until the call returns).
///
/// Nothing here may outlive the call: work that does copies the bytes
/// (`js_memory::owned`), or anchors the view (`anchor`) and reads it afresh on the JS thread.
///
/// JS memory is shared: two arguments may view the same bytes. So the view keeps a
/// raw pointer, hands out short-lived slices, and writes only through `overwrite`.
pub struct ByteView<'a> {
    data: *mut u8,
    len: usize,
    env: sys::napi_env,
    value: sys::napi_value,
    call: PhantomData<&'a [u8]>,
}

impl ByteView<'_> {
    fn new(env: sys::napi_env, value: sys::napi_value, data: *mut c_void, len: usize) -> Self {
        let data = if data.is_null() || len == 0 {
            ptr::NonNull::dangling().as_ptr()
        } else {
            data.cast()
        };
        ByteView {
            data,
            len,
            env,
            value,
            call: PhantomData,
        }
    }

    /// Holds the view's JS object until the async work it is given to settles, where
    /// `JsAnchor::read` finds its bytes as they are then.
    pub fn anchor(&self) -> Result<JsAnchor> {
        // SAFETY: env and value came from napi for this call, which is still running.
        unsafe { JsAnchor::new(self.env, self.value) }
    }

    /// A copy of the bytes for work that outlives this call.
    pub fn to_owned_bytes(&self) -> OwnedBytes {
        OwnedBytes::copy_of(self.as_slice())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: napi reported `len` readable bytes at `data` (or len is 0 and the
        // pointer is dangling but aligned), and they stay there for this call: the JS
        // value is held by its handle scope, and no JS runs to detach or shrink the
        // buffer before the call returns (a pool thread that reads the slice is joined
        // before then). A SharedArrayBuffer can be neither detached nor shrunk.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }

    /// Copies `bytes` into the view from `offset` on (as much as fits); callers must
    /// not hold a slice of any view across this call, since views may overlap.
    pub fn overwrite_at(&self, offset: usize, bytes: &[u8]) {
        let count = bytes.len().min(self.len.saturating_sub(offset));
        if count == 0 {
            return;
        }
        // SAFETY: `offset + count <= len` bytes of the view are valid now (see
        // `as_slice`); `ptr::copy` tolerates overlap with `bytes`.
        unsafe { ptr::copy(bytes.as_ptr(), self.data.add(offset), count) };
    }

    /// Copies `bytes` over the start of the view; callers must not hold a slice of
    /// any view across this call, since views may overlap.
    pub fn overwrite(&self, bytes: &[u8]) {
        let count = bytes.len().min(self.len);
        // SAFETY: `count` bytes fit in the view, which is valid now (see `as_slice`:
        // this runs on the JS thread, in the call or in a settle that read the view
        // afresh); `ptr::copy` tolerates overlap with `bytes`, which may come from
        // another view of the same memory.
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
            return Ok(ByteView::new(env, value, data, length * width));
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
        Ok(ByteView::new(env, value, data, byte_length))
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

/// A `ByteView` must never be `Send`: work handed to the pool must be `Send`, so the
/// only way JS bytes reach work that outlives the call is a copy (or, for a
/// SharedArrayBuffer, the workers' in-place path). This fails to compile if it were.
const _: fn() = || {
    trait AmbiguousIfSend<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSend<()> for T {}
    impl<T: ?Sized + Send> AmbiguousIfSend<u8> for T {}
    let _ = <ByteView<'static> as AmbiguousIfSend<_>>::some_item;
    let _ = <super::TypedArrayView<'static> as AmbiguousIfSend<_>>::some_item;
};
