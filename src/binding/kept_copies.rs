//! What JS needs of the buffers kept for big copies (`js_memory::owned`): from which
//! size a copy is kept, and a way to free them when big async calls have stopped.

use napi_derive::napi;

use crate::js_memory::owned::{release_kept, KEPT_FROM_BYTES};

/// Async calls copying at least this many bytes leave a buffer kept for the next.
#[napi]
pub const KEPT_COPY_MIN_BYTES: u32 = KEPT_FROM_BYTES as u32;

/// Frees the kept buffers (the faces call it after a second without a big copy).
#[napi(js_name = "releaseKeptCopies", catch_unwind)]
pub fn release_kept_copies() {
    release_kept();
}
