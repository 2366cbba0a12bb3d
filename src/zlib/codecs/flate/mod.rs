//! Deflate/inflate/gzip/gunzip/raw/unzip over zlib-rs's C API, with the
//! semantics of Node's zlib binding: lazy initialisation, unzip's header sniffing,
//! dictionaries loaded on demand, gzip members decoded one after another (a 0x00
//! byte after a member is padding), and Node's error messages.

use std::ptr;

use libz_rs_sys as z;

mod inflate_calls;
mod options;
#[cfg(test)]
mod tests;
mod zeroed_alloc;

pub use options::{FlateOptions, MAX_WINDOW_BITS};

use super::Step;
use crate::zlib::codec_error::{zlib_code_name, CodecError, END_OF_INPUT};
use crate::zlib::mode::Mode;
use inflate_calls::{inflate_as_node, message_of};

const GZIP_ID1: u8 = 0x1f;
const GZIP_ID2: u8 = 0x8b;

pub struct FlateCodec {
    /// Boxed because zlib's internal state points back at the stream struct.
    stream: Option<Box<z::z_stream>>,
    mode: Mode,
    /// The mode asked for (unzip becomes inflate or gunzip once it has seen data).
    initial_mode: Mode,
    options: FlateOptions,
    gzip_id_bytes_read: u8,
    last_error: i32,
    /// zlib's message from an earlier call. zlib-rs replaces it with "repeated call
    /// with bad state" when a call finds the stream already broken (C zlib keeps
    /// it), which happens when the output filled up in the call that broke it.
    earlier_message: Option<String>,
    /// What the last `step` consumed and produced, also when it failed.
    last_step: Step,
}

pub const REPEATED_CALL: &str = "repeated call with bad state";

/// A stream that should exist after `ensure_stream` but does not.
fn no_stream() -> CodecError {
    CodecError::new("Init error", "Z_STREAM_ERROR", z::Z_STREAM_ERROR)
}

// SAFETY: the z_stream and the state it owns are only touched through `&mut self`;
// the raw pointers inside are never shared with another owner.
unsafe impl Send for FlateCodec {}

impl FlateCodec {
    pub fn new(mode: Mode, options: FlateOptions) -> FlateCodec {
        FlateCodec {
            stream: None,
            mode,
            initial_mode: mode,
            options,
            gzip_id_bytes_read: 0,
            last_error: z::Z_OK,
            earlier_message: None,
            last_step: Step::default(),
        }
    }

    fn zlib_window_bits(&self) -> i32 {
        let bits = self.options.window_bits;
        match self.mode {
            Mode::Gzip | Mode::Gunzip => bits + 16,
            Mode::Unzip => bits + 32,
            Mode::DeflateRaw | Mode::InflateRaw => -bits,
            _ => bits,
        }
    }

    fn error(&self, fallback: &'static str) -> CodecError {
        let message = self
            .stream
            .as_ref()
            .and_then(|s| message_of(s.msg))
            .map(|message| match &self.earlier_message {
                Some(earlier) if message == REPEATED_CALL => earlier.clone(),
                _ => message,
            })
            .map(std::borrow::Cow::Owned)
            .unwrap_or(std::borrow::Cow::Borrowed(fallback));
        CodecError::new(message, zlib_code_name(self.last_error), self.last_error)
    }

    /// Initialises zlib on first use, as Node does, so idle streams cost no state.
    fn ensure_stream(&mut self) -> Result<&mut z::z_stream, CodecError> {
        if self.stream.is_none() {
            let mut stream = Box::<z::z_stream>::default();
            let bits = self.zlib_window_bits();
            let size = std::mem::size_of::<z::z_stream>() as i32;
            if self.mode.is_compressor() {
                zeroed_alloc::use_zeroed_alloc(&mut stream);
            }
            // SAFETY: `stream` is a valid, boxed (so unmoving) z_stream whose allocator
            // fields are calloc's (deflate) or null, which zlib-rs replaces with its own.
            let err = unsafe {
                if self.mode.is_compressor() {
                    z::deflateInit2_(
                        &mut *stream,
                        self.options.level,
                        z::Z_DEFLATED,
                        bits,
                        self.options.mem_level,
                        self.options.strategy,
                        z::zlibVersion(),
                        size,
                    )
                } else {
                    z::inflateInit2_(&mut *stream, bits, z::zlibVersion(), size)
                }
            };
            self.last_error = err;
            if err != z::Z_OK {
                return Err(CodecError::new("Init error", zlib_code_name(err), err));
            }
            self.stream = Some(stream);
            self.set_dictionary()?;
        }
        match self.stream.as_deref_mut() {
            Some(stream) => Ok(stream),
            None => Err(no_stream()),
        }
    }

