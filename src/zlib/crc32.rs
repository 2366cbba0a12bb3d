//! CRC-32 (IEEE 802.3, the polynomial of gzip and zlib's `crc32()`).

/// Continues the CRC-32 `previous` over `data`, as zlib's `crc32(previous, data, len)`
/// does: `previous` is a finished CRC value (0 to start), not a raw register.
pub fn crc32(previous: u32, data: &[u8]) -> u32 {
    // crc32fast picks PCLMULQDQ (x86) or the CRC extension (aarch64) at run time.
    let mut hasher = crc32fast::Hasher::new_with_initial(previous);
    hasher.update(data);
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn empty_input_keeps_the_previous_value() {
        assert_eq!(crc32(0, b""), 0);
        assert_eq!(crc32(0xdead_beef, b""), 0xdead_beef);
    }

    #[test]
    fn matches_the_standard_check_value() {
        // The CRC-32 catalogue's check value for "123456789".
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(0, b"hello"), 907_060_870);
    }

    #[test]
    fn continuing_over_a_split_equals_one_pass() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = crc32(0, &data);
        for cut in [0, 1, 15, 16, 17, 63, 64, 4095, 9_999, 10_000] {
            let (a, b) = data.split_at(cut);
            assert_eq!(crc32(crc32(0, a), b), whole, "split at {cut}");
        }
    }

    #[test]
    fn matches_a_bitwise_reference_on_every_length_up_to_300() {
        fn reference(mut crc: u32, data: &[u8]) -> u32 {
            crc = !crc;
            for &byte in data {
                crc ^= u32::from(byte);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xedb8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let data: Vec<u8> = (0..300u32).map(|i| (i * 31 + 5) as u8).collect();
        for len in 0..=data.len() {
            assert_eq!(
                crc32(12345, &data[..len]),
                reference(12345, &data[..len]),
                "length {len}"
            );
        }
    }
}
