//! A JS string as UTF-8 bytes, converted in one pass.
//!
//! napi-rs's `String` asks V8 for the UTF-8 length first (a full pass over the
//! string), then converts. Like Node's own `Utf8Value`, this asks for the UTF-16
//! length (constant time), reserves the 3-bytes-per-unit worst case and converts
//! once; lone surrogates become U+FFFD as in `Buffer.from(string)`.

use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue};
use napi::{check_status, sys, Result, ValueType};

pub struct Utf8Text {
    bytes: Vec<u8>,
}

impl Utf8Text {
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl FromNapiValue for Utf8Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut units = 0;
        // SAFETY: a null buffer asks only for the length in UTF-16 code units.
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &mut units)
        })?;
        // Each UTF-16 unit yields at most 3 UTF-8 bytes; +1 for napi's terminating NUL.
        let capacity = units.saturating_mul(3).saturating_add(1);
        let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
        let mut written = 0;
        // SAFETY: `bytes` has `capacity` writable bytes; napi writes at most
        // `capacity - 1` bytes plus a NUL and reports how many it wrote before the NUL.
        check_status!(unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                bytes.as_mut_ptr().cast(),
                capacity,
                &mut written,
            )
        })?;
        // SAFETY: napi initialised the first `written` bytes (written < capacity).
        unsafe { bytes.set_len(written.min(capacity - 1)) };
        Ok(Utf8Text { bytes })
    }
}

impl TypeName for Utf8Text {
    fn type_name() -> &'static str {
        "string"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for Utf8Text {}

/// A JS string as its UTF-16 code units (lone surrogates kept), copied in one pass.
pub struct Utf16Text {
    units: Vec<u16>,
}

impl Utf16Text {
    pub fn as_units(&self) -> &[u16] {
        &self.units
    }
}

impl FromNapiValue for Utf16Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut len = 0;
        // SAFETY: a null buffer asks only for the length in UTF-16 code units.
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &mut len)
        })?;
        let capacity = len.saturating_add(1); // napi writes a terminating NUL
        let mut units: Vec<u16> = Vec::with_capacity(capacity);
        let mut written = 0;
        // SAFETY: `units` has `capacity` writable u16s; napi writes at most
        // `capacity - 1` units plus a NUL and reports the count before the NUL.
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, units.as_mut_ptr(), capacity, &mut written)
        })?;
        // SAFETY: napi initialised the first `written` units (written < capacity).
        unsafe { units.set_len(written.min(capacity - 1)) };
        Ok(Utf16Text { units })
    }
}

impl TypeName for Utf16Text {
    fn type_name() -> &'static str {
        "string"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for Utf16Text {}
