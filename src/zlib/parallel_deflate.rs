//! pigz-style parallel compression into ONE deflate stream: the input is cut into
//! blocks, each block is compressed on its own thread as raw deflate primed with
//! the previous 32 KiB of input as dictionary and ended with a sync flush (the last
//! with finish), and the pieces are joined under one gzip or zlib header with a
//! checksum combined from the blocks' checksums.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use rayon::prelude::*;

use libz_rs_sys as z;

use super::codec_error::CodecError;
use super::codecs::{FlateCodec, FlateOptions};
use super::headers;
use super::mode::Mode;

/// pigz's block size: big enough that the sync-flush marker and the lost
/// cross-block matches cost well under 1% of output.
pub const BLOCK_SIZE: usize = 128 << 10;
const WINDOW: usize = 32 << 10;

/// Calls from here up go parallel (4 blocks): below it one core finishes before the
/// others would have started.
pub const PARALLEL_MIN_BYTES: usize = 4 * BLOCK_SIZE;

/// The zlib level from which splitting pays. Below it single-threaded libdeflate is
/// as fast as two zlib-rs threads (measured on 64 MiB of text, 2 cores: 0.9× at
/// level 1) and leaves the other core free; from it up parallel wins (1.4× at level
/// 6; the `gzip(buf, cb), parallel` row of benches/zlib.bench.mjs holds that case).
const MIN_PARALLEL_LEVEL: i32 = 4;

/// Why this call is not compressed in parallel, or None when it is.
pub fn refusal(
    mode: Mode,
    options: &FlateOptions,
    flush: i32,
    input_len: usize,
) -> Option<&'static str> {
    let level = options.level;
    if !matches!(mode, Mode::Gzip | Mode::Deflate | Mode::DeflateRaw) {
        Some("not a deflate compressor")
    } else if level != z::Z_DEFAULT_COMPRESSION && level < MIN_PARALLEL_LEVEL {
        Some("levels 0-3, where one core is as fast")
    } else if !options.dictionary.is_empty() {
        Some("a dictionary")
    } else if flush != z::Z_FINISH {
        Some("a finishFlush other than Z_FINISH")
    } else if input_len < PARALLEL_MIN_BYTES {
        Some("an input under 4 blocks")
    } else {
        None
    }
}

/// What the parallel path has done in this process, so a test can see that a call
/// took it and spread its blocks over threads (nothing else reads these).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParallelStats {
    pub calls: u64,
    pub blocks: u64,
    /// How many distinct pool threads compressed the blocks of the latest call.
    pub threads_last_call: u32,
}

static CALLS: AtomicU64 = AtomicU64::new(0);
static BLOCKS: AtomicU64 = AtomicU64::new(0);
static THREADS_LAST_CALL: AtomicU32 = AtomicU32::new(0);

pub fn stats() -> ParallelStats {
    ParallelStats {
        calls: CALLS.load(Ordering::Relaxed),
        blocks: BLOCKS.load(Ordering::Relaxed),
        threads_last_call: THREADS_LAST_CALL.load(Ordering::Relaxed),
    }
}

fn record_call(mut threads: Vec<Option<usize>>) {
    CALLS.fetch_add(1, Ordering::Relaxed);
    BLOCKS.fetch_add(threads.len() as u64, Ordering::Relaxed);
    threads.sort_unstable();
    threads.dedup();
    THREADS_LAST_CALL.store(threads.len() as u32, Ordering::Relaxed);
}

/// One block's raw deflate and checksum.
type CompressedBlock = Result<(Vec<u8>, u32), CodecError>;

/// Compresses `input` in parallel for `mode` (Gzip, Deflate or DeflateRaw).
/// Options with a dictionary are not supported here (the caller compresses those
/// on one thread).
pub fn compress(mode: Mode, options: &FlateOptions, input: &[u8]) -> Result<Vec<u8>, CodecError> {
    // A sync call may be the first work for the pool: it starts with the size JS set.
    crate::pool::ensure_started();
    let block_count = input.len().div_ceil(BLOCK_SIZE).max(1);
    let (blocks, threads): (Vec<CompressedBlock>, Vec<Option<usize>>) = (0..block_count)
        .into_par_iter()
        .map(|index| {
            let block = compress_block(mode, options, input, index, block_count);
            (block, rayon::current_thread_index())
        })
        .unzip();
    record_call(threads);

    let mut body_len = 0;
    let mut parts = Vec::with_capacity(blocks.len());
    for block in blocks {
        let block = block?;
        body_len += block.0.len();
        parts.push(block);
    }

    let mut output = Vec::with_capacity(body_len + 18);
    write_header(mode, options, &mut output);
    let mut check = initial_check(mode);
    for (index, (data, block_check)) in parts.iter().enumerate() {
        output.extend_from_slice(data);
        let block_len = block_range(input.len(), index).len();
        check = combine_check(mode, check, *block_check, block_len);
    }
    write_trailer(mode, check, input.len(), &mut output);
    Ok(output)
}

