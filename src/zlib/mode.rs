//! Node's compression modes, with the numbers of `zlib.constants` (DEFLATE = 1 …
//! BROTLI_ENCODE = 9), so the JS face can pass them through unchanged. The addon
//! exports them as `ZlibMode`; a test checks them against the running Node's.

#[cfg_attr(
    all(feature = "napi", not(test)),
    napi_derive::napi(js_name = "ZlibMode")
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Deflate = 1,
    Inflate = 2,
    Gzip = 3,
    Gunzip = 4,
    DeflateRaw = 5,
    InflateRaw = 6,
    Unzip = 7,
    BrotliDecode = 8,
    BrotliEncode = 9,
}

const ALL: [Mode; 9] = [
    Mode::Deflate,
    Mode::Inflate,
    Mode::Gzip,
    Mode::Gunzip,
    Mode::DeflateRaw,
    Mode::InflateRaw,
    Mode::Unzip,
    Mode::BrotliDecode,
    Mode::BrotliEncode,
];

impl Mode {
    pub fn from_node(value: u32) -> Option<Mode> {
        ALL.into_iter().find(|&mode| mode as u32 == value)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_numbers_read_back_and_none_is_not_a_mode() {
        for mode in ALL {
            assert_eq!(Mode::from_node(mode as u32), Some(mode));
        }
        assert_eq!(Mode::from_node(0), None);
        assert_eq!(Mode::from_node(10), None);
    }
}
