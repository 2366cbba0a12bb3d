//! Node's StringDecoder as a state machine over its 7-byte state buffer.
//!
//! Node keeps a decoder's state in a small Buffer on the JS object (the incomplete
//! character, how many bytes it still misses, how many are buffered, the encoding) and
//! exposes views of it as `lastChar`, `lastNeed` and `lastTotal`. hotpath keeps the
//! same layout in the same place, so those properties, `text()` and `end()` behave
//! identically; these functions read and update that buffer exactly as Node's do,
//! including the bytes they leave behind in it.

use super::js_text::{render, JsText};
use super::node_encoding::NodeEncoding;

/// Bytes 0..4: the incomplete character; then the slots `StateSlot` names.
pub type State = [u8; STATE_LEN];
pub const STATE_LEN: usize = 7;

/// The size of a StringDecoder's state buffer, for the faces (its slots: `DecoderStateSlot`).
#[cfg_attr(all(feature = "napi", not(test)), napi_derive::napi)]
pub const DECODER_STATE_LENGTH: u32 = STATE_LEN as u32;

/// The `Encoding` slot of a decoder of a WHATWG encoding Node lacks, whose text a
/// streaming WHATWG decoder beside the state produces. Not a `NodeEncoding`, so this
/// state machine refuses such a state (`UnknownEncodingId`) rather than guess.
#[cfg_attr(all(feature = "napi", not(test)), napi_derive::napi)]
pub const DECODER_STATE_WHATWG_ENCODING: u32 = 0xff;
const CHAR_LEN: usize = 4;

/// The state buffer's slots after the incomplete character. The JS faces read these
/// numbers from the addon (`DecoderStateSlot`), so the layout is written down once.
#[cfg_attr(
    all(feature = "napi", not(test)),
    napi_derive::napi(js_name = "DecoderStateSlot")
)]
pub enum StateSlot {
    /// How many bytes the incomplete character still misses (`lastNeed`).
    MissingBytes = 4,
    /// How many of its bytes are buffered (`lastTotal - lastNeed`).
    BufferedBytes = 5,
    /// The `NodeEncoding` id.
    Encoding = 6,
}

const MISSING: usize = StateSlot::MissingBytes as usize;
const BUFFERED: usize = StateSlot::BufferedBytes as usize;
const ENCODING: usize = StateSlot::Encoding as usize;

pub fn new_state(encoding: NodeEncoding) -> State {
    let mut state = [0; STATE_LEN];
    state[ENCODING] = encoding.id();
    state
}

/// What one `write()` emits: a character completed from earlier bytes, then the body
/// of this chunk, both still in the decoder's encoding.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub encoding: NodeEncoding,
    pub completed: Option<([u8; CHAR_LEN], usize)>,
    pub body: &'a [u8],
}

impl<'a> Decoded<'a> {
    pub fn into_text(self) -> JsText<'a> {
        let body = render(self.encoding, self.body);
        match self.completed {
            None => body,
            Some((bytes, len)) => render(self.encoding, &bytes[..len]).concat(body),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct UnknownEncodingId(pub u8);

fn encoding_of(state: &State) -> Result<NodeEncoding, UnknownEncodingId> {
    NodeEncoding::from_id(state[ENCODING]).ok_or(UnknownEncodingId(state[ENCODING]))
}

/// Keeps counts that JS code may have poked into the state within the 4-byte buffer.
fn clamp_counts(state: &mut State) {
    state[BUFFERED] = state[BUFFERED].min(CHAR_LEN as u8);
    state[MISSING] = state[MISSING].min(CHAR_LEN as u8 - state[BUFFERED]);
}

fn utf8_sequence_length(lead: u8) -> Option<u8> {
    match lead {
        _ if lead & 0xe0 == 0xc0 => Some(2),
        _ if lead & 0xf0 == 0xe0 => Some(3),
        _ if lead & 0xf8 == 0xf0 => Some(4),
        _ => None,
    }
}

const fn is_continuation(byte: u8) -> bool {
    byte & 0xc0 == 0x80
}

/// `decoder.write(chunk)`.
pub fn write<'a>(state: &mut State, chunk: &'a [u8]) -> Result<Decoded<'a>, UnknownEncodingId> {
    let encoding = encoding_of(state)?;
    if matches!(
        encoding,
        NodeEncoding::Ascii | NodeEncoding::Hex | NodeEncoding::Latin1
    ) {
        return Ok(Decoded {
            encoding,
            completed: None,
            body: chunk,
        });
    }
    clamp_counts(state);
    let mut data = chunk;
    let mut completed = None;

