//! The options of a zlib-family codec, as the JS face hands them over.

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
            window_bits: 15,
            level: -1,
            mem_level: 8,
            strategy: 0,
            dictionary: Vec::new(),
            single_member: false,
        }
    }
}
