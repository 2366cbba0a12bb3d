//! Which engine runs a whole-buffer call (`gzipSync(buf)`, `gzip(buf, cb)`, each input
//! of `gzipMany`) and why, from the call's options and its input: the one place that
//! decides it. The JS face has already sent what only Node's engine or a stream
//! engine can answer elsewhere (`lib/internal/zlib/route.js`); every size threshold
//! of the native side lives in the engine it belongs to and is read here.

use super::codecs::{libdeflate, CodecOptions};
use super::mode::Mode;
use super::parallel_deflate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// pigz-style blocks on every core of the pool, one valid stream
    /// (`parallel_deflate`).
    ParallelDeflate,
    /// libdeflate over the whole buffer; where it declines the data (corrupt,
    /// truncated, bigger than the limit) zlib-rs runs the call again for Node's answer.
    Libdeflate,
    /// zlib-rs through a kept codec, stepping as Node's engine does.
    ZlibRs,
    /// C brotli to encode; brotli-decompressor to decode, C brotli (Node's own
    /// decoder) again when it fails, for Node's error.
    Brotli,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::ParallelDeflate => "parallel deflate",
            Engine::Libdeflate => "libdeflate",
            Engine::ZlibRs => "zlib-rs",
            Engine::Brotli => "brotli",
        }
    }
}

/// Whether a call may spread over every core of the pool (the callback forms unless
/// `parallel: false`, the sync forms with `parallel: true`) or runs on one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cores {
    One,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub engine: Engine,
    /// Why that engine: the first rule that sent the call there.
    pub why: &'static str,
    /// With `Cores::All`, why the call still runs on one core.
    pub not_parallel: Option<&'static str>,
}

impl Route {
    /// One line for `HOTPATH_TRACE=zlib`.
    pub fn describe(&self) -> String {
        let mut line = format!("{}: {}", self.engine.name(), self.why);
        if let Some(reason) = self.not_parallel {
            line.push_str("; one core: ");
            line.push_str(reason);
        }
        line
    }
}

pub fn route(options: &CodecOptions, flush: i32, input: &[u8], cores: Cores) -> Route {
    let mode = options.mode;
    if mode.is_brotli() {
        let why = if mode == Mode::BrotliEncode {
            "C brotli, Node's own encoder"
        } else {
            "brotli-decompressor, with C brotli for the errors of a failing input"
        };
        return on_one_core(Engine::Brotli, why, None);
    }
    let not_parallel = match cores {
        Cores::One => None,
        Cores::All => match parallel_deflate::refusal(mode, &options.flate, flush, input.len()) {
            None => {
                return Route {
                    engine: Engine::ParallelDeflate,
                    why: "a big input at a level where every core pays",
                    not_parallel: None,
                }
            }
            refusal => refusal,
        },
    };
    let libdeflate_refusal = if mode.is_compressor() {
        libdeflate::compress_refusal(mode, &options.flate, flush, input.len())
    } else {
        libdeflate::decompress_refusal(mode, &options.flate, flush, input)
    };
    match libdeflate_refusal {
        None => on_one_core(Engine::Libdeflate, "the whole buffer at once", not_parallel),
        Some(why) => on_one_core(Engine::ZlibRs, why, not_parallel),
    }
}

fn on_one_core(engine: Engine, why: &'static str, not_parallel: Option<&'static str>) -> Route {
    Route {
        engine,
        why,
        not_parallel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zlib::codecs::FlateOptions;
    use libz_rs_sys::{Z_FINISH, Z_SYNC_FLUSH};

    fn options(mode: Mode, flate: FlateOptions) -> CodecOptions {
        CodecOptions {
            flate,
            ..CodecOptions::new(mode)
        }
    }

    const BIG: usize = parallel_deflate::PARALLEL_MIN_BYTES;

    #[test]
    fn a_big_default_gzip_goes_parallel_only_when_every_core_is_allowed() {
        let gzip = options(Mode::Gzip, FlateOptions::default());
        let input = vec![b'a'; BIG];
        assert_eq!(
            route(&gzip, Z_FINISH, &input, Cores::All).engine,
            Engine::ParallelDeflate
        );
        let one = route(&gzip, Z_FINISH, &input, Cores::One);
        assert_eq!((one.engine, one.not_parallel), (Engine::Libdeflate, None));
    }

    #[test]
    fn an_input_under_four_blocks_stays_on_one_core_and_says_why() {
        let gzip = options(Mode::Gzip, FlateOptions::default());
        let input = vec![b'a'; BIG - 1];
        let route = route(&gzip, Z_FINISH, &input, Cores::All);
        assert_eq!(route.engine, Engine::Libdeflate);
        assert_eq!(route.not_parallel, Some("an input under 4 blocks"));
        assert!(route
            .describe()
            .contains("one core: an input under 4 blocks"));
    }

    #[test]
    fn levels_under_four_are_not_split() {
        let fast = options(
            Mode::Deflate,
            FlateOptions {
                level: 1,
                ..FlateOptions::default()
            },
        );
        let route = route(&fast, Z_FINISH, &vec![b'a'; BIG], Cores::All);
        assert_eq!(route.engine, Engine::Libdeflate);
    }

    #[test]
    fn what_libdeflate_cannot_honour_goes_to_zlib_rs_with_its_reason() {
        let input = vec![b'a'; BIG];
        let filtered = options(
            Mode::Gzip,
            FlateOptions {
                strategy: libz_rs_sys::Z_FILTERED,
                ..FlateOptions::default()
            },
        );
        let route = route(&filtered, Z_FINISH, &input, Cores::One);
        assert_eq!(
            (route.engine, route.why),
            (Engine::ZlibRs, "a strategy other than the default")
        );
        let gzip = options(Mode::Gzip, FlateOptions::default());
        assert_eq!(route_of(&gzip, Z_SYNC_FLUSH, &input), Engine::ZlibRs);
        assert_eq!(route_of(&gzip, Z_FINISH, b"small"), Engine::ZlibRs);
    }

    #[test]
    fn inflating_a_zlib_header_with_a_small_window_is_zlib_rs() {
        let auto = options(
            Mode::Inflate,
            FlateOptions {
                window_bits: 0,
                ..FlateOptions::default()
            },
        );
        // CMF 0x28: deflate with a 1 KiB window; 0x78: 32 KiB.
        assert_eq!(route_of(&auto, Z_FINISH, &[0x28, 0x01]), Engine::ZlibRs);
        assert_eq!(route_of(&auto, Z_FINISH, &[0x78, 0x9c]), Engine::Libdeflate);
    }

    #[test]
    fn brotli_is_never_split() {
        let brotli = options(Mode::BrotliEncode, FlateOptions::default());
        let route = route(&brotli, Z_FINISH, &vec![b'a'; BIG], Cores::All);
        assert_eq!((route.engine, route.not_parallel), (Engine::Brotli, None));
    }

    fn route_of(options: &CodecOptions, flush: i32, input: &[u8]) -> Engine {
        route(options, flush, input, Cores::One).engine
    }
}