    if state[MISSING] > 0 {
        let buffered = usize::from(state[BUFFERED]);
        if encoding == NodeEncoding::Utf8 {
            // A byte that should continue the pending character but does not ends it
            // there: V8 will replace what was buffered, and the byte starts anew.
            let missing = usize::from(state[MISSING]);
            if let Some(stop) = data.iter().take(missing).position(|&b| !is_continuation(b)) {
                state[MISSING] = 0;
                state[buffered..buffered + stop].copy_from_slice(&data[..stop]);
                state[BUFFERED] += stop as u8;
                data = &data[stop..];
            }
        }
        let buffered = usize::from(state[BUFFERED]);
        let found = data.len().min(usize::from(state[MISSING]));
        state[buffered..buffered + found].copy_from_slice(&data[..found]);
        data = &data[found..];
        state[MISSING] -= found as u8;
        state[BUFFERED] += found as u8;
        if state[MISSING] == 0 {
            let mut bytes = [0; CHAR_LEN];
            bytes.copy_from_slice(&state[..CHAR_LEN]);
            completed = Some((bytes, usize::from(state[BUFFERED])));
            state[BUFFERED] = 0;
        }
    }

    if data.is_empty() {
        return Ok(Decoded {
            encoding,
            completed,
            body: data,
        });
    }

    // Any pending character was completed or ended above, so the counts are this
    // chunk's alone from here. (In Node's own states they are 0 already; JS code that
    // wrote others into the state must not make the slices below run backwards.)
    state[MISSING] = 0;
    state[BUFFERED] = 0;
    match encoding {
        NodeEncoding::Utf8 if data[data.len() - 1] & 0x80 != 0 => hold_utf8_tail(state, data),
        NodeEncoding::Utf16Le => {
            if data.len() % 2 == 1 {
                state[BUFFERED] = 1;
                state[MISSING] = 1;
            } else if data[data.len() - 1] & 0xfc == 0xd8 {
                // The high half of a surrogate pair waits for its low half.
                state[BUFFERED] = 2;
                state[MISSING] = 2;
            }
        }
        NodeEncoding::Base64 | NodeEncoding::Base64Url => {
            let rest = (data.len() % 3) as u8;
            state[BUFFERED] = rest;
            if rest > 0 {
                state[MISSING] = 3 - rest;
            }
        }
        _ => {}
    }

    let held = usize::from(state[BUFFERED]);
    let body_len = data.len() - held;
    state[..held].copy_from_slice(&data[body_len..]);
    Ok(Decoded {
        encoding,
        completed,
        body: &data[..body_len],
    })
}

/// Finds where the character that ends `data` begins, and whether it is complete.
/// Sets the buffered/missing counts for an incomplete one; leaves them 0 otherwise.
fn hold_utf8_tail(state: &mut State, data: &[u8]) {
    let (buffered, missing) = utf8_tail(data).unwrap_or((0, 0));
    state[BUFFERED] = buffered;
    state[MISSING] = missing;
}

/// The bytes Node's UTF-8 StringDecoder holds back at the end of `data` (an
/// incomplete character: `end()` turns it into U+FFFD, readline drops it) and how
/// many bytes it still misses; None when the last character is complete or invalid.
fn utf8_tail(data: &[u8]) -> Option<(u8, u8)> {
    let mut buffered = 0u8;
    for &byte in data.iter().rev() {
        buffered += 1;
        if is_continuation(byte) {
            if buffered >= 4 {
                // No lead byte within reach: invalid, left for the decoder to replace.
                return None;
            }
            continue;
        }
        let length = utf8_sequence_length(byte)?;
        // Complete (or over-long, hence invalid anyway): nothing to hold back.
        return (buffered < length).then(|| (buffered, length - buffered));
    }
    None
}

/// How many bytes at the end of a UTF-8 stream form an unfinished character, as
/// Node's StringDecoder sees them (0 when the stream ends on a whole character).
pub fn incomplete_utf8_tail_len(stream_end: &[u8]) -> usize {
    utf8_tail(stream_end).map_or(0, |(buffered, _)| usize::from(buffered))
}

/// `decoder.end()` after the optional last write: whatever is buffered, as text.
pub fn flush(state: &mut State) -> Result<Option<([u8; CHAR_LEN], usize)>, UnknownEncodingId> {
    let encoding = encoding_of(state)?;
    clamp_counts(state);
    if encoding == NodeEncoding::Utf16Le && state[BUFFERED] % 2 == 1 {
        // A lone trailing byte of UTF-16 is dropped.
        state[MISSING] = state[MISSING].saturating_sub(1);
        state[BUFFERED] -= 1;
    }
    if state[BUFFERED] == 0 {
        return Ok(None);
    }
    let mut bytes = [0; CHAR_LEN];
    bytes.copy_from_slice(&state[..CHAR_LEN]);
    let len = usize::from(state[BUFFERED]);
    state[MISSING] = 0;
    state[BUFFERED] = 0;
    Ok(Some((bytes, len)))
}

