//! Inflate calls made the way Node's binding makes them (dictionary retry, gzip
//! members one after another), and the replay that names zlib-rs's fast-loop errors.

use libz_rs_sys as z;

use super::FlateOptions;
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
