//! PBKDF2 (RFC 8018): ring's implementation for SHA-1/SHA-2, and the HMAC of this
//! module's digests for the others.

use std::num::NonZeroU32;

use super::digest::Algorithm;
use super::hmac::HmacKey;

pub fn pbkdf2(
    algorithm: Algorithm,
    password: &[u8],
    salt: &[u8],
    iterations: NonZeroU32,
    out: &mut [u8],
) {
    let ring_algorithm = match algorithm {
        Algorithm::Sha1 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA1),
        Algorithm::Sha256 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA256),
        Algorithm::Sha384 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA384),
        Algorithm::Sha512 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA512),
        Algorithm::Md5 | Algorithm::Sha512_256 => None,
    };
    match ring_algorithm {
        Some(ring_algorithm) => {
            ring::pbkdf2::derive(ring_algorithm, iterations, salt, password, out)
        }
        None => generic_pbkdf2(algorithm, password, salt, iterations.get(), out),
    }
}

fn generic_pbkdf2(
    algorithm: Algorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    let key = HmacKey::new(algorithm, password);
    for (index, block) in out.chunks_mut(algorithm.output_len()).enumerate() {
        let mut mac = key.start();
        mac.update(salt);
        mac.update(&(index as u32 + 1).to_be_bytes());
        let mut u = mac.finish();
        let mut t = [0u8; 64];
        let len = block.len();
        t[..len].copy_from_slice(&u.as_bytes()[..len]);
        for _ in 1..iterations {
            u = key.sign(u.as_bytes());
            for (acc, byte) in t[..len].iter_mut().zip(u.as_bytes()) {
                *acc ^= byte;
            }
        }
        block.copy_from_slice(&t[..len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc_6070_sha1() {
        let mut out = [0u8; 20];
        pbkdf2(
            Algorithm::Sha1,
            b"password",
            b"salt",
            NonZeroU32::new(4096).unwrap(),
            &mut out,
        );
        assert_eq!(hex(&out), "4b007901b765489abead49d926f721d065a429c1");
    }

    #[test]
    fn generic_pbkdf2_matches_ring() {
        let mut ours = [0u8; 77];
        let mut theirs = [0u8; 77];
        generic_pbkdf2(Algorithm::Sha256, b"pw", b"salty", 1000, &mut ours);
        pbkdf2(
            Algorithm::Sha256,
            b"pw",
            b"salty",
            NonZeroU32::new(1000).unwrap(),
            &mut theirs,
        );
        assert_eq!(ours, theirs);
    }
}
