//! The WHATWG encodings (encoding_rs) behind decode()/encode() and TextDecoder
//! streams: a chunked decode equals the one-shot decode into a kept buffer, and the
//! precomputed encode tables agree with encoding_rs on any text.
#![no_main]

use hotpath::string_decoder::encode_table;
use hotpath::string_decoder::legacy::{decode_into, encode, LegacyDecoder};
use hotpath_fuzz::{chunks, Input};
use libfuzzer_sys::fuzz_target;

static ENCODINGS: [&encoding_rs::Encoding; 40] = [
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
    encoding_rs::GB18030,
    encoding_rs::GBK,
    encoding_rs::IBM866,
    encoding_rs::ISO_2022_JP,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_5,
    encoding_rs::ISO_8859_6,
    encoding_rs::ISO_8859_7,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_8_I,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::MACINTOSH,
    encoding_rs::REPLACEMENT,
    encoding_rs::SHIFT_JIS,
    encoding_rs::UTF_16BE,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_8,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::WINDOWS_874,
    encoding_rs::X_MAC_CYRILLIC,
    encoding_rs::X_USER_DEFINED,
];

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let encoding = ENCODINGS[usize::from(input.byte()) % ENCODINGS.len()];
    let cuts = input.piece();
    let text_bytes = input.piece();
    let data = input.rest();

    let mut scratch = vec![0xabcd; usize::from(input.byte())];
    let Ok(whole) = decode_into(encoding, data, &mut scratch).map(<[u16]>::to_vec) else {
        panic!("too large")
    };
    let mut decoder = LegacyDecoder::new(encoding);
    let mut streamed = Vec::new();
    for chunk in chunks(data, cuts) {
        let Ok(units) = decoder.decode(chunk, false) else {
            panic!("too large")
        };
        streamed.extend(units);
    }
    let Ok(units) = decoder.decode(&[], true) else {
        panic!("too large")
    };
    streamed.extend(units);
    assert!(
        streamed == whole,
        "{}: chunked decode differs",
        encoding.name()
    );

    // Encoding: what was decoded, and text the fuzzer writes directly.
    for text in [
        String::from_utf16_lossy(&whole),
        String::from_utf8_lossy(text_bytes).into_owned(),
    ] {
        let Ok(bytes) = encode(encoding, &text) else {
            panic!("too large")
        };
        if let Some(table) = encode_table::table_for(encoding) {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert!(
                table.encode(&units) == bytes,
                "{}: table and encoding_rs differ",
                encoding.name()
            );
        }
    }
});