    fn set_dictionary(&mut self) -> Result<(), CodecError> {
        if self.options.dictionary.is_empty() {
            return Ok(());
        }
        let Some(stream) = self.stream.as_deref_mut() else {
            return Ok(());
        };
        let dict = &self.options.dictionary;
        let len = dict.len().min(u32::MAX as usize) as u32;
        // SAFETY: `stream` was initialised by deflateInit2_/inflateInit2_ and the
        // dictionary slice outlives the call.
        let err = unsafe {
            match self.mode {
                Mode::Deflate | Mode::DeflateRaw => {
                    z::deflateSetDictionary(stream, dict.as_ptr(), len)
                }
                Mode::InflateRaw => z::inflateSetDictionary(stream, dict.as_ptr(), len),
                _ => z::Z_OK,
            }
        };
        self.last_error = err;
        if err != z::Z_OK {
            return Err(self.error("Failed to set dictionary"));
        }
        Ok(())
    }

    /// One call of deflate()/inflate() over `input` into `output` with Node's
    /// flush flag, followed by Node's check of the result.
    pub fn step(
        &mut self,
        flush: i32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<Step, CodecError> {
        let in_len = input.len().min(u32::MAX as usize);
        let out_len = output.len().min(u32::MAX as usize);
        let mode_before = self.mode;
        self.ensure_stream()?;
        if mode_before == Mode::Unzip {
            self.sniff_gzip_header(&input[..in_len]);
        }
        let mode = self.mode;
        let has_dictionary = !self.options.dictionary.is_empty();
        let Some(stream) = self.stream.as_deref_mut() else {
            return Err(no_stream());
        };
        stream.next_in = input.as_ptr();
        stream.avail_in = in_len as u32;
        stream.next_out = output.as_mut_ptr();
        stream.avail_out = out_len as u32;

        let options = &self.options;
        // SAFETY: next_in/next_out point into `input`/`output`, which outlive this
        // call, with avail_in/avail_out no larger than the slices.
        let err = unsafe {
            if mode.is_compressor() {
                z::deflate(stream, flush)
            } else {
                inflate_as_node(stream, mode, flush, options)
            }
        };
        let Some(stream) = self.stream.as_deref_mut() else {
            return Err(no_stream());
        };
        let step = Step {
            consumed: in_len - stream.avail_in as usize,
            produced: out_len - stream.avail_out as usize,
        };
        self.last_step = step;
        let avail_out = stream.avail_out;
        if let Some(message) = message_of(stream.msg) {
            if message != REPEATED_CALL {
                self.earlier_message = Some(message);
            }
        }
        stream.next_in = ptr::null();
        stream.next_out = ptr::null_mut();
        self.last_error = err;
        match err {
            z::Z_OK | z::Z_BUF_ERROR => {
                if avail_out != 0 && flush == z::Z_FINISH {
                    return Err(self.error(END_OF_INPUT));
                }
            }
            z::Z_STREAM_END => {}
            z::Z_NEED_DICT => {
                return Err(self.error(if has_dictionary {
                    "Bad dictionary"
                } else {
                    "Missing dictionary"
                }));
            }
            _ => return Err(self.error("Zlib error")),
        }
        Ok(step)
    }

    /// Unzip decides between gzip and zlib from the first two bytes it sees,
    /// possibly across two writes.
    fn sniff_gzip_header(&mut self, input: &[u8]) {
        let mut bytes = input.iter();
        if self.gzip_id_bytes_read == 0 {
            match bytes.next() {
                None => return,
                Some(&GZIP_ID1) => self.gzip_id_bytes_read = 1,
                Some(_) => {
                    self.mode = Mode::Inflate;
                    return;
                }
            }
        }
        if self.gzip_id_bytes_read == 1 {
            match bytes.next() {
                None => {}
                Some(&GZIP_ID2) => {
                    self.gzip_id_bytes_read = 2;
                    self.mode = Mode::Gunzip;
                }
                Some(_) => self.mode = Mode::Inflate,
            }
        }
    }

    pub fn last_step(&self) -> Step {
        self.last_step
    }

    /// `params(level, strategy)`: Node applies it to deflate and deflateRaw only.
    pub fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        let mode = self.mode;
        let stream = self.ensure_stream()?;
        if !matches!(mode, Mode::Deflate | Mode::DeflateRaw) {
            return Ok(());
        }
        // deflateParams() may call deflate(Z_BLOCK) to end the current block; it needs
        // an output pointer. Offering no room makes that call a no-op that loses no
        // output (the JS face flushes before params(), as Node does).
        let mut scratch = [0u8; 1];
        stream.next_out = scratch.as_mut_ptr();
        stream.avail_out = 0;
        // SAFETY: the stream is initialised for deflate; next_out is valid.
        let err = unsafe { z::deflateParams(stream, level, strategy) };
        stream.next_out = ptr::null_mut();
        self.last_error = err;
        if err != z::Z_OK && err != z::Z_BUF_ERROR {
            return Err(self.error("Failed to set parameters"));
        }
        self.options.level = level;
        self.options.strategy = strategy;
        Ok(())
    }