fn block_range(len: usize, index: usize) -> std::ops::Range<usize> {
    let start = (index * BLOCK_SIZE).min(len);
    start..(start + BLOCK_SIZE).min(len)
}

fn compress_block(
    mode: Mode,
    options: &FlateOptions,
    input: &[u8],
    index: usize,
    block_count: usize,
) -> CompressedBlock {
    let range = block_range(input.len(), index);
    let block = &input[range.clone()];
    let mut block_options = options.clone();
    block_options.dictionary = input[range.start.saturating_sub(WINDOW)..range.start].to_vec();
    let mut codec = FlateCodec::new(Mode::DeflateRaw, block_options);
    let last = index + 1 == block_count;
    let flush = if last { z::Z_FINISH } else { z::Z_SYNC_FLUSH };

    let mut output = vec![0u8; block.len() + block.len() / 8 + 64];
    let mut produced = 0;
    let mut consumed = 0;
    loop {
        let step = codec.step(flush, &block[consumed..], &mut output[produced..])?;
        produced += step.produced;
        consumed += step.consumed;
        if produced < output.len() {
            break;
        }
        output.resize(output.len() * 2, 0);
    }
    output.truncate(produced);
    Ok((output, block_check(mode, block)))
}

/// Adler-32 starts at 1 (RFC 1950), CRC-32 at 0.
const ADLER32_START: u32 = 1;
const CRC32_START: u32 = 0;

fn initial_check(mode: Mode) -> u32 {
    match mode {
        Mode::Deflate => ADLER32_START,
        _ => CRC32_START,
    }
}

fn block_check(mode: Mode, block: &[u8]) -> u32 {
    match mode {
        Mode::Gzip => super::crc32::crc32(CRC32_START, block),
        // SAFETY: the pointer and length describe `block`.
        Mode::Deflate => unsafe {
            z::adler32_z(ADLER32_START.into(), block.as_ptr(), block.len()) as u32
        },
        _ => 0,
    }
}

fn combine_check(mode: Mode, check: u32, next: u32, next_len: usize) -> u32 {
    match mode {
        Mode::Gzip => z::crc32_combine64(check as _, next as _, next_len as _) as u32,
        Mode::Deflate => z::adler32_combine64(check as _, next as _, next_len as _) as u32,
        _ => 0,
    }
}

/// The header zlib itself writes for these options, so output matches a
/// single-threaded stream's framing.
fn write_header(mode: Mode, options: &FlateOptions, output: &mut Vec<u8>) {
    match mode {
        Mode::Gzip => output.extend_from_slice(&headers::gzip_header(options)),
        Mode::Deflate => output.extend_from_slice(&headers::zlib_header(options)),
        _ => {}
    }
}

fn write_trailer(mode: Mode, check: u32, input_len: usize, output: &mut Vec<u8>) {
    match mode {
        Mode::Gzip => {
            output.extend_from_slice(&check.to_le_bytes());
            output.extend_from_slice(&(input_len as u32).to_le_bytes());
        }
        Mode::Deflate => output.extend_from_slice(&check.to_be_bytes()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zlib::codecs::CodecOptions;
    use crate::zlib::one_shot::process;

    #[test]
    fn parallel_output_is_one_stream_that_inflates_to_the_input() {
        let input: Vec<u8> = b"parallel blocks share their dictionary; "
            .iter()
            .copied()
            .cycle()
            .take(1 << 20)
            .collect();
        for (mode, inverse) in [
            (Mode::Gzip, Mode::Gunzip),
            (Mode::Deflate, Mode::Inflate),
            (Mode::DeflateRaw, Mode::InflateRaw),
        ] {
            let packed = compress(mode, &FlateOptions::default(), &input).expect("compress");
            let unpacked = process(
                &CodecOptions::new(inverse),
                z::Z_FINISH,
                &packed,
                usize::MAX,
            )
            .expect("inflate");
            assert_eq!(unpacked, input, "{mode:?}");
        }
    }

    #[test]
    fn stats_count_every_call_and_block() {
        let input = vec![7u8; 3 * BLOCK_SIZE + 1];
        let before = stats();
        compress(Mode::Gzip, &FlateOptions::default(), &input).expect("compress");
        let after = stats();
        // Other tests may compress in parallel at the same time: at least ours counted.
        assert!(after.calls > before.calls);
        assert!(after.blocks >= before.blocks + 4);
        assert!(after.threads_last_call >= 1);
    }
}
