//! napi plumbing shared by every module's napi files: views of JS memory, the copies
//! and anchors async work uses instead of them, JS strings both ways, a StringDecoder's
//! state, I/O errors, TypedArrays by element type, and the one async runner (on the
//! one pool, whose size JS reads and sets here) with its panic guard, and the control
//! (cancel, progress) long async work shares with its call. No module's napi
//! code imports another module's.

pub mod anchor;
pub mod async_runner;
pub mod bytes;
pub mod decoder_state;
pub mod in_place_hook;
pub mod io_error;
pub mod js_string;
pub mod kept_copies;
pub mod panic_guard;
mod panic_probe;
pub mod pool;
pub mod text;
pub mod typed_array;
pub mod work_control;

pub use anchor::JsAnchor;
pub use async_runner::{spawn_promise, spawn_promise_scheduled, PoolJob};
pub use bytes::ByteView;
pub use js_string::to_js_string;
pub use text::{Utf16Text, Utf8Text};
pub use typed_array::TypedArrayView;
pub use work_control::{shared_control, JsWorkControl};
