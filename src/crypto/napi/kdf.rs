//! `pbkdf2Sync` and `pbkdf2`'s work.

use std::num::NonZeroU32;

use napi::bindgen_prelude::{Buffer, Object};
use napi::{Env, Error, Result, Status};
use napi_derive::napi;

use crate::binding::{spawn_promise, ByteView};
use crate::crypto::digest::Algorithm;
use crate::crypto::kdf;

fn iterations(count: u32) -> Result<NonZeroU32> {
    NonZeroU32::new(count)
        .ok_or_else(|| Error::new(Status::InvalidArg, "iterations must be at least 1"))
}

/// `pbkdf2Sync` (arguments validated by the JS face).
#[napi(
    js_name = "pbkdf2Sync",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, password: ArrayBufferView, salt: ArrayBufferView, iterations: number, keylen: number"
)]
pub fn pbkdf2_sync(
    algorithm: Algorithm,
    password: ByteView,
    salt: ByteView,
    count: u32,
    keylen: u32,
) -> Result<Buffer> {
    let mut out = vec![0u8; keylen as usize];
    kdf::pbkdf2(
        algorithm,
        password.as_slice(),
        salt.as_slice(),
        iterations(count)?,
        &mut out,
    );
    Ok(out.into())
}

/// `pbkdf2(..., callback)`'s work, on hotpath's pool.
#[napi(
    js_name = "pbkdf2",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, password: ArrayBufferView, salt: ArrayBufferView, iterations: number, keylen: number",
    ts_return_type = "Promise<Buffer>"
)]
pub fn pbkdf2_async<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    password: ByteView,
    salt: ByteView,
    count: u32,
    keylen: u32,
) -> Result<Object<'env>> {
    // Copied now: JS may detach or shrink their buffers while the work runs.
    let password = password.to_owned_bytes();
    let salt = salt.to_owned_bytes();
    let iterations = iterations(count)?;
    spawn_promise(
        env,
        move || {
            let mut out = vec![0u8; keylen as usize];
            kdf::pbkdf2(
                algorithm,
                password.as_slice(),
                salt.as_slice(),
                iterations,
                &mut out,
            );
            Ok(out)
        },
        |key| Ok(Buffer::from(key)),
    )
}
