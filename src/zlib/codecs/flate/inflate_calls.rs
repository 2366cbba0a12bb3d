//! Inflate calls made the way Node's binding makes them (dictionary retry, gzip
//! members one after another), and the replay that names zlib-rs's fast-loop errors.

use std::ptr;

use libz_rs_sys as z;

use super::{FlateOptions, REPEATED_CALL};
use crate::zlib::mode::Mode;

pub(super) fn message_of(msg: *const std::ffi::c_char) -> Option<String> {
    if msg.is_null() {
        return None;
    }
    // SAFETY: zlib sets `msg` only to static NUL-terminated strings.
    let text = unsafe { std::ffi::CStr::from_ptr(msg) };
    Some(text.to_string_lossy().into_owned())
}

/// One inflate call as Node's binding makes it: a needed dictionary is loaded and
/// the call retried, and further gzip members are decoded into the same output
/// (unless `single_member`).
///
/// # Safety
/// `stream` must be an initialised inflate stream whose next_in/next_out describe
/// live buffers.
pub(super) unsafe fn inflate_as_node(
    stream: &mut z::z_stream,
    mode: Mode,
    flush: i32,
    options: &FlateOptions,
) -> i32 {
    let dictionary = &options.dictionary;
    // SAFETY: per this function's contract.
    unsafe {
        let mut err = z::inflate(stream, flush);
        if mode != Mode::InflateRaw && err == z::Z_NEED_DICT && !dictionary.is_empty() {
            err = z::inflateSetDictionary(stream, dictionary.as_ptr(), dictionary.len() as u32);
            if err == z::Z_OK {
                err = z::inflate(stream, flush);
            } else if err == z::Z_DATA_ERROR {
                // Tells "Bad dictionary" apart from bad input, as Node does.
                err = z::Z_NEED_DICT;
            }
        }
        while mode == Mode::Gunzip
            && !options.single_member
            && err == z::Z_STREAM_END
            && stream.avail_in > 0
            && *stream.next_in != 0x00
        {
            // Another gzip member follows: decode it into the same output.
            err = z::inflateReset(stream);
            if err == z::Z_OK {
                err = z::inflate(stream, flush);
            }
        }
        err
    }
}

pub(super) fn snapshot_of(stream: &mut z::z_stream) -> Option<Box<z::z_stream>> {
    let mut copy = Box::<z::z_stream>::default();
    // SAFETY: `stream` is an initialised inflate stream; `copy` is a fresh struct.
    let err = unsafe { z::inflateCopy(&mut *copy, stream) };
    (err == z::Z_OK).then_some(copy)
}

/// zlib-rs's fast decoding loop reports its errors ("invalid distance too far
/// back", "invalid distance code", "invalid literal/length code") as "repeated call
/// with bad state"; its slow loop, which runs when less than 258 bytes of output
/// room are offered, names them. Replays the call on a copy of the state that way.
pub(super) fn name_fast_loop_error(
    snapshot: &mut z::z_stream,
    mode: Mode,
    flush: i32,
    options: &FlateOptions,
    input: &[u8],
) -> Option<String> {
    let mut window = [0u8; 128];
    snapshot.next_in = input.as_ptr();
    snapshot.avail_in = input.len() as u32;
    loop {
        snapshot.next_out = window.as_mut_ptr();
        snapshot.avail_out = window.len() as u32;
        let before = snapshot.avail_in;
        // SAFETY: the snapshot is an initialised inflate stream over `input` and
        // `window`, both alive for the call.
        let err = unsafe { inflate_as_node(snapshot, mode, flush, options) };
        let progressed = snapshot.avail_out < window.len() as u32 || snapshot.avail_in < before;
        if err == z::Z_DATA_ERROR {
            let message = message_of(snapshot.msg).filter(|m| m != REPEATED_CALL);
            snapshot.next_in = ptr::null();
            snapshot.next_out = ptr::null_mut();
            return message;
        }
        // With Z_FINISH a full window reports Z_BUF_ERROR; it is progress all the same.
        if !(err == z::Z_OK || err == z::Z_BUF_ERROR) || !progressed {
            snapshot.next_in = ptr::null();
            snapshot.next_out = ptr::null_mut();
            return None;
        }
    }
}
