//! `hashMany` / `hashManySync`: many inputs hashed across the pool in one crossing.

use napi::bindgen_prelude::{Buffer, FromNapiValue, Object, TypeName, ValidateNapiValue};
use napi::{check_status, sys, Env, Error, Result, Status, ValueType};
use napi_derive::napi;

use crate::binding::{shared_control, spawn_promise, ByteView, JsWorkControl, Utf8Text};
use crate::crypto::digest::{Algorithm, Output};
use crate::crypto::many;

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

/// `hashManySync` over inputs as they are: digests back to back in one Buffer (the face
/// slices or encodes it). Views are read where they are (the JS thread waits while the
/// pool hashes them), never copied: the face's choice for big inputs.
#[napi(
    js_name = "hashManySync",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, inputs: Array<string | ArrayBufferView>"
)]
pub fn hash_many_sync(algorithm: Algorithm, inputs: Vec<ManyInput>) -> Buffer {
    let slices: Vec<&[u8]> = inputs.iter().map(input_bytes).collect();
    crate::pool::ensure_started();
    concat_digests(&many::hash_many(algorithm, &slices)).into()
}

/// The ends (a Float64Array) of packed inputs, as numbers.
fn read_ends(ends: &ByteView) -> Vec<f64> {
    ends.as_slice()
        .chunks_exact(8)
        .map(|bytes| f64::from_ne_bytes(bytes.try_into().unwrap_or([0xff; 8])))
        .collect()
}

fn packed_ranges(bytes: &ByteView, ends: &ByteView) -> Result<Vec<std::ops::Range<usize>>> {
    many::packed_ranges(bytes.len(), &read_ends(ends)).map_err(|_| {
        Error::new(
            Status::InvalidArg,
            "the ends of the packed inputs must rise within them",
        )
    })
}

/// `hashMany`: the packed inputs hashed off the JS thread. `bytes` is copied first, as
/// JS may change, detach or shrink its buffer while the work runs (see
/// `js_memory::owned`); progress counts inputs. Resolves null when cancelled.
#[napi(
    js_name = "hashManyPacked",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, bytes: Uint8Array, ends: Float64Array, control?: WorkControl",
    ts_return_type = "Promise<Buffer | null>"
)]
pub fn hash_many_packed<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    bytes: ByteView,
    ends: ByteView,
    control: Option<&JsWorkControl>,
) -> Result<Object<'env>> {
    // Checked here, on the JS thread, so bad ends throw; the work slices the copy.
    let ranges = packed_ranges(&bytes, &ends)?;
    let data = bytes.to_owned_bytes();
    let control = shared_control(control);
    spawn_promise(
        env,
        move || {
            let data = data.as_slice();
            let slices: Vec<&[u8]> = ranges.into_iter().map(|range| &data[range]).collect();
            Ok(many::hash_many_controlled(algorithm, &slices, &control)
                .ok()
                .map(|digests| concat_digests(&digests)))
        },
        // null: the call was cancelled.
        |digests| Ok(digests.map(Buffer::from)),
    )
}
