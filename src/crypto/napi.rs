//! napi binding of the crypto engines. Output encodings use Node's encoding ids
//! (string_decoder's); `BUFFER` asks for a Buffer.

use std::num::NonZeroU32;
use std::path::Path;

use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi::{Env, Error, JsString, Result, Status, Task};
use napi_derive::napi;

use super::digest::{self, Algorithm, Output};
use super::files;
use super::hmac::HmacKey;
use super::{kdf, many};
use crate::binding::io_error::errno_marker;
use crate::binding::{guard, ByteView, Utf8Text};
use crate::string_decoder::napi::to_js_string;
use crate::string_decoder::node_encoding::NodeEncoding;
use crate::string_decoder::text::render;

const BUFFER: u32 = 255;

fn algorithm(id: u32) -> Result<Algorithm> {
    Algorithm::from_id(id)
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("unknown algorithm id {id}")))
}

/// A digest as Node's `digest(encoding)` gives it: a string in `encoding`, or, for
/// `BUFFER`, written into `out` (a Buffer the JS face took from its pool, far cheaper
/// than napi creating one) with `None` returned.
fn encode<'env>(
    env: &'env Env,
    output: &Output,
    encoding: u32,
    out: Option<&ByteView>,
) -> Result<Option<JsString<'env>>> {
    if encoding == BUFFER {
        let out = out.ok_or_else(|| Error::new(Status::InvalidArg, "no output buffer"))?;
        out.overwrite(output.as_bytes());
        return Ok(None);
    }
    let encoding = u8::try_from(encoding)
        .ok()
        .and_then(NodeEncoding::from_id)
        .ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                format!("unknown encoding id {encoding}"),
            )
        })?;
    Ok(Some(to_js_string(
        env,
        render(encoding, output.as_bytes()),
    )?))
}

/// `hash(algorithm, bytes)` of the first `length` bytes of `data`.
#[napi(
    js_name = "hashBytes",
    catch_unwind,
    ts_args_type = "algorithm: number, data: ArrayBufferView, length: number, encoding: number, out?: Buffer",
    ts_return_type = "string | undefined"
)]
pub fn hash_bytes<'env>(
    env: &'env Env,
    algorithm_id: u32,
    data: ByteView,
    length: u32,
    encoding: u32,
    out: Option<ByteView>,
) -> Result<Option<JsString<'env>>> {
    let bytes = data.as_slice();
    let digest = digest::digest(
        algorithm(algorithm_id)?,
        &bytes[..(length as usize).min(bytes.len())],
    );
    encode(env, &digest, encoding, out.as_ref())
}

/// `hash(algorithm, string)`: the string's UTF-8 bytes.
#[napi(
    js_name = "hashString",
    catch_unwind,
    ts_args_type = "algorithm: number, data: string, encoding: number, out?: Buffer",
    ts_return_type = "string | undefined"
)]
pub fn hash_string<'env>(
    env: &'env Env,
    algorithm_id: u32,
    data: Utf8Text,
    encoding: u32,
    out: Option<ByteView>,
) -> Result<Option<JsString<'env>>> {
    encode(
        env,
        &digest::digest(algorithm(algorithm_id)?, data.as_bytes()),
        encoding,
        out.as_ref(),
    )
}

/// HMAC of the first `length` bytes of `data` under `key`.
#[napi(
    js_name = "hmacBytes",
    catch_unwind,
    ts_args_type = "algorithm: number, key: ArrayBufferView, data: ArrayBufferView, length: number, encoding: number, out?: Buffer",
    ts_return_type = "string | undefined"
)]
pub fn hmac_bytes<'env>(
    env: &'env Env,
    algorithm_id: u32,
    key: ByteView,
    data: ByteView,
    length: u32,
    encoding: u32,
    out: Option<ByteView>,
) -> Result<Option<JsString<'env>>> {
    let bytes = data.as_slice();
    let bytes = &bytes[..(length as usize).min(bytes.len())];
    let mac = HmacKey::new(algorithm(algorithm_id)?, key.as_slice()).sign(bytes);
    encode(env, &mac, encoding, out.as_ref())
}

