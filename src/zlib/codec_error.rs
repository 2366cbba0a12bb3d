//! The error a codec reports, shaped as Node's zlib binding reports it: a message,
//! a `code` string and an `errno`.

use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    pub message: Cow<'static, str>,
    pub code: Cow<'static, str>,
    pub errno: i32,
}

/// Node's message for a finishing call whose input stopped inside the stream.
pub const END_OF_INPUT: &str = "unexpected end of file";

/// zlib's message for a match reaching before the window.
pub const DISTANCE_TOO_FAR_BACK: &str = "invalid distance too far back";

impl CodecError {
    /// The input stopped inside the stream: Node's Z_BUF_ERROR "unexpected end of file".
    pub fn end_of_input() -> Self {
        CodecError::new(END_OF_INPUT, "Z_BUF_ERROR", -5)
    }

    pub fn is_end_of_input(&self) -> bool {
        self.message == END_OF_INPUT
    }

    /// Whether zlib can only report this error from a call that still had output
    /// room: "unexpected end of file" (Node's verdict on such a call) and "invalid
    /// distance too far back" (checked when a match is copied, which needs room).
    /// A call that fills its room exactly stops before either.
    pub fn needs_output_room(&self) -> bool {
        self.is_end_of_input() || self.message == DISTANCE_TOO_FAR_BACK
    }

    pub fn new(
        message: impl Into<Cow<'static, str>>,
        code: impl Into<Cow<'static, str>>,
        errno: i32,
    ) -> Self {
        CodecError {
            message: message.into(),
            code: code.into(),
            errno,
        }
    }
}

/// zlib's return codes by the names Node gives them in `error.code`.
pub fn zlib_code_name(err: i32) -> &'static str {
    use libz_rs_sys as z;
    match err {
        z::Z_OK => "Z_OK",
        z::Z_STREAM_END => "Z_STREAM_END",
        z::Z_NEED_DICT => "Z_NEED_DICT",
        z::Z_ERRNO => "Z_ERRNO",
        z::Z_STREAM_ERROR => "Z_STREAM_ERROR",
        z::Z_DATA_ERROR => "Z_DATA_ERROR",
        z::Z_MEM_ERROR => "Z_MEM_ERROR",
        z::Z_BUF_ERROR => "Z_BUF_ERROR",
        z::Z_VERSION_ERROR => "Z_VERSION_ERROR",
        _ => "Z_UNKNOWN_ERROR",
    }
}
