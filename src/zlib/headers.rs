//! The gzip and zlib headers zlib writes for a stream's options (RFC 1952, RFC 1950),
//! so that output from an engine that frames streams its own way (libdeflate, the
//! parallel path) starts with the bytes Node's zlib would write.

use libz_rs_sys as z;

use super::codecs::FlateOptions;

/// zlib's meaning of `Z_DEFAULT_COMPRESSION`.
const ZLIB_DEFAULT_LEVEL: i32 = 6;

/// Magic, deflate, no flags, no time; then XFL and OS, which follow.
const GZIP_HEADER_START: [u8; 8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0];
/// The OS byte zlib writes on Unix.
const GZIP_OS_UNIX: u8 = 3;
const GZIP_XFL_BEST: u8 = 2;
const GZIP_XFL_FASTEST: u8 = 4;
pub const GZIP_HEADER_LEN: usize = 10;

/// CM 8 is deflate; the 16-bit header is a multiple of 31.
const ZLIB_CM_DEFLATE: u32 = 8;
const ZLIB_HEADER_CHECK: u32 = 31;
pub const ZLIB_HEADER_LEN: usize = 2;

fn zlib_level(options: &FlateOptions) -> i32 {
    if options.level == z::Z_DEFAULT_COMPRESSION {
        ZLIB_DEFAULT_LEVEL
    } else {
        options.level
    }
}

/// zlib counts levels 0 and 1, and the strategies from Z_HUFFMAN_ONLY up, as fastest.
fn is_fastest(options: &FlateOptions) -> bool {
    zlib_level(options) < 2 || options.strategy >= z::Z_HUFFMAN_ONLY
}

pub fn gzip_header(options: &FlateOptions) -> [u8; GZIP_HEADER_LEN] {
    let xfl = if zlib_level(options) == z::Z_BEST_COMPRESSION {
        GZIP_XFL_BEST
    } else if is_fastest(options) {
        GZIP_XFL_FASTEST
    } else {
        0
    };
    let mut header = [0; GZIP_HEADER_LEN];
    header[..GZIP_HEADER_START.len()].copy_from_slice(&GZIP_HEADER_START);
    header[GZIP_HEADER_START.len()] = xfl;
    header[GZIP_HEADER_START.len() + 1] = GZIP_OS_UNIX;
    header
}

pub fn zlib_header(options: &FlateOptions) -> [u8; ZLIB_HEADER_LEN] {
    // CINFO is log2(window) - 8; zlib writes at least a 512-byte window.
    let window_bits = options.window_bits.max(9) as u32;
    let cmf = ((window_bits - 8) << 4) | ZLIB_CM_DEFLATE;
    let level = zlib_level(options);
    // FLEVEL, zlib's four classes of level.
    let level_flags = if is_fastest(options) {
        0
    } else if level < ZLIB_DEFAULT_LEVEL {
        1
    } else if level == ZLIB_DEFAULT_LEVEL {
        2
    } else {
        3
    };
    let mut header = (cmf << 8) | (level_flags << 6);
    header += ZLIB_HEADER_CHECK - header % ZLIB_HEADER_CHECK;
    (header as u16).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zlib::codecs::FlateCodec;
    use crate::zlib::mode::Mode;
    use crate::zlib::testing::run_steps;

    fn zlib_output(mode: Mode, options: &FlateOptions) -> Vec<u8> {
        let mut codec = FlateCodec::new(mode, options.clone());
        run_steps(
            |flush, input, output| codec.step(flush, input, output),
            z::Z_FINISH,
            b"header",
            1 << 10,
        )
        .expect("compress")
    }

    #[test]
    fn the_headers_are_the_ones_zlib_rs_writes_for_every_level_and_strategy() {
        for level in z::Z_DEFAULT_COMPRESSION..=z::Z_BEST_COMPRESSION {
            for strategy in z::Z_DEFAULT_STRATEGY..=z::Z_FIXED {
                for window_bits in [9, 12, 15] {
                    let options = FlateOptions {
                        level,
                        strategy,
                        window_bits,
                        ..FlateOptions::default()
                    };
                    let label = format!("level {level} strategy {strategy} window {window_bits}");
                    let gzip = zlib_output(Mode::Gzip, &options);
                    assert_eq!(
                        gzip[..GZIP_HEADER_LEN],
                        gzip_header(&options),
                        "gzip {label}"
                    );
                    let deflate = zlib_output(Mode::Deflate, &options);
                    assert_eq!(
                        deflate[..ZLIB_HEADER_LEN],
                        zlib_header(&options),
                        "zlib {label}"
                    );
                }
            }
        }
    }
}
