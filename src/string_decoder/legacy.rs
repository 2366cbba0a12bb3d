//! Every encoding of the WHATWG Encoding Standard, through encoding_rs: streaming
//! decoding to UTF-16 and encoding with iconv-lite's rule for unmappable characters.

use encoding_rs::{CoderResult, Decoder, EncoderResult, Encoding};

/// The encoding a WHATWG label names (case-insensitive, surrounding spaces ignored).
pub fn lookup(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.as_bytes())
}

#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// A streaming decoder; a character split across `decode` calls is completed by the
/// next call, and `last` flushes (an unfinished character becomes U+FFFD) and resets.
pub struct LegacyDecoder {
    encoding: &'static Encoding,
    decoder: Decoder,
}

impl LegacyDecoder {
    pub fn new(encoding: &'static Encoding) -> Self {
        // Like Node's StringDecoder, a byte order mark is text, not a signal.
        LegacyDecoder {
            encoding,
            decoder: encoding.new_decoder_without_bom_handling(),
        }
    }

    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    pub fn decode(&mut self, input: &[u8], last: bool) -> Result<Vec<u16>, TooLarge> {
        let mut out = Vec::new();
        let written = decode_with(&mut self.decoder, input, last, &mut out)?;
        out.truncate(written);
        if last {
            self.decoder = self.encoding.new_decoder_without_bom_handling();
        }
        Ok(out)
    }
}

/// Decodes `input` into `out`, grown to the worst case if shorter (its old contents
/// are overwritten, never read); returns how many units were written.
fn decode_with(
    decoder: &mut Decoder,
    input: &[u8],
    last: bool,
    out: &mut Vec<u16>,
) -> Result<usize, TooLarge> {
    let capacity = decoder
        .max_utf16_buffer_length(input.len())
        .ok_or(TooLarge)?;
    if out.len() < capacity {
        out.resize(capacity, 0);
    }
    let (result, read, written, _) = decoder.decode_to_utf16(input, &mut out[..capacity], last);
    // The buffer was sized for the worst case, so all input is always consumed.
    debug_assert!(result == CoderResult::InputEmpty && read == input.len());
    Ok(written)
}

/// Decodes a whole input into `scratch` and returns the decoded units: a caller that
/// keeps `scratch` between calls decodes into memory that is already mapped.
pub fn decode_into<'a>(
    encoding: &'static Encoding,
    input: &[u8],
    scratch: &'a mut Vec<u16>,
) -> Result<&'a [u16], TooLarge> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let written = decode_with(&mut decoder, input, true, scratch)?;
    Ok(&scratch[..written])
}

/// Encodes `text` into `encoding`'s bytes. A character the encoding cannot represent
/// becomes `?` as in iconv-lite: one per UTF-16 unit for single-byte encodings (so two
/// for a character beyond U+FFFF), one per character for the others. UTF-16 and the
/// replacement encoding encode to UTF-8, their WHATWG output encoding.
pub fn encode(encoding: &'static Encoding, text: &str) -> Result<Vec<u8>, TooLarge> {
    let mut encoder = encoding.new_encoder();
    let capacity = encoder
        .max_buffer_length_from_utf8_without_replacement(text.len())
        .ok_or(TooLarge)?;
    let mut out = Vec::with_capacity(capacity);
    let mut rest = text;
    loop {
        let (result, read) =
            encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return Ok(out),
            EncoderResult::OutputFull => {
                let more = encoder
                    .max_buffer_length_from_utf8_without_replacement(rest.len())
                    .ok_or(TooLarge)?;
                out.reserve(more.max(16));
            }
            EncoderResult::Unmappable(character) => {
                let marks = if encoding.is_single_byte() && u32::from(character) > 0xffff {
                    "??"
                } else {
                    "?"
                };
                // Through the encoder, so a stateful encoding (ISO-2022-JP) first
                // switches back to ASCII.
                let needed = encoder
                    .max_buffer_length_from_utf8_without_replacement(marks.len() + rest.len())
                    .ok_or(TooLarge)?;
                out.reserve(needed);
                let (mark_result, _) =
                    encoder.encode_from_utf8_to_vec_without_replacement(marks, &mut out, false);
                debug_assert_eq!(mark_result, EncoderResult::InputEmpty);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(encoding: &'static Encoding, input: &[u8]) -> Result<Vec<u16>, TooLarge> {
        decode_into(encoding, input, &mut Vec::new()).map(<[u16]>::to_vec)
    }

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn labels_resolve_case_insensitively() {
        assert_eq!(lookup(" Shift_JIS "), Some(encoding_rs::SHIFT_JIS));
        assert_eq!(lookup("latin1"), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(lookup("nope"), None);
    }

    #[test]
    fn decode_into_a_kept_buffer_gives_each_input_alone() {
        let mut scratch = Vec::new();
        let long = "日本語のテキスト".repeat(1000);
        let (long_bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&long);
        let units = decode_into(encoding_rs::SHIFT_JIS, &long_bytes, &mut scratch).unwrap();
        assert_eq!(units, utf16(&long).as_slice());
        let units = decode_into(encoding_rs::SHIFT_JIS, b"ab", &mut scratch).unwrap();
        assert_eq!(units, utf16("ab").as_slice());
        let units = decode_into(encoding_rs::SHIFT_JIS, b"", &mut scratch).unwrap();
        assert!(units.is_empty());
        // An unfinished character at the end is flushed as U+FFFD.
        let units = decode_into(encoding_rs::SHIFT_JIS, b"a\x82", &mut scratch).unwrap();
        assert_eq!(units, utf16("a\u{fffd}").as_slice());
    }

    #[test]
    fn windows_1252_maps_0x80_to_the_euro_sign() {
        assert_eq!(
            decode(encoding_rs::WINDOWS_1252, b"\x80").unwrap(),
            utf16("€")
        );
    }

    #[test]
    fn a_shift_jis_character_split_across_calls_decodes_whole() {
        let bytes = encode(encoding_rs::SHIFT_JIS, "日本語").unwrap();
        let mut decoder = LegacyDecoder::new(encoding_rs::SHIFT_JIS);
        let mut out = decoder.decode(&bytes[..1], false).unwrap();
        out.extend(decoder.decode(&bytes[1..3], false).unwrap());
        out.extend(decoder.decode(&bytes[3..], true).unwrap());
        assert_eq!(out, utf16("日本語"));
    }

    #[test]
    fn a_truncated_character_at_the_end_is_replaced() {
        assert_eq!(
            decode(encoding_rs::SHIFT_JIS, b"a\x93").unwrap(),
            utf16("a\u{fffd}")
        );
    }

    #[test]
    fn unmappable_characters_become_question_marks() {
        assert_eq!(
            encode(encoding_rs::WINDOWS_1252, "a€日😀").unwrap(),
            b"a\x80???"
        );
        assert_eq!(encode(encoding_rs::SHIFT_JIS, "a😀b").unwrap(), b"a?b");
    }

    #[test]
    fn iso_2022_jp_returns_to_ascii_before_a_question_mark() {
        let bytes = encode(encoding_rs::ISO_2022_JP, "日😀").unwrap();
        let text = String::from_utf16(&decode(encoding_rs::ISO_2022_JP, &bytes).unwrap()).unwrap();
        assert_eq!(text, "日?");
    }
}
