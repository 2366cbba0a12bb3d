//! HMAC (RFC 2104) over any native digest, so every algorithm uses its fastest engine.

use super::digest::{Algorithm, Hasher, Output};

/// The two keyed states, computed once per key; cloning them starts each message.
#[derive(Clone)]
pub struct HmacKey {
    inner: Hasher,
    outer: Hasher,
}

impl HmacKey {
    pub fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        let block = algorithm.block_len();
        let mut padded = [0u8; 128];
        if key.len() > block {
            let hashed = super::digest::digest(algorithm, key);
            padded[..hashed.as_bytes().len()].copy_from_slice(hashed.as_bytes());
        } else {
            padded[..key.len()].copy_from_slice(key);
        }
        let mut pad = [0u8; 128];
        let mut inner = Hasher::new(algorithm);
        for (p, k) in pad.iter_mut().zip(&padded[..block]) {
            *p = k ^ 0x36;
        }
        inner.update(&pad[..block]);
        let mut outer = Hasher::new(algorithm);
        for (p, k) in pad.iter_mut().zip(&padded[..block]) {
            *p = k ^ 0x5c;
        }
        outer.update(&pad[..block]);
        HmacKey { inner, outer }
    }

    /// A running MAC over a message.
    pub fn start(&self) -> Hmac {
        Hmac {
            inner: self.inner.clone(),
            outer: self.outer.clone(),
        }
    }

    pub fn sign(&self, message: &[u8]) -> Output {
        let mut mac = self.start();
        mac.update(message);
        mac.finish()
    }
}

#[derive(Clone)]
pub struct Hmac {
    inner: Hasher,
    outer: Hasher,
}

impl Hmac {
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    pub fn finish(self) -> Output {
        let inner = self.inner.finish();
        let mut outer = self.outer;
        outer.update(inner.as_bytes());
        outer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc_4231_case_2() {
        let mac = HmacKey::new(Algorithm::Sha256, b"Jefe").sign(b"what do ya want for nothing?");
        assert_eq!(
            hex(mac.as_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn rfc_4231_case_2_for_sha384_and_sha512() {
        for (algorithm, expected) in [
            (Algorithm::Sha384, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
            (Algorithm::Sha512, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        ] {
            let mac = HmacKey::new(algorithm, b"Jefe").sign(b"what do ya want for nothing?");
            assert_eq!(hex(mac.as_bytes()), expected, "{algorithm:?}");
        }
    }

    #[test]
    fn keys_longer_than_a_block_are_hashed_first() {
        let key = [0xaau8; 131];
        let mac = HmacKey::new(Algorithm::Sha256, &key)
            .sign(b"Test Using Larger Than Block-Size Key - Hash Key First");
        assert_eq!(
            hex(mac.as_bytes()),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn matches_ring_for_sha384_and_sha512() {
        for (algorithm, ring_algorithm) in [
            (Algorithm::Sha384, ring::hmac::HMAC_SHA384),
            (Algorithm::Sha512, ring::hmac::HMAC_SHA512),
            (Algorithm::Sha1, ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY),
        ] {
            for key_len in [0, 1, 64, 127, 128, 129, 300] {
                let key: Vec<u8> = (0..key_len).map(|i| i as u8).collect();
                let ours = HmacKey::new(algorithm, &key).sign(b"message");
                let theirs =
                    ring::hmac::sign(&ring::hmac::Key::new(ring_algorithm, &key), b"message");
                assert_eq!(
                    ours.as_bytes(),
                    theirs.as_ref(),
                    "{algorithm:?} key {key_len}"
                );
            }
        }
    }
}
