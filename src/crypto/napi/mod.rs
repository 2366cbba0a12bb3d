//! napi binding of the crypto engines: one-call digests and HMACs (`digest`),
//! batches (`many`), PBKDF2 (`kdf`) and files (`files`). Output encodings are the
//! addon's `NodeEncoding` ids, or `DIGEST_AS_BUFFER`.

mod digest;
mod files;
mod kdf;
mod many;

use napi::{Env, Error, JsString, Result, Status};
use napi_derive::napi;

use super::digest::Output;
use crate::binding::{to_js_string, ByteView};
use crate::text::js_text::render;
use crate::text::node_encoding::NodeEncoding;

/// The output "encoding" that asks for the digest's bytes in a Buffer.
#[napi]
pub const DIGEST_AS_BUFFER: u32 = 255;

/// A digest as Node's `digest(encoding)` gives it: a string in `encoding`, or, for
/// `DIGEST_AS_BUFFER`, written into `out` (a Buffer the JS face took from its pool, far
/// cheaper than napi creating one) with `None` returned.
fn encode<'env>(
    env: &'env Env,
    output: &Output,
    encoding: u32,
    out: Option<&ByteView>,
) -> Result<Option<JsString<'env>>> {
    if encoding == DIGEST_AS_BUFFER {
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
