//! Decoded bytes as the contents of a JS string.
//!
//! V8 stores a string either as one byte per character (Latin-1) or as UTF-16 units;
//! producing the narrower form whenever the text allows it halves what has to be
//! copied into the JS heap, and pure ASCII input is handed over without any copy here.

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::base64;
use super::node_encoding::NodeEncoding;

#[derive(Debug, PartialEq, Eq)]
pub enum JsText<'a> {
    /// Every character is U+0000..=U+00FF, one byte each.
    Latin1(Cow<'a, [u8]>),
    Utf16(Vec<u16>),
}

impl JsText<'_> {
    pub fn len(&self) -> usize {
        match self {
            JsText::Latin1(bytes) => bytes.len(),
            JsText::Utf16(units) => units.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `self` followed by `other`, in the narrowest form that holds both.
    pub fn concat(self, other: JsText<'_>) -> JsText<'static> {
        match (self, other) {
            (JsText::Latin1(a), JsText::Latin1(b)) => {
                let mut joined = a.into_owned();
                joined.extend_from_slice(&b);
                JsText::Latin1(Cow::Owned(joined))
            }
            (a, b) => {
                let mut joined = a.into_utf16();
                joined.extend(b.into_utf16());
                JsText::Utf16(joined)
            }
        }
    }

    pub fn into_owned(self) -> JsText<'static> {
        match self {
            JsText::Latin1(bytes) => JsText::Latin1(Cow::Owned(bytes.into_owned())),
            JsText::Utf16(units) => JsText::Utf16(units),
        }
    }

    pub fn into_utf16(self) -> Vec<u16> {
        match self {
            JsText::Latin1(bytes) => bytes.iter().map(|&b| u16::from(b)).collect(),
            JsText::Utf16(units) => units,
        }
    }

    /// The text as a Rust string (lone surrogates become U+FFFD); for tests and tools.
    pub fn to_string_lossy(&self) -> String {
        match self {
            JsText::Latin1(bytes) => bytes.iter().map(|&b| char::from(b)).collect(),
            JsText::Utf16(units) => String::from_utf16_lossy(units),
        }
    }
}

/// Decodes `bytes` the way Node turns bytes of `encoding` into a string
/// (`buffer.toString(encoding)`), as StringDecoder does for each piece it emits.
pub fn render(encoding: NodeEncoding, bytes: &[u8]) -> JsText<'_> {
    match encoding {
        NodeEncoding::Utf8 => render_utf8(bytes),
        NodeEncoding::Latin1 => JsText::Latin1(Cow::Borrowed(bytes)),
        NodeEncoding::Ascii => render_ascii(bytes),
        NodeEncoding::Hex => JsText::Latin1(Cow::Owned(hex(bytes))),
        NodeEncoding::Base64 => JsText::Latin1(Cow::Owned(base64::encode(bytes, false))),
        NodeEncoding::Base64Url => JsText::Latin1(Cow::Owned(base64::encode(bytes, true))),
        NodeEncoding::Utf16Le => JsText::Utf16(
            bytes
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect(),
        ),
    }
}

/// UTF-8 with each maximal invalid subsequence replaced by one U+FFFD (the WHATWG
/// rule, which V8 follows too).
pub fn render_utf8(bytes: &[u8]) -> JsText<'_> {
    // std's check is vectorised; encoding_rs's (without nightly SIMD) is not.
    if bytes.is_ascii() {
        return JsText::Latin1(Cow::Borrowed(bytes));
    }
    let ascii = Encoding::ascii_valid_up_to(bytes);
    if ascii == bytes.len() {
        return JsText::Latin1(Cow::Borrowed(bytes));
    }
    let rest = &bytes[ascii..];
    if encoding_rs::mem::utf8_latin1_up_to(rest) == rest.len() {
        // Valid UTF-8 with nothing above U+00FF: Latin-1 is never longer than its UTF-8.
        let mut latin1 = vec![0u8; bytes.len()];
        latin1[..ascii].copy_from_slice(&bytes[..ascii]);
        let written = encoding_rs::mem::convert_utf8_to_latin1_lossy(rest, &mut latin1[ascii..]);
        latin1.truncate(ascii + written);
        return JsText::Latin1(Cow::Owned(latin1));
    }
    JsText::Utf16(utf8_to_utf16(bytes))
}

