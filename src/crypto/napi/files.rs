//! `hashFile` / `hashFiles`: read and hash files off the JS thread.

use std::path::Path;

use napi::bindgen_prelude::{Buffer, Either, Object};
use napi::{Env, Error, Result, Status};
use napi_derive::napi;

use crate::binding::io_error::errno_marker;
use crate::binding::{shared_control, spawn_promise, JsWorkControl};
use crate::crypto::digest::Algorithm;
use crate::crypto::files;

/// `hashFile`: read and hash a file off the JS thread; resolves to the digest bytes.
#[napi(
    js_name = "hashFile",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, path: string",
    ts_return_type = "Promise<Buffer>"
)]
pub fn hash_file(env: &Env, algorithm: Algorithm, path: String) -> Result<Object<'_>> {
    spawn_promise(
        env,
        move || {
            files::hash_file(algorithm, Path::new(&path)).map_err(|error| {
                Error::new(
                    Status::GenericFailure,
                    errno_marker(&error.error, error.syscall),
                )
            })
        },
        |output| Ok(Buffer::from(output.as_bytes().to_vec())),
    )
}

/// `hashFiles`: each file's digest bytes, or its error marker, in order.
#[napi(
    js_name = "hashFiles",
    catch_unwind,
    ts_args_type = "algorithm: DigestAlgorithm, paths: string[], concurrency: number, control?: WorkControl",
    ts_return_type = "Promise<Array<Buffer | string> | null>"
)]
pub fn hash_files<'env>(
    env: &'env Env,
    algorithm: Algorithm,
    paths: Vec<String>,
    concurrency: u32,
    control: Option<&JsWorkControl>,
) -> Result<Object<'env>> {
    let control = shared_control(control);
    spawn_promise(
        env,
        move || {
            Ok(
                files::hash_files(algorithm, &paths, concurrency as usize, &control)
                    .ok()
                    .map(|results| {
                        results
                            .into_iter()
                            .map(|result| {
                                result.map_err(|error| errno_marker(&error.error, error.syscall))
                            })
                            .collect::<Vec<_>>()
                    }),
            )
        },
        // null: the call was cancelled.
        |results| {
            Ok(results.map(|results| {
                results
                    .into_iter()
                    .map(|result| match result {
                        Ok(output) => Either::A(Buffer::from(output.as_bytes().to_vec())),
                        Err(marker) => Either::B(marker),
                    })
                    .collect::<Vec<Either<Buffer, String>>>()
            }))
        },
    )
}
