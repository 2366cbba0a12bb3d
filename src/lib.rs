//! hotpath: native hot paths of Node's built-in modules.
//!
//! Each module folder holds a pure-Rust engine (no napi types, tested with
//! `cargo test --no-default-features`) and one `napi.rs` binding behind the
//! default `napi` feature (left out of `cargo test` builds, which run without Node).
//! `binding` is the napi plumbing the modules share.

pub mod crypto;
pub mod readline;
pub mod string_decoder;
pub mod zlib;

#[cfg(all(feature = "napi", not(test)))]
mod binding;