/// Inputs packed by the JS face: `data` holds them back to back, input `i` spans
/// `offsets[i]..offsets[i + 1]`. Returns the digests back to back.
fn hash_packed(algorithm: Algorithm, data: &[u8], offsets: &[u32]) -> Result<Vec<u8>> {
    let mut inputs = Vec::with_capacity(offsets.len().saturating_sub(1));
    for pair in offsets.windows(2) {
        let (start, end) = (pair[0] as usize, pair[1] as usize);
        let input = data
            .get(start..end)
            .ok_or_else(|| Error::new(Status::InvalidArg, "input offsets out of range"))?;
        inputs.push(input);
    }
    let digests = many::hash_many(algorithm, &inputs);
    Ok(digests
        .iter()
        .flat_map(|d| d.as_bytes().iter().copied())
        .collect())
}

fn offsets_of(view: &ByteView) -> Vec<u32> {
    view.as_slice()
        .chunks_exact(4)
        .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

/// `hashManySync`: the packed inputs' digests, back to back, in input order.
#[napi(
    js_name = "hashPackedSync",
    catch_unwind,
    ts_args_type = "algorithm: number, data: ArrayBufferView, offsets: Uint32Array"
)]
pub fn hash_packed_sync(algorithm_id: u32, data: ByteView, offsets: ByteView) -> Result<Buffer> {
    Ok(hash_packed(
        algorithm(algorithm_id)?,
        data.as_slice(),
        &offsets_of(&offsets),
    )?
    .into())
}

pub struct HashPacked {
    algorithm: Algorithm,
    data: Vec<u8>,
    offsets: Vec<u32>,
}

impl Task for HashPacked {
    type Output = Vec<u8>;
    type JsValue = Buffer;

    fn compute(&mut self) -> Result<Vec<u8>> {
        guard(|| hash_packed(self.algorithm, &self.data, &self.offsets))
    }

    fn resolve(&mut self, _: Env, digests: Vec<u8>) -> Result<Buffer> {
        Ok(digests.into())
    }
}

/// `hashMany`: like hashPackedSync, off the JS thread (the inputs are copied first).
#[napi(
    js_name = "hashPacked",
    catch_unwind,
    ts_args_type = "algorithm: number, data: ArrayBufferView, offsets: Uint32Array"
)]
pub fn hash_packed_async(
    algorithm_id: u32,
    data: ByteView,
    offsets: ByteView,
) -> Result<AsyncTask<HashPacked>> {
    Ok(AsyncTask::new(HashPacked {
        algorithm: algorithm(algorithm_id)?,
        data: data.as_slice().to_vec(),
        offsets: offsets_of(&offsets),
    }))
}

fn iterations(count: u32) -> Result<NonZeroU32> {
    NonZeroU32::new(count)
        .ok_or_else(|| Error::new(Status::InvalidArg, "iterations must be at least 1"))
}

/// `pbkdf2Sync` (arguments validated by the JS face).
#[napi(
    js_name = "pbkdf2Sync",
    catch_unwind,
    ts_args_type = "algorithm: number, password: ArrayBufferView, salt: ArrayBufferView, iterations: number, keylen: number"
)]
pub fn pbkdf2_sync(
    algorithm_id: u32,
    password: ByteView,
    salt: ByteView,
    count: u32,
    keylen: u32,
) -> Result<Buffer> {
    let mut out = vec![0u8; keylen as usize];
    kdf::pbkdf2(
        algorithm(algorithm_id)?,
        password.as_slice(),
        salt.as_slice(),
        iterations(count)?,
        &mut out,
    );
    Ok(out.into())
}

