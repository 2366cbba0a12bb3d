//! What a native zlib call hands back to JS, converted without napi-rs's slower
//! generic paths: small outputs copied into V8 Buffers, stream pieces as an array.

use napi::bindgen_prelude::{Buffer, ToNapiValue};
use napi::{sys, Result};
use napi_derive::napi;

use crate::zlib::buffer_pool;
use crate::zlib::codec_error::CodecError;
use crate::zlib::one_shot::OneShotError;

/// Outputs up to this size are copied into a V8-owned Buffer: creating a napi
/// external buffer costs more than copying a few KiB (the `1 KiB JSON` rows of
/// benches/zlib.bench.mjs are where it shows).
const COPY_OUTPUT_MAX: usize = 32 << 10;

/// What a native zlib call hands back: no output (undefined), a Buffer, or an error
/// description `{ message, code, errno }` that the JS face turns into Node's error.
pub enum NativeResult {
    Empty,
    Output(Vec<u8>),
    /// A stream write's pieces, back to back with their lengths: each becomes its
    /// own Buffer (small, from malloc's warm heap) and the bytes go back to the pool.
    Pieces(Vec<u8>, Vec<u32>),
    /// Pieces, then the error the engine stopped with, as one array.
    PiecesThenError(Vec<u8>, Vec<u32>, CodecError),
    Failed(CodecError),
    TooLarge,
}

impl From<std::result::Result<Vec<u8>, OneShotError>> for NativeResult {
    fn from(result: std::result::Result<Vec<u8>, OneShotError>) -> Self {
        match result {
            Ok(output) => NativeResult::Output(output),
            Err(OneShotError::Codec(error)) => NativeResult::Failed(error),
            Err(OneShotError::TooLarge(_)) => NativeResult::TooLarge,
        }
    }
}

impl ToNapiValue for NativeResult {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        match value {
            NativeResult::Empty => {
                let mut undefined = std::ptr::null_mut();
                // SAFETY: `env` is the live environment of this call.
                napi::check_status!(unsafe { sys::napi_get_undefined(env, &mut undefined) })?;
                Ok(undefined)
            }
            // SAFETY: `env` is the live environment of this call.
            NativeResult::Output(bytes) if bytes.len() <= COPY_OUTPUT_MAX => unsafe {
                buffer_copy(env, &bytes)
            },
            // SAFETY: forwarded to napi-rs's own conversion with the same env.
            NativeResult::Output(bytes) => unsafe {
                Buffer::to_napi_value(env, Buffer::from(bytes))
            },
            NativeResult::Pieces(bytes, pieces) => {
                // SAFETY: `env` is the live environment of this call.
                let array = unsafe { pieces_to_array(env, &bytes, &pieces) };
                buffer_pool::give(bytes);
                array
            }
            NativeResult::PiecesThenError(bytes, pieces, error) => {
                // SAFETY: `env` is the live environment of this call.
                let array = unsafe { pieces_to_array(env, &bytes, &pieces) }?;
                buffer_pool::give(bytes);
                // SAFETY: as above; `array` belongs to this env.
                unsafe {
                    let info = NativeResult::to_napi_value(env, NativeResult::Failed(error))?;
                    napi::check_status!(sys::napi_set_element(
                        env,
                        array,
                        pieces.len() as u32,
                        info
                    ))?;
                }
                Ok(array)
            }
            NativeResult::Failed(error) => {
                let info = ZlibErrorInfo {
                    message: error.message.into_owned(),
                    code: error.code.into_owned(),
                    errno: error.errno,
                };
                // SAFETY: forwarded to the derived conversion with the same env.
                unsafe { ZlibErrorInfo::to_napi_value(env, info) }
            }
            NativeResult::TooLarge => {
                let info = ZlibErrorInfo {
                    message: String::new(),
                    code: "ERR_BUFFER_TOO_LARGE".to_owned(),
                    errno: 0,
                };
                // SAFETY: as above.
                unsafe { ZlibErrorInfo::to_napi_value(env, info) }
            }
        }
    }
}

/// A V8-owned Buffer holding a copy of `bytes`.
///
/// # Safety
/// `env` must be the live environment of the current call.
unsafe fn buffer_copy(env: sys::napi_env, bytes: &[u8]) -> Result<sys::napi_value> {
    let mut buffer = std::ptr::null_mut();
    // SAFETY: `bytes` is valid for its length and V8 copies it; `env` per contract.
    napi::check_status!(unsafe {
        sys::napi_create_buffer_copy(
            env,
            bytes.len(),
            bytes.as_ptr().cast(),
            std::ptr::null_mut(),
            &mut buffer,
        )
    })?;
    Ok(buffer)
}

/// # Safety
/// `env` must be the live environment of the current call.
unsafe fn pieces_to_array(
    env: sys::napi_env,
    bytes: &[u8],
    pieces: &[u32],
) -> Result<sys::napi_value> {
    let mut array = std::ptr::null_mut();
    // SAFETY: per this function's contract.
    napi::check_status!(unsafe {
        sys::napi_create_array_with_length(env, pieces.len(), &mut array)
    })?;
    let mut offset = 0;
    for (index, &length) in pieces.iter().enumerate() {
        let piece = &bytes[offset..offset + length as usize];
        offset += length as usize;
        // SAFETY: per this function's contract.
        let buffer = unsafe { buffer_copy(env, piece) }?;
        // SAFETY: `array` was created above in this env.
        napi::check_status!(unsafe { sys::napi_set_element(env, array, index as u32, buffer) })?;
    }
    Ok(array)
}

#[napi(object)]
pub struct ZlibErrorInfo {
    pub message: String,
    pub code: String,
    pub errno: i32,
}
