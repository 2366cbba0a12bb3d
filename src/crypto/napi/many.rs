//! `hashMany` / `hashManySync`: many inputs hashed across the pool in one crossing.

use napi::bindgen_prelude::{Buffer, Either, FromNapiValue, Object, TypeName, ValidateNapiValue};
use napi::{check_status, sys, Env, Error, JsString, Result, Status, ValueType};
use napi_derive::napi;

use crate::binding::{
    shared_control, spawn_promise, to_js_string, ByteView, JsWorkControl, Utf8Text,
};
use crate::crypto::digest::{Algorithm, Output};
use crate::crypto::many;
use crate::js_memory::owned::OwnedBytes;
use crate::text::js_text::{render, JsText};
use crate::text::node_encoding::NodeEncoding;

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
    ts_args_type = "algorithm: DigestAlgorithm, inputs: Array<string | ArrayBufferView>, hex: boolean",
    ts_return_type = "string | Buffer"
)]
pub fn hash_many_sync<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    inputs: Vec<ManyInput>,
    hex: bool,
) -> Result<Either<JsString<'env>, Buffer>> {
    let slices: Vec<&[u8]> = inputs.iter().map(input_bytes).collect();
    crate::pool::ensure_started();
    many_result(
        env,
        concat_digests(&many::hash_many(algorithm, &slices)),
        hex,
    )
}

/// Hex comes back as the bytes of the hex text (the face reads them as Latin-1).
fn hex_bytes(digests: Vec<u8>) -> Result<Buffer> {
    match render(NodeEncoding::Hex, &digests) {
        JsText::Latin1(text) => Ok(text.into_owned().into()),
        JsText::Utf16(_) => Err(Error::new(Status::GenericFailure, "hex text is Latin-1")),
    }
}

/// `hashMany`: like hashManySync off the JS thread; the inputs are copied first (into
/// one allocation, input `i` at `ends[i-1]..ends[i]`), as JS may change, detach or
/// shrink their buffers while the work runs (see `js_memory::owned`).
#[napi(
    js_name = "hashMany",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, inputs: Array<string | ArrayBufferView>, hex: boolean, control?: WorkControl",
    ts_return_type = "Promise<Buffer | null>"
)]
pub fn hash_many_async<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    inputs: Vec<ManyInput>,
    hex: bool,
    control: Option<&JsWorkControl>,
) -> Result<Object<'env>> {
    let control = shared_control(control);
    let parts: Vec<&[u8]> = inputs.iter().map(input_bytes).collect();
    let ends: Vec<usize> = parts
        .iter()
        .scan(0, |end, part| {
            *end += part.len();
            Some(*end)
        })
        .collect();
    let data = OwnedBytes::concat(&parts);
    spawn_promise(
        env,
        move || {
            let data = data.as_slice();
            let mut start = 0;
            let slices: Vec<&[u8]> = ends
                .iter()
                .map(|&end| {
                    let slice = &data[start..end];
                    start = end;
                    slice
                })
                .collect();
            Ok(many::hash_many_controlled(algorithm, &slices, &control)
                .ok()
                .map(|digests| concat_digests(&digests)))
        },
        // null: the call was cancelled.
        move |digests| {
            digests
                .map(|digests| {
                    if hex {
                        hex_bytes(digests)
                    } else {
                        Ok(digests.into())
                    }
                })
                .transpose()
        },
    )
}
