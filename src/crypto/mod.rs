//! Engines behind `hotpath/crypto`: message digests, HMAC and PBKDF2/HKDF for the
//! algorithms hotpath runs natively, plus hashing many inputs or files in parallel.

pub mod digest;
pub mod files;
pub mod hmac;
pub mod kdf;
pub mod many;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
