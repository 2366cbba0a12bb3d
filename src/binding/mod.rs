//! napi plumbing shared by every module's `napi.rs`.

pub mod bytes;
pub mod io_error;
pub mod panic_guard;
mod panic_probe;
pub mod text;

pub use bytes::{ByteView, HeldBytes};
pub use panic_guard::guard;
pub use text::{Utf16Text, Utf8Text};