pub struct Pbkdf2 {
    algorithm: Algorithm,
    password: Vec<u8>,
    salt: Vec<u8>,
    iterations: NonZeroU32,
    keylen: usize,
}

impl Task for Pbkdf2 {
    type Output = Vec<u8>;
    type JsValue = Buffer;

    fn compute(&mut self) -> Result<Vec<u8>> {
        guard(|| {
            let mut out = vec![0u8; self.keylen];
            kdf::pbkdf2(
                self.algorithm,
                &self.password,
                &self.salt,
                self.iterations,
                &mut out,
            );
            Ok(out)
        })
    }

    fn resolve(&mut self, _: Env, key: Vec<u8>) -> Result<Buffer> {
        Ok(key.into())
    }
}

/// `pbkdf2(..., callback)`'s work, on libuv's pool.
#[napi(
    js_name = "pbkdf2",
    catch_unwind,
    ts_args_type = "algorithm: number, password: ArrayBufferView, salt: ArrayBufferView, iterations: number, keylen: number"
)]
pub fn pbkdf2_async(
    algorithm_id: u32,
    password: ByteView,
    salt: ByteView,
    count: u32,
    keylen: u32,
) -> Result<AsyncTask<Pbkdf2>> {
    Ok(AsyncTask::new(Pbkdf2 {
        algorithm: algorithm(algorithm_id)?,
        password: password.as_slice().to_vec(),
        salt: salt.as_slice().to_vec(),
        iterations: iterations(count)?,
        keylen: keylen as usize,
    }))
}

pub struct HashFile {
    algorithm: Algorithm,
    path: String,
}

impl Task for HashFile {
    type Output = Output;
    type JsValue = Buffer;

    fn compute(&mut self) -> Result<Output> {
        guard(|| {
            files::hash_file(self.algorithm, Path::new(&self.path)).map_err(|error| {
                Error::new(
                    Status::GenericFailure,
                    errno_marker(&error.error, error.syscall),
                )
            })
        })
    }

    fn resolve(&mut self, _: Env, output: Output) -> Result<Buffer> {
        Ok(output.as_bytes().to_vec().into())
    }
}

/// `hashFile`: read and hash a file off the JS thread; resolves to the digest bytes.
#[napi(js_name = "hashFile", catch_unwind)]
pub fn hash_file(algorithm_id: u32, path: String) -> Result<AsyncTask<HashFile>> {
    Ok(AsyncTask::new(HashFile {
        algorithm: algorithm(algorithm_id)?,
        path,
    }))
}

pub struct HashFiles {
    algorithm: Algorithm,
    paths: Vec<String>,
    concurrency: usize,
}

impl Task for HashFiles {
    type Output = Vec<std::result::Result<Output, String>>;
    type JsValue = Vec<Either<Buffer, String>>;

    fn compute(&mut self) -> Result<Self::Output> {
        guard(|| {
            Ok(
                files::hash_files(self.algorithm, &self.paths, self.concurrency)
                    .into_iter()
                    .map(|result| result.map_err(|error| errno_marker(&error.error, error.syscall)))
                    .collect(),
            )
        })
    }

    fn resolve(&mut self, _: Env, results: Self::Output) -> Result<Self::JsValue> {
        Ok(results
            .into_iter()
            .map(|result| match result {
                Ok(output) => Either::A(output.as_bytes().to_vec().into()),
                Err(marker) => Either::B(marker),
            })
            .collect())
    }
}

/// `hashFiles`: each file's digest bytes, or its error marker, in order.
#[napi(js_name = "hashFiles", catch_unwind)]
pub fn hash_files(
    algorithm_id: u32,
    paths: Vec<String>,
    concurrency: u32,
) -> Result<AsyncTask<HashFiles>> {
    Ok(AsyncTask::new(HashFiles {
        algorithm: algorithm(algorithm_id)?,
        paths,
        concurrency: concurrency as usize,
    }))
}
