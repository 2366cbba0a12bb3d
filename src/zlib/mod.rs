//! Engines behind `hotpath/zlib`.

pub mod buffer_pool;
pub mod chunk_writer;
pub mod codec_cache;
pub mod codec_error;
pub mod codecs;
pub mod crc32;
pub mod headers;
pub mod many;
pub mod mode;
pub mod one_shot;
pub mod parallel_deflate;
pub mod route;
#[cfg(test)]
mod testing;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
