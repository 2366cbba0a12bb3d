//! Engines behind `hotpath/zlib`.

pub mod brotli_codec;
pub mod buffer_pool;
pub mod chunk_writer;
pub mod codec;
pub mod codec_cache;
pub mod codec_error;
pub mod crc32;
pub mod flate_codec;
pub mod libdeflate_engine;
pub mod many;
pub mod mode;
pub mod one_shot;
pub mod parallel_deflate;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
