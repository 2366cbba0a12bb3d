//! Engines behind `hotpath/string_decoder`: Node's StringDecoder state machine, the
//! conversion of decoded bytes into JS string contents, and every WHATWG encoding
//! (via encoding_rs) for the extras. `hotpath/readline` decodes lines with these too.

pub mod base64;
pub mod encode_table;
pub mod legacy;
pub mod node_decoder;
pub mod node_encoding;
pub mod text;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
