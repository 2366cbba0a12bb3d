//! Rust text → JS string, in the string's own width (Latin-1 or UTF-16), with V8's
//! length limit turned into the marker the faces map to Node's ERR_STRING_TOO_LONG.

use napi::{Env, Error, JsString, Result, Status};

use crate::text::js_text::JsText;

/// V8's longest string on 64-bit platforms (`v8::String::kMaxLength`).
const MAX_STRING_LENGTH: usize = 0x1fff_ffe8;

/// The message the JS faces turn into Node's ERR_STRING_TOO_LONG.
const STRING_TOO_LONG: &str = "ERR_STRING_TOO_LONG";

pub fn string_too_long() -> Error {
    Error::new(Status::GenericFailure, STRING_TOO_LONG)
}

/// Creates the JS string for `text` in its own width: Latin-1 or UTF-16.
pub fn to_js_string<'env>(env: &'env Env, text: JsText<'_>) -> Result<JsString<'env>> {
    match text {
        JsText::Latin1(bytes) if bytes.len() > MAX_STRING_LENGTH => Err(string_too_long()),
        JsText::Latin1(bytes) => env.create_string_latin1(&bytes),
        JsText::Utf16(units) => units_to_js_string(env, &units),
    }
}

/// Creates the JS string of borrowed UTF-16 units.
pub fn units_to_js_string<'env>(env: &'env Env, units: &[u16]) -> Result<JsString<'env>> {
    if units.len() > MAX_STRING_LENGTH {
        return Err(string_too_long());
    }
    env.create_string_utf16(units)
}
