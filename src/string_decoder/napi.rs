//! napi binding of the string_decoder engines.

use napi::bindgen_prelude::Buffer;
use napi::{Env, Error, JsString, Result, Status};
use napi_derive::napi;

use super::encode_table;
use super::legacy::{self, LegacyDecoder, TooLarge};
use crate::binding::decoder_state::{read_state, unknown_id};
use crate::binding::js_string::{string_too_long, units_to_js_string};
use crate::binding::{to_js_string, ByteView, Utf16Text};
use crate::text::js_text::{render_utf8, JsText};
use crate::text::node_decoder;

fn too_large(_: TooLarge) -> Error {
    string_too_long()
}

/// `StringDecoder#write(chunk)` for Node's encodings: updates `state` (the decoder's
/// 7-byte state buffer) and returns the text the chunk completes.
#[napi(
    js_name = "decoderWrite",
    catch_unwind,
    ts_args_type = "state: Uint8Array, chunk: ArrayBufferView",
    ts_return_type = "string"
)]
pub fn decoder_write<'env>(
    env: &'env Env,
    state: ByteView,
    chunk: ByteView,
) -> Result<JsString<'env>> {
    let mut next = read_state(&state)?;
    let text = node_decoder::write(&mut next, chunk.as_slice()).map_err(unknown_id)?;
    let string = to_js_string(env, text.into_text())?;
    state.overwrite(&next);
    Ok(string)
}

/// `StringDecoder#end()`'s flush of whatever is buffered in `state`.
#[napi(
    js_name = "decoderFlush",
    catch_unwind,
    ts_args_type = "state: Uint8Array",
    ts_return_type = "string"
)]
pub fn decoder_flush<'env>(env: &'env Env, state: ByteView) -> Result<JsString<'env>> {
    let mut next = read_state(&state)?;
    let text = node_decoder::flush_text(&mut next).map_err(unknown_id)?;
    let string = to_js_string(env, text)?;
    state.overwrite(&next);
    Ok(string)
}

/// One-shot UTF-8 decoding (`buffer.toString('utf8')`'s result), faster than V8's
/// decoder on non-ASCII text.
#[napi(
    js_name = "decodeUtf8",
    catch_unwind,
    ts_args_type = "bytes: ArrayBufferView",
    ts_return_type = "string"
)]
pub fn decode_utf8<'env>(env: &'env Env, bytes: ByteView) -> Result<JsString<'env>> {
    to_js_string(env, render_utf8(bytes.as_slice()))
}

/// The WHATWG name of the encoding `label` denotes, or null.
#[napi(js_name = "whatwgEncodingName", catch_unwind)]
pub fn whatwg_encoding_name(label: String) -> Option<String> {
    legacy::lookup(&label).map(|encoding| encoding.name().to_owned())
}

fn encoding_named(name: &str) -> Result<&'static encoding_rs::Encoding> {
    legacy::lookup(name)
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("unknown encoding {name}")))
}

/// A streaming decoder for any WHATWG encoding.
#[napi]
pub struct WhatwgDecoder {
    inner: LegacyDecoder,
}

#[napi]
impl WhatwgDecoder {
    #[napi(constructor, catch_unwind)]
    pub fn new(name: String) -> Result<Self> {
        Ok(WhatwgDecoder {
            inner: LegacyDecoder::new(encoding_named(&name)?),
        })
    }

    /// Decodes `chunk`, holding back an incomplete character for the next call.
    #[napi(
        catch_unwind,
        ts_args_type = "chunk: ArrayBufferView",
        ts_return_type = "string"
    )]
    pub fn write<'env>(&mut self, env: &'env Env, chunk: ByteView) -> Result<JsString<'env>> {
        let units = self
            .inner
            .decode(chunk.as_slice(), false)
            .map_err(too_large)?;
        to_js_string(env, JsText::Utf16(units))
    }

    /// Ends the stream (an unfinished character becomes U+FFFD) and leaves the decoder
    /// ready for a new one. The face writes any last chunk with `write` first.
    #[napi(catch_unwind, ts_return_type = "string")]
    pub fn end<'env>(&mut self, env: &'env Env) -> Result<JsString<'env>> {
        let units = self.inner.decode(&[], true).map_err(too_large)?;
        to_js_string(env, JsText::Utf16(units))
    }
}

/// One-shot decoding of `bytes` in the WHATWG encoding `name`.
#[napi(
    js_name = "whatwgDecode",
    catch_unwind,
    ts_args_type = "bytes: ArrayBufferView, name: string",
    ts_return_type = "string"
)]
pub fn whatwg_decode<'env>(
    env: &'env Env,
    bytes: ByteView,
    name: String,
) -> Result<JsString<'env>> {
    let encoding = encoding_named(&name)?;
    DECODE_SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let units =
            legacy::decode_into(encoding, bytes.as_slice(), &mut scratch).map_err(too_large)?;
        units_to_js_string(env, units)
    })
}

thread_local! {
    // Kept between calls: decoding 16 MiB of GBK text into fresh memory took 1.7× as
    // long, in page faults, as into this (the `decode` rows of
    // benches/string_decoder.bench.mjs).
    static DECODE_SCRATCH: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Frees the calling thread's one-shot decode buffer; the face calls it when idle.
#[napi(js_name = "whatwgReleaseDecodeScratch", catch_unwind)]
pub fn whatwg_release_decode_scratch() {
    DECODE_SCRATCH.with(|scratch| *scratch.borrow_mut() = Vec::new());
}

/// One-shot encoding of `text` into the WHATWG encoding `name`; unmappable characters
/// become `?` as in iconv-lite.
#[napi(
    js_name = "whatwgEncode",
    catch_unwind,
    ts_args_type = "text: string, name: string"
)]
pub fn whatwg_encode(text: Utf16Text, name: String) -> Result<Buffer> {
    let encoding = encoding_named(&name)?;
    let bytes = match encode_table::table_for(encoding) {
        Some(table) => table.encode(text.as_units()),
        None => legacy::encode(encoding, &String::from_utf16_lossy(text.as_units()))
            .map_err(too_large)?,
    };
    Ok(bytes.into())
}
