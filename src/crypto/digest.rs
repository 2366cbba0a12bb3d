//! The natively computed digests, each from the engine measured fastest here:
//! ring (SHA-NI/AVX2 assembly) for the SHA-2 family, the `sha1` crate for SHA-1 (ring's
//! has no SHA-NI path), `md-5` for MD5.

use md5::Digest as _;

/// The JS face's alias table names these by the addon's `DigestAlgorithm` object,
/// so the ids are written only here.
#[cfg_attr(
    all(feature = "napi", not(test)),
    napi_derive::napi(js_name = "DigestAlgorithm")
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Md5 = 0,
    Sha1 = 1,
    Sha256 = 2,
    Sha384 = 3,
    Sha512 = 4,
    Sha512_256 = 5,
}

impl Algorithm {
    pub const ALL: [Algorithm; 6] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
        Algorithm::Sha512_256,
    ];

    pub fn output_len(self) -> usize {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 | Algorithm::Sha512_256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }

    pub fn block_len(self) -> usize {
        match self {
            Algorithm::Md5 | Algorithm::Sha1 | Algorithm::Sha256 => 64,
            Algorithm::Sha384 | Algorithm::Sha512 | Algorithm::Sha512_256 => 128,
        }
    }

    fn ring(self) -> Option<&'static ring::digest::Algorithm> {
        match self {
            Algorithm::Sha256 => Some(&ring::digest::SHA256),
            Algorithm::Sha384 => Some(&ring::digest::SHA384),
            Algorithm::Sha512 => Some(&ring::digest::SHA512),
            Algorithm::Sha512_256 => Some(&ring::digest::SHA512_256),
            Algorithm::Md5 | Algorithm::Sha1 => None,
        }
    }
}

/// A finished digest: at most 64 bytes, kept inline.
#[derive(Clone, Copy)]
pub struct Output {
    bytes: [u8; 64],
    len: usize,
}

impl Output {
    fn from_slice(digest: &[u8]) -> Self {
        let mut bytes = [0; 64];
        bytes[..digest.len()].copy_from_slice(digest);
        Output {
            bytes,
            len: digest.len(),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// An incremental hash; `Clone` gives `hash.copy()`.
#[derive(Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Ring(ring::digest::Context),
}

impl Hasher {
    pub fn new(algorithm: Algorithm) -> Self {
        match algorithm.ring() {
            Some(ring_algorithm) => Hasher::Ring(ring::digest::Context::new(ring_algorithm)),
            None if algorithm == Algorithm::Md5 => Hasher::Md5(md5::Md5::new()),
            None => Hasher::Sha1(sha1::Sha1::new()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => sha1::Digest::update(h, data),
            Hasher::Ring(h) => h.update(data),
        }
    }

    pub fn finish(self) -> Output {
        match self {
            Hasher::Md5(h) => Output::from_slice(&h.finalize()),
            Hasher::Sha1(h) => Output::from_slice(&sha1::Digest::finalize(h)),
            Hasher::Ring(h) => Output::from_slice(h.finish().as_ref()),
        }
    }
}

/// The digest of `data` in one call.
pub fn digest(algorithm: Algorithm, data: &[u8]) -> Output {
    match algorithm.ring() {
        Some(ring_algorithm) => {
            Output::from_slice(ring::digest::digest(ring_algorithm, data).as_ref())
        }
        None => {
            let mut hasher = Hasher::new(algorithm);
            hasher.update(data);
            hasher.finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_answers_for_abc() {
        let cases = [
            (Algorithm::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (Algorithm::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                Algorithm::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                Algorithm::Sha512_256,
                "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
            ),
        ];
        for (algorithm, expected) in cases {
            assert_eq!(
                hex(digest(algorithm, b"abc").as_bytes()),
                expected,
                "{algorithm:?}"
            );
        }
    }

    /// FIPS 180-2's examples (the empty message, "abc", and the 896-bit two-block
    /// message), which ring computes for SHA-384/512: checked against the standard,
    /// not against ring itself.
    #[test]
    fn known_answers_for_sha384_and_sha512() {
        let two_blocks = b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
        let cases: [(Algorithm, &[u8], &str); 6] = [
            (Algorithm::Sha384, b"", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
            (Algorithm::Sha384, b"abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
            (Algorithm::Sha384, two_blocks, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"),
            (Algorithm::Sha512, b"", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
            (Algorithm::Sha512, b"abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
            (Algorithm::Sha512, two_blocks, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
        ];
        for (algorithm, message, expected) in cases {
            assert_eq!(
                hex(digest(algorithm, message).as_bytes()),
                expected,
                "{algorithm:?} of {} bytes",
                message.len()
            );
            let mut split = Hasher::new(algorithm);
            for piece in message.chunks(7) {
                split.update(piece);
            }
            assert_eq!(
                hex(split.finish().as_bytes()),
                expected,
                "{algorithm:?} in pieces"
            );
        }
    }

    #[test]
    fn incremental_equals_one_shot_and_clones_independently() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 13) as u8).collect();
        for algorithm in Algorithm::ALL {
            let mut hasher = Hasher::new(algorithm);
            hasher.update(&data[..1234]);
            let copy = hasher.clone();
            hasher.update(&data[1234..]);
            assert_eq!(
                hasher.finish().as_bytes(),
                digest(algorithm, &data).as_bytes()
            );
            assert_eq!(
                copy.finish().as_bytes(),
                digest(algorithm, &data[..1234]).as_bytes()
            );
            assert_eq!(
                digest(algorithm, b"").as_bytes().len(),
                algorithm.output_len()
            );
        }
    }
}
