//! Node's StringDecoder state machine, every encoding, any chunking: the pieces that
//! `write()` and `end()` emit, joined, are what `buffer.toString(encoding)` gives for
//! all the bytes at once (the property Node's own test-string-decoder-fuzz checks);
//! UTF-8 matches std's lossy decoding (WHATWG's one U+FFFD per maximal subpart); and a
//! state that JS code scribbled on never makes the engine panic.
#![no_main]

use hotpath::text::js_text::render;
use hotpath::text::node_decoder::{flush_text, new_state, write, STATE_LEN};
use hotpath::text::node_encoding::{NodeEncoding, ALL as ENCODINGS};
use hotpath_fuzz::{chunks, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let encoding = ENCODINGS[usize::from(input.byte()) % ENCODINGS.len()];
    let scribble = input.byte().is_multiple_of(8);
    let poked = input.take(STATE_LEN);
    let cuts = input.piece();
    let data = input.rest();

    let mut state = new_state(encoding);
    if scribble {
        // Any bytes in the counts (the encoding slot stays valid): no panic, and the
        // engine still emits something for every write.
        for (slot, &value) in state.iter_mut().zip(poked).take(6) {
            *slot = value;
        }
        for chunk in chunks(data, cuts) {
            let Ok(decoded) = write(&mut state, chunk) else {
                panic!("encoding slot lost")
            };
            let _ = decoded.into_text().into_utf16();
        }
        let _ = flush_text(&mut state);
        return;
    }

    let mut streamed: Vec<u16> = Vec::new();
    for chunk in chunks(data, cuts) {
        let Ok(decoded) = write(&mut state, chunk) else {
            panic!("encoding slot lost")
        };
        streamed.extend(decoded.into_text().into_utf16());
    }
    let Ok(tail) = flush_text(&mut state) else {
        panic!("encoding slot lost")
    };
    streamed.extend(tail.into_utf16());
    let whole = render(encoding, data).into_utf16();
    assert!(
        streamed == whole,
        "{encoding:?}: chunked {streamed:?} vs whole {whole:?}"
    );
    // Node leaves the old bytes in the character buffer; only the counts reset.
    assert_eq!(
        state[4..],
        new_state(encoding)[4..],
        "end() leaves a fresh decoder"
    );

    if encoding == NodeEncoding::Utf8 {
        let lossy: Vec<u16> = String::from_utf8_lossy(data).encode_utf16().collect();
        assert!(whole == lossy, "UTF-8 differs from WHATWG decoding");
    }
});
