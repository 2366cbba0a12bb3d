//! Base64 and base64url encoding of decoder output, as Node's StringDecoder emits it:
//! base64 with `=` padding, base64url without.

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes `input`; `url` picks the base64url alphabet and drops the padding.
pub fn encode(input: &[u8], url: bool) -> Vec<u8> {
    let alphabet = if url { URL_SAFE } else { STANDARD };
    let mut out = Vec::with_capacity(input.len().div_ceil(3) * 4);
    let mut groups = input.chunks_exact(3);
    for group in &mut groups {
        let n = (u32::from(group[0]) << 16) | (u32::from(group[1]) << 8) | u32::from(group[2]);
        for shift in [18, 12, 6, 0] {
            out.push(alphabet[((n >> shift) & 63) as usize]);
        }
    }
    let rest = groups.remainder();
    if !rest.is_empty() {
        let n = (u32::from(rest[0]) << 16) | (u32::from(*rest.get(1).unwrap_or(&0)) << 8);
        let digits = rest.len() + 1;
        for shift in [18, 12, 6].iter().take(digits) {
            out.push(alphabet[((n >> shift) & 63) as usize]);
        }
        if !url {
            out.resize(out.len() + 4 - digits, b'=');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn pads_standard_and_not_url_safe() {
        assert_eq!(encode(b"", false), b"");
        assert_eq!(encode(b"f", false), b"Zg==");
        assert_eq!(encode(b"fo", false), b"Zm8=");
        assert_eq!(encode(b"foo", false), b"Zm9v");
        assert_eq!(encode(b"foob", true), b"Zm9vYg");
        assert_eq!(encode(&[0xfb, 0xff], false), b"+/8=");
        assert_eq!(encode(&[0xfb, 0xff], true), b"-_8");
    }
}
