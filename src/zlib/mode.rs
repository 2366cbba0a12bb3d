//! Node's compression modes, with the numbers of `zlib.constants` (DEFLATE = 1 …
//! BROTLI_ENCODE = 9), so the JS face can pass them through unchanged.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Deflate,
    Inflate,
    Gzip,
    Gunzip,
    DeflateRaw,
    InflateRaw,
    Unzip,
    BrotliDecode,
    BrotliEncode,
}

impl Mode {
    pub fn from_node(value: u32) -> Option<Mode> {
        Some(match value {
            1 => Mode::Deflate,
            2 => Mode::Inflate,
            3 => Mode::Gzip,
            4 => Mode::Gunzip,
            5 => Mode::DeflateRaw,
            6 => Mode::InflateRaw,
            7 => Mode::Unzip,
            8 => Mode::BrotliDecode,
            9 => Mode::BrotliEncode,
            _ => return None,
        })
    }

    pub fn is_compressor(self) -> bool {
        matches!(
            self,
            Mode::Deflate | Mode::Gzip | Mode::DeflateRaw | Mode::BrotliEncode
        )
    }

    pub fn is_brotli(self) -> bool {
        matches!(self, Mode::BrotliDecode | Mode::BrotliEncode)
    }
}
