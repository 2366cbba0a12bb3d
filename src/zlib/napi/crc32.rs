//! `zlib.crc32()` over bytes and strings.

use napi_derive::napi;

use crate::binding::{ByteView, Utf8Text};
use crate::zlib::crc32::crc32;

/// `zlib.crc32(view, value)` for any TypedArray or DataView; arguments are
/// validated by the JS face.
#[napi(
    js_name = "crc32Bytes",
    catch_unwind,
    ts_args_type = "data: ArrayBufferView, value: number"
)]
pub fn crc32_bytes(data: ByteView, value: u32) -> u32 {
    crc32(value, data.as_slice())
}

/// `zlib.crc32(string, value)`: the string is hashed as its UTF-8 bytes, as Node does.
#[napi(
    js_name = "crc32String",
    catch_unwind,
    ts_args_type = "data: string, value: number"
)]
pub fn crc32_string(data: Utf8Text, value: u32) -> u32 {
    crc32(value, data.as_bytes())
}
