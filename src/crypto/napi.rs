//! napi binding of the crypto engines. Output encodings use Node's encoding ids
//! (string_decoder's); `BUFFER` asks for a Buffer.

use std::num::NonZeroU32;
use std::path::Path;

use napi::bindgen_prelude::{
    AsyncTask, Buffer, Either, FromNapiValue, TypeName, ValidateNapiValue,
};
use napi::{check_status, sys, Env, Error, JsString, Result, Status, Task, ValueType};
use napi_derive::napi;

use super::digest::{self, Algorithm, Output};
use super::files;
use super::hmac::HmacKey;
use super::{kdf, many};
use crate::binding::io_error::errno_marker;
use crate::binding::{guard, ByteView, Utf8Text};
use crate::string_decoder::napi::to_js_string;
use crate::string_decoder::node_encoding::NodeEncoding;
use crate::string_decoder::text::{render, JsText};

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
    let digest = digest::digest(algorithm(algorithm_id)?, prefix(&data, length));
    encode(env, &digest, encoding, out.as_ref())
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
    let mac = HmacKey::new(algorithm(algorithm_id)?, key.as_slice()).sign(prefix(&data, length));
    encode(env, &mac, encoding, out.as_ref())
}

/// One input of hashMany: a string (as its UTF-8 bytes) or any ArrayBufferView. The
/// value's type is asked once; napi-rs's `Either` would try one branch and build an
/// error object before the other, which costs more than hashing a small input.
pub enum ManyInput<'a> {
    Text(Utf8Text),
    Bytes(ByteView<'a>),
}

impl FromNapiValue for ManyInput<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut kind = 0;
        // SAFETY: env and value come from napi for this call.
        check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
        if kind == sys::ValueType::napi_string {
            // SAFETY: value is a string, as just checked.
            return Ok(ManyInput::Text(unsafe {
                Utf8Text::from_napi_value(env, value)
            }?));
        }
        // SAFETY: as above; ByteView rejects anything but a TypedArray or DataView.
        Ok(ManyInput::Bytes(unsafe {
            ByteView::from_napi_value(env, value)
        }?))
    }
}

impl TypeName for ManyInput<'_> {
    fn type_name() -> &'static str {
        "string | ArrayBufferView"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ValidateNapiValue for ManyInput<'_> {}

fn input_bytes<'a>(input: &'a ManyInput<'_>) -> &'a [u8] {
    match input {
        ManyInput::Text(text) => text.as_bytes(),
        ManyInput::Bytes(view) => view.as_slice(),
    }
}

fn concat_digests(digests: &[Output]) -> Vec<u8> {
    let mut out = Vec::with_capacity(digests.iter().map(|d| d.as_bytes().len()).sum());
    for digest in digests {
        out.extend_from_slice(digest.as_bytes());
    }
    out
}

/// The digests back to back: as one hex string when `hex` (the JS face slices it, one
/// conversion instead of one per digest), else as a Buffer.
fn many_result<'env>(
    env: &'env Env,
    digests: Vec<u8>,
    hex: bool,
) -> Result<Either<JsString<'env>, Buffer>> {
    if hex {
        Ok(Either::A(to_js_string(
            env,
            render(NodeEncoding::Hex, &digests),
        )?))
    } else {
        Ok(Either::B(digests.into()))
    }
}

/// `hashManySync`: the inputs' digests, in input order. Views are read where they are
/// (the JS thread waits while the pool hashes them), never copied.
#[napi(
    js_name = "hashManySync",
    catch_unwind,
    ts_args_type = "algorithm: number, inputs: Array<string | ArrayBufferView>, hex: boolean",
    ts_return_type = "string | Buffer"
)]
pub fn hash_many_sync<'env>(
    env: &'env Env,
    algorithm_id: u32,
    inputs: Vec<ManyInput>,
    hex: bool,
) -> Result<Either<JsString<'env>, Buffer>> {
    let algorithm = algorithm(algorithm_id)?;
    let slices: Vec<&[u8]> = inputs.iter().map(input_bytes).collect();
    many_result(
        env,
        concat_digests(&many::hash_many(algorithm, &slices)),
        hex,
    )
}

pub struct HashMany {
    algorithm: Algorithm,
    /// The inputs back to back (one allocation), input `i` at `ends[i-1]..ends[i]`.
    data: Vec<u8>,
    ends: Vec<usize>,
    hex: bool,
}

impl Task for HashMany {
    type Output = Vec<u8>;
    type JsValue = Buffer;

    fn compute(&mut self) -> Result<Vec<u8>> {
        guard(|| {
            let mut start = 0;
            let slices: Vec<&[u8]> = self
                .ends
                .iter()
                .map(|&end| {
                    let slice = &self.data[start..end];
                    start = end;
                    slice
                })
                .collect();
            Ok(concat_digests(&many::hash_many(self.algorithm, &slices)))
        })
    }

    /// Hex comes back as the bytes of the hex text (the face reads them as Latin-1).
    fn resolve(&mut self, _: Env, digests: Vec<u8>) -> Result<Buffer> {
        if !self.hex {
            return Ok(digests.into());
        }
        match render(NodeEncoding::Hex, &digests) {
            JsText::Latin1(text) => Ok(text.into_owned().into()),
            JsText::Utf16(_) => Err(Error::new(Status::GenericFailure, "hex text is Latin-1")),
        }
    }
}

/// `hashMany`: like hashManySync off the JS thread; the inputs are copied first, as
/// JS may change them while the work runs.
#[napi(
    js_name = "hashMany",
    catch_unwind,
    ts_args_type = "algorithm: number, inputs: Array<string | ArrayBufferView>, hex: boolean"
)]
pub fn hash_many_async(
    algorithm_id: u32,
    inputs: Vec<ManyInput>,
    hex: bool,
) -> Result<AsyncTask<HashMany>> {
    let total = inputs.iter().map(|input| input_bytes(input).len()).sum();
    let mut data = Vec::with_capacity(total);
    let mut ends = Vec::with_capacity(inputs.len());
    for input in &inputs {
        data.extend_from_slice(input_bytes(input));
        ends.push(data.len());
    }
    Ok(AsyncTask::new(HashMany {
        algorithm: algorithm(algorithm_id)?,
        data,
        ends,
        hex,
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
