//! napi plumbing shared by every module's `napi.rs`.

pub mod bytes;
mod panic_probe;
pub mod text;

pub use bytes::ByteView;
pub use text::{Utf16Text, Utf8Text};
