//! napi plumbing shared by every module's napi files: views of JS memory, JS strings
//! both ways, a StringDecoder's state, I/O errors, and the one async runner with its
//! panic guard. No module's napi code imports another module's.

pub mod async_runner;
pub mod bytes;
pub mod decoder_state;
pub mod io_error;
pub mod js_string;
pub mod panic_guard;
mod panic_probe;
pub mod text;

pub use async_runner::spawn_promise;
pub use bytes::{ByteView, HeldBytes};
pub use js_string::to_js_string;
pub use text::{Utf16Text, Utf8Text};