    /// Whether this codec was built for `mode` and `options`, so `recycle` can
    /// stand in for building a new one.
    pub fn is_built_for(&self, mode: Mode, options: &FlateOptions) -> bool {
        let own = &self.options;
        self.initial_mode == mode
            && own.window_bits == options.window_bits
            && own.level == options.level
            && own.mem_level == options.mem_level
            && own.strategy == options.strategy
            && own.dictionary == options.dictionary
            && own.single_member == options.single_member
    }

    /// Back to a fresh codec's state, keeping zlib's allocations: building a
    /// deflate state costs more than compressing a small message.
    pub fn recycle(&mut self) -> bool {
        if self.stream.is_none() {
            return true;
        }
        // inflateReset2 with the original window bits: plain inflateReset keeps a
        // window size learnt from the last stream's header.
        let mode = self.mode;
        self.mode = self.initial_mode;
        let bits = self.zlib_window_bits();
        self.mode = mode;
        let Some(stream) = self.stream.as_deref_mut() else {
            return true;
        };
        // SAFETY: the stream is initialised in the direction of its mode.
        let err = unsafe {
            if self.initial_mode.is_compressor() {
                z::deflateReset(stream)
            } else {
                z::inflateReset2(stream, bits)
            }
        };
        self.mode = self.initial_mode;
        self.gzip_id_bytes_read = 0;
        self.last_error = z::Z_OK;
        self.earlier_message = None;
        self.last_step = Step::default();
        err == z::Z_OK && self.set_dictionary().is_ok()
    }

    /// `reset()`: back to the start of a stream, dictionary re-applied.
    pub fn reset(&mut self) -> Result<(), CodecError> {
        let mode = self.mode;
        let stream = self.ensure_stream()?;
        // SAFETY: the stream is initialised for the direction `mode` names.
        let err = unsafe {
            match mode {
                Mode::Deflate | Mode::DeflateRaw | Mode::Gzip => z::deflateReset(stream),
                Mode::Inflate | Mode::InflateRaw | Mode::Gunzip => z::inflateReset(stream),
                _ => z::Z_OK,
            }
        };
        self.last_error = err;
        if err != z::Z_OK {
            return Err(self.error("Failed to reset stream"));
        }
        self.set_dictionary()
    }
}

impl Drop for FlateCodec {
    fn drop(&mut self) {
        if let Some(stream) = self.stream.as_deref_mut() {
            // SAFETY: the stream was initialised in the direction its mode names
            // (unzip only ever initialises inflate).
            unsafe {
                if self.mode.is_compressor() {
                    z::deflateEnd(stream);
                } else {
                    z::inflateEnd(stream);
                }
            }
        }
    }
}
