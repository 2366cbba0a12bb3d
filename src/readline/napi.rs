//! napi binding of the readline engines.

use std::fs::File;

use napi::bindgen_prelude::Object;
use napi::{Env, Error, JsString, Result, Status};
use napi_derive::napi;

use super::count::count_read;
use super::line_breaks::{find_breaks, BreakRule};
use crate::binding::decoder_state::{read_state, unknown_id};
use crate::binding::io_error::fs_error;
use crate::binding::{shared_control, spawn_promise, to_js_string, ByteView, JsWorkControl};
use crate::text::node_decoder;
use crate::work_control::WorkControl;

/// Decodes `chunk` as UTF-8 with the StringDecoder `state` (Node's state buffer, as
/// in string_decoder) and returns its text; writes the line breaks found in that text
/// into `breaks` (a Uint32Array): `breaks[0]` pairs follow as `(start, end)` offsets.
/// `rule` picks which characters end a line. One crossing per chunk: JS slices the
/// lines out of the returned string.
#[napi(
    js_name = "decodeLines",
    catch_unwind,
    ts_args_type = "state: Uint8Array, chunk: ArrayBufferView, breaks: Uint32Array, rule: LineBreakRule",
    ts_return_type = "string"
)]
pub fn decode_lines<'env>(
    env: &'env Env,
    state: ByteView,
    chunk: ByteView,
    breaks: ByteView,
    rule: BreakRule,
) -> Result<JsString<'env>> {
    let mut next = read_state(&state)?;
    let text = node_decoder::write(&mut next, chunk.as_slice())
        .map_err(unknown_id)?
        .into_text();
    // Room for a break per ~16 bytes up front: prose lines are longer, so it rarely grows.
    let mut found = Vec::with_capacity(1 + chunk.len() / 8);
    found.push(0u32);
    find_breaks(&text, rule, &mut found);
    found[0] = ((found.len() - 1) / 2) as u32;
    if found.len() * 4 > breaks.len() {
        return Err(Error::new(Status::InvalidArg, "breaks array too small"));
    }
    let string = to_js_string(env, text)?;
    // SAFETY: any initialised u32 memory is valid as 4× as many u8; the slice borrows
    // `found`, which outlives it.
    let bytes = unsafe { std::slice::from_raw_parts(found.as_ptr().cast::<u8>(), found.len() * 4) };
    breaks.overwrite(bytes);
    state.overwrite(&next);
    Ok(string)
}

fn count_file(path: &str, separators: bool, control: &WorkControl) -> Result<Option<u64>> {
    let file = File::open(path).map_err(|e| fs_error(&e, "open"))?;
    if let Ok(metadata) = file.metadata() {
        control.add_total(metadata.len());
    }
    count_read(file, separators, control)
        .map(|counted| counted.ok())
        .map_err(|e| fs_error(&e, "read"))
}

/// `countLines(path, separators)`: the number of lines in a file, as readline would
/// emit them, counted off the JS thread; `separators` is true where U+2028 and U+2029
/// end lines (Node 24+).
#[napi(
    js_name = "countLines",
    catch_unwind,
    ts_args_type = "path: string, separators: boolean, control?: WorkControl",
    ts_return_type = "Promise<number | null>"
)]
pub fn count_lines<'env>(
    env: &'env Env,
    path: String,
    separators: bool,
    control: Option<&JsWorkControl>,
) -> Result<Object<'env>> {
    let control = shared_control(control);
    spawn_promise(
        env,
        move || count_file(&path, separators, &control),
        // null: the call was cancelled.
        |lines| Ok(lines.map(|lines| lines as f64)),
    )
}
