//! O(1) encoding for the stateless ASCII-compatible legacy encodings.
//!
//! encoding_rs looks many characters up by linear search (JIS X 0208 symbols, ranges,
//! single-byte tables), about 10 ns a character on Japanese prose. A table indexed by
//! UTF-16 unit, filled once per encoding by asking encoding_rs itself how it encodes
//! each BMP character, gives identical bytes by construction at a lookup apiece.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use encoding_rs::{EncoderResult, Encoding};

/// Entry packing: `len << 24 | b0 << 16 | b1 << 8 | b2`, len 1..=3.
const UNMAPPABLE: u32 = 0;
/// Encoded to more than 3 bytes (gb18030's four-byte form): ask encoding_rs.
const LONG_FORM: u32 = u32::MAX;

pub struct EncodeTable {
    encoding: &'static Encoding,
    entries: Box<[u32]>,
}

/// Encodings whose encoder is stateless and ASCII-compatible, so each character's
/// bytes do not depend on its neighbours.
pub fn supports(encoding: &'static Encoding) -> bool {
    encoding.is_ascii_compatible()
        && encoding != encoding_rs::ISO_2022_JP
        && encoding != encoding_rs::UTF_8
        && encoding.output_encoding() == encoding
}

/// The table for `encoding`, built on first use and kept for the process (at most one
/// 256 KiB table per supported encoding).
pub fn table_for(encoding: &'static Encoding) -> Option<&'static EncodeTable> {
    if !supports(encoding) {
        return None;
    }
    static TABLES: OnceLock<Mutex<HashMap<&'static str, &'static EncodeTable>>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut tables = tables
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let table = tables
        .entry(encoding.name())
        .or_insert_with(|| Box::leak(Box::new(EncodeTable::build(encoding))));
    Some(*table)
}

/// Writes into `out` how encoding_rs encodes `character` alone; false when it cannot.
fn encode_one(encoding: &'static Encoding, character: char, out: &mut Vec<u8>) -> bool {
    let mut utf8 = [0u8; 4];
    let text = character.encode_utf8(&mut utf8);
    let mut encoder = encoding.new_encoder();
    out.clear();
    out.reserve(16);
    let (result, _) = encoder.encode_from_utf8_to_vec_without_replacement(text, out, true);
    result == EncoderResult::InputEmpty
}

impl EncodeTable {
    fn build(encoding: &'static Encoding) -> Self {
        let mut entries = vec![UNMAPPABLE; 0x10000].into_boxed_slice();
        let mut bytes = Vec::new();
        for unit in 0..=0xffffu32 {
            let Some(character) = char::from_u32(unit) else {
                continue;
            }; // surrogates
            if !encode_one(encoding, character, &mut bytes) {
                continue;
            }
            entries[unit as usize] = match bytes.len() {
                1..=3 => {
                    let mut packed = (bytes.len() as u32) << 24;
                    for (i, &b) in bytes.iter().enumerate() {
                        packed |= u32::from(b) << (16 - 8 * i);
                    }
                    packed
                }
                _ => LONG_FORM,
            };
        }
        EncodeTable { encoding, entries }
    }

    /// Encodes UTF-16 `units`; unmappable characters become `?` as in iconv-lite (one per
    /// UTF-16 unit for single-byte encodings, one per character otherwise).
    pub fn encode(&self, units: &[u16]) -> Vec<u8> {
        // Two bytes a unit covers every table entry but the rare long forms.
        let mut out = Vec::with_capacity(units.len() * 2);
        let mut scratch = Vec::new();
        let single_byte = self.encoding.is_single_byte();
        let mut i = 0;
        while i < units.len() {
            let unit = units[i];
            i += 1;
            if unit < 0x80 {
                out.push(unit as u8);
                continue;
            }
            if (0xd800..0xe000).contains(&unit) {
                let next = units.get(i).copied().unwrap_or(0);
                if unit < 0xdc00 && (0xdc00..0xe000).contains(&next) {
                    i += 1;
                    let code =
                        0x10000 + ((u32::from(unit) - 0xd800) << 10) + (u32::from(next) - 0xdc00);
                    let character = char::from_u32(code).unwrap_or('\u{fffd}');
                    if encode_one(self.encoding, character, &mut scratch) {
                        out.extend_from_slice(&scratch);
                    } else {
                        out.extend_from_slice(if single_byte { b"??" } else { b"?" });
                    }
                } else {
                    out.push(b'?');
                }
                continue;
            }
            match self.entries[usize::from(unit)] {
                UNMAPPABLE => out.push(b'?'),
                LONG_FORM => {
                    let character = char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}');
                    if encode_one(self.encoding, character, &mut scratch) {
                        out.extend_from_slice(&scratch);
                    } else {
                        out.push(b'?');
                    }
                }
                packed => {
                    let [len, b0, b1, b2] = packed.to_be_bytes();
                    match len {
                        1 => out.push(b0),
                        2 => out.extend_from_slice(&[b0, b1]),
                        _ => out.extend_from_slice(&[b0, b1, b2]),
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::string_decoder::legacy;

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn stateful_and_unicode_encodings_have_no_table() {
        assert!(table_for(encoding_rs::ISO_2022_JP).is_none());
        assert!(table_for(encoding_rs::UTF_16BE).is_none());
        assert!(table_for(encoding_rs::UTF_8).is_none());
        assert!(table_for(encoding_rs::SHIFT_JIS).is_some());
    }

    #[test]
    fn table_encoding_equals_encoding_rs_on_mixed_text() {
        let text = "ASCII 日本語「テスト」、ｶﾀｶﾅ ＡＢＣ① 中文 한국어 Привет € ß \u{20bb7}\u{1f600}";
        for encoding in [
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
            encoding_rs::EUC_KR,
            encoding_rs::GBK,
            encoding_rs::GB18030,
            encoding_rs::BIG5,
            encoding_rs::WINDOWS_1252,
            encoding_rs::KOI8_U,
        ] {
            let table = table_for(encoding).unwrap();
            assert_eq!(
                table.encode(&utf16(text)),
                legacy::encode(encoding, text).unwrap(),
                "{}",
                encoding.name()
            );
        }
    }

    #[test]
    fn lone_surrogates_become_question_marks() {
        let table = table_for(encoding_rs::SHIFT_JIS).unwrap();
        assert_eq!(table.encode(&[0x61, 0xd800, 0x62, 0xdc00]), b"a?b?");
    }
}
