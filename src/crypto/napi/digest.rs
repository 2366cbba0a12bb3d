//! `hash()` / `createHash().digest()` and `createHmac().digest()` in one call.

use napi::{Env, JsString, Result};
use napi_derive::napi;

use super::encode;
use crate::binding::ByteView;
use crate::crypto::digest::{self, Algorithm};
use crate::crypto::hmac::HmacKey;

/// The first `length` bytes of a view (the JS face passes a reused buffer and how
/// much of it is filled).
fn prefix<'a>(view: &'a ByteView, length: u32) -> &'a [u8] {
    let bytes = view.as_slice();
    &bytes[..(length as usize).min(bytes.len())]
}

/// `hash(algorithm, bytes)` of the first `length` bytes of `data`.
#[napi(
    js_name = "hashBytes",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, data: ArrayBufferView, length: number, encoding: number, out?: Buffer",
    ts_return_type = "string | undefined"
)]
pub fn hash_bytes<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    data: ByteView,
    length: u32,
    encoding: u32,
    out: Option<ByteView>,
) -> Result<Option<JsString<'env>>> {
    let digest = digest::digest(algorithm, prefix(&data, length));
    encode(env, &digest, encoding, out.as_ref())
}

/// HMAC of the first `length` bytes of `data` under `key`.
#[napi(
    js_name = "hmacBytes",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, key: ArrayBufferView, data: ArrayBufferView, length: number, encoding: number, out?: Buffer",
    ts_return_type = "string | undefined"
)]
pub fn hmac_bytes<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    key: ByteView,
    data: ByteView,
    length: u32,
    encoding: u32,
    out: Option<ByteView>,
) -> Result<Option<JsString<'env>>> {
    let mac = HmacKey::new(algorithm, key.as_slice()).sign(prefix(&data, length));
    encode(env, &mac, encoding, out.as_ref())
}