/// UTF-8 to UTF-16 units, invalid sequences replaced as `render_utf8` says. Valid text
/// (the common case) goes through simdutf, the transcoder Node itself uses: about 7×
/// encoding_rs's speed on Japanese text in 64 KiB pieces (measured on the dev machine;
/// the `utf8 write()` rows of benches/string_decoder.bench.mjs show the whole path).
/// simdutf refuses invalid input as a whole, and then encoding_rs, which replaces each
/// maximal invalid subsequence, decodes it instead.
fn utf8_to_utf16(bytes: &[u8]) -> Vec<u16> {
    let mut units = vec![0u16; bytes.len() + 1];
    // SAFETY: UTF-8 never takes fewer bytes than UTF-16 units, so `units` (one longer
    // than `bytes`) has room for the whole result; simdutf writes nothing past it.
    let written =
        unsafe { simdutf::convert_utf8_to_utf16(bytes.as_ptr(), bytes.len(), units.as_mut_ptr()) };
    let written = if written == 0 && !bytes.is_empty() {
        encoding_rs::mem::convert_utf8_to_utf16(bytes, &mut units)
    } else {
        written
    };
    units.truncate(written);
    units
}

/// Node's 'ascii' decoding clears the high bit of every byte.
fn render_ascii(bytes: &[u8]) -> JsText<'_> {
    if bytes.is_ascii() {
        JsText::Latin1(Cow::Borrowed(bytes))
    } else {
        JsText::Latin1(Cow::Owned(bytes.iter().map(|b| b & 0x7f).collect()))
    }
}

fn hex(bytes: &[u8]) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_utf8_is_borrowed_latin1() {
        assert_eq!(
            render_utf8(b"plain"),
            JsText::Latin1(Cow::Borrowed(&b"plain"[..]))
        );
    }

    #[test]
    fn latin1_range_utf8_narrows_to_one_byte_per_char() {
        let text = render_utf8("café ß".as_bytes());
        assert_eq!(text, JsText::Latin1(Cow::Owned(b"caf\xe9 \xdf".to_vec())));
    }

    #[test]
    fn wider_utf8_becomes_utf16() {
        let text = render_utf8("日本 😀".as_bytes());
        assert_eq!(text.to_string_lossy(), "日本 😀");
        assert!(matches!(text, JsText::Utf16(_)));
    }

    #[test]
    fn invalid_utf8_replaces_each_maximal_subpart() {
        let cases: [(&[u8], &str); 6] = [
            (b"\xe2", "\u{fffd}"),
            (b"\xe2\x82A", "\u{fffd}A"),
            (b"\xf0\xb8A", "\u{fffd}A"),
            (b"\xed\xa0\xb5", "\u{fffd}\u{fffd}\u{fffd}"),
            (b"\xc0\x80", "\u{fffd}\u{fffd}"),
            (b"\xccA\xb8", "\u{fffd}A\u{fffd}"),
        ];
        for (input, expected) in cases {
            assert_eq!(render_utf8(input).to_string_lossy(), expected, "{input:x?}");
        }
    }

    #[test]
    fn valid_and_invalid_text_decode_as_encoding_rs_decodes_them() {
        let mut next = crate::test_random::xorshift(0x0f8);
        let pieces: [&[u8]; 9] = [
            b"a",
            "\u{e9}".as_bytes(),
            "\u{65e5}".as_bytes(),
            "\u{1f600}".as_bytes(),
            b"\xff",
            b"\xe2\x82",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf4\x90\x80\x80",
        ];
        for round in 0..3000 {
            let valid_only = round % 2 == 0;
            let bytes: Vec<u8> = (0..next() % 200)
                .flat_map(|_| {
                    pieces[(next() % if valid_only { 4 } else { 9 }) as usize]
                        .iter()
                        .copied()
                })
                .collect();
            let mut expected = vec![0u16; bytes.len() + 1];
            let written = encoding_rs::mem::convert_utf8_to_utf16(&bytes, &mut expected);
            expected.truncate(written);
            assert_eq!(utf8_to_utf16(&bytes), expected, "{bytes:x?}");
        }
    }

    #[test]
    fn ascii_masks_the_high_bit() {
        assert_eq!(
            render(NodeEncoding::Ascii, b"\xe9a").to_string_lossy(),
            "ia"
        );
    }

    #[test]
    fn hex_base64_and_utf16() {
        assert_eq!(
            render(NodeEncoding::Hex, b"\x00\xff").to_string_lossy(),
            "00ff"
        );
        assert_eq!(
            render(NodeEncoding::Base64, b"ab").to_string_lossy(),
            "YWI="
        );
        assert_eq!(
            render(NodeEncoding::Base64Url, b"ab").to_string_lossy(),
            "YWI"
        );
        assert_eq!(
            render(NodeEncoding::Utf16Le, b"a\x00b").to_string_lossy(),
            "a"
        );
    }

    #[test]
    fn concat_keeps_latin1_when_both_sides_are() {
        let joined =
            JsText::Latin1(Cow::Borrowed(b"a")).concat(JsText::Latin1(Cow::Borrowed(b"b")));
        assert_eq!(joined, JsText::Latin1(Cow::Owned(b"ab".to_vec())));
        let wide = JsText::Latin1(Cow::Borrowed(b"a")).concat(JsText::Utf16(vec![0x65e5]));
        assert_eq!(wide, JsText::Utf16(vec![0x61, 0x65e5]));
    }
}
