//! Node's text layer, below every module: the encodings Node's StringDecoder knows
//! (`node_encoding`), its decoder state machine (`node_decoder`) and decoded bytes as
//! the contents of a JS string (`js_text`, `base64`). `string_decoder`, `readline` and
//! `crypto` all decode or render text with these; `binding` turns `JsText` into JS
//! strings. Nothing here imports a module or napi plumbing.

pub mod base64;
pub mod js_text;
pub mod node_decoder;
pub mod node_encoding;
