//! Engines behind `hotpath/string_decoder`'s extras: every WHATWG encoding via
//! encoding_rs (`legacy`, with O(1) encoding tables in `encode_table`). Node's own
//! StringDecoder engine is the text layer's (`crate::text`), which readline and crypto
//! share.

pub mod encode_table;
pub mod legacy;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
