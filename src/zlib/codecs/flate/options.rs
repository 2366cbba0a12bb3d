//! The options of a zlib-family codec, as the JS face hands them over.

use libz_rs_sys as z;

/// zlib's MAX_WBITS (Node's `Z_MAX_WINDOWBITS`): a 32 KiB window.
pub const MAX_WINDOW_BITS: i32 = 15;
/// zlib's DEF_MEM_LEVEL (Node's `Z_DEFAULT_MEMLEVEL`).
pub const DEFAULT_MEM_LEVEL: i32 = 8;

/// The options of a zlib-family stream, already validated by the JS face.
#[derive(Clone, Debug)]
pub struct FlateOptions {
    /// Node's windowBits: 8–15, or 0 for "from the header" when inflating.
    pub window_bits: i32,
    pub level: i32,
    pub mem_level: i32,
    pub strategy: i32,
    pub dictionary: Vec<u8>,
    /// Gunzip stops after the first member, so what follows is trailing input
    /// (Node 24's `rejectGarbageAfterEnd`).
    pub single_member: bool,
}

impl Default for FlateOptions {
    fn default() -> Self {
        FlateOptions {
            window_bits: MAX_WINDOW_BITS,
            level: z::Z_DEFAULT_COMPRESSION,
            mem_level: DEFAULT_MEM_LEVEL,
            strategy: z::Z_DEFAULT_STRATEGY,
            dictionary: Vec::new(),
            single_member: false,
        }
    }
}