/// `flush` rendered as text.
pub fn flush_text(state: &mut State) -> Result<JsText<'static>, UnknownEncodingId> {
    let encoding = encoding_of(state)?;
    Ok(match flush(state)? {
        None => JsText::Latin1(Vec::new().into()),
        Some((bytes, len)) => render(encoding, &bytes[..len]).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(encoding: NodeEncoding, chunks: &[&[u8]]) -> String {
        let mut state = new_state(encoding);
        let mut out = String::new();
        for chunk in chunks {
            out += &write(&mut state, chunk)
                .unwrap()
                .into_text()
                .to_string_lossy();
        }
        out + &flush_text(&mut state).unwrap().to_string_lossy()
    }

    #[test]
    fn a_character_split_anywhere_decodes_whole() {
        let text = "a€😀é";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            for cut2 in cut..=bytes.len() {
                let chunks = [&bytes[..cut], &bytes[cut..cut2], &bytes[cut2..]];
                assert_eq!(
                    decode_all(NodeEncoding::Utf8, &chunks),
                    text,
                    "cuts {cut} {cut2}"
                );
            }
        }
    }

    #[test]
    fn write_holds_back_an_incomplete_character() {
        let mut state = new_state(NodeEncoding::Utf8);
        let decoded = write(&mut state, b"ab\xe2\x82").unwrap();
        assert_eq!(decoded.body, b"ab");
        assert_eq!(&state[..], &[0xe2, 0x82, 0, 0, 1, 2, 1]);
    }

    #[test]
    fn an_interrupted_character_becomes_one_replacement() {
        assert_eq!(
            decode_all(NodeEncoding::Utf8, &[b"\xf1", b"\x41\xf2"]),
            "\u{fffd}A\u{fffd}"
        );
        assert_eq!(decode_all(NodeEncoding::Utf8, &[b"\xe1\x8b"]), "\u{fffd}");
    }

    #[test]
    fn utf16_surrogate_pairs_wait_for_their_second_half() {
        let mut state = new_state(NodeEncoding::Utf16Le);
        assert!(write(&mut state, b"\x3d\xd8")
            .unwrap()
            .into_text()
            .is_empty());
        assert!(write(&mut state, b"\x4d").unwrap().into_text().is_empty());
        let text = write(&mut state, b"\xdc").unwrap().into_text();
        assert_eq!(text, JsText::Utf16(vec![0xd83d, 0xdc4d]));
    }

    #[test]
    fn utf16_end_drops_an_odd_byte() {
        assert_eq!(decode_all(NodeEncoding::Utf16Le, &[b"a\x00b"]), "a");
    }

    #[test]
    fn base64_regroups_across_writes() {
        assert_eq!(
            decode_all(NodeEncoding::Base64, &[b"a", b"bc", b"d"]),
            "YWJjZA=="
        );
        assert_eq!(
            decode_all(NodeEncoding::Base64Url, &[b"ab", b"cd"]),
            "YWJjZA"
        );
    }

    #[test]
    fn corrupt_counts_in_the_state_cannot_overrun_it() {
        let mut state = new_state(NodeEncoding::Utf8);
        state[MISSING] = 200;
        state[BUFFERED] = 200;
        let _ = write(&mut state, b"\x80\x80\x80\x80\x80")
            .unwrap()
            .into_text();
        let _ = flush_text(&mut state).unwrap();
    }

    #[test]
    fn an_unknown_encoding_id_is_an_error() {
        let mut state = new_state(NodeEncoding::Utf8);
        state[ENCODING] = 6;
        assert_eq!(write(&mut state, b"x"), Err(UnknownEncodingId(6)));
    }

    #[test]
    fn the_whatwg_marker_is_no_node_encoding_and_fits_the_slot() {
        let marker = u8::try_from(DECODER_STATE_WHATWG_ENCODING).unwrap();
        let mut state = new_state(NodeEncoding::Utf8);
        state[ENCODING] = marker;
        assert_eq!(write(&mut state, b"x"), Err(UnknownEncodingId(marker)));
        assert_eq!(flush(&mut state), Err(UnknownEncodingId(marker)));
    }

    #[test]
    fn counts_written_into_the_state_by_js_never_make_a_write_panic() {
        // Found by the string_decoder fuzz target: a buffered count with nothing
        // missing (Node's own states never hold one; JS code can write it) made the
        // held tail longer than the chunk.
        for encoding in [
            NodeEncoding::Utf8,
            NodeEncoding::Utf16Le,
            NodeEncoding::Base64,
        ] {
            let mut state = new_state(encoding);
            state[BUFFERED] = 4;
            state[MISSING] = 0;
            let decoded = write(&mut state, b"a").expect("known encoding");
            let _ = decoded.into_text();
            assert!(usize::from(state[BUFFERED]) <= 1);
        }
    }
}
