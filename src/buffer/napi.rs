//! napi binding of the buffer engines. Arguments arrive validated and normalised by
//! the JS face (needles as bytes, ranges as clamped `from`/`to` offsets).

use napi::bindgen_prelude::{Either, Float64Array, Uint32Array};
use napi::{Error, Result, Status};
use napi_derive::napi;

use super::any_of::{first_of_bytes, NeedleSet};
use super::occurrences::{count, first, last, positions};
use super::searcher::Searcher;
use crate::binding::ByteView;

fn position_or_minus_one(found: Option<usize>) -> f64 {
    found.map_or(-1.0, |at| at as f64)
}

/// Where `haystack[from..to]` starts, and the slice (clamped; the face passes a range
/// it already clamped).
fn range<'a>(haystack: &'a ByteView<'_>, from: f64, to: f64) -> (usize, &'a [u8]) {
    let bytes = haystack.as_slice();
    let to = (to as usize).min(bytes.len());
    let from = (from as usize).min(to);
    (from, &bytes[from..to])
}

/// `count(buf, needle, start, end)`: non-overlapping occurrences in `from..to`.
#[napi(js_name = "bufferCount", catch_unwind)]
pub fn buffer_count(haystack: ByteView, needle: ByteView, from: f64, to: f64) -> f64 {
    count(range(&haystack, from, to).1, needle.as_slice()) as f64
}

/// `indexOfAll(buf, needle, start, end)`: every non-overlapping occurrence in
/// `from..to`, as buffer positions in a Uint32Array
/// (a Float64Array when a position passes 4 GiB).
#[napi(
    js_name = "bufferPositions",
    catch_unwind,
    ts_return_type = "Uint32Array | Float64Array"
)]
pub fn buffer_positions(
    haystack: ByteView,
    needle: ByteView,
    from: f64,
    to: f64,
) -> Either<Uint32Array, Float64Array> {
    // Positions in `within` become buffer positions as they are converted.
    let (offset, within) = range(&haystack, from, to);
    let found = positions(within, needle.as_slice());
    if found
        .last()
        .is_some_and(|&last| last + offset > u32::MAX as usize)
    {
        Either::B(Float64Array::new(
            found.into_iter().map(|p| (p + offset) as f64).collect(),
        ))
    } else {
        Either::A(Uint32Array::new(
            found.into_iter().map(|p| (p + offset) as u32).collect(),
        ))
    }
}

/// `buf.indexOf(needle, from)` for a needle of at least two bytes, or -1.
#[napi(js_name = "bufferIndexOf", catch_unwind)]
pub fn buffer_index_of(haystack: ByteView, needle: ByteView, from: f64) -> f64 {
    position_or_minus_one(first(haystack.as_slice(), needle.as_slice(), from as usize))
}

/// `buf.lastIndexOf(needle, …)`: the last match starting at or before `last_start`, or -1.
#[napi(js_name = "bufferLastIndexOf", catch_unwind)]
pub fn buffer_last_index_of(haystack: ByteView, needle: ByteView, last_start: f64) -> f64 {
    position_or_minus_one(last(
        haystack.as_slice(),
        needle.as_slice(),
        last_start as usize,
    ))
}

/// `indexOfAny(buf, bytes, start)`: the first position holding one of `bytes`, or -1.
#[napi(js_name = "bufferFirstOfBytes", catch_unwind)]
pub fn buffer_first_of_bytes(haystack: ByteView, bytes: ByteView, start: f64) -> f64 {
    position_or_minus_one(first_of_bytes(
        haystack.as_slice(),
        bytes.as_slice(),
        start as usize,
    ))
}

/// `indexOfAny(buf, needles, start)`: the first position where one of `needles` starts.
#[napi(js_name = "bufferFirstOfNeedles", catch_unwind)]
pub fn buffer_first_of_needles(
    haystack: ByteView,
    needles: Vec<ByteView>,
    start: f64,
) -> Result<f64> {
    let set = NeedleSet::new(needles.iter().map(ByteView::as_slice))
        .ok_or_else(|| Error::new(Status::InvalidArg, "too many needles to search together"))?;
    Ok(position_or_minus_one(
        set.first(haystack.as_slice(), start as usize)
            .map(|(at, _)| at),
    ))
}

/// A streaming search (`Searcher` in the JS face). Matches cross into a Float64Array
/// the face owns, so a push costs one call and no new JS object.
#[napi(js_name = "BufferSearcher")]
pub struct BufferSearcher {
    inner: Searcher,
    found: Vec<u64>,
}

#[napi]
impl BufferSearcher {
    #[napi(constructor, catch_unwind)]
    pub fn new(needle: ByteView) -> Result<Self> {
        Searcher::new(needle.as_slice())
            .map(|inner| BufferSearcher {
                inner,
                found: Vec::new(),
            })
            .ok_or_else(|| Error::new(Status::InvalidArg, "the needle must not be empty"))
    }

    /// Searches `chunk`; returns how many matches end in it and writes as many of
    /// their stream offsets as fit into `out` (a Float64Array). `copyFound` writes
    /// them all into a bigger one.
    #[napi(catch_unwind, ts_args_type = "chunk: Uint8Array, out: Float64Array")]
    pub fn push(&mut self, chunk: ByteView, out: ByteView) -> u32 {
        self.found.clear();
        self.inner.push(chunk.as_slice(), &mut self.found);
        self.copy_found(out);
        self.found.len() as u32
    }

    /// The last push's offsets, as many as fit into `out`.
    #[napi(
        js_name = "copyFound",
        catch_unwind,
        ts_args_type = "out: Float64Array"
    )]
    pub fn copy_found(&self, out: ByteView) {
        let bytes: Vec<u8> = self
            .found
            .iter()
            .take(out.len() / 8)
            .flat_map(|&at| (at as f64).to_ne_bytes())
            .collect();
        out.overwrite(&bytes);
    }

    #[napi(catch_unwind)]
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
