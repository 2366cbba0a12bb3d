//! hotpath: native hot paths of Node's built-in modules.
//!
//! Each module folder holds a pure-Rust engine (no napi types, tested with
//! `cargo test --no-default-features`) and its napi binding (`napi.rs`, or a `napi/`
//! folder split by job) behind the default `napi` feature (left out of `cargo test`
//! builds, which run without Node). `binding` is the napi plumbing the modules share;
//! `js_memory` the rules it follows for JS memory that async work reads;
//! `work_control` the cancel flag and progress counters long async work shares with JS.
//! Ids that cross to JS are engine enums exported with `#[napi]` (under the feature),
//! so each number is written once, in Rust, and the faces read it from the addon.

#![deny(clippy::all)]

pub mod buffer;
pub mod crypto;
pub mod js_memory;
pub mod pool;
pub mod readline;
pub mod string_decoder;
pub mod text;
pub mod work_control;
pub mod workers;
pub mod zlib;

#[cfg(all(feature = "napi", not(test)))]
mod binding;

#[cfg(test)]
mod test_random;
