//! Engines behind `hotpath/zlib`.

pub mod crc32;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
