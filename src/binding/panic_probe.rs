//! An export whose only job is to panic, so the test suite can prove that a Rust
//! panic inside an exported function reaches JS as a thrown Error instead of
//! aborting the process. Every export is built with `catch_unwind` for that reason.

use napi_derive::napi;

#[napi(js_name = "__panicProbe", catch_unwind)]
pub fn panic_probe(message: String) {
    panic!("{message}");
}
